// Consent that holds (issue 18 point 4), attacked the way the issue found it broken: a shelter that accepted a
// referral kept seeing name, date of birth, contact and summary after "no consent"; the referring first-line
// professional kept seeing everything after handover, the shelter placement included. Distinctive markers are
// planted in every person field and the summary, and every /nvm route the shelter or the professional can name
// with the case's ids (read from the routes files, so a route added later is walked too) is asked for them.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent, type Response } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

/**
 * Every /nvm route of the module, as method and path with :params (read from the source, not a copy): every
 * `routes.ts` of the module, one per aggregate.
 */
const moduleDir = fileURLToPath(new URL('./', import.meta.url));
const ROUTES = readdirSync(moduleDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => basename(file) === 'routes.ts')
  .flatMap((file) => [
    ...readFileSync(join(moduleDir, file), 'utf8').matchAll(/app\.(get|post)\(\s*'(\/nvm[^']*)'/g),
  ])
  .map((m) => ({ method: m[1]!.toUpperCase() as 'GET' | 'POST', path: m[2]! }));

interface Markers {
  name: string;
  dateOfBirth: string;
  contact: string;
  summary: string;
}

/** Each marker that appears in a response, with where. */
function leaks(responses: { label: string; response: Response }[], markers: string[]): string[] {
  const found: string[] = [];
  for (const { label, response } of responses)
    for (const m of markers) if (response.body.includes(m)) found.push(`${m} in ${label}`);
  return found;
}

