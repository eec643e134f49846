// The queries of a new signal (or anonymous consult): the case row and the person's sealed data.
import type { Insertable } from 'kysely';
import type { NrmCaseTable, NrmPersonTable } from '../../../db/schema.js';
import type { CaseRow, Tx } from '../repository.js';

export type NewCase = Insertable<NrmCaseTable>;

export async function insertCase(trx: Tx, values: NewCase): Promise<CaseRow> {
  return trx.insertInto('nrm_case').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function insertPerson(trx: Tx, values: Insertable<NrmPersonTable>): Promise<void> {
  await trx.insertInto('nrm_person').values(values).execute();
}
