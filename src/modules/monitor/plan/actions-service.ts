// Action lines, actions and their partners, as part of the plan's service (the programme team changes them).
// Corrections of an action reach the entries of open rounds; a locked round keeps the copy it was locked with.
import type { Tx } from './repository.js';
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { assertTeam, UUID, type Core, type Ownership } from '../rules.js';
import type { MonitorActor } from '../types.js';
import { ACTION_STATUSES, isActionStatus } from '../types.js';
import { length, text } from './forms.js';
import * as repo from './repository.js';

export interface PlanDeps extends Core {
  ownership: Ownership;
  today: () => string;
}

/** An existing organisation by id, or a new one by name (created in the caller's transaction). */
async function organisation(
  trx: Tx,
  input: { id: string; name: string },
  newId: () => string,
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

async function checkOrganisation(
  db: repo.Db,
  problems: FieldProblem[],
  field: string,
  id: string,
  name: string,
) {
  if (id) {
    if (!UUID.test(id) || !(await repo.listOrganisations(db)).some((o) => o.id === id))
      problems.push({ field, key: 'monitor.error.organisation' });
  } else length(problems, `${field}_name`, name, 2, 200);
}

export function createLineService(deps: PlanDeps) {
  const { db, audit, newId } = deps;
  return {
    async addLine(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertTeam(actor);
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
      assertTeam(actor);
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

    /** A partner organisation of an action (the team): an existing one, or a new one by name. */
    async addPartner(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new NotFound();
      const partnerId = text(input.partner);
      const partnerName = text(input.partner_name);
      // A co-holder (mede-actiehouder): the annex names it beside the owner, as the letter does.
      const holder = text(input.holder) === 'yes';
      const problems: FieldProblem[] = [];
      await checkOrganisation(db, problems, 'partner', partnerId, partnerName);
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        const organisationId = await organisation(trx, { id: partnerId, name: partnerName }, newId);
        await repo.insertPartner(trx, actionId, organisationId, holder);
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'monitor.action.partner',
            entityType: 'monitor_action',
            entityId: actionId,
            detail: { organisationId, holder },
          },
          trx,
        );
      });
    },

    /** Ends an organisation's partnership in an action (the team); 404 when it is no partner of it. */
    async removePartner(actionId: string, organisationId: string, actor: MonitorActor): Promise<void> {
      assertTeam(actor);
      if (!UUID.test(actionId) || !UUID.test(organisationId)) throw new NotFound();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deletePartner(trx, actionId, organisationId))) throw new NotFound();
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
  };
}

export function createActionService(deps: PlanDeps) {
  const { db, clock, audit, newId } = deps;
  return {
    async addAction(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertTeam(actor);
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
      await checkOrganisation(db, problems, 'owner', ownerId, ownerName);
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      const position = await nextPosition(db, lineId);
      await db.transaction().execute(async (trx) => {
        const owner = await organisation(trx, { id: ownerId, name: ownerName }, newId);
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
      assertTeam(actor);
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new NotFound();
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
      await checkOrganisation(db, problems, 'owner', ownerId, ownerName);
      if (problems.length) throw new ValidationFailed(problems);
      const now = clock();
      await db.transaction().execute(async (trx) => {
        const owner = await organisation(trx, { id: ownerId, name: ownerName }, newId);
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
      assertTeam(actor);
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new NotFound();
      await db.transaction().execute(async (trx) => {
        if (await repo.wasReported(trx, actionId)) throw new Conflict('monitor.error.actionReported');
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
  };
}
