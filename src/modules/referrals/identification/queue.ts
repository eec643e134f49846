// What a list of cases shows of identification (issue 20: "a coordinator can see for each case what has been
// decided about the person, by whom and by when the next decision is due"): per case the next decision due (its
// type, when, whether it is overdue on the app's clock) and the decision taken last (type, outcome, the role and
// team of who decided, when). Pure: the rows come from one query for the page's cases (typesWithDecisionsOf).
import type { TypeWithDecisionRow } from './repository.js';
import { dueDecisions, isOverdue, type Decision, type DecisionType } from './steps.js';

export interface CaseDecisions {
  next: { type: Pick<DecisionType, 'code' | 'name'>; dueAt: Date; overdue: boolean } | null;
  last: {
    type: Pick<DecisionType, 'code' | 'name'>;
    outcome: string;
    at: Date;
    role: string | null;
    team: string | null;
  } | null;
}

/** The cases a list shows: a signal's decisions are due from its arrival, while it is open. */
interface ListedCase {
  id: string;
  kind: string;
  status: string;
  created_at: Date;
}

export function decisionsByCase(
  rows: readonly TypeWithDecisionRow[],
  cases: readonly ListedCase[],
  now: Date,
): Map<string, CaseDecisions> {
  const types = new Map<string, DecisionType>();
  const byCase = new Map<string, (Decision & { role: string | null; team: string | null })[]>();
  for (const r of rows) {
    if (!types.has(r.code))
      types.set(r.code, {
        code: r.code,
        position: r.position,
        name: r.name,
        decider_roles: r.decider_roles,
        deadline_working_days: r.deadline_working_days,
        after_code: r.after_code,
        reconsiders: r.reconsiders,
        active: r.active,
      });
    if (!r.decision_id || !r.case_id || !r.due_at) continue;
    const list = byCase.get(r.case_id) ?? [];
    list.push({
      id: r.decision_id,
      type_code: r.code,
      reconsiders_id: r.reconsiders_id,
      requested_at: r.requested_at,
      due_at: r.due_at,
      outcome: r.outcome,
      decided_at: r.decided_at,
      decided_by: r.decided_by,
      decided_team_id: r.decided_team_id,
      role: r.decider_role,
      team: r.decider_team,
    });
    byCase.set(r.case_id, list);
  }
  const allTypes = [...types.values()];
  const result = new Map<string, CaseDecisions>();
  for (const c of cases) {
    if (c.kind !== 'signal') continue;
    const decisions = byCase.get(c.id) ?? [];
    const due = c.status === 'closed' ? undefined : dueDecisions(allTypes, decisions, c.created_at)[0];
    const decided = decisions
      .filter((d) => d.decided_at && d.outcome)
      .sort((a, b) => b.decided_at!.getTime() - a.decided_at!.getTime())[0];
    const typeOf = (code: string) => {
      const type = types.get(code)!;
      return { code: type.code, name: type.name };
    };
    result.set(c.id, {
      next: due
        ? {
            type: { code: due.type.code, name: due.type.name },
            dueAt: due.dueAt,
            overdue: isOverdue(due, now),
          }
        : null,
      last: decided
        ? {
            type: typeOf(decided.type_code),
            outcome: decided.outcome!,
            at: decided.decided_at!,
            role: decided.role,
            team: decided.team,
          }
        : null,
    });
  }
  return result;
}
