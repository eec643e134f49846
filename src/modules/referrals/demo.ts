// The demo data set for trying the referral mechanism on the embedded default: teams built from the sample
// directory (every care coordination, CoMensha, the shelters), one demo account per role with a known password
// and TOTP secret (listed in the README), shelter places, and a few fictional cases. Never loaded in production
// (the caller decides; see src/cli/seed.ts). Every person here is invented.
import { stableId, type DirectoryService } from '../directory/index.js';
import {
  addDemoMember,
  demoTeamsExist,
  insertDemoCapacity,
  insertDemoTeams,
  userIdByEmail,
} from './demo-repository.js';
import type { Root } from './repository.js';
import type { ReferralService } from './service.js';

/** Demo accounts: the README lists these. Base32 TOTP secrets, fixed so a newcomer can add them to an app. */
export const DEMO_ACCOUNTS = [
  {
    role: 'nrm_professional',
    email: 'jongerenwerker@demo.samen.test',
    name: 'Demo jongerenwerker (Enschede)',
    team: 'first-line-enschede',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXA',
  },
  {
    role: 'nrm_coordinator',
    email: 'zorgcoordinator@demo.samen.test',
    name: 'Demo zorgcoördinator (Amsterdam)',
    team: 'coord:86b75562-3d1b-5d6e-8e74-d1e80675244e',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXB',
  },
  {
    role: 'nrm_regional_lead',
    email: 'regieregio@demo.samen.test',
    name: 'Demo regionale regie (Amsterdam)',
    team: 'coord:86b75562-3d1b-5d6e-8e74-d1e80675244e',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXC',
  },
  {
    role: 'nrm_national',
    email: 'comensha@demo.samen.test',
    name: 'Demo landelijk coördinator (CoMensha)',
    team: 'national',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXD',
  },
  {
    role: 'nrm_shelter',
    email: 'opvang@demo.samen.test',
    name: 'Demo intake opvang (Fier)',
    team: 'shelter:aba5ad19-7cf0-552f-9b4d-063c7b72efa8',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXE',
  },
  {
    role: 'privacy_officer',
    email: 'privacy@demo.samen.test',
    name: 'Demo privacy officer',
    team: null,
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXF',
  },
] as const;

export const DEMO_PASSWORD = 'samen-demo-2026';

/**
 * The children's route's demo accounts (issue 20, point 5): Nidos (the guardian organisation) and Veilig Thuis
 * Amsterdam-Amstelland, both first-line teams; kept apart from DEMO_ACCOUNTS, which has one account per role.
 */
export const DEMO_CHILD_ACCOUNTS = [
  {
    role: 'nrm_professional',
    email: 'nidos@demo.samen.test',
    name: 'Demo voogd (Nidos)',
    team: 'guardian',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ',
  },
  {
    role: 'nrm_professional',
    email: 'veiligthuis@demo.samen.test',
    name: 'Demo Veilig Thuis (Amsterdam-Amstelland)',
    team: 'veilig-thuis:aa2a8a27-f5fd-565a-b29d-b037ab8cfbbc',
    totp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXR',
  },
] as const;

/** Nidos in the sample directory, and the Veilig Thuis organisations given a team (Twente's has nobody in it). */
const NIDOS = '59ba7bbf-38c2-517d-aa01-288569a7035d';
const VEILIG_THUIS = ['aa2a8a27-f5fd-565a-b29d-b037ab8cfbbc', 'efa70742-ceb0-5bbf-8474-51481df9fb18'];

const COMENSHA_COORDINATION = '12d6edcf-811b-540e-be37-0f935a1c121e';
const SHELTERS: { serviceId: string; places: [string, number, number][] }[] = [
  {
    serviceId: 'aba5ad19-7cf0-552f-9b4d-063c7b72efa8',
    places: [
      ['minors', 2, 12],
      ['women', 1, 10],
    ],
  },
  { serviceId: '7f9ce48a-7c01-5ac4-88a9-42f1490cba73', places: [['cosm', 4, 40]] },
  { serviceId: '6418f8b9-8b4e-5f6e-9330-486e5848e803', places: [['multi_problem', 1, 6]] },
  { serviceId: '49c5b89c-8f82-5c85-919f-1aa4eb3e4437', places: [['multi_problem', 0, 6]] },
];

