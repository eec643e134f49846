// The queries every aggregate of the referral mechanism shares: a case's version and fields, its person row, the
// national registration, and the coordination referral that lets another team see a case.
import type { Insertable, Updateable } from 'kysely';
import type {
  NrmCaseTable,
  NrmPersonTable,
  NrmReferralTable,
  NrmRegistrationTable,
} from '../../../db/schema.js';
import type { CaseRow, Db, Tx } from '../repository.js';

export type CaseChanges = Updateable<NrmCaseTable>;
export type PersonValues = Omit<Insertable<NrmPersonTable>, 'case_id'>;
export type RegistrationValues = Omit<Insertable<NrmRegistrationTable>, 'pseudonym'>;

/** Sets fields of one case (the caller holds the row lock of `lockCase` where the change must be serial). */
export async function updateCase(db: Db, caseId: string, set: CaseChanges): Promise<void> {
  await db.updateTable('nrm_case').set(set).where('id', '=', caseId).execute();
}

/** Counts a change: the next version (what a stale form is checked against), returning the case as it is now. */
export async function bumpVersion(trx: Tx, row: CaseRow, now: Date): Promise<CaseRow> {
  return trx
    .updateTable('nrm_case')
    .set({ version: row.version + 1, updated_at: now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The pseudonymised national registration row of a case, written or brought up to date. */
export async function upsertRegistration(
  trx: Tx,
  pseudonym: string,
  values: RegistrationValues,
): Promise<void> {
  await trx
    .insertInto('nrm_registration')
    .values({ pseudonym, ...values })
    .onConflict((oc) => oc.column('pseudonym').doUpdateSet(values))
    .execute();
}

/** The person's sealed data of a case, if any was given. */
export async function findPerson(db: Db, caseId: string) {
  return db.selectFrom('nrm_person').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** Writes (or replaces) the person's sealed data of a case. */
export async function upsertPerson(trx: Tx, caseId: string, values: PersonValues): Promise<void> {
  await trx
    .insertInto('nrm_person')
    .values({ case_id: caseId, ...values })
    .onConflict((oc) => oc.column('case_id').doUpdateSet(values))
    .execute();
}

/** Inserts a referral row (its reason sealed by the caller). */
export async function insertReferral(trx: Tx, values: Insertable<NrmReferralTable>): Promise<void> {
  await trx.insertInto('nrm_referral').values(values).execute();
}

/**
 * A coordination referral without personal data: the receiving team may read the case (and its notification
 * stands), nothing more. Used where several coordinations cover a place and when a signal is escalated.
 */
export async function insertCoordinationReferral(
  trx: Tx,
  r: { id: string; caseId: string; fromTeamId: string; toTeamId: string; at: Date; by: string | null },
): Promise<void> {
  await insertReferral(trx, {
    id: r.id,
    case_id: r.caseId,
    kind: 'refer',
    service_type: 'coordination',
    from_team_id: r.fromTeamId,
    to_team_id: r.toTeamId,
    status: 'pending',
    shares_personal_data: false,
    legal_ground: null,
    reason: null,
    created_at: r.at,
    created_by: r.by,
  });
}
