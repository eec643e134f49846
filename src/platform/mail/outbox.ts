// The mail outbox. `enqueue` inserts a message in the caller's transaction, so the mail exists if and only if
// the change that causes it commits; `deliverDue` (run by the `mail.deliver` background job every 30 s) sends
// what is due. A failed attempt keeps the message with an exponential backoff: nothing is dropped. Messages are
// claimed with a lease before sending, so a crash mid-send means a later retry (at least once), never a loss.
import { hostname } from 'node:os';
import type { Config } from '../../config.js';
import { errorCode, type Log } from '../log.js';
import {
  claimDue,
  countMessages,
  deleteSentBefore,
  insertMessage,
  markFailed,
  markSent,
  type ClaimedRow,
  type Db,
  type Root,
} from './repository.js';
import type { MailTransport } from './transport.js';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
}

export interface MailServiceDeps {
  db: Root;
  clock: () => Date;
  config: Pick<Config, 'mailFrom' | 'publicOrigin'>;
  /** null: no way to send (production without SMTP); messages stay queued. */
  transport: MailTransport | null;
  log: Log;
}

/** Messages claimed per round trip, and at most this many rounds per `deliverDue` (bounded run time). */
const BATCH = 20;
const MAX_BATCHES = 25;
/** A claimed message that is neither sent nor failed after this long (a crashed sender) is due again. */
const LEASE_MS = 10 * 60_000;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 60 * 60_000;
/** Sent messages (addresses are personal data) are deleted this long after sending. */
export const SENT_RETENTION_MS = 30 * 24 * 60 * 60_000;

const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;

/** Wait before attempt n+1 after n failed attempts: 1, 2, 4, … minutes, at most 6 hours. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

function check(mail: OutgoingMail) {
  // Programming errors, not user input: the message names the problem, not the value (no addresses in logs).
  if (!Array.isArray(mail.to) || mail.to.length === 0) throw new TypeError('mail: no recipients');
  for (const [i, address] of mail.to.entries()) {
    if (typeof address !== 'string' || !ADDRESS.test(address) || address.length > 254)
      throw new TypeError(`mail: recipient ${i} is not an e-mail address`);
  }
  if (typeof mail.subject !== 'string' || !mail.subject.trim() || /[\r\n]/.test(mail.subject))
    throw new TypeError('mail: the subject must be one non-empty line');
  if (typeof mail.text !== 'string') throw new TypeError('mail: the text must be a string');
}

export function createMailService(deps: MailServiceDeps) {
  const messageDomain = (() => {
    try {
      const host = new URL(deps.config.publicOrigin).hostname;
      return host || hostname();
    } catch {
      return hostname();
    }
  })();

  async function claim(now: Date): Promise<ClaimedRow[]> {
    const lease = new Date(now.getTime() + LEASE_MS);
    return claimDue(deps.db, now, lease, BATCH);
  }

  return {
    /** Whether messages can leave (false in production without SAMEN_SMTP_URL: they stay queued). */
    get canDeliver(): boolean {
      return deps.transport !== null;
    },

    /** The transport's name (`smtp`, `file`) or null. */
    get transportName(): string | null {
      return deps.transport?.name ?? null;
    },

    /**
     * Queues a message. Pass the transaction of the change that causes it: the message then exists if and only if
     * that change commits.
     */
    async enqueue(mail: OutgoingMail, trx?: Db): Promise<void> {
      check(mail);
      const now = deps.clock();
      await insertMessage(trx ?? deps.db, {
        recipients: mail.to,
        subject: mail.subject,
        text: mail.text,
        at: now,
      });
    },

    /** Sends what is due. Failures stay in the outbox with a backoff. Returns how many were sent and failed. */
    async deliverDue(): Promise<{ sent: number; failed: number }> {
      let sent = 0;
      let failed = 0;
      const transport = deps.transport;
      if (!transport) return { sent, failed };
      for (let batch = 0; batch < MAX_BATCHES; batch++) {
        const rows = await claim(deps.clock());
        for (const row of rows) {
          try {
            await transport.send({
              id: row.id,
              from: deps.config.mailFrom,
              to: row.recipients as string[],
              subject: row.subject,
              text: row.body_text,
              messageId: `<samen-mail-${row.id}@${messageDomain}>`,
              date: deps.clock(),
            });
            await markSent(deps.db, row.id, deps.clock());
            sent++;
          } catch (error) {
            const code = errorCode(error);
            const retryAt = new Date(deps.clock().getTime() + retryDelayMs(row.attempts));
            await markFailed(deps.db, row.id, retryAt, code);
            deps.log.warn(
              { mailId: row.id, attempts: row.attempts, error: code, transport: transport.name },
              'mail not sent; it stays queued for a retry',
            );
            failed++;
          }
        }
        if (rows.length < BATCH) break;
      }
      return { sent, failed };
    },

    /** Deletes sent messages older than the retention period; returns how many. */
    async purgeSent(): Promise<number> {
      const before = new Date(deps.clock().getTime() - SENT_RETENTION_MS);
      return deleteSentBefore(deps.db, before);
    },

    /** Counts for operators (`samen jobs`, health pages): queued, of which failed at least once, and sent. */
    async counts(): Promise<{ queued: number; retrying: number; sent: number }> {
      return countMessages(deps.db);
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
