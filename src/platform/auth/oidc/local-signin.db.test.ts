// Local (password) sign-in switched off for everyone but administrators (`samen idp local-signin admins`): another
// role's password is refused before it is checked, with the answer any failed sign-in gets, so the refusal neither
// confirms a right password nor resets the failure counts nor tells a staff address from an unknown one.
import { afterEach, expect, it } from 'vitest';
import { anonymousAgent, createUser } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('local sign-in for administrators only', () => {
  const t = useTestApp();
  const alerts = /<div class="utrecht-alert[\s\S]*?<\/div>\s*<\/div>/g;

  afterEach(() => t.services.oidc.setLocalSignIn('everyone', null));

  async function failures(userId: string) {
    const row = await t.database.db
      .selectFrom('app_user')
      .select('failed_login_count')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return row.failed_login_count;
  }

  async function failedAudits(userId: string) {
    return t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.login.failed')
      .where('entity_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  async function attempt(email: string, password: string) {
    const agent = await anonymousAgent(t);
    const res = await agent.post('/login', { email, password }, { 'accept-language': 'en' });
    return { res, agent, alerts: res.body.match(alerts) ?? [] };
  }

  it('says on the sign-in page that passwords are for administrators only', async () => {
    const before = await (await anonymousAgent(t)).get('/login', { 'accept-language': 'en' });
    expect(before.body).not.toContain('for administrators only');
    await t.services.oidc.setLocalSignIn('admins', null);
    const after = await (await anonymousAgent(t)).get('/login', { 'accept-language': 'en' });
    expect(after.body).toContain('Signing in with a Samen password is for administrators only');
  });

  it("attack: another role's right password is refused unchecked, exactly as a wrong one or an unknown address", async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    await t.services.oidc.setLocalSignIn('admins', null);

    const wrong = await attempt(steward.email, 'not the password at all');
    expect(await failures(steward.id)).toBe(1);
    const right = await attempt(steward.email, steward.password);
    const unknown = await attempt('nobody-here@samen.test', steward.password);

    // One answer for all three: nothing tells a right password, a staff address or an unknown one apart.
    for (const { res } of [wrong, right, unknown]) expect(res.statusCode).toBe(401);
    expect(right.alerts).toEqual(wrong.alerts);
    expect(right.alerts).toEqual(unknown.alerts);
    expect(right.res.body).toContain('for administrators only');
    expect(right.agent.cookieValue('samen_session')).toBeUndefined();
    // The right password did not count as a success: the failures were not reset but counted on.
    expect(await failures(steward.id)).toBe(2);
    const audited = await failedAudits(steward.id);
    expect(audited.map((a) => (a.detail as { reason: string }).reason)).toEqual([
      'local_signin_off',
      'local_signin_off',
    ]);
    const sessions = await t.database.db
      .selectFrom('user_session')
      .select('id_hash')
      .where('user_id', '=', steward.id)
      .execute();
    expect(sessions).toEqual([]);
  });

  it('lets an administrator still sign in with a password, and everyone once it is switched back on', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const steward = await createUser(t.services, { role: 'directory_steward' });
    await t.services.oidc.setLocalSignIn('admins', null);
    const asAdmin = await attempt(admin.email, admin.password);
    expect(asAdmin.res.statusCode).toBe(303);
    expect(asAdmin.agent.cookieValue('samen_session')).toBeDefined();
    await t.services.oidc.setLocalSignIn('everyone', null);
    const asSteward = await attempt(steward.email, steward.password);
    expect(asSteward.res.statusCode).toBe(303);
    expect(asSteward.res.headers.location).toBe('/steward');
  });
});
