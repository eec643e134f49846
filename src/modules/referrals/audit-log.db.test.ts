// The privacy officer's audit log (issue 18, point 8): filtered by case, person and period, in words (names and
// case references, never a UUID), and every entry reachable beyond the newest 100. Through the real HTTP stack.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS } from './demo.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describeDb('privacy officer audit log', () => {
  const clock = new TestClock('2026-11-28T09:00:00Z');
  const t = useTestApp({ clock, mailTransport: null });
  let officer: Agent;
  let reference = '';
  let caseId = '';
  let jansen = '';
  let pietersen = '';

  /** The table of the page, rows as text (cells joined by |). */
  const rowsOf = (body: string) => {
    const tbody = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(body)?.[1] ?? '';
    return [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
        .map((c) => c[1]!.replace(/<[^>]+>/g, '').trim())
        .join(' | '),
    );
  };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const professional = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === 'nrm_professional')!.email)
      .executeTakeFirstOrThrow();
    const created = await t.services.referrals.submitSignal(
      { id: professional.id, role: 'nrm_professional' },
      {
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
      },
    );
    caseId = created.id;
    reference = (
      await t.database.db
        .selectFrom('nrm_case')
        .select('reference')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).reference;
    jansen = (await createUser(t.services, { role: 'nrm_coordinator', name: 'Anna Jansen' })).id;
    pietersen = (await createUser(t.services, { role: 'nrm_coordinator', name: 'Bram Pietersen' })).id;
    // 230 reads by Pietersen of another thing, then Jansen's break-the-glass on the case: newest first, Jansen's
    // entries are on the first page; the oldest of Pietersen's only beyond the first 100.
    for (let i = 0; i < 230; i++) {
      clock.advance(60_000);
      await t.services.audit.record({
        actorUserId: pietersen,
        action: 'nrm.queue.read',
        entityType: 'nrm_team',
        entityId: null,
        detail: { i },
      });
    }
    // 23:30 UTC on 28 November is 00:30 on 29 November in Amsterdam.
    clock.set('2026-11-28T23:30:00Z');
    await t.services.audit.record({
      actorUserId: jansen,
      action: 'nrm.case.break_glass',
      entityType: 'nrm_case',
      entityId: caseId,
    });
    clock.advance(60_000);
    await t.services.audit.record({
      actorUserId: jansen,
      action: 'nrm.case.read.break_glass',
      entityType: 'nrm_case',
      entityId: caseId,
    });
    clock.set('2026-11-30T09:00:00Z');
    const privacy = await createUser(t.services, { role: 'privacy_officer', name: 'Fatima de Privacy' });
    officer = await signIn(t, privacy, clock);
  });

  it('filters by case reference and shows the case, who and what in words, no UUID', async () => {
    const page = await officer.get(`/nvm/privacy/audit?case=${encodeURIComponent(reference.toLowerCase())}`);
    expect(page.statusCode).toBe(200);
    const rows = rowsOf(page.body);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows[0]).toMatch(
      new RegExp(`Anna Jansen \\| Zaak ingezien met noodtoegang \\| Zaak ${reference}$`),
    );
    expect(rows[1]).toMatch(
      new RegExp(`Anna Jansen \\| Noodtoegang geopend \\(met reden\\) \\| Zaak ${reference}$`),
    );
    expect(rows.every((r) => r.endsWith(`Zaak ${reference}`))).toBe(true);
    expect(rows.join('\n')).not.toMatch(UUID);
    expect(rows.join('\n')).not.toContain('nrm.case');
  });

  it('filters by person (part of the name) and by period in Amsterdam days', async () => {
    const byPerson = rowsOf((await officer.get('/nvm/privacy/audit?person=jans')).body);
    expect(byPerson).toHaveLength(2);
    expect(byPerson.every((r) => r.includes('Anna Jansen'))).toBe(true);
    // The break-the-glass happened at 00:30 on 29 November, Amsterdam time.
    const on29 = rowsOf(
      (await officer.get('/nvm/privacy/audit?person=Jansen&from=2026-11-29&to=2026-11-29')).body,
    );
    expect(on29).toHaveLength(2);
    const on28 = await officer.get('/nvm/privacy/audit?person=Jansen&from=2026-11-28&to=2026-11-28');
    expect(rowsOf(on28.body)).toHaveLength(0);
    expect(on28.body).toContain('Geen auditregels voor dit filter.');
  });

  it('reaches every entry beyond the newest 100, page by page', async () => {
    const seen: string[] = [];
    let href: string | undefined = '/nvm/privacy/audit?person=Pietersen';
    let pages = 0;
    while (href) {
      const page = await officer.get(href);
      expect(page.statusCode).toBe(200);
      seen.push(...rowsOf(page.body));
      href = /<a class="utrecht-link" href="([^"]+)">Oudere regels<\/a>/
        .exec(page.body)?.[1]
        ?.replace(/&amp;/g, '&');
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(230);
    expect(seen.every((r) => r.includes('Bram Pietersen | Werkvoorraad bekeken'))).toBe(true);
  });

  it('says so for an unknown case, and answers a date that does not exist with 400 naming the field', async () => {
    const unknown = await officer.get('/nvm/privacy/audit?case=NVM-1999-999999');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('Er is geen zaak met nummer NVM-1999-999999.');
    expect(rowsOf(unknown.body)).toHaveLength(0);
    const bad = await officer.get('/nvm/privacy/audit?from=2026-02-30&to=2026-01-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Vanaf (datum)');
    expect(bad.body).toContain('Vul een bestaande datum in (jjjj-mm-dd).');
    expect(bad.body).toContain('value="2026-02-30"');
  });

  it('audits every read of the log, without the filter text, and is for the privacy officer only', async () => {
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'audit.read')
      .execute();
    expect(reads.length).toBeGreaterThan(0);
    expect(JSON.stringify(reads)).not.toMatch(/Jansen|Pietersen|jans/i);
    const coordinator = await signIn(t, await createUser(t.services, { role: 'nrm_coordinator' }), clock);
    expect((await coordinator.get('/nvm/privacy/audit')).statusCode).toBe(403);
  });
});
