// The demo's identity provider: a real OpenID provider (`oidc-provider`) that the embedded default's demo starts on
// loopback, so a newcomer sees the real flow (Samen → the organisation's sign-in page → back, then Samen's own
// second factor). Its people are the demo accounts with their published password, so it is safe exactly as they
// are: only on a loopback address and never in production (refused here, whatever the caller says). It keeps its
// state in memory; its signing key and client secret are made anew at every start.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { html } from '../../web/html.js';

export const DEMO_PROVIDER_ID = 'demo';
export const DEMO_CLIENT_ID = 'samen-demo';
/** The environment variable the demo provider's client secret is read from (the registry stores only its name). */
export const DEMO_SECRET_ENV = 'SAMEN_DEMO_IDP_CLIENT_SECRET';

export interface DemoPerson {
  email: string;
  name: string;
}

export interface DemoProvider {
  issuer: string;
  clientSecret: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/** The provider's sign-in page: a stand-in for an organisation's, in Dutch and English. */
function signInPage(uid: string, failed: boolean, email: string): string {
  return `<!DOCTYPE html>${html`<html lang="nl">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>Demo-organisatie: inloggen (Demo organisation: sign in)</title>
    </head>
    <body>
      <main>
        <h1>Demo-organisatie</h1>
        <p>
          Dit is de inlogdienst van een organisatie, alleen voor de demo.
          <span lang="en">The sign-in service of an organisation, for the demo only.</span>
        </p>
        ${
          failed
            ? html`<p role="alert">
              E-mailadres of wachtwoord klopt niet.
              <span lang="en">The email address or password is not correct.</span>
            </p>`
            : ''
        }
        <form method="post" action="/interaction/${uid}">
          <p>
            <label for="email">E-mailadres <span lang="en">(email address)</span></label><br />
            <input id="email" name="email" type="email" autocomplete="username" value="${email}" required />
          </p>
          <p>
            <label for="password">Wachtwoord <span lang="en">(password)</span></label><br />
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </p>
          <p><button type="submit">Inloggen <span lang="en">(sign in)</span></button></p>
        </form>
      </main>
    </body>
  </html>`}`;
}

/**
 * Starts the demo provider on `host:port` for Samen at `appOrigin`. Refuses any address but loopback and a
 * production environment: its people's password is published.
 */
export async function startDemoProvider(options: {
  host: string;
  port: number;
  appOrigin: string;
  nodeEnv: string;
  people: DemoPerson[];
  password: string;
}): Promise<DemoProvider> {
  if (!LOOPBACK.has(options.host) || options.nodeEnv === 'production')
    throw new Error('the demo identity provider runs only on a loopback address and never in production');
  // A development dependency: the demo runs from a checkout with its dependencies installed (npm ci).
  const { default: Provider } = await import('oidc-provider');
  const people = new Map(options.people.map((p) => [p.email.toLowerCase(), p]));
  const clientSecret = randomBytes(32).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '::1' ? '[::1]' : options.host;
  const issuer = `http://${host}:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [`${options.appOrigin}/login/oidc/callback`],
        post_logout_redirect_uris: [`${options.appOrigin}/login?done=signed_out`],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'demo', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub', 'amr'], profile: ['name'], email: ['email'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return { accountId: sub, claims: () => ({ sub, name: person.name, email: person.email }) };
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const send = (status: number, page: string) => {
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; form-action 'self'; frame-ancestors 'none'",
      });
      res.end(page);
    };
    if (req.method !== 'POST') return send(200, signInPage(details.uid, false, ''));
    const form = await formOf(req);
    const email = (form.get('email') ?? '').trim().toLowerCase();
    const person = people.get(email);
    if (!person || !same(form.get('password') ?? '', options.password))
      return send(401, signInPage(details.uid, true, email));
    const grant = new provider.Grant({ accountId: email, clientId: DEMO_CLIENT_ID });
    grant.addOIDCScope('openid profile email');
    await provider.interactionFinished(
      req,
      res,
      // A password only: Samen then asks its own second factor, as it would of a real provider without MFA.
      { login: { accountId: email, amr: ['pwd'] }, consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: false },
    );
  }

  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch(() => {
        res.statusCode = 400;
        res.end('This sign-in is no longer valid. Start again from Samen.');
      });
      return;
    }
    callback(req, res);
  });
  return {
    issuer,
    clientSecret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
