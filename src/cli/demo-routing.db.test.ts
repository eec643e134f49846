// Issue 16's finding "a real signal for Amsterdam went to the demo coordinator's team", re-tried: on a server that
// listens off loopback the demo accounts are disabled (demo-guard.db.test.ts), and routing counts only active
// accounts, so a real professional's signal goes to a team where a real person can act — never to a team whose
// only members are the demo accounts with published secrets. With nobody real anywhere it is refused, not lost.
import { beforeAll, expect, it } from 'vitest';
import { createUser } from '../../test/auth.js';
import { useTestApp } from '../../test/app.js';
import { describeDb } from '../../test/db-suite.js';
import { guardDemoAccounts, loadReferralDemo } from './seed.js';
import { Unavailable } from '../platform/errors.js';
import { httpErrorOf } from '../platform/http/errors.js';

describeDb('demo teams off loopback', () => {
  const t = useTestApp({ mailTransport: null });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
  });

  const signal = {
    kind: 'signal' as const,
    municipality: 'Amsterdam',
    urgency: 'normal',
    minor: 'no',
    consent: 'no',
    vitalInterest: false,
    forms: ['labour'],
    signals: ['lives_at_work'],
    methodsOfControl: [],
    recruitment: [],
    sector: '',
    needs: [],
    gender: 'female',
    ageGroup: '30--38',
    citizenship: 'PL',
    summary: '',
    name: '',
    dateOfBirth: '',
    contact: '',
  };

  it('routes a real signal for Amsterdam to a team with a real person, not to the disabled demo coordinator', async () => {
    const referrals = t.services.referrals;
    const amsterdam = (await referrals.teams()).find(
      (x) => x.kind === 'care_coordination' && x.name.includes('Amsterdam'),
    )!;
    // On loopback the demo coordinator is active: Amsterdam's signals go to its (demo) team.
    await guardDemoAccounts(t.services, '127.0.0.1');
    const professional = await createUser(t.services, { role: 'nrm_professional' });
    const firstLine = (await referrals.teams()).find((x) => x.kind === 'first_line')!;
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: professional.id, team_id: firstLine.id })
      .execute();
    const onLoopback = await referrals.submitSignal(
      { id: professional.id, role: 'nrm_professional' } as never,
      signal,
    );
    expect(onLoopback.ownerTeam.id).toBe(amsterdam.id);

    // Off loopback the demo accounts are disabled: with no real person anywhere, the signal is refused (503), not
    // sent to a team nobody real reads.
    await guardDemoAccounts(t.services, '0.0.0.0');
    // The service throws the domain's Unavailable; the one mapping to HTTP makes it the same 503.
    const refused = await referrals
      .submitSignal({ id: professional.id, role: 'nrm_professional' } as never, signal)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Unavailable);
    expect(httpErrorOf(refused)?.statusCode).toBe(503);

    // A real national coordinator joins CoMensha: the signal goes there, and the sender is told so.
    const national = (await referrals.teams()).find((x) => x.kind === 'national')!;
    const real = await createUser(t.services, { role: 'nrm_national' });
    await t.database.db.insertInto('nrm_member').values({ user_id: real.id, team_id: national.id }).execute();
    const offLoopback = await referrals.submitSignal(
      { id: professional.id, role: 'nrm_professional' } as never,
      signal,
    );
    expect(offLoopback.ownerTeam.id).toBe(national.id);
    expect(offLoopback.ownerTeam.id).not.toBe(amsterdam.id);
  });
});
