// The demo accounts, whose password and TOTP secrets are in the README, can never be reached from another
// machine (issue 16): on a server listening on anything but loopback they are disabled and refused at sign-in,
// their sessions end; on loopback they work and every page (public ones too, in every language) says so.
import { beforeAll, describe, expect, it } from 'vitest';
import { Agent, signIn } from '../../test/auth.js';
import { useTestApp } from '../../test/app.js';
import { describeDb } from '../../test/db-suite.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/referrals/index.js';
import { guardDemoAccounts, isLoopbackHost, loadReferralDemo } from './seed.js';

const coordinator = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_coordinator')!;
const credentials = { email: coordinator.email, password: DEMO_PASSWORD, totpSecret: coordinator.totp };

describe('loopback addresses', () => {
  it('knows loopback from the rest', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', 'LOCALHOST'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '192.168.1.10',
      '10.0.0.1',
      'samen.example.nl',
      '127.0.0.1.nip.io',
      '',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describeDb('demo accounts', () => {
  const t = useTestApp({ mailTransport: null });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
  });

  const banner = async (url: string) => (await t.app.inject({ url, headers: { accept: 'text/html' } })).body;

  it('work on loopback, and every page says so, in Dutch and in other languages', async () => {
    expect(await guardDemoAccounts(t.services, '127.0.0.1')).toBe(DEMO_ACCOUNTS.length);
    expect(await banner('/')).toContain('class="samen-demo-banner"');
    expect(await banner('/')).toContain('wachtwoorden openbaar zijn');
    expect(await banner('/login')).toContain('class="samen-demo-banner"');
    expect(await banner('/en/directory')).toContain('passwords are published');
    expect(await banner('/uk/guide')).toContain('паролі яких опубліковано');
    expect(await banner('/ar/')).toContain('كلمات مرورها منشورة');
    expect((await signIn(t, credentials)).cookie).toContain('samen_session');
  });

  it('are disabled on any other address: sessions end, sign-in is refused, the banner goes', async () => {
    await guardDemoAccounts(t.services, '127.0.0.1');
    const session = await signIn(t, credentials);
    expect((await session.get('/nvm')).statusCode).toBe(200);

    expect(await guardDemoAccounts(t.services, '0.0.0.0')).toBe(DEMO_ACCOUNTS.length);
    expect((await session.get('/nvm')).statusCode).toBe(303);
    for (const account of DEMO_ACCOUNTS) {
      const agent = new Agent(t.app);
      await agent.get('/login');
      const res = await agent.post('/login', { email: account.email, password: DEMO_PASSWORD });
      expect(res.statusCode, account.email).toBe(401);
    }
    expect(await banner('/')).not.toContain('samen-demo-banner');
    const disabled = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'user.disabled')
      .execute();
    expect(
      disabled.filter((e) => JSON.stringify(e.detail).includes('published_secrets_off_loopback')),
    ).toHaveLength(DEMO_ACCOUNTS.length);
  });

  it('stay refused off loopback even when an administrator enables one again', async () => {
    await guardDemoAccounts(t.services, '192.168.1.10');
    const user = (await t.services.auth.findUserByEmail(coordinator.email))!;
    await t.database.db
      .updateTable('app_user')
      .set({ disabled_at: null })
      .where('id', '=', user.id)
      .execute();
    await expect(signIn(t, credentials)).rejects.toThrow(/answered 401/);
  });

  it('work again after a restart on loopback', async () => {
    await guardDemoAccounts(t.services, '::1');
    expect((await signIn(t, credentials)).cookie).toContain('samen_session');
    expect(await banner('/')).toContain('samen-demo-banner');
  });
});
