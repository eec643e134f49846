// Who may open which monitor page, role by role: readers read, the programme team also manages, the pool is for
// its coordinator and the organisations asking for experts, and other staff (a directory steward) see nothing.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

const ROLES = [
  'programme_team',
  'admin',
  'action_owner',
  'monitor_viewer',
  'pool_coordinator',
  'requesting_organisation',
  'directory_steward',
] as const;
type RoleName = (typeof ROLES)[number];

// Expected status per page, in the order of ROLES.
const MATRIX: [string, number[]][] = [
  ['/monitor', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/rounds', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/rounds/{round}/annex', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/commitments', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/campaigns', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/desks', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/mirror', [200, 200, 200, 200, 200, 403, 403]],
  ['/monitor/owners', [200, 200, 403, 403, 403, 403, 403]],
  ['/monitor/pool', [403, 403, 403, 403, 200, 200, 403]],
  // Corrections: the team (and admin); an action owner only for their own organisation's actions (this one is
  // linked to none).
  ['/monitor/milestones/{milestone}/edit', [200, 200, 403, 403, 403, 403, 403]],
  ['/monitor/indicators/{indicator}/edit', [200, 200, 403, 403, 403, 403, 403]],
  ['/monitor/commitments/{commitment}/edit', [200, 200, 403, 403, 403, 403, 403]],
];

describeDb('monitor pages by role', () => {
  const t = useTestApp();
  const agents = {} as Record<RoleName, Agent>;
  let round: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    round = (await t.services.monitor.rounds())[0]!.id;
    const details = await Promise.all(
      (await t.services.monitor.plan()).flatMap((l) => l.actions).map((a) => t.services.monitor.action(a.id)),
    );
    ids.round = round;
    ids.milestone = details.flatMap((a) => a!.milestones)[0]!.id;
    ids.indicator = details.flatMap((a) => a!.indicators)[0]!.id;
    ids.commitment = (await t.services.monitor.commitments())[0]!.id;
    for (const role of ROLES) agents[role] = await signIn(t, await createUser(t.services, { role }));
  });

  it.each(MATRIX)('%s', async (path, expected) => {
    const seen: number[] = [];
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
    for (const role of ROLES) seen.push((await agents[role].get(url)).statusCode);
    expect(seen).toEqual(expected);
  });

  it('lets only the programme team (and admin) open a round', async () => {
    const seen: number[] = [];
    for (const role of ROLES)
      seen.push(
        (await agents[role].post('/monitor/rounds', { name: `ronde ${role}`, deadline: '2026-12-31' }))
          .statusCode,
      );
    expect(seen).toEqual([303, 303, 403, 403, 403, 403, 403]);
  });
});
