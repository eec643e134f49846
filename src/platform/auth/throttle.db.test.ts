// Sign-in throttling under attack (issue 16): a forged X-Forwarded-For does not buy fresh attempts, an attacker's
// failures do not keep the real user out, many addresses together slow the account down for strangers but not
// for the browser its owner signed in from, and client addresses are kept only for the retention period.
import { expect, it } from 'vitest';
import { Agent, createUser, freshTotpCode, type CreatedUser } from '../../../test/auth.js';
import { createTestApp, useTestApp, type TestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

async function loginPage(t: TestApp, address?: string): Promise<Agent> {
  const agent = new Agent(t.app, address);
  await agent.get('/login');
  return agent;
}

/** Password, then the code: the status of the step that decided. */
async function fullSignIn(t: TestApp, agent: Agent, user: CreatedUser): Promise<number> {
  const res = await agent.post('/login', { email: user.email, password: user.password });
  if (res.statusCode !== 303 || !String(res.headers.location).startsWith('/login/totp'))
    return res.statusCode;
  await agent.get('/login/totp');
  return (await agent.post('/login/totp', { code: freshTotpCode(user.totpSecret!, t.clock) })).statusCode;
}

async function addressesOf(t: TestApp, userId: string): Promise<string[]> {
  const rows = await t.database.db
    .selectFrom('audit_event')
    .select('detail')
    .where('entity_id', '=', userId)
    .where('action', 'in', ['auth.login.failed', 'auth.login.succeeded'])
    .orderBy('id')
    .execute();
  const out: string[] = [];
  for (const row of rows) {
    const ref = (row.detail as { addressRef?: string }).addressRef;
    out.push(ref ? ((await t.services.auth.signInAddress(ref)) ?? '(purged)') : '(none)');
  }
  return out;
}

describeDb('sign-in throttling without a declared proxy', () => {
  const t = useTestApp();

  it('ignores a rotating X-Forwarded-For: one socket address is throttled after 3 guesses, and the audit names it', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const attacker = await loginPage(t);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await attacker.post(
        '/login',
        { email: steward.email, password: `guess number ${i}` },
        { 'x-forwarded-for': `198.51.100.${i + 1}` },
      );
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    const addresses = await addressesOf(t, steward.id);
    expect(addresses.length).toBeGreaterThan(3);
    expect(new Set(addresses)).toEqual(new Set([attacker.remoteAddress]));
  });

  it('does not let five wrong passwords from an attacker keep the real user out', async () => {
    const coordinator = await createUser(t.services, { role: 'admin' });
    const attacker = await loginPage(t);
    for (let i = 0; i < 5; i++)
      await attacker.post('/login', { email: coordinator.email, password: `guess number ${i}` });
    expect(
      (await attacker.post('/login', { email: coordinator.email, password: 'guess number 6' })).statusCode,
    ).toBe(429);
    // The owner, from their own address and a browser that never signed in before: straight in.
    const owner = await loginPage(t);
    expect(await fullSignIn(t, owner, coordinator)).toBe(303);
    // And the attacker's address is still delayed for that account.
    expect(
      (await attacker.post('/login', { email: coordinator.email, password: coordinator.password }))
        .statusCode,
    ).toBe(429);
  });

  it('slows an account guessed from many addresses for strangers, but lets its owner in from a known browser', async () => {
    const coordinator = await createUser(t.services, { role: 'admin' });
    // The owner signed in before from this browser (it holds the device cookie).
    const owner = await loginPage(t);
    expect(await fullSignIn(t, owner, coordinator)).toBe(303);
    expect(owner.cookieValue('samen_device')).toMatch(/^[\w-]{22}\.[\w-]+$/);
    await owner.post('/logout');
    // A persistent botnet: a fresh address for every guess, waiting out each delay (refused guesses do not
    // count, so 20 counted guesses take the account-wide delay to its 15-minute cap).
    let counted = 0;
    let waited = 0;
    while (counted < 20) {
      const bot = await loginPage(t);
      const res = await bot.post('/login', { email: coordinator.email, password: `bot guess ${counted}` });
      if (res.statusCode === 429) {
        const seconds = Number(res.headers['retry-after']);
        waited += seconds;
        t.clock.advance(seconds * 1000);
      } else {
        expect(res.statusCode).toBe(401);
        counted++;
      }
    }
    // Guessing stays slow: 20 guesses cost the botnet over 17 minutes of waiting.
    expect(waited).toBeGreaterThan(1000);
    // A stranger (fresh address, no device cookie) with the right password waits: the account-wide delay.
    const stranger = await loginPage(t);
    expect(
      (await stranger.post('/login', { email: coordinator.email, password: coordinator.password }))
        .statusCode,
    ).toBe(429);
    expect((await t.services.auth.findUser(coordinator.id))?.locked).toBe(true);
    // The owner, from the browser they signed in from, with password and code: in.
    await owner.get('/login');
    expect(await fullSignIn(t, owner, coordinator)).toBe(303);
    // A made-up device cookie, or one issued to another account, does not get past the account-wide delay.
    const other = await createUser(t.services, { role: 'directory_steward' });
    const forger = await loginPage(t);
    expect(await fullSignIn(t, forger, other)).toBe(303);
    const othersCookie = forger.cookieValue('samen_device')!;
    await forger.post('/logout');
    for (const value of ['AAAAAAAAAAAAAAAAAAAAAA.forged', othersCookie]) {
      await forger.get('/login');
      const res = await forger.post(
        '/login',
        { email: coordinator.email, password: coordinator.password },
        { cookie: `${forger.cookie.replace(/samen_device=[^;]*/, '')}; samen_device=${value}` },
      );
      expect(res.statusCode).toBe(429);
    }
  });

  it('throttles an unknown address exactly like a known one, so the delay tells nothing about which accounts exist', async () => {
    const attacker = await loginPage(t);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await attacker.post('/login', { email: 'nobody.here@samen.test', password: `guess ${i}` }))
          .statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('lets an administrator clear the account-wide delay', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    for (let i = 0; i < 10; i++) {
      const bot = await loginPage(t);
      await bot.post('/login', { email: steward.email, password: `bot guess ${i}` });
    }
    expect((await t.services.auth.findUser(steward.id))?.locked).toBe(true);
    const admin = await createUser(t.services, { role: 'admin' });
    await t.services.auth.unlockUser(admin.id, steward.id);
    const stranger = await loginPage(t);
    expect(
      (await stranger.post('/login', { email: steward.email, password: steward.password })).statusCode,
    ).toBe(303);
  });

  it('keeps client addresses for the retention period only, and the audit chain still verifies after', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await loginPage(t);
    await agent.post('/login', { email: steward.email, password: 'wrong password!' });
    await agent.post('/login', { email: steward.email, password: steward.password });
    expect(await addressesOf(t, steward.id)).toEqual([agent.remoteAddress, agent.remoteAddress]);
    t.clock.advance(29 * 24 * 60 * 60_000);
    await t.services.jobs.run('auth.retention');
    expect(await addressesOf(t, steward.id)).toEqual([agent.remoteAddress, agent.remoteAddress]);
    t.clock.advance(2 * 24 * 60 * 60_000);
    const outcome = await t.services.jobs.run('auth.retention');
    expect(outcome.status).toBe('done');
    expect(await addressesOf(t, steward.id)).toEqual(['(purged)', '(purged)']);
    expect((await t.services.audit.verify()).brokenAt).toBeUndefined();
  });
});

