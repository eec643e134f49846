// The audit platform's queries: the chain's own (append under its lock, the batches `verify` reads, the recent
// entries) and the privacy officers who receive checkpoints. The hashing and checking are service.ts's.
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The database itself (the group commit opens its own transactions on it). */
export type Root = Kysely<Database>;
/** Where an entry is appended: the change's own transaction, or the database. */
export type Db = Kysely<Database> | Transaction<Database>;
/** A change's transaction, which an entry joins so both commit or neither does. */
export type Tx = Transaction<Database>;

// Serialises appends so that each entry chains to the one before it, across app servers too.
const AUDIT_LOCK_KEY = 7_316_222;

/**
 * Takes the chain lock (held until `trx` ends) and returns the last entry's hash, undefined for an empty trail:
 * what the next entry chains to.
 */
export async function lockChainAndReadLastHash(trx: Db): Promise<string | undefined> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  return lastHash(trx);
}

/**
 * Takes the chain lock for this database session (not a transaction): the group commit holds it over several
 * batches while entries keep arriving, each batch then one insert. Wait for it like the transaction lock; both are
 * the same lock, so a change's own entry waits while a group commit holds it, and the other way round.
 */
export async function lockChainForSession(conn: Root): Promise<void> {
  await sql`select pg_advisory_lock(${AUDIT_LOCK_KEY})`.execute(conn);
}

/** Releases the session's chain lock (lockChainForSession). */
export async function unlockChainForSession(conn: Root): Promise<void> {
  await sql`select pg_advisory_unlock(${AUDIT_LOCK_KEY})`.execute(conn);
}

/** The last entry's hash (read under the chain lock), undefined for an empty trail. */
export async function lastHash(conn: Db): Promise<string | undefined> {
  const last = await conn
    .selectFrom('audit_event')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.hash;
}

/** Inserts chained entries; ids come from the sequence in the order of the list (one statement, under the lock). */
export async function insertEntries(trx: Db, values: Insertable<Database['audit_event']>[]): Promise<void> {
  await trx.insertInto('audit_event').values(values).execute();
}

/** The hashed columns of one batch of the chain after `afterId` (through `through`), `at` formatted as ISO by the database. */
export async function chainBatch<Row>(
  db: Root,
  afterId: number,
  through: number,
  batchSize: number,
): Promise<Row[]> {
  const result = await sql<Row>`
    select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_user_id, action,
           entity_type, entity_id, detail, prev_hash, hash, keyed
    from audit_event where id > ${afterId} and id <= ${through} order by id limit ${batchSize}`.execute(db);
  return result.rows;
}

/** The newest entries, newest first. */
export async function recentEntries(db: Root, limit: number) {
  return db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** The addresses of the active privacy officers: they receive the checkpoints and the alarms. */
export async function privacyOfficerAddresses(db: Root): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('email')
    .where('role', '=', 'privacy_officer')
    .where('disabled_at', 'is', null)
    .orderBy('email')
    .execute();
  return rows.map((r) => r.email);
}
