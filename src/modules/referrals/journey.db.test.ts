// The "done when", through the real pages: a youth worker's signal about a 16-year-old in Enschede reaches
// the right coordinator (CoMensha: Twente has no regional coordinator in the sample list), who triages it and
// requests a place at a shelter with free places; the shelter accepts; CoMensha sees the pseudonymised
// registration; the bottleneck view shows the steps; the privacy officer sees the accesses in an intact chain;
// nobody outside those organisations can find the case. Plus the consent gate, stale forms and bad input.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

describeDb('referral mechanism: from signal to a safe place', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let national: Agent;
  let amsterdam: Agent;
  let shelter: Agent;
  let privacy: Agent;
  let caseUrl = '';

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    national = await signIn(t, account('nrm_national'));
    amsterdam = await signIn(t, account('nrm_coordinator'));
    shelter = await signIn(t, account('nrm_shelter'));
    privacy = await signIn(t, account('privacy_officer'));
  });

  const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

  it('routes a signal about a minor in Enschede to CoMensha and mails a link without personal data', async () => {
    expect((await professional.get('/nvm/signal')).statusCode).toBe(200);
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Enschede',
      urgency: 'high',
      minor: 'yes',
      consent: 'not_asked',
      forms: 'sexual',
      signals: ['new_expensive_things', 'missing_from_care'],
      ageGroup: '9--17',
      gender: 'female',
      citizenship: 'nl',
      name: 'Testpersoon Zestien',
      summary: 'Meisje van 16, oudere vriend.',
    });
    expect(sent.postStatus).toBe(303);
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('CoMensha');
    caseUrl = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(sent.body)![1]!;
    const mails = await t.database.db.selectFrom('mail_outbox').selectAll().execute();
    const forCase = mails.filter((m) => m.body_text.includes(caseUrl));
    expect(forCase.length).toBeGreaterThan(0);
    for (const m of mails) {
      expect(m.body_text).not.toContain('Zestien');
      expect(m.subject).not.toContain('Zestien');
      expect(m.body_text).not.toContain('Meisje');
    }
  });

  it('shows the case to CoMensha with the person (minor: child-protection ground) and hides it elsewhere (404)', async () => {
    const seen = await national.get(caseUrl);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).toContain('Testpersoon Zestien');
    expect((await amsterdam.get(caseUrl)).statusCode).toBe(404);
    expect((await shelter.get(caseUrl)).statusCode).toBe(404);
    expect((await professional.get(caseUrl)).statusCode).toBe(200);
    expect((await privacy.get(caseUrl)).statusCode).toBe(403);
  });

  it('moves the case to triage and refuses a stale form with a 409 showing the current case', async () => {
    const page = await national.get(caseUrl);
    const v = version(page.body);
    const moved = await national.post(`${caseUrl}/transition`, {
      version: v,
      to: 'triage',
      reason: 'Opgepakt',
    });
    expect(moved.statusCode).toBe(303);
    const stale = await national.post(`${caseUrl}/transition`, {
      version: v,
      to: 'assessment',
      reason: 'Mijn notitie',
    });
    expect(stale.statusCode).toBe(409);
    // The merge view keeps what the user tried to save.
    expect(stale.body).toContain('Mijn notitie');
    expect(stale.body).toContain(caseUrl.split('/').pop()!);
  });

  it('refuses a step the workflow does not allow, naming the field', async () => {
    const page = await national.get(caseUrl);
    const bad = await national.post(`${caseUrl}/transition`, {
      version: version(page.body),
      to: 'placement',
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/niet toegestaan|not allowed/);
  });

  it('requests a place at the shelter with a free place; the shelter accepts and its free places go down', async () => {
    const teams = await t.database.db
      .selectFrom('nrm_team')
      .selectAll()
      .where('kind', '=', 'shelter')
      .execute();
    const fier = teams.find((x) => x.name.startsWith('Fier'))!;
    const before = await t.database.db
      .selectFrom('nrm_capacity')
      .selectAll()
      .where('team_id', '=', fier.id)
      .where('category', '=', 'minors')
      .executeTakeFirstOrThrow();
    let page = await national.get(caseUrl);
    await national.post(`${caseUrl}/transition`, {
      version: version(page.body),
      to: 'assessment',
      reason: '',
    });
    page = await national.get(caseUrl);
    await national.post(`${caseUrl}/transition`, { version: version(page.body), to: 'referral', reason: '' });
    page = await national.get(caseUrl);
    const requested = await national.post(`${caseUrl}/placements`, {
      version: version(page.body),
      category: 'minors',
      shelterTeamId: fier.id,
      reason: '',
    });
    expect(requested.statusCode).toBe(303);
    const asShelter = await shelter.get(caseUrl);
    expect(asShelter.statusCode).toBe(200);
    const placementForm = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/placements\/[0-9a-f-]{36}\/respond)"/.exec(
      asShelter.body,
    )![1]!;
    const accepted = await shelter.post(placementForm, { answer: 'accept', reason: '' });
    expect(accepted.statusCode).toBe(303);
    const after = await t.database.db
      .selectFrom('nrm_capacity')
      .selectAll()
      .where('team_id', '=', fier.id)
      .where('category', '=', 'minors')
      .executeTakeFirstOrThrow();
    expect(after.available).toBe(before.available - 1);
    const hsds = await t.database.db
      .selectFrom('service_capacity')
      .selectAll()
      .where('service_id', '=', fier.directory_service_id!)
      .execute();
    expect(hsds.some((c) => c.available === after.available)).toBe(true);
  });

  it('gives CoMensha a pseudonymised registration with every step, without the name', async () => {
    const page = await national.get('/nvm/registrations');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Zestien');
    const reg = await t.database.db
      .selectFrom('nrm_registration')
      .selectAll()
      .where('safety_region_code', '=', 'VR05')
      .execute();
    const mine = reg.find((r) => r.placement_at !== null)!;
    expect(mine.triage_at).not.toBeNull();
    expect(mine.first_referral_at).not.toBeNull();
    expect(mine.age_group).toBe('9--17');
    expect(JSON.stringify(mine)).not.toContain('Zestien');
  });

  it('shows the time of each step in the bottleneck view, as SVG with a table', async () => {
    const page = await national.get('/nvm/bottlenecks');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Twente');
  });

  it('records every access in an intact chain the privacy officer can verify', async () => {
    const page = await privacy.get('/nvm/privacy?verify=1');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Intact/);
    const reads = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'nrm.case.read')
      .execute();
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(JSON.stringify(reads.map((r) => r.detail))).not.toContain('Zestien');
    const denied = await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'nrm.case.denied')
      .execute();
    expect(denied.length).toBeGreaterThan(0);
    expect((await t.services.audit.verify()).brokenAt).toBeUndefined();
  });
});

