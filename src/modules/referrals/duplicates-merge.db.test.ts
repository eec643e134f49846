// Issue 20, point 6, "merge with audit": the national coordinator merges a pair (open or linked), choosing the case
// that continues; the other closes as "merged" pointing to it, its open referral withdrawn and its open placement
// request cancelled (each a step in its timeline), the continuing case's empty person fields filled (sealed again
// for its own row), one audit entry with both references and no values; the merged case's region sees that its
// case was merged by the national coordination, never the other case's reference, team or content. Refused: every
// role but national (403), bad input (400 naming the field), an unknown pair (404), a stale form, a dismissed pair,
// a person still placed through the merged case, a closed or anonymised case, a second merge (409), a merged case
// reopened; nothing is written on any of them.
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { TestClock, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { addWorkingDays } from './model.js';
import type { SignalInput } from './service.js';
import type { SupportInput } from './support/service.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};

const base: SignalInput = {
  kind: 'signal',
  urgency: 'normal',
  consent: 'yes',
  vitalInterest: false,
  minor: 'no',
  forms: ['labour'],
  signals: ['no_id_documents'],
  recruitment: [],
  methodsOfControl: [],
  needs: [],
  sector: '',
  gender: 'female',
  ageGroup: '',
  citizenship: 'RO',
  summary: 'Fictief: signaal voor de samenvoegtest.',
  contact: '',
  name: '',
  dateOfBirth: '',
  municipality: '',
};

const PAIRS = {
  anna: { name: 'Ilinca Dragomirescu', dateOfBirth: '1988-06-23' },
  dismissed: { name: 'Tereza Hrabalova', dateOfBirth: '1995-11-02' },
  placed: { name: 'Sunniva Haugland', dateOfBirth: '2000-01-30' },
  closed: { name: 'Chidinma Okonkwo', dateOfBirth: '1992-08-17' },
  anonymised: { name: 'Aurelija Zemaityte', dateOfBirth: '1979-03-05' },
  // Issue 20 point 1: what was decided about the person, and their support track, continue with them.
  carried: { name: 'Oluwaseun Adebayo', dateOfBirth: '1990-04-12' },
  same: { name: 'Ingrid Solbakken', dateOfBirth: '1985-09-09' },
  waiting: { name: 'Marisol Quintanilla', dateOfBirth: '1998-12-01' },
  held: { name: 'Katarzyna Wieczorek', dateOfBirth: '1983-02-14' },
} as const;
const REASONS = 'QZXMERGEREASON Fictief: werkte zonder loon';
const AID = 'QZXMERGEAID Fictief advocatenkantoor';
const PLACE = 'QZXMERGEPLACE Fictief politiebureau';
type PairName = keyof typeof PAIRS;
const CARRY = ['carried', 'same', 'waiting', 'held'] as const;

describeDb('merging duplicates (attack tests)', () => {
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const t = useTestApp({ clock });
  const ids = {} as Record<PairName, { ams: string; rdam: string; amsRef: string; rdamRef: string }>;
  let national: Agent;
  let rotterdamCoordinator: Agent;
  let amsterdamName = '';
  let shelterTeam = '';

  const caseRow = (id: string) =>
    t.database.db.selectFrom('nrm_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const pairRow = (p: PairName) => {
    const [a, b] = [ids[p].ams, ids[p].rdam].sort();
    return t.database.db
      .selectFrom('nrm_duplicate')
      .selectAll()
      .where('case_a', '=', a!)
      .where('case_b', '=', b!)
      .executeTakeFirst();
  };
  /** The form as the national coordinator's page sends it, for a pair, keeping Amsterdam's case. */
  const form = async (p: PairName, over: Record<string, string> = {}) => ({
    a: ids[p].ams,
    b: ids[p].rdam,
    keep: ids[p].ams,
    versionA: String((await caseRow(ids[p].ams)).version),
    versionB: String((await caseRow(ids[p].rdam)).version),
    ...over,
  });
  const users = {} as Record<'ams' | 'rdam', { id: string; role: 'nrm_coordinator' }>;
  const decisionsOf = (caseId: string) =>
    t.database.db
      .selectFrom('nrm_decision')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('due_at')
      .execute();
  const supportOf = (caseId: string) =>
    t.database.db.selectFrom('nrm_support').selectAll().where('case_id', '=', caseId).executeTakeFirst();
  /** A first decision on one side's case, taken by that region's coordinator through the service. */
  const decide = async (side: 'ams' | 'rdam', p: PairName, outcome: 'positive' | 'negative') =>
    t.services.referrals.decide(users[side], ids[p][side], {
      version: (await caseRow(ids[p][side])).version,
      step: 'vermoedelijk_slachtoffer',
      outcome,
      reasons: REASONS,
    });
  const support = async (side: 'ams' | 'rdam', p: PairName, over: Partial<SupportInput>) =>
    t.services.referrals.saveSupport(users[side], ids[p][side], {
      version: (await caseRow(ids[p][side])).version,
      recoveryStart: '',
      recoveryDays: '',
      aangifte: '',
      aangifteOn: '',
      aangiftePlace: '',
      b8AppliedOn: '',
      b8Outcome: '',
      b8DecidedOn: '',
      legalAidOn: '',
      legalAid: '',
      ...over,
    });
  const written = async () => ({
    merged: await t.database.db
      .selectFrom('nrm_case')
      .select('id')
      .where('merged_into', 'is not', null)
      .execute(),
    audit: await t.database.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'nrm.duplicate.merge')
      .execute(),
    events: await t.database.db
      .selectFrom('nrm_case_event')
      .select('id')
      .where('kind', 'in', ['merged_in', 'merged_away'])
      .execute(),
  });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    const rotterdamTeam = await t.database.db
      .selectFrom('nrm_team')
      .select(['id', 'name'])
      .where('kind', '=', 'care_coordination')
      .where('name', 'like', '%Rotterdam%')
      .executeTakeFirstOrThrow();
    const rotterdam = await createUser(t.services, { role: 'nrm_coordinator' });
    await t.database.db
      .insertInto('nrm_member')
      .values({ user_id: rotterdam.id, team_id: rotterdamTeam.id })
      .execute();
    const professional = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', account('nrm_professional').email)
      .executeTakeFirstOrThrow();
    shelterTeam = (
      await t.database.db
        .selectFrom('nrm_team')
        .select('id')
        .where('kind', '=', 'shelter')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [key, person] of Object.entries(PAIRS) as [PairName, (typeof PAIRS)[PairName]][]) {
      clock.advance(60_000);
      const ams = await t.services.referrals.submitSignal(
        { id: professional.id, role: 'nrm_professional' },
        { ...base, ...person, municipality: 'GM0363' },
      );
      clock.advance(60_000);
      const rdam = await t.services.referrals.submitSignal(
        { id: professional.id, role: 'nrm_professional' },
        { ...base, ...person, municipality: 'GM0599', contact: `Fictief ${key} 06-12345678` },
      );
      ids[key] = { ams: ams.id, rdam: rdam.id, amsRef: ams.reference, rdamRef: rdam.reference };
    }
    const amsterdamOwner = await caseRow(ids.anna.ams);
    amsterdamName = (
      await t.database.db
        .selectFrom('nrm_team')
        .select('name')
        .where('id', '=', amsterdamOwner.owner_team_id)
        .executeTakeFirstOrThrow()
    ).name;
    // Rotterdam's Anna case has a referral waiting for an answer and a placement request open; the "placed"
    // pair's Rotterdam case has a person in a shelter.
    const open = (caseId: string, status: string) => ({
      id: crypto.randomUUID(),
      case_id: caseId,
      shelter_team_id: shelterTeam,
      category: 'women',
      status,
      requested_at: clock.read(),
      requested_by: null,
      responded_at: null,
      responded_by: null,
      reason: null,
    });
    await t.database.db
      .insertInto('nrm_referral')
      .values({
        id: crypto.randomUUID(),
        case_id: ids.anna.rdam,
        kind: 'refer',
        service_type: 'care',
        from_team_id: rotterdamTeam.id,
        to_team_id: shelterTeam,
        status: 'pending',
        shares_personal_data: true,
        legal_ground: 'consent',
        reason: null,
        created_at: clock.read(),
        created_by: null,
        responded_at: null,
        responded_by: null,
        response_reason: null,
      })
      .execute();
    await t.database.db
      .insertInto('nrm_placement')
      .values([open(ids.anna.rdam, 'requested'), open(ids.placed.rdam, 'accepted')])
      .execute();
    // The carry-over pairs: a coordinator of each region decides and records support on its own case.
    const amsterdamUser = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', account('nrm_coordinator').email)
      .executeTakeFirstOrThrow();
    users.ams = { id: amsterdamUser.id, role: 'nrm_coordinator' };
    users.rdam = { id: rotterdam.id, role: 'nrm_coordinator' };
    await t.database.db
      .updateTable('nrm_case')
      .set({ status: 'triage' })
      .where(
        'id',
        'in',
        CARRY.flatMap((p) => [ids[p].ams, ids[p].rdam]),
      )
      .execute();
    await decide('rdam', 'carried', 'positive');
    await support('rdam', 'carried', {
      recoveryStart: '2026-03-01',
      aangifte: 'yes',
      aangifteOn: '2026-02-20',
      aangiftePlace: PLACE,
      b8AppliedOn: '2026-02-10',
      b8Outcome: 'granted',
      b8DecidedOn: '2026-02-28',
      legalAidOn: '2026-02-25',
      legalAid: AID,
    });
    await t.database.db
      .updateTable('nrm_case')
      .set({ reflection_ends_on: '2026-05-29' })
      .where('id', '=', ids.carried.rdam)
      .execute();
    await support('ams', 'carried', { aangifte: 'no', b8AppliedOn: '2026-02-27' });
    await decide('ams', 'same', 'negative');
    await decide('rdam', 'same', 'positive');
    // The conclusive decision that followed on the Rotterdam case (a regional lead's; written as it is stored).
    await t.database.db
      .insertInto('nrm_decision')
      .values({
        id: crypto.randomUUID(),
        case_id: ids.same.rdam,
        type_code: 'slachtoffer',
        due_at: addWorkingDays(clock.read(), 30),
        outcome: 'positive',
        decided_at: clock.read(),
      })
      .execute();
    await decide('rdam', 'waiting', 'negative');
    clock.advance(86_400_000);
    const [negative] = await decisionsOf(ids.waiting.rdam);
    await t.services.referrals.requestReconsideration(users.rdam, ids.waiting.rdam, {
      version: (await caseRow(ids.waiting.rdam)).version,
      decision: negative!.id,
    });
    await decide('rdam', 'held', 'positive');
    await support('rdam', 'held', { recoveryStart: '2026-03-01' });
    await t.database.db.insertInto('nrm_placement').values(open(ids.held.rdam, 'accepted')).execute();
    national = await signIn(t, account('nrm_national'));
    rotterdamCoordinator = await signIn(t, rotterdam);
    for (const p of Object.keys(PAIRS) as PairName[]) expect(await pairRow(p)).toBeDefined();
  });

  it('refuses every role but the national coordinator, writing nothing', async () => {
    for (const role of [
      'nrm_coordinator',
      'nrm_regional_lead',
      'nrm_shelter',
      'nrm_professional',
      'privacy_officer',
    ]) {
      const agent = await signIn(t, account(role));
      expect((await agent.post('/nvm/duplicates/merge', await form('anna'))).statusCode, role).toBe(403);
    }
    expect((await rotterdamCoordinator.post('/nvm/duplicates/merge', await form('anna'))).statusCode).toBe(
      403,
    );
    expect((await written()).audit).toHaveLength(0);
  });

  it('refuses bad input with a 400 naming the field and an unknown pair with a 404, writing nothing', async () => {
    const empty = await national.post('/en/nvm/duplicates/merge', {});
    expect(empty.statusCode).toBe(400);
    const keep = await national.post(
      '/en/nvm/duplicates/merge',
      await form('anna', { keep: ids.placed.ams }),
    );
    expect(keep.statusCode).toBe(400);
    expect(keep.body).toContain('Choose which case continues.');
    const dutch = await national.post('/nvm/duplicates/merge', await form('anna', { keep: '' }));
    expect(dutch.statusCode).toBe(400);
    expect(dutch.body).toContain('keep');
    const forged = await national.post('/en/nvm/duplicates/merge', await form('anna', { versionA: 'x' }));
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('versionA');
    const unknown = await national.post('/nvm/duplicates/merge', await form('anna', { b: ids.placed.rdam }));
    expect(unknown.statusCode).toBe(404);
    const notId = await national.post('/nvm/duplicates/merge', await form('anna', { a: 'x'.repeat(36) }));
    expect(notId.statusCode).toBe(404);
    expect(await written()).toEqual({ merged: [], audit: [], events: [] });
  });

  it('refuses a stale form with a 409, writing nothing', async () => {
    const stale = await form('anna');
    // Someone changes the Rotterdam case after the page was loaded.
    await t.database.db
      .updateTable('nrm_case')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', ids.anna.rdam)
      .execute();
    const res = await national.post('/en/nvm/duplicates/merge', stale);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Someone changed this case in the meantime.');
    expect(await written()).toEqual({ merged: [], audit: [], events: [] });
    expect((await caseRow(ids.anna.rdam)).status).not.toBe('closed');
  });

  it('refuses a pair recorded as not the same person', async () => {
    const dismissed = await national.post('/nvm/duplicates/decide', {
      a: ids.dismissed.ams,
      b: ids.dismissed.rdam,
      outcome: 'dismissed',
    });
    expect(dismissed.statusCode).toBe(303);
    const res = await national.post('/en/nvm/duplicates/merge', await form('dismissed'));
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('not the same person');
    expect((await pairRow('dismissed'))?.outcome).toBe('dismissed');
    expect(await written()).toEqual({ merged: [], audit: [], events: [] });
  });

  it('refuses while the person is placed through the case that would close (exit first)', async () => {
    const res = await national.post(
      '/en/nvm/duplicates/merge',
      await form('placed', { keep: ids.placed.ams }),
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('the shelter records the exit first');
    expect((await caseRow(ids.placed.rdam)).status).not.toBe('closed');
    expect((await pairRow('placed'))?.outcome).toBeNull();
    expect(await written()).toEqual({ merged: [], audit: [], events: [] });
  });

  it('refuses a closed or an anonymised case', async () => {
    await t.database.db
      .updateTable('nrm_case')
      .set({ status: 'closed', closed_at: clock.read(), closed_reason: 'other' })
      .where('id', '=', ids.closed.rdam)
      .execute();
    await t.database.db
      .updateTable('nrm_case')
      .set({ anonymised_at: clock.read() })
      .where('id', '=', ids.anonymised.ams)
      .execute();
    for (const p of ['closed', 'anonymised'] as const) {
      const res = await national.post('/en/nvm/duplicates/merge', await form(p));
      expect(res.statusCode, p).toBe(409);
      expect(res.body).toContain('closed or anonymised');
      expect((await pairRow(p))?.outcome).toBeNull();
    }
    expect(await written()).toEqual({ merged: [], audit: [], events: [] });
  });

  it('merges a linked pair: closes the other case as merged, withdraws its open work, fills the person, audits once', async () => {
    const linked = await national.post('/nvm/duplicates/decide', {
      a: ids.anna.ams,
      b: ids.anna.rdam,
      outcome: 'linked',
    });
    expect(linked.statusCode).toBe(303);
    const page = await national.get('/en/nvm/duplicates');
    const [x, y] = [ids.anna.amsRef, ids.anna.rdamRef];
    expect(page.body).toMatch(new RegExp(`(${x} and ${y}|${y} and ${x}): the same person`));
    // The linked pair shows what was decided about the person: each of its cases is audited as read.
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'nrm.duplicate.read')
      .where('entity_id', 'in', [ids.anna.ams, ids.anna.rdam])
      .execute();
    expect(new Set(reads.map((r) => r.entity_id))).toEqual(new Set([ids.anna.ams, ids.anna.rdam]));
    const before = await caseRow(ids.anna.ams);
    const merged = await national.post('/en/nvm/duplicates/merge', await form('anna'));
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toBe('/en/nvm/duplicates?done=merged');
    expect((await national.get(merged.headers.location!)).body).toContain('Merged: the other case is closed');

    const gone = await caseRow(ids.anna.rdam);
    expect(gone).toMatchObject({ status: 'closed', closed_reason: 'merged', merged_into: ids.anna.ams });
    expect((await caseRow(ids.anna.ams)).version).toBe(before.version + 1);
    expect((await pairRow('anna'))?.outcome).toBe('merged');
    const referral = await t.database.db
      .selectFrom('nrm_referral')
      .select('status')
      .where('case_id', '=', ids.anna.rdam)
      .executeTakeFirstOrThrow();
    expect(referral.status).toBe('withdrawn');
    const placement = await t.database.db
      .selectFrom('nrm_placement')
      .select('status')
      .where('case_id', '=', ids.anna.rdam)
      .executeTakeFirstOrThrow();
    expect(placement.status).toBe('cancelled');
    const kinds = async (caseId: string) =>
      (
        await t.database.db
          .selectFrom('nrm_case_event')
          .select('kind')
          .where('case_id', '=', caseId)
          .orderBy('id')
          .execute()
      ).map((e) => e.kind);
    expect(await kinds(ids.anna.rdam)).toEqual(
      expect.arrayContaining(['referral_withdrawn', 'placement_cancelled', 'merged_away']),
    );
    expect(await kinds(ids.anna.ams)).toContain('merged_in');
    // The merged case's keys are gone: a later signal of this person meets the continuing case only.
    expect(
      await t.database.db
        .selectFrom('nrm_match_key')
        .select('case_id')
        .where('case_id', '=', ids.anna.rdam)
        .execute(),
    ).toEqual([]);

    // One audit entry, both references, no values.
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['entity_id', 'detail'])
      .where('action', '=', 'nrm.duplicate.merge')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entity_id).toBe(ids.anna.ams);
    const detail = JSON.stringify(audit[0]!.detail);
    expect(detail).toContain(ids.anna.amsRef);
    expect(detail).toContain(ids.anna.rdamRef);
    expect(detail).toContain('contact');
    expect(detail).not.toMatch(/Fictief|Ilinca|1988/);

    // The continuing case's empty contact is filled, sealed for its own row, and readable by its owner.
    const person = await t.database.db
      .selectFrom('nrm_person')
      .select('contact_enc')
      .where('case_id', '=', ids.anna.ams)
      .executeTakeFirstOrThrow();
    expect(person.contact_enc).toMatch(/^f1:/);
    const amsterdam = await signIn(t, account('nrm_coordinator'));
    const own = await amsterdam.get(`/en/nvm/cases/${ids.anna.ams}`);
    expect(own.body).toContain('Fictief anna 06-12345678');
    expect(own.body).toContain(
      'The national coordination merged another case of the same person into this case',
    );
    expect(own.body).not.toContain(ids.anna.rdamRef);

    // Rotterdam sees its closed case was merged by the national coordination: not where, not which.
    const theirs = await rotterdamCoordinator.get(`/en/nvm/cases/${ids.anna.rdam}`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).toContain('Merged by the national coordination into another case of the same person');
    expect(theirs.body).not.toContain(ids.anna.amsRef);
    expect(theirs.body).not.toContain(ids.anna.ams);
    // (Every team is listed as a possible recipient in the case's forms; nowhere else is Amsterdam named.)
    expect(theirs.body.replace(/<option[^>]*>[^<]*<\/option>/g, '')).not.toContain(amsterdamName);
    expect((await rotterdamCoordinator.get(`/nvm/cases/${ids.anna.ams}`)).statusCode).toBe(404);
    const exported = await rotterdamCoordinator.get(`/en/nvm/cases/${ids.anna.rdam}/export.json`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(ids.anna.ams);
    expect(exported.body).not.toContain(ids.anna.amsRef);

    // A second merge is a 409 and a merged case does not reopen.
    const again = await national.post('/en/nvm/duplicates/merge', {
      ...(await form('anna')),
    });
    expect(again.statusCode).toBe(409);
    const reopen = await rotterdamCoordinator.post(`/en/nvm/cases/${ids.anna.rdam}/transition`, {
      version: String((await caseRow(ids.anna.rdam)).version),
      to: 'assessment',
      reason: 'Opnieuw',
    });
    expect(reopen.statusCode).toBe(409);
    expect((await caseRow(ids.anna.rdam)).status).toBe('closed');
    expect((await written()).audit).toHaveLength(1);
  });

  it('merges an open pair without a link first, keeping the Rotterdam case', async () => {
    await t.database.db.deleteFrom('nrm_placement').where('case_id', '=', ids.placed.rdam).execute();
    const res = await national.post('/nvm/duplicates/merge', await form('placed', { keep: ids.placed.rdam }));
    expect(res.statusCode).toBe(303);
    expect(await caseRow(ids.placed.ams)).toMatchObject({
      closed_reason: 'merged',
      merged_into: ids.placed.rdam,
    });
  });

  it('refuses a stale form and a person still placed without moving a decision or filling a fact', async () => {
    const before = {
      carried: await decisionsOf(ids.carried.rdam),
      held: await decisionsOf(ids.held.rdam),
      track: await supportOf(ids.carried.ams),
    };
    const stale = await form('carried');
    await t.database.db
      .updateTable('nrm_case')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', ids.carried.ams)
      .execute();
    expect((await national.post('/en/nvm/duplicates/merge', stale)).statusCode).toBe(409);
    const placed = await national.post('/en/nvm/duplicates/merge', await form('held'));
    expect(placed.statusCode).toBe(409);
    expect(placed.body).toContain('the shelter records the exit first');
    expect(await decisionsOf(ids.carried.rdam)).toEqual(before.carried);
    expect(await decisionsOf(ids.held.rdam)).toEqual(before.held);
    expect(await decisionsOf(ids.carried.ams)).toEqual([]);
    expect(await decisionsOf(ids.held.ams)).toEqual([]);
    expect(await supportOf(ids.carried.ams)).toEqual(before.track);
    expect(await supportOf(ids.held.ams)).toBeUndefined();
    expect((await caseRow(ids.carried.ams)).reflection_ends_on).toBeNull();
    const lines = await t.database.db
      .selectFrom('nrm_case_event')
      .select('id')
      .where('kind', 'in', [
        'merge_decisions_carried',
        'merge_decisions_kept',
        'merge_support_filled',
        'merge_decisions_moved',
      ])
      .execute();
    expect(lines).toEqual([]);
  });

  it('shows the coordinator, per case, what was decided and runs, and what a merge either way carries over', async () => {
    const page = await national.get('/en/nvm/duplicates');
    expect(page.statusCode).toBe(200);
    const { amsRef, rdamRef } = ids.carried;
    const card = page.body.split('<section').find((part) => part.includes(amsRef) && part.includes(rdamRef))!;
    expect(card).toContain('Presumed victim (reasonable grounds): Yes (positive)');
    expect(card).toContain('Recovery period until');
    expect(card).toContain('Reflection period until');
    expect(card).toContain('None yet');
    expect(card).toContain('What a merge carries over to the case that continues');
    // Into Amsterdam's case: the decision and the facts it lacks; into Rotterdam's: its empty b8 stays (it has one).
    const row = (reference: string) =>
      card.slice(card.indexOf(`${reference} continues</`)).split('</tr>')[0]!;
    expect(row(amsRef)).toContain('Presumed victim (reasonable grounds)');
    expect(row(amsRef)).toContain('reflection period, recovery period, legal aid');
    expect(row(rdamRef)).not.toContain('Presumed victim');
    expect(row(rdamRef)).not.toContain('period');
    // No value of the track is on the page (where the aangifte was made, who gives legal aid).
    expect(page.body).not.toContain('QZXMERGE');
  });

  it('carries a positive first decision over: the continuing case is due the following decision on its clock', async () => {
    const [decision] = await decisionsOf(ids.carried.rdam);
    const rdamTrack = (await supportOf(ids.carried.rdam))!;
    const res = await national.post('/en/nvm/duplicates/merge', await form('carried'));
    expect(res.statusCode).toBe(303);
    expect((await decisionsOf(ids.carried.ams)).map((d) => d.id)).toEqual([decision!.id]);
    expect(await decisionsOf(ids.carried.rdam)).toEqual([]);
    const { identification } = await t.services.referrals.getCase(users.ams, ids.carried.ams);
    expect(identification.due.map((d) => d.type.code)).toEqual(['slachtoffer']);
    // The conclusive decision's clock started when the presumed one stood positive, on the other case.
    expect(identification.due[0]!.dueAt).toEqual(addWorkingDays(decision!.decided_at!, 30));
    // The stored moment that "waiting on my team" sorts by says the same (identification/next-due-repository.ts); the closed
    // merged case has none due.
    const stored = await caseRow(ids.carried.ams);
    expect(stored.next_decision_code).toBe('slachtoffer');
    expect(stored.next_decision_due_at).toEqual(identification.due[0]!.dueAt);
    expect((await caseRow(ids.carried.rdam)).next_decision_due_at).toBeNull();

    // Support: empty facts filled whole, the case's own kept whole, the sealed texts sealed again for this case.
    const track = (await supportOf(ids.carried.ams))!;
    expect(track).toMatchObject({
      recovery_starts_on: '2026-03-01',
      recovery_ends_on: '2026-03-31',
      recovery_warned_at: null,
      aangifte: 'no',
      aangifte_on: null,
      aangifte_place_enc: null,
      b8_applied_on: '2026-02-27',
      b8_outcome: 'pending',
      b8_decided_on: null,
      legal_aid_on: '2026-02-25',
    });
    expect(track.legal_aid_enc).toMatch(/^f1:/);
    expect(track.legal_aid_enc).not.toBe(rdamTrack.legal_aid_enc);
    expect((await caseRow(ids.carried.ams)).reflection_ends_on).toBe('2026-05-29');

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'nrm.duplicate.merge')
      .where('entity_id', '=', ids.carried.ams)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({
      movedDecisions: [decision!.id],
      keptDecisions: [],
      supportFilled: ['reflection', 'recovery', 'legal_aid'],
    });
    expect(JSON.stringify(audit.detail)).not.toMatch(/QZXMERGE|2026-03-31|2026-05-29/);

    // The continuing team reads the decision with its reasons, the legal aid, and the lines saying what came
    // over; never the other case's reference, nor the aangifte place its own answer kept out.
    const amsterdam = await signIn(t, account('nrm_coordinator'));
    const own = await amsterdam.get(`/en/nvm/cases/${ids.carried.ams}`);
    expect(own.body).toContain(REASONS);
    expect(own.body).toContain(AID);
    expect(own.body).toContain('Victim (conclusive grounds)');
    expect(own.body).toContain('Decisions about the person taken on the merged case were carried over');
    expect(own.body).toContain('Support facts this case lacked were filled from the merged case');
    expect(own.body).toContain('reflection period, recovery period, legal aid');
    expect(own.body).not.toContain(PLACE);
    expect(own.body).not.toContain(ids.carried.rdamRef);
    expect(own.body).not.toContain(ids.carried.rdam);
    // Rotterdam's closed case says its decisions went with the person, not where.
    const theirs = await rotterdamCoordinator.get(`/en/nvm/cases/${ids.carried.rdam}`);
    expect(theirs.body).toContain('Decisions about the person taken on this case moved with them');
    expect(theirs.body).not.toContain(ids.carried.amsRef);
    expect(theirs.body).not.toContain(ids.carried.ams);
    const exported = await amsterdam.get(`/en/nvm/cases/${ids.carried.ams}/export.json`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(ids.carried.rdamRef);
    expect(exported.body).not.toContain(ids.carried.rdam);
  });

  it('keeps the continuing case’s decision when both have one of the type, and what followed the other', async () => {
    const [ours] = await decisionsOf(ids.same.ams);
    const theirs = await decisionsOf(ids.same.rdam);
    expect(theirs.map((d) => d.type_code)).toEqual(['vermoedelijk_slachtoffer', 'slachtoffer']);
    const res = await national.post('/en/nvm/duplicates/merge', await form('same'));
    expect(res.statusCode).toBe(303);
    // Amsterdam's negative decision stands; Rotterdam's positive one and the conclusive decision that followed
    // it stay with the merged record (a conclusive decision on a case whose presumed one stands negative would
    // contradict what is due).
    expect(await decisionsOf(ids.same.ams)).toEqual([ours]);
    expect((await decisionsOf(ids.same.rdam)).map((d) => d.id)).toEqual(theirs.map((d) => d.id));
    const { identification } = await t.services.referrals.getCase(users.ams, ids.same.ams);
    expect(identification.due).toEqual([]);
    expect(identification.decisions.map((d) => d.standing)).toEqual(['negative']);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'nrm.duplicate.merge')
      .where('entity_id', '=', ids.same.ams)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({
      movedDecisions: [],
      keptDecisions: theirs.map((d) => d.id),
      supportFilled: [],
    });
    const own = await (await signIn(t, account('nrm_coordinator'))).get(`/en/nvm/cases/${ids.same.ams}`);
    expect(own.body).toContain('Decisions on the merged case were not carried over');
    expect(own.body).toContain('Presumed victim (reasonable grounds), Victim (conclusive grounds)');
    expect(own.body).not.toContain(ids.same.rdamRef);
  });

  it('moves a waiting reconsideration with its decision, on its own clock', async () => {
    const before = await decisionsOf(ids.waiting.rdam);
    const waiting = before.find((d) => d.reconsiders_id)!;
    expect(waiting.outcome).toBeNull();
    clock.advance(2 * 86_400_000);
    national = await signIn(t, account('nrm_national'));
    const res = await national.post('/en/nvm/duplicates/merge', await form('waiting'));
    expect(res.statusCode).toBe(303);
    const after = await decisionsOf(ids.waiting.ams);
    expect(after.map(({ case_id: _c, ...d }) => d)).toEqual(before.map(({ case_id: _c, ...d }) => d));
    const { identification } = await t.services.referrals.getCase(users.ams, ids.waiting.ams);
    // The reconsideration is what is due, by the deadline set at its request; the first decision is not asked again.
    expect(identification.due).toHaveLength(1);
    expect(identification.due[0]).toMatchObject({
      decisionId: waiting.id,
      startedAt: waiting.requested_at,
      dueAt: waiting.due_at,
    });
  });
});
