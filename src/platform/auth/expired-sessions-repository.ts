// Ended sessions, remembered by the hash of their cookie token (never the token), so a form posted after the
// session ended can be kept for its account (drafts.ts). A remembered session signs nobody in.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Database } from '../../db/schema.js';

export function createExpiredSessions(db: Kysely<Database>) {
  return {
    /** Remembers one session that is about to be deleted because it ended. */
    async remember(idHash: string, userId: string, at: Date): Promise<void> {
      await db
        .insertInto('auth_expired_session')
        .values({ id_hash: idHash, user_id: userId, expired_at: at })
        .onConflict((oc) => oc.column('id_hash').doNothing())
        .execute();
    },

    /** Remembers every session the sweep is about to delete (same condition as the sweep). */
    async rememberSwept(now: Date, idleCutoff: Date): Promise<void> {
      await sql`insert into auth_expired_session (id_hash, user_id, expired_at)
        select id_hash, user_id, ${now} from user_session
        where expires_at <= ${now} or last_seen_at <= ${idleCutoff}
        on conflict (id_hash) do nothing`.execute(db);
    },

    /** The account of an ended session, by its token hash. */
    async find(idHash: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('auth_expired_session')
        .select('user_id')
        .where('id_hash', '=', idHash)
        .executeTakeFirst();
      return row?.user_id;
    },
  };
}
