// The audit trail: an append-only, hash-chained log of every access to personal data and every change made by
// a signed-in user. Callers pass explicit fields only (never a whole record), so personal data does not leak
// into the audit detail by accident. Each entry's hash covers the previous hash, so `verify` detects edits,
// deletions and insertions.
import { createHash, hash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

export const GENESIS_HASH = '0'.repeat(64);
// Serialises appends so that each entry chains to the one before it, across app servers too.
const AUDIT_LOCK_KEY = 7_316_222;

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Only identifiers and non-personal facts (field names, counts, outcome). */
  detail?: Record<string, string | number | boolean | null | string[]>;
}

interface StoredEntry {
  id: number;
  at: Date;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

function entryHash(
  prevHash: string,
  at: Date,
  e: Omit<StoredEntry, 'id' | 'at' | 'prev_hash' | 'hash'>,
): string {
  const canonical = JSON.stringify([
    prevHash,
    at.toISOString(),
    e.actor_user_id,
    e.action,
    e.entity_type,
    e.entity_id,
    canonicalJson(e.detail),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

// Characters JSON.stringify escapes: quote, backslash, control characters, (lone) surrogates.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its call for the common string that needs no escaping. */
function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/**
 * JSON with object keys sorted (UTF-16 order) and no spaces: the form of the detail that is hashed. The same text
 * as JSON.stringify with sorted keys, written out by hand with loops: verify runs it for every entry.
 */
function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return out + ']';
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += (i === 0 ? '' : ',') + jsonString(key) + ':' + canonicalJson(record[key]);
  }
  return out + '}';
}

/** The columns `verify` reads; `at` already formatted as `Date.toISOString()` does (by the database). */
export interface ChainRow {
  id: number;
  at: string;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: unknown;
  prev_hash: string;
  hash: string;
}

/**
 * `entryHash` for a row read back: the same canonical text (JSON of the array [prevHash, at, actor, action,
 * entityType, entityId, canonical detail]) built by concatenation, without the intermediate array and Date.
 */
export function chainHash(prevHash: string, row: ChainRow): string {
  // prevHash (hex) and at (ISO) need no JSON escaping; the rest goes through JSON.stringify as in entryHash.
  const canonical =
    '["' +
    prevHash +
    '","' +
    row.at +
    '",' +
    (row.actor_user_id === null ? 'null' : jsonString(row.actor_user_id)) +
    ',' +
    jsonString(row.action) +
    ',' +
    jsonString(row.entity_type) +
    ',' +
    (row.entity_id === null ? 'null' : jsonString(row.entity_id)) +
    ',' +
    JSON.stringify(canonicalJson(row.detail)) +
    ']';
  return hash('sha256', canonical);
}

export interface VerifyOptions {
  /** Entries per query (default 20,000). */
  batchSize?: number;
  /** Called after each batch with the number of entries checked so far. */
  onProgress?(checked: number): void;
}

export interface VerifyResult {
  /** Entries that verified, in id order, before the first broken one (or all of them). */
  checked: number;
  /** The id of the first entry that does not verify; undefined when the chain is intact. */
  brokenAt?: number;
  broken?: {
    id: number;
    /** ISO time of the broken entry. */
    at: string;
    action: string;
    /**
     * `changed`: its contents do not match its hash (edited); `unlinked`: it does not chain to the entry before
     * it (an entry was deleted or inserted between `previousId` and this one, or this one's prev_hash edited).
     */
    reason: 'changed' | 'unlinked';
    previousId: number | null;
  };
  /** The last entry that verified: keep its hash somewhere else to detect a rewritten tail later. */
  lastGood?: { id: number; hash: string };
}

export function createAuditService(deps: { db: Kysely<Database>; clock: () => Date }) {
  /**
   * Appends entries in order under the chain lock: one lock, one read of the last hash, one insert. The hashes
   * chain in memory, so a batch costs about what one entry does.
   */
  async function appendMany(trx: Transaction<Database> | Kysely<Database>, entries: AuditEntry[]) {
    if (entries.length === 0) return;
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx
      .selectFrom('audit_event')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    let prevHash = last?.hash ?? GENESIS_HASH;
    // Millisecond precision survives the round trip through timestamptz, so the hash can be recomputed.
    const at = new Date(deps.clock().getTime());
    const values = entries.map((entry) => {
      const row = {
        actor_user_id: entry.actorUserId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId ?? null,
        // Hashed as stored: what does not survive JSON (undefined, NaN) is dropped or nulled first, as jsonb would.
        detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown,
      };
      const hashed = entryHash(prevHash, at, row);
      const value = { ...row, at, detail: JSON.stringify(row.detail), prev_hash: prevHash, hash: hashed };
      prevHash = hashed;
      return value;
    });
    // Ids come from the sequence in the order of the VALUES list (one statement, under the lock).
    await trx.insertInto('audit_event').values(values).execute();
  }

  const append = (trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry) =>
    appendMany(trx, [entry]);

  // Group commit for entries that are not part of a change (reads): each waits until its entry is durable, but
  // entries arriving while a commit is under way go together in the next one, so twenty concurrent readers cost a
  // few commits instead of twenty commits in a row under the chain lock.
  let waiting: { entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let flushing = false;
  async function flush() {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, 1000);
        waiting = waiting.slice(batch.length);
        try {
          await deps.db.transaction().execute((t) =>
            appendMany(
              t,
              batch.map((b) => b.entry),
            ),
          );
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    /**
     * Appends an entry. Pass the transaction of the change being audited so both commit or neither does.
     */
    async record(entry: AuditEntry, trx?: Transaction<Database>) {
      if (trx) return append(trx, entry);
      return new Promise<void>((resolve, reject) => {
        waiting.push({ entry, resolve, reject });
        if (!flushing) void flush();
      });
    },

    /**
     * Walks the whole chain in id order and returns the first entry that does not verify (undefined `brokenAt` when
     * intact). Built for millions of entries: large keyset batches of only the hashed columns, the time formatted
     * by the database, the next batch fetched while this one is hashed. See `samen audit verify`.
     */
    async verify(options: VerifyOptions = {}): Promise<VerifyResult> {
      const batchSize = options.batchSize ?? 20_000;
      const fetch = (afterId: number) =>
        sql<ChainRow>`
          select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_user_id, action,
                 entity_type, entity_id, detail, prev_hash, hash
          from audit_event where id > ${afterId} order by id limit ${batchSize}`
          .execute(deps.db)
          .then((r) => r.rows);
      let prevHash = GENESIS_HASH;
      let prevId: number | null = null;
      let checked = 0;
      let next = fetch(0);
      for (;;) {
        const rows = await next;
        if (rows.length === 0) break;
        // Fetch the following batch while this one is hashed.
        next = rows.length === batchSize ? fetch(rows[rows.length - 1]!.id) : Promise.resolve([]);
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          const linked = row.prev_hash === prevHash;
          if (!linked || row.hash !== chainHash(prevHash, row)) {
            await next.catch(() => {});
            return {
              checked: checked + i,
              brokenAt: row.id,
              broken: {
                id: row.id,
                at: row.at,
                action: row.action,
                reason: linked ? 'changed' : 'unlinked',
                previousId: prevId,
              },
              lastGood: prevId === null ? undefined : { id: prevId, hash: prevHash },
            };
          }
          prevHash = row.hash;
          prevId = row.id;
        }
        checked += rows.length;
        options.onProgress?.(checked);
      }
      return { checked, lastGood: prevId === null ? undefined : { id: prevId, hash: prevHash } };
    },

    async recent(limit = 100) {
      return deps.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
