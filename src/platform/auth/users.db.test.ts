// Admin user management, and the role guard and CSRF check of every account route.
import { expect, it } from 'vitest';
import { Agent, anonymousAgent, createUser, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('user administration', () => {
  const t = useTestApp();

  async function auditFor(entityId: string, action: string) {
    return t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('entity_id', '=', entityId)
      .where('action', '=', action)
      .execute();
  }

  it('lists users with email, name, role, second factor, and status', async () => {
    const admin = await createUser(t.services, { role: 'admin', name: 'Ada Admin' });
    const steward = await createUser(t.services, { role: 'directory_steward', name: 'Stef Steward' });
    const agent = await signIn(t, admin);
    const page = await agent.get('/admin/users');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(steward.email);
    expect(page.body).toContain('Stef Steward');
    expect(page.body).toContain('Redacteur sociale kaart');
    expect(page.body).toContain('utrecht-table');
    expect(page.body).toContain(`action="/admin/users/${steward.id}/disable"`);
    // No actions on your own row.
    expect(page.body).not.toContain(`action="/admin/users/${admin.id}/disable"`);
  });

  it('creates a user, audits it without personal data, and the user can sign in', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    const form = await agent.get('/admin/users/new');
    expect(form.body).toContain('autocomplete="new-password"');
    const res = await agent.post('/admin/users', {
      email: 'New.Steward@Example.nl',
      displayName: 'Nieuwe Redacteur',
      role: 'directory_steward',
      password: 'a first long password',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users?done=created');
    const created = await t.services.auth.findUserByEmail('new.steward@example.nl');
    expect(created).toMatchObject({
      displayName: 'Nieuwe Redacteur',
      role: 'directory_steward',
      totpEnabled: false,
    });
    const [entry] = await auditFor(created!.id, 'user.created');
    expect(entry!.actor_user_id).toBe(admin.id);
    expect(JSON.stringify(entry!.detail)).not.toMatch(/steward@|Nieuwe|a first long/i);
    expect(
      (await signIn(t, { email: 'new.steward@example.nl', password: 'a first long password' })).cookie,
    ).toContain('samen_session');
  });

  it('names every bad field when creating a user', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    const res = await agent.post('/admin/users', {
      email: 'not-an-email',
      displayName: '',
      role: 'superuser',
      password: 'short',
    });
    expect(res.statusCode).toBe(400);
    for (const field of ['email', 'displayName', 'role', 'password'])
      expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).toContain('value="not-an-email"');
    expect(res.body).not.toContain('value="short"');
    const taken = await agent.post('/admin/users', {
      email: admin.email,
      displayName: 'Dubbel',
      role: 'admin',
      password: 'a first long password',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Er bestaat al een account met dit e-mailadres');
  });

  it('disables a user (ending their sessions), enables them again, and audits both', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const stewardAgent = await signIn(t, steward);
    const agent = await signIn(t, admin);
    expect((await agent.post(`/admin/users/${steward.id}/disable`)).headers.location).toBe(
      '/admin/users?done=disabled',
    );
    expect((await stewardAgent.get('/account')).statusCode).toBe(303);
    await expect(signIn(t, steward)).rejects.toThrow(/401/);
    expect((await agent.get('/admin/users')).body).toContain('Uitgeschakeld');
    expect((await agent.post(`/admin/users/${steward.id}/enable`)).headers.location).toBe(
      '/admin/users?done=enabled',
    );
    expect((await signIn(t, steward)).cookie).toContain('samen_session');
    expect(await auditFor(steward.id, 'user.disabled')).toHaveLength(1);
    expect(await auditFor(steward.id, 'user.enabled')).toHaveLength(1);
  });

  it('clears the account-wide sign-in delay (10 failures from many addresses)', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const steward = await createUser(t.services, { role: 'directory_steward' });
    for (let i = 0; i < 10; i++) {
      const visitor = await anonymousAgent(t);
      await visitor.post('/login', { email: steward.email, password: 'wrong password!' });
    }
    const agent = await signIn(t, admin);
    const list = await agent.get('/admin/users');
    expect(list.body).toContain(`action="/admin/users/${steward.id}/unlock"`);
    expect((await agent.post(`/admin/users/${steward.id}/unlock`)).headers.location).toBe(
      '/admin/users?done=unlocked',
    );
    expect((await signIn(t, steward)).cookie).toContain('samen_session');
    expect(await auditFor(steward.id, 'user.unlocked')).toHaveLength(1);
  });

  it('resets a lost second factor: the user enrols again at the next sign-in', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const other = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    expect((await agent.post(`/admin/users/${other.id}/reset-totp`)).headers.location).toBe(
      '/admin/users?done=totp_reset',
    );
    const visitor = await anonymousAgent(t);
    const res = await visitor.post('/login', { email: other.email, password: other.password });
    expect(res.headers.location).toBe('/account/totp');
    expect(await auditFor(other.id, 'user.totp_reset')).toHaveLength(1);
  });

  it('does not let an admin disable themself', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    const res = await agent.post(`/admin/users/${admin.id}/disable`);
    expect(res.statusCode).toBe(400);
    expect((await t.services.auth.findUser(admin.id))?.disabled).toBe(false);
  });

  it('answers 404 for an unknown or malformed user id', async () => {
    const agent = await signIn(t, await createUser(t.services, { role: 'admin' }));
    expect((await agent.post('/admin/users/00000000-0000-4000-8000-000000000000/disable')).statusCode).toBe(
      404,
    );
    expect((await agent.post('/admin/users/not-a-uuid/unlock')).statusCode).toBe(404);
  });
});