interface DemoDeps {
  db: Root;
  directory: DirectoryService;
  referrals: ReferralService;
  createUser: (u: {
    email: string;
    displayName: string;
    role: string;
    password: string;
    totpSecret: string;
    actorUserId: null;
  }) => Promise<{ id: string }>;
}

/** Loads the demo once (does nothing when demo teams exist). Returns what it made. */
export async function loadDemo(
  deps: DemoDeps,
): Promise<{ teams: number; users: number; cases: number } | undefined> {
  const { db } = deps;
  if (await demoTeamsExist(db)) return undefined;
  const services = await deps.directory.allServices();
  const byId = new Map(services.map((s) => [s.id, s]));
  const teams: {
    key: string;
    id: string;
    kind: string;
    name: string;
    type: string;
    serviceId: string | null;
  }[] = [];
  for (const s of services)
    if (s.name.startsWith('Zorgcoördinatie mensenhandel'))
      teams.push({
        key: `coord:${s.id}`,
        id: stableId(`demo:team:coord:${s.id}`),
        kind: 'care_coordination',
        name: s.name.replace('Zorgcoördinatie mensenhandel ', 'Zorgcoördinatie '),
        type: 'care_coordination',
        serviceId: s.id,
      });
  if (byId.has(COMENSHA_COORDINATION))
    teams.push({
      key: 'national',
      id: stableId('demo:team:national'),
      kind: 'national',
      name: 'CoMensha: zorgcoördinatie en opvang',
      type: 'comensha',
      serviceId: COMENSHA_COORDINATION,
    });
  for (const shelter of SHELTERS) {
    const s = byId.get(shelter.serviceId);
    if (s)
      teams.push({
        key: `shelter:${s.id}`,
        id: stableId(`demo:team:shelter:${s.id}`),
        kind: 'shelter',
        name: s.name,
        type: 'shelter',
        serviceId: s.id,
      });
  }
  teams.push({
    key: 'first-line-enschede',
    id: stableId('demo:team:first-line-enschede'),
    kind: 'first_line',
    name: 'Jongerenwerk Enschede (demo)',
    type: 'youth_care',
    serviceId: null,
  });
  teams.push({
    key: 'first-line-police',
    id: stableId('demo:team:first-line-police'),
    kind: 'first_line',
    name: 'Politie AVIM Oost-Nederland (demo)',
    type: 'police',
    serviceId: null,
  });
  teams.push(...childRouteTeams(byId));
  if (!teams.some((t) => t.kind === 'national')) return undefined;

  await insertDemoTeams(db, teams);
  deps.referrals.forgetTeams();
  const teamId = new Map(teams.map((t) => [t.key, t.id]));

  const users = new Map<string, { id: string; role: string }>();
  for (const account of DEMO_ACCOUNTS) {
    const found = await userIdByEmail(db, account.email);
    const user =
      found ??
      (await deps.createUser({
        email: account.email,
        displayName: account.name,
        role: account.role,
        password: DEMO_PASSWORD,
        totpSecret: account.totp,
        actorUserId: null,
      }));
    users.set(account.role, { id: user.id, role: account.role });
    if (account.team) await addDemoMember(db, user.id, teamId.get(account.team)!);
  }

  await addChildAccounts(deps, teamId);

  const shelterUser = users.get('nrm_shelter')!;
  for (const shelter of SHELTERS) {
    const id = teamId.get(`shelter:${shelter.serviceId}`);
    if (!id) continue;
    // Places are stated by a shelter member: the demo shelter's account for Fier, the others through their team.
    for (const [category, available, maximum] of shelter.places) {
      const at = deps.referrals.now();
      await insertDemoCapacity(db, {
        teamId: id,
        category,
        available,
        maximum,
        at,
        actorUserId:
          id === teamId.get('shelter:aba5ad19-7cf0-552f-9b4d-063c7b72efa8') ? shelterUser.id : null,
        sealedReason: deps.referrals.sealing.capacityReason(id, 'demo'),
      });
      await deps.directory.publishCapacity(shelter.serviceId, category, available, maximum, at);
    }
  }

  // Fictional cases from the demo professional: one waiting in Amsterdam (the coordinator's queue), one in
  // Enschede (CoMensha's, as Twente has no regional coordinator in the sample list), an anonymous consult.
  const professional = users.get('nrm_professional')!;
  const base = {
    urgency: 'normal',
    consent: 'yes',
    vitalInterest: false,
    signals: [] as string[],
    recruitment: [] as string[],
    methodsOfControl: [] as string[],
    sector: '',
    gender: 'unknown',
    citizenship: '',
    name: '',
    dateOfBirth: '',
    contact: '',
  };
  await deps.referrals.submitSignal(professional as { id: string; role: 'nrm_professional' }, {
    ...base,
    kind: 'signal',
    municipality: 'Amsterdam',
    minor: 'no',
    forms: ['labour'],
    signals: ['lives_at_work', 'no_or_little_pay', 'no_id_documents'],
    methodsOfControl: ['WithholdsDocuments', 'DebtBondage'],
    needs: ['shelter', 'legal_aid'],
    sector: 'construction',
    gender: 'male',
    ageGroup: '30--38',
    citizenship: 'BG',
    summary:
      'Verzonnen voorbeeld: bouwvakker slaapt op de bouwplaats, paspoort ingehouden door de uitzender.',
    name: 'Voorbeeld Persoon A',
  });
  await deps.referrals.submitSignal(professional as { id: string; role: 'nrm_professional' }, {
    ...base,
    kind: 'signal',
    municipality: 'Enschede',
    urgency: 'high',
    minor: 'yes',
    consent: 'not_asked',
    forms: ['sexual'],
    signals: ['new_expensive_things', 'missing_from_care', 'someone_speaks_for_them'],
    methodsOfControl: ['FalsePromises', 'PsychologicalAbuse'],
    recruitment: ['ThroughOnlineSocialNetworks'],
    needs: ['shelter', 'care'],
    gender: 'female',
    ageGroup: '9--17',
    citizenship: 'NL',
    summary:
      'Verzonnen voorbeeld: meisje van 16 met een oudere "vriend", nieuwe telefoon en kleding, vaak weg.',
  });
  await deps.referrals.submitSignal(professional as { id: string; role: 'nrm_professional' }, {
    ...base,
    kind: 'consult',
    municipality: 'Enschede',
    minor: 'unknown',
    consent: 'not_asked',
    forms: ['criminal'],
    needs: [],
    ageGroup: 'unknown',
    summary: 'Verzonnen voorbeeld: jongen wordt ingezet als drugskoerier; wanneer is dit uitbuiting?',
  });
  return { teams: teams.length, users: users.size, cases: 3 };
}

