// In-app notifications: each change that mails a team also leaves a notification in the team's list, with no
// personal data; a reader sees only their own team's, only for roles it was meant for, and only for cases they
// may still see (a withdrawn referral takes it away); "mark all as read" clears the count on the queue page; the
// retention job deletes them after 90 days; reading the list is audited.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS } from './demo.js';

describeDb('in-app notifications', () => {
  const t = useTestApp({ mailTransport: null });
  let caseId = '';
  let reference = '';
  let referralId = '';
  let owner: { id: string; role: 'nrm_coordinator' };
  let comensha: Agent;
  let comenshaUserId = '';
  let otherRegion: Agent;
  let steward: Agent;
  let amsterdamCoordinator: Agent;
  let nationalTeam = '';

  const member = async (role: string, teamId: string) => {
    const user = await createUser(t.services, { role, totp: true });
    await t.database.db.insertInto('nrm_member').values({ user_id: user.id, team_id: teamId }).execute();
    return { user, agent: await signIn(t, user) };
  };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const teams = await t.database.db.selectFrom('nrm_team').selectAll().execute();
    const amsterdam = teams.find(
      (x) => x.directory_service_id === '86b75562-3d1b-5d6e-8e74-d1e80675244e',
    )!.id;
    const utrecht = teams.find(
      (x) => x.kind === 'care_coordination' && x.name.includes('Midden-Nederland'),
    )!.id;
    const national = teams.find((x) => x.kind === 'national')!.id;
    nationalTeam = national;
    const row = await t.database.db
      .selectFrom('nrm_case')
      .select(['id', 'reference', 'version'])
      .where('municipality_code', '=', 'GM0363')
      .executeTakeFirstOrThrow();
    caseId = row.id;
    reference = row.reference;
    const demoCoordinator = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_coordinator')!;
    const coordinatorId = (
      await t.database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', demoCoordinator.email)
        .executeTakeFirstOrThrow()
    ).id;
    owner = { id: coordinatorId, role: 'nrm_coordinator' };
    await t.services.referrals.refer(owner, caseId, {
      version: row.version,
      kind: 'refer',
      toTeamId: national,
      serviceType: 'care',
      sharePersonalData: false,
      reason: '',
    });
    referralId = (
      await t.database.db
        .selectFrom('nrm_referral')
        .select('id')
        .where('case_id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).id;
    const c = await member('nrm_national', national);
    comensha = c.agent;
    comenshaUserId = c.user.id;
    otherRegion = (await member('nrm_coordinator', utrecht)).agent;
    amsterdamCoordinator = (await member('nrm_coordinator', amsterdam)).agent;
    steward = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
  });

  it('records a notification without personal data for the team a signal is routed to', async () => {
    const rows = await t.database.db
      .selectFrom('nrm_notification')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.kind)).toEqual(['signal', 'referral']);
    // Only ids, a kind and roles: nothing of the person or the case's content.
    expect(Object.keys(rows[0]!).sort()).toEqual(['case_id', 'created_at', 'id', 'kind', 'roles', 'team_id']);
    const page = await amsterdamCoordinator.get('/nvm/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nieuw signaal voor uw team');
    expect(page.body).toContain(`href="/nvm/cases/${caseId}">${reference}</a>`);
    expect(page.body).not.toContain('Voorbeeld Persoon A');
  });

  it("shows the referred team its referral, and nobody else's team", async () => {
    const referred = await comensha.get('/nvm/notifications');
    expect(referred.statusCode).toBe(200);
    expect(referred.body).toContain('Nieuwe verwijzing voor uw team');
    expect(referred.body).toContain(reference);
    const other = await otherRegion.get('/nvm/notifications');
    expect(other.statusCode).toBe(200);
    expect(other.body).not.toContain(reference);
    expect((await steward.get('/nvm/notifications')).statusCode).toBe(403);
    expect((await steward.post('/nvm/notifications/seen', {})).statusCode).toBe(403);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(['detail'])
      .where('action', '=', 'nrm.notifications.read')
      .where('actor_user_id', '=', comenshaUserId)
      .executeTakeFirstOrThrow();
    expect(audited.detail).toMatchObject({ cases: expect.arrayContaining([reference]) });
  });

  it('counts new notifications on the queue page until they are marked as read', async () => {
    const before = await comensha.get('/nvm?scope=received');
    expect(before.body).toMatch(/U hebt \d+ nieuwe notificaties?/);
    const marked = await comensha.post('/nvm/notifications/seen', {});
    expect(marked.statusCode).toBe(303);
    expect(marked.headers.location).toBe('/nvm/notifications');
    expect((await comensha.get('/nvm?scope=received')).body).not.toContain('nieuwe notificatie');
    const list = await comensha.get('/nvm/notifications');
    expect(list.body).toContain(reference);
    expect(list.body).not.toContain('Alles als gelezen markeren');
  });

  it('takes a notification away once the case is no longer visible to the team (a withdrawn referral)', async () => {
    // A colleague who has not read them yet: the queue page's count includes the referral.
    const colleague = (await member('nrm_national', nationalTeam)).agent;
    const count = async () =>
      Number(
        /U hebt (\d+) nieuwe notificatie/.exec((await colleague.get('/nvm?scope=received')).body)?.[1] ?? 0,
      );
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(1);
    await t.services.referrals.withdrawReferral(owner, caseId, referralId);
    const page = await comensha.get('/nvm/notifications');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(reference);
    expect(await count()).toBe(before - 1);
  });

  it('shows a notification meant for some roles of a team only to those roles (an overdue triage: the leads)', async () => {
    const amsterdam = (
      await t.database.db
        .selectFrom('nrm_case')
        .select('owner_team_id')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).owner_team_id;
    const lead = (await member('nrm_regional_lead', amsterdam)).agent;
    await t.database.db
      .insertInto('nrm_notification')
      .values({ team_id: amsterdam, case_id: caseId, kind: 'overdue', roles: ['nrm_regional_lead'] })
      .execute();
    expect((await lead.get('/nvm/notifications')).body).toContain(
      'Termijn verstreken: signaal wacht op triage',
    );
    expect((await amsterdamCoordinator.get('/nvm/notifications')).body).not.toContain('Termijn verstreken');
  });

  it('deletes notifications older than 90 days in the retention job', async () => {
    // 91 days before the app's own clock: the retention job measures age against that clock, not the machine's.
    const old = new Date(t.clock.read().getTime() - 91 * 86_400_000);
    await t.database.db
      .updateTable('nrm_notification')
      .set({ created_at: old })
      .where('kind', '=', 'signal')
      .execute();
    const left = await t.database.db.selectFrom('nrm_notification').select('kind').execute();
    const result = await t.services.referrals.runRetention();
    expect(result.notificationsDeleted).toBe(left.filter((r) => r.kind === 'signal').length);
    expect(
      (await t.database.db.selectFrom('nrm_notification').select('kind').execute()).every(
        (r) => r.kind !== 'signal',
      ),
    ).toBe(true);
  });
});
