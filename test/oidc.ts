// A real OpenID provider (`oidc-provider`, the certified server) in the test process, and a small cookie-keeping
// browser (fetch, redirects followed by hand) to drive sign-in, logout and back-channel logout through the real
// redirects. The person who signs in at the provider is chosen by the test (`provider.signInAs(sub)`), as a person
// types their name at their organisation's login page; the provider then asks nothing more (consent is granted
// for Samen's scopes in the same step).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import Provider, { type ClientMetadata } from 'oidc-provider';
import { SignJWT, decodeJwt, exportJWK, exportPKCS8, generateKeyPair, type JWK } from 'jose';

export interface TestPerson {
  sub: string;
  name: string;
  email: string;
  groups: string[];
  /** Set on the provider session: how the person authenticated. */
  amr?: string[];
  acr?: string;
}

/** How the harness alters the next token response (an attacker between provider and app, or a broken provider). */
export type TokenTamper = 'expired' | 'foreign';

export interface TestProvider {
  issuer: string;
  people: Map<string, TestPerson>;
  signInAs(sub: string | undefined): void;
  tamperNextToken(kind: TokenTamper): void;
  /** A logout token signed by this provider's key (or by a stranger's), for attack tests on back-channel logout. */
  logoutToken(claims: Record<string, unknown>, options?: { foreignKey?: boolean }): Promise<string>;
  close(): Promise<void>;
}

