// The queries of the children's route: a case's guardian row, writing it, and the deadlines the job reminds of.
import type { Insertable, Updateable } from 'kysely';
import type { NrmGuardianTable } from '../../../db/schema.js';
import type { Db } from '../repository.js';

export async function guardianOf(db: Db, caseId: string) {
  return db.selectFrom('nrm_guardian').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export type GuardianRow = NonNullable<Awaited<ReturnType<typeof guardianOf>>>;

export async function insertGuardian(db: Db, row: Insertable<NrmGuardianTable>): Promise<void> {
  await db.insertInto('nrm_guardian').values(row).execute();
}

export async function updateGuardian(
  db: Db,
  caseId: string,
  set: Updateable<NrmGuardianTable>,
): Promise<void> {
  await db.updateTable('nrm_guardian').set(set).where('case_id', '=', caseId).execute();
}

/** Open cases whose guardian is not appointed by its deadline and whose owner was not reminded yet. */
export async function guardianOverdueUnreminded(db: Db, now: Date) {
  return db
    .selectFrom('nrm_guardian as g')
    .innerJoin('nrm_case as c', 'c.id', 'g.case_id')
    .select(['c.id', 'c.owner_team_id'])
    .where('g.due_at', '<=', now)
    .where('g.appointed_on', 'is', null)
    .where('g.reminded_at', 'is', null)
    .where('c.status', '!=', 'closed')
    .where('c.anonymised_at', 'is', null)
    .execute();
}
