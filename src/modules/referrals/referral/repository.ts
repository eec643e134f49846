// The queries of referrals and transfers between teams (the answers are in answers.ts, closing in closing.ts).
import type { Db, ReferralRow, Tx } from '../repository.js';

/** An open referral of the case to the team, if one is still waiting for its answer. */
export async function pendingReferralTo(db: Db, caseId: string, teamId: string) {
  return db
    .selectFrom('nrm_referral')
    .select('id')
    .where('case_id', '=', caseId)
    .where('to_team_id', '=', teamId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** A referral of this case (undefined for one of another case: ids are not trusted across cases). */
export async function findReferralOfCase(
  db: Db,
  caseId: string,
  referralId: string,
): Promise<ReferralRow | undefined> {
  return db
    .selectFrom('nrm_referral')
    .selectAll()
    .where('id', '=', referralId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function markReferralWithdrawn(
  trx: Tx,
  referralId: string,
  at: Date,
  by: string,
): Promise<void> {
  await trx
    .updateTable('nrm_referral')
    .set({ status: 'withdrawn', responded_at: at, responded_by: by })
    .where('id', '=', referralId)
    .execute();
}
