// The authorisation matrix over the routes: every case route × every role × the user's relation to the case
// (owner team, origin team, referred team, a shelter without a request, another region, no team), through the
// real HTTP stack. Each request uses a stale version, so an allowed change answers 409 and nothing changes; a
// refused one answers 404 (the case is not revealed) or 403 (the route is not for the role). The access rule
// itself is property-tested with fast-check in access.test.ts.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS } from './demo.js';

type Relation = 'owner' | 'origin' | 'referred' | 'shelter_unrelated' | 'other_region' | 'no_team';
interface Who {
  label: string;
  role: string;
  relation: Relation;
  agent?: Agent;
}

const MANAGERS = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];
const CASE_ROLES = [...MANAGERS, 'nrm_professional', 'nrm_shelter'];

const ROUTES: {
  method: 'GET' | 'POST';
  path: string;
  roles: string[];
  needs: 'read' | 'manage' | 'respond';
  form?: Record<string, string>;
}[] = [
  { method: 'GET', path: '', roles: CASE_ROLES, needs: 'read' },
  {
    method: 'POST',
    path: '/transition',
    roles: MANAGERS,
    needs: 'manage',
    form: { version: '99999', to: 'closed', closeReason: 'other', reason: '' },
  },
  { method: 'POST', path: '/assess', roles: MANAGERS, needs: 'manage', form: { version: '99999' } },
  {
    method: 'POST',
    path: '/consent',
    roles: MANAGERS,
    needs: 'manage',
    form: { version: '99999', consent: 'yes' },
  },
  {
    method: 'POST',
    path: '/refer',
    roles: MANAGERS,
    needs: 'manage',
    form: { version: '99999', kind: 'refer', toTeamId: '', serviceType: 'care', reason: '' },
  },
  {
    method: 'POST',
    path: '/placements',
    roles: MANAGERS,
    needs: 'manage',
    form: { version: '99999', category: 'women', shelterTeamId: '', reason: '' },
  },
  {
    method: 'POST',
    path: '/person',
    roles: MANAGERS,
    needs: 'manage',
    form: { version: '99999', name: '', dateOfBirth: '', contact: '', specialNotes: '' },
  },
  { method: 'GET', path: '/export.json', roles: MANAGERS, needs: 'manage' },
];

