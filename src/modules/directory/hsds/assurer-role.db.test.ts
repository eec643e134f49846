// With SAMEN_DIRECTORY_EMAIL set, a steward's verification publishes the team's role address as HSDS
// assurer_email, never the steward's own login e-mail.
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { createUser, signIn } from '../../../../test/auth.js';
import { describeDb } from '../../../../test/db-suite.js';

describeDb('assurer e-mail with a role address', () => {
  const t = useTestApp({ config: { directoryEmail: 'wegwijzer@team.example' } });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  it('publishes the role address after verification', async () => {
    const steward = await createUser(t.services, {
      role: 'directory_steward',
      email: 'own.login.7c1@samen.test',
    });
    const agent = await signIn(t, steward);
    const id = '81dc58f8-68f5-5e48-821f-4693e66ceb12'; // CoMensha Helpdesk (sample)
    expect((await agent.post(`/steward/services/${id}/verify`)).statusCode).toBe(303);
    const res = await t.app.inject({ method: 'GET', url: `/api/hsds/services/${id}` });
    expect(res.json().assurer_email).toBe('wegwijzer@team.example');
    expect(res.body).not.toContain('own.login.7c1');
  });
});
