// Parliament's motions and the minister's commitments, as part of the plan's service (the programme team
// registers, corrects and removes them, linked to actions by their codes).
import { NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { assertTeam, UUID } from '../rules.js';
import type { MonitorActor } from '../types.js';
import type { Commitment } from '../types.js';
import { COMMITMENT_STATUSES } from '../types.js';
import type { PlanDeps } from './actions-service.js';
import * as commitmentRepo from './commitments-repository.js';
import { changedFields, readCommitment, text } from './forms.js';
import * as repo from './repository.js';

export function createCommitmentService(deps: PlanDeps) {
  const { db, clock, audit, newId } = deps;

  /** A form's fields, checked against the organisations and actions there are. */
  async function read(input: Record<string, unknown>) {
    const [organisations, actions] = await Promise.all([repo.listOrganisations(db), repo.listActions(db)]);
    return readCommitment(input, { today: deps.today(), organisations, actions });
  }

  /** A commitment to correct (the team; 404 for a malformed or unknown id). */
  async function commitmentForEdit(id: string, actor: MonitorActor): Promise<Commitment> {
    assertTeam(actor);
    const found = UUID.test(id)
      ? (await commitmentRepo.listCommitments(db)).find((c) => c.id === id)
      : undefined;
    if (!found) throw new NotFound();
    return found;
  }

  return {
    commitmentForEdit,

    /** Registers a motion, commitment or request, linked to actions by their codes. */
    async addCommitment(input: Record<string, unknown>, actor: MonitorActor): Promise<string> {
      assertTeam(actor);
      const { fields, problems } = await read(input);
      if (problems.length) throw new ValidationFailed(problems);
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await commitmentRepo.insertCommitment(trx, { id, ...fields, source: '', now: clock() });
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
      const { fields: after, problems } = await read(input);
      if (problems.length) throw new ValidationFailed(problems);
      const actionCodes = (await repo.listActions(db))
        .filter((a) => after.actionIds.includes(a.id))
        .map((a) => a.code)
        .sort();
      await db.transaction().execute(async (trx) => {
        await commitmentRepo.updateCommitment(trx, id, after);
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
        await commitmentRepo.deleteCommitment(trx, id);
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
      assertTeam(actor);
      const status = text(input.status);
      // A form that does not send "answered in" leaves the stored reference as it is (never wiped by omission).
      const answeredIn = input.answered_in === undefined ? undefined : text(input.answered_in);
      const problems: FieldProblem[] = [];
      if (!(COMMITMENT_STATUSES as readonly string[]).includes(status))
        problems.push({ field: 'status', key: 'monitor.error.commitmentStatus' });
      if (answeredIn !== undefined && answeredIn.length > 300)
        problems.push({ field: 'answered_in', key: 'monitor.error.tooLong', params: { max: 300 } });
      if (problems.length) throw new ValidationFailed(problems);
      const found = UUID.test(id) ? await commitmentRepo.commitmentExists(db, id) : false;
      if (!found) throw new NotFound();
      await db.transaction().execute(async (trx) => {
        await commitmentRepo.setCommitmentState(trx, id, {
          status,
          ...(answeredIn === undefined ? {} : { answeredIn }),
        });
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
