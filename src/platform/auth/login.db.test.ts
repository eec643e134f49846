// Signing in with a password: cookies, failures without user enumeration, throttling, disabled accounts, the next
// parameter, the rate limit and the audit trail.
import { beforeEach, expect, it } from 'vitest';
import { Agent, anonymousAgent, createUser, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const header = res.headers['set-cookie'];
  return header === undefined ? [] : Array.isArray(header) ? (header as string[]) : [String(header)];
}

describeDb('signing in', () => {
  const t = useTestApp();

  async function audit(action: string, entityId?: string | null) {
    let query = t.database.db.selectFrom('audit_event').selectAll().where('action', '=', action);
    if (entityId !== undefined) {
      query =
        entityId === null ? query.where('entity_id', 'is', null) : query.where('entity_id', '=', entityId);
    }
    return query.orderBy('id').execute();
  }

  beforeEach(() => t.clock.set('2026-11-28T10:00:00Z'));

  it('sets no cookie at all on a public page without a form', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const en = await t.app.inject({ url: '/en', headers: { accept: 'text/html' } });
    expect(en.headers['set-cookie']).toBeUndefined();
  });

  it('gives the login page a pre-session cookie for its CSRF token, and nothing else', async () => {
    const res = await t.app.inject({ url: '/login', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(200);
    const cookies = setCookies(res);
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^samen_presession=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('autocomplete="username"');
    expect(res.body).toContain('autocomplete="current-password"');
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('signs a steward in with a new HttpOnly SameSite=Lax session cookie and lands on the steward dashboard', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', {
      email: steward.email.toUpperCase(),
      password: steward.password,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/steward');
    const session = setCookies(res).find((c) => c.startsWith('samen_session='));
    expect(session).toMatch(/^samen_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(agent.cookieValue('samen_presession')).toBeUndefined();
    const account = await agent.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain(steward.email);
    // The session is stored as a hash, never as the cookie value.
    const token = agent.cookieValue('samen_session')!;
    const rows = await t.database.db
      .selectFrom('user_session')
      .select('id_hash')
      .where('user_id', '=', steward.id)
      .execute();
    expect(rows.map((r) => r.id_hash)).not.toContain(token);
    expect(rows).toHaveLength(1);
  });

  it('starts a new session on sign-in: a planted or earlier session id is never promoted', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const first = await signIn(t, steward);
    const before = first.cookieValue('samen_session')!;
    await first.get('/login');
    const res = await first.post('/login', { email: steward.email, password: steward.password });
    expect(res.statusCode).toBe(303);
    const after = first.cookieValue('samen_session')!;
    expect(after).not.toBe(before);
    const stale = await t.app.inject({
      url: '/account',
      headers: { accept: 'text/html', cookie: `samen_session=${before}` },
    });
    expect(stale.statusCode).toBe(303);
  });

  it('says the same for a wrong password and an unknown address, and sets no session', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    const wrong = await agent.post('/login', { email: steward.email, password: 'not the password at all' });
    const unknown = await agent.post('/login', {
      email: 'nobody@samen.test',
      password: 'not the password at all',
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = /<div class="utrecht-alert utrecht-alert--error samen-alert"[\s\S]*?<\/div>/;
    expect(wrong.body.match(message)?.[0]).toBe(unknown.body.match(message)?.[0]);
    expect(wrong.body).toContain('Het e-mailadres of wachtwoord klopt niet');
    expect(agent.cookieValue('samen_session')).toBeUndefined();
  });

  it('asks for both fields with an error summary linking to them', async () => {
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', { email: '', password: '' }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#email"');
    expect(res.body).toContain('href="#password"');
    expect(res.body).toMatch(/id="email"[^>]*aria-invalid="true"[^>]*aria-describedby="email-error"/);
  });

  it('attack: two passwords in one post, or a password of 2,000 characters, are refused by the form (400) before any check; no session', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    const failuresBefore = (await audit('auth.login.failed', steward.id)).length;
    const twice = await agent.post('/login', { email: steward.email, password: [steward.password, 'guess'] });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('href="#password"');
    expect(twice.body).toContain('is meer dan één keer verstuurd');
    expect(twice.body).toContain(`value="${steward.email}"`);
    const long = await agent.post(
      '/login',
      { email: steward.email, password: 'x'.repeat(2000) },
      { 'accept-language': 'en' },
    );
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('must be at most 1,024 characters long');
    expect(agent.cookieValue('samen_session')).toBeUndefined();
    // Neither reached the password check: no failed attempt counted against the account.
    expect(await audit('auth.login.failed', steward.id)).toHaveLength(failuresBefore);
  });

  it('delays one address guessing one account after 3 failures, refusing even the right password unread, with a doubling wait', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    for (let i = 0; i < 3; i++) {
      expect(
        (await agent.post('/login', { email: steward.email, password: `wrong password ${i}` })).statusCode,
      ).toBe(401);
    }
    // Delayed for 1 s: the right password is refused without being checked, and the refusal is not counted.
    const refused = await agent.post('/login', { email: steward.email, password: steward.password });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toContain('Te veel pogingen');
    t.clock.advance(1000);
    expect(
      (await agent.post('/login', { email: steward.email, password: 'wrong password 3' })).statusCode,
    ).toBe(401);
    // The fourth failure doubles the wait to 2 s.
    t.clock.advance(1000);
    const second = await agent.post('/login', { email: steward.email, password: steward.password });
    expect(second.statusCode).toBe(429);
    expect(second.headers['retry-after']).toBe('1');
    t.clock.advance(1000);
    expect(
      (await agent.post('/login', { email: steward.email, password: steward.password })).statusCode,
    ).toBe(303);
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['failed_login_count', 'locked_until'])
      .where('id', '=', steward.id)
      .executeTakeFirstOrThrow();
    expect(row.failed_login_count).toBe(0);
    expect(row.locked_until).toBeNull();
    expect(await audit('auth.login.failed', steward.id)).toHaveLength(6);
    expect(
      (await audit('auth.login.failed', steward.id)).filter(
        (e) => (e.detail as { reason: string }).reason === 'throttled',
      ),
    ).toHaveLength(2);
  });

  it('resets the delays on success, so failures must be consecutive to slow an address down', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    for (let i = 0; i < 2; i++)
      await agent.post('/login', { email: steward.email, password: 'wrong password!' });
    expect(
      (await agent.post('/login', { email: steward.email, password: steward.password })).statusCode,
    ).toBe(303);
    const again = new Agent(t.app, agent.remoteAddress);
    await again.get('/login');
    for (let i = 0; i < 2; i++)
      expect(
        (await again.post('/login', { email: steward.email, password: 'wrong password!' })).statusCode,
      ).toBe(401);
    expect(
      (await again.post('/login', { email: steward.email, password: steward.password })).statusCode,
    ).toBe(303);
  });

  it('refuses a disabled user with the same message', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const steward = await createUser(t.services, { role: 'directory_steward' });
    await t.services.auth.setUserDisabled(admin.id, steward.id, true);
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', { email: steward.email, password: steward.password });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Het e-mailadres of wachtwoord klopt niet');
  });

  it('goes to a local next page after sign-in, and ignores a next that leaves the site', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const cases: [string, string][] = [
      ['/en/account?x=1', '/en/account?x=1'],
      ['https://evil.example/', '/steward'],
      ['//evil.example/path', '/steward'],
      ['/\\evil.example', '/steward'],
      ['javascript:alert(1)', '/steward'],
    ];
    for (const [next, expected] of cases) {
      const agent = await anonymousAgent(t);
      const res = await agent.post('/login', { email: steward.email, password: steward.password, next });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(expected);
    }
  });

  it('does not echo an unsafe next into the login form', async () => {
    const res = await t.app.inject({
      url: '/login?next=%2F%2Fevil.example',
      headers: { accept: 'text/html' },
    });
    expect(res.body).not.toMatch(/name="next"/);
  });

  it('sends a signed-in user from /login straight on', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    const res = await agent.get('/login?next=%2Faccount%3Fa%3D1');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?a=1');
  });

  it('limits sign-in attempts per client address (429), not for other addresses', async () => {
    const agent = await anonymousAgent(t);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await agent.post('/login', { email: `nobody${i}@samen.test`, password: 'whatever password' }))
          .statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const other = await anonymousAgent(t);
    expect(
      (await other.post('/login', { email: 'nobody@samen.test', password: 'whatever password' })).statusCode,
    ).toBe(401);
  });

  it('audits successes with the user and failures of unknown accounts without what was typed', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    await agent.post('/login', { email: 'typo.someone@samen.test', password: 'whatever password' });
    await agent.post('/login', { email: steward.email, password: 'wrong password!!' });
    await agent.post('/login', { email: steward.email, password: steward.password });

    const unknown = (await audit('auth.login.failed', null)).at(-1)!;
    expect(unknown.actor_user_id).toBeNull();
    expect(JSON.stringify(unknown)).not.toContain('typo.someone');
    expect(unknown.detail).toEqual({ reason: 'unknown_account', addressRef: expect.any(String) });
    const failed = (await audit('auth.login.failed', steward.id)).at(-1)!;
    expect(failed.detail).toEqual({ reason: 'password', addressRef: expect.any(String) });
    const succeeded = (await audit('auth.login.succeeded', steward.id)).at(-1)!;
    expect(succeeded.actor_user_id).toBe(steward.id);
    expect(JSON.stringify(succeeded.detail)).not.toContain(steward.email);
    expect((await t.services.audit.verify()).brokenAt).toBeUndefined();
  });

  it('works in English with the locale prefix kept', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = new Agent(t.app);
    const page = await agent.get('/en/login');
    expect(page.body).toContain('action="/en/login"');
    expect(page.body).toContain('Sign in');
    const res = await agent.post('/en/login', { email: steward.email, password: steward.password });
    expect(res.headers.location).toBe('/en/steward');
  });
});
