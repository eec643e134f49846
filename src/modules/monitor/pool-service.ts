// The expert pool and the mirror group, as part of the monitor's service. Who sees what:
// - the pool coordinator sees the profiles, the suggestions and (audited, one at a time) a member's real identity;
// - a requesting organisation submits assignments and sees its own, with the pseudonym of the expert assigned;
// - the mirror group's meetings and advice are read by everyone who reads the monitor; the coordinator records
//   meetings and advice, the programme team records what was done with each piece of advice.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditEntry } from '../../platform/audit/service.js';
import type { Role } from '../../platform/auth/index.js';
import { HttpError, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import {
  fee,
  parseList,
  rankExperts,
  validateNeeds,
  type Expert,
  type ExpertIdentity,
  type Suggestion,
} from './pool.js';
import type { MonitorActor, Organisation } from './types.js';

interface PoolDeps {
  db: Kysely<Database>;
  clock: () => Date;
  audit: { record(entry: AuditEntry, trx?: Transaction<Database> | Kysely<Database>): Promise<void> };
  newId: () => string;
  organisationOf: (actor: MonitorActor) => Promise<Organisation | undefined>;
  isValidDate: (value: string) => boolean;
}

export const POOL_ROLES: readonly Role[] = ['pool_coordinator', 'requesting_organisation'];
const COORDINATOR: readonly Role[] = ['pool_coordinator'];
export const ADVICE_STATUSES = ['open', 'adopted', 'partly_adopted', 'not_adopted'] as const;

export interface Assignment {
  id: string;
  organisation: Organisation;
  title: string;
  description: string;
  forms: string[];
  minors: boolean;
  labourMigration: boolean;
  languages: string[];
  hoursEstimated: number;
  rateCode: string | null;
  status: 'requested' | 'assigned' | 'completed' | 'cancelled';
  expert: { id: string; pseudonym: string } | null;
  hoursWorked: number | null;
  fee: number | null;
  paymentStatus: 'not_due' | 'due' | 'paid';
  createdAt: Date;
}

export interface Rate {
  code: string;
  description: string;
  hourlyRate: number;
}

export interface MirrorMeeting {
  id: string;
  heldOn: string;
  participants: number;
  topics: string;
  advice: {
    id: string;
    lineId: string | null;
    summary: string;
    solicited: boolean;
    responseStatus: (typeof ADVICE_STATUSES)[number];
    response: string;
    respondedOn: string | null;
  }[];
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max + 1) : '');
const bool = (v: unknown) => v === true || v === 'on' || v === 'true' || v === '1';
const UUID = /^[0-9a-f-]{36}$/i;

