// Server-side sessions (idle and absolute timeouts on the injected clock, sign-out) and CSRF protection.
import { beforeEach, describe, expect, it } from 'vitest';
import { Agent, anonymousAgent, createUser, signIn } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from './service.js';

const MINUTE = 60_000;

describeDb('sessions', () => {
  const t = useTestApp();
  beforeEach(() => t.clock.set('2026-11-28T10:00:00Z'));

  it('ends after 30 minutes without activity', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    t.clock.advance(IDLE_TIMEOUT_MS - MINUTE);
    expect((await agent.get('/account')).statusCode).toBe(200);
    t.clock.advance(IDLE_TIMEOUT_MS);
    const res = await agent.get('/account');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?next=%2Faccount');
    // The dead cookie is cleared and the row deleted.
    expect(agent.cookieValue('samen_session')).toBeUndefined();
    expect(
      await t.database.db
        .selectFrom('user_session')
        .select('id_hash')
        .where('user_id', '=', steward.id)
        .execute(),
    ).toEqual([]);
  });

  it('stays alive with activity, but never beyond 12 hours', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    let elapsed = 0;
    while (elapsed + 20 * MINUTE < ABSOLUTE_TIMEOUT_MS) {
      t.clock.advance(20 * MINUTE);
      elapsed += 20 * MINUTE;
      expect((await agent.get('/account')).statusCode, `after ${elapsed / MINUTE} min`).toBe(200);
    }
    t.clock.advance(ABSOLUTE_TIMEOUT_MS - elapsed);
    expect((await agent.get('/account')).statusCode).toBe(303);
  });

  it('signs out: the session row is deleted and the old cookie is worthless', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    const token = agent.cookieValue('samen_session')!;
    const res = await agent.post('/logout', {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login?done=signed_out');
    expect(agent.cookieValue('samen_session')).toBeUndefined();
    const replay = await t.app.inject({
      url: '/account',
      headers: { accept: 'text/html', cookie: `samen_session=${token}` },
    });
    expect(replay.statusCode).toBe(303);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', steward.id)
      .execute();
    expect(audited.map((a) => a.action)).toContain('auth.logout');
    expect((await agent.get('/login?done=signed_out')).body).toContain('U bent uitgelogd.');
  });

  it('shows the signed-in user and a sign-out form in the layout', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward', name: 'Sam Steward' });
    const agent = await signIn(t, steward);
    const page = await agent.get('/account');
    expect(page.body).toMatch(
      // The token comes from the kit (csrfField), which closes the input itself.
      /<form class="samen-inline-form" method="post" action="\/logout"><input type="hidden" name="_csrf" value="[^"]+" \/>/,
    );
    expect(page.body).toContain('Sam Steward');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('sweeps expired sessions of everyone when someone signs in', async () => {
    const a = await createUser(t.services, { role: 'directory_steward' });
    const b = await createUser(t.services, { role: 'directory_steward' });
    await signIn(t, a);
    t.clock.advance(IDLE_TIMEOUT_MS + MINUTE);
    await signIn(t, b);
    const left = await t.database.db
      .selectFrom('user_session')
      .select('user_id')
      .where('user_id', '=', a.id)
      .execute();
    expect(left).toEqual([]);
  });

  it('ignores malformed and unknown session cookies', async () => {
    for (const cookie of ['samen_session=abc', `samen_session=${'A'.repeat(43)}`, "samen_session=' or 1=1"]) {
      const res = await t.app.inject({ url: '/account', headers: { accept: 'text/html', cookie } });
      expect(res.statusCode).toBe(303);
    }
  });
});

describeDb('CSRF protection', () => {
  const t = useTestApp();

  it('refuses a form post without a token (403, also before sign-in)', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const anonymous = await anonymousAgent(t);
    const login = await anonymous.post(
      '/login',
      { email: steward.email, password: steward.password },
      {},
      { csrf: false },
    );
    expect(login.statusCode).toBe(403);
    expect(login.body).toContain('Dit formulier is verlopen of niet geldig');
    const agent = await signIn(t, steward);
    expect((await agent.post('/logout', {}, {}, { csrf: false })).statusCode).toBe(403);
    expect((await agent.get('/account')).statusCode).toBe(200);
  });

  it('refuses a token of another session', async () => {
    const a = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
    const b = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
    expect((await a.post('/logout', { _csrf: b.csrf })).statusCode).toBe(403);
    expect((await a.post('/logout', { _csrf: a.csrf })).statusCode).toBe(303);
  });

  it('refuses a pre-session token once signed in, and a token without its pre-session cookie', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const anonymous = await anonymousAgent(t);
    const preToken = anonymous.csrf;
    const agent = await signIn(t, steward);
    expect((await agent.post('/logout', { _csrf: preToken })).statusCode).toBe(403);
    const stranger = new Agent(t.app);
    const res = await stranger.post('/login', {
      _csrf: preToken,
      email: steward.email,
      password: steward.password,
    });
    expect(res.statusCode).toBe(403);
  });

  it('accepts the token in the x-csrf-token header and answers JSON errors to JSON clients', async () => {
    const agent = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
    const refused = await agent.request({
      method: 'POST',
      url: '/logout',
      headers: { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': 'wrong' },
      payload: '{}',
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      status: 403,
      code: 'csrf',
      title: expect.any(String),
      error: { code: 'csrf', message: expect.any(String) },
    });
    const ok = await agent.postJson('/logout', {});
    expect(ok.statusCode).toBe(303);
  });

  it('checks PUT, PATCH and DELETE too, and requests to unknown paths', async () => {
    const agent = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await agent.request({
        method,
        url: '/api/v1/anything',
        headers: { 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(res.statusCode, method).toBe(403);
    }
  });
});

describe('secure cookies', () => {
  describeDb('with an https public origin', () => {
    const clock = new TestClock();
    const t = useTestApp({
      clock,
      config: { secureCookies: true, publicOrigin: 'https://samen.example.nl' },
    });

    it('marks the session and pre-session cookies Secure', async () => {
      const steward = await createUser(t.services, { role: 'directory_steward' });
      const page = await t.app.inject({ url: '/login', headers: { accept: 'text/html' } });
      expect(String(page.headers['set-cookie'])).toContain('; Secure');
      const agent = await anonymousAgent(t);
      const res = await agent.post('/login', { email: steward.email, password: steward.password });
      const cookies = ([] as string[]).concat(res.headers['set-cookie'] as string | string[]);
      expect(cookies.find((c) => c.startsWith('samen_session='))).toMatch(/; Secure$/);
    });
  });
});