/** A free TCP port on loopback (the app needs its origin before it is built). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A PKCS#8 RSA key for private_key_jwt, with its public JWK (kid as Samen derives it: oidc/client.ts). */
export async function clientKeyPair(): Promise<{ pem: string; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const pem = await exportPKCS8(privateKey);
  const kid = createHash('sha256').update(pem.trim()).digest('base64url').slice(0, 16);
  return { pem, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export interface TestProviderOptions {
  /** The provider requires signed request objects (JAR, RFC 9101) and says so in its discovery document. */
  requireSignedRequests?: boolean;
}

export async function startTestProvider(
  clients: ClientMetadata[],
  options: TestProviderOptions = {},
): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'provider-key', alg: 'RS256', use: 'sig' };
  const stranger = await generateKeyPair('RS256');
  const people = new Map<string, TestPerson>();
  let current: string | undefined;
  let tamper: TokenTamper | undefined;

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [signingJwk] },
    cookies: { keys: ['test-provider-cookie-key'] },
    claims: {
      acr: null,
      amr: null,
      sid: null,
      auth_time: null,
      iss: null,
      // amr and acr as the provider's organisations send them: with every ID token.
      openid: ['sub', 'acr', 'amr'],
      profile: ['name', 'groups'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      ...(options.requireSignedRequests
        ? { requestObjects: { enabled: true, requireSignedRequestObject: true } }
        : {}),
      rpInitiatedLogout: {
        enabled: true,
        // A plain page (the default loads a web font from a third party).
        logoutSource: async (ctx, form) => {
          ctx.body = `<!DOCTYPE html><html lang="en"><head><title>Sign out</title></head><body>${form}
            <button type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button></body></html>`;
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // The provider refuses to call special-use addresses (SSRF protection); here Samen listens on loopback, so its
    // back-channel logout goes out without that guard.
    fetch: (input: string | URL | Request, init?: RequestInit) => {
      const { dispatcher: _guard, ...rest } = (init ?? {}) as RequestInit & { dispatcher?: unknown };
      return fetch(input, rest);
    },
    findAccount: async (_ctx, sub) => {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, name: person.name, email: person.email, groups: person.groups }),
      };
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse) {
    const details = await provider.interactionDetails(req, res);
    const person = current ? people.get(current) : undefined;
    if (!person) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new provider.Grant({ accountId: person.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope('openid profile email');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      {
        login: {
          accountId: person.sub,
          ...(person.amr ? { amr: person.amr } : {}),
          ...(person.acr ? { acr: person.acr } : {}),
        },
        consent: { grantId },
      },
      { mergeWithLastSubmission: false },
    );
  }

  /** Rewrites the ID token in a token response: expired (signed with the provider's key) or signed by a stranger. */
  function tamperWith(res: ServerResponse, kind: TokenTamper) {
    const end = res.end.bind(res);
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) =>
      name.toLowerCase() === 'content-length' ? res : setHeader(name, value);
    res.end = ((body: unknown) => {
      const answer = JSON.parse(String(body)) as { id_token?: string };
      if (!answer.id_token) return end(body as string);
      const claims = decodeJwt(answer.id_token);
      // The provider's own time: when it issued this token.
      const issued = claims.iat!;
      const times = kind === 'expired' ? { iat: issued - 7200, exp: issued - 3600 } : {};
      const key = kind === 'expired' ? privateKey : stranger.privateKey;
      const kid = kind === 'expired' ? 'provider-key' : 'stranger-key';
      void new SignJWT({ ...claims, ...times })
        .setProtectedHeader({ alg: 'RS256', kid })
        .sign(key)
        .then((idToken) => end(JSON.stringify({ ...answer, id_token: idToken })));
      return res;
    }) as typeof res.end;
  }

  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    if (req.method === 'POST' && req.url === '/token' && tamper) {
      tamperWith(res, tamper);
      tamper = undefined;
    }
    callback(req, res);
  });

  return {
    issuer,
    people,
    signInAs(sub) {
      current = sub;
    },
    tamperNextToken(kind) {
      tamper = kind;
    },
    async logoutToken(claims, options = {}) {
      // Issued "now" by the provider's clock, as its Date header says (the tokens it signs use that clock).
      const date = (await fetch(`${issuer}/.well-known/openid-configuration`)).headers.get('date')!;
      const now = Math.floor(Date.parse(date) / 1000);
      return new SignJWT({ iss: issuer, iat: now, jti: `jti-${Math.random()}`, ...claims })
        .setProtectedHeader({
          alg: 'RS256',
          typ: 'logout+jwt',
          kid: options.foreignKey ? 'stranger-key' : 'provider-key',
        })
        .sign(options.foreignKey ? stranger.privateKey : privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface BrowserResponse {
  status: number;
  url: string;
  text: string;
  /** Every URL visited on the way (redirects followed). */
  trail: string[];
}

/** A browser in miniature: cookies per host, redirects followed by hand, forms posted by their fields. */
export class CookieBrowser {
  private readonly jar = new Map<string, Map<string, string>>();

  /** `address`: this browser's client address, sent as X-Forwarded-For to an app that trusts loopback as proxy. */
  constructor(private readonly address?: string) {}

  cookie(host: string, name: string): string | undefined {
    return this.jar.get(host)?.get(name);
  }

  setCookie(host: string, name: string, value: string) {
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    cookies.set(name, value);
    this.jar.set(host, cookies);
  }

  private remember(url: URL, response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const cookies = this.jar.get(url.host) ?? new Map<string, string>();
      if (attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') cookies.delete(name);
      else cookies.set(name, value);
      this.jar.set(url.host, cookies);
    }
  }

  /** `stopAt`: do not open a URL it matches (the response then has status 0 and that URL): to intercept a redirect. */
  async request(
    method: 'GET' | 'POST',
    address: string,
    form?: Record<string, string>,
    stopAt?: (url: URL) => boolean,
  ): Promise<BrowserResponse> {
    let url = new URL(address);
    let body: URLSearchParams | undefined = form ? new URLSearchParams(form) : undefined;
    const trail: string[] = [];
    for (let hop = 0; hop < 20; hop++) {
      trail.push(url.href);
      if (hop > 0 && stopAt?.(url)) return { status: 0, url: url.href, text: '', trail };
      const cookies = [...(this.jar.get(url.host) ?? new Map<string, string>())]
        .map(([n, v]) => `${n}=${v}`)
        .join('; ');
      const response = await fetch(url, {
        method,
        redirect: 'manual',
        headers: {
          ...(cookies ? { cookie: cookies } : {}),
          ...(this.address ? { 'x-forwarded-for': this.address } : {}),
          accept: 'text/html',
          'accept-language': 'en',
        },
        ...(body ? { body } : {}),
      });
      this.remember(url, response);
      const location = response.headers.get('location');
      // A page that sends the browser on at once (`Refresh: 0;url=…`), as browsers follow it: a new GET.
      const refresh = /^0\s*;\s*url=(.+)$/i.exec(response.headers.get('refresh') ?? '')?.[1];
      if (response.status === 200 && refresh) {
        url = new URL(refresh, url);
        method = 'GET';
        body = undefined;
        continue;
      }
      if (response.status >= 300 && response.status < 400 && location) {
        url = new URL(location, url);
        if (response.status !== 307 && response.status !== 308) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return { status: response.status, url: url.href, text: await response.text(), trail };
    }
    throw new Error('too many redirects');
  }

  get(address: string) {
    return this.request('GET', address);
  }

  post(address: string, form: Record<string, string>) {
    return this.request('POST', address, form);
  }
}

/** The hidden fields and action of the form on a page that contains `marker` (first form when absent). */
export function formOn(html: string, marker?: string): { action: string; fields: Record<string, string> } {
  const forms = [...html.matchAll(/<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
  const form = marker ? forms.find((f) => f[0].includes(marker)) : forms[0];
  if (!form) throw new Error(`no form${marker ? ` with ${marker}` : ''} on the page`);
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  }
  return { action: form[1]!.replace(/&amp;/g, '&'), fields };
}
