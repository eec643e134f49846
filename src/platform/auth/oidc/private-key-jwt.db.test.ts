// Client authentication with private_key_jwt (the NL GOV Assurance profile's choice for confidential clients),
// against a real OpenID provider that accepts nothing else from this client: Samen signs its token request with
// its own key (PKCS#8 from the environment), and a key the provider does not know is refused, audited, with
// nothing created.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ClientMetadata } from 'oidc-provider';
import { createTestApp, type TestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import {
  CookieBrowser,
  clientKeyPair,
  formOn,
  freePort,
  startTestProvider,
  type TestProvider,
} from '../../../../test/oidc.js';

const KEY_ENV = 'SAMEN_TEST_OIDC_PRIVATE_KEY';
const WRONG_KEY_ENV = 'SAMEN_TEST_OIDC_WRONG_PRIVATE_KEY';

describeDb('private_key_jwt client authentication', () => {
  let t: TestApp;
  let provider: TestProvider;
  let second: TestProvider;
  let origin: string;
  let addresses = 0;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const key = await clientKeyPair();
    const stranger = await clientKeyPair();
    const client: ClientMetadata = {
      client_id: 'samen-pkjwt',
      redirect_uris: [`${origin}/login/oidc/callback`],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      // Only Samen's public key: the private key stays with Samen.
      jwks: { keys: [key.jwk as NonNullable<ClientMetadata['jwks']>['keys'][number]] },
    };
    provider = await startTestProvider([client]);
    second = await startTestProvider([client]);
    t = await createTestApp({ config: { publicOrigin: origin, trustProxy: ['127.0.0.1'] } });
    await t.app.listen({ port, host: '127.0.0.1' });
    process.env[KEY_ENV] = key.pem;
    process.env[WRONG_KEY_ENV] = stranger.pem;
    const common = {
      issuer: provider.issuer,
      clientId: 'samen-pkjwt',
      clientAuth: 'private_key_jwt' as const,
      nameClaims: ['name'],
      emailClaim: 'email',
      groupsClaim: 'groups',
      allowedRoles: ['nrm_coordinator'],
      groupRoles: { coordinators: 'nrm_coordinator' },
      mfaAcr: [],
      mfaAmr: ['otp'],
    };
    await t.services.oidc.addProvider(
      { ...common, id: 'inspectie', displayName: 'Inspectie', secretSource: `env:${KEY_ENV}` },
      null,
    );
    // The same client at a second provider, but signing with a key that provider was never given.
    await t.services.oidc.addProvider(
      {
        ...common,
        id: 'impostor',
        displayName: 'Impostor',
        issuer: second.issuer,
        secretSource: `env:${WRONG_KEY_ENV}`,
      },
      null,
    );
  });

  afterAll(async () => {
    await t?.app.close();
    await t?.database.destroy();
    await provider?.close();
    await second?.close();
    delete process.env[KEY_ENV];
    delete process.env[WRONG_KEY_ENV];
  });

  async function signInWith(name: string) {
    const b = new CookieBrowser(`198.51.100.${++addresses}`);
    const login = await b.get(`${origin}/login`);
    const form = formOn(login.text, `Sign in with ${name}`);
    return { b, end: await b.post(new URL(form.action, origin).href, form.fields) };
  }

  async function countUsers() {
    const row = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(row?.n);
  }

  it('signs a coordinator in with the token request signed by Samen’s key', async () => {
    provider.people.set('pk-1', {
      sub: 'pk-1',
      name: 'Inspecteur Eén',
      email: 'pk-1@inspectie.example.nl',
      groups: ['coordinators'],
      amr: ['pwd', 'otp'],
    });
    provider.signInAs('pk-1');
    const { b, end } = await signInWith('Inspectie');
    expect(end.status).toBe(200);
    expect(new URL(end.url).pathname).not.toMatch(/^\/login/);
    const account = await b.get(`${origin}/account`);
    expect(account.text).toContain('Inspecteur Eén');
  });

  it('attack: a token request signed with a key the provider does not know is refused, audited, nothing created', async () => {
    provider.people.set('pk-2', {
      sub: 'pk-2',
      name: 'Inspecteur Twee',
      email: 'pk-2@inspectie.example.nl',
      groups: ['coordinators'],
      amr: ['pwd', 'otp'],
    });
    second.people.set('pk-2', provider.people.get('pk-2')!);
    second.signInAs('pk-2');
    const before = await countUsers();
    const { b, end } = await signInWith('Impostor');
    expect(end.status).toBe(400);
    expect(end.text).toContain('did not succeed');
    const refused = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.oidc.refused')
      .orderBy('id')
      .execute();
    expect(refused.at(-1)?.detail).toMatchObject({ reason: 'token_endpoint', provider: 'impostor' });
    expect(await countUsers()).toBe(before);
    expect(b.cookie(new URL(origin).host, 'samen_session')).toBeUndefined();
  });
});
