// The mail outbox's queries (outbox.ts): queueing in the caller's transaction, claiming due messages with a
// lease, marking them sent or failed, purging sent ones, and the counts for operators.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';

/** The database the outbox lives in. */
export type Root = Kysely<Database>;
/** Where a message is queued: the change's own transaction, or the database. */
export type Db = Kysely<Database> | Transaction<Database>;

export interface ClaimedRow {
  id: number;
  recipients: unknown;
  subject: string;
  body_text: string;
  attempts: number;
}

export async function insertMessage(
  db: Db,
  message: { recipients: string[]; subject: string; text: string; at: Date },
): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({
      recipients: JSON.stringify(message.recipients),
      subject: message.subject,
      body_text: message.text,
      created_at: message.at,
      next_attempt_at: message.at,
    })
    .execute();
}

/**
 * Claims up to `limit` messages due at `now` (skipping those another sender holds): one more attempt counted and
 * the next attempt moved to `leaseUntil`, so a crashed sender's message is due again then. In id order.
 */
export async function claimDue(db: Root, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedRow[]> {
  const result = await sql<ClaimedRow>`
    update mail_outbox set attempts = attempts + 1, next_attempt_at = ${leaseUntil}
    where id in (
      select id from mail_outbox
      where sent_at is null and next_attempt_at <= ${now}
      order by next_attempt_at, id
      limit ${limit}
      for update skip locked)
    returning id, recipients, subject, body_text, attempts`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

export async function markSent(db: Root, id: number, at: Date): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: at, last_error: null }).where('id', '=', id).execute();
}

/** A failed attempt: the message stays queued until `retryAt`, with the error's code (never its content). */
export async function markFailed(db: Root, id: number, retryAt: Date, errorCode: string): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: retryAt, last_error: errorCode })
    .where('id', '=', id)
    .execute();
}

/** Deletes messages sent before `before`; returns how many. */
export async function deleteSentBefore(db: Root, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('mail_outbox')
    .where('sent_at', 'is not', null)
    .where('sent_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countMessages(db: Root): Promise<{ queued: number; retrying: number; sent: number }> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('sent_at', 'is', null).as('queued'),
      eb.fn
        .countAll<number>()
        .filterWhere((w) => w.and([w('sent_at', 'is', null), w('last_error', 'is not', null)]))
        .as('retrying'),
      eb.fn.countAll<number>().filterWhere('sent_at', 'is not', null).as('sent'),
    ])
    .executeTakeFirstOrThrow();
  return { queued: Number(row.queued), retrying: Number(row.retrying), sent: Number(row.sent) };
}
