// An assignment's later steps, as part of the monitor's service: another expert, cancelled by the coordinator,
// withdrawn by the requesting organisation, the hours with the fee fixed in cents, and the payment stored.
import { Conflict, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { amsterdamDate, assertRole, isValidDate } from '../rules.js';
import type { MonitorActor } from '../types.js';
import { assignmentKit } from './assignment-kit.js';
import { text } from './forms.js';
import { listRates } from './money-repository.js';
import { feeCents, parseQuarterHours, rateOn } from './money.js';
import * as pool from './repository.js';
import { COORDINATOR, type PoolDeps } from './roles.js';

export function createAssignmentStepsService(deps: PoolDeps) {
  const { db, clock } = deps;
  const { findAssignment, record, move, eligibleExpert, noteOf } = assignmentKit(deps);
  return {
    /** Another expert for an assignment in progress (the one before stays in the history). */
    async reassign(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'assigned' || !assignment.expert)
        throw new Conflict('monitor.error.notReassignable');
      const expertId = text(input.expert, 40);
      if (expertId === assignment.expert.id)
        throw new ValidationFailed([{ field: 'expert', key: 'monitor.error.sameExpert' }]);
      await eligibleExpert(expertId);
      const note = noteOf(input);
      const previous = assignment.expert.id;
      await db.transaction().execute(async (trx) => {
        await move(
          trx,
          id,
          { statuses: ['assigned'], version: assignment.version },
          { expertId, expertAnswer: 'pending', assignedAt: clock() },
          'monitor.error.notReassignable',
        );
        await record(
          trx,
          { id, actor, kind: 'reassigned' },
          { expertId, note, detail: { previousExpertId: previous } },
        );
      });
    },

    /** The coordinator calls an assignment off before its work is recorded. */
    async cancel(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'requested' && assignment.status !== 'assigned')
        throw new Conflict('monitor.error.notCancellable');
      const note = noteOf(input);
      await db.transaction().execute(async (trx) => {
        await move(
          trx,
          id,
          { statuses: ['requested', 'assigned'], version: assignment.version },
          { status: 'cancelled', expertAnswer: null },
          'monitor.error.notCancellable',
        );
        await record(
          trx,
          { id, actor, kind: 'cancelled' },
          { expertId: assignment.expert?.id ?? null, note },
        );
      });
    },

    /** The requesting organisation takes back its own request before the work is recorded. */
    async withdraw(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, ['requesting_organisation']);
      const assignment = await findAssignment(id, actor);
      if (assignment.status !== 'requested' && assignment.status !== 'assigned')
        throw new Conflict('monitor.error.notWithdrawable');
      const note = noteOf(input);
      await db.transaction().execute(async (trx) => {
        await move(
          trx,
          id,
          { statuses: ['requested', 'assigned'] },
          { status: 'withdrawn', expertAnswer: null },
          'monitor.error.notWithdrawable',
        );
        await record(
          trx,
          { id, actor, kind: 'withdrawn' },
          { expertId: assignment.expert?.id ?? null, note },
        );
      });
    },

    /**
     * Hours worked on a day at a line of the rate card: the fee is fixed now, in whole cents, from the rate in
     * force on that day, and never recomputed; the assignment is completed and its fee falls due. Until it is
     * paid, the coordinator may correct the hours (the history keeps both).
     */
    async recordHours(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.paymentStatus === 'paid') throw new Conflict('monitor.error.paid');
      if (
        !(assignment.status === 'assigned' && assignment.expertAnswer === 'accepted') &&
        assignment.status !== 'completed'
      )
        throw new Conflict('monitor.error.notAccepted');
      const problems: FieldProblem[] = [];
      const hours = parseQuarterHours(text(input.hours_worked, 10), 'hours_worked', problems, {
        min: 0.25,
        max: 1000,
      });
      const today = amsterdamDate(clock());
      const workedOn = text(input.worked_on, 10) || today;
      if (!isValidDate(workedOn)) problems.push({ field: 'worked_on', key: 'monitor.error.date' });
      else if (workedOn > today) problems.push({ field: 'worked_on', key: 'monitor.error.future' });
      const rateCode = text(input.rate_code, 40);
      const line = (await listRates(db)).find((r) => r.code === rateCode);
      const rate = line && isValidDate(workedOn) ? rateOn(line.periods, workedOn) : undefined;
      if (!line) problems.push({ field: 'rate_code', key: 'monitor.error.rate' });
      else if (!rate && isValidDate(workedOn))
        problems.push({ field: 'worked_on', key: 'monitor.error.noRateOnDay' });
      if (problems.length) throw new ValidationFailed(problems);
      const fee = feeCents(hours!, rate!.hourlyRateCents);
      await db.transaction().execute(async (trx) => {
        const stored = await pool.recordHours(trx, id, {
          hours: hours!,
          workedOn,
          rateCode,
          rateCents: rate!.hourlyRateCents,
          rateEffectiveFrom: rate!.effectiveFrom,
          feeCents: fee,
        });
        if (!stored) throw new Conflict('monitor.error.paid');
        await record(
          trx,
          { id, actor, kind: 'hours' },
          {
            expertId: assignment.expert?.id ?? null,
            detail: { hours: hours!, workedOn, rateCode, rateCents: rate!.hourlyRateCents, feeCents: fee },
          },
        );
      });
    },

    /** Stores the payment: the fee as fixed, on the day given (today by default, never in the future). */
    async markPaid(id: string, input: Record<string, unknown>, actor: MonitorActor): Promise<void> {
      assertRole(actor, COORDINATOR);
      const assignment = await findAssignment(id, actor);
      if (assignment.paymentStatus !== 'due') throw new Conflict('monitor.error.notDue');
      const today = amsterdamDate(clock());
      const paidOn = text(input.paid_on, 10) || today;
      if (!isValidDate(paidOn)) throw new ValidationFailed([{ field: 'paid_on', key: 'monitor.error.date' }]);
      if (paidOn > today) throw new ValidationFailed([{ field: 'paid_on', key: 'monitor.error.future' }]);
      if (assignment.workedOn && paidOn < assignment.workedOn)
        throw new ValidationFailed([{ field: 'paid_on', key: 'monitor.error.paidBeforeWork' }]);
      await db.transaction().execute(async (trx) => {
        const paid = await pool.markPaid(trx, id, paidOn);
        if (paid === null) throw new Conflict('monitor.error.notDue');
        await record(
          trx,
          { id, actor, kind: 'paid' },
          { expertId: assignment.expert?.id ?? null, detail: { paidCents: paid, paidOn } },
        );
      });
    },
  };
}
