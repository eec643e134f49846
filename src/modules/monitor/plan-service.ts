// Editing the plan, as part of the monitor's service: action lines and actions (programme team), milestones
// (the action's owner or the team), and motions and commitments (programme team). Every change is validated
// field by field (400 naming the field, nothing written) and audited.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditEntry } from '../../platform/audit/service.js';
import { HttpError, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import {
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  isActionStatus,
  ACTION_STATUSES,
  type Commitment,
  type MonitorActor,
} from './types.js';

interface PlanDeps {
  db: Kysely<Database>;
  clock: () => Date;
  audit: { record(entry: AuditEntry, trx?: Transaction<Database> | Kysely<Database>): Promise<void> };
  newId: () => string;
  isValidDate: (value: string) => boolean;
  today: () => string;
  assertTeam: (actor: MonitorActor) => void;
  assertCanEdit: (actor: MonitorActor, ownerId: string) => Promise<void>;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const UUID = /^[0-9a-f-]{36}$/i;

export function createPlanService(deps: PlanDeps) {
  const { db, clock, audit, newId } = deps;

  function length(problems: FieldProblem[], field: string, value: string, min: number, max: number) {
    if (value.length < min || value.length > max)
      problems.push({ field, key: 'monitor.error.length', params: { min, max } });
  }

  /** An existing organisation by id, or a new one by name (created in the caller's transaction). */
  async function organisation(
    trx: Transaction<Database>,
    input: { id: string; name: string },
  ): Promise<string> {
    if (input.id) return input.id;
    const found = await repo.findOrganisationByName(trx, input.name);
    if (found) return found.id;
    const id = newId();
    await repo.insertOrganisation(trx, { id, name: input.name });
    return id;
  }

  /** The place after the last action of a line. */
  async function nextPosition(executor: repo.Db, lineId: string): Promise<number> {
    const actions = (await repo.listActions(executor)).filter((a) => a.lineId === lineId);
    return actions.reduce((n, a) => Math.max(n, a.position), 0) + 1;
  }

  async function checkOrganisation(problems: FieldProblem[], field: string, id: string, name: string) {
    if (id) {
      if (!UUID.test(id) || !(await repo.listOrganisations(db)).some((o) => o.id === id))
        problems.push({ field, key: 'monitor.error.organisation' });
    } else length(problems, `${field}_name`, name, 2, 200);
  }

  /** A milestone's fields from a form: a title, and dates that exist (the date reached not in the future). */
  function readMilestone(input: Record<string, unknown>) {
    const title = text(input.title);
    const planned = text(input.planned_date);
    const actual = text(input.actual_date);
    const problems: FieldProblem[] = [];
    length(problems, 'title', title, 3, 300);
    if (planned && !deps.isValidDate(planned))
      problems.push({ field: 'planned_date', key: 'monitor.error.date' });
    checkReachedDate(problems, actual);
    return { title, plannedDate: planned || null, actualDate: actual || null, problems };
  }

  /** The date a milestone was reached: one that exists, not in the future (empty: not reached yet). */
  function checkReachedDate(problems: FieldProblem[], actual: string) {
    if (actual && !deps.isValidDate(actual))
      problems.push({ field: 'actual_date', key: 'monitor.error.date' });
    else if (actual && actual > deps.today())
      problems.push({ field: 'actual_date', key: 'monitor.error.future' });
  }

  /** An indicator's fields from a form: a name, a unit and an optional allowed range. */
  function readIndicator(input: Record<string, unknown>) {
    const name = text(input.name);
    const unit = text(input.unit);
    const problems: FieldProblem[] = [];
    length(problems, 'name', name, 3, 200);
    if (unit.length > 50) problems.push({ field: 'unit', key: 'monitor.error.tooLong', params: { max: 50 } });
    const bound = (field: 'min' | 'max') => {
      const raw = text(input[field]).replace(',', '.');
      if (raw === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n) || Math.abs(n) > 1e12) {
        problems.push({ field, key: 'monitor.error.number' });
        return null;
      }
      return n;
    };
    const min = bound('min');
    const max = bound('max');
    if (min !== null && max !== null && min > max)
      problems.push({ field: 'max', key: 'monitor.error.maxBelowMin' });
    return { name, unit, min, max, problems };
  }

  /** A motion's or commitment's fields from a form, its actions given by their codes. */
  async function readCommitment(input: Record<string, unknown>) {
    const kind = text(input.kind);
    const title = text(input.title);
    const summary = text(input.summary);
    const number = text(input.number);
    const madeOn = text(input.made_on);
    const status = text(input.status) || 'open';
    const answeredIn = text(input.answered_in);
    const ownerId = text(input.owner);
    const codes = text(input.actions)
      .split(/[\s,;]+/)
      .filter(Boolean);
    const problems: FieldProblem[] = [];
    if (!(COMMITMENT_KINDS as readonly string[]).includes(kind))
      problems.push({ field: 'kind', key: 'monitor.error.kind' });
    length(problems, 'title', title, 3, 300);
    length(problems, 'summary', summary, 3, 4000);
    if (number.length > 100)
      problems.push({ field: 'number', key: 'monitor.error.tooLong', params: { max: 100 } });
    if (madeOn && !deps.isValidDate(madeOn)) problems.push({ field: 'made_on', key: 'monitor.error.date' });
    else if (madeOn && madeOn > deps.today())
      problems.push({ field: 'made_on', key: 'monitor.error.future' });
    if (!(COMMITMENT_STATUSES as readonly string[]).includes(status))
      problems.push({ field: 'status', key: 'monitor.error.commitmentStatus' });
    if (answeredIn.length > 300)
      problems.push({ field: 'answered_in', key: 'monitor.error.tooLong', params: { max: 300 } });
    if (ownerId && !(UUID.test(ownerId) && (await repo.listOrganisations(db)).some((o) => o.id === ownerId)))
      problems.push({ field: 'owner', key: 'monitor.error.organisation' });
    const actions = await repo.listActions(db);
    const unknown = codes.filter((c) => !actions.some((a) => a.code.toLowerCase() === c.toLowerCase()));
    if (unknown.length)
      problems.push({
        field: 'actions',
        key: 'monitor.error.actionCodes',
        params: { codes: unknown.join(', ') },
      });
    const actionIds = [
      ...new Set(
        codes
          .map((c) => actions.find((a) => a.code.toLowerCase() === c.toLowerCase())?.id)
          .filter((id): id is string => id !== undefined),
      ),
    ];
    return {
      fields: {
        kind: kind as (typeof COMMITMENT_KINDS)[number],
        number,
        title,
        madeOn: madeOn || null,
        summary,
        ownerId: ownerId || null,
        status: status as (typeof COMMITMENT_STATUSES)[number],
        answeredIn,
        actionIds,
      },
      problems,
    };
  }

  /** A milestone to correct, for its action's owner or the team (404 for a malformed or unknown id). */
  async function milestoneForEdit(milestoneId: string, actor: MonitorActor) {
    const milestone = UUID.test(milestoneId) ? await repo.findMilestone(db, milestoneId) : undefined;
    if (!milestone) throw new HttpError(404, 'not_found', 'errors.notFound');
    const [action] = await repo.listActions(db, { ids: [milestone.actionId] });
    await deps.assertCanEdit(actor, action!.owner.id);
    return { milestone, action: action! };
  }

  /**
   * An indicator to correct, for its action's owner or the team, and whether a locked round holds values of
   * it (then its name and unit are in an annex sent to parliament and stay as they are).
   */
  async function indicatorForEdit(indicatorId: string, actor: MonitorActor) {
    const indicator = UUID.test(indicatorId) ? await repo.findIndicator(db, indicatorId) : undefined;
    if (!indicator) throw new HttpError(404, 'not_found', 'errors.notFound');
    const [action] = await repo.listActions(db, { ids: [indicator.actionId] });
    await deps.assertCanEdit(actor, action!.owner.id);
    return { indicator, action: action!, locked: await repo.indicatorInLockedRound(db, indicatorId) };
  }

  /** A commitment to correct (the team; 404 for a malformed or unknown id). */
  async function commitmentForEdit(id: string, actor: MonitorActor): Promise<Commitment> {
    deps.assertTeam(actor);
    const found = UUID.test(id) ? (await repo.listCommitments(db)).find((c) => c.id === id) : undefined;
    if (!found) throw new HttpError(404, 'not_found', 'errors.notFound');
    return found;
  }

  /** The names of the fields whose value differs. */
  const changedFields = (pairs: [string, unknown, unknown][]) =>
    pairs.filter(([, before, after]) => before !== after).map(([field]) => field);

  return {
    milestoneForEdit,
    indicatorForEdit,
    commitmentForEdit,

    async addLine(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      deps.assertTeam(actor);
      const code = text(input.code);
      const title = text(input.title);
      const problems: FieldProblem[] = [];
      if (!/^[A-Za-z0-9]{1,5}$/.test(code)) problems.push({ field: 'code', key: 'monitor.error.lineCode' });
      else if ((await repo.listLines(db)).some((l) => l.code.toLowerCase() === code.toLowerCase()))
        problems.push({ field: 'code', key: 'monitor.error.codeTaken' });
      length(problems, 'title', title, 3, 200);
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      const position = (await repo.listLines(db)).reduce((n, l) => Math.max(n, l.position), 0) + 1;
      await db.transaction().execute(async (trx) => {
        await repo.insertLine(trx, { id, code, title, position, source: '' });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.line.create',
            entityType: 'monitor_action_line',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    /** Renames an action line (programme team); open rounds follow, locked rounds keep their copy. */
    async renameLine(input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      deps.assertTeam(actor);
      const lineId = text(input.line);
      const title = text(input.title);
      const problems: FieldProblem[] = [];
      const line = (await repo.listLines(db)).find((l) => l.id === lineId);
      if (!line) problems.push({ field: 'line', key: 'monitor.error.line' });
      length(problems, 'title', title, 3, 200);
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await repo.renameLine(trx, lineId, title);
        await repo.updateOpenRoundEntries(trx, { lineCode: line!.code }, { line_title: title });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.line.update',
            entityType: 'monitor_action_line',
            entityId: lineId,
            detail: { fields: ['title'] },
          },
          trx,
        );
      });
    },

    async addAction(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      deps.assertTeam(actor);
      const lineId = text(input.line);
      const code = text(input.code);
      const title = text(input.title);
      const description = text(input.description);
      const status = text(input.status) || 'planned';
      const ownerId = text(input.owner);
      const ownerName = text(input.owner_name);
      const problems: FieldProblem[] = [];
      const lines = await repo.listLines(db);
      if (!lines.some((l) => l.id === lineId)) problems.push({ field: 'line', key: 'monitor.error.line' });
      if (!/^[A-Za-z0-9]{1,5}(\.[A-Za-z0-9]{1,5}){0,2}$/.test(code))
        problems.push({ field: 'code', key: 'monitor.error.actionCode' });
      else if ((await repo.listActions(db)).some((a) => a.code.toLowerCase() === code.toLowerCase()))
        problems.push({ field: 'code', key: 'monitor.error.codeTaken' });
      length(problems, 'title', title, 3, 300);
      if (description.length > 4000)
        problems.push({ field: 'description', key: 'monitor.error.tooLong', params: { max: 4000 } });
      if (!isActionStatus(status))
        problems.push({
          field: 'status',
          key: 'monitor.error.status',
          params: { values: ACTION_STATUSES.join(', ') },
        });
      await checkOrganisation(problems, 'owner', ownerId, ownerName);
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      const position = await nextPosition(db, lineId);
      await db.transaction().execute(async (trx) => {
        const owner = await organisation(trx, { id: ownerId, name: ownerName });
        await repo.insertAction(trx, {
          id,
          lineId,
          code,
          title,
          description,
          ownerId: owner,
          status: status as (typeof ACTION_STATUSES)[number],
          source: text(input.source).slice(0, 500),
          position,
          now: clock(),
        });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.action.create',
            entityType: 'monitor_action',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    /**
     * Corrects an action (programme team): its line, title, description, owner and source. Entries of open rounds
     * follow (the task moves with the owner); a locked round keeps the copy it was locked with.
     */
    async editAction(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      deps.assertTeam(actor);
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
      const lineId = text(input.line);
      const title = text(input.title);
      const description = text(input.description);
      const ownerId = text(input.owner);
      const ownerName = text(input.owner_name);
      const source = text(input.source);
      const problems: FieldProblem[] = [];
      const lines = await repo.listLines(db);
      const line = lines.find((l) => l.id === lineId);
      if (!line) problems.push({ field: 'line', key: 'monitor.error.line' });
      length(problems, 'title', title, 3, 300);
      if (description.length > 4000)
        problems.push({ field: 'description', key: 'monitor.error.tooLong', params: { max: 4000 } });
      if (source.length > 500)
        problems.push({ field: 'source', key: 'monitor.error.tooLong', params: { max: 500 } });
      await checkOrganisation(problems, 'owner', ownerId, ownerName);
      if (problems.length) throw new ValidationFailed(problems);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const owner = await organisation(trx, { id: ownerId, name: ownerName });
        const ownerRow = (await repo.listOrganisations(trx)).find((o) => o.id === owner)!;
        // A move to another line puts the action last in it.
        const position = line!.id === action.lineId ? action.position : await nextPosition(trx, line!.id);
        await repo.updateAction(trx, actionId, {
          lineId: line!.id,
          title,
          description,
          ownerId: owner,
          source,
          position,
          now,
        });
        await repo.updateOpenRoundEntries(
          trx,
          { actionId },
          {
            action_title: title,
            line_code: line!.code,
            line_title: line!.title,
            line_position: line!.position,
            action_position: position,
            owner_organisation_id: owner,
            owner_name: ownerRow.name,
          },
        );
        const changed = (
          [
            ['line', action.lineId, line!.id],
            ['title', action.title, title],
            ['description', action.description, description],
            ['owner', action.owner.id, owner],
            ['source', action.source, source],
          ] as const
        )
          .filter(([, before, after]) => before !== after)
          .map(([field]) => field);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.action.update',
            entityType: 'monitor_action',
            entityId: actionId,
            detail: { fields: changed },
          },
          trx,
        );
      });
    },

    /**
     * Removes an action added by mistake (programme team), with its milestones, indicators and partners. An
     * action that was in a reporting round stays (the round's record of it must not change): stop it instead.
     */
    async removeAction(actionId: string, actor: MonitorActor): Promise<void> {
      deps.assertTeam(actor);
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
      await db.transaction().execute(async (trx) => {
        if (await repo.wasReported(trx, actionId))
          throw new HttpError(409, 'conflict', 'monitor.error.actionReported');
        await repo.deleteAction(trx, actionId);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.action.delete',
            entityType: 'monitor_action',
            entityId: actionId,
            detail: { code: action.code },
          },
          trx,
        );
      });
    },

    /** A milestone: by the action's owner or the team. An actual date cannot lie in the future. */
    async addMilestone(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
      await deps.assertCanEdit(actor, action.owner.id);
      const { problems, ...milestone } = readMilestone(input);
      if (problems.length) throw new ValidationFailed(problems);
      const position = (await repo.listMilestones(db, actionId)).length + 1;
      await db.transaction().execute(async (trx) => {
        const id = newId();
        await repo.insertMilestone(trx, { id, actionId, ...milestone, source: '', position });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.milestone.create',
            entityType: 'monitor_milestone',
            entityId: id,
          },
          trx,
        );
      });
    },

    /** Corrects a milestone's title and dates (its action's owner or the team). Returns the action's id. */
    async editMilestone(
      milestoneId: string,
      input: Record<string, unknown>,
      actor: MonitorActor,
    ): Promise<string> {
      const { milestone: before } = await milestoneForEdit(milestoneId, actor);
      const { problems, ...after } = readMilestone(input);
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await repo.updateMilestone(trx, milestoneId, after);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.milestone.update',
            entityType: 'monitor_milestone',
            entityId: milestoneId,
            detail: {
              fields: changedFields([
                ['title', before.title, after.title],
                ['planned_date', before.plannedDate, after.plannedDate],
                ['actual_date', before.actualDate, after.actualDate],
              ]),
            },
          },
          trx,
        );
      });
      return before.actionId;
    },

    /** Removes a milestone (its action's owner or the team). Milestones are not part of a round's record. */
    async removeMilestone(milestoneId: string, actor: MonitorActor): Promise<string> {
      const { milestone } = await milestoneForEdit(milestoneId, actor);
      await db.transaction().execute(async (trx) => {
        await repo.deleteMilestone(trx, milestoneId);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.milestone.delete',
            entityType: 'monitor_milestone',
            entityId: milestoneId,
            detail: { actionId: milestone.actionId },
          },
          trx,
        );
      });
      return milestone.actionId;
    },

    /** The action a milestone belongs to (for showing its page again). */
    async milestoneAction(milestoneId: string): Promise<string> {
      const milestone = UUID.test(milestoneId) ? await repo.findMilestone(db, milestoneId) : undefined;
      if (!milestone) throw new HttpError(404, 'not_found', 'errors.notFound');
      return milestone.actionId;
    },

    /** Records when a milestone was reached (or clears it). */
    async setMilestoneDate(
      milestoneId: string,
      input: Record<string, unknown>,
      actor: MonitorActor,
    ): Promise<string> {
      const { milestone } = await milestoneForEdit(milestoneId, actor);
      const actual = text(input.actual_date);
      const problems: FieldProblem[] = [];
      checkReachedDate(problems, actual);
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_milestone')
          .set({ actual_date: actual || null })
          .where('id', '=', milestoneId)
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.milestone.update',
            entityType: 'monitor_milestone',
            entityId: milestoneId,
          },
          trx,
        );
      });
      return milestone.actionId;
    },

    /** An indicator for an action (its owner or the team): a name, a unit and an optional allowed range. */
    async addIndicator(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
      await deps.assertCanEdit(actor, action.owner.id);
      const { problems, ...indicator } = readIndicator(input);
      if (problems.length) throw new ValidationFailed(problems);
      const position = (await repo.listIndicators(db, [actionId])).length + 1;
      await db.transaction().execute(async (trx) => {
        const id = newId();
        await repo.insertIndicator(trx, { id, actionId, ...indicator, position });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.indicator.create',
            entityType: 'monitor_indicator',
            entityId: id,
          },
          trx,
        );
      });
    },

    /**
     * Corrects an indicator (its action's owner or the team). The allowed range must hold every value recorded
     * so far; the name and unit of an indicator reported in a locked round stay (409): add a new one instead.
     */
    async editIndicator(
      indicatorId: string,
      input: Record<string, unknown>,
      actor: MonitorActor,
    ): Promise<string> {
      const { indicator: before } = await indicatorForEdit(indicatorId, actor);
      const { problems, ...after } = readIndicator(input);
      const fields = changedFields([
        ['name', before.name, after.name],
        ['unit', before.unit, after.unit],
        ['min', before.min, after.min],
        ['max', before.max, after.max],
      ]);
      await db.transaction().execute(async (trx) => {
        // Read inside the transaction: a value may have been recorded or a round locked since the form was shown.
        const values = (await repo.findIndicator(trx, indicatorId))?.values ?? [];
        const below = values.find((v) => after.min !== null && v.value < after.min);
        const above = values.find((v) => after.max !== null && v.value > after.max);
        if (below)
          problems.push({
            field: 'min',
            key: 'monitor.error.rangeExcludes',
            params: { value: below.value, period: below.period },
          });
        if (above)
          problems.push({
            field: 'max',
            key: 'monitor.error.rangeExcludes',
            params: { value: above.value, period: above.period },
          });
        if (problems.length) throw new ValidationFailed(problems);
        if (
          (fields.includes('name') || fields.includes('unit')) &&
          (await repo.indicatorInLockedRound(trx, indicatorId))
        )
          throw new HttpError(409, 'conflict', 'monitor.error.indicatorLocked');
        await repo.updateIndicator(trx, indicatorId, after);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.indicator.update',
            entityType: 'monitor_indicator',
            entityId: indicatorId,
            detail: { fields },
          },
          trx,
        );
      });
      return before.actionId;
    },

    /**
     * Removes an indicator with its values (its action's owner or the team). One with values in a locked round
     * stays (409): the annex sent to parliament shows them.
     */
    async removeIndicator(indicatorId: string, actor: MonitorActor): Promise<string> {
      const { indicator } = await indicatorForEdit(indicatorId, actor);
      await db.transaction().execute(async (trx) => {
        if (await repo.indicatorInLockedRound(trx, indicatorId))
          throw new HttpError(409, 'conflict', 'monitor.error.indicatorLocked');
        await repo.deleteIndicator(trx, indicatorId);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.indicator.delete',
            entityType: 'monitor_indicator',
            entityId: indicatorId,
            detail: { actionId: indicator.actionId, values: indicator.values.length },
          },
          trx,
        );
      });
      return indicator.actionId;
    },

    /** A partner organisation of an action (the team): an existing one, or a new one by name. */
    async addPartner(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      deps.assertTeam(actor);
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
      const partnerId = text(input.partner);
      const partnerName = text(input.partner_name);
      const problems: FieldProblem[] = [];
      await checkOrganisation(problems, 'partner', partnerId, partnerName);
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        const organisationId = await organisation(trx, { id: partnerId, name: partnerName });
        await repo.insertPartner(trx, actionId, organisationId);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.action.partner',
            entityType: 'monitor_action',
            entityId: actionId,
            detail: { organisationId },
          },
          trx,
        );
      });
    },

    /** Ends an organisation's partnership in an action (the team); 404 when it is no partner of it. */
    async removePartner(actionId: string, organisationId: string, actor: MonitorActor): Promise<void> {
      deps.assertTeam(actor);
      if (!UUID.test(actionId) || !UUID.test(organisationId))
        throw new HttpError(404, 'not_found', 'errors.notFound');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deletePartner(trx, actionId, organisationId)))
          throw new HttpError(404, 'not_found', 'errors.notFound');
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.action.partnerRemoved',
            entityType: 'monitor_action',
            entityId: actionId,
            detail: { organisationId },
          },
          trx,
        );
      });
    },

    /** Registers a motion, commitment or request, linked to actions by their codes. */
    async addCommitment(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      deps.assertTeam(actor);
      const { fields, problems } = await readCommitment(input);
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await repo.insertCommitment(trx, { id, ...fields, source: '', now: clock() });
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.commitment.create',
            entityType: 'monitor_commitment',
            entityId: id,
          },
          trx,
        );
      });
      return id;
    },

    /** Corrects every field of a motion, commitment or request, and the actions it is linked to (the team). */
    async editCommitment(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      const before = await commitmentForEdit(id, actor);
      const { fields: after, problems } = await readCommitment(input);
      if (problems.length) throw new ValidationFailed(problems);
      const actionCodes = (await repo.listActions(db))
        .filter((a) => after.actionIds.includes(a.id))
        .map((a) => a.code)
        .sort();
      await db.transaction().execute(async (trx) => {
        await repo.updateCommitment(trx, id, after);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.commitment.update',
            entityType: 'monitor_commitment',
            entityId: id,
            detail: {
              fields: changedFields([
                ['kind', before.kind, after.kind],
                ['number', before.number, after.number],
                ['title', before.title, after.title],
                ['made_on', before.madeOn, after.madeOn],
                ['summary', before.summary, after.summary],
                ['owner', before.owner?.id ?? null, after.ownerId],
                ['status', before.status, after.status],
                ['answered_in', before.answeredIn, after.answeredIn],
                ['actions', [...before.actionCodes].sort().join(','), actionCodes.join(',')],
              ]),
            },
          },
          trx,
        );
      });
    },

    /** Removes a motion, commitment or request registered by mistake (the team). */
    async removeCommitment(id: string, actor: MonitorActor): Promise<Commitment> {
      const commitment = await commitmentForEdit(id, actor);
      await db.transaction().execute(async (trx) => {
        await repo.deleteCommitment(trx, id);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.commitment.delete',
            entityType: 'monitor_commitment',
            entityId: id,
            detail: { kind: commitment.kind, number: commitment.number },
          },
          trx,
        );
      });
      return commitment;
    },

    /** The state of a commitment and the letter that answers it. */
    async updateCommitment(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      deps.assertTeam(actor);
      const status = text(input.status);
      const answeredIn = text(input.answered_in);
      const problems: FieldProblem[] = [];
      if (!(COMMITMENT_STATUSES as readonly string[]).includes(status))
        problems.push({ field: 'status', key: 'monitor.error.commitmentStatus' });
      if (answeredIn.length > 300)
        problems.push({ field: 'answered_in', key: 'monitor.error.tooLong', params: { max: 300 } });
      if (problems.length) throw new ValidationFailed(problems);
      const found = UUID.test(id)
        ? await db.selectFrom('monitor_commitment').select('id').where('id', '=', id).executeTakeFirst()
        : undefined;
      if (!found) throw new HttpError(404, 'not_found', 'errors.notFound');
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('monitor_commitment')
          .set({ status, answered_in: answeredIn })
          .where('id', '=', id)
          .execute();
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.commitment.update',
            entityType: 'monitor_commitment',
            entityId: id,
            detail: { status },
          },
          trx,
        );
      });
    },
  };
}
