// The support and criminal-justice track (issue 20, point 2) on the app's test clock: the recovery period's clock
// on the case page and its reminder by the deadline job (once, to the owner); the aangifte, B8 and legal aid on
// the case and counted in the bottleneck view; bad input refused in the user's language with nothing written;
// the place of the aangifte and the lawyer sealed; another region's coordinator and a first-line professional
// cannot write it.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

const EMPTY = {
  recoveryStart: '',
  recoveryDays: '',
  aangifte: '',
  aangifteOn: '',
  aangiftePlace: '',
  b8AppliedOn: '',
  b8Outcome: '',
  b8DecidedOn: '',
  legalAidOn: '',
  legalAid: '',
};

describeDb('support and criminal-justice track (attack tests)', () => {
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const t = useTestApp({ clock });
  let caseUrl = '';
  let caseId = '';
  const version = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
  const agent = (role: string) => signIn(t, account(role));
  const stored = () =>
    t.database.db.selectFrom('nrm_support').selectAll().where('case_id', '=', caseId).executeTakeFirst();

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const coordinator = await agent('nrm_coordinator');
    caseUrl = /href="(\/nvm\/cases\/[0-9a-f-]{36})"/.exec((await coordinator.get('/nvm')).body)![1]!;
    caseId = caseUrl.split('/').pop()!;
  });

  it('refuses bad input with the problems in the user’s language, refilled, and writes nothing', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    const refused = await coordinator.post(`${caseUrl}/support`, {
      ...EMPTY,
      version: version(page.body),
      recoveryStart: '2026-03-01',
      recoveryDays: '10',
      aangifte: 'considering',
      aangiftePlace: 'Bureau QZXPLACE',
      b8DecidedOn: '2026-02-30',
      legalAidOn: '2027-01-01',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Duur van de hersteltermijn (dagen): Een hersteltermijn duurt ten minste 30',
    );
    expect(refused.body).toContain('Aangifte: Een datum of plaats van aangifte hoort bij');
    expect(refused.body).toContain('Datum van het B8-besluit: ');
    expect(refused.body).toContain('Rechtsbijstand toegewezen op: Deze datum ligt in de toekomst.');
    // The form again, open, with what was typed.
    expect(refused.body).toMatch(/<details class="samen-details" open><summary>Traject bijwerken/);
    expect(refused.body).toContain('value="Bureau QZXPLACE"');
    const english = await coordinator.post(`/en${caseUrl}/support`, {
      ...EMPTY,
      version: version(page.body),
      b8Outcome: 'granted',
    });
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain(
      'Date of the B8 application: Fill in the date of the B8 application first.',
    );
    expect(await stored()).toBeUndefined();
  });

  it('lets neither another region’s coordinator nor the first responder write the track', async () => {
    const rotterdamTeam = await t.database.db
      .selectFrom('nrm_team')
      .select('id')
      .where('kind', '=', 'care_coordination')
      .where('name', 'like', '%Rotterdam%')
      .executeTakeFirstOrThrow();
    const user = await createUser(t.services, { role: 'nrm_coordinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: user.id, team_id: rotterdamTeam.id })
      .execute();
    const rotterdam = await signIn(t, user);
    const posted = await rotterdam.post(`${caseUrl}/support`, { ...EMPTY, version: '1', aangifte: 'yes' });
    expect(posted.statusCode).toBe(404);
    const professional = await agent('nrm_professional');
    const guarded = await professional.post(`${caseUrl}/support`, {
      ...EMPTY,
      version: '1',
      aangifte: 'yes',
    });
    expect(guarded.statusCode).toBe(403);
    expect(await stored()).toBeUndefined();
  });

  it('records the track sealed, shows it with the recovery clock, and counts it in the bottleneck view', async () => {
    const coordinator = await agent('nrm_coordinator');
    const page = await coordinator.get(caseUrl);
    const saved = await coordinator.post(`${caseUrl}/support`, {
      ...EMPTY,
      version: version(page.body),
      recoveryStart: '2026-03-02',
      recoveryDays: '30',
      aangifte: 'yes',
      aangifteOn: '2026-02-27',
      aangiftePlace: 'Bureau QZXPLACE',
      b8AppliedOn: '2026-02-28',
      legalAidOn: '2026-03-01',
      legalAid: 'Mr. QZXLAWYER',
    });
    expect(saved.statusCode).toBe(303);
    const row = (await stored())!;
    expect(row.recovery_ends_on).toBe('2026-04-01');
    expect(row.b8_outcome).toBe('pending');
    expect(row.aangifte_place_enc).toMatch(/^f1:/);
    expect(row.legal_aid_enc).toMatch(/^f1:/);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'nrm.support.record')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/QZX/);
    const shown = await coordinator.get(caseUrl);
    expect(shown.body).toContain('nog 30 dagen');
    expect(shown.body).toContain('Bureau QZXPLACE');
    expect(shown.body).toContain('Mr. QZXLAWYER');
    expect(shown.body).toContain('nog geen besluit');
    const bottlenecks = await coordinator.get('/nvm/bottlenecks');
    expect(bottlenecks.body).toMatch(/Lopende hersteltermijnen<\/dt><dd>1</);
    expect(bottlenecks.body).toMatch(/B8-aanvragen zonder besluit<\/dt><dd>1</);
    expect(bottlenecks.body).not.toMatch(/QZX/);
  });

  it('reminds the owner once, a week before the recovery period ends', async () => {
    const notices = () =>
      t.database.db
        .selectFrom('nrm_notification')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('kind', '=', 'recovery')
        .execute();
    clock.set('2026-03-24T09:00:00Z');
    expect((await t.services.referrals.runDeadlines()).recoveryWarnings).toBe(0);
    clock.set('2026-03-25T09:00:00Z');
    expect((await t.services.referrals.runDeadlines()).recoveryWarnings).toBe(1);
    expect((await t.services.referrals.runDeadlines()).recoveryWarnings).toBe(0);
    const [notice] = await notices();
    const owner = await t.database.db
      .selectFrom('nrm_case')
      .select('owner_team_id')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(notice!.team_id).toBe(owner.owner_team_id);
    const coordinator = await agent('nrm_coordinator');
    expect((await coordinator.get('/nvm/notifications')).body).toContain(
      'Hersteltermijn loopt binnenkort af',
    );
    const mails = await t.database.db.selectFrom('mail_outbox').selectAll().execute();
    const reminder = mails.filter((m) => m.subject.includes('Hersteltermijn'));
    expect(reminder).toHaveLength(1);
    expect(JSON.stringify(reminder)).not.toMatch(/QZX|Voorbeeld Persoon/);
  });
});
