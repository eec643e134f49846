// The audit trail: an append-only, hash-chained log of every access to personal data and every change made by
// a signed-in user. Callers pass explicit fields only (never a whole record), so personal data does not leak
// into the audit detail by accident. Each entry's hash covers the previous hash, so `verify` detects edits,
// deletions and insertions. The hash is an HMAC-SHA256 under the audit key (SAMEN_AUDIT_KEY, kept outside the
// database): whoever can write the table but not read the key cannot recompute the chain after a change. Entries
// written before the key existed (`keyed` false) keep their plain SHA-256; once a keyed entry exists, an unkeyed
// one after it is a rewrite. Signed checkpoints outside the database (checkpoint.ts) catch a truncated tail.
import { createHmac, hash } from 'node:crypto';
import {
  chainBatch,
  insertEntries,
  lastHash,
  lockChainAndReadLastHash,
  lockChainForSession,
  unlockChainForSession,
  recentEntries,
  type Db,
  type Root,
  type Tx,
} from './repository.js';

export const GENESIS_HASH = '0'.repeat(64);

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
  keyed?: boolean;
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
  key: Buffer,
  prevHash: string,
  at: Date,
  e: Omit<StoredEntry, 'id' | 'at' | 'prev_hash' | 'hash' | 'keyed'>,
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
  return createHmac('sha256', key).update(canonical).digest('hex');
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
  /** Written with the audit key (HMAC); false only for entries older than the key. */
  keyed?: boolean;
}

/**
 * `entryHash` for a row read back: the same canonical text (JSON of the array [prevHash, at, actor, action,
 * entityType, entityId, canonical detail]) built by concatenation, without the intermediate array and Date.
 */
export function chainHash(prevHash: string, row: ChainRow, key?: Buffer): string {
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
  return key ? createHmac('sha256', key).update(canonical).digest('hex') : hash('sha256', canonical);
}

export interface VerifyOptions {
  /** Entries per query (default 20,000). */
  batchSize?: number;
  /** Called after each batch with the number of entries checked so far. */
  onProgress?(checked: number): void;
  /** Start after this entry, trusting its hash (a checkpoint that was verified before). */
  after?: { id: number; hash: string };
  /** Stop after this entry. */
  through?: number;
  /**
   * A signed checkpoint (checkpoint.ts): the entry with this id must be in the chain with this hash. Catches a
   * chain re-hashed after a change and a tail cut off (the trail then ends before the checkpoint's entry).
   */
  anchor?: { id: number; hash: string };
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
     * it (an entry was deleted or inserted between `previousId` and this one, or this one's prev_hash edited);
     * `rewritten`: the chain verifies but the checkpoint's entry is missing or has another hash (re-hashed after a
     * change); `truncated`: the trail ends before the checkpoint's entry (entries deleted from the end; `id` is
     * the checkpoint's entry, `at` and `action` empty).
     */
    reason: 'changed' | 'unlinked' | 'rewritten' | 'truncated';
    previousId: number | null;
  };
  /** The last entry that verified: keep its hash somewhere else to detect a rewritten tail later. */
  lastGood?: { id: number; hash: string };
}

