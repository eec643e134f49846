// Identification decisions (issue 20, point 1): a decision of a configured type taken by a role the type names,
// with its reasons (sealed), on the version of the case the decider saw; a reconsideration of a negative decision
// with its own clock; the outcome letter for the person; and a status-only notice to the first responder's team
// through the notification path (no reasons, no person data). Every step runs through `change` (locked, audited).
import { randomUUID } from 'node:crypto';
import type { FieldProblem } from '../../../platform/errors.js';
import { Forbidden, NotFound, ValidationFailed } from '../../../platform/errors.js';
import type { CaseAccess } from '../access.js';
import { change, readable, viewerOf, type CaseCore, type User } from '../core/context.js';
import { isId, MAX_TEXT, pick, text } from '../core/validation.js';
import { addWorkingDays } from '../model.js';
import * as repo from '../repository.js';
import { recomputeNextDecisions, refreshNextDecision } from './next-due-repository.js';
import {
  decisionFigures,
  decisionsOf,
  decisionTypes,
  insertDecision,
  openCaseDecisions,
  recordOutcome,
  type DecisionRow,
} from './repository.js';
import {
  dueDecisions,
  isOverdue,
  mayBeReconsidered,
  mayDecide,
  OUTCOMES,
  reconsiderationType,
  standingOutcome,
  type DecisionType,
} from './steps.js';

export interface DecideInput {
  version: number;
  /** The type of a first decision, or `reconsider:<id>` for a waiting reconsideration. */
  step: string;
  outcome: string;
  reasons: string;
}

const sealReasons = (core: CaseCore, id: string, reasons: string) =>
  core.sealed.seal('nrm_decision', 'reasons_enc', id, reasons);

/** What the case page shows: the decisions (reasons only where the person may be seen), what is due, by when. */
export async function identificationOf(
  core: CaseCore,
  db: repo.Db,
  row: repo.CaseRow,
  access: CaseAccess,
  role: string,
) {
  const [types, decisions] = await Promise.all([decisionTypes(db), decisionsOf(db, row.id)]);
  const now = core.clock();
  // A consult is about nobody; a closed case waits for no decision.
  const open = row.kind === 'signal' && row.status !== 'closed';
  const due = (open ? dueDecisions(types, decisions, row.created_at) : []).map((d) => ({
    ...d,
    overdue: isOverdue(d, now),
    mayDecide: access.manage && row.status !== 'received' && mayDecide(d.type, role),
  }));
  const reconsider = reconsiderationType(types);
  return {
    types,
    due,
    decisions: decisions
      .filter((d) => d.outcome)
      .map((d) => ({
        ...d,
        reasons: access.person ? core.sealed.open('nrm_decision', 'reasons_enc', d.id, d.reasons_enc) : null,
        standing: standingOutcome(d, decisions),
        mayReconsider: Boolean(reconsider) && access.manage && mayBeReconsidered(d, decisions),
      })),
  };
}

export type Identification = Awaited<ReturnType<typeof identificationOf>>;

/** What stands for the first responder: each type's outcome and day, nothing else (status only). */
export async function standingForFirstLine(db: repo.Db, caseId: string) {
  const [types, decisions] = await Promise.all([decisionTypes(db), decisionsOf(db, caseId)]);
  return decisions
    .filter((d) => !d.reconsiders_id && d.outcome)
    .map((d) => ({
      type: types.find((t) => t.code === d.type_code)!,
      outcome: standingOutcome(d, decisions)!,
      decidedAt: d.decided_at!,
    }));
}

/** The bottleneck view's figures: open signals whose next decision is past its deadline, and the counts. */
export async function identificationFigures(core: CaseCore) {
  const now = core.clock();
  const [types, open, counts] = await Promise.all([
    decisionTypes(core.db),
    openCaseDecisions(core.db),
    decisionFigures(core.db, now),
  ]);
  const overdue = open.filter((c) =>
    dueDecisions(types, c.decisions, c.signalAt).some((d) => isOverdue(d, now)),
  );
  return { ...counts, decisionsOverdue: overdue.length };
}

