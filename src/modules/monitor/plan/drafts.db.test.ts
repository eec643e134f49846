// Need-to-know for drafts (issue 21 point 1), as an attacker would try it: the ministry's action owner writes an
// unreviewed draft (a marker in the narrative, a marker figure, a marker in the team's review note) into an open
// round; then the action owner of another organisation (FairWork), a monitor viewer and the pool coordinator walk
// every monitor route the app registers (read from Fastify's route table, so a route added later is walked too)
// with the real ids of the open round, the locked round and the ministry's action, and the marker is in no answer.
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

const MARKER = 'CONCEPTMARKER-ministerie-7731';
const NOTE_MARKER = 'REVIEWMARKER-team-5519';
// A figure nobody else reports, in the forms a page could print it: raw, and with Dutch or English separators.
const FIGURE = 987654321;
const FIGURE_FORMS = ['987654321', '987.654.321', '987,654,321'];

/** Every (method, path) of the app, from Fastify's route tree (printRoutes). */
function routesOf(tree: string): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line.replace(/\u00a0/g, ' '));
    if (!match) continue;
    const depth = match[1]!.length / 4;
    const parent = depth === 0 ? '' : stack[depth - 1]!;
    const path = parent === '/' ? `/${match[2]}` : `${parent}${match[2]}`;
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of match[3]!.split(', ')) if (method !== 'HEAD') out.push({ method, path });
  }
  return out;
}

