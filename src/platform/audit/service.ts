// The audit trail: an append-only, hash-chained log of every access to personal data and every change made by
// a signed-in user. Callers pass explicit fields only (never a whole record), so personal data does not leak
// into the audit detail by accident. Each entry's hash covers the previous hash, so `verify` detects edits,
// deletions and insertions.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

const GENESIS_HASH = '0'.repeat(64);
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

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function createAuditService(deps: { db: Kysely<Database>; clock: () => Date }) {
  async function append(trx: Transaction<Database> | Kysely<Database>, entry: AuditEntry) {
    await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
    const last = await trx
      .selectFrom('audit_event')
      .select('hash')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const prevHash = last?.hash ?? GENESIS_HASH;
    // Millisecond precision survives the round trip through timestamptz, so the hash can be recomputed.
    const at = new Date(deps.clock().getTime());
    const row = {
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      detail: entry.detail ?? {},
    };
    await trx
      .insertInto('audit_event')
      .values({
        ...row,
        at,
        detail: JSON.stringify(row.detail),
        prev_hash: prevHash,
        hash: entryHash(prevHash, at, row),
      })
      .execute();
  }

  return {
    /**
     * Appends an entry. Pass the transaction of the change being audited so both commit or neither does.
     */
    async record(entry: AuditEntry, trx?: Transaction<Database>) {
      if (trx) return append(trx, entry);
      await deps.db.transaction().execute((t) => append(t, entry));
    },

    /** Walks the chain; returns the id of the first entry that does not verify, or undefined when intact. */
    async verify(): Promise<{ checked: number; brokenAt?: number }> {
      let prevHash = GENESIS_HASH;
      let checked = 0;
      let afterId = 0;
      for (;;) {
        const rows = (await deps.db
          .selectFrom('audit_event')
          .selectAll()
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(5000)
          .execute()) as StoredEntry[];
        if (rows.length === 0) return { checked };
        for (const row of rows) {
          const expected = entryHash(prevHash, new Date(row.at), row);
          if (row.prev_hash !== prevHash || row.hash !== expected) return { checked, brokenAt: row.id };
          prevHash = row.hash;
          checked++;
          afterId = row.id;
        }
      }
    },

    async recent(limit = 100) {
      return deps.db.selectFrom('audit_event').selectAll().orderBy('id', 'desc').limit(limit).execute();
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
