// The second factor: the code step after the password, replay and drift, forced enrolment for roles that see
// personal data (driven by the role table), optional enrolment and disabling for the others.
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { anonymousAgent, createUser, freshTotpCode, signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { normaliseTotpSecret, totpCode } from './totp.js';

describeDb('second factor', () => {
  const t = useTestApp();
  beforeEach(() => t.clock.set('2026-11-28T10:00:00Z'));

  async function passwordStep(user: { email: string; password: string }): Promise<Agent> {
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', { email: user.email, password: user.password });
    expect(res.statusCode).toBe(303);
    return agent;
  }

  function secretOnPage(body: string): string {
    const shown = /id="totp-secret">([^<]+)</.exec(body)?.[1];
    expect(shown).toBeDefined();
    return normaliseTotpSecret(shown!)!;
  }

  it('asks an enrolled user for a code after the password and signs in only then', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await passwordStep(admin);
    expect((await agent.get('/admin/users')).statusCode).toBe(303);
    const step = await agent.get('/login/totp');
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('autocomplete="one-time-code"');
    expect(step.body).toContain('inputmode="numeric"');
    const res = await agent.post('/login/totp', { code: freshTotpCode(admin.totpSecret!, t.clock) });
    expect(res.statusCode).toBe(303);
    // Admins land on the first staff area offered to them (the directory's steward dashboard).
    expect(res.headers.location).toBe('/steward');
    expect((await agent.get('/admin/users')).statusCode).toBe(200);
  });

  it('keeps the next page through the code step', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', {
      email: admin.email,
      password: admin.password,
      next: '/admin/users',
    });
    expect(res.headers.location).toBe('/login/totp?next=%2Fadmin%2Fusers');
    await agent.get(String(res.headers.location));
    const done = await agent.post('/login/totp', {
      code: freshTotpCode(admin.totpSecret!, t.clock),
      next: '/admin/users',
    });
    expect(done.headers.location).toBe('/admin/users');
  });

  it('gives a new session token once the code is accepted', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await passwordStep(admin);
    const pending = agent.cookieValue('samen_session');
    await agent.get('/login/totp');
    await agent.post('/login/totp', { code: freshTotpCode(admin.totpSecret!, t.clock) });
    expect(agent.cookieValue('samen_session')).not.toBe(pending);
  });

  it('refuses a wrong code', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await passwordStep(admin);
    await agent.get('/login/totp');
    const good = totpCode(admin.totpSecret!, t.clock.read().getTime());
    const wrong = good === '000000' ? '111111' : '000000';
    const res = await agent.post('/login/totp', { code: wrong });
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('href="#code"');
    expect(res.body).toMatch(/id="code"[^>]*aria-invalid="true"/);
  });

  it('refuses a code that was used already (replay), also from another browser', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const code = totpCode(admin.totpSecret!, t.clock.read().getTime());
    const first = await passwordStep(admin);
    await first.get('/login/totp');
    expect((await first.post('/login/totp', { code })).statusCode).toBe(303);
    const second = await passwordStep(admin);
    await second.get('/login/totp');
    expect((await second.post('/login/totp', { code })).statusCode).toBe(401);
    // An older code (one step back, still inside the drift window) is a replay too.
    const older = totpCode(admin.totpSecret!, t.clock.read().getTime() - 30_000);
    expect((await second.post('/login/totp', { code: older })).statusCode).toBe(401);
  });

  it('accepts a code one step off (clock drift), but not two', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await passwordStep(admin);
    await agent.get('/login/totp');
    const now = t.clock.read().getTime();
    expect(
      (await agent.post('/login/totp', { code: totpCode(admin.totpSecret!, now - 60_000) })).statusCode,
    ).toBe(401);
    expect(
      (await agent.post('/login/totp', { code: totpCode(admin.totpSecret!, now + 30_000) })).statusCode,
    ).toBe(303);
  });

  it('counts wrong codes towards the delays: after 3, even the right code waits (429), unread', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await passwordStep(admin);
    await agent.get('/login/totp');
    const good = totpCode(admin.totpSecret!, t.clock.read().getTime());
    const wrong = good === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++)
      expect((await agent.post('/login/totp', { code: wrong })).statusCode).toBe(401);
    const delayed = await agent.post('/login/totp', { code: good });
    expect(delayed.statusCode).toBe(429);
    expect(delayed.body).toContain('Te veel pogingen');
    // The refused code was not used up: after the wait it signs in.
    t.clock.advance(1000);
    const res = await agent.post('/login/totp', {
      code: totpCode(admin.totpSecret!, t.clock.read().getTime()),
    });
    expect(res.statusCode).toBe(303);
  });

  it('forces an admin without a second factor to enrol before any other page', async () => {
    const admin = await createUser(t.services, { role: 'admin', totp: false });
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', {
      email: admin.email,
      password: admin.password,
      next: '/admin/users',
    });
    expect(res.headers.location).toBe('/account/totp?next=%2Fadmin%2Fusers');
    for (const path of ['/', '/admin/users', '/account', '/en/account']) {
      const page = await agent.get(path);
      expect(page.statusCode, path).toBe(303);
      expect(page.headers.location, path).toMatch(/^(\/en)?\/account\/totp$/);
    }
    const enrol = await agent.get('/account/totp?next=%2Fadmin%2Fusers');
    expect(enrol.statusCode).toBe(200);
    expect(enrol.body).toMatch(
      /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="240" height="240" alt="[^"]+"/,
    );
    expect(enrol.body).toContain('Uw rol geeft toegang tot persoonsgegevens');
    expect(enrol.body).toContain('autocomplete="one-time-code"');
    const secret = secretOnPage(enrol.body);

    const good = totpCode(secret, t.clock.read().getTime());
    const wrong = await agent.post('/account/totp', {
      code: good === '000000' ? '111111' : '000000',
      next: '/admin/users',
      enrolment: /name="enrolment" value="([^"]+)"/.exec(enrol.body)![1]!,
    });
    expect(wrong.statusCode).toBe(400);
    expect(secretOnPage(wrong.body)).toBe(secret);

    const done = await agent.post('/account/totp', {
      code: good,
      next: '/admin/users',
      enrolment: /name="enrolment" value="([^"]+)"/.exec(wrong.body)![1]!,
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/users');
    expect((await agent.get('/admin/users')).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('app_user')
      .select(['totp_secret_enc', 'totp_enabled_at'])
      .where('id', '=', admin.id)
      .executeTakeFirstOrThrow();
    expect(row.totp_enabled_at).not.toBeNull();
    expect(row.totp_secret_enc).not.toContain(secret);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', admin.id)
      .execute();
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.totp.enrolled', 'auth.login.succeeded']),
    );
  });

  it('refuses an enrolment form that was tampered with or made for another user', async () => {
    const admin = await createUser(t.services, { role: 'admin', totp: false });
    const other = await createUser(t.services, { role: 'admin', totp: false });
    const agent = await anonymousAgent(t);
    await agent.post('/login', { email: admin.email, password: admin.password });
    const otherAgent = await anonymousAgent(t);
    await otherAgent.post('/login', { email: other.email, password: other.password });
    const otherPage = await otherAgent.get('/account/totp');
    const otherSecret = secretOnPage(otherPage.body);
    await agent.get('/account/totp');
    const res = await agent.post('/account/totp', {
      code: totpCode(otherSecret, t.clock.read().getTime()),
      enrolment: /name="enrolment" value="([^"]+)"/.exec(otherPage.body)![1]!,
    });
    expect(res.statusCode).toBe(400);
    expect((await t.services.auth.findUser(admin.id))?.totpEnabled).toBe(false);
  });

  it('lets a steward sign in without a second factor', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', { email: steward.email, password: steward.password });
    expect(res.headers.location).toBe('/steward');
    const account = await agent.get('/account');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('href="/account/totp"');
  });

  it('lets a steward enrol from the account page, then asks for the code at sign-in, and turn it off again', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    const enrol = await agent.get('/account/totp');
    expect(enrol.statusCode).toBe(200);
    expect(enrol.body).not.toContain('Uw rol geeft toegang tot persoonsgegevens');
    const secret = secretOnPage(enrol.body);
    const done = await agent.post('/account/totp', {
      code: totpCode(secret, t.clock.read().getTime()),
      enrolment: /name="enrolment" value="([^"]+)"/.exec(enrol.body)![1]!,
    });
    expect(done.headers.location).toBe('/account?done=totp_enabled');
    expect((await agent.get('/account')).statusCode).toBe(200);

    t.clock.advance(30_000);
    const again = await signIn(t, { ...steward, totpSecret: secret });
    expect((await again.get('/account')).statusCode).toBe(200);

    const wrongPassword = await again.post('/account/totp/disable', { password: 'not my password' });
    expect(wrongPassword.statusCode).toBe(400);
    const off = await again.post('/account/totp/disable', { password: steward.password });
    expect(off.headers.location).toBe('/account?done=totp_disabled');
    expect((await t.services.auth.findUser(steward.id))?.totpEnabled).toBe(false);
  });

  it('does not let an admin turn the second factor off', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    const account = await agent.get('/account');
    expect(account.body).not.toContain('/account/totp/disable');
    const res = await agent.post('/account/totp/disable', { password: admin.password });
    expect(res.statusCode).toBe(403);
    expect((await t.services.auth.findUser(admin.id))?.totpEnabled).toBe(true);
  });

  it('takes the requirement from the role table: a role that starts to see personal data needs the factor', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    await sql`update role set sees_personal_data = true where code = 'directory_steward'`.execute(
      t.database.db,
    );
    try {
      const res = await agent.get('/account');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/account/totp');
    } finally {
      await sql`update role set sees_personal_data = false where code = 'directory_steward'`.execute(
        t.database.db,
      );
    }
  });

  it('expires a session that waits too long for its code', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await passwordStep(admin);
    await agent.get('/login/totp');
    t.clock.advance(16 * 60_000);
    const res = await agent.post('/login/totp', { code: freshTotpCode(admin.totpSecret!, t.clock) });
    // The session is gone, so the form's token no longer matches anything.
    expect(res.statusCode).toBe(403);
  });
});