describeDb('referral mechanism: the consent gate and bad input', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let amsterdam: Agent;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    amsterdam = await signIn(t, account('nrm_coordinator'));
  });

  describe('an adult without consent', () => {
    it('refuses to share personal data on referral (422) and refers without it', async () => {
      const queue = await amsterdam.get('/nvm');
      const url = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(queue.body)![1]!;
      let page = await amsterdam.get(url);
      const v = () => /name="version" value="(\d+)"/.exec(page.body)![1]!;
      // The demo's Amsterdam case has consent; withdraw it first.
      await amsterdam.post(`${url}/consent`, { version: v(), consent: 'no' });
      page = await amsterdam.get(url);
      const teams = await t.database.db
        .selectFrom('nrm_team')
        .selectAll()
        .where('kind', '=', 'shelter')
        .execute();
      const refused = await amsterdam.post(`${url}/refer`, {
        version: v(),
        kind: 'refer',
        toTeamId: teams[0]!.id,
        serviceType: 'shelter',
        sharePersonalData: 'yes',
        reason: '',
      });
      expect(refused.statusCode).toBe(422);
      const shared = await t.database.db
        .selectFrom('nrm_referral')
        .selectAll()
        .where('shares_personal_data', '=', true)
        .execute();
      expect(shared).toHaveLength(0);
      page = await amsterdam.get(url);
      const plain = await amsterdam.post(`${url}/refer`, {
        version: v(),
        kind: 'refer',
        toTeamId: teams[0]!.id,
        serviceType: 'shelter',
        reason: '',
      });
      expect(plain.statusCode).toBe(303);
    });
  });

  it('answers a signal without a place or anything seen with 400 naming the fields, and stores nothing', async () => {
    const before = await t.database.db.selectFrom('nrm_case').select('id').execute();
    const response = await professional.post('/nvm/signal', {
      kind: 'signal',
      municipality: 'Atlantis',
      urgency: 'normal',
      minor: 'unknown',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('f-municipality');
    expect(response.body).toContain('f-signals');
    const after = await t.database.db.selectFrom('nrm_case').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses personal data in an anonymous consult', async () => {
    const response = await professional.post('/nvm/signal', {
      kind: 'consult',
      municipality: 'Enschede',
      urgency: 'normal',
      minor: 'unknown',
      name: 'Iemand',
    });
    expect(response.statusCode).toBe(400);
  });

  it('answers 404 for malformed and unknown case ids', async () => {
    expect((await amsterdam.get('/nvm/cases/not-a-uuid')).statusCode).toBe(404);
    expect((await amsterdam.get('/nvm/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
