// Ready for OpenID Connect: identities at external providers map to local users, and a session can be started
// for a user whose identity was checked elsewhere.
import { expect, it } from 'vitest';
import { Agent, createUser } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('external identities and sessions', () => {
  const t = useTestApp();
  const issuer = 'https://login.example.nl';

  it('links an identity to a user and finds the user by it', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    expect(await t.services.auth.findUserByIdentity(issuer, 'subject-1')).toBeUndefined();
    await t.services.auth.linkIdentity(issuer, 'subject-1', steward.id);
    expect((await t.services.auth.findUserByIdentity(issuer, 'subject-1'))?.id).toBe(steward.id);
    expect(await t.services.auth.findUserByIdentity('https://other.example', 'subject-1')).toBeUndefined();
  });

  it('moves an identity to another user when linked again', async () => {
    const a = await createUser(t.services, { role: 'directory_steward' });
    const b = await createUser(t.services, { role: 'directory_steward' });
    await t.services.auth.linkIdentity(issuer, 'subject-2', a.id);
    await t.services.auth.linkIdentity(issuer, 'subject-2', b.id);
    expect((await t.services.auth.findUserByIdentity(issuer, 'subject-2'))?.id).toBe(b.id);
  });

  it('starts a complete session when the second factor was given elsewhere', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const { token } = await t.services.auth.startSession(admin.id, { mfaPassed: true });
    const session = await t.services.auth.resolveSession(token);
    expect(session).toMatchObject({ stage: 'complete', user: { id: admin.id, role: 'admin' } });
    const agent = new Agent(t.app);
    const res = await agent.get('/admin/users', { cookie: `samen_session=${token}` });
    expect(res.statusCode).toBe(200);
  });

  it('keeps a session without the factor incomplete where one is needed', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const { token } = await t.services.auth.startSession(admin.id, { mfaPassed: false });
    expect((await t.services.auth.resolveSession(token))?.stage).toBe('totp');
    const unenrolled = await createUser(t.services, { role: 'admin', totp: false });
    const second = await t.services.auth.startSession(unenrolled.id, { mfaPassed: false });
    expect((await t.services.auth.resolveSession(second.token))?.stage).toBe('enrol');
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const third = await t.services.auth.startSession(steward.id, { mfaPassed: false });
    expect((await t.services.auth.resolveSession(third.token))?.stage).toBe('complete');
  });
});