describeDb('referral routes: who may read and write what', () => {
  const t = useTestApp({ mailTransport: null });
  const people: Who[] = [];
  let caseId = '';
  let shelterTeam = '';

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const teams = await t.database.db.selectFrom('nrm_team').selectAll().execute();
    const team = (pred: (x: (typeof teams)[number]) => boolean) => teams.find(pred)!.id;
    const amsterdam = team((x) => x.directory_service_id === '86b75562-3d1b-5d6e-8e74-d1e80675244e');
    const utrecht = team((x) => x.kind === 'care_coordination' && x.name.includes('Midden-Nederland'));
    const comensha = team((x) => x.kind === 'national');
    const fier = team((x) => x.kind === 'shelter' && x.name.startsWith('Fier'));
    shelterTeam = team((x) => x.kind === 'shelter' && x.name.startsWith('COSM'));
    const origin = team((x) => x.name.startsWith('Jongerenwerk'));
    const police = team((x) => x.name.startsWith('Politie'));
    const add = async (label: string, role: string, relation: Relation, teamId: string | null) => {
      const user = await createUser(t.services, { role, totp: true });
      if (teamId)
        await t.database.db.insertInto('nrm_member').values({ user_id: user.id, team_id: teamId }).execute();
      people.push({ label, role, relation, agent: await signIn(t, user) });
    };
    // The Amsterdam demo case: owned by Amsterdam, raised by the Enschede youth workers; refer it to CoMensha.
    caseId = (
      await t.database.db
        .selectFrom('nrm_case')
        .select('id')
        .where('municipality_code', '=', 'GM0363')
        .executeTakeFirstOrThrow()
    ).id;
    const demoCoordinator = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_coordinator')!;
    const coordinatorId = (
      await t.database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', demoCoordinator.email)
        .executeTakeFirstOrThrow()
    ).id;
    const version = (
      await t.database.db
        .selectFrom('nrm_case')
        .select('version')
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow()
    ).version;
    await t.services.referrals.refer({ id: coordinatorId, role: 'nrm_coordinator' }, caseId, {
      version,
      kind: 'refer',
      toTeamId: comensha,
      serviceType: 'care',
      sharePersonalData: false,
      reason: '',
    });
    await add('coordinator, owner team', 'nrm_coordinator', 'owner', amsterdam);
    await add('regional lead, owner team', 'nrm_regional_lead', 'owner', amsterdam);
    await add('coordinator, other region', 'nrm_coordinator', 'other_region', utrecht);
    await add('regional lead, other region', 'nrm_regional_lead', 'other_region', utrecht);
    await add('CoMensha, referred', 'nrm_national', 'referred', comensha);
    await add('shelter, no request', 'nrm_shelter', 'shelter_unrelated', fier);
    await add('professional, origin team', 'nrm_professional', 'origin', origin);
    await add('professional, other organisation', 'nrm_professional', 'other_region', police);
    await add('privacy officer', 'privacy_officer', 'no_team', null);
    await add('administrator', 'admin', 'no_team', null);
    await add('directory steward', 'directory_steward', 'no_team', null);
    await add('coordinator without a team', 'nrm_coordinator', 'no_team', null);
  });

  function expected(who: Who, route: (typeof ROUTES)[number]): number {
    if (!route.roles.includes(who.role)) return 403;
    const read = who.relation === 'owner' || who.relation === 'origin' || who.relation === 'referred';
    const manage = who.relation === 'owner' && MANAGERS.includes(who.role);
    if (!read) return 404;
    if (route.needs === 'read') return 200;
    if (route.path === '/export.json') return manage ? 200 : 404;
    if (!manage) return 403;
    return 409;
  }

  it('answers every route for every role and relation exactly as the rule says, and changes nothing', async () => {
    const before = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    const failures: string[] = [];
    for (const who of people)
      for (const route of ROUTES) {
        const url = `/nvm/cases/${caseId}${route.path}`;
        const form = route.path === '/refer' ? { ...route.form, toTeamId: shelterTeam } : route.form;
        const response =
          route.method === 'GET' ? await who.agent!.get(url) : await who.agent!.post(url, form ?? {});
        const want = expected(who, route);
        if (response.statusCode !== want)
          failures.push(
            `${who.label} ${route.method} ${route.path || '/'}: ${response.statusCode}, expected ${want}`,
          );
        if (response.statusCode === 404 || response.statusCode === 403)
          expect(response.body).not.toContain('Voorbeeld Persoon A');
      }
    expect(failures).toEqual([]);
    const after = await t.database.db
      .selectFrom('nrm_case')
      .selectAll()
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(after.version).toBe(before.version);
  });

  it('hides the person from a referred team when the referral does not share it', async () => {
    const comensha = people.find((p) => p.relation === 'referred')!;
    const page = await comensha.agent!.get(`/nvm/cases/${caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Voorbeeld Persoon A');
  });

  it('lets the administrator set up teams and memberships, naming the field on bad input', async () => {
    const admin = people.find((p) => p.role === 'admin')!.agent!;
    expect((await admin.get('/admin/nrm')).statusCode).toBe(200);
    const missing = await admin.post('/admin/nrm/teams', {
      name: 'Zorgcoördinatie Twente',
      kind: 'care_coordination',
      organisationType: 'care_coordination',
      directoryServiceId: '',
      teamEmail: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('f-directoryServiceId');
    const added = await admin.post('/admin/nrm/teams', {
      name: 'Wijkteam Hengelo',
      kind: 'first_line',
      organisationType: 'municipality',
      directoryServiceId: '',
      teamEmail: '',
    });
    expect(added.statusCode).toBe(303);
    const team = await t.database.db
      .selectFrom('nrm_team')
      .select('id')
      .where('name', '=', 'Wijkteam Hengelo')
      .executeTakeFirstOrThrow();
    const worker = await createUser(t.services, { role: 'nrm_professional' });
    expect(
      (await admin.post('/admin/nrm/members', { email: worker.email, teamId: team.id })).statusCode,
    ).toBe(303);
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const wrong = await admin.post('/admin/nrm/members', { email: steward.email, teamId: team.id });
    expect(wrong.statusCode).toBe(400);
    const coordinator = people.find((p) => p.role === 'nrm_coordinator')!.agent!;
    expect((await coordinator.get('/admin/nrm')).statusCode).toBe(403);
  });
});
