// Staff sign-in through an identity provider, against a real OpenID provider (oidc-provider) in this process and
// the app listening on a real port: every step goes through the real redirects, with cookies kept per host.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import { createUser } from '../../../../test/auth.js';
import {
  CookieBrowser,
  formOn,
  freePort,
  startTestProvider,
  type TestProvider,
} from '../../../../test/oidc.js';
import { totpCode } from '../totp.js';

const SECRET_ENV = 'SAMEN_TEST_OIDC_SECRET_H17';
const CLIENT_SECRET = 'a-long-client-secret-for-the-test-provider-0123456789';
const COORDINATORS = 'samen-nrm-coordinators';

describeDb('sign-in through an OpenID provider', () => {
  let t: TestApp;
  let provider: TestProvider;
  let origin: string;
  let addressCounter = 0;
  const browser = () => new CookieBrowser(`198.51.100.${++addressCounter}`);

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    provider = await startTestProvider([
      {
        client_id: 'samen',
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${origin}/login/oidc/callback`],
        post_logout_redirect_uris: [`${origin}/login?done=signed_out`],
        backchannel_logout_uri: `${origin}/login/oidc/backchannel-logout/politie`,
        backchannel_logout_session_required: true,
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ]);
    t = await createTestApp({ config: { publicOrigin: origin, trustProxy: ['127.0.0.1'] } });
    await t.app.listen({ port, host: '127.0.0.1' });
    process.env[SECRET_ENV] = CLIENT_SECRET;
    await t.services.oidc.addProvider(
      {
        id: 'politie',
        displayName: 'Politie',
        issuer: provider.issuer,
        clientId: 'samen',
        clientAuth: 'client_secret_basic',
        secretSource: `env:${SECRET_ENV}`,
        nameClaims: ['name'],
        emailClaim: 'email',
        groupsClaim: 'groups',
        allowedRoles: ['nrm_coordinator', 'directory_steward'],
        groupRoles: { [COORDINATORS]: 'nrm_coordinator', 'samen-stewards': 'directory_steward' },
        mfaAcr: [],
        mfaAmr: ['mfa', 'otp', 'hwk'],
      },
      null,
    );
  });

  afterAll(async () => {
    await t?.app.close();
    await t?.database.destroy();
    await provider?.close();
    delete process.env[SECRET_ENV];
  });

  function person(sub: string, groups: string[], amr?: string[]) {
    provider.people.set(sub, {
      sub,
      name: `Person ${sub}`,
      email: `${sub}@politie.example.nl`,
      groups,
      ...(amr ? { amr } : {}),
    });
    provider.signInAs(sub);
  }

  /** Opens the sign-in page and presses the provider's button: the whole round trip through the provider. */
  async function signInThroughProvider(b: CookieBrowser, next?: string) {
    const login = await b.get(`${origin}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    expect(login.text).toContain('Sign in with Politie');
    const form = formOn(login.text, 'name="provider"');
    return b.post(new URL(form.action, origin).href, form.fields);
  }

  async function audits(action: string) {
    return t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', action)
      .orderBy('id')
      .execute();
  }

  async function countRows() {
    const users = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const identities = await t.database.db
      .selectFrom('user_identity')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const sessions = await t.database.db
      .selectFrom('user_session')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return { users: Number(users?.n), identities: Number(identities?.n), sessions: Number(sessions?.n) };
  }

  it('signs a coordinator in whose provider asserts MFA: account from the approved group, bound to (issuer, subject)', async () => {
    person('coord-1', [COORDINATORS], ['pwd', 'otp']);
    const b = browser();
    const end = await signInThroughProvider(b);
    expect(end.trail.some((u) => u.startsWith(provider.issuer))).toBe(true);
    expect(end.status).toBe(200);
    expect(new URL(end.url).pathname).not.toBe('/login');
    const account = await b.get(`${origin}/account`);
    expect(account.status).toBe(200);
    expect(account.text).toContain('Person coord-1');
    const identity = await t.database.db
      .selectFrom('user_identity')
      .selectAll()
      .where('provider', '=', provider.issuer)
      .where('subject', '=', 'coord-1')
      .executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ granted_via: 'group', granted_group: COORDINATORS });
    const user = await t.services.auth.findUser(identity.user_id);
    expect(user?.role).toBe('nrm_coordinator');
    const granted = await audits('auth.oidc.access_granted');
    expect(granted.at(-1)).toMatchObject({ entity_id: identity.user_id });
    const succeeded = await audits('auth.login.succeeded');
    expect(succeeded.at(-1)?.detail).toMatchObject({ method: 'oidc', provider: 'politie', mfa: true });
  });

  it("asks for Samen's own second factor when the provider does not assert MFA for a role that sees personal data", async () => {
    person('coord-2', [COORDINATORS], ['pwd']);
    const b = browser();
    const end = await signInThroughProvider(b);
    // No factor yet: enrolment first; nothing personal is reachable.
    expect(new URL(end.url).pathname).toBe('/account/totp');
    const cases = await b.get(`${origin}/account`);
    expect(new URL(cases.url).pathname).toBe('/account/totp');
    const identified = await audits('auth.oidc.identified');
    expect(identified.at(-1)?.detail).toMatchObject({ mfa: false, stage: 'enrol' });
  });

  it('asks for the TOTP code of an account that has one when the provider does not assert MFA', async () => {
    const local = await createUser(t.services, { role: 'nrm_coordinator', totp: true });
    await t.services.oidc.grant({
      providerId: 'politie',
      subject: 'coord-3',
      email: local.email,
      actorUserId: null,
    });
    person('coord-3', [], ['pwd']);
    const b = browser();
    const end = await signInThroughProvider(b);
    expect(new URL(end.url).pathname).toBe('/login/totp');
    const form = formOn(end.text, 'name="code"');
    const done = await b.post(new URL(form.action, origin).href, {
      ...form.fields,
      code: totpCode(local.totpSecret!, t.clock.read().getTime()),
    });
    expect(new URL(done.url).pathname).not.toBe('/login/totp');
    expect((await b.get(`${origin}/account`)).status).toBe(200);
  });

  it('refuses a person the provider knows but Samen granted nothing: clear page, audited, nothing created', async () => {
    const before = await countRows();
    person('stranger-1', ['some-other-group'], ['otp']);
    const end = await signInThroughProvider(browser());
    expect(end.status).toBe(403);
    expect(end.text).toContain('you have not been given access to Samen');
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({
      reason: 'no_access',
      provider: 'politie',
    });
    expect(await countRows()).toEqual(before);
  });

  it("never joins an account by e-mail address: a provider identity with a local account's address is refused", async () => {
    const local = await createUser(t.services, { role: 'nrm_coordinator' });
    provider.people.set('lookalike', {
      sub: 'lookalike',
      name: 'X',
      email: local.email,
      groups: [COORDINATORS],
      amr: ['otp'],
    });
    provider.signInAs('lookalike');
    const before = await countRows();
    const end = await signInThroughProvider(browser());
    expect(end.status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'email_taken' });
    expect(await countRows()).toEqual(before);
  });

  it('withdraws access when the approved group is absent at the next sign-in', async () => {
    person('coord-4', [COORDINATORS], ['otp']);
    const first = browser();
    await signInThroughProvider(first);
    expect((await first.get(`${origin}/account`)).status).toBe(200);
    const { user_id } = await t.database.db
      .selectFrom('user_identity')
      .select('user_id')
      .where('subject', '=', 'coord-4')
      .executeTakeFirstOrThrow();
    // The organisation removes the person from the group; they sign in again elsewhere.
    provider.people.get('coord-4')!.groups = [];
    const second = new CookieBrowser('198.51.100.200');
    const end = await signInThroughProvider(second);
    expect(end.status).toBe(403);
    expect(end.text).toContain('withdrawn');
    // The first browser's session ended too, and the account is off.
    const after = await first.get(`${origin}/account`);
    expect(new URL(after.url).pathname).toBe('/login');
    expect((await t.services.auth.findUser(user_id))?.disabled).toBe(true);
    expect((await audits('auth.oidc.access_withdrawn')).at(-1)).toMatchObject({ entity_id: user_id });
  });

  /** Starts a sign-in in this browser and stops where the browser would open `stop`; returns that URL. */
  async function startAndStop(b: CookieBrowser, stop: (url: URL) => boolean): Promise<URL> {
    const login = await b.get(`${origin}/login`);
    const form = formOn(login.text, 'name="provider"');
    const stopped = await b.request('POST', new URL(form.action, origin).href, form.fields, stop);
    expect(stopped.status).toBe(0);
    return new URL(stopped.url);
  }
  const isCallback = (url: URL) => url.href.startsWith(`${origin}/login/oidc/callback`);

  it('refuses a callback with a made-up state, and one started in another browser: nothing created', async () => {
    const b = browser();
    await b.get(`${origin}/login`);
    const forged = await b.get(`${origin}/login/oidc/callback?code=abc&state=not-a-state-we-made`);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('was not started in this browser');
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'state' });

    // The victim's real callback (code and state), delivered to the attacker's browser (login CSRF/session swap).
    person('coord-5', [COORDINATORS], ['otp']);
    const callback = await startAndStop(browser(), isCallback);
    const before = await countRows();
    const attacker = browser();
    await attacker.get(`${origin}/login`);
    const swapped = await attacker.get(callback.href);
    expect(swapped.status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'state' });
    expect(await countRows()).toEqual(before);
    expect(attacker.cookie(new URL(origin).host, 'samen_session')).toBeUndefined();
  });

  it("refuses a replayed callback, and a stolen code paired with the attacker's own state (PKCE)", async () => {
    person('coord-6', [COORDINATORS], ['otp']);
    const b = browser();
    const end = await signInThroughProvider(b);
    const callback = end.trail.find((u) => isCallback(new URL(u)))!;
    expect(callback).toBeDefined();
    const sessions = (await countRows()).sessions;
    const again = await browser().get(callback);
    expect(again.status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'state' });

    // A victim's fresh code, injected into a sign-in the attacker started: the state is the attacker's own, but
    // the code was issued for the victim's PKCE challenge, so the provider refuses the exchange.
    const victimCallback = await startAndStop(browser(), isCallback);
    const attacker = browser();
    const atProvider = await startAndStop(attacker, (url) => url.href.startsWith(provider.issuer));
    const injected = new URL(`${origin}/login/oidc/callback`);
    injected.searchParams.set('code', victimCallback.searchParams.get('code')!);
    injected.searchParams.set('state', atProvider.searchParams.get('state')!);
    injected.searchParams.set('iss', provider.issuer);
    const refused = await attacker.get(injected.href);
    expect(refused.status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'code' });
    expect((await countRows()).sessions).toBe(sessions);
  });

  it('refuses a callback whose iss names another issuer than the one the sign-in started at', async () => {
    person('coord-9', [COORDINATORS], ['otp']);
    const b = browser();
    const callback = await startAndStop(b, isCallback);
    callback.searchParams.set('iss', 'https://evil.example');
    const refused = await b.get(callback.href);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('other than the one you chose');
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'unknown_issuer' });
  });

  it('refuses an expired ID token and one signed by another key', async () => {
    for (const [kind, reason] of [
      ['expired', 'id_token'],
      ['foreign', 'id_token'],
    ] as const) {
      const before = await countRows();
      person(`coord-7-${kind}`, [COORDINATORS], ['otp']);
      provider.tamperNextToken(kind);
      const end = await signInThroughProvider(browser());
      expect(end.status).toBe(400);
      expect(end.text).toContain('could not be verified');
      expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({
        reason,
        provider: 'politie',
      });
      expect(await countRows()).toEqual(before);
    }
  });

  it('refuses an unknown provider', async () => {
    const b = browser();
    const login = await b.get(`${origin}/login`);
    const form = formOn(login.text, 'name="provider"');
    const end = await b.post(new URL(form.action, origin).href, { ...form.fields, provider: 'nobody' });
    expect(end.status).toBe(400);
    expect(end.text).toContain('not known to Samen');
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'unknown_provider' });
  });

  it("signs out at the provider too (RP-initiated), and the provider's back-channel logout ends the Samen session", async () => {
    person('coord-8', [COORDINATORS], ['otp']);
    const b = browser();
    await signInThroughProvider(b);
    const account = await b.get(`${origin}/account`);
    expect(account.status).toBe(200);
    // Another browser of the same person, signed in through the same provider session? No: a second device.
    const other = browser();
    await signInThroughProvider(other);
    const logout = formOn(account.text, 'action="/logout"');
    const atProvider = await b.post(new URL(logout.action, origin).href, logout.fields);
    expect(atProvider.url.startsWith(provider.issuer)).toBe(true);
    const confirm = formOn(atProvider.text, 'op.logoutForm');
    const done = await b.post(new URL(confirm.action, provider.issuer).href, {
      ...confirm.fields,
      logout: 'yes',
    });
    expect(new URL(done.url).pathname).toBe('/login');
    expect(done.text).toContain('You are signed out');
    // The provider told Samen (back-channel): the person's other session ended as well.
    const audited = await audits('auth.oidc.backchannel_logout');
    expect(audited.length).toBeGreaterThan(0);
    const otherAfter = await other.get(`${origin}/account`);
    expect(new URL(otherAfter.url).pathname).toBe('/login');
  });

  it('refuses logout tokens that are replayed, foreign, for another audience, or without the event', async () => {
    const post = (token: string, path = 'politie') =>
      fetch(`${origin}/login/oidc/backchannel-logout/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }),
      });
    const events = { 'http://schemas.openid.net/event/backchannel-logout': {} };
    const good = await provider.logoutToken({ aud: 'samen', sub: 'nobody-here', events });
    expect((await post(good)).status).toBe(200);
    expect((await post(good)).status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({
      reason: 'logout_token_replayed',
    });
    const foreign = await provider.logoutToken({ aud: 'samen', sub: 'x', events }, { foreignKey: true });
    expect((await post(foreign)).status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'logout_token' });
    const otherAudience = await provider.logoutToken({ aud: 'someone-else', sub: 'x', events });
    expect((await post(otherAudience)).status).toBe(400);
    const noEvent = await provider.logoutToken({ aud: 'samen', sub: 'x' });
    expect((await post(noEvent)).status).toBe(400);
    const withNonce = await provider.logoutToken({ aud: 'samen', sub: 'x', events, nonce: 'n' });
    expect((await post(withNonce)).status).toBe(400);
    expect((await post(good, 'unknown-provider')).status).toBe(400);
    expect((await audits('auth.oidc.refused')).at(-1)?.detail).toMatchObject({ reason: 'unknown_provider' });
  });
});
