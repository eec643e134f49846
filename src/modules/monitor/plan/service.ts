// The plan's service: the plan as it is read (lines, actions, commitments, who reports for which organisation),
// and, from the files beside it, editing the plan, the reporting rounds and their reminders. No SQL here
// (repository files), no HTTP (routes); a refusal is a domain error the platform maps to a status.
import type { Db as DbHandle } from './repository.js';
import { ValidationFailed } from '../../../platform/errors.js';
import type { I18n } from '../../../platform/i18n/index.js';
import type { OutgoingMail } from '../../../platform/mail/index.js';
import { assertTeam, UUID } from '../rules.js';
import type { Action, ActionDetail, ActionLine, MonitorActor } from '../types.js';
import { createActionService, createLineService, type PlanDeps } from './actions-service.js';
import { createCommitmentService } from './commitments-service.js';
import * as commitmentRepo from './commitments-repository.js';
import { createIndicatorService, createMilestoneService } from './items-service.js';
import { createRegisterService } from './register-service.js';
import { createReminderService } from './reminders.js';
import { createReviewService, createRoundOpening } from './reporting-service.js';
import * as repo from './repository.js';
import { createRoundService } from './rounds-service.js';

export interface PlanServiceDeps extends PlanDeps {
  mail: { enqueue(mail: OutgoingMail, trx?: DbHandle): Promise<void> };
  config: { publicOrigin: string };
  i18n: I18n;
}

export function createPlanService(deps: PlanServiceDeps) {
  const { db, audit } = deps;
  const rounds = createRoundService(deps);
  const withRound = { ...deps, getRound: rounds.getRound };
  return {
    ...createLineService(deps),
    ...createActionService(deps),
    ...createMilestoneService(deps),
    ...createIndicatorService(deps),
    ...createCommitmentService(deps),
    ...rounds,
    ...createRoundOpening(withRound),
    ...createReviewService(withRound),
    ...createReminderService(withRound),
    ...createRegisterService(withRound),

    organisationOf: deps.ownership.organisationOf,

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
      return repo.overdueMilestones(db, deps.today());
    },

    /**
     * One action with its milestones, indicators and commitments. With a reader, the indicator values of open
     * rounds are left out unless the reader may see that action's drafts (need-to-know); without one (the
     * service's own callers), everything.
     */
    async action(id: string, reader?: MonitorActor): Promise<ActionDetail | undefined> {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const [action] = await repo.listActions(db, { ids: [id] });
      if (!action) return undefined;
      const [lines, milestones, indicators, commitments] = await Promise.all([
        repo.listLines(db),
        repo.listMilestones(db, id),
        repo.listIndicators(db, [id]),
        commitmentRepo.listCommitments(db, { actionId: id }),
      ]);
      const hidden = reader ? await rounds.hiddenDraftRounds(action.owner.id, reader) : new Set<string>();
      return {
        ...action,
        line: lines.find((l) => l.id === action.lineId)!,
        milestones,
        indicators: indicators.map((i) => ({
          ...i,
          values: i.values.filter((v) => v.roundId === null || !hidden.has(v.roundId)),
        })),
        commitments,
      };
    },

    async commitments() {
      return commitmentRepo.listCommitments(db);
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
        const user = UUID.test(userId) ? await repo.findUserRole(trx, userId) : undefined;
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
  };
}
