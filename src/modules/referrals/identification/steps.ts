// Identification decisions as configured steps (issue 20, point 1), as pure rules: which decision is due next and
// by when, whether it is overdue, what stands now (a reconsideration's outcome replaces the decision it
// reconsidered), and who may take a decision. The types are data (nrm_decision_type, migration 0026), so a
// changed Dutch design is a row, not code. Deadlines count Dutch working days (src/platform/time).
import { addWorkingDays } from '../model.js';

export const OUTCOMES = ['positive', 'negative'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface DecisionType {
  code: string;
  position: number;
  name: string;
  decider_roles: string[];
  deadline_working_days: number;
  after_code: string | null;
  reconsiders: boolean;
  active: boolean;
}

export interface Decision {
  id: string;
  type_code: string;
  reconsiders_id: string | null;
  requested_at: Date | null;
  due_at: Date;
  outcome: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  decided_team_id: string | null;
}

/** A decision that is due: its type, when its clock started and when it is due; a reconsideration names its id. */
export interface Due {
  type: DecisionType;
  startedAt: Date;
  dueAt: Date;
  /** The waiting reconsideration (a row already written) or undefined for a type's first decision. */
  decisionId?: string;
  /** The decision a reconsideration is about. */
  reconsidersId?: string;
}

/** The outcome that stands for a decision: its reconsideration's when one was decided, else its own. */
export function standingOutcome(decision: Decision, all: readonly Decision[]): Outcome | null {
  const again = all.find((d) => d.reconsiders_id === decision.id && d.outcome);
  return ((again?.outcome ?? decision.outcome) as Outcome | null) ?? null;
}

/** When the outcome that stands was decided (a reconsideration's moment when it changed it). */
function standingSince(decision: Decision, all: readonly Decision[]): Date | null {
  const again = all.find((d) => d.reconsiders_id === decision.id && d.decided_at);
  return again?.decided_at ?? decision.decided_at;
}

/**
 * The decisions due now, earliest first: waiting reconsiderations (their clock started at the request), and the
 * first active type not decided yet whose clock has started: from the signal (no `after_code`), or from the
 * moment the decision it follows stood positive. A type whose predecessor stands negative is not due.
 */
export function dueDecisions(
  types: readonly DecisionType[],
  decisions: readonly Decision[],
  signalAt: Date,
): Due[] {
  const byCode = new Map(types.map((t) => [t.code, t]));
  const due: Due[] = [];
  for (const d of decisions)
    if (d.reconsiders_id && !d.outcome && d.requested_at) {
      const type = byCode.get(d.type_code);
      if (type)
        due.push({
          type,
          startedAt: d.requested_at,
          dueAt: d.due_at,
          decisionId: d.id,
          reconsidersId: d.reconsiders_id,
        });
    }
  const first = (code: string) => decisions.find((d) => d.type_code === code && !d.reconsiders_id);
  const steps = types.filter((t) => t.active && !t.reconsiders).sort((a, b) => a.position - b.position);
  for (const type of steps) {
    if (first(type.code)) continue;
    let startedAt: Date | null = signalAt;
    if (type.after_code) {
      const before = first(type.after_code);
      startedAt =
        before && standingOutcome(before, decisions) === 'positive' ? standingSince(before, decisions) : null;
    }
    if (startedAt)
      due.push({ type, startedAt, dueAt: addWorkingDays(startedAt, type.deadline_working_days) });
    break;
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Whether a due decision is past its deadline at `now` (the app's clock, never the wall clock). */
export const isOverdue = (due: { dueAt: Date }, now: Date) => now.getTime() > due.dueAt.getTime();

/** Whether a role may take decisions of a type. */
export const mayDecide = (type: DecisionType, role: string) => type.decider_roles.includes(role);

/** The type that reconsiders a negative decision (the first active one), if one is configured. */
export const reconsiderationType = (types: readonly DecisionType[]) =>
  types.filter((t) => t.active && t.reconsiders).sort((a, b) => a.position - b.position)[0];

/**
 * Whether a decision may be reconsidered: it stands negative, is not itself a reconsideration, and has no
 * reconsideration yet (one per decision).
 */
export function mayBeReconsidered(decision: Decision, all: readonly Decision[]): boolean {
  return (
    !decision.reconsiders_id &&
    decision.outcome === 'negative' &&
    !all.some((d) => d.reconsiders_id === decision.id)
  );
}
