// The queries of duplicate detection: a case's keyed blocking keys, the cases that share one, their sealed person
// fields and codes, the candidate pairs, and the national coordination's decision on a pair.
import type { Db, Tx } from '../repository.js';

/** Replaces a case's blocking keys (keyed hashes). */
export async function replaceKeys(trx: Tx, caseId: string, keys: string[]): Promise<void> {
  await trx.deleteFrom('nrm_match_key').where('case_id', '=', caseId).execute();
  if (keys.length)
    await trx
      .insertInto('nrm_match_key')
      .values(keys.map((match_key) => ({ case_id: caseId, match_key })))
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/** How many cases hold each of these keys (an index-only count: the size of each block). */
export async function blockSizes(db: Db, keys: string[]) {
  if (!keys.length) return new Map<string, number>();
  const rows = await db
    .selectFrom('nrm_match_key')
    .select(['match_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('match_key', 'in', keys)
    .groupBy('match_key')
    .execute();
  return new Map(rows.map((r) => [r.match_key, Number(r.n)]));
}

/** Cases (not anonymised) sharing a blocking key with these keys, most keys shared first, at most `limit`. */
export async function sharingKeys(db: Db, caseId: string, keys: string[], limit: number) {
  if (!keys.length) return [];
  return db
    .selectFrom('nrm_match_key as k')
    .innerJoin('nrm_case as c', 'c.id', 'k.case_id')
    .select(['k.case_id', (eb) => eb.fn.countAll<number>().as('shared')])
    .where('k.match_key', 'in', keys)
    .where('k.case_id', '<>', caseId)
    .where('c.anonymised_at', 'is', null)
    .groupBy('k.case_id')
    .orderBy('shared', 'desc')
    .limit(limit)
    .execute();
}

/** The sealed person fields and the codes compared, of the given cases. */
export async function comparable(db: Db, caseIds: string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('nrm_case as c')
    .innerJoin('nrm_person as p', 'p.case_id', 'c.id')
    .select([
      'c.id',
      'c.reference',
      'c.owner_team_id',
      'c.municipality_code',
      'c.safety_region_code',
      'c.citizenship',
      'c.gender',
      'c.status',
      'c.created_at',
      'c.version',
      'c.reflection_ends_on',
      'p.name_enc',
      'p.date_of_birth_enc',
    ])
    .where('c.id', 'in', caseIds)
    .execute();
}

export type ComparableRow = Awaited<ReturnType<typeof comparable>>[number];

/** Records (or updates the score of) undecided candidate pairs in one statement; a decided pair keeps its decision. */
export async function upsertPairs(
  trx: Tx,
  pairs: { a: string; b: string; score: number; reasons: string[]; at: Date }[],
): Promise<void> {
  if (!pairs.length) return;
  await trx
    .insertInto('nrm_duplicate')
    .values(
      pairs.map((p) => {
        const [case_a, case_b] = p.a < p.b ? [p.a, p.b] : [p.b, p.a];
        return { case_a, case_b, score: p.score, reasons: p.reasons, found_at: p.at };
      }),
    )
    .onConflict((oc) =>
      oc
        .columns(['case_a', 'case_b'])
        .doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          reasons: eb.ref('excluded.reasons'),
          found_at: eb.ref('excluded.found_at'),
        }))
        .where('nrm_duplicate.outcome', 'is', null),
    )
    .execute();
}

/** Forgets a case's undecided pairs (its person changed or was erased). */
export async function dropOpenPairs(trx: Tx, caseId: string): Promise<void> {
  await trx
    .deleteFrom('nrm_duplicate')
    .where('outcome', 'is', null)
    .where((eb) => eb.or([eb('case_a', '=', caseId), eb('case_b', '=', caseId)]))
    .execute();
}

/** Erases a case's keys and undecided pairs (anonymisation). */
export async function forgetCase(trx: Tx, caseId: string): Promise<void> {
  await trx.deleteFrom('nrm_match_key').where('case_id', '=', caseId).execute();
  await dropOpenPairs(trx, caseId);
}

/** Undecided pairs at or above a score, best first. */
export async function openPairs(db: Db, from: number, limit: number) {
  return db
    .selectFrom('nrm_duplicate')
    .selectAll()
    .where('outcome', 'is', null)
    .where('score', '>=', from)
    .orderBy('score', 'desc')
    .orderBy('found_at', 'desc')
    .limit(limit)
    .execute();
}

/** Pairs linked as the same person whose cases are both still open (they can be merged), newest first. */
export async function linkedOpenPairs(db: Db, limit: number) {
  return db
    .selectFrom('nrm_duplicate as d')
    .innerJoin('nrm_case as a', 'a.id', 'd.case_a')
    .innerJoin('nrm_case as b', 'b.id', 'd.case_b')
    .selectAll('d')
    .where('d.outcome', '=', 'linked')
    .where('a.status', '<>', 'closed')
    .where('b.status', '<>', 'closed')
    .where('a.anonymised_at', 'is', null)
    .where('b.anonymised_at', 'is', null)
    .orderBy('d.decided_at', 'desc')
    .limit(limit)
    .execute();
}

/** Pairs decided, newest first. */
export async function decidedPairs(db: Db, limit: number) {
  return db
    .selectFrom('nrm_duplicate')
    .selectAll()
    .where('outcome', 'is not', null)
    .orderBy('decided_at', 'desc')
    .limit(limit)
    .execute();
}

/** One pair, locked for the decision. */
export async function lockPair(trx: Tx, a: string, b: string) {
  return trx
    .selectFrom('nrm_duplicate')
    .selectAll()
    .where('case_a', '=', a)
    .where('case_b', '=', b)
    .forUpdate()
    .executeTakeFirst();
}

export async function decidePair(
  trx: Tx,
  a: string,
  b: string,
  d: { outcome: 'linked' | 'dismissed' | 'merged'; by: string; at: Date },
): Promise<void> {
  await trx
    .updateTable('nrm_duplicate')
    .set({ outcome: d.outcome, decided_by: d.by, decided_at: d.at })
    .where('case_a', '=', a)
    .where('case_b', '=', b)
    .execute();
}

/** Cases with a named person, after a case id (the backfill walks them all in id order). */
export async function personsAfter(db: Db, after: string, limit: number) {
  return db
    .selectFrom('nrm_person as p')
    .innerJoin('nrm_case as c', 'c.id', 'p.case_id')
    .select('p.case_id')
    .where('c.anonymised_at', 'is', null)
    .where('p.name_enc', 'is not', null)
    .where('p.case_id', '>', after)
    .orderBy('p.case_id')
    .limit(limit)
    .execute();
}

/** Case references by id. */
export async function referencesOf(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, string>();
  const rows = await db.selectFrom('nrm_case').select(['id', 'reference']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.reference]));
}
