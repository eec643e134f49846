// The outbox: a message exists iff the transaction that queued it commits; delivery through a real SMTP
// conversation (in-process server); failures stay queued with a backoff and go out later.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { TestClock, testConfig } from '../../../test/app.js';
import { describeDb, useTestDatabase } from '../../../test/db-suite.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../../test/smtp.js';
import type { Log } from '../log.js';
import { createMailService } from './outbox.js';
import { createFileTransport, createSmtpTransport, type MailTransport } from './transport.js';

function captureLog() {
  const lines: string[] = [];
  const write = (fields: object, message: string) => lines.push(`${message} ${JSON.stringify(fields)}`);
  const log: Log = { info: write, warn: write, error: write, debug: write };
  return { log, lines };
}

describeDb('mail outbox', () => {
  const database = useTestDatabase();
  let smtp: TestSmtpServer;
  const clock = new TestClock();
  const config = testConfig({ mailFrom: 'Samen <noreply@samen.example.nl>' });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });
  beforeEach(async () => {
    smtp.messages.length = 0;
    await database.handle.db.deleteFrom('mail_outbox').execute();
  });

  function service(transport: MailTransport | null = createSmtpTransport(smtp.url)) {
    const { log, lines } = captureLog();
    return {
      mail: createMailService({ db: database.handle.db, clock: clock.read, config, transport, log }),
      lines,
    };
  }

  it('queues nothing when the transaction that enqueued the message rolls back', async () => {
    const { mail } = service();
    await expect(
      database.handle.db.transaction().execute(async (trx) => {
        await mail.enqueue({ to: ['a@example.nl'], subject: 'Rolled back', text: 'never' }, trx);
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(0);
    expect(await mail.counts()).toEqual({ queued: 0, retrying: 0, sent: 0 });

    await database.handle.db.transaction().execute(async (trx) => {
      await mail.enqueue({ to: ['a@example.nl'], subject: 'Committed', text: 'sent' }, trx);
    });
    expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Committed']);
  });

  it('delivers over SMTP with the configured From, decoded subject and text (non-ASCII, long lines)', async () => {
    const { mail } = service();
    const text = `Er is een nieuwe verwijzing voor uw team — bekijk ze in Samen.\nRégion: €, ë, ü.\n${'lang '.repeat(40)}einde`;
    await mail.enqueue({
      to: ['team@example.nl', 'tweede@example.nl'],
      subject: 'Nieuwe verwijzing — één',
      text,
    });
    expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    const [message] = smtp.messages;
    expect(message!.to).toEqual(['team@example.nl', 'tweede@example.nl']);
    expect(message!.from).toBe('noreply@samen.example.nl');
    expect(message!.subject).toBe('Nieuwe verwijzing — één');
    expect(message!.text.trimEnd()).toBe(text);
    // The body went out encoded (so the decoding above was exercised).
    expect(message!.raw).toMatch(/Content-Transfer-Encoding: (quoted-printable|base64)/i);
    expect(message!.raw).not.toContain('één');
    expect(message!.headers.get('message-id')).toMatch(/^<samen-mail-\d+@localhost>$/);
    // Sent once: a second round finds nothing due.
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(await mail.counts()).toEqual({ queued: 0, retrying: 0, sent: 1 });
  });

  it('keeps a message that failed, with a backoff and a content-free error code, and sends it later', async () => {
    const { mail, lines } = service();
    await mail.enqueue({ to: ['geheim.adres@example.nl'], subject: 'Later', text: 'Persoonlijke inhoud' });
    smtp.failNext(1);
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
    const row = await database.handle.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ attempts: 1, sent_at: null, last_error: 'EMESSAGE 451' });
    expect(new Date(row.next_attempt_at).getTime() - clock.read().getTime()).toBe(60_000);
    expect(lines.join('\n')).not.toMatch(/geheim|Persoonlijke|Later/);

    // Not due yet: nothing is tried.
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    clock.advance(60_000);
    expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages.map((m) => m.text.trimEnd())).toEqual(['Persoonlijke inhoud']);
    const sent = await database.handle.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
    expect(sent).toMatchObject({ attempts: 2, last_error: null });
    expect(sent.sent_at).not.toBeNull();
  });

  it('backs off exponentially while the transport keeps failing, and records no message text as the error', async () => {
    let fail = true;
    const flaky: MailTransport = {
      name: 'flaky',
      async send(message) {
        if (fail) throw new Error(`550 mailbox ${message.to[0]} unavailable`);
      },
    };
    const { mail } = service(flaky);
    await mail.enqueue({ to: ['iemand@example.nl'], subject: 'Backoff', text: 'x' });
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const row = await database.handle.db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      expect(row.last_error).toBe('Error');
      const wait = new Date(row.next_attempt_at).getTime() - clock.read().getTime();
      waits.push(wait);
      clock.advance(wait);
    }
    expect(waits).toEqual([60_000, 120_000, 240_000]);
    fail = false;
    expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
  });

  it('signs in to an SMTP server that requires it, with the credentials in SAMEN_SMTP_URL', async () => {
    const guarded = await startTestSmtpServer({ auth: { user: 'samen', pass: 'p@ss word' } });
    try {
      expect(guarded.url).toMatch(/^smtp:\/\/samen:p%40ss%20word@127\.0\.0\.1:\d+$/);
      const { mail } = service(createSmtpTransport(guarded.url));
      await mail.enqueue({ to: ['a@example.nl'], subject: 'Met wachtwoord', text: 'x' });
      expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
      expect(guarded.messages.map((m) => m.subject)).toEqual(['Met wachtwoord']);

      const wrong = service(createSmtpTransport(guarded.url.replace('p%40ss%20word', 'wrong')));
      await wrong.mail.enqueue({ to: ['a@example.nl'], subject: 'Fout wachtwoord', text: 'x' });
      expect(await wrong.mail.deliverDue()).toEqual({ sent: 0, failed: 1 });
      const row = await database.handle.db
        .selectFrom('mail_outbox')
        .select('last_error')
        .where('subject', '=', 'Fout wachtwoord')
        .executeTakeFirstOrThrow();
      expect(row.last_error).toBe('EAUTH 535');
    } finally {
      await guarded.close();
    }
  });

  it('keeps everything queued when there is no transport (production without SMTP)', async () => {
    const { mail } = service(null);
    expect(mail.canDeliver).toBe(false);
    await mail.enqueue({ to: ['a@example.nl'], subject: 'Waits', text: 'x' });
    expect(await mail.deliverDue()).toEqual({ sent: 0, failed: 0 });
    expect(await mail.counts()).toEqual({ queued: 1, retrying: 0, sent: 0 });
  });

  it('sends each message once when two deliveries run at the same time', async () => {
    const { mail } = service();
    const { mail: other } = service();
    for (let i = 0; i < 6; i++) await mail.enqueue({ to: [`n${i}@example.nl`], subject: `M${i}`, text: 'x' });
    const [a, b] = await Promise.all([mail.deliverDue(), other.deliverDue()]);
    expect(a.sent + b.sent).toBe(6);
    expect(smtp.messages.map((m) => m.subject).sort()).toEqual(['M0', 'M1', 'M2', 'M3', 'M4', 'M5']);
  });

  it('refuses a message without recipients, with a non-address or a multi-line subject, without echoing it', async () => {
    const { mail } = service();
    await expect(mail.enqueue({ to: [], subject: 'x', text: 'x' })).rejects.toThrow('no recipients');
    await expect(mail.enqueue({ to: ['geen adres'], subject: 'x', text: 'x' })).rejects.toThrow(
      /^mail: recipient 0 is not an e-mail address$/,
    );
    await expect(
      mail.enqueue({ to: ['a@example.nl'], subject: 'x\r\nBcc: b@example.nl', text: 'x' }),
    ).rejects.toThrow('one non-empty line');
    expect(await mail.counts()).toEqual({ queued: 0, retrying: 0, sent: 0 });
  });

  it('deletes sent messages after the retention period, not queued ones', async () => {
    const { mail } = service();
    await mail.enqueue({ to: ['a@example.nl'], subject: 'Old', text: 'x' });
    await mail.deliverDue();
    await service(null).mail.enqueue({ to: ['b@example.nl'], subject: 'Queued', text: 'x' });
    expect(await mail.purgeSent()).toBe(0);
    clock.advance(31 * 24 * 60 * 60_000);
    expect(await service(null).mail.purgeSent()).toBe(1);
    expect(await mail.counts()).toEqual({ queued: 1, retrying: 0, sent: 0 });
  });

  it('writes each message as an .eml file in development and logs one line without content', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samen-mail-'));
    try {
      const { log, lines } = captureLog();
      const { mail } = service(createFileTransport(dir, log));
      await mail.enqueue({
        to: ['ontvanger@example.nl'],
        subject: 'Bestand',
        text: 'Inhoud van het bericht',
      });
      expect(await mail.deliverDue()).toEqual({ sent: 1, failed: 0 });
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^[0-9T-]+Z-\d+\.eml$/);
      const eml = readFileSync(path.join(dir, files[0]!), 'utf8');
      expect(eml).toMatch(/^Subject: Bestand$/m);
      expect(eml).toContain('Inhoud van het bericht');
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/ontvanger|Bestand|Inhoud/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
