// The monitor's domain rules: who may see and change what, reporting rounds (open, report, review, lock),
// reminders, the sample plan from the letter, and the data behind the annex. No SQL here (repository.ts), no
// HTTP (routes.ts). A locked round never changes: refused here, and by the database's triggers as well.
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditEntry } from '../../platform/audit/service.js';
import type { Role } from '../../platform/auth/index.js';
import { HttpError, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import { I18n } from '../../platform/i18n/index.js';
import type { OutgoingMail } from '../../platform/mail/index.js';
import { buildAnnex, compareRounds, type Annex } from './annex.js';
import { createInventoryService } from './inventory-service.js';
import { createPlanService } from './plan-service.js';
import { createPoolService } from './pool-service.js';
import type { RegionsView } from './desks.js';
import * as repo from './repository.js';
import type { ServiceRecord, TaxonomyTerm } from '../directory/index.js';
import { loadSamplePlan } from './sample-loader.js';
import {
  ACTION_STATUSES,
  isActionStatus,
  type Action,
  type ActionDetail,
  type ActionLine,
  type ActionStatus,
  type MonitorActor,
  type Round,
  type RoundEntry,
  type RoundIndicatorValue,
  type RoundProgress,
} from './types.js';

export interface MonitorDeps {
  db: Kysely<Database>;
  clock: () => Date;
  audit: { record(entry: AuditEntry, trx?: Transaction<Database> | Kysely<Database>): Promise<void> };
  mail: { enqueue(mail: OutgoingMail, trx?: Transaction<Database> | Kysely<Database>): Promise<void> };
  config: { publicOrigin: string };
  /** The directory's door: reporting points and knowledge centres are counted from it, live. */
  directory?: {
    allServices(): Promise<ServiceRecord[]>;
    termMap(): Promise<Map<string, TaxonomyTerm>>;
    regions(): Promise<RegionsView>;
  };
  newId?: () => string;
  i18n?: I18n;
}

/** Roles that run the programme: open, review and lock rounds, edit every action. */
export const TEAM_ROLES: readonly Role[] = ['programme_team', 'admin'];
/** Roles that may read the plan, the rounds and the annex. */
export const READ_ROLES: readonly Role[] = [
  'programme_team',
  'admin',
  'action_owner',
  'monitor_viewer',
  'pool_coordinator',
];

export const isTeam = (role: Role) => TEAM_ROLES.includes(role);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A period an indicator value is about: a year, a span of years, a quarter or a half year. */
const PERIOD = /^\d{4}(-\d{4}|-Q[1-4]|-H[12])?$/;

export function isValidDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today in the Netherlands (rounds and deadlines are Dutch calendar days). */
export function amsterdamDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

export class RoundLocked extends HttpError {
  constructor() {
    super(409, 'round_locked', 'monitor.error.roundLocked');
  }
}

export interface EntryInput {
  status: string;
  narrative: string;
  values: { indicatorId: string; period: string; value: string; note?: string }[];
}

export interface RoundView {
  round: Round;
  entries: RoundEntry[];
  values: RoundIndicatorValue[];
  progress: RoundProgress;
}

function progressOf(entries: RoundEntry[]): RoundProgress {
  const byReview = { pending: 0, submitted: 0, changes_requested: 0, accepted: 0 };
  for (const e of entries) byReview[e.reviewState]++;
  return { total: entries.length, byReview };
}

export function createMonitorService(deps: MonitorDeps) {
  const { db, clock, audit } = deps;
  const newId = deps.newId ?? randomUUID;
  const i18n = deps.i18n ?? new I18n();

  /** The organisation an action owner reports for (undefined: not linked yet). */
  /** Campaigns may run up to next year (planned ones). */
  const maxCampaignYear = () => Number(amsterdamDate(clock()).slice(0, 4)) + 1;

  async function organisationOf(actor: MonitorActor) {
    return repo.organisationOfUser(db, actor.id);
  }

  async function assertCanEdit(actor: MonitorActor, ownerId: string) {
    if (isTeam(actor.role)) return;
    if (actor.role === 'action_owner') {
      const org = await organisationOf(actor);
      if (org && org.id === ownerId) return;
    }
    throw new HttpError(403, 'forbidden', 'monitor.error.notYourAction');
  }

  function assertTeam(actor: MonitorActor) {
    if (!isTeam(actor.role)) throw new HttpError(403, 'forbidden', 'errors.forbidden');
  }

  async function getRound(id: string): Promise<Round> {
    const round = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findRound(db, id) : undefined;
    if (!round) throw new HttpError(404, 'not_found', 'errors.notFound');
    return round;
  }

  /** The locked round before this one (by opening date), if any. */
  async function previousLocked(round: Round): Promise<Round | undefined> {
    const rounds = await repo.listRounds(db);
    const index = rounds.findIndex((r) => r.id === round.id);
    return rounds
      .slice(0, Math.max(0, index))
      .reverse()
      .find((r) => r.status === 'locked');
  }

  async function roundView(round: Round, filter: { ownerId?: string } = {}): Promise<RoundView> {
    const [entries, values] = await Promise.all([
      repo.listEntries(db, [round.id], filter),
      repo.roundIndicatorValues(db, [round.id]),
    ]);
    return { round, entries, values: values.get(round.id) ?? [], progress: progressOf(entries) };
  }

  function validateEntry(
    input: EntryInput,
    indicators: { id: string; min: number | null; max: number | null }[],
  ): {
    status: ActionStatus;
    narrative: string;
    values: { indicatorId: string; period: string; value: number; note: string }[];
  } {
    const problems: FieldProblem[] = [];
    if (!isActionStatus(input.status))
      problems.push({
        field: 'status',
        key: 'monitor.error.status',
        params: { values: ACTION_STATUSES.join(', ') },
      });
    const narrative = input.narrative.trim();
    if (narrative.length > 4000)
      problems.push({ field: 'narrative', key: 'monitor.error.tooLong', params: { max: 4000 } });
    const values: { indicatorId: string; period: string; value: number; note: string }[] = [];
    input.values.forEach((v, i) => {
      const indicator = indicators.find((x) => x.id === v.indicatorId);
      const field = `values[${i}]`;
      if (!indicator) {
        problems.push({ field: `${field}.indicator`, key: 'monitor.error.indicator' });
        return;
      }
      const raw = v.value.trim().replace(',', '.');
      const period = v.period.trim();
      if (raw === '' && period === '') return;
      if (!PERIOD.test(period)) problems.push({ field: `${field}.period`, key: 'monitor.error.period' });
      const value = Number(raw);
      if (raw === '' || !Number.isFinite(value)) {
        problems.push({ field: `${field}.value`, key: 'monitor.error.number' });
        return;
      }
      if (
        (indicator.min !== null && value < indicator.min) ||
        (indicator.max !== null && value > indicator.max)
      )
        problems.push(
          indicator.min !== null && indicator.max !== null
            ? {
                field: `${field}.value`,
                key: 'monitor.error.range',
                params: { min: indicator.min, max: indicator.max },
              }
            : indicator.min !== null
              ? { field: `${field}.value`, key: 'monitor.error.min', params: { min: indicator.min } }
              : { field: `${field}.value`, key: 'monitor.error.max', params: { max: indicator.max! } },
        );
      if (values.some((x) => x.indicatorId === v.indicatorId && x.period === period))
        problems.push({ field: `${field}.period`, key: 'monitor.error.duplicatePeriod' });
      values.push({ indicatorId: v.indicatorId, period, value, note: (v.note ?? '').trim().slice(0, 500) });
    });
    if (problems.length) throw new ValidationFailed(problems);
    return { status: input.status as ActionStatus, narrative, values };
  }

  const service = {
    // The campaign inventory and the desk counts (inventory-service.ts).
    ...createInventoryService({
      db,
      clock,
      audit,
      newId,
      assertTeam,
      maxCampaignYear,
      directory: deps.directory,
    }),
    // Editing the plan and the commitments (plan-service.ts).
    ...createPlanService({
      db,
      clock,
      audit,
      newId,
      isValidDate,
      today: () => amsterdamDate(clock()),
      assertTeam,
      assertCanEdit,
    }),
    // The expert pool and the mirror group (pool-service.ts).
    ...createPoolService({ db, clock, audit, newId, organisationOf, isValidDate }),

    now: () => clock(),

    organisationOf,

    async organisations() {
      return repo.listOrganisations(db);
    },

    async lines(): Promise<ActionLine[]> {
      return repo.listLines(db);
    },

    /** The whole plan: lines with their actions, in order. */
    async plan(): Promise<{ line: ActionLine; actions: Action[] }[]> {
      const [lines, actions] = await Promise.all([repo.listLines(db), repo.listActions(db)]);
      return lines.map((line) => ({ line, actions: actions.filter((a) => a.lineId === line.id) }));
    },

    /** Milestones whose planned date has passed without being reached (of actions still open). */
    async overdueMilestones() {
      return repo.overdueMilestones(db, amsterdamDate(clock()));
    },

    async action(id: string): Promise<ActionDetail | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const [action] = await repo.listActions(db, { ids: [id] });
      if (!action) return undefined;
      const [lines, milestones, indicators, commitments] = await Promise.all([
        repo.listLines(db),
        repo.listMilestones(db, id),
        repo.listIndicators(db, [id]),
        repo.listCommitments(db, { actionId: id }),
      ]);
      return {
        ...action,
        line: lines.find((l) => l.id === action.lineId)!,
        milestones,
        indicators,
        commitments,
      };
    },

    async commitments() {
      return repo.listCommitments(db);
    },

    // ---- action owners and their organisations ----------------------------------------------------------

    async owners() {
      return repo.linkedUsers(db);
    },

    /** Links a user to the organisation they report for (programme team). */
    async linkOwner(userId: string, organisationId: string, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      const orgs = await repo.listOrganisations(db);
      if (!orgs.some((o) => o.id === organisationId))
        throw new ValidationFailed([{ field: 'organisation', key: 'monitor.error.organisation' }]);
      await db.transaction().execute(async (trx) => {
        const user = /^[0-9a-f-]{36}$/i.test(userId)
          ? await trx
              .selectFrom('app_user')
              .select(['id', 'role'])
              .where('id', '=', userId)
              .executeTakeFirst()
          : undefined;
        if (!user || (user.role !== 'action_owner' && user.role !== 'requesting_organisation'))
          throw new ValidationFailed([{ field: 'user', key: 'monitor.error.user' }]);
        await repo.linkUser(trx, userId, organisationId);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.owner.link',
            entityType: 'app_user',
            entityId: userId,
            detail: { organisationId },
          },
          trx,
        );
      });
    },

    // ---- rounds -----------------------------------------------------------------------------------------

    async rounds(): Promise<(Round & { progress: RoundProgress })[]> {
      const rounds = await repo.listRounds(db);
      const entries = await repo.listEntries(
        db,
        rounds.map((r) => r.id),
      );
      return rounds.map((r) => ({ ...r, progress: progressOf(entries.filter((e) => e.roundId === r.id)) }));
    },

    getRound,
    previousLocked,

    /** A round with its entries: all of them for readers, an action owner's own for an action owner. */
    async round(id: string, actor: MonitorActor): Promise<RoundView & { ownerOnly: boolean }> {
      const round = await getRound(id);
      if (actor.role === 'action_owner') {
        const org = await organisationOf(actor);
        return {
          ...(await roundView(round, { ownerId: org?.id ?? '00000000-0000-0000-0000-000000000000' })),
          ownerOnly: true,
        };
      }
      return { ...(await roundView(round)), ownerOnly: false };
    },

    /** The entries of a round, unfiltered (the annex and comparison are read by everyone who may read). */
    roundView,

    async entry(roundId: string, actionId: string, actor: MonitorActor) {
      const round = await getRound(roundId);
      const entry = /^[0-9a-f-]{36}$/i.test(actionId)
        ? await repo.findEntry(db, roundId, actionId)
        : undefined;
      if (!entry) throw new HttpError(404, 'not_found', 'errors.notFound');
      if (actor.role === 'action_owner') await assertCanEdit(actor, entry.ownerId);
      const [indicators, values] = await Promise.all([
        repo.listIndicators(db, [actionId]),
        repo.roundIndicatorValues(db, [roundId]),
      ]);
      const canEdit =
        round.status === 'open' &&
        (isTeam(actor.role) ||
          (actor.role === 'action_owner' && (await organisationOf(actor))?.id === entry.ownerId));
      return {
        round,
        entry,
        indicators,
        values: (values.get(roundId) ?? []).filter((v) => v.actionId === actionId),
        canEdit,
      };
    },

    /** Opens a round: one entry per action, carrying the action's status and the last locked narrative. */
    async openRound(
      input: { name: string; deadline: string; letter?: string },
      actor: MonitorActor,
    ): Promise<Round> {
      assertTeam(actor);
      const name = input.name.trim();
      const deadline = input.deadline.trim();
      const letter = (input.letter ?? '').trim();
      const today = amsterdamDate(clock());
      const problems: FieldProblem[] = [];
      if (name.length < 1 || name.length > 100)
        problems.push({ field: 'name', key: 'monitor.error.length', params: { min: 1, max: 100 } });
      else if (await repo.roundNameTaken(db, name))
        problems.push({ field: 'name', key: 'monitor.error.roundNameTaken' });
      if (!isValidDate(deadline)) problems.push({ field: 'deadline', key: 'monitor.error.date' });
      else if (deadline < today) problems.push({ field: 'deadline', key: 'monitor.error.deadlinePast' });
      if (letter.length > 200)
        problems.push({ field: 'letter', key: 'monitor.error.tooLong', params: { max: 200 } });
      if (problems.length) throw new ValidationFailed(problems);

      const id = newId();
      const now = clock();
      const rounds = await repo.listRounds(db);
      const lastLocked = [...rounds].reverse().find((r) => r.status === 'locked');
      const previous = lastLocked ? await repo.listEntries(db, [lastLocked.id]) : [];
      // Indicator values are carried over too: an owner who reports nothing new leaves the figures as they stood.
      const previousValues = lastLocked
        ? ((await repo.roundIndicatorValues(db, [lastLocked.id])).get(lastLocked.id) ?? [])
        : [];
      const [lines, actions] = await Promise.all([repo.listLines(db), repo.listActions(db)]);
      await db.transaction().execute(async (trx) => {
        await repo.insertRound(trx, { id, name, letter, openedOn: today, deadline, openedBy: actor.id, now });
        await repo.insertEntries(
          trx,
          actions.map((a) => {
            const line = lines.find((l) => l.id === a.lineId)!;
            const before = previous.find((p) => p.actionId === a.id);
            return {
              roundId: id,
              actionId: a.id,
              actionCode: a.code,
              actionTitle: a.title,
              lineCode: line.code,
              lineTitle: line.title,
              linePosition: line.position,
              actionPosition: a.position,
              ownerId: a.owner.id,
              ownerName: a.owner.name,
              status: a.status,
              narrative: before?.narrative ?? a.description,
              reviewState: 'pending',
              reviewNote: '',
              updatedAt: null,
            };
          }),
        );
        for (const v of previousValues)
          await repo.insertIndicatorValue(trx, {
            id: newId(),
            indicatorId: v.indicatorId,
            roundId: id,
            period: v.period,
            value: v.value,
            note: v.note,
            now,
          });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.round.open',
            entityType: 'monitor_round',
            entityId: id,
            detail: { actions: actions.length },
          },
          trx,
        );
      });
      return (await repo.findRound(db, id))!;
    },

    /** An owner's (or the team's) update of one action in an open round: status, narrative, indicator values. */
    async saveEntry(
      roundId: string,
      actionId: string,
      input: EntryInput,
      actor: MonitorActor,
    ): Promise<void> {
      const round = await getRound(roundId);
      const entry = /^[0-9a-f-]{36}$/i.test(actionId)
        ? await repo.findEntry(db, roundId, actionId)
        : undefined;
      if (!entry) throw new HttpError(404, 'not_found', 'errors.notFound');
      await assertCanEdit(actor, entry.ownerId);
      if (round.status === 'locked') throw new RoundLocked();
      const indicators = await repo.listIndicators(db, [actionId]);
      const valid = validateEntry(input, indicators);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        await repo.updateEntry(trx, roundId, actionId, {
          status: valid.status,
          narrative: valid.narrative,
          reviewState: 'submitted',
          updatedBy: actor.id,
          updatedAt: now,
        });
        await repo.deleteRoundValues(
          trx,
          roundId,
          indicators.map((i) => i.id),
        );
        for (const v of valid.values)
          await repo.insertIndicatorValue(trx, { id: newId(), roundId, now, ...v });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.entry.submit',
            entityType: 'monitor_round_entry',
            entityId: `${roundId}/${actionId}`,
            detail: { status: valid.status, values: valid.values.length },
          },
          trx,
        );
      });
    },

    /** The team accepts an update or asks for changes (with a note saying what). */
    async review(
      roundId: string,
      actionId: string,
      input: { decision: string; note: string },
      actor: MonitorActor,
    ): Promise<void> {
      assertTeam(actor);
      const round = await getRound(roundId);
      const entry = /^[0-9a-f-]{36}$/i.test(actionId)
        ? await repo.findEntry(db, roundId, actionId)
        : undefined;
      if (!entry) throw new HttpError(404, 'not_found', 'errors.notFound');
      if (round.status === 'locked') throw new RoundLocked();
      const note = input.note.trim();
      const problems: FieldProblem[] = [];
      if (input.decision !== 'accept' && input.decision !== 'request_changes')
        problems.push({ field: 'decision', key: 'monitor.error.decision' });
      if (input.decision === 'request_changes' && note.length === 0)
        problems.push({ field: 'note', key: 'monitor.error.noteRequired' });
      if (note.length > 2000)
        problems.push({ field: 'note', key: 'monitor.error.tooLong', params: { max: 2000 } });
      if (problems.length) throw new ValidationFailed(problems);
      const reviewState = input.decision === 'accept' ? 'accepted' : 'changes_requested';
      await db.transaction().execute(async (trx) => {
        await repo.updateEntry(trx, roundId, actionId, { reviewState, reviewNote: note });
        await audit.record(
          {
            actorUserId: actor.id,
            action: `monitor.entry.${input.decision}`,
            entityType: 'monitor_round_entry',
            entityId: `${roundId}/${actionId}`,
          },
          trx,
        );
      });
    },

    /**
     * Locks a round: refused while an update awaits review or a change was asked for. Pending entries (no update
     * received) keep what was carried over. The actions take the statuses of the locked round.
     */
    async lockRound(roundId: string, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      const round = await getRound(roundId);
      if (round.status === 'locked') throw new RoundLocked();
      const entries = await repo.listEntries(db, [roundId]);
      const open = entries.filter(
        (e) => e.reviewState === 'submitted' || e.reviewState === 'changes_requested',
      );
      if (open.length)
        throw new HttpError(409, 'conflict', 'monitor.error.unreviewed', [
          {
            field: 'round',
            key: 'monitor.error.unreviewedList',
            params: { codes: open.map((e) => e.actionCode).join(', ') },
          },
        ]);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.lockRound(trx, roundId, actor.id, now))) throw new RoundLocked();
        for (const e of entries) await repo.setActionStatus(trx, e.actionId, e.status, now);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.round.lock',
            entityType: 'monitor_round',
            entityId: roundId,
          },
          trx,
        );
      });
    },

    /**
     * Reminders for open rounds: one mail per organisation with updates still to give (pending or changes
     * asked), to the action owners linked to it, at most once a day. The mail names the round, the deadline and
     * the actions: no personal data beyond the recipients' addresses.
     */
    async sendReminders(
      options: { roundId?: string; actor?: MonitorActor; dueWithinDays?: number } = {},
    ): Promise<{ mails: number }> {
      if (options.actor) assertTeam(options.actor);
      const now = clock();
      const today = amsterdamDate(now);
      // The job reminds only when the deadline is near (or past); the team's button reminds at once.
      const horizon =
        options.dueWithinDays === undefined
          ? undefined
          : amsterdamDate(new Date(now.getTime() + options.dueWithinDays * 86_400_000));
      const rounds = (await repo.listRounds(db)).filter(
        (r) =>
          r.status === 'open' &&
          (!options.roundId || r.id === options.roundId) &&
          (horizon === undefined || r.deadline <= horizon),
      );
      if (options.roundId && rounds.length === 0) {
        await getRound(options.roundId);
        throw new RoundLocked();
      }
      const users = (await repo.linkedUsers(db)).filter((u) => u.role === 'action_owner');
      const t = i18n.translator('nl');
      const en = i18n.translator('en');
      let mails = 0;
      for (const round of rounds) {
        const entries = (await repo.listEntries(db, [round.id])).filter(
          (e) => e.reviewState === 'pending' || e.reviewState === 'changes_requested',
        );
        const byOrg = new Map<string, RoundEntry[]>();
        for (const e of entries) byOrg.set(e.ownerId, [...(byOrg.get(e.ownerId) ?? []), e]);
        for (const [orgId, list] of byOrg) {
          const to = users.filter((u) => u.organisationId === orgId).map((u) => u.email);
          if (to.length === 0) continue;
          const link = `${deps.config.publicOrigin}/monitor/rounds/${round.id}`;
          const actions = list.map((e) => `- ${e.actionCode} ${e.actionTitle}`).join('\n');
          const params = { round: round.name, deadline: round.deadline, count: list.length, link };
          const text = `${t('monitor.mail.body', params)}\n\n${actions}\n\n${link}\n\n---\n\n${en('monitor.mail.body', params)}\n`;
          await db.transaction().execute(async (trx) => {
            const fresh = await repo.recordReminder(trx, {
              roundId: round.id,
              organisationId: orgId,
              sentOn: today,
              recipients: to.length,
            });
            if (!fresh) return;
            await deps.mail.enqueue(
              { to, subject: t('monitor.mail.subject', { round: round.name }), text },
              trx,
            );
            mails++;
          });
        }
      }
      if (options.actor)
        await audit.record({
          actorUserId: options.actor.id,
          action: 'monitor.round.remind',
          entityType: 'monitor_round',
          entityId: options.roundId ?? null,
          detail: { mails },
        });
      return { mails };
    },

    /** The annex of a locked round, compared with the locked round before it. */
    async annex(roundId: string): Promise<Annex> {
      const round = await getRound(roundId);
      if (round.status !== 'locked') throw new HttpError(409, 'conflict', 'monitor.error.annexOpen');
      const prev = await previousLocked(round);
      const [mine, theirs] = await Promise.all([roundView(round), prev ? roundView(prev) : undefined]);
      return buildAnnex({
        round,
        entries: mine.entries,
        values: mine.values,
        previous:
          prev && theirs ? { round: prev, entries: theirs.entries, values: theirs.values } : undefined,
      });
    },

    /** Two rounds side by side (any two, open or locked). */
    async compare(leftId: string, rightId: string) {
      const [left, right] = await Promise.all([getRound(leftId), getRound(rightId)]);
      const entries = await repo.listEntries(db, [left.id, right.id]);
      return {
        left,
        right,
        rows: compareRounds(
          entries.filter((e) => e.roundId === left.id),
          entries.filter((e) => e.roundId === right.id),
        ),
      };
    },

    // ---- the sample plan ------------------------------------------------------------------------------------

    /**
     * Loads the action plan, commitments and the locked round "voorjaar 2025" from the letter of 4 July 2025,
     * when the plan is empty (what owners keep current afterwards is never overwritten).
     */
    async loadSamplePlan(): Promise<{ lines: number; actions: number } | undefined> {
      return loadSamplePlan(db, clock, newId);
    },
  };
  return service;
}

export type MonitorService = ReturnType<typeof createMonitorService>;
