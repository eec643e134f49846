// Accounts in tests: create users through the real service and sign in through the real pages (CSRF, second
// factor and all), then browse as that user. Each agent has its own client address, so the per-address login
// rate limit of one test does not spill into another.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { totpCode, totpStep, TOTP_PERIOD_SECONDS, generateTotpSecret } from '../src/platform/auth/totp.js';
import type { Services } from '../src/services.js';
import { TestClock, type TestApp } from './app.js';

export type Response = LightMyRequestResponse;
export type Form = Record<string, string | string[]>;

export interface CreatedUser {
  id: string;
  email: string;
  password: string;
  /** Base32; set when the user has a second factor. */
  totpSecret?: string;
}

/**
 * Creates a user through the accounts service. Without `totp`, a role that sees personal data (admin) gets a
 * second factor, so it can sign in at once; pass `totp: false` to test enrolment.
 */
export async function createUser(
  services: Services,
  options: { role: string; email?: string; password?: string; totp?: boolean; name?: string },
): Promise<CreatedUser> {
  const roles = await services.auth.listRoles();
  const required = roles.find((r) => r.code === options.role)?.seesPersonalData ?? false;
  const email =
    options.email ?? `${options.role.replace(/_/g, '-')}.${randomBytes(4).toString('hex')}@samen.test`;
  const password = options.password ?? `correct horse ${randomBytes(6).toString('hex')}`;
  const totpSecret = (options.totp ?? required) ? generateTotpSecret() : undefined;
  const user = await services.auth.createUser({
    email,
    displayName: options.name ?? `Test ${options.role}`,
    role: options.role,
    password,
    totpSecret,
    actorUserId: null,
  });
  return { id: user.id, email: user.email, password, ...(totpSecret ? { totpSecret } : {}) };
}

function randomAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** A browser-like client on app.inject: keeps cookies, and picks up the CSRF token of every page it sees. */
export class Agent {
  private readonly jar = new Map<string, string>();
  /** The CSRF token of the last page with a form (bound to this agent's session or pre-session). */
  csrf = '';

  constructor(
    readonly app: FastifyInstance,
    readonly remoteAddress: string = randomAddress(),
  ) {}

