// Signed authorization requests (JAR, RFC 9101), as the NL GOV Assurance profile asks where the provider requires
// them: against a real OpenID provider whose discovery says `require_signed_request_object`, Samen sends the
// parameters only inside a request object signed with its private_key_jwt key, and the provider refuses the same
// request unsigned. A provider that requires signed requests from a client without a private key is refused at
// `samen idp add` and, if it got into the registry anyway, at sign-in (page in words, audited, nothing created).
import { Command } from 'commander';
import { decodeJwt } from 'jose';
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
import { CliError } from '../../cli.js';
import { registerIdpCommands } from './cli.js';

const KEY_ENV = 'SAMEN_TEST_JAR_PRIVATE_KEY';
const SECRET_ENV = 'SAMEN_TEST_JAR_CLIENT_SECRET';

describeDb('signed authorization requests (JAR)', () => {
  let t: TestApp;
  let provider: TestProvider;
  /** The same kind of provider, with Samen registered there with a client secret; and one for `samen idp add`. */
  let second: TestProvider;
  let third: TestProvider;
  let origin: string;
  let addresses = 0;

  const common = {
    clientId: 'samen-jar',
    nameClaims: ['name'],
    emailClaim: 'email',
    groupsClaim: 'groups',
    allowedRoles: ['nrm_coordinator'],
    groupRoles: { coordinators: 'nrm_coordinator' },
    mfaAcr: [],
    mfaAmr: ['otp'],
  };

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const key = await clientKeyPair();
    const client: ClientMetadata = {
      client_id: 'samen-jar',
      redirect_uris: [`${origin}/login/oidc/callback`],
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      request_object_signing_alg: 'RS256',
      jwks: { keys: [key.jwk as NonNullable<ClientMetadata['jwks']>['keys'][number]] },
    };
    provider = await startTestProvider([client], { requireSignedRequests: true });
    second = await startTestProvider([client], { requireSignedRequests: true });
    third = await startTestProvider([client], { requireSignedRequests: true });
    t = await createTestApp({ config: { publicOrigin: origin, trustProxy: ['127.0.0.1'] } });
    await t.app.listen({ port, host: '127.0.0.1' });
    process.env[KEY_ENV] = key.pem;
    process.env[SECRET_ENV] = 'a-client-secret';
    await t.services.oidc.addProvider(
      {
        ...common,
        id: 'toezicht',
        displayName: 'Toezicht',
        issuer: provider.issuer,
        clientAuth: 'private_key_jwt',
        secretSource: `env:${KEY_ENV}`,
      },
      null,
    );
    // Such a provider registered with a client secret, as an older registry (or a hand-made row) could hold it.
    await t.services.oidc.addProvider(
      {
        ...common,
        id: 'toezicht-geheim',
        displayName: 'Toezicht met geheim',
        issuer: second.issuer,
        clientAuth: 'client_secret_basic',
        secretSource: `env:${SECRET_ENV}`,
      },
      null,
    );
    provider.people.set('jar-1', {
      sub: 'jar-1',
      name: 'Toezichthouder Eén',
      email: 'jar-1@toezicht.example.nl',
      groups: ['coordinators'],
      amr: ['pwd', 'otp'],
    });
  });

  afterAll(async () => {
    await t?.app.close();
    await t?.database.destroy();
    await provider?.close();
    await second?.close();
    await third?.close();
    delete process.env[KEY_ENV];
    delete process.env[SECRET_ENV];
  });

  const atProvider = (url: URL) => [provider, second].some((p) => url.origin === new URL(p.issuer).origin);

  /** Presses the provider's button and stops where the browser would first go to the provider. */
  async function startSignIn(name: string) {
    const b = new CookieBrowser(`198.51.100.${++addresses}`);
    const login = await b.get(`${origin}/login`);
    const form = formOn(login.text, `Sign in with ${name}`);
    const end = await b.request('POST', new URL(form.action, origin).href, form.fields, atProvider);
    return { b, end };
  }

  async function countUsers() {
    const row = await t.database.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    return Number(row?.n);
  }

  it('the provider says in its discovery that it requires signed request objects', async () => {
    const metadata = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as {
      require_signed_request_object?: boolean;
    };
    expect(metadata.require_signed_request_object).toBe(true);
  });

  it('signs a person in with the authorization request sent only as a request object signed by Samen’s key', async () => {
    provider.signInAs('jar-1');
    const { b, end } = await startSignIn('Toezicht');
    expect(end.status).toBe(0);
    const authorization = new URL(end.url);
    // Only client_id and the signed request object: no parameter travels in the clear.
    expect([...authorization.searchParams.keys()].sort()).toEqual(['client_id', 'request']);
    const request = authorization.searchParams.get('request')!;
    const payload = decodeJwt(request);
    expect(payload).toMatchObject({
      iss: 'samen-jar',
      aud: provider.issuer,
      client_id: 'samen-jar',
      redirect_uri: `${origin}/login/oidc/callback`,
      response_type: 'code',
      code_challenge_method: 'S256',
    });
    expect(request.split('.')).toHaveLength(3);

    const signedIn = await b.get(authorization.href);
    expect(signedIn.status).toBe(200);
    expect(new URL(signedIn.url).pathname).not.toMatch(/^\/login/);
    expect((await b.get(`${origin}/account`)).text).toContain('Toezichthouder Eén');
  });

  it('attack: the same request without the signature is refused by the provider (Samen would fail without JAR)', async () => {
    const { end } = await startSignIn('Toezicht');
    const signed = new URL(end.url);
    const parameters = decodeJwt(signed.searchParams.get('request')!);
    const plain = new URL(signed.origin + signed.pathname);
    // Samen's parameters as they would go unsigned: without the request object's own claims.
    const envelope = new Set(['iss', 'aud', 'iat', 'exp', 'nbf', 'jti']);
    for (const [name, value] of Object.entries(parameters))
      if (typeof value === 'string' && !envelope.has(name)) plain.searchParams.set(name, value);
    expect(plain.searchParams.get('scope')).toBe('openid profile email');
    const answer = await fetch(plain, { redirect: 'manual' });
    expect(answer.status).toBe(303);
    const back = new URL(answer.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(`${origin}/login/oidc/callback`);
    expect(back.searchParams.get('error')).toBe('invalid_request');
    expect(back.searchParams.get('error_description')).toMatch(/request object/i);
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('attack: a provider that requires signed requests, registered without a private key, refuses sign-in before the provider, audited', async () => {
    const before = await countUsers();
    const { b, end } = await startSignIn('Toezicht met geheim');
    expect(end.status).toBe(400);
    expect(end.trail.some((address) => atProvider(new URL(address)))).toBe(false);
    expect(end.text).toContain('requires signed sign-in requests');
    const refused = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.oidc.refused')
      .orderBy('id')
      .execute();
    expect(refused.at(-1)?.detail).toMatchObject({
      reason: 'signed_request_key',
      provider: 'toezicht-geheim',
    });
    expect(await countUsers()).toBe(before);
    expect(b.cookie(new URL(origin).host, 'samen_session')).toBeUndefined();
  });

  function cli() {
    const lines: string[] = [];
    const program = new Command().name('samen').exitOverride();
    program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
    registerIdpCommands(program, { withServices: (fn) => fn(t.services), out: (line) => lines.push(line) });
    for (const command of program.commands.flatMap((c) => [c, ...c.commands]))
      command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    return { lines, run: (...args: string[]) => program.parseAsync(args, { from: 'user' }) };
  }

  const add = (id: string) => [
    'idp',
    'add',
    '--id',
    id,
    '--name',
    id,
    '--issuer',
    third.issuer,
    '--client-id',
    'samen-jar',
  ];

  it('attack: `samen idp add` refuses a provider that requires signed requests with a client secret, naming the option', async () => {
    const run = cli().run(...add('toezicht-cli'), '--client-secret-env', SECRET_ENV);
    await expect(run).rejects.toBeInstanceOf(CliError);
    await expect(run).rejects.toThrow(/requires signed requests.*--private-key-file or --private-key-env/);
    expect(await t.services.oidc.listProviders()).not.toContainEqual(
      expect.objectContaining({ id: 'toezicht-cli' }),
    );
  });

  it('`samen idp add` accepts that provider with a private key', async () => {
    const c = cli();
    await c.run(...add('toezicht-sleutel'), '--private-key-env', KEY_ENV);
    expect(c.lines[0]).toContain('Added identity provider toezicht-sleutel');
    expect(await t.services.oidc.listProviders()).toContainEqual(
      expect.objectContaining({ id: 'toezicht-sleutel', clientAuth: 'private_key_jwt' }),
    );
  });
});
