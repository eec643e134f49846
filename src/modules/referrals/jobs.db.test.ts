// The deadline and retention jobs on a controlled clock: an untriaged signal is escalated to the regional lead
// once its two working days have passed (a mail with a link only), and a case closed longer than the retention
// period is anonymised while its pseudonymised registration stays.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS } from './demo.js';
import { createServices } from '../../services.js';
import { testConfig } from '../../../test/app.js';
import { startTestSmtpServer } from '../../../test/smtp.js';
import { createSmtpTransport } from '../../platform/mail/index.js';
import { NotFound } from '../../platform/errors.js';
import { httpErrorOf } from '../../platform/http/errors.js';

describeDb('referral jobs', () => {
  const clock = new TestClock('2026-11-27T09:00:00Z'); // a Friday
  const t = useTestApp({ clock, mailTransport: null });
  let professional: { id: string; role: 'nrm_professional' };
  let coordinator: { id: string; role: 'nrm_coordinator' };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const idOf = async (role: string) =>
      (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === role)!.email)
          .executeTakeFirstOrThrow()
      ).id;
    professional = { id: await idOf('nrm_professional'), role: 'nrm_professional' };
    coordinator = { id: await idOf('nrm_coordinator'), role: 'nrm_coordinator' };
  });

  const signal = () =>
    t.services.referrals.submitSignal(professional, {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'normal',
      minor: 'no',
      consent: 'yes',
      vitalInterest: false,
      forms: ['labour'],
      signals: ['lives_at_work'],
      methodsOfControl: [],
      recruitment: [],
      sector: '',
      needs: [],
      gender: 'male',
      ageGroup: '30--38',
      citizenship: 'PL',
      summary: 'Verzonnen',
      name: 'Naam Voorbeeld',
      dateOfBirth: '',
      contact: '',
    });

  it('escalates an untriaged signal to the regional lead after two working days, once', async () => {
    const created = await signal();
    clock.set('2026-11-30T10:00:00Z'); // Monday: one working day later
    // (The demo's high-urgency case, due after one working day, is escalated now; this normal one is not.)
    await t.services.referrals.runDeadlines();
    const monday = await t.database.db
      .selectFrom('nrm_case')
      .select('escalated_at')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(monday.escalated_at).toBeNull();
    clock.set('2026-12-01T09:30:00Z'); // Tuesday after 10:00 Amsterdam time
    const first = await t.services.referrals.runDeadlines();
    expect(first.escalated).toBeGreaterThanOrEqual(1);
    expect((await t.services.referrals.runDeadlines()).escalated).toBe(0);
    const row = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.escalated_at).not.toBeNull();
    const lead = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_regional_lead')!.email;
    const mails = await t.database.db.selectFrom('mail_outbox').selectAll().execute();
    const escalation = mails.find((m) => m.body_text.includes(created.id) && m.subject.includes('Termijn'));
    expect(escalation).toBeDefined();
    expect(JSON.stringify(escalation)).toContain(lead);
    expect(JSON.stringify(escalation)).not.toContain('Naam Voorbeeld');
  });

  it('anonymises a case closed more than five years ago and keeps its registration', async () => {
    const created = await signal();
    const pseudonym = t.services.referrals.pseudonymOf(created.id);
    const version = async () =>
      (
        await t.database.db
          .selectFrom('nrm_case')
          .select('version')
          .where('id', '=', created.id)
          .executeTakeFirstOrThrow()
      ).version;
    await t.services.referrals.transition(coordinator, created.id, {
      to: 'closed',
      closeReason: 'no_trafficking',
      reason: 'Naam Voorbeeld bleek...',
      version: await version(),
    });
    clock.advance(4 * 365 * 86_400_000);
    expect((await t.services.referrals.runRetention()).anonymised).toBe(0);
    clock.advance(2 * 365 * 86_400_000);
    expect((await t.services.referrals.runRetention()).anonymised).toBeGreaterThanOrEqual(1);
    const person = await t.database.db
      .selectFrom('nrm_person')
      .selectAll()
      .where('case_id', '=', created.id)
      .execute();
    expect(person).toHaveLength(0);
    const events = await t.database.db
      .selectFrom('nrm_case_event')
      .select('reason')
      .where('case_id', '=', created.id)
      .execute();
    expect(events.every((e) => e.reason === null)).toBe(true);
    const row = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.summary_enc).toBeNull();
    expect(row.anonymised_at).not.toBeNull();
    const registration = await t.database.db
      .selectFrom('nrm_registration')
      .selectAll()
      .where('pseudonym', '=', pseudonym)
      .executeTakeFirst();
    expect(registration?.status).toBe('closed');
    // The service throws the domain's NotFound (no HTTP in services); the one mapping makes it the same 404.
    const gone = await t.services.referrals.getCase(coordinator, created.id).catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(NotFound);
    expect(httpErrorOf(gone)?.statusCode).toBe(404);
  });

  it('re-encrypts the person and the summary under a new key with `keys rotate`, and reads them back', async () => {
    const created = await signal();
    const newKey = { id: 'k2', key: Buffer.alloc(32, 42) };
    const rotated = createServices({
      db: t.database.db,
      clock: clock.read,
      config: testConfig({ fieldKeys: [newKey, ...testConfig().fieldKeys] }),
      mailTransport: null,
    });
    await rotated.fieldCrypto.rotate();
    const person = await t.database.db
      .selectFrom('nrm_person')
      .selectAll()
      .where('case_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(person.name_enc).toMatch(/^f1:k2:/);
    expect(person.name_enc).not.toContain('Naam');
    const row = await t.database.db
      .selectFrom('nrm_case')
      .select('summary_enc')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.summary_enc).toMatch(/^f1:k2:/);
    const owner = await t.database.db
      .selectFrom('nrm_case')
      .select('owner_team_id')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(owner.owner_team_id).toBeTruthy();
    const seen = await rotated.referrals.getCase(coordinator, created.id);
    expect(seen.person?.name).toBe('Naam Voorbeeld');
    expect(seen.summary).toBe('Verzonnen');
  });

  it('delivers notifications over SMTP with a link and no personal data or case content', async () => {
    const smtp = await startTestSmtpServer();
    try {
      const created = await signal();
      const sender = createServices({
        db: t.database.db,
        clock: clock.read,
        config: testConfig(),
        mailTransport: createSmtpTransport(smtp.url),
      });
      await sender.mail.deliverDue();
      const mine = smtp.messages.filter((m) => m.text.includes(created.id));
      expect(mine.length).toBeGreaterThan(0);
      for (const m of smtp.messages) {
        expect(m.text).not.toContain('Naam Voorbeeld');
        expect(m.text).not.toContain('Verzonnen');
        expect(m.subject).not.toContain('Naam');
        expect(m.text).not.toMatch(/PL\b|labour|Amsterdam/);
      }
      expect(mine[0]!.to).toEqual(
        expect.arrayContaining([DEMO_ACCOUNTS.find((a) => a.role === 'nrm_coordinator')!.email]),
      );
    } finally {
      await smtp.close();
    }
  });

  it('feeds the data hub: the registrations become its built-in data set and an HTCDS export without names', async () => {
    const refreshed = await t.services.stats.refreshRegistrations();
    expect(refreshed).toMatchObject({ rows: expect.any(Number) });
    expect((refreshed as { rows: number }).rows).toBeGreaterThanOrEqual(3);
    const csv = await t.services.stats.exportHtcds(null);
    const [header] = csv.split('\n');
    expect(header).toContain('prs_Gender');
    expect(csv).toContain('Masculine');
    expect(csv).toContain('ForcedLabour');
    expect(csv).not.toContain('Naam Voorbeeld');
    expect(csv).not.toContain('Verzonnen');
  });
});
