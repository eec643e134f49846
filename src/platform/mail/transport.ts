// How a message leaves Samen. The outbox (outbox.ts) decides what to send and when; a transport only sends one
// message or throws. SMTP (nodemailer) when SAMEN_SMTP_URL is set; in development and tests without it, each
// message becomes an .eml file in <dataDir>/mail/; in production without it, nothing is sent (the mail stays
// queued) and the server warns at boot.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { Log } from '../log.js';

export interface TransportMessage {
  /** The outbox id (stable across retries). */
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The same Message-ID on every attempt, so a receiver can recognise a message sent twice. */
  messageId: string;
  date: Date;
}

export interface MailTransport {
  /** `smtp`, `file`, or a test's own name; shown in logs. */
  readonly name: string;
  /** Sends one message; throws on failure (the outbox keeps the message and retries later). */
  send(message: TransportMessage): Promise<void>;
  close?(): void;
}

// nodemailer is loaded when a transport is made, not when the platform is: a CLI run that sends no mail never
// pays for loading it. It is CommonJS, so a synchronous require keeps the transports' constructors synchronous.
let mailerLoaded: typeof nodemailer | undefined;
function mailer(): typeof nodemailer {
  return (mailerLoaded ??= createRequire(import.meta.url)('nodemailer') as typeof nodemailer);
}

function nodemailerMessage(message: TransportMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    date: message.date,
  };
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  const transporter = mailer().createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    name: 'smtp',
    async send(message) {
      await transporter.sendMail(nodemailerMessage(message));
    },
    close() {
      transporter.close();
    },
  };
}

/** Development: the message as it would go out (MIME), written to `dir`; the log line names the file only. */
export function createFileTransport(dir: string, log: Log): MailTransport {
  let composer: ReturnType<typeof nodemailer.createTransport> | undefined;
  return {
    name: 'file',
    async send(message) {
      composer ??= mailer().createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
      const info = (await composer.sendMail(nodemailerMessage(message))) as { message: Buffer };
      mkdirSync(dir, { recursive: true });
      const stamp = message.date.toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${message.id}.eml`);
      writeFileSync(file, info.message, { mode: 0o600 });
      log.info({ mailId: message.id, file }, 'mail written to a file (no SAMEN_SMTP_URL)');
    },
  };
}

/**
 * The transport the configuration asks for: SMTP when SAMEN_SMTP_URL is set; otherwise files under the data dir,
 * except in production, where there is none (null: messages stay queued until SMTP is configured).
 */
export function defaultMailTransport(config: Config, log: Log): MailTransport | null {
  if (config.smtpUrl) return createSmtpTransport(config.smtpUrl);
  if (config.nodeEnv === 'production') return null;
  return createFileTransport(path.join(config.dataDir, 'mail'), log);
}