export function createIdentificationService(core: CaseCore) {
  return {
    decide: (user: User, caseId: string, input: DecideInput) => decide(core, user, caseId, input),

    /**
     * The start's check of the stored next decisions (next-due-repository.ts): recomputed for every open case when the types
     * or the calendar changed, or when a case lacks its moment; `force` recomputes regardless.
     */
    recomputeNextDecisions: (o: { force?: boolean } = {}) => recomputeNextDecisions(core.db, core.clock, o),

    /** A negative decision reconsidered, on the person's request: its own clock starts now. */
    async requestReconsideration(user: User, caseId: string, input: { version: number; decision: string }) {
      const viewer = await viewerOf(core, user);
      const types = await decisionTypes(core.db);
      const type = reconsiderationType(types);
      if (!type || !isId(input.decision))
        throw new ValidationFailed([
          { field: 'decision', key: 'referrals.identification.errors.notReconsiderable' },
        ]);
      return change(
        core,
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.decision.reconsider',
        async (trx, row, now, event) => {
          const decisions = await decisionsOf(trx, row.id);
          const target = decisions.find((d) => d.id === input.decision);
          if (!target || !mayBeReconsidered(target, decisions))
            throw new ValidationFailed([
              { field: 'decision', key: 'referrals.identification.errors.notReconsiderable' },
            ]);
          const id = randomUUID();
          const dueAt = addWorkingDays(now, type.deadline_working_days);
          await insertDecision(trx, {
            id,
            caseId: row.id,
            typeCode: type.code,
            dueAt,
            reconsidersId: target.id,
            requestedAt: now,
            requestedBy: user.id,
          });
          // The reconsideration's own clock may now be the case's next decision (the dashboards sort by it).
          await refreshNextDecision(trx, [row.id], types);
          await event('reconsideration_requested');
          return { decision: id, reconsiders: target.id, type: type.code };
        },
      );
    },

    /**
     * The outcome letter for the person, in their language: the owner's managers who may see the person, a
     * decision taken. Audited (`nrm.decision.letter`).
     */
    async decisionLetter(user: User, caseId: string, decisionId: string) {
      const viewer = await viewerOf(core, user);
      const { row, access } = await readable(core, viewer, caseId);
      if (!access.manage || !access.person) throw new Forbidden('referrals.errors.notAllowed');
      const [types, decisions] = await Promise.all([decisionTypes(core.db), decisionsOf(core.db, caseId)]);
      const decision = decisions.find((d) => d.id === decisionId && d.outcome);
      if (!decision) throw new NotFound();
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.decision.letter',
        entityType: 'nrm_case',
        entityId: caseId,
        detail: { decision: decision.id },
      });
      const type = types.find((t) => t.code === decision.type_code)!;
      const reconsider = reconsiderationType(types);
      const reconsidered = decision.reconsiders_id
        ? decisions.find((d) => d.id === decision.reconsiders_id)
        : undefined;
      return {
        reference: row.reference,
        type,
        reconsideredType: reconsidered ? types.find((t) => t.code === reconsidered.type_code) : undefined,
        outcome: decision.outcome as 'positive' | 'negative',
        decidedAt: decision.decided_at!,
        reasons: core.sealed.open('nrm_decision', 'reasons_enc', decision.id, decision.reasons_enc) ?? '',
        organisation: decision.decider_team ?? '',
        reconsiderable: Boolean(reconsider) && mayBeReconsidered(decision, decisions),
      };
    },
  };
}

export type DecisionLetter = Awaited<
  ReturnType<ReturnType<typeof createIdentificationService>['decisionLetter']>
>;

async function decide(core: CaseCore, user: User, caseId: string, input: DecideInput) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const outcome = pick(problems, 'outcome', input.outcome, OUTCOMES);
  const reasons = text(problems, 'reasons', input.reasons, MAX_TEXT);
  if (!reasons) problems.push({ field: 'reasons', key: 'referrals.identification.errors.reasons' });
  if (!input.step) problems.push({ field: 'step', key: 'referrals.errors.choose' });
  if (problems.length) throw new ValidationFailed(problems);
  const types = await decisionTypes(core.db);
  // Who may decide is the type's: checked before anything is read or written (403, nothing changes).
  const stepType = stepTypeOf(types, input.step);
  if (stepType && !mayDecide(stepType, user.role)) throw new Forbidden('referrals.errors.notDecider');
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.decision.record',
    async (trx, row, now, event) => {
      // About a signal's person, once triage has begun (the first responder then sees the stage only) and while open.
      if (row.kind !== 'signal' || row.status === 'received' || row.status === 'closed')
        throw new ValidationFailed([{ field: 'step', key: 'referrals.identification.errors.notNow' }]);
      const decisions = await decisionsOf(trx, row.id);
      const due = dueDecisions(types, decisions, row.created_at).find((d) =>
        d.decisionId ? input.step === `reconsider:${d.decisionId}` : input.step === d.type.code,
      );
      if (!due)
        throw new ValidationFailed([{ field: 'step', key: 'referrals.identification.errors.notDue' }]);
      if (!mayDecide(due.type, user.role)) throw new Forbidden('referrals.errors.notDecider');
      if (due.reconsidersId && sameDecider(decisions, due.reconsidersId, user.id))
        throw new Forbidden('referrals.errors.sameDecider');
      const id = due.decisionId ?? randomUUID();
      if (!due.decisionId)
        await insertDecision(trx, { id, caseId: row.id, typeCode: due.type.code, dueAt: due.dueAt });
      await recordOutcome(trx, id, {
        outcome,
        reasonsEnc: sealReasons(core, id, reasons),
        at: now,
        by: user.id,
        teamId: viewer.teamId,
      });
      // The next type's clock starts (positive), or nothing is due any more (negative): stored for the dashboards.
      await refreshNextDecision(trx, [row.id], types);
      await event(`decision_${outcome}`);
      // The first responder learns that a decision was taken (status only), as in the UK NRM; not the reasons.
      const told = row.origin_team_id !== row.owner_team_id;
      if (told) await core.notifier.notify(trx, row.origin_team_id, 'decision', row.id);
      return {
        decision: id,
        type: due.type.code,
        outcome,
        late: isOverdue(due, now),
        firstResponderTold: told,
      };
    },
  );
}

/** The type a form's step names: a type's code, or the reconsideration type for `reconsider:<id>`. */
function stepTypeOf(types: readonly DecisionType[], step: string): DecisionType | undefined {
  if (step.startsWith('reconsider:')) return reconsiderationType(types);
  return types.find((t) => t.code === step && !t.reconsiders);
}

/** A reconsideration is taken by someone else than who took the decision it reconsiders. */
const sameDecider = (decisions: DecisionRow[], reconsidersId: string, userId: string) =>
  decisions.find((d) => d.id === reconsidersId)?.decided_by === userId;
