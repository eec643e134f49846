// Milestones and indicators, as part of the plan's service: the action's owner or the team adds, corrects and
// removes them. An indicator reported in a locked round keeps its name and unit (the annex sent shows them).
import { Conflict, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { UUID } from '../rules.js';
import type { MonitorActor } from '../types.js';
import type { PlanDeps } from './actions-service.js';
import { changedFields, checkReachedDate, readIndicator, readMilestone, text } from './forms.js';
import * as repo from './repository.js';

export function createMilestoneService(deps: PlanDeps) {
  const { db, audit, newId } = deps;
  /** A milestone to correct, for its action's owner or the team (404 for a malformed or unknown id). */
  async function milestoneForEdit(milestoneId: string, actor: MonitorActor) {
    const milestone = UUID.test(milestoneId) ? await repo.findMilestone(db, milestoneId) : undefined;
    if (!milestone) throw new NotFound();
    const [action] = await repo.listActions(db, { ids: [milestone.actionId] });
    await deps.ownership.assertCanEdit(actor, action!.owner.id);
    return { milestone, action: action! };
  }

  return {
    milestoneForEdit,
    /** A milestone: by the action's owner or the team. An actual date cannot lie in the future. */
    async addMilestone(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new NotFound();
      await deps.ownership.assertCanEdit(actor, action.owner.id);
      const { problems, ...milestone } = readMilestone(input, deps.today());
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
      const { problems, ...after } = readMilestone(input, deps.today());
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
      if (!milestone) throw new NotFound();
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
      checkReachedDate(problems, actual, deps.today());
      if (problems.length) throw new ValidationFailed(problems);
      await db.transaction().execute(async (trx) => {
        await repo.setMilestoneReached(trx, milestoneId, actual || null);
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
  };
}

export function createIndicatorService(deps: PlanDeps) {
  const { db, audit, newId } = deps;
  /**
   * An indicator to correct, for its action's owner or the team, and whether a locked round holds values of
   * it (then its name and unit are in an annex sent to parliament and stay as they are).
   */
  async function indicatorForEdit(indicatorId: string, actor: MonitorActor) {
    const indicator = UUID.test(indicatorId) ? await repo.findIndicator(db, indicatorId) : undefined;
    if (!indicator) throw new NotFound();
    const [action] = await repo.listActions(db, { ids: [indicator.actionId] });
    await deps.ownership.assertCanEdit(actor, action!.owner.id);
    return { indicator, action: action!, locked: await repo.indicatorInLockedRound(db, indicatorId) };
  }

  return {
    indicatorForEdit,
    /** An indicator for an action (its owner or the team): a name, a unit and an optional allowed range. */
    async addIndicator(actionId: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      const [action] = UUID.test(actionId) ? await repo.listActions(db, { ids: [actionId] }) : [];
      if (!action) throw new NotFound();
      await deps.ownership.assertCanEdit(actor, action.owner.id);
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
          throw new Conflict('monitor.error.indicatorLocked');
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
          throw new Conflict('monitor.error.indicatorLocked');
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
  };
}
