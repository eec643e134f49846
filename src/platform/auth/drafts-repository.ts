// Kept forms (drafts.ts) in and out of `auth_form_draft`, and the purge of expired drafts and of ended sessions
// remembered too long. The values arrive sealed; nothing here sees them in the clear.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The database the drafts live in. */
export type Root = Kysely<Database>;

export interface StoredDraft {
  path: string;
  values_enc: string;
  expires_at: Date;
}

export async function insertDraft(
  db: Root,
  draft: { id: string; userId: string; path: string; valuesEnc: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('auth_form_draft')
    .values({
      id: draft.id,
      user_id: draft.userId,
      path: draft.path,
      values_enc: draft.valuesEnc,
      created_at: draft.createdAt,
      expires_at: draft.expiresAt,
    })
    .execute();
}

/** The draft with this id when it is this account's (whatever its age). */
export async function findOwnDraft(db: Root, userId: string, id: string): Promise<StoredDraft | undefined> {
  return db
    .selectFrom('auth_form_draft')
    .select(['path', 'values_enc', 'expires_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Deletes a draft; true only for the one call that deleted it (of two at the same moment, one wins). */
export async function deleteDraft(db: Root, id: string): Promise<boolean> {
  const taken = await db.deleteFrom('auth_form_draft').where('id', '=', id).executeTakeFirst();
  return Number(taken.numDeletedRows) === 1;
}

/** Deletes drafts expired by `now` and ended sessions that ended before `sessionsBefore`; returns the counts. */
export async function purgeDrafts(
  db: Root,
  now: Date,
  sessionsBefore: Date,
): Promise<{ drafts: number; endedSessions: number }> {
  const drafts = await db.deleteFrom('auth_form_draft').where('expires_at', '<=', now).executeTakeFirst();
  const ended = await db
    .deleteFrom('auth_expired_session')
    .where('expired_at', '<=', sessionsBefore)
    .executeTakeFirst();
  return { drafts: Number(drafts.numDeletedRows), endedSessions: Number(ended.numDeletedRows) };
}
