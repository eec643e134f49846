// Issue 20, point 6, done when "a person signalled twice is flagged to the national coordinator without any region
// seeing another's file": one person signalled in Amsterdam and in Rotterdam (with and without diacritics) is a
// candidate pair on CoMensha's page with its score and reasons; the Amsterdam coordinator gets 403 on that page,
// 404 on the Rotterdam file and never sees its name or reference; two people with one common name and different
// dates of birth are not offered; the same person in Bergen (NH.) and Bergen (L.), two look-alike places in two
// regions, is offered as "another region"; the stored blocking keys are keyed hashes that say nothing about the
// name; linking and dismissing are audited, remembered and refused twice; bad input is a 400 with nothing written.
import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { TestClock, testConfig, useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
import { blockingKeys } from './duplicates/matching.js';
import { matchKeyHasher } from './duplicates/service.js';
import type { SignalInput } from './service.js';

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
  citizenship: 'TR',
  summary: 'Fictief: signaal voor de dubbelingentest.',
  contact: '',
  name: '',
  dateOfBirth: '',
  municipality: '',
};

describeDb('duplicate detection across regions (attack tests)', () => {
  const clock = new TestClock('2026-03-02T09:00:00Z');
  const t = useTestApp({ clock });
  const ids: Record<string, { id: string; reference: string }> = {};
  const pairOf = (x: string, y: string) => {
    const [a, b] = [ids[x]!.id, ids[y]!.id].sort();
    return t.database.db
      .selectFrom('nrm_duplicate')
      .selectAll()
      .where('case_a', '=', a!)
      .where('case_b', '=', b!)
      .executeTakeFirst();
  };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    // Rotterdam's coordination gets a coordinator, so a signal there goes to Rotterdam, not to CoMensha.
    const rotterdamTeam = await t.database.db
      .selectFrom('nrm_team')
      .select('id')
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
    const signal = async (key: string, input: Partial<SignalInput>) => {
      clock.advance(60_000);
      ids[key] = await t.services.referrals.submitSignal(
        { id: professional.id, role: 'nrm_professional' },
        { ...base, ...input },
      );
    };
    await signal('zoeAmsterdam', {
      municipality: 'GM0363',
      name: 'Zoë Bénédicte Ünal',
      dateOfBirth: '2001-03-07',
    });
    await signal('zoeRotterdam', {
      municipality: 'GM0599',
      name: 'Zoe Benedicte Unal',
      dateOfBirth: '2001-03-07',
    });
    await signal('ahmedAmsterdam', {
      municipality: 'GM0363',
      name: 'Mohamed Ahmed',
      dateOfBirth: '1985-02-14',
      gender: 'male',
      citizenship: 'MA',
    });
    await signal('ahmedRotterdam', {
      municipality: 'GM0599',
      name: 'Mohamed Ahmed',
      dateOfBirth: '1993-09-30',
      gender: 'male',
      citizenship: 'MA',
    });
    await signal('bergenNH', { municipality: 'GM0373', name: 'Lotte Bakker', dateOfBirth: '1999-12-01' });
    await signal('bergenL', { municipality: 'GM0893', name: 'Bakker Lotte', dateOfBirth: '1999-01-12' });
  });

  it('flags one person signalled in two regions to the national coordinator, with score and reasons', async () => {
    const pair = await pairOf('zoeAmsterdam', 'zoeRotterdam');
    expect(pair?.score).toBeGreaterThanOrEqual(90);
    const national = await signIn(t, account('nrm_national'));
    const page = await national.get('/en/nvm/duplicates');
    expect(page.statusCode).toBe(200);
    const [a, b] = [ids.zoeAmsterdam!.reference, ids.zoeRotterdam!.reference];
    expect(page.body).toMatch(new RegExp(`(${a} and ${b}|${b} and ${a}): score (9\\d|100) of 100`));
    expect(page.body).toContain('Zoë Bénédicte Ünal');
    expect(page.body).toContain('Zoe Benedicte Unal');
    expect(page.body).toContain('Signalled in another region');
    expect(page.body).toContain('Same date of birth');
    // Every case shown is in the audit trail as read by the national coordinator.
    const reads = await t.database.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'nrm.duplicate.read')
      .execute();
    expect(reads.map((r) => r.entity_id)).toEqual(
      expect.arrayContaining([ids.zoeAmsterdam!.id, ids.zoeRotterdam!.id]),
    );
    const dutch = await national.get('/nvm/duplicates');
    expect(dutch.body).toContain('Gesignaleerd in een andere regio');
  });

  it('does not offer two people with one common name and different dates of birth', async () => {
    expect(await pairOf('ahmedAmsterdam', 'ahmedRotterdam')).toBeUndefined();
    const national = await signIn(t, account('nrm_national'));
    const page = await national.get('/en/nvm/duplicates');
    expect(page.body).not.toContain(ids.ahmedAmsterdam!.reference);
    expect(page.body).not.toContain(ids.ahmedRotterdam!.reference);
  });

  it('offers the same person in Bergen (NH.) and Bergen (L.) as two regions, the places by their own names', async () => {
    const pair = await pairOf('bergenNH', 'bergenL');
    expect(pair?.reasons).toEqual(expect.arrayContaining(['region_other', 'dob_transposed', 'name_order']));
    expect(pair?.reasons).not.toContain('place_same');
    const national = await signIn(t, account('nrm_national'));
    const page = await national.get('/en/nvm/duplicates');
    expect(page.body).toContain('Bergen (NH.)');
    expect(page.body).toContain('Bergen (L.)');
  });

  it('shows no region the page, the pair or the other region’s file', async () => {
    const amsterdam = await signIn(t, account('nrm_coordinator'));
    expect((await amsterdam.get('/nvm/duplicates')).statusCode).toBe(403);
    expect((await amsterdam.get(`/nvm/cases/${ids.zoeRotterdam!.id}`)).statusCode).toBe(404);
    const own = await amsterdam.get(`/nvm/cases/${ids.zoeAmsterdam!.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.body).not.toContain(ids.zoeRotterdam!.reference);
    expect(own.body).not.toContain('Zoe Benedicte Unal');
    const queue = await amsterdam.get('/nvm');
    expect(queue.body).not.toContain(ids.zoeRotterdam!.reference);
    // Nor can a region decide on a pair.
    const posted = await amsterdam.post('/nvm/duplicates/decide', {
      a: ids.zoeAmsterdam!.id,
      b: ids.zoeRotterdam!.id,
      outcome: 'linked',
    });
    expect(posted.statusCode).toBe(403);
    for (const role of ['nrm_regional_lead', 'nrm_shelter', 'nrm_professional', 'privacy_officer'])
      expect((await (await signIn(t, account(role))).get('/nvm/duplicates')).statusCode).toBe(403);
    expect((await pairOf('zoeAmsterdam', 'zoeRotterdam'))?.outcome).toBeNull();
  });

  it('stores the blocking keys as keyed hashes that say nothing about the name', async () => {
    const stored = await t.database.db
      .selectFrom('nrm_match_key')
      .select('match_key')
      .where('case_id', '=', ids.zoeAmsterdam!.id)
      .execute();
    const clear = blockingKeys({ name: 'Zoë Bénédicte Ünal', dateOfBirth: '2001-03-07' });
    expect(stored.length).toBe(clear.length);
    const keyed = matchKeyHasher(testConfig().encryptionKey);
    expect(stored.map((s) => s.match_key).sort()).toEqual(clear.map(keyed).sort());
    // Not the plain words, not an unkeyed hash of a key (a dictionary of names would undo that), not another key's.
    const other = matchKeyHasher(Buffer.alloc(32, 9));
    for (const { match_key } of stored) {
      expect(match_key).not.toMatch(/zoe|unal|2001|benedicte/i);
      expect(clear.map((k) => createHash('sha256').update(k).digest('base64url').slice(0, 22))).not.toContain(
        match_key,
      );
      expect(clear.map(other)).not.toContain(match_key);
    }
  });

  it('refuses bad input with a 400 naming the field, and an unknown pair with a 404, writing nothing', async () => {
    const national = await signIn(t, account('nrm_national'));
    const empty = await national.post('/en/nvm/duplicates/decide', {});
    expect(empty.statusCode).toBe(400);
    const wrong = await national.post('/en/nvm/duplicates/decide', {
      a: ids.zoeAmsterdam!.id,
      b: ids.zoeRotterdam!.id,
      outcome: 'maybe',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('outcome');
    const unknown = await national.post('/nvm/duplicates/decide', {
      a: ids.ahmedAmsterdam!.id,
      b: ids.ahmedRotterdam!.id,
      outcome: 'linked',
    });
    expect(unknown.statusCode).toBe(404);
    const decided = await t.database.db
      .selectFrom('nrm_duplicate')
      .select('case_a')
      .where('outcome', 'is not', null)
      .execute();
    expect(decided).toHaveLength(0);
  });

  it('links the same person with a line in both timelines and the audit, once', async () => {
    const national = await signIn(t, account('nrm_national'));
    const linked = await national.post('/nvm/duplicates/decide', {
      a: ids.zoeRotterdam!.id,
      b: ids.zoeAmsterdam!.id,
      outcome: 'linked',
    });
    expect(linked.statusCode).toBe(303);
    const pair = await pairOf('zoeAmsterdam', 'zoeRotterdam');
    expect(pair?.outcome).toBe('linked');
    const events = await t.database.db
      .selectFrom('nrm_case_event')
      .select('case_id')
      .where('kind', '=', 'same_person')
      .execute();
    expect(events.map((e) => e.case_id).sort()).toEqual([ids.zoeAmsterdam!.id, ids.zoeRotterdam!.id].sort());
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'nrm.duplicate.link')
      .execute();
    expect(audit).toHaveLength(2);
    // The region's timeline says there is another case, not which or where.
    const amsterdam = await signIn(t, account('nrm_coordinator'));
    const own = await amsterdam.get(`/en/nvm/cases/${ids.zoeAmsterdam!.id}`);
    expect(own.body).toContain('The national coordination found that this person also has another case');
    expect(own.body).not.toContain(ids.zoeRotterdam!.reference);
    const again = await national.post('/nvm/duplicates/decide', {
      a: ids.zoeAmsterdam!.id,
      b: ids.zoeRotterdam!.id,
      outcome: 'dismissed',
    });
    expect(again.statusCode).toBe(409);
    expect((await pairOf('zoeAmsterdam', 'zoeRotterdam'))?.outcome).toBe('linked');
    const page = await national.get('/en/nvm/duplicates');
    expect(page.body).not.toContain('Zoe Benedicte Unal');
    expect(page.body).toContain('Recent decisions');
  });

  it('remembers "not the same person": indexing again does not offer the pair again', async () => {
    const national = await signIn(t, account('nrm_national'));
    const dismissed = await national.post('/nvm/duplicates/decide', {
      a: ids.bergenNH!.id,
      b: ids.bergenL!.id,
      outcome: 'dismissed',
    });
    expect(dismissed.statusCode).toBe(303);
    // The backfill computes every case's keys and pairs again; decisions stand, the pair stays off the page.
    await t.database.db.deleteFrom('nrm_match_key').execute();
    const done = await t.services.referrals.indexDuplicates({ batch: 2 });
    expect(done.cases).toBeGreaterThanOrEqual(6);
    expect((await pairOf('bergenNH', 'bergenL'))?.outcome).toBe('dismissed');
    expect((await pairOf('zoeAmsterdam', 'zoeRotterdam'))?.outcome).toBe('linked');
    const page = await national.get('/en/nvm/duplicates');
    expect(page.body).not.toContain('Lotte Bakker');
    expect(page.body).toContain('There are no possible duplicates to look at.');
  });

  it('finds the pair again when a rectification corrects the date of birth', async () => {
    const amsterdam = await signIn(t, account('nrm_coordinator'));
    const url = `/nvm/cases/${ids.ahmedAmsterdam!.id}`;
    const page = await amsterdam.get(url);
    const rectified = await amsterdam.post(`${url}/person`, {
      version: /name="version" value="(\d+)"/.exec(page.body)![1]!,
      name: 'Mohamed Ahmed',
      dateOfBirth: '1993-09-30',
      contact: '',
      specialNotes: '',
    });
    expect(rectified.statusCode).toBe(303);
    const pair = await pairOf('ahmedAmsterdam', 'ahmedRotterdam');
    expect(pair?.score).toBeGreaterThanOrEqual(90);
    expect(pair?.reasons).toContain('dob_same');
  });
});
