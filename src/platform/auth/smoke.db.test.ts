import { expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('smoke', () => {
  const t = useTestApp();
  it('signs in steward and admin', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const a = await signIn(t, steward);
    const res = await a.get('/account');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(steward.email);
    const admin = await createUser(t.services, { role: 'admin' });
    const b = await signIn(t, admin);
    const r2 = await b.get('/admin/users');
    expect(r2.statusCode).toBe(200);
    const b2 = await signIn(t, admin);
    expect((await b2.get('/admin/users')).statusCode).toBe(200);
    const out = await b.post('/logout', {});
    expect(out.statusCode).toBe(303);
  });
});