export function createPoolService(deps: PoolDeps) {
  const { db, clock, audit, newId } = deps;

  function assertRole(actor: MonitorActor, roles: readonly Role[]) {
    if (!roles.includes(actor.role)) throw new HttpError(403, 'forbidden', 'errors.forbidden');
  }

  async function readExperts(): Promise<Expert[]> {
    const rows = await db
      .selectFrom('monitor_expert')
      .select([
        'id',
        'pseudonym',
        'forms',
        'minors',
        'labour_migration',
        'languages',
        'available',
        'hours_per_month',
      ])
      .orderBy('pseudonym')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      pseudonym: r.pseudonym,
      forms: r.forms,
      minors: r.minors,
      labourMigration: r.labour_migration,
      languages: r.languages,
      available: r.available,
      hoursPerMonth: r.hours_per_month,
    }));
  }

  async function readRates(): Promise<Rate[]> {
    const rows = await db.selectFrom('monitor_rate').selectAll().orderBy('code').execute();
    return rows.map((r) => ({ code: r.code, description: r.description, hourlyRate: Number(r.hourly_rate) }));
  }

  async function readAssignments(
    filter: { organisationId?: string; id?: string } = {},
  ): Promise<Assignment[]> {
    let query = db
      .selectFrom('monitor_assignment as a')
      .innerJoin('monitor_organisation as o', 'o.id', 'a.organisation_id')
      .leftJoin('monitor_expert as e', 'e.id', 'a.expert_id')
      .leftJoin('monitor_rate as r', 'r.code', 'a.rate_code')
      .select([
        'a.id',
        'a.title',
        'a.description',
        'a.forms',
        'a.minors',
        'a.labour_migration',
        'a.languages',
        'a.hours_estimated',
        'a.rate_code',
        'a.status',
        'a.hours_worked',
        'a.payment_status',
        'a.created_at',
        'o.id as org_id',
        'o.name as org_name',
        'e.id as expert_id',
        'e.pseudonym',
        'r.hourly_rate',
      ])
      .orderBy('a.created_at', 'desc');
    if (filter.organisationId) query = query.where('a.organisation_id', '=', filter.organisationId);
    if (filter.id) query = query.where('a.id', '=', filter.id);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      organisation: { id: r.org_id, name: r.org_name },
      title: r.title,
      description: r.description,
      forms: r.forms,
      minors: r.minors,
      labourMigration: r.labour_migration,
      languages: r.languages,
      hoursEstimated: Number(r.hours_estimated),
      rateCode: r.rate_code,
      status: r.status as Assignment['status'],
      expert: r.expert_id && r.pseudonym ? { id: r.expert_id, pseudonym: r.pseudonym } : null,
      hoursWorked: r.hours_worked === null ? null : Number(r.hours_worked),
      fee: fee(
        r.hours_worked === null ? null : Number(r.hours_worked),
        r.hourly_rate === null ? null : Number(r.hourly_rate),
      ),
      paymentStatus: r.payment_status as Assignment['paymentStatus'],
      createdAt: r.created_at,
    }));
  }

  async function findAssignment(id: string, actor: MonitorActor): Promise<Assignment> {
    const [found] = UUID.test(id) ? await readAssignments({ id }) : [];
    if (!found) throw new HttpError(404, 'not_found', 'errors.notFound');
    if (actor.role === 'requesting_organisation') {
      const org = await deps.organisationOf(actor);
      if (org?.id !== found.organisation.id) throw new HttpError(403, 'forbidden', 'errors.forbidden');
    } else assertRole(actor, COORDINATOR);
    return found;
  }

  function number(raw: string, field: string, problems: FieldProblem[], o: { min: number; max: number }) {
    const n = Number(raw.replace(',', '.'));
    if (raw === '' || !Number.isFinite(n) || n < o.min || n > o.max) {
      problems.push({ field, key: 'monitor.error.range', params: { min: o.min, max: o.max } });
      return null;
    }
    return n;
  }

  return {
    async experts(actor: MonitorActor): Promise<Expert[]> {
      assertRole(actor, COORDINATOR);
      return readExperts();
    },

    /** A member's real name and contact: the coordinator only, and every look is in the audit trail. */
    async expertIdentity(id: string, actor: MonitorActor): Promise<Expert & ExpertIdentity> {
      assertRole(actor, COORDINATOR);
      const row = UUID.test(id)
        ? await db
            .selectFrom('monitor_expert')
            .select(['id', 'real_name', 'contact'])
            .where('id', '=', id)
            .executeTakeFirst()
        : undefined;
      const expert = (await readExperts()).find((e) => e.id === id);
      if (!row || !expert) throw new HttpError(404, 'not_found', 'errors.notFound');
      await audit.record({
        actorUserId: actor.id,
        action: 'monitor.expert.identity_view',
        entityType: 'monitor_expert',
        entityId: id,
      });
      return { ...expert, realName: row.real_name, contact: row.contact };
    },

    async addExpert(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertRole(actor, COORDINATOR);
      const pseudonym = text(input.pseudonym, 60);
      const realName = text(input.real_name, 200);
      const contact = text(input.contact, 200);
      const forms = parseList(input.forms as string | string[] | undefined);
      const languages = parseList(input.languages as string | undefined);
      const problems: FieldProblem[] = validateNeeds({ forms, languages });
      if (pseudonym.length < 2 || pseudonym.length > 60)
        problems.push({ field: 'pseudonym', key: 'monitor.error.length', params: { min: 2, max: 60 } });
      if (realName.length < 2 || realName.length > 200)
        problems.push({ field: 'real_name', key: 'monitor.error.length', params: { min: 2, max: 200 } });
      if (pseudonym && realName && pseudonym.toLowerCase() === realName.toLowerCase())
        problems.push({ field: 'pseudonym', key: 'monitor.error.pseudonymIsName' });
      if (contact.length > 200)
        problems.push({ field: 'contact', key: 'monitor.error.tooLong', params: { max: 200 } });
      const hoursRaw = text(input.hours_per_month, 10);
      const hours =
        hoursRaw === '' ? null : number(hoursRaw, 'hours_per_month', problems, { min: 0, max: 200 });
      if (hours !== null && !Number.isInteger(hours))
        problems.push({ field: 'hours_per_month', key: 'monitor.error.number' });
      const taken = await db
        .selectFrom('monitor_expert')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['pseudonym']), '=', pseudonym.toLowerCase()))
        .executeTakeFirst();
      if (taken) problems.push({ field: 'pseudonym', key: 'monitor.error.pseudonymTaken' });
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('monitor_expert')
          .values({
            id,
            pseudonym,
            real_name: realName,
            contact,
            forms,
            minors: bool(input.minors),
            labour_migration: bool(input.labour_migration),
            languages,
            available: input.available === undefined ? true : bool(input.available),
            hours_per_month: hours,
            created_at: clock(),
          })
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.expert.create',
            entityType: 'monitor_expert',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    async rates(): Promise<Rate[]> {
      return readRates();
    },

    async setRate(input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const code = text(input.code, 40).toLowerCase();
      const description = text(input.description, 200);
      const problems: FieldProblem[] = [];
      if (!/^[a-z][a-z0-9_-]{1,39}$/.test(code))
        problems.push({ field: 'code', key: 'monitor.error.rateCode' });
      if (description.length < 2 || description.length > 200)
        problems.push({ field: 'description', key: 'monitor.error.length', params: { min: 2, max: 200 } });
      const rate = number(text(input.hourly_rate, 20), 'hourly_rate', problems, { min: 1, max: 1000 });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('monitor_rate')
          .values({ code, description, hourly_rate: rate! })
          .onConflict((oc) => oc.column('code').doUpdateSet({ description, hourly_rate: rate! }))
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.rate.set',
            entityType: 'monitor_rate',
            entityId: code,
            detail: { hourlyRate: rate! },
          },
          trx,
        );
      });
    },

    /** A requesting organisation's assignments (its own), or all of them for the coordinator. */
    async assignments(actor: MonitorActor): Promise<Assignment[]> {
      if (actor.role === 'requesting_organisation') {
        const org = await deps.organisationOf(actor);
        return org ? readAssignments({ organisationId: org.id }) : [];
      }
      assertRole(actor, COORDINATOR);
      return readAssignments();
    },

    async assignment(
      id: string,
      actor: MonitorActor,
    ): Promise<{ assignment: Assignment; suggestions: Suggestion[] }> {
      const assignment = await findAssignment(id, actor);
      if (actor.role !== 'pool_coordinator') return { assignment, suggestions: [] };
      const load = new Map<string, number>();
      for (const a of await readAssignments())
        if (a.status === 'assigned' && a.expert) load.set(a.expert.id, (load.get(a.expert.id) ?? 0) + 1);
      return { assignment, suggestions: rankExperts(assignment, await readExperts(), load) };
    },

    async requestAssignment(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertRole(actor, ['requesting_organisation']);
      const org = await deps.organisationOf(actor);
      if (!org) throw new HttpError(403, 'forbidden', 'monitor.error.notLinked');
      const title = text(input.title, 200);
      const description = text(input.description, 4000);
      const forms = parseList(input.forms as string | string[] | undefined);
      const languages = parseList(input.languages as string | undefined);
      const problems = validateNeeds({ forms, languages });
      if (title.length < 3 || title.length > 200)
        problems.push({ field: 'title', key: 'monitor.error.length', params: { min: 3, max: 200 } });
      if (description.length > 4000)
        problems.push({ field: 'description', key: 'monitor.error.tooLong', params: { max: 4000 } });
      const hours = number(text(input.hours_estimated, 10), 'hours_estimated', problems, {
        min: 0.5,
        max: 500,
      });
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('monitor_assignment')
          .values({
            id,
            organisation_id: org.id,
            requested_by: actor.id,
            title,
            description,
            forms,
            minors: bool(input.minors),
            labour_migration: bool(input.labour_migration),
            languages,
            hours_estimated: hours!,
            created_at: clock(),
          })
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.request',
            entityType: 'monitor_assignment',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    async assign(id: string, expertId: string, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'requested')
        throw new HttpError(409, 'conflict', 'monitor.error.notRequested');
      const expert = (await readExperts()).find((e) => e.id === expertId);
      if (!expert || !expert.available)
        throw new ValidationFailed([{ field: 'expert', key: 'monitor.error.expert' }]);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_assignment')
          .set({ status: 'assigned', expert_id: expertId, assigned_at: clock() })
          .where('id', '=', id)
          .where('status', '=', 'requested')
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.assign',
            entityType: 'monitor_assignment',
            entityId: id,
            detail: { expertId },
          },
          trx,
        );
      });
    },

    /** Hours worked at a rate of the rate card: the assignment is completed and its fee falls due. */
    async recordHours(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'assigned' && assignment.status !== 'completed')
        throw new HttpError(409, 'conflict', 'monitor.error.notAssigned');
      if (assignment.paymentStatus === 'paid') throw new HttpError(409, 'conflict', 'monitor.error.paid');
      const problems: FieldProblem[] = [];
      const hours = number(text(input.hours_worked, 10), 'hours_worked', problems, { min: 0, max: 1000 });
      const rateCode = text(input.rate_code, 40);
      if (!(await readRates()).some((r) => r.code === rateCode))
        problems.push({ field: 'rate_code', key: 'monitor.error.rate' });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_assignment')
          .set({ hours_worked: hours!, rate_code: rateCode, status: 'completed', payment_status: 'due' })
          .where('id', '=', id)
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.hours',
            entityType: 'monitor_assignment',
            entityId: id,
            detail: { hours: hours! },
          },
          trx,
        );
      });
    },

    async markPaid(id: string, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.paymentStatus !== 'due') throw new HttpError(409, 'conflict', 'monitor.error.notDue');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_assignment')
          .set({ payment_status: 'paid' })
          .where('id', '=', id)
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.assignment.paid',
            entityType: 'monitor_assignment',
            entityId: id,
          },
          trx,
        );
      });
    },

    // ---- the mirror group -----------------------------------------------------------------------------------

    async mirror(): Promise<MirrorMeeting[]> {
      const meetings = await db
        .selectFrom('monitor_mirror_meeting')
        .selectAll()
        .orderBy('held_on', 'desc')
        .execute();
      const advice = await db.selectFrom('monitor_mirror_advice').selectAll().orderBy('created_at').execute();
      return meetings.map((m) => ({
        id: m.id,
        heldOn: m.held_on,
        participants: m.participants,
        topics: m.topics,
        advice: advice
          .filter((a) => a.meeting_id === m.id)
          .map((a) => ({
            id: a.id,
            lineId: a.line_id,
            summary: a.summary,
            solicited: a.solicited,
            responseStatus: a.response_status as MirrorMeeting['advice'][number]['responseStatus'],
            response: a.response,
            respondedOn: a.responded_on,
          })),
      }));
    },

    async addMeeting(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertRole(actor, COORDINATOR);
      const heldOn = text(input.held_on, 10);
      const topics = text(input.topics, 2000);
      const problems: FieldProblem[] = [];
      if (!deps.isValidDate(heldOn)) problems.push({ field: 'held_on', key: 'monitor.error.date' });
      else if (heldOn > new Date(clock().getTime() + 86_400_000).toISOString().slice(0, 10))
        problems.push({ field: 'held_on', key: 'monitor.error.future' });
      const participants = number(text(input.participants, 5), 'participants', problems, { min: 0, max: 50 });
      if (participants !== null && !Number.isInteger(participants))
        problems.push({ field: 'participants', key: 'monitor.error.number' });
      if (topics.length > 2000)
        problems.push({ field: 'topics', key: 'monitor.error.tooLong', params: { max: 2000 } });
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('monitor_mirror_meeting')
          .values({ id, held_on: heldOn, participants: participants!, topics, created_at: clock() })
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.mirror.meeting',
            entityType: 'monitor_mirror_meeting',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    async addAdvice(meetingId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const meeting = UUID.test(meetingId)
        ? await db
            .selectFrom('monitor_mirror_meeting')
            .select('id')
            .where('id', '=', meetingId)
            .executeTakeFirst()
        : undefined;
      if (!meeting) throw new HttpError(404, 'not_found', 'errors.notFound');
      const summary = text(input.summary, 2000);
      const lineId = text(input.line_id, 40) || null;
      const problems: FieldProblem[] = [];
      if (summary.length < 3 || summary.length > 2000)
        problems.push({ field: 'summary', key: 'monitor.error.length', params: { min: 3, max: 2000 } });
      if (
        lineId &&
        !(
          UUID.test(lineId) &&
          (await db
            .selectFrom('monitor_action_line')
            .select('id')
            .where('id', '=', lineId)
            .executeTakeFirst())
        )
      )
        problems.push({ field: 'line_id', key: 'monitor.error.line' });
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        const id = newId();
        await trx
          .insertInto('monitor_mirror_advice')
          .values({
            id,
            meeting_id: meetingId,
            line_id: lineId,
            summary,
            solicited: input.solicited !== 'no',
            created_at: clock(),
          })
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.mirror.advice',
            entityType: 'monitor_mirror_advice',
            entityId: id,
          },
          trx,
        );
      });
    },

    /** What the programme did with a piece of advice. */
    async respondAdvice(
      adviceId: string,
      input: Record<string, unknown>,
      actor: MonitorActor,
    ): Promise<void> {
      assertRole(actor, ['programme_team', 'admin']);
      const status = text(input.response_status, 20);
      const response = text(input.response, 2000);
      const problems: FieldProblem[] = [];
      if (!(ADVICE_STATUSES as readonly string[]).includes(status) || status === 'open')
        problems.push({ field: 'response_status', key: 'monitor.error.adviceStatus' });
      if (response.length < 3 || response.length > 2000)
        problems.push({ field: 'response', key: 'monitor.error.length', params: { min: 3, max: 2000 } });
      if (problems.length) throw new ValidationFailed(problems);
      const found = UUID.test(adviceId)
        ? await db
            .selectFrom('monitor_mirror_advice')
            .select('id')
            .where('id', '=', adviceId)
            .executeTakeFirst()
        : undefined;
      if (!found) throw new HttpError(404, 'not_found', 'errors.notFound');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_mirror_advice')
          .set({ response_status: status, response, responded_on: clock().toISOString().slice(0, 10) })
          .where('id', '=', adviceId)
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.mirror.respond',
            entityType: 'monitor_mirror_advice',
            entityId: adviceId,
          },
          trx,
        );
      });
    },
  };
}