export function createAuditService(deps: { db: Root; clock: () => Date; config: { auditKey: Buffer } }) {
  const key = deps.config.auditKey;
  /** The entries as rows chained from `prevHash`, and the last one's hash (what the next entry chains to). */
  function chained(prevHash: string, entries: AuditEntry[]) {
    // Millisecond precision survives the round trip through timestamptz, so the hash can be recomputed.
    const at = new Date(deps.clock().getTime());
    let head = prevHash;
    const values = entries.map((entry) => {
      const row = {
        actor_user_id: entry.actorUserId,
        action: entry.action,
        entity_type: entry.entityType,
        entity_id: entry.entityId ?? null,
        // Hashed as stored: what does not survive JSON (undefined, NaN) is dropped or nulled first, as jsonb would.
        detail: JSON.parse(JSON.stringify(entry.detail ?? {})) as unknown,
      };
      const hashed = entryHash(key, head, at, row);
      const value = {
        ...row,
        at,
        detail: JSON.stringify(row.detail),
        prev_hash: head,
        hash: hashed,
        keyed: true,
      };
      head = hashed;
      return value;
    });
    return { values, head };
  }

  /**
   * Appends entries in order inside a change's transaction: one lock (held until it ends), one read of the last
   * hash, one insert. Ids come from the sequence in the order of the VALUES list (one statement, under the lock).
   */
  async function appendMany(trx: Db, entries: AuditEntry[]) {
    if (entries.length === 0) return;
    const { values } = chained((await lockChainAndReadLastHash(trx)) ?? GENESIS_HASH, entries);
    await insertEntries(trx, values);
  }

  const append = (trx: Db, entry: AuditEntry) => appendMany(trx, [entry]);

  // Group commit for entries that are not part of a change (reads): each waits until its entry is durable, but
  // entries arriving while a commit is under way go together in the next one. The flusher takes the chain lock
  // for its database session and keeps it while entries keep arriving: it knows the last hash (it wrote it), so
  // each further batch is one insert, committed on its own (one statement: all of the batch or none of it), instead
  // of begin, lock, read, insert and commit. Nobody else can append meanwhile: a change's entry (appendMany) and
  // another server's flusher wait for the same lock. It is let go when nothing waits, and after HOLD_MS or
  // HOLD_BATCHES so that those others are not kept waiting behind a busy reader. A batch that fails leaves the
  // chain as it was (its statement wrote nothing) and is rejected; the last hash is read again before the next.
  const HOLD_MS = 50;
  const HOLD_BATCHES = 20;
  let waiting: { entry: AuditEntry; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let flushing = false;
  async function flushHolding(conn: Root) {
    await lockChainForSession(conn);
    try {
      let head = (await lastHash(conn)) ?? GENESIS_HASH;
      const since = performance.now();
      for (let batches = 0; waiting.length > 0; batches++) {
        if (batches >= HOLD_BATCHES || performance.now() - since > HOLD_MS) return;
        const batch = waiting.slice(0, 1000);
        waiting = waiting.slice(batch.length);
        try {
          const { values, head: next } = chained(
            head,
            batch.map((b) => b.entry),
          );
          await insertEntries(conn, values);
          head = next;
          for (const b of batch) b.resolve();
        } catch (error) {
          for (const b of batch) b.reject(error);
          head = (await lastHash(conn)) ?? GENESIS_HASH;
        }
      }
    } finally {
      await unlockChainForSession(conn);
    }
  }
  async function flush() {
    flushing = true;
    try {
      while (waiting.length > 0) {
        try {
          await deps.db.connection().execute(flushHolding);
        } catch (error) {
          // The lock or the connection failed (not one batch): whatever was taken from the queue was settled; the
          // entries still waiting are refused rather than left hanging, so their requests answer an error.
          const refused = waiting;
          waiting = [];
          for (const b of refused) b.reject(error);
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
    async record(entry: AuditEntry, trx?: Tx) {
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
      const through = options.through ?? Number.MAX_SAFE_INTEGER;
      const fetch = (afterId: number) => chainBatch<ChainRow>(deps.db, afterId, through, batchSize);
      let prevHash = options.after?.hash ?? GENESIS_HASH;
      let prevId: number | null = options.after?.id ?? null;
      let checked = 0;
      // Once an entry was written with the key, every later one must be: an unkeyed one is a rewrite.
      let sawKeyed = false;
      const anchor = options.anchor;
      let anchorSeen = anchor === undefined || (prevId !== null && prevId >= anchor.id);
      let next = fetch(prevId ?? 0);
      for (;;) {
        const rows = await next;
        if (rows.length === 0) break;
        // Fetch the following batch while this one is hashed.
        next = rows.length === batchSize ? fetch(rows[rows.length - 1]!.id) : Promise.resolve([]);
        for (let i = 0; i < rows.length; i++) {
          const row = rows[i]!;
          const linked = row.prev_hash === prevHash;
          if (row.keyed) sawKeyed = true;
          if (
            !linked ||
            (sawKeyed && !row.keyed) ||
            row.hash !== chainHash(prevHash, row, row.keyed ? key : undefined)
          ) {
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
          if (!anchorSeen && row.id >= anchor!.id) {
            if (row.id !== anchor!.id || row.hash !== anchor!.hash) {
              await next.catch(() => {});
              return {
                checked: checked + i,
                brokenAt: row.id,
                broken: {
                  id: row.id,
                  at: row.at,
                  action: row.action,
                  reason: 'rewritten',
                  previousId: prevId,
                },
                lastGood: prevId === null ? undefined : { id: prevId, hash: prevHash },
              };
            }
            anchorSeen = true;
          }
          prevHash = row.hash;
          prevId = row.id;
        }
        checked += rows.length;
        options.onProgress?.(checked);
      }
      const lastGood = prevId === null ? undefined : { id: prevId, hash: prevHash };
      if (!anchorSeen) {
        return {
          checked,
          brokenAt: anchor!.id,
          broken: { id: anchor!.id, at: '', action: '', reason: 'truncated', previousId: prevId },
          lastGood,
        };
      }
      return { checked, lastGood };
    },

    async recent(limit = 100) {
      return recentEntries(deps.db, limit);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
