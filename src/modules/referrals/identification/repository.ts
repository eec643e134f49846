// The queries of identification decisions: the configured types, a case's decisions (with who decided, by name
// and team, for the case page), writing a decision or a reconsideration request, and the figures the bottleneck
// view counts.
import type { Db } from '../repository.js';
import type { Decision, DecisionType } from './steps.js';

export async function decisionTypes(db: Db): Promise<DecisionType[]> {
  return db.selectFrom('nrm_decision_type').selectAll().orderBy('position').execute();
}

export type DecisionRow = Decision & {
  case_id: string;
  reasons_enc: string | null;
  requested_by: string | null;
  decider_name: string | null;
  decider_team: string | null;
};

export async function decisionsOf(db: Db, caseId: string): Promise<DecisionRow[]> {
  return db
    .selectFrom('nrm_decision as d')
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .leftJoin('nrm_team as t', 't.id', 'd.decided_team_id')
    .selectAll('d')
    .select(['u.display_name as decider_name', 't.name as decider_team'])
    .where('d.case_id', '=', caseId)
    .orderBy('d.due_at')
    .execute();
}

/** The decisions (and reconsiderations) of several cases in one query: a merge and the page before it. */
export async function decisionsOfCases(db: Db, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('nrm_decision')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .orderBy('due_at')
    .execute();
}

/**
 * Moves decisions to another case (a merge). Only the case id changes: the reasons are sealed bound to the
 * decision's own id, so they open there unchanged; the deadline, request and decider stay as they were.
 */
export async function moveDecisions(db: Db, ids: readonly string[], toCase: string): Promise<void> {
  if (!ids.length) return;
  await db
    .updateTable('nrm_decision')
    .set({ case_id: toCase })
    .where('id', 'in', [...ids])
    .execute();
}

export async function insertDecision(
  db: Db,
  d: {
    id: string;
    caseId: string;
    typeCode: string;
    dueAt: Date;
    reconsidersId?: string;
    requestedAt?: Date;
    requestedBy?: string;
  },
): Promise<void> {
  await db
    .insertInto('nrm_decision')
    .values({
      id: d.id,
      case_id: d.caseId,
      type_code: d.typeCode,
      due_at: d.dueAt,
      reconsiders_id: d.reconsidersId ?? null,
      requested_at: d.requestedAt ?? null,
      requested_by: d.requestedBy ?? null,
    })
    .execute();
}

export async function recordOutcome(
  db: Db,
  id: string,
  o: { outcome: string; reasonsEnc: string | null; at: Date; by: string; teamId: string | null },
): Promise<void> {
  await db
    .updateTable('nrm_decision')
    .set({
      outcome: o.outcome,
      reasons_enc: o.reasonsEnc,
      decided_at: o.at,
      decided_by: o.by,
      decided_team_id: o.teamId,
    })
    .where('id', '=', id)
    .where('outcome', 'is', null)
    .execute();
}

/** Counts for the bottleneck view (no person data): reconsiderations waiting and past their deadline. */
export async function decisionFigures(db: Db, now: Date) {
  const row = await db
    .selectFrom('nrm_decision')
    .select((eb) => [
      eb.fn.count<string>('id').filterWhere('outcome', 'is', null).as('waiting'),
      eb.fn
        .count<string>('id')
        .filterWhere((w) => w.and([w('outcome', 'is', null), w('due_at', '<', now)]))
        .as('overdue'),
      eb.fn
        .count<string>('id')
        .filterWhere((w) => w.and([w('outcome', 'is not', null), w('decided_at', '>', w.ref('due_at'))]))
        .as('late'),
      eb.fn.count<string>('id').filterWhere('outcome', 'is not', null).as('decided'),
    ])
    .executeTakeFirstOrThrow();
  return {
    reconsiderationsWaiting: Number(row.waiting),
    reconsiderationsOverdue: Number(row.overdue),
    decided: Number(row.decided),
    decidedLate: Number(row.late),
  };
}

/** Open signals with their decisions, for counting the decisions past their deadline (no person data). */
export async function openCaseDecisions(db: Db) {
  const [cases, decisions] = await Promise.all([
    db
      .selectFrom('nrm_case')
      .select(['id', 'created_at'])
      .where('kind', '=', 'signal')
      .where('status', '!=', 'closed')
      .where('anonymised_at', 'is', null)
      .execute(),
    db
      .selectFrom('nrm_decision as d')
      .innerJoin('nrm_case as c', 'c.id', 'd.case_id')
      .selectAll('d')
      .where('c.kind', '=', 'signal')
      .where('c.status', '!=', 'closed')
      .where('c.anonymised_at', 'is', null)
      .execute(),
  ]);
  const byCase = new Map<string, Decision[]>();
  for (const d of decisions) byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d]);
  return cases.map((c) => ({ signalAt: c.created_at, decisions: byCase.get(c.id) ?? [] }));
}

/**
 * The decision types with the decisions written on these cases, in one query (a list page's cases at once, never a
 * query per row): every type comes at least once (with empty decision columns where no case has one), each
 * decision with the role and team of who decided. None when no case is given.
 */
export async function typesWithDecisionsOf(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return db
    .selectFrom('nrm_decision_type as ty')
    .leftJoin('nrm_decision as d', (join) =>
      join.onRef('d.type_code', '=', 'ty.code').on('d.case_id', 'in', [...caseIds]),
    )
    .leftJoin('app_user as u', 'u.id', 'd.decided_by')
    .leftJoin('nrm_team as tm', 'tm.id', 'd.decided_team_id')
    .select([
      'ty.code',
      'ty.position',
      'ty.name',
      'ty.decider_roles',
      'ty.deadline_working_days',
      'ty.after_code',
      'ty.reconsiders',
      'ty.active',
      'd.id as decision_id',
      'd.case_id',
      'd.reconsiders_id',
      'd.requested_at',
      'd.due_at',
      'd.outcome',
      'd.decided_at',
      'd.decided_by',
      'd.decided_team_id',
      'u.role as decider_role',
      'tm.name as decider_team',
    ])
    .orderBy('ty.position')
    .execute();
}

export type TypeWithDecisionRow = Awaited<ReturnType<typeof typesWithDecisionsOf>>[number];
