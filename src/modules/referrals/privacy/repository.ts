// The queries of the privacy side: break-the-glass grants and their review, a case found by its reference, and
// the latest audit entries with the actor's name.
import type { Db, Tx } from '../repository.js';

export async function insertGrant(
  trx: Tx,
  g: { id: string; caseId: string; userId: string; sealedReason: string; at: Date; expiresAt: Date },
): Promise<void> {
  await trx
    .insertInto('nrm_access_grant')
    .values({
      id: g.id,
      case_id: g.caseId,
      user_id: g.userId,
      reason: g.sealedReason,
      granted_at: g.at,
      expires_at: g.expiresAt,
    })
    .execute();
}

/** A case that is not anonymised, by its reference. */
export async function caseByReference(db: Db, reference: string) {
  return db
    .selectFrom('nrm_case')
    .select(['id', 'reference'])
    .where('reference', '=', reference)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
}

/** The latest 200 break-the-glass grants with who and which case (their reasons still sealed). */
export async function latestGrants(db: Db) {
  return db
    .selectFrom('nrm_access_grant as g')
    .innerJoin('app_user as u', 'u.id', 'g.user_id')
    .innerJoin('nrm_case as c', 'c.id', 'g.case_id')
    .select([
      'g.id',
      'g.granted_at',
      'g.expires_at',
      'g.reason',
      'g.reviewed_at',
      'u.display_name',
      'u.email',
      'c.reference',
    ])
    .orderBy('g.granted_at', 'desc')
    .limit(200)
    .execute();
}

/** Marks a grant reviewed; false when there is no such grant or it was reviewed already. */
export async function markGrantReviewed(db: Db, grantId: string, at: Date, by: string): Promise<boolean> {
  const updated = await db
    .updateTable('nrm_access_grant')
    .set({ reviewed_at: at, reviewed_by: by })
    .where('id', '=', grantId)
    .where('reviewed_at', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The latest audit entries with the actor's display name (entries hold no personal data). */
export async function recentAuditEntries(db: Db, limit: number) {
  return db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_user_id')
    .select(['a.id', 'a.at', 'a.action', 'a.entity_type', 'a.entity_id', 'u.display_name as actor_name'])
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
