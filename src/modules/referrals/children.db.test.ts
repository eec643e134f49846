// The children's route (issue 20, point 5) on the app's test clock. Done when "a child's case notifies the
// guardian without a consent step": a foreign minor's signal tells Nidos and Veilig Thuis of the region through
// the notification path (a notice they see, a mail without case content), asks no consent and records the
// ground; attacked: an adult's case still asks consent; a minor entered as an adult and then corrected starts the
// route; a Veilig Thuis team with nobody in it (and a region with no team) is not reported as told; the
// guardian's clock is reminded once; the guardian form refuses bad input in nl and en, writes nothing then, seals
// the organisation, and is not for a shelter.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { signIn, type Agent } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_CHILD_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const login = (a: { email: string; totp: string }) => ({
  email: a.email,
  password: DEMO_PASSWORD,
  totpSecret: a.totp,
});
const account = (role: string) => login(DEMO_ACCOUNTS.find((x) => x.role === role)!);
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;

describeDb('the children’s route: no consent step, the guardian and Veilig Thuis told', () => {
  const clock = new TestClock('2026-04-20T09:00:00Z');
  const t = useTestApp({ clock, mailTransport: null });
  let professional: Agent;
  let coordinator: Agent;
  let national: Agent;
  let nidos: Agent;
  let veiligThuis: Agent;
  let shelter: Agent;
  const team: Record<'nidos' | 'vtAmsterdam' | 'vtTwente', string> = {} as never;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    coordinator = await signIn(t, account('nrm_coordinator'));
    national = await signIn(t, account('nrm_national'));
    shelter = await signIn(t, account('nrm_shelter'));
    nidos = await signIn(t, login(DEMO_CHILD_ACCOUNTS[0]));
    veiligThuis = await signIn(t, login(DEMO_CHILD_ACCOUNTS[1]));
    const teams = await t.database.db
      .selectFrom('nrm_team')
      .select(['id', 'name', 'organisation_type'])
      .execute();
    team.nidos = teams.find((x) => x.organisation_type === 'guardian')!.id;
    team.vtAmsterdam = teams.find((x) => x.name.startsWith('Veilig Thuis Amsterdam'))!.id;
    team.vtTwente = teams.find((x) => x.name.startsWith('Veilig Thuis Twente'))!.id;
  });

  async function signal(o: { municipality: string; minor: string; citizenship: string; name: string }) {
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: o.municipality,
      urgency: 'normal',
      minor: o.minor,
      consent: 'not_asked',
      forms: 'sexual',
      signals: ['missing_from_care'],
      gender: 'female',
      ageGroup: 'unknown',
      citizenship: o.citizenship,
      name: o.name,
      dateOfBirth: '',
      contact: '',
      summary: `Verslag van ${o.name}`,
    });
    expect(sent.postStatus).toBe(303);
    const url = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec(sent.body)![1]!;
    return { url, id: url.split('/').pop()! };
  }
  const guardianRow = (id: string) =>
    t.database.db.selectFrom('nrm_guardian').selectAll().where('case_id', '=', id).executeTakeFirst();
  const notices = (id: string) =>
    t.database.db
      .selectFrom('nrm_referral')
      .selectAll()
      .where('case_id', '=', id)
      .where('service_type', 'in', ['guardianship', 'child_protection'])
      .execute();

  it('tells Nidos and Veilig Thuis of a foreign minor’s case, asks no consent and records the ground', async () => {
    const mailsBefore = (await t.database.db.selectFrom('mail_outbox').select('id').execute()).map(
      (m) => m.id,
    );
    const { url, id } = await signal({
      municipality: 'Amsterdam',
      minor: 'yes',
      citizenship: 'RO',
      name: 'Kindmerk Ana',
    });

    const route = await guardianRow(id);
    expect(route).toMatchObject({
      guardian_notice: 'sent',
      guardian_team_id: team.nidos,
      veilig_thuis_notice: 'sent',
      veilig_thuis_team_id: team.vtAmsterdam,
      appointed_on: null,
    });
    const told = await notices(id);
    expect(told.map((r) => [r.service_type, r.to_team_id]).sort()).toEqual(
      [
        ['child_protection', team.vtAmsterdam],
        ['guardianship', team.nidos],
      ].sort(),
    );
    for (const r of told)
      expect(r).toMatchObject({ shares_personal_data: true, legal_ground: 'minor', status: 'pending' });
    // No consent asked: none recorded, the case page says so and offers no consent form.
    expect(
      await t.database.db.selectFrom('nrm_consent').select('id').where('case_id', '=', id).execute(),
    ).toEqual([]);
    const page = await coordinator.get(url);
    expect(page.body).toContain('Route voor minderjarigen');
    expect(page.body).toContain('Niet gevraagd: het gaat om een minderjarige');
    expect(page.body).toContain('Gemeld aan Nidos (voogdij)');
    expect(page.body).not.toContain(`${url}/consents"`);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('entity_id', '=', id)
      .where('action', '=', 'nrm.case.child_route')
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({
      legal_ground: 'minor',
      consent_asked: false,
      guardian_notice: 'sent',
    });

    // Through the notification path: the guardian and Veilig Thuis see it in their list and the case with the
    // person; their mail names no case content.
    for (const agent of [nidos, veiligThuis]) {
      expect((await agent.get('/nvm/notifications')).body).toContain('Melding over een minderjarige');
      const seen = await agent.get(url);
      expect(seen.statusCode).toBe(200);
      expect(seen.body).toContain('Kindmerk Ana');
    }
    const mails = (await t.database.db.selectFrom('mail_outbox').selectAll().execute()).filter(
      (m) => !mailsBefore.includes(m.id),
    );
    const childMails = mails.filter((m) => m.subject.includes('Melding over een minderjarige'));
    expect(childMails.map((m) => JSON.stringify(m.recipients)).join()).toContain('nidos@demo.samen.test');
    expect(childMails.map((m) => JSON.stringify(m.recipients)).join()).toContain(
      'veiligthuis@demo.samen.test',
    );
    for (const m of childMails) expect(m.subject + m.body_text).not.toContain('Kindmerk');
    // The professional who raised it still sees what they typed: the notices are no handover.
    expect((await professional.get(url)).body).toContain('Kindmerk Ana');
  });

  it('still asks consent for an adult, and starts the route when a minor entered as an adult is corrected', async () => {
    const { url, id } = await signal({
      municipality: 'Amsterdam',
      minor: 'no',
      citizenship: 'NG',
      name: 'Volwassenmerk',
    });
    expect(await guardianRow(id)).toBeUndefined();
    expect(await notices(id)).toEqual([]);
    const page = await coordinator.get(url);
    expect(page.body).toContain(`${url}/consents"`);
    expect(page.body).not.toContain('Route voor minderjarigen');

    const corrected = await coordinator.post(`${url}/minor`, {
      version: version(page.body),
      minor: 'yes',
      reason: 'Geboorteakte gezien: 15 jaar',
    });
    expect(corrected.statusCode).toBe(303);
    expect(await guardianRow(id)).toMatchObject({ guardian_notice: 'sent', veilig_thuis_notice: 'sent' });
    expect((await notices(id)).map((r) => r.service_type).sort()).toEqual([
      'child_protection',
      'guardianship',
    ]);
    const after = await coordinator.get(url);
    expect(after.body).toContain('Route voor minderjarigen');
    expect(after.body).not.toContain(`${url}/consents"`);
    // Once per case: a second correction does not tell anyone again.
    const again = await coordinator.post(`${url}/minor`, {
      version: version(after.body),
      minor: 'yes',
      reason: 'Nogmaals bevestigd',
    });
    expect(again.statusCode).toBe(303);
    expect(await notices(id)).toHaveLength(2);
  });

  it('tells Nidos once a foreign nationality is recorded at the assessment, not before (no guess)', async () => {
    const { url, id } = await signal({
      municipality: 'Amsterdam',
      minor: 'yes',
      citizenship: '',
      name: 'Onbekendmerk',
    });
    expect(await guardianRow(id)).toMatchObject({
      guardian_notice: 'not_needed',
      veilig_thuis_notice: 'sent',
    });
    expect((await notices(id)).map((r) => r.service_type)).toEqual(['child_protection']);
    expect((await coordinator.get(url)).body).toContain(
      'Nog niet gemeld: de nationaliteit is niet vastgelegd',
    );
    const db = t.database.db;
    const owner = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', account('nrm_coordinator').email)
      .executeTakeFirstOrThrow();
    const { version: v } = await db
      .selectFrom('nrm_case')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await t.services.referrals.assess({ id: owner.id, role: 'nrm_coordinator' }, id, {
      version: v,
      forms: ['sexual'],
      signals: [],
      methodsOfControl: [],
      recruitment: [],
      needs: [],
      sector: '',
      gender: 'female',
      ageGroup: '9--17',
      citizenship: 'ER',
      reflectionStart: '',
    });
    expect(await guardianRow(id)).toMatchObject({ guardian_notice: 'sent', guardian_team_id: team.nidos });
    expect((await notices(id)).map((r) => r.service_type).sort()).toEqual([
      'child_protection',
      'guardianship',
    ]);
    expect((await nidos.get(url)).body).toContain('Onbekendmerk');
  });

  it('does not report a notice as sent to a Veilig Thuis with nobody in it, nor where no team is set up', async () => {
    // Enschede: Veilig Thuis Twente has a team but nobody in it; a Dutch child needs no Nidos.
    const twente = await signal({
      municipality: 'Enschede',
      minor: 'yes',
      citizenship: 'NL',
      name: 'Twentemerk',
    });
    expect(await guardianRow(twente.id)).toMatchObject({
      guardian_notice: 'not_needed',
      veilig_thuis_notice: 'nobody',
      veilig_thuis_team_id: team.vtTwente,
    });
    expect(await notices(twente.id)).toEqual([]);
    const unsentNotifications = await t.database.db
      .selectFrom('nrm_notification')
      .select('id')
      .where('case_id', '=', twente.id)
      .where('team_id', '=', team.vtTwente)
      .execute();
    expect(unsentNotifications).toEqual([]);
    const owner = await national.get(twente.url);
    expect(owner.body).toContain(
      'Niet gemeld: bij Veilig Thuis Twente is niemand die de melding kan ontvangen',
    );
    expect(owner.body).toContain('Niet nodig: de minderjarige heeft de Nederlandse nationaliteit');
    const english = await national.get(`/en${twente.url}`);
    expect(english.body).toContain('Not notified: nobody at Veilig Thuis Twente can receive the notice');

    // Groningen: no Veilig Thuis team at all.
    const groningen = await signal({
      municipality: 'Groningen',
      minor: 'yes',
      citizenship: 'SY',
      name: 'Groningenmerk',
    });
    expect(await guardianRow(groningen.id)).toMatchObject({
      guardian_notice: 'sent',
      veilig_thuis_notice: 'no_team',
    });
    expect((await notices(groningen.id)).map((r) => r.service_type)).toEqual(['guardianship']);
  });

  it('keeps the guardian’s own clock: reminded once after the deadline, stopped by the guardian recorded', async () => {
    // Moving the clock by days ends sessions (12 hours at most): everyone signs in again after each move.
    const move = async (when: string) => {
      clock.set(when);
      professional = await signIn(t, account('nrm_professional'));
      coordinator = await signIn(t, account('nrm_coordinator'));
      shelter = await signIn(t, account('nrm_shelter'));
      veiligThuis = await signIn(t, login(DEMO_CHILD_ACCOUNTS[1]));
    };
    await move('2026-06-01T09:00:00Z');
    // The earlier tests' cases are overdue by now: their reminders go first, so this case's are counted alone.
    expect((await t.services.referrals.runDeadlines()).guardianReminders).toBeGreaterThan(0);
    const { url, id } = await signal({
      municipality: 'Amsterdam',
      minor: 'yes',
      citizenship: 'AF',
      name: 'Klokmerk',
    });
    // Five working days from Monday 1 June (no public holiday in between): due on Monday 8 June.
    const row = await guardianRow(id);
    expect(row!.due_at.toISOString().slice(0, 10)).toBe('2026-06-08');
    await move('2026-06-05T09:00:00Z');
    expect((await t.services.referrals.runDeadlines()).guardianReminders).toBe(0);
    expect((await coordinator.get(url)).body).toContain('Nog niet benoemd; te regelen vóór');
    await move('2026-06-08T10:00:00Z');
    expect((await t.services.referrals.runDeadlines()).guardianReminders).toBe(1);
    expect((await t.services.referrals.runDeadlines()).guardianReminders).toBe(0);
    expect(
      await t.database.db
        .selectFrom('nrm_notification')
        .select('kind')
        .where('case_id', '=', id)
        .where('kind', '=', 'guardian_due')
        .execute(),
    ).toHaveLength(1);
    const page = await coordinator.get(url);
    expect(page.body).toContain('Nog niet benoemd; de termijn');

    // Bad input: nothing written, the problems named by label in the user's language, the form refilled.
    const empty = await coordinator.post(`${url}/guardian`, {
      version: version(page.body),
      organisation: '',
      appointedOn: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Voogdijorganisatie: Dit is verplicht.');
    expect(empty.body).toContain('Benoemd op: Dit is verplicht.');
    const future = await coordinator.post(`/en${url}/guardian`, {
      version: version(page.body),
      organisation: 'Nidosmerk',
      appointedOn: '2026-07-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Appointed on: This date is in the future.');
    expect(future.body).toContain('value="Nidosmerk"');
    expect((await guardianRow(id))!.organisation_enc).toBeNull();
    // Not for a shelter or the first-line professional.
    expect(
      (
        await shelter.post(`${url}/guardian`, {
          version: version(page.body),
          organisation: 'X',
          appointedOn: '2026-06-07',
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(403);
    expect(
      (
        await veiligThuis.post(`${url}/guardian`, {
          version: version(page.body),
          organisation: 'X',
          appointedOn: '2026-06-07',
        })
      ).statusCode,
    ).toBeGreaterThanOrEqual(403);

    const saved = await coordinator.post(`${url}/guardian`, {
      version: version(page.body),
      organisation: 'Nidosmerk regio West',
      appointedOn: '2026-06-07',
    });
    expect(saved.statusCode).toBe(303);
    const stored = await guardianRow(id);
    expect(stored).toMatchObject({ appointed_on: '2026-06-07' });
    expect(stored!.organisation_enc).toMatch(/^f1:/);
    expect(stored!.organisation_enc).not.toContain('Nidosmerk');
    expect((await coordinator.get(url)).body).toContain('Nidosmerk regio West, benoemd op');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('entity_id', '=', id)
      .where('action', '=', 'nrm.guardian.record')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.detail)).not.toContain('Nidosmerk');

    // An adult's case has no route to record a guardian on.
    const adult = await signal({
      municipality: 'Amsterdam',
      minor: 'no',
      citizenship: 'NL',
      name: 'Geenkind',
    });
    const adultPage = await coordinator.get(adult.url);
    const refused = await coordinator.post(`${adult.url}/guardian`, {
      version: version(adultPage.body),
      organisation: 'Nidos',
      appointedOn: '2026-06-07',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Dit is geen zaak van een minderjarige');
  });
});
