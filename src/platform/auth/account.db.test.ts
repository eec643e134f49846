// The account page and changing the password.
import { expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('my account', () => {
  const t = useTestApp();

  it('shows email, role and the state of the second factor, in Dutch and English', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    const nl = await agent.get('/account');
    expect(nl.body).toContain(admin.email);
    expect(nl.body).toContain('Beheerder');
    expect(nl.body).toContain('verplicht voor uw rol');
    expect(nl.body).toContain('<meta name="robots" content="noindex, nofollow">');
    const en = await agent.get('/en/account');
    expect(en.body).toContain('Administrator');
    expect(en.body).toContain('required for your role');
    expect(en.body).toContain('action="/en/account/password"');
  });

  it('changes the password with the current one and ends the other sessions only', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const here = await signIn(t, steward);
    const elsewhere = await signIn(t, steward);
    const res = await here.post('/account/password', {
      currentPassword: steward.password,
      newPassword: 'a new long passphrase',
      confirmPassword: 'a new long passphrase',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?done=password_changed');
    expect((await here.get('/account?done=password_changed')).body).toContain('Uw wachtwoord is gewijzigd');
    expect((await elsewhere.get('/account')).statusCode).toBe(303);
    await expect(signIn(t, steward)).rejects.toThrow(/401/);
    expect((await signIn(t, { ...steward, password: 'a new long passphrase' })).cookie).toContain(
      'samen_session=',
    );
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'detail'])
      .where('entity_id', '=', steward.id)
      .where('action', '=', 'auth.password.changed')
      .executeTakeFirstOrThrow();
    expect(audited.detail).toEqual({ fields: ['password_hash'], sessionsEnded: 1 });
  });

  it('refuses a wrong current password, a weak or mismatched new one, naming the field', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    const wrong = await agent.post('/account/password', {
      currentPassword: 'not the current one',
      newPassword: 'a new long passphrase',
      confirmPassword: 'a new long passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#currentPassword"');
    expect(wrong.body).toContain('Het huidige wachtwoord klopt niet');

    const weak = await agent.post('/account/password', {
      currentPassword: steward.password,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('href="#newPassword"');
    expect(weak.body).toMatch(
      /id="newPassword"[^>]*aria-invalid="true"[^>]*aria-describedby="newPassword-description newPassword-error"/,
    );

    const mismatch = await agent.post('/account/password', {
      currentPassword: steward.password,
      newPassword: 'a new long passphrase',
      confirmPassword: 'another long passphrase',
    });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('href="#confirmPassword"');

    const same = await agent.post('/account/password', {
      currentPassword: steward.password,
      newPassword: steward.email,
      confirmPassword: steward.email,
    });
    expect(same.body).toContain('mag niet hetzelfde zijn als het e-mailadres');
    // Nothing changed.
    expect((await signIn(t, steward)).cookie).toContain('samen_session=');
  });
});
