// No signal without a reader and urgency drives the clock (issue 18, points 2 and 3), on the demo data where 11
// of the 12 regional coordinations have no member: an acute signal about a 15-year-old in Rotterdam reaches a
// team where someone can act, and the sender is told which; the deadlines job's "escalated N" is the number of
// escalations delivered (a notification and a mail each), CoMensha's case without a lead goes to its national
// coordinators, and a case nobody can receive is counted as unreachable; the route check names every route that
// reaches nobody. (Referrals and placement requests to a team nobody can answer: forwarding.db.test.ts.)
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import type { SignalInput } from './service.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

describeDb('routing to a reader, and deadlines by urgency', () => {
  const clock = new TestClock('2026-12-02T09:00:00Z'); // a Wednesday
  const t = useTestApp({ clock, mailTransport: null });
  let professional: Agent;
  let adminAccount: { email: string; password: string; totpSecret?: string };
  const ids: Record<string, string> = {};
  const teams: Record<string, string> = {};

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    adminAccount = await createUser(t.services, { role: 'admin' });
    for (const acc of DEMO_ACCOUNTS)
      ids[acc.role] = (
        await t.database.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', acc.email)
          .executeTakeFirstOrThrow()
      ).id;
    for (const team of await t.database.db.selectFrom('nrm_team').select(['id', 'name', 'kind']).execute()) {
      if (team.kind === 'national') teams.national = team.id;
      if (team.name.includes('Rotterdam')) teams.rotterdam = team.id;
      if (team.name.includes('Amsterdam')) teams.amsterdam = team.id;
    }
  });

  const input = (o: Partial<SignalInput>): SignalInput => ({
    kind: 'signal',
    municipality: 'Amsterdam',
    urgency: 'normal',
    minor: 'unknown',
    consent: 'yes',
    vitalInterest: false,
    forms: ['labour'],
    signals: [],
    methodsOfControl: [],
    recruitment: [],
    sector: '',
    needs: [],
    gender: 'unknown',
    ageGroup: 'unknown',
    citizenship: '',
    summary: '',
    name: '',
    dateOfBirth: '',
    contact: '',
    ...o,
  });
  const submit = (o: Partial<SignalInput>) =>
    t.services.referrals.submitSignal({ id: ids.nrm_professional!, role: 'nrm_professional' }, input(o));
  const members = (teamId: string) =>
    t.database.db
      .selectFrom('nrm_member')
      .innerJoin('app_user', 'app_user.id', 'nrm_member.user_id')
      .select('app_user.email')
      .where('nrm_member.team_id', '=', teamId)
      .where('app_user.disabled_at', 'is', null)
      .execute();
  const caseRow = (id: string) =>
    t.database.db.selectFrom('nrm_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('sends an acute signal about a 15-year-old in Rotterdam (memberless team) to a team with a member, and says which', async () => {
    expect(await members(teams.rotterdam!)).toHaveLength(0);
    const sent = await professional.submit('/nvm/signal', {
      kind: 'signal',
      municipality: 'Rotterdam',
      urgency: 'acute',
      minor: 'yes',
      consent: 'not_asked',
      gender: 'unknown',
      ageGroup: '9--17',
      forms: 'criminal',
      dateOfBirth: '2011-06-01',
      name: 'Verzonnen Vijftien',
    });
    expect(sent.postStatus).toBe(303);
    expect(sent.statusCode).toBe(200);
    const id = /href="\/nvm\/cases\/([0-9a-f-]{36})"/.exec(sent.body)![1]!;
    const row = await caseRow(id);
    expect(row.owner_team_id).not.toBe(teams.rotterdam);
    expect((await members(row.owner_team_id)).length).toBeGreaterThan(0);
    const owner = await t.database.db
      .selectFrom('nrm_team')
      .select('name')
      .where('id', '=', row.owner_team_id)
      .executeTakeFirstOrThrow();
    expect(sent.body).toContain(owner.name);
    expect(sent.body).not.toContain('Rotterdam-Rijnmond');
    // Nobody is told through a memberless team either.
    const referrals = await t.database.db
      .selectFrom('nrm_referral')
      .selectAll()
      .where('case_id', '=', id)
      .execute();
    expect(referrals.filter((r) => r.to_team_id === teams.rotterdam)).toHaveLength(0);
    // Acute: due within 4 clock hours, and the mail's subject says it is acute.
    expect(new Date(row.triage_due_at!).getTime() - new Date(row.created_at).getTime()).toBe(4 * 3_600_000);
    const mails = await t.database.db.selectFrom('mail_outbox').selectAll().execute();
    const mine = mails.filter((m) => m.body_text.includes(`/nvm/cases/${id}`));
    expect(mine.length).toBeGreaterThan(0);
    for (const m of mine) expect(m.subject).toMatch(/ACUUT/);
  });

  it('gives high and normal signals 1 and 2 working days, named as such on the case page', async () => {
    const high = await submit({ urgency: 'high' });
    const normal = await submit({ urgency: 'normal' });
    expect((await caseRow(high.id)).triage_due_at!.toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect((await caseRow(normal.id)).triage_due_at!.toISOString()).toBe('2026-12-04T09:00:00.000Z');
    const coordinator = await signIn(t, account('nrm_coordinator'));
    const page = await coordinator.get(`/nvm/cases/${high.id}`);
    expect(page.body).toMatch(/triage (binnen 1 werkdag|within 1 working day)/);
    const mails = await t.database.db.selectFrom('mail_outbox').selectAll().execute();
    expect(
      mails.filter((m) => m.body_text.includes(high.id)).every((m) => m.subject.includes('Hoog / High')),
    ).toBe(true);
    expect(
      mails.filter((m) => m.body_text.includes(normal.id)).some((m) => /ACUUT|Hoog/.test(m.subject)),
    ).toBe(false);
  });

  it('escalates an acute signal after its hours, counting only escalations delivered by notification and mail', async () => {
    await t.database.db
      .updateTable('nrm_case')
      .set({ escalated_at: clock.read() })
      .where('escalated_at', 'is', null)
      .execute();
    // Amsterdam (a lead is there), CoMensha (no lead: its national coordinators), all acute.
    const amsterdam = await submit({ urgency: 'acute', municipality: 'Amsterdam' });
    const enschede = await submit({ urgency: 'acute', municipality: 'Enschede' });
    expect((await caseRow(enschede.id)).owner_team_id).toBe(teams.national);
    clock.advance(3 * 3_600_000);
    expect((await t.services.referrals.runDeadlines()).escalated).toBe(0);
    clock.advance(2 * 3_600_000);
    const before = await t.database.db.selectFrom('mail_outbox').select('id').execute();
    const result = await t.services.referrals.runDeadlines();
    expect(result).toMatchObject({ escalated: 2, unreachable: 0 });
    const notes = await t.database.db
      .selectFrom('nrm_notification')
      .selectAll()
      .where('kind', '=', 'overdue')
      .where('case_id', 'in', [amsterdam.id, enschede.id])
      .execute();
    expect(notes).toHaveLength(2);
    const mails = (await t.database.db.selectFrom('mail_outbox').selectAll().execute()).filter(
      (m) => !before.some((b) => b.id === m.id),
    );
    expect(mails).toHaveLength(2);
    const lead = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_regional_lead')!.email;
    const comensha = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_national')!.email;
    expect(JSON.stringify(mails.find((m) => m.body_text.includes(amsterdam.id))!.recipients)).toContain(lead);
    expect(JSON.stringify(mails.find((m) => m.body_text.includes(enschede.id))!.recipients)).toContain(
      comensha,
    );
    for (const m of mails) expect(m.subject).toMatch(/ACUUT/);
    // The national coordinator sees the escalation in their list.
    const national = await signIn(t, account('nrm_national'));
    const list = await national.get('/nvm/notifications');
    expect(list.body).toContain((await caseRow(enschede.id)).reference);
    // Its timeline names who received the escalation, and never claims a regional lead CoMensha does not have.
    const page = await national.get(`/nvm/cases/${enschede.id}`);
    const timeline = /id="h-timeline"[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? page.body;
    expect(timeline).toMatch(/Te laat: geëscaleerd naar het team dat hier staat/);
    expect(timeline).not.toMatch(/naar de regionale regie|to the regional lead/);
  });

  it('escalates past a disabled lead to CoMensha, and counts a case nobody can receive as unreachable', async () => {
    const amsterdam = await submit({ urgency: 'acute', municipality: 'Amsterdam' });
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: clock.read() })
      .where('id', '=', ids.nrm_regional_lead!)
      .execute();
    clock.advance(5 * 3_600_000);
    expect(await t.services.referrals.runDeadlines()).toMatchObject({ escalated: 1, unreachable: 0 });
    const referral = await t.database.db
      .selectFrom('nrm_referral')
      .selectAll()
      .where('case_id', '=', amsterdam.id)
      .executeTakeFirstOrThrow();
    expect(referral).toMatchObject({
      to_team_id: teams.national,
      shares_personal_data: false,
      status: 'pending',
    });

    const stranded = await submit({ urgency: 'acute', municipality: 'Amsterdam' });
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: clock.read() })
      .where('id', '=', ids.nrm_national!)
      .execute();
    clock.advance(5 * 3_600_000);
    const mailsBefore = (await t.database.db.selectFrom('mail_outbox').select('id').execute()).length;
    expect(await t.services.referrals.runDeadlines()).toMatchObject({ escalated: 0, unreachable: 1 });
    expect((await t.database.db.selectFrom('mail_outbox').select('id').execute()).length).toBe(mailsBefore);
    expect((await caseRow(stranded.id)).escalated_at).toBeNull();

    // The route check says so, in words, on the page and for the command.
    const admin = await signIn(t, adminAccount);
    const page = await admin.get('/admin/nrm/routes');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Rotterdam/);
    expect(page.body).toMatch(/bereiken niemand|reach nobody/);
    const findings = await t.services.referrals.routeCheck((k) => k);
    expect(
      findings.some((f) => f.severity === 'nobody' && f.key === 'referrals.check.escalationNobody'),
    ).toBe(true);
    expect(findings.some((f) => f.severity === 'nobody' && f.key === 'referrals.check.signalNobody')).toBe(
      true,
    );
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: null })
      .where('id', 'in', [ids.nrm_national!, ids.nrm_regional_lead!])
      .execute();
    const healthy = await t.services.referrals.routeCheck((k) => k);
    expect(healthy.filter((f) => f.severity === 'nobody')).toEqual([]);
    expect(
      healthy.some(
        (f) =>
          f.key === 'referrals.check.signalFallback' && String(f.params.municipalities).includes('Rotterdam'),
      ),
    ).toBe(true);
  });

  it('counts in the bottleneck view a waiting COSM request as waiting for a place, and no advice request as a signal', async () => {
    const coordinator = { id: ids.nrm_coordinator!, role: 'nrm_coordinator' as const };
    const before = await t.services.referrals.bottleneckView({ id: ids.nrm_coordinator! });
    const capacity = await t.database.db
      .selectFrom('nrm_capacity')
      .select(['team_id'])
      .where('category', '=', 'cosm')
      .where('available', '>', 0)
      .executeTakeFirstOrThrow();
    const intake = await createUser(t.services, { role: 'nrm_shelter' });
    await t.services.referrals.setMembership(null, { email: intake.email, teamId: capacity.team_id });
    const created = await submit({ municipality: 'Amsterdam', minor: 'no' });
    const row = await caseRow(created.id);
    await t.services.referrals.requestPlacement(coordinator, created.id, {
      version: row.version,
      shelterTeamId: capacity.team_id,
      category: 'cosm',
      reason: '',
    });
    await submit({ kind: 'consult', municipality: 'Amsterdam', urgency: 'acute', forms: [] });
    clock.advance(5 * 3_600_000);
    const overdueSignals = await t.database.db
      .selectFrom('nrm_case')
      .select('id')
      .where('kind', '=', 'signal')
      .where('status', '=', 'received')
      .where('triage_due_at', '<', clock.read())
      .execute();
    const after = await t.services.referrals.bottleneckView({ id: ids.nrm_coordinator! });
    expect(after.waiting).toBe(before.waiting + 1);
    expect(after.overdue).toBe(overdueSignals.length);
  });
});
