// The programme monitor's demo accounts (issue 21 point 9), safe the way the referral mechanism's are (issue 16):
// one per role a newcomer wants to try, each landing where that role works; while the server listens on loopback
// they work and every page says so; on any other address they are disabled, refused at sign-in, sessions ended.
import { beforeAll, expect, it } from 'vitest';
import { Agent, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { guardDemoAccounts, loadMonitorDemo } from '../../cli/seed.js';
import { DEMO_PASSWORD } from '../referrals/index.js';
import { MONITOR_DEMO_ACCOUNTS } from './index.js';

const account = (role: (typeof MONITOR_DEMO_ACCOUNTS)[number]['role']) => {
  const a = MONITOR_DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

describeDb('the monitor’s demo accounts', () => {
  const t = useTestApp({ mailTransport: null });

  beforeAll(async () => {
    await t.services.monitor.loadSamplePlan();
  });

  it('are made once, one per role, the owner and the requesting organisation linked to theirs', async () => {
    expect(await loadMonitorDemo(t.services)).toEqual({ users: 4 });
    expect(await loadMonitorDemo(t.services)).toEqual({ users: 0 });
    expect(MONITOR_DEMO_ACCOUNTS.map((a) => a.role)).toEqual([
      'programme_team',
      'action_owner',
      'pool_coordinator',
      'requesting_organisation',
    ]);
    const [linked, organisations] = await Promise.all([
      t.services.monitor.owners(),
      t.services.monitor.organisations(),
    ]);
    const org = (email: string) =>
      organisations.find((o) => o.id === linked.find((l) => l.email === email)?.organisationId)?.name;
    expect(org('actiehouder@demo.samen.test')).toBe('FairWork');
    expect(org('aanvrager@demo.samen.test')).toBe('VNG');
  });

  it('work on loopback, each where its role works, with the demo banner on every page', async () => {
    expect(await guardDemoAccounts(t.services, '127.0.0.1')).toBe(MONITOR_DEMO_ACCOUNTS.length);
    const team = await signIn(t, account('programme_team'));
    const owners = await team.get('/monitor/owners');
    expect(owners.statusCode).toBe(200);
    expect(owners.body).toContain('class="samen-demo-banner"');
    const owner = await signIn(t, account('action_owner'));
    const plan = await owner.get('/monitor');
    expect(plan.statusCode).toBe(200);
    expect((await owner.get('/monitor/owners')).statusCode).toBe(403);
    const rounds = await owner.get(`/monitor/rounds/${(await t.services.monitor.rounds())[0]!.id}`);
    expect(rounds.body).toContain('2.3 Outreach van FairWork');
    const coordinator = await signIn(t, account('pool_coordinator'));
    expect((await coordinator.get('/monitor/pool')).statusCode).toBe(200);
    const requester = await signIn(t, account('requesting_organisation'));
    const pool = await requester.get('/monitor/pool');
    expect(pool.statusCode).toBe(200);
    expect((await requester.get('/monitor')).statusCode).toBe(403);
  });

  it('are disabled on any other address: sessions end and sign-in is refused', async () => {
    await guardDemoAccounts(t.services, '127.0.0.1');
    const team = await signIn(t, account('programme_team'));
    expect((await team.get('/monitor')).statusCode).toBe(200);
    expect(await guardDemoAccounts(t.services, '0.0.0.0')).toBe(MONITOR_DEMO_ACCOUNTS.length);
    expect((await team.get('/monitor')).statusCode).toBe(303);
    for (const a of MONITOR_DEMO_ACCOUNTS) {
      const agent = new Agent(t.app);
      await agent.get('/login');
      expect(
        (await agent.post('/login', { email: a.email, password: DEMO_PASSWORD })).statusCode,
        a.email,
      ).toBe(401);
    }
    const page = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(page.body).not.toContain('samen-demo-banner');
  });
});
