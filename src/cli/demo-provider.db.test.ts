// The demo's identity provider: started on loopback next to the app, registered as "demo" with the demo accounts
// granted, it signs a demo account in through the real flow (Samen → the provider's sign-in page → back → Samen's
// own second factor). It refuses a wrong password, any address but loopback and production.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.js';
import { createUser, type CreatedUser } from '../../test/auth.js';
import { describeDb } from '../../test/db-suite.js';
import { CookieBrowser, formOn, freePort } from '../../test/oidc.js';
import { totpCode } from '../platform/auth/totp.js';
import type { DemoProvider } from '../platform/auth/oidc/demo-provider.js';
import { startDemoIdentityProvider } from './demo-provider.js';
import { guardDemoAccounts } from './seed.js';

const PASSWORD = 'the-demo-password-of-this-test';

describeDb('the demo identity provider', () => {
  let t: TestApp;
  let origin: string;
  let coordinator: CreatedUser;
  const started: DemoProvider[] = [];

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    t = await createTestApp({ config: { publicOrigin: origin } });
    await t.app.listen({ port, host: '127.0.0.1' });
    coordinator = await createUser(t.services, { role: 'nrm_coordinator', totp: true });
  });

  afterAll(async () => {
    for (const provider of started) await provider.close();
    await t?.app.close();
    await t?.database.destroy();
  });

  const accounts = () => [{ email: coordinator.email, name: 'Demo coördinator', role: 'nrm_coordinator' }];
  const options = (overrides: { host?: string; nodeEnv?: string } = {}) => ({
    host: '127.0.0.1',
    port: 0,
    appOrigin: origin,
    nodeEnv: 'development',
    password: PASSWORD,
    ...overrides,
  });

  it('signs a demo account in through the provider, wrong password refused there, then Samen asks its code', async () => {
    const provider = await startDemoIdentityProvider(t.services, options(), accounts());
    started.push(provider);
    const b = new CookieBrowser();
    const login = await b.get(`${origin}/login`);
    const button = formOn(login.text, 'Sign in with Demo-organisatie');
    const atProvider = await b.post(new URL(button.action, origin).href, button.fields);
    expect(atProvider.url.startsWith(`${provider.issuer}/interaction/`)).toBe(true);
    const form = formOn(atProvider.text, 'name="password"');
    const action = new URL(form.action, provider.issuer).href;

    const wrong = await b.post(action, { email: coordinator.email, password: 'not the demo password' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('klopt niet');
    expect(b.cookie(new URL(origin).host, 'samen_session')).toBeUndefined();

    const right = await b.post(action, { email: coordinator.email, password: PASSWORD });
    // The provider asserted a password only: Samen's own second factor follows.
    expect(new URL(right.url).pathname).toBe('/login/totp');
    const code = formOn(right.text, 'name="code"');
    await b.post(new URL(code.action, origin).href, {
      ...code.fields,
      code: totpCode(coordinator.totpSecret!, t.clock.read().getTime()),
    });
    const account = await b.get(`${origin}/account`);
    expect(account.status).toBe(200);
    expect(account.text).toContain(coordinator.email);
    const granted = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'auth.oidc.access_granted')
      .execute();
    expect(granted.map((g) => g.detail)).toContainEqual({ provider: 'demo', via: 'admin' });
  });

  it('replaces the registration of an earlier start on another port, once', async () => {
    const again = await startDemoIdentityProvider(t.services, options(), accounts());
    started.push(again);
    const demo = (await t.services.oidc.listProviders()).filter((p) => p.id === 'demo');
    expect(demo.map((p) => p.issuer)).toEqual([again.issuer]);
  });

  it('attack: refuses to start on an address beyond loopback or in production, registering nothing', async () => {
    const before = await t.services.oidc.listProviders();
    await expect(
      startDemoIdentityProvider(t.services, options({ host: '0.0.0.0' }), accounts()),
    ).rejects.toThrow(/loopback/);
    await expect(
      startDemoIdentityProvider(t.services, options({ nodeEnv: 'production' }), accounts()),
    ).rejects.toThrow(/production/);
    expect(await t.services.oidc.listProviders()).toEqual(before);
  });

  it('attack: a later start beyond loopback takes the demo provider out of the registry', async () => {
    expect((await t.services.oidc.listProviders()).map((p) => p.id)).toContain('demo');
    await guardDemoAccounts(t.services, '0.0.0.0');
    expect((await t.services.oidc.listProviders()).map((p) => p.id)).not.toContain('demo');
    const login = await new CookieBrowser().get(`${origin}/login`);
    expect(login.text).not.toContain('Demo-organisatie');
  });
});
