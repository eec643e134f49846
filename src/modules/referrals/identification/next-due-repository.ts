// The due moment of a case's next identification decision, stored on the case (migration 0035) so that "waiting on
// my team" sorts and pages the decisions due over all the team's cases in SQL. The moment comes from the one rule,
// `dueDecisions` (steps.ts), never from SQL of its own: `refreshNextDecision` recomputes it for given cases inside
// the transaction that changed its basis (a signal, a decision, a reconsideration, closing or reopening, a merge).
// The basis can also change outside those paths: the types are data, the holidays code. Their fingerprint is kept
// in nrm_next_decision_basis; `recomputeNextDecisions` (run on every start) recomputes every open case in batches
// when it changed, or when an open signal has no moment where the rule says one must be (a row written around the
// code: the rows of before 0035, a bulk import, the bench's generated cases).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { WORKING_DAYS_CALENDAR_VERSION } from '../../../platform/time/index.js';
import type { Db } from '../repository.js';
import { decisionsOfCases, decisionTypes } from './repository.js';
import { dueDecisions, type Decision, type DecisionType } from './steps.js';

/** Cases per transaction of the recompute (keyset on id): short locks, bounded memory. */
export const NEXT_DECISION_BATCH = 1000;

/** The fingerprint of what the moments are computed from: every type's row and the calendar's version. */
export function basisFingerprint(types: readonly DecisionType[]): string {
  const rows = [...types]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((t) => [
      t.code,
      t.position,
      [...t.decider_roles].sort(),
      t.deadline_working_days,
      t.after_code,
      t.reconsiders,
      t.active,
    ]);
  return createHash('sha256')
    .update(JSON.stringify({ calendar: WORKING_DAYS_CALENDAR_VERSION, types: rows }))
    .digest('hex');
}

/**
 * Recomputes the next decision (its due moment and type code) of these cases, in the caller's transaction: the
 * case rows are locked first (as every change of a case locks it), so a concurrent decision cannot interleave with
 * a recompute. Null when nothing is due: a consult, a closed or anonymised case, a negative outcome, all decided.
 * Only rows whose value changes are written.
 */
export async function refreshNextDecision(
  trx: Db,
  caseIds: readonly string[],
  knownTypes?: readonly DecisionType[],
): Promise<void> {
  const ids = [...new Set(caseIds)];
  if (ids.length === 0) return;
  const cases = await trx
    .selectFrom('nrm_case')
    .select([
      'id',
      'kind',
      'status',
      'created_at',
      'anonymised_at',
      'next_decision_due_at',
      'next_decision_code',
    ])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  const types = knownTypes ?? (await decisionTypes(trx));
  const decisions = await decisionsOfCases(trx, ids);
  const byCase = new Map<string, Decision[]>();
  for (const d of decisions) byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d]);
  const changed = cases.flatMap((c) => {
    const open = c.kind === 'signal' && c.status !== 'closed' && !c.anonymised_at;
    const next = open ? dueDecisions(types, byCase.get(c.id) ?? [], c.created_at)[0] : undefined;
    const at = next?.dueAt ?? null;
    const code = next?.type.code ?? null;
    const same = (c.next_decision_due_at?.getTime() ?? null) === (at?.getTime() ?? null);
    return same && c.next_decision_code === code ? [] : [{ id: c.id, at, code }];
  });
  if (changed.length === 0) return;
  await sql`
    update nrm_case c set next_decision_due_at = v.at, next_decision_code = v.code
    from (values ${sql.join(changed.map((r) => sql`(${r.id}::uuid, ${r.at}::timestamptz, ${r.code}::text)`))})
      as v(id, at, code)
    where c.id = v.id`.execute(trx);
}

/**
 * Whether the stored moments may be untrue: the fingerprint differs from the one stored (or none is), or an open
 * signal without any decision has no moment while the types say such a case has one due (a row written around
 * the code).
 */
async function stale(db: Db, types: readonly DecisionType[], fingerprint: string): Promise<boolean> {
  const stored = await db.selectFrom('nrm_next_decision_basis').select('fingerprint').executeTakeFirst();
  if (stored?.fingerprint !== fingerprint) return true;
  // The rule itself says whether a case without decisions has one due (the first type's clock starts at the signal).
  if (dueDecisions(types, [], new Date(0)).length === 0) return false;
  const missing = await db
    .selectFrom('nrm_case as c')
    .select('c.id')
    .where('c.kind', '=', 'signal')
    .where('c.status', '<>', 'closed')
    .where('c.anonymised_at', 'is', null)
    .where('c.next_decision_due_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('nrm_decision as d').select('d.id').whereRef('d.case_id', '=', 'c.id'))),
    )
    .limit(1)
    .executeTakeFirst();
  return missing !== undefined;
}

/**
 * The start's check (`samen serve`, `samen migrate`, the bench after generating cases): when the stored moments may
 * be untrue, every open signal is recomputed, NEXT_DECISION_BATCH cases per transaction in the order of their ids,
 * any moment left on a case that waits for nothing is cleared, and then the fingerprint is stored. `force` skips
 * the check. Returns how many open cases were recomputed (0 when all was true).
 */
export async function recomputeNextDecisions(
  db: Db,
  clock: () => Date,
  o: { force?: boolean } = {},
): Promise<{ cases: number }> {
  const types = await decisionTypes(db);
  const fingerprint = basisFingerprint(types);
  if (!o.force && !(await stale(db, types, fingerprint))) return { cases: 0 };
  let cases = 0;
  let after: string | undefined;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      let q = trx
        .selectFrom('nrm_case')
        .select('id')
        .where('kind', '=', 'signal')
        .where('status', '<>', 'closed')
        .where('anonymised_at', 'is', null);
      if (after) q = q.where('id', '>', after);
      const ids = (await q.orderBy('id').limit(NEXT_DECISION_BATCH).execute()).map((r) => r.id);
      await refreshNextDecision(trx, ids, types);
      return ids;
    });
    cases += batch.length;
    if (batch.length < NEXT_DECISION_BATCH) break;
    after = batch.at(-1);
  }
  await db
    .updateTable('nrm_case')
    .set({ next_decision_due_at: null, next_decision_code: null })
    .where('next_decision_due_at', 'is not', null)
    .where((eb) =>
      eb.or([eb('kind', '<>', 'signal'), eb('status', '=', 'closed'), eb('anonymised_at', 'is not', null)]),
    )
    .execute();
  const now = clock();
  await db
    .insertInto('nrm_next_decision_basis')
    .values({ id: true, fingerprint, computed_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ fingerprint, computed_at: now }))
    .execute();
  return { cases };
}