  /** The Cookie header this agent sends. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  cookieValue(name: string): string | undefined {
    return this.jar.get(name);
  }

  async request(options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
    url: string;
    headers?: Record<string, string>;
    payload?: string;
  }): Promise<Response> {
    const response = await this.app.inject({
      method: options.method,
      url: options.url,
      remoteAddress: this.remoteAddress,
      headers: { ...(this.jar.size ? { cookie: this.cookie } : {}), ...options.headers },
      ...(options.payload !== undefined ? { payload: options.payload } : {}),
    });
    this.remember(response);
    return response;
  }

  get(url: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });
  }

  /** A urlencoded form post; `_csrf` is added unless the form has one or `{ csrf: false }` is passed. */
  post(url: string, form: Form = {}, headers: Record<string, string> = {}, options: { csrf?: boolean } = {}) {
    const body = new URLSearchParams();
    const withToken = options.csrf !== false && !('_csrf' in form);
    if (withToken) body.append('_csrf', this.csrf);
    for (const [name, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    }
    return this.request({
      method: 'POST',
      url,
      headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: body.toString(),
    });
  }

  /**
   * A form post that follows its redirect as a browser does (post, redirect, get): the page the user ends up on,
   * with the post's own status as `postStatus`.
   */
  async submit(url: string, form: Form = {}): Promise<Response & { postStatus: number }> {
    const posted = await this.post(url, form);
    const location = posted.headers.location;
    if (posted.statusCode < 300 || posted.statusCode >= 400 || typeof location !== 'string')
      return Object.assign(posted, { postStatus: posted.statusCode });
    return Object.assign(await this.get(location), { postStatus: posted.statusCode });
  }

  /** A JSON request with the token in the x-csrf-token header. */
  postJson(
    url: string,
    body: unknown,
    headers: Record<string, string> = {},
    method: 'POST' | 'PUT' | 'PATCH' | 'DELETE' = 'POST',
  ) {
    return this.request({
      method,
      url,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      payload: JSON.stringify(body),
    });
  }

  private remember(response: Response) {
    const header = response.headers['set-cookie'];
    for (const line of header === undefined ? [] : Array.isArray(header) ? header : [header]) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const deleted = attributes.some((a: string) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (deleted) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    if (String(response.headers['content-type'] ?? '').startsWith('text/html')) {
      const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
      if (token) this.csrf = token;
    }
  }
}

/** An agent without an account that has opened the login page (so it holds a pre-session and a token). */
export async function anonymousAgent(app: FastifyInstance | TestApp): Promise<Agent> {
  const agent = new Agent(appOf(app));
  await agent.get('/login');
  return agent;
}

function appOf(app: FastifyInstance | TestApp): FastifyInstance {
  return 'services' in app && 'clock' in app ? app.app : (app as FastifyInstance);
}

// Steps used per clock and TOTP secret, so a second sign-in of the same user does not replay a code. Kept per
// clock (each test file's app has its own TestClock and database): a step used by another file, whose clock may
// stand days later, says nothing about this app's replay check, and must not move this clock.
const usedStepsByClock = new WeakMap<object, Map<string, number>>();

/** A code for `secret` the app has not seen yet: moves a TestClock on to the next step when needed. */
export function freshTotpCode(secret: string, clock: TestClock | (() => Date)): string {
  const testClock = clock instanceof TestClock ? clock : TestClock.owners.get(clock);
  const read = testClock?.read ?? (clock as () => Date);
  const key = testClock ?? clock;
  let usedSteps = usedStepsByClock.get(key);
  if (!usedSteps) usedStepsByClock.set(key, (usedSteps = new Map()));
  let now = read().getTime();
  const last = usedSteps.get(secret);
  if (last !== undefined && totpStep(now) <= last) {
    if (!testClock) throw new Error('this TOTP step was used already: pass the TestClock');
    testClock.advance((last + 1) * TOTP_PERIOD_SECONDS * 1000 - now);
    now = read().getTime();
  }
  usedSteps.set(secret, totpStep(now));
  return totpCode(secret, now);
}

/**
 * Signs in through /login (and /login/totp when the user has a second factor) and returns the agent, holding
 * the session cookie and a CSRF token for it. Pass a TestApp (or its clock) when the user has a second factor:
 * codes are made for the app's time, and a repeated sign-in may move a TestClock on by one 30-second step.
 */
export async function signIn(
  app: FastifyInstance | TestApp,
  credentials: { email: string; password: string; totpSecret?: string },
  clock?: TestClock | (() => Date),
): Promise<Agent> {
  const theClock =
    clock ??
    // A bare Fastify instance was built without a TestClock, so its codes are checked against the machine's clock.
    // eslint-disable-next-line no-restricted-syntax -- only for an app built on the machine's clock
    ('services' in app && 'clock' in app ? app.clock : () => new Date());
  const agent = new Agent(appOf(app));
  await agent.get('/login');
  let response = await agent.post('/login', { email: credentials.email, password: credentials.password });
  if (response.statusCode !== 303)
    throw new Error(`sign-in failed: POST /login answered ${response.statusCode}`);
  const location = String(response.headers.location ?? '');
  if (location.startsWith('/account/totp')) {
    throw new Error(
      'sign-in incomplete: this user must enrol a second factor first (create it with totp: true)',
    );
  }
  if (location.startsWith('/login/totp')) {
    if (!credentials.totpSecret) throw new Error('sign-in needs a TOTP code: pass totpSecret');
    await agent.get('/login/totp');
    response = await agent.post('/login/totp', { code: freshTotpCode(credentials.totpSecret, theClock) });
    if (response.statusCode !== 303)
      throw new Error(`sign-in failed: POST /login/totp answered ${response.statusCode}`);
  }
  // A page of the signed-in session gives the agent its CSRF token.
  await agent.get('/account');
  return agent;
}