describeDb('consent per recipient and purpose: a withdrawal that holds', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let coordinator: Agent;
  let shelter: Agent;
  let national: Agent;
  let fier: { id: string; name: string };
  let comensha: { id: string; name: string };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    coordinator = await signIn(t, account('nrm_coordinator'));
    shelter = await signIn(t, account('nrm_shelter'));
    national = await signIn(t, account('nrm_national'));
    const teams = await t.database.db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute();
    fier = teams.find((x) => x.kind === 'shelter' && x.name.startsWith('Fier'))!;
    comensha = teams.find((x) => x.kind === 'national')!;
  });

  /** A signal in Amsterdam (the demo coordinator's region) with a marker in every person field. */
  async function signal(tag: string, o: { minor: 'yes' | 'no' }): Promise<{ url: string; m: Markers }> {
    const m: Markers = {
      name: `Naammerk${tag}`,
      dateOfBirth: o.minor === 'yes' ? '2011-02-13' : '1983-07-29',
      contact: `Contactmerk${tag}`,
      summary: `Samenvattingmerk${tag}`,
    };
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'normal',
      minor: o.minor,
      consent: 'yes',
      forms: 'labour',
      signals: ['lives_at_work'],
      gender: 'female',
      ageGroup: o.minor === 'yes' ? '9--17' : '39--47',
      name: m.name,
      dateOfBirth: m.dateOfBirth,
      contact: m.contact,
      summary: m.summary,
    });
    // Post, redirect, get: the signal's receipt names the case it made.
    expect(sent.postStatus).toBe(303);
    expect(sent.statusCode).toBe(200);
    return { url: /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(sent.body)![1]!, m };
  }

  async function post(url: string, path: string, form: Record<string, string>) {
    const page = await coordinator.get(url);
    return coordinator.post(`${url}${path}`, { version: version(page.body), ...form });
  }

  async function consentFor(url: string, teamId: string, purpose: string) {
    const r = await post(url, '/consents', {
      consentTeamId: teamId,
      consentPurpose: purpose,
      consentAnswer: 'given',
      consentMethod: 'in_person',
    });
    expect(r.statusCode).toBe(303);
  }

  async function referShared(url: string, teamId: string, serviceType: string) {
    return post(url, '/refer', {
      kind: 'refer',
      toTeamId: teamId,
      serviceType,
      sharePersonalData: 'yes',
      reason: '',
    });
  }

  /** Every route the agent can name with this case's ids: the page, exports, every form, every list. */
  async function walk(agent: Agent, url: string): Promise<{ label: string; response: Response }[]> {
    const caseId = url.split('/').pop()!;
    const [referral, placement, row] = await Promise.all([
      t.database.db.selectFrom('nrm_referral').select('id').where('case_id', '=', caseId).executeTakeFirst(),
      t.database.db.selectFrom('nrm_placement').select('id').where('case_id', '=', caseId).executeTakeFirst(),
      t.database.db
        .selectFrom('nrm_case')
        .select(['reference', 'version'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow(),
    ]);
    const fill = (path: string) =>
      path
        .replace(':id', caseId)
        .replace(':rid', referral?.id ?? caseId)
        .replace(':pid', placement?.id ?? caseId)
        .replace(':gid', caseId);
    const out: { label: string; response: Response }[] = [];
    for (const route of ROUTES) {
      const path = fill(route.path);
      const response =
        route.method === 'GET'
          ? await agent.get(path.startsWith('/nvm/lookup') ? `${path}?reference=${row.reference}` : path)
          : // A stale version and an empty answer: nothing may change, and no refusal may show the person.
            await agent.post(path, { version: String(row.version - 1), answer: 'decline', reason: '' });
      out.push({ label: `${route.method} ${route.path} (${response.statusCode})`, response });
    }
    for (const scope of ['owner', 'origin', 'received', 'shelter'])
      out.push({ label: `GET /nvm?scope=${scope}`, response: await agent.get(`/nvm?scope=${scope}`) });
    return out;
  }

  it('walks every /nvm route, read from the routes file of each aggregate (35 when the routes were split)', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(35);
    expect(ROUTES).toContainEqual({ method: 'GET', path: '/nvm/cases/:id/export.pdf' });
    expect(ROUTES).toContainEqual({ method: 'POST', path: '/nvm/cases/:id/referrals/:rid/respond' });
  });

  it('ends the shelter’s sight of name, date of birth, contact and summary at once on "no consent", and tells it', async () => {
    const { url, m } = await signal('Q7', { minor: 'no' });
    // Per-field scopes (issue 20, point 4) give a shelter less than the whole person block by default; here the
    // shelter is configured to receive every field, so that the markers are there to lose.
    await t.services.referrals.setFieldScope(null, {
      role: 'nrm_shelter',
      purpose: 'shelter',
      fields: ['name', 'date_of_birth', 'contact', 'special_notes', 'summary'],
    });
    await consentFor(url, fier.id, 'shelter');
    expect((await referShared(url, fier.id, 'shelter')).statusCode).toBe(303);
    // The shelter accepts the referral and sees the person (the markers are really there to be found).
    const incoming = await shelter.get(url);
    const respond = /action="(\/nvm\/cases\/[0-9a-f-]{36}\/referrals\/[0-9a-f-]{36}\/respond)"/.exec(
      incoming.body,
    )![1]!;
    expect((await shelter.post(respond, { answer: 'accept', reason: '' })).statusCode).toBe(303);
    const before = await shelter.get(url);
    for (const marker of Object.values(m)) expect(before.body).toContain(marker);
    const mailsBefore = await t.database.db.selectFrom('mail_outbox').select('id').execute();

    // The exact repro: the coordinator records "no consent".
    expect((await post(url, '/consent', { consent: 'no' })).statusCode).toBe(303);

    const responses = await walk(shelter, url);
    expect(leaks(responses, Object.values(m))).toEqual([]);
    const page = await shelter.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /toestemming voor uw organisatie is ingetrokken|consent for your organisation was withdrawn/i,
    );
    expect(page.body).toMatch(/Niet meer: toestemming ingetrokken|No longer: consent withdrawn/);
    const list = await shelter.get('/nvm/notifications');
    expect(list.body).toMatch(/Toestemming ingetrokken|Consent withdrawn/);
    expect(list.body).toContain(url);

    // Told by mail, naming the case reference only.
    const reference = (
      await t.database.db
        .selectFrom('nrm_case')
        .select('reference')
        .where('id', '=', url.split('/').pop()!)
        .executeTakeFirstOrThrow()
    ).reference;
    const mails = (await t.database.db.selectFrom('mail_outbox').selectAll().execute()).filter(
      (x) => !mailsBefore.some((b) => b.id === x.id),
    );
    const told = mails.filter((x) => x.subject.includes('Toestemming ingetrokken'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain(reference);
    expect(JSON.stringify(told[0]!.recipients)).toContain('opvang@demo.samen.test');
    for (const mail of mails)
      for (const marker of Object.values(m)) expect(mail.subject + mail.body_text).not.toContain(marker);

    // Audited with the consents and the recipients that lost sight (identifiers only).
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'nrm.case.consent')
      .where('entity_id', '=', url.split('/').pop()!)
      .execute();
    const detail = JSON.stringify(audit.at(-1)!.detail);
    expect(detail).toContain(fier.id);
    expect(detail).toContain('recipients_without_person');
    for (const marker of Object.values(m)) expect(detail).not.toContain(marker);
    expect((await t.services.audit.verify()).brokenAt).toBeUndefined();
  });

  it('withdraws consent for one recipient only: that one loses sight, the other keeps it on its own consent', async () => {
    const { url, m } = await signal('W3', { minor: 'no' });
    await consentFor(url, fier.id, 'shelter');
    await consentFor(url, comensha.id, 'care');
    expect((await referShared(url, fier.id, 'shelter')).statusCode).toBe(303);
    expect((await referShared(url, comensha.id, 'care')).statusCode).toBe(303);
    expect((await shelter.get(url)).body).toContain(m.name);
    expect((await national.get(url)).body).toContain(m.name);

    const page = await coordinator.get(url);
    const fierConsent = (
      await t.database.db
        .selectFrom('nrm_consent')
        .select('id')
        .where('case_id', '=', url.split('/').pop()!)
        .where('team_id', '=', fier.id)
        .executeTakeFirstOrThrow()
    ).id;
    const withdrawn = await coordinator.post(`${url}/consents/withdraw`, {
      version: version(page.body),
      consentId: fierConsent,
      withdrawalNote: 'Notitiemerk: wil niet naar deze opvang',
    });
    expect(withdrawn.statusCode).toBe(303);
    expect(leaks(await walk(shelter, url), Object.values(m))).toEqual([]);
    const still = await national.get(url);
    expect(still.body).toContain(m.name);
    expect(still.body).toMatch(/grondslag: toestemming|legal ground: consent/);
    // The note is the owner's only, and sealed at rest.
    expect((await coordinator.get(url)).body).toContain('Notitiemerk');
    expect(still.body).not.toContain('Notitiemerk');
    const stored = await t.database.db
      .selectFrom('nrm_consent')
      .select('withdrawal_note_enc')
      .where('id', '=', fierConsent)
      .executeTakeFirstOrThrow();
    expect(stored.withdrawal_note_enc).toBeTruthy();
    expect(stored.withdrawal_note_enc).not.toContain('Notitiemerk');
  });

  it('refuses to share with a recipient that has no consent for that purpose (consent for another does not count)', async () => {
    const { url } = await signal('P5', { minor: 'no' });
    await consentFor(url, fier.id, 'care');
    const refused = await referShared(url, fier.id, 'shelter');
    expect(refused.statusCode).toBe(422);
    const shared = await t.database.db
      .selectFrom('nrm_referral')
      .select('id')
      .where('case_id', '=', url.split('/').pop()!)
      .where('shares_personal_data', '=', true)
      .execute();
    expect(shared).toHaveLength(0);
  });

  it('keeps a recipient with another legal ground (a minor) seeing the person, and says on which ground', async () => {
    const { url, m } = await signal('M2', { minor: 'yes' });
    await consentFor(url, fier.id, 'shelter');
    expect((await referShared(url, fier.id, 'shelter')).statusCode).toBe(303);
    const page = await coordinator.get(url);
    expect(
      (
        await coordinator.post(`${url}/consents/withdraw`, {
          version: version(page.body),
          consentId: 'all',
          withdrawalNote: '',
        })
      ).statusCode,
    ).toBe(303);
    const seen = await shelter.get(url);
    expect(seen.body).toContain(m.name);
    expect(seen.body).toMatch(/grondslag: minderjarig|legal ground: minor/);
    // Withdrawing again: nothing stands, said in words, nothing changes.
    const again = await coordinator.get(url);
    const none = await coordinator.post(`${url}/consents/withdraw`, {
      version: version(again.body),
      consentId: 'all',
      withdrawalNote: 'Mijn toelichting bij niets',
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toMatch(/geen geldende toestemming|no standing consent/);
    // The refused form keeps what was typed, and names no internal field.
    const summary = /<div class="samen-error-summary"[\s\S]*?<\/div>/.exec(none.body)![0];
    expect(summary).toContain('Mijn toelichting bij niets');
    expect(summary).not.toMatch(/consentId|withdrawalNote/);
  });

  it('shows the referring professional only the stage once the coordinator has taken the case: no person, no shelter', async () => {
    const { url, m } = await signal('F9', { minor: 'no' });
    // Before handover: what they typed is theirs to see (the case waits to be picked up).
    const own = await professional.get(url);
    expect(own.body).toContain(m.name);
    expect(own.body).toContain(m.summary);

    expect((await post(url, '/transition', { to: 'triage', reason: '' })).statusCode).toBe(303);
    expect((await post(url, '/transition', { to: 'assessment', reason: '' })).statusCode).toBe(303);
    await consentFor(url, fier.id, 'shelter');
    expect((await referShared(url, fier.id, 'shelter')).statusCode).toBe(303);
    expect(
      (await post(url, '/placements', { category: 'women', shelterTeamId: fier.id, reason: '' })).statusCode,
    ).toBe(303);
    expect((await shelter.get(url)).body).toContain(m.name);

    const responses = await walk(professional, url);
    expect(leaks(responses, [...Object.values(m), fier.name])).toEqual([]);
    const status = await professional.get(url);
    expect(status.statusCode).toBe(200);
    expect(status.body).toMatch(/In behandeling|Being handled/);
    // The list of their own signals says the stage too, and a filter by step (placement) is not honoured.
    const queue = await professional.get('/nvm?scope=origin');
    expect(queue.body).toMatch(/In behandeling|Being handled/);
    expect(queue.body).not.toMatch(/>(Plaatsing|Placement)</);
    const byStep = await professional.get('/nvm?scope=origin&status=placement');
    expect(byStep.body).not.toMatch(/<option value="placement"/);
    // The read is audited as a status read, without the person.
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'nrm.case.read.status')
      .where('entity_id', '=', url.split('/').pop()!)
      .execute();
    expect(reads.length).toBeGreaterThan(0);

    // The referral and the placement request are still open: closing refuses them unless they are withdrawn with it.
    expect(
      (await post(url, '/transition', { to: 'closed', closeReason: 'other', reason: '' })).statusCode,
    ).toBe(400);
    expect(
      (
        await post(url, '/transition', {
          to: 'closed',
          closeReason: 'other',
          reason: '',
          withdrawOpen: 'yes',
        })
      ).statusCode,
    ).toBe(303);
    const closed = await professional.get(url);
    expect(closed.body).toMatch(/Afgesloten|Closed/);
    expect(leaks(await walk(professional, url), [...Object.values(m), fier.name])).toEqual([]);
  });
});
