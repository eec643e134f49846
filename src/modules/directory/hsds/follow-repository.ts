// The follower's queries (`samen directory follow`): how far it got per followed feed, and which services the
// feed may not overwrite.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
/** The follower's database handle (the caller's, handed through to the import). */
export type FollowerDb = Kysely<Database>;

export interface FollowState {
  url: string;
  publisherName: string | null;
  /** ISO: the newest last_modified the follower has taken from this feed. */
  lastModifiedSeen: string | null;
  followedAt: string;
  servicesSeen: number;
}

export async function readFollowState(db: Db, url: string): Promise<FollowState | undefined> {
  const row = await db
    .selectFrom('directory_followed_feed')
    .selectAll()
    .where('url', '=', url)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    url: row.url,
    publisherName: row.publisher_name,
    lastModifiedSeen: row.last_modified_seen ? new Date(row.last_modified_seen).toISOString() : null,
    followedAt: new Date(row.followed_at).toISOString(),
    servicesSeen: row.services_seen,
  };
}

/** Records a completed run (in the run's transaction, so the place moves only with what was written). */
export async function saveFollowState(
  trx: Transaction<Database>,
  state: Omit<FollowState, 'servicesSeen'> & { servicesSeenNow: number },
): Promise<void> {
  await trx
    .insertInto('directory_followed_feed')
    .values({
      url: state.url,
      publisher_name: state.publisherName,
      last_modified_seen: state.lastModifiedSeen,
      followed_at: state.followedAt,
      services_seen: state.servicesSeenNow,
    })
    .onConflict((oc) =>
      oc.column('url').doUpdateSet((eb) => ({
        publisher_name: eb.ref('excluded.publisher_name'),
        // The place never moves back (a run that saw nothing new keeps it).
        last_modified_seen: eb.fn.coalesce(
          eb.ref('excluded.last_modified_seen'),
          eb.ref('directory_followed_feed.last_modified_seen'),
        ),
        followed_at: eb.ref('excluded.followed_at'),
        services_seen: eb(
          eb.ref('directory_followed_feed.services_seen'),
          '+',
          eb.ref('excluded.services_seen'),
        ),
      })),
    )
    .execute();
}

/** Why the follower keeps what is stored for these services rather than take the feed's version. */
export type ProtectionReason = 'verifiedHere' | 'notFromThisFeed';

/**
 * Of `ids`, the services a follow of `url` must not overwrite: those a steward here verified, and those that did
 * not come from this feed (entered here, imported from a file or followed from another feed).
 */
export async function protectedServices(
  trx: Transaction<Database>,
  ids: readonly string[],
  url: string,
): Promise<Map<string, ProtectionReason>> {
  const out = new Map<string, ProtectionReason>();
  if (ids.length === 0) return out;
  const rows = await trx
    .selectFrom('service')
    .select(['id', 'assured_by_user_id', 'source_type', 'source_name'])
    .where('id', 'in', ids)
    .execute();
  for (const row of rows) {
    if (row.assured_by_user_id !== null) out.set(row.id, 'verifiedHere');
    else if (row.source_type !== 'feed' || row.source_name !== url) out.set(row.id, 'notFromThisFeed');
  }
  return out;
}
