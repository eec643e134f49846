// Referral and transfer between coordinators, withdrawal, break the glass, subject access (PDF and JSON) and
// rectification: who gains and loses access at each step, and what the privacy officer sees.
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { createUser } from '../../../test/auth.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

describeDb('referral mechanism: refer, transfer, break the glass, subject access', () => {
  const t = useTestApp({ mailTransport: null });
  let amsterdam: Agent;
  let national: Agent;
  let rotterdam: Agent;
  let privacy: Agent;
  let rotterdamUser: { email: string; password: string; totpSecret?: string };
  let caseUrl = '';
  let teams: { id: string; name: string; kind: string }[] = [];
  const version = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    teams = await t.database.db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute();
    // A coordinator in Rotterdam: another region, with no relation to the Amsterdam case.
    const rotterdamTeam = teams.find((x) => x.name.includes('Rotterdam') && x.kind === 'care_coordination')!;
    const user = await createUser(t.services, { role: 'nrm_coordinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: user.id, team_id: rotterdamTeam.id })
      .execute();
    amsterdam = await signIn(t, account('nrm_coordinator'));
    national = await signIn(t, account('nrm_national'));
    rotterdamUser = user;
    rotterdam = await signIn(t, user);
    privacy = await signIn(t, account('privacy_officer'));
    const queue = await amsterdam.get('/nvm');
    caseUrl = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(queue.body)![1]!;
  });

  it('gives a referred team access with the person only when the referral shares it, until it is withdrawn', async () => {
    const comensha = teams.find((x) => x.kind === 'national')!;
    expect((await national.get(caseUrl)).statusCode).toBe(404);
    let page = await amsterdam.get(caseUrl);
    // Sharing needs consent for this recipient and purpose (consent per recipient, migration 0017).
    const consented = await amsterdam.post(`${caseUrl}/consents`, {
      version: version(page.body),
      consentTeamId: comensha.id,
      consentPurpose: 'care',
      consentAnswer: 'given',
      consentMethod: 'in_person',
    });
    expect(consented.statusCode).toBe(303);
    page = await amsterdam.get(caseUrl);
    const referred = await amsterdam.post(`${caseUrl}/refer`, {
      version: version(page.body),
      kind: 'refer',
      toTeamId: comensha.id,
      serviceType: 'care',
      sharePersonalData: 'yes',
      reason: 'Advies opvang',
    });
    expect(referred.statusCode).toBe(303);
    const seen = await national.get(caseUrl);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Voorbeeld Persoon A');
    page = await amsterdam.get(caseUrl);
    const withdraw = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/referrals\/[0-9a-f-]{36}\/withdraw)"/.exec(
      page.body,
    )![1]!;
    expect((await amsterdam.post(withdraw, {})).statusCode).toBe(303);
    expect((await national.get(caseUrl)).statusCode).toBe(404);
  });

  it('moves ownership on an accepted transfer and keeps the old owner informed', async () => {
    const rotterdamTeam = teams.find((x) => x.name.includes('Rotterdam') && x.kind === 'care_coordination')!;
    const page = await amsterdam.get(caseUrl);
    await amsterdam.post(`${caseUrl}/refer`, {
      version: version(page.body),
      kind: 'transfer',
      toTeamId: rotterdamTeam.id,
      serviceType: 'coordination',
      reason: 'Verhuisd',
    });
    const incoming = await rotterdam.get(caseUrl);
    expect(incoming.statusCode).toBe(200);
    expect(incoming.body).not.toContain('Voorbeeld Persoon A');
    const respond = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/referrals\/[0-9a-f-]{36}\/respond)"/.exec(
      incoming.body,
    )![1]!;
    expect((await rotterdam.post(respond, { answer: 'accept', reason: '' })).statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('nrm_case')
      .select('owner_team_id')
      .where('id', '=', caseUrl.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect(row.owner_team_id).toBe(rotterdamTeam.id);
    // Now the owner, Rotterdam sees the person; Amsterdam keeps read access through the hand-over referral.
    expect((await rotterdam.get(caseUrl)).body).toContain('Voorbeeld Persoon A');
    const old = await amsterdam.get(caseUrl);
    expect(old.statusCode).toBe(200);
    expect(old.body).not.toContain('action="/nvm/cases/' + caseUrl.split('/').pop() + '/transition"');
  });

  it('refuses a decline without a reason', async () => {
    const page = await rotterdam.get(caseUrl);
    const comensha = teams.find((x) => x.kind === 'national')!;
    await rotterdam.post(`${caseUrl}/refer`, {
      version: version(page.body),
      kind: 'refer',
      toTeamId: comensha.id,
      serviceType: 'care',
      reason: '',
    });
    const incoming = await national.get(caseUrl);
    const respond = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/referrals\/[0-9a-f-]{36}\/respond)"/.exec(
      incoming.body,
    )![1]!;
    const refused = await national.post(respond, { answer: 'decline', reason: '' });
    expect(refused.statusCode).toBe(400);
    expect((await national.post(respond, { answer: 'decline', reason: 'Geen capaciteit' })).statusCode).toBe(
      303,
    );
  });

  it('opens a case outside the region only by breaking the glass with a reason, flagged to the privacy officer', async () => {
    const enschede = await t.database.db
      .selectFrom('nrm_case')
      .select(['id', 'reference'])
      .where('municipality_code', '=', 'GM0153')
      .where('kind', '=', 'signal')
      .executeTakeFirstOrThrow();
    expect((await amsterdam.get(`/nvm/cases/${enschede.id}`)).statusCode).toBe(404);
    const lookup = await amsterdam.get(`/nvm/lookup?reference=${enschede.reference}`);
    expect(lookup.statusCode).toBe(200);
    expect(
      (await amsterdam.post(`/nvm/cases/${enschede.id}/break-glass`, { reason: 'kort' })).statusCode,
    ).toBe(400);
    expect(
      (
        await amsterdam.post(`/nvm/cases/${enschede.id}/break-glass`, {
          reason: 'Slachtoffer meldt zich nu bij ons loket, acuut',
        })
      ).statusCode,
    ).toBe(303);
    const opened = await amsterdam.get(`/nvm/cases/${enschede.id}`);
    expect(opened.statusCode).toBe(200);
    const officer = await privacy.get('/nvm/privacy');
    expect(officer.body).toContain(enschede.reference);
    expect(officer.body).toContain('Slachtoffer meldt zich nu bij ons loket');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', enschede.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['nrm.case.break_glass', 'nrm.case.read.break_glass']),
    );
    // The grant expires after 24 hours.
    t.clock.advance(25 * 3600_000);
    amsterdam = await signIn(t, account('nrm_coordinator'));
    expect((await amsterdam.get(`/nvm/cases/${enschede.id}`)).statusCode).toBe(404);
  });

  it('exports everything on the person as PDF and JSON for the owner, and lets the owner correct it', async () => {
    // The clock moved a day on in the test above: sessions have expired.
    rotterdam = await signIn(t, rotterdamUser);
    national = await signIn(t, account('nrm_national'));
    const pdf = await rotterdam.request({ method: 'GET', url: `${caseUrl}/export.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
      mergePages: true,
    });
    expect(text).toContain('Voorbeeld Persoon A');
    // Fields under their names in the reader's language, not as database columns (the export the person is
    // owed, subject-access.db.test.ts, checks every language).
    expect(text).toContain('Uw naam: Voorbeeld Persoon A');
    expect(text).toContain('Soort uitbuiting:');
    expect(text).toContain('Verwijzing 1');
    expect(text).not.toMatch(/\b(owner_team_id|methods_of_control|created_at|name):/);
    // Coded values in words, as on the case page.
    expect(text).toMatch(/Spoed: (Acuut: nu gevaar|Hoog: binnen een dag|Normaal)/);
    expect(text).toMatch(/Jonger dan 18: (Ja|Nee|Niet bekend)/);
    // The timeline and moments in words, not codes and ISO timestamps.
    expect(text).toContain('De melding kwam binnen');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // Teams by name, not by key.
    expect(text).toMatch(/Behandeld door: Zorgcoördinatie/);
    // Places by name, without their codes; no keys.
    expect(text).toMatch(/Gemeente: [A-Z][^\n(]+/);
    expect(text).toMatch(/Regio: [A-Z][^\n(]+/);
    expect(text).not.toMatch(/GM\d{4}|VR\d{2}/);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const referrer = await t.database.db
      .selectFrom('nrm_referral as r')
      .innerJoin('app_user as u', 'u.id', 'r.created_by')
      .select('u.display_name')
      .where('r.case_id', '=', caseUrl.split('/').pop()!)
      .executeTakeFirstOrThrow();
    // Staff appear as role and organisation, never by name or address.
    expect(text).not.toContain(referrer.display_name);
    expect(text).toContain('Een zorgcoördinator bij');
    const json = await rotterdam.request({ method: 'GET', url: `${caseUrl}/export.json` });
    expect(JSON.parse(json.body).person.name).toBe('Voorbeeld Persoon A');
    expect((await national.request({ method: 'GET', url: `${caseUrl}/export.json` })).statusCode).toBe(404);
    const page = await rotterdam.get(caseUrl);
    const fixed = await rotterdam.post(`${caseUrl}/person`, {
      version: version(page.body),
      name: 'Voorbeeld Persoon B',
      dateOfBirth: '1990-02-30x',
      contact: '',
      specialNotes: '',
    });
    expect(fixed.statusCode).toBe(400);
    const ok = await rotterdam.post(`${caseUrl}/person`, {
      version: version(page.body),
      name: 'Voorbeeld Persoon B',
      dateOfBirth: '1990-02-03',
      contact: '',
      specialNotes: 'Diabetes',
    });
    expect(ok.statusCode).toBe(303);
    expect((await rotterdam.get(caseUrl)).body).toContain('Voorbeeld Persoon B');
    const stored = await t.database.db
      .selectFrom('nrm_person')
      .selectAll()
      .where('case_id', '=', caseUrl.split('/').pop()!)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('Persoon B');
    expect(JSON.stringify(stored)).not.toContain('Diabetes');
  });
});
