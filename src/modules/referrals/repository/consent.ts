// Queries for consent per recipient and purpose (migration 0017). The rules are in ../consent.ts.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, NrmConsentTable } from '../../../db/schema.js';

// Not taken from ../repository.ts: that file reads the consents through this one (no import circle).
type Db = Kysely<Database> | Transaction<Database>;

export type ConsentRow = Selectable<NrmConsentTable>;

/** Every consent recorded on a case, oldest first (withdrawn ones too: they are the history). */
export async function consentsOf(db: Db, caseId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('nrm_consent')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

/** The consents of many cases in one query (lists). */
export async function consentsOfCases(db: Db, caseIds: string[]): Promise<ConsentRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom('nrm_consent').selectAll().where('case_id', 'in', caseIds).execute();
}

export async function insertConsent(
  db: Db,
  c: {
    id: string;
    caseId: string;
    teamId: string;
    purpose: string;
    answer: string;
    method: string;
    at: Date;
    by: string | null;
  },
): Promise<void> {
  await db
    .insertInto('nrm_consent')
    .values({
      id: c.id,
      case_id: c.caseId,
      team_id: c.teamId,
      purpose: c.purpose,
      answer: c.answer,
      method: c.method,
      recorded_at: c.at,
      recorded_by: c.by,
    })
    .execute();
}

/** Marks standing consents withdrawn (by id); returns those it changed. */
export async function markWithdrawn(
  db: Db,
  o: { caseId: string; ids: string[]; at: Date; by: string; noteOf: (id: string) => string | null },
): Promise<string[]> {
  const done: string[] = [];
  for (const id of o.ids) {
    const row = await db
      .updateTable('nrm_consent')
      .set({ withdrawn_at: o.at, withdrawn_by: o.by, withdrawal_note_enc: o.noteOf(id) })
      .where('id', '=', id)
      .where('case_id', '=', o.caseId)
      .where('withdrawn_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (row) done.push(row.id);
  }
  return done;
}

/** Retention: the withdrawal notes of an anonymised case are erased with every other free text. */
export async function eraseWithdrawalNotes(db: Db, caseId: string): Promise<void> {
  await db
    .updateTable('nrm_consent')
    .set({ withdrawal_note_enc: null })
    .where('case_id', '=', caseId)
    .execute();
}