describeDb('need-to-know for drafts on every monitor route', () => {
  const t = useTestApp({ mailTransport: null });
  let team: Agent;
  let ministry: Agent;
  const readers: Record<string, Agent> = {};
  const ids = {} as {
    open: string;
    locked: string;
    action: string;
    milestone: string;
    indicator: string;
    commitment: string;
  };

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
    ids.locked = (await t.services.monitor.rounds())[0]!.id;
    const actions = (await t.services.monitor.plan()).flatMap((l) => l.actions);
    const action = actions.find((a) => a.code === '1.2')!;
    ids.action = action.id;
    ids.commitment = (await t.services.monitor.commitments())[0]!.id;
    const teamUser = await createUser(t.services, { role: 'programme_team' });
    const teamActor = { id: teamUser.id, role: 'programme_team' as const };
    team = await signIn(t, teamUser);
    const orgs = await t.services.monitor.organisations();
    const link = async (name: string) => {
      const user = await createUser(t.services, { role: 'action_owner' });
      await t.services.monitor.linkOwner(user.id, orgs.find((o) => o.name === name)!.id, teamActor);
      return signIn(t, user);
    };
    ministry = await link(action.owner.name);
    readers.fairwork = await link('FairWork');
    readers.viewer = await signIn(t, await createUser(t.services, { role: 'monitor_viewer' }));
    readers.coordinator = await signIn(t, await createUser(t.services, { role: 'pool_coordinator' }));

    // The ministry gives its action a milestone and an indicator, then the team opens a round.
    expect(
      (await ministry.post(`/monitor/actions/${ids.action}/milestones`, { title: 'Strategie vastgesteld' }))
        .statusCode,
    ).toBe(303);
    expect(
      (
        await ministry.post(`/monitor/actions/${ids.action}/indicators`, {
          name: 'Bereikte mensen',
          unit: '',
        })
      ).statusCode,
    ).toBe(303);
    const detail = (await t.services.monitor.action(ids.action))!;
    ids.milestone = detail.milestones[0]!.id;
    ids.indicator = detail.indicators[0]!.id;
    const opened = await team.post('/monitor/rounds', { name: 'najaar 2026', deadline: '2026-12-31' });
    expect(opened.statusCode).toBe(303);
    ids.open = String(opened.headers.location).split('/').pop()!.split('?')[0]!;

    // The draft: a narrative and a figure from the ministry, and the team's note asking for a change.
    const entry = `/monitor/rounds/${ids.open}/actions/${ids.action}`;
    const saved = await ministry.post(entry, {
      status: 'running',
      narrative: `Ongecontroleerd concept ${MARKER}`,
      indicator: ids.indicator,
      period: '2026',
      value: String(FIGURE),
    });
    expect(saved.statusCode).toBe(303);
    expect(
      (
        await team.post(`${entry}/review`, {
          decision: 'request_changes',
          note: `Graag aanpassen ${NOTE_MARKER}`,
        })
      ).statusCode,
    ).toBe(303);
  });

  /** The concrete URLs to try for a route: real ids in its parameters, both rounds where a round is named. */
  function urlsFor(path: string): string[] {
    const fill = (round: string) =>
      path
        .replace(/^\/monitor\/rounds\/:id/, `/monitor/rounds/${round}`)
        .replace(/:actionId/g, ids.action)
        .replace(/^\/monitor\/actions\/:id/, `/monitor/actions/${ids.action}`)
        .replace(/^\/monitor\/milestones\/:id/, `/monitor/milestones/${ids.milestone}`)
        .replace(/^\/monitor\/indicators\/:id/, `/monitor/indicators/${ids.indicator}`)
        .replace(/^\/monitor\/commitments\/:id/, `/monitor/commitments/${ids.commitment}`)
        .replace(/:[A-Za-z]+/g, randomUUID());
    const urls = new Set([fill(ids.open), fill(ids.locked)]);
    if (path === '/monitor/compare')
      for (const [left, right] of [
        [ids.locked, ids.open],
        [ids.open, ids.locked],
        [ids.open, ids.open],
      ])
        urls.add(`/monitor/compare?left=${left}&right=${right}`);
    return [...urls].flatMap((url) => [url, `/en${url}`]);
  }

  const leaks = (body: string) =>
    [MARKER, NOTE_MARKER, ...FIGURE_FORMS].filter((marker) => body.includes(marker));

  it('finds the monitor routes in the route table, the two that leaked among them', () => {
    const routes = routesOf(t.app.printRoutes({ commonPrefix: false })).filter((r) =>
      r.path.startsWith('/monitor'),
    );
    expect(routes.length).toBeGreaterThan(50);
    expect(routes).toContainEqual({ method: 'GET', path: '/monitor/compare' });
    expect(routes).toContainEqual({ method: 'GET', path: '/monitor/actions/:id' });
    expect(routes).toContainEqual({ method: 'GET', path: '/monitor/rounds/:id/actions/:actionId' });
  });

  it('shows the draft to its own organisation and to the programme team (the marker is there to find)', async () => {
    const entry = `/monitor/rounds/${ids.open}/actions/${ids.action}`;
    for (const agent of [ministry, team]) {
      const page = await agent.get(entry);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(MARKER);
      expect(page.body).toContain(NOTE_MARKER);
    }
    expect((await team.get(`/monitor/compare?left=${ids.locked}&right=${ids.open}`)).body).toContain(MARKER);
    expect(leaks((await ministry.get(`/monitor/actions/${ids.action}`)).body)).not.toEqual([]);
  });

  it.each(['fairwork', 'viewer', 'coordinator'])(
    'walks every monitor route as %s and finds the draft in no answer',
    async (who) => {
      const agent = readers[who]!;
      const routes = routesOf(t.app.printRoutes({ commonPrefix: false })).filter((r) =>
        r.path.startsWith('/monitor'),
      );
      const found: string[] = [];
      let walked = 0;
      for (const { method, path } of routes) {
        if (method !== 'GET' && method !== 'POST') continue;
        for (const url of urlsFor(path)) {
          // A POST with nothing in it: refused or sent back with problems, and that answer must not leak either.
          const response = method === 'GET' ? await agent.get(url) : await agent.post(url, {});
          walked++;
          expect(response.statusCode, `${method} ${url}`).toBeLessThan(500);
          for (const marker of leaks(response.body)) found.push(`${method} ${url}: ${marker}`);
        }
      }
      expect(walked).toBeGreaterThan(100);
      expect(found).toEqual([]);
    },
  );

  it('tells an outside reader why the open round shows no drafts, and refuses the entry itself', async () => {
    const round = await readers.viewer!.get(`/monitor/rounds/${ids.open}`);
    expect(round.statusCode).toBe(200);
    expect(round.body).toContain('Deze ronde is nog open');
    const entry = await readers.viewer!.get(`/monitor/rounds/${ids.open}/actions/${ids.action}`);
    expect(entry.statusCode).toBe(403);
    expect(
      (await readers.fairwork!.get(`/monitor/rounds/${ids.open}/actions/${ids.action}`)).statusCode,
    ).toBe(403);
    // Once the round is locked, the text is what was reported, and every reader reads it.
    expect((await readers.viewer!.get(`/monitor/rounds/${ids.locked}`)).statusCode).toBe(200);
  });
});