describeDb('access to the account routes', () => {
  const t = useTestApp();
  const someId = '00000000-0000-4000-8000-000000000000';
  const adminPages = ['/admin/users', '/admin/users/new'];
  const staffPages = ['/account', '/account/totp'];
  const adminPosts = [
    '/admin/users',
    ...['disable', 'enable', 'unlock', 'reset-totp'].map((a) => `/admin/users/${someId}/${a}`),
  ];
  const staffPosts = ['/account/password', '/account/totp', '/account/totp/disable'];
  const allPosts = ['/login', '/login/totp', '/logout', ...staffPosts, ...adminPosts];

  it('sends visitors of staff pages to the login page with the page as next', async () => {
    for (const path of [...adminPages, ...staffPages]) {
      const res = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('sends a visitor with a valid form token to the login page on every staff form', async () => {
    const visitor = await anonymousAgent(t);
    for (const path of [...staffPosts, ...adminPosts]) {
      const res = await visitor.post(path, {});
      expect(res.statusCode, path).toBe(303);
      expect(res.headers.location, path).toBe('/login');
    }
  });

  it('refuses stewards on the admin routes (403)', async () => {
    const steward = await signIn(t, await createUser(t.services, { role: 'directory_steward' }));
    for (const path of adminPages) expect((await steward.get(path)).statusCode, path).toBe(403);
    for (const path of adminPosts) expect((await steward.post(path, {})).statusCode, path).toBe(403);
    for (const path of staffPages) expect((await steward.get(path)).statusCode, path).toBe(200);
  });

  it('lets admins in everywhere', async () => {
    const admin = await signIn(t, await createUser(t.services, { role: 'admin' }));
    for (const path of adminPages) expect((await admin.get(path)).statusCode, path).toBe(200);
    expect((await admin.get('/account')).statusCode).toBe(200);
    // An admin has a second factor already: enrolment sends them back to the account page.
    expect((await admin.get('/account/totp')).headers.location).toBe('/account');
  });

  it('refuses every state-changing route without a CSRF token (403), signed in or not', async () => {
    const admin = await signIn(t, await createUser(t.services, { role: 'admin' }));
    const visitor = await anonymousAgent(t);
    for (const agent of [admin, visitor, new Agent(t.app)]) {
      for (const path of allPosts) {
        const res = await agent.post(path, {}, {}, { csrf: false });
        expect(res.statusCode, path).toBe(403);
      }
    }
    expect((await admin.get('/admin/users')).statusCode).toBe(200);
  });
});
