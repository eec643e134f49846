// A signal goes to the coordination for the person's age where a region splits its coordination by age
// (Noord-Oost Gelderland in the sample directory: MEE-Veluwe under 23, Moviera from 23); with the age unknown,
// the first covering coordination owns the case and the others are told through a referral.
import { beforeAll, expect, it } from 'vitest';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { DEMO_ACCOUNTS } from './demo.js';
import type { SignalInput } from './service.js';

describeDb('routing a signal by municipality and age', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: { id: string; role: 'nrm_professional' };
  let mee: string;
  let moviera: string;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const email = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_professional')!.email;
    const user = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    professional = { id: user.id, role: 'nrm_professional' };
    const teams = await t.database.db.selectFrom('nrm_team').select(['id', 'name']).execute();
    mee = teams.find((x) => x.name.includes('MEE-Veluwe'))!.id;
    moviera = teams.find((x) => x.name.includes('Noord-Oost Gelderland') && x.name.includes('Moviera'))!.id;
    // Signals go only to teams where someone can act: one coordinator in each.
    for (const team of [mee, moviera]) {
      const coordinator = await createUser(t.services, { role: 'nrm_coordinator' });
      await t.services.referrals.setMembership(null, { email: coordinator.email, teamId: team });
    }
  });

  const signal = (o: Partial<SignalInput>): SignalInput => ({
    kind: 'signal',
    municipality: 'Apeldoorn',
    urgency: 'normal',
    minor: 'unknown',
    consent: 'yes',
    vitalInterest: false,
    forms: ['labour'],
    signals: [],
    methodsOfControl: [],
    recruitment: [],
    sector: '',
    needs: [],
    gender: 'unknown',
    ageGroup: 'unknown',
    citizenship: '',
    summary: '',
    name: '',
    dateOfBirth: '',
    contact: '',
    ...o,
  });

  async function routed(o: Partial<SignalInput>) {
    const { id } = await t.services.referrals.submitSignal(professional, signal(o));
    const row = await t.database.db
      .selectFrom('nrm_case')
      .select('owner_team_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const referrals = await t.database.db
      .selectFrom('nrm_referral')
      .select('to_team_id')
      .where('case_id', '=', id)
      .execute();
    return { owner: row.owner_team_id, informed: referrals.map((r) => r.to_team_id) };
  }

  it('gives a minor to the coordination for victims under 23', async () => {
    expect(await routed({ minor: 'yes' })).toEqual({ owner: mee, informed: [] });
  });

  it('gives a person of 30 (from the date of birth) to the coordination for 23 and over', async () => {
    expect(await routed({ minor: 'no', dateOfBirth: '1996-03-14', name: 'Test Persoon' })).toEqual({
      owner: moviera,
      informed: [],
    });
  });

  it('gives an age group of 24–26 to the coordination for 23 and over', async () => {
    expect(await routed({ minor: 'no', ageGroup: '24--26' })).toEqual({ owner: moviera, informed: [] });
  });

  it('lets both know when the age could be on either side of 23, or is unknown', async () => {
    for (const o of [{ minor: 'no', ageGroup: '21--23' }, { minor: 'unknown' }]) {
      const { owner, informed } = await routed(o);
      expect([owner, ...informed].sort()).toEqual([mee, moviera].sort());
    }
  });
});