describeDb('sign-in throttling behind a declared proxy (TRUST_PROXY=1)', () => {
  const t = useTestApp({ config: { trustProxy: 1 } });

  it('takes the client from the hop the proxy added, so a client cannot name itself', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const proxy = await loginPage(t, '10.0.0.1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await proxy.post(
        '/login',
        { email: steward.email, password: `guess number ${i}` },
        // What the client forged, then what the proxy appended: the real peer.
        { 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.7` },
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(new Set(await addressesOf(t, steward.id))).toEqual(new Set(['203.0.113.7']));
    // Another real client behind the same proxy is not held up.
    const other = await createUser(t.services, { role: 'directory_steward' });
    const res = await proxy.post(
      '/login',
      { email: other.email, password: other.password },
      { 'x-forwarded-for': '203.0.113.8' },
    );
    expect(res.statusCode).toBe(303);
  });

  it('limits the API per real client behind the proxy (SAMEN_API_RATE_LIMIT)', async () => {
    const limited = await createTestApp({ config: { trustProxy: 1, apiRateLimit: 3 } });
    try {
      const get = (client: string) =>
        limited.app.inject({
          url: '/api/v1/municipalities',
          remoteAddress: '10.0.0.1',
          headers: { 'x-forwarded-for': client },
        });
      const first = [];
      for (let i = 0; i < 4; i++) first.push((await get('203.0.113.20')).statusCode);
      expect(first.slice(0, 3).every((s) => s !== 429)).toBe(true);
      expect(first[3]).toBe(429);
      expect((await get('203.0.113.21')).statusCode).not.toBe(429);
    } finally {
      await limited.app.close();
      await limited.database.destroy();
    }
  });
});
