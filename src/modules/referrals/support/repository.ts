// The queries of the support and criminal-justice track: a case's row, writing it, the recovery periods the
// deadline job reminds about, and the counts the bottleneck view shows (no person data).
import type { Insertable } from 'kysely';
import type { NrmSupportTable } from '../../../db/schema.js';
import type { Db } from '../repository.js';

export async function supportOf(db: Db, caseId: string) {
  return db.selectFrom('nrm_support').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export type SupportRow = NonNullable<Awaited<ReturnType<typeof supportOf>>>;

/** The track of several cases in one query (a merge and the page before it). */
export async function supportOfCases(db: Db, caseIds: readonly string[]) {
  if (!caseIds.length) return [];
  return db
    .selectFrom('nrm_support')
    .selectAll()
    .where('case_id', 'in', [...caseIds])
    .execute();
}

export async function saveSupport(db: Db, row: Insertable<NrmSupportTable>): Promise<void> {
  const { case_id: _id, ...changes } = row;
  await db
    .insertInto('nrm_support')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet(changes))
    .execute();
}

/** Open cases whose recovery period ends on or before `day` and whose owner was not reminded yet. */
export async function recoveryEndingUnwarned(db: Db, day: string) {
  return db
    .selectFrom('nrm_support as s')
    .innerJoin('nrm_case as c', 'c.id', 's.case_id')
    .select(['c.id', 'c.owner_team_id', 's.recovery_ends_on'])
    .where('s.recovery_ends_on', '<=', day)
    .where('s.recovery_warned_at', 'is', null)
    .where('c.status', '!=', 'closed')
    .where('c.anonymised_at', 'is', null)
    .execute();
}

export async function markRecoveryWarned(db: Db, caseId: string, at: Date): Promise<void> {
  await db.updateTable('nrm_support').set({ recovery_warned_at: at }).where('case_id', '=', caseId).execute();
}

/** Counts over open cases for the bottleneck view: periods running, aangifte considered, B8 waiting, no legal aid. */
export async function supportFigures(db: Db, today: string) {
  const row = await db
    .selectFrom('nrm_support as s')
    .innerJoin('nrm_case as c', 'c.id', 's.case_id')
    .where('c.status', '!=', 'closed')
    .where('c.anonymised_at', 'is', null)
    .select((eb) => [
      eb.fn.countAll<string>().as('tracked'),
      eb.fn
        .count<string>('s.case_id')
        .filterWhere((w) =>
          w.and([w('s.recovery_starts_on', '<=', today), w('s.recovery_ends_on', '>=', today)]),
        )
        .as('recovery'),
      eb.fn.count<string>('s.case_id').filterWhere('s.aangifte', '=', 'considering').as('considering'),
      eb.fn.count<string>('s.case_id').filterWhere('s.b8_outcome', '=', 'pending').as('b8'),
      eb.fn.count<string>('s.case_id').filterWhere('s.legal_aid_on', 'is', null).as('noLegalAid'),
    ])
    .executeTakeFirstOrThrow();
  return {
    tracked: Number(row.tracked),
    recoveryRunning: Number(row.recovery),
    aangifteConsidering: Number(row.considering),
    b8Pending: Number(row.b8),
    withoutLegalAid: Number(row.noLegalAid),
  };
}