type DemoTeam = {
  key: string;
  id: string;
  kind: string;
  name: string;
  type: string;
  serviceId: string | null;
};

/** The teams the children's route tells (children/): Nidos nationally, Veilig Thuis by the directory's coverage. */
function childRouteTeams(byId: Map<string, { id: string; name: string }>): DemoTeam[] {
  const teams: DemoTeam[] = [];
  const nidos = byId.get(NIDOS);
  if (nidos)
    teams.push({
      key: 'guardian',
      id: stableId('demo:team:guardian'),
      kind: 'first_line',
      name: 'Nidos (voogdij)',
      type: 'guardian',
      serviceId: nidos.id,
    });
  for (const serviceId of VEILIG_THUIS) {
    const s = byId.get(serviceId);
    if (s)
      teams.push({
        key: `veilig-thuis:${s.id}`,
        id: stableId(`demo:team:veilig-thuis:${s.id}`),
        kind: 'first_line',
        name: s.name.split(':')[0]!,
        type: 'veilig_thuis',
        serviceId: s.id,
      });
  }
  return teams;
}

/** The children's route's demo accounts, each in its team (Veilig Thuis Twente is left empty on purpose). */
async function addChildAccounts(deps: DemoDeps, teamId: Map<string, string>) {
  for (const account of DEMO_CHILD_ACCOUNTS) {
    const team = teamId.get(account.team);
    if (!team) continue;
    const found = await userIdByEmail(deps.db, account.email);
    const user =
      found ??
      (await deps.createUser({
        email: account.email,
        displayName: account.name,
        role: account.role,
        password: DEMO_PASSWORD,
        totpSecret: account.totp,
        actorUserId: null,
      }));
    await addDemoMember(deps.db, user.id, team);
  }
}
