// Migration 0017 on both engines: what the old single consent becomes. A case with consent "yes" gets a given
// consent for exactly those who already relied on it (its owner for coordination, each pending or accepted
// referral that shared on the ground "consent", each open placement's shelter); a referral that shared on
// another ground, a declined one, and a case with "no" or "not asked" get none.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../../test/db.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadMigrations, migrate } from '../../db/migrate.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeDb('migration 0017: single consent to consent per recipient and purpose', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const db = database.db;
    await migrate(
      db,
      loadMigrations().filter((m) => m.version < 17),
    );
    const place = await sql<{ safety_region_code: string; police_unit_code: string }>`
      select m.safety_region_code, s.police_unit_code
      from municipality m join safety_region s on s.code = m.safety_region_code
      where m.code = 'GM0363'`.execute(db);
    const { safety_region_code, police_unit_code } = place.rows[0]!;
    const teams: [number, string][] = [
      [1, 'care_coordination'],
      [2, 'first_line'],
      [3, 'shelter'],
      [4, 'national'],
      [5, 'care_coordination'],
    ];
    for (const [n, kind] of teams)
      await sql`insert into nrm_team (id, kind, name, organisation_type)
        values (${id(n)}, ${kind}, ${`Team ${n}`}, 'other')`.execute(db);
    const at = new Date('2026-11-01T10:00:00Z');
    const caseRow = async (n: number, consent: string, minor = 'no') =>
      sql`insert into nrm_case (id, reference, kind, status, owner_team_id, origin_team_id, municipality_code,
          safety_region_code, police_unit_code, urgency, minor, consent, created_at, updated_at)
        values (${id(n)}, ${`2026-${n}`}, 'signal', 'referral', ${id(1)}, ${id(2)}, 'GM0363',
          ${safety_region_code}, ${police_unit_code}, 'normal', ${minor}, ${consent}, ${at}, ${at})`.execute(
        db,
      );
    await caseRow(100, 'yes');
    await caseRow(101, 'no');
    await caseRow(102, 'not_asked', 'yes');
    const referral = (
      n: number,
      caseN: number,
      to: number,
      service: string,
      status: string,
      shares: boolean,
      ground: string | null,
    ) =>
      sql`insert into nrm_referral (id, case_id, kind, service_type, from_team_id, to_team_id, status,
          shares_personal_data, legal_ground, created_at)
        values (${id(n)}, ${id(caseN)}, 'refer', ${service}, ${id(1)}, ${id(to)}, ${status}, ${shares},
          ${ground}, ${at})`.execute(db);
    await referral(200, 100, 4, 'care', 'accepted', true, 'consent');
    await referral(201, 100, 5, 'coordination', 'pending', false, null);
    await referral(202, 100, 3, 'legal_aid', 'declined', true, 'consent');
    await referral(203, 102, 3, 'shelter', 'accepted', true, 'minor');
    await referral(204, 101, 4, 'care', 'accepted', false, null);
    await sql`insert into nrm_placement (id, case_id, shelter_team_id, category, status, requested_at)
      values (${id(300)}, ${id(100)}, ${id(3)}, 'women', 'accepted', ${at}),
             (${id(301)}, ${id(101)}, ${id(3)}, 'women', 'requested', ${at})`.execute(db);
    await migrate(db);
  });

  afterAll(async () => {
    await database?.destroy();
  });

  it('gives a "yes" case a given consent for its owner, its consent-based referrals and its shelter only', async () => {
    const rows = await database.db
      .selectFrom('nrm_consent')
      .select(['case_id', 'team_id', 'purpose', 'answer', 'method', 'withdrawn_at'])
      .orderBy('team_id')
      .orderBy('purpose')
      .execute();
    const seen = rows.map((r) => `${r.case_id.slice(-3)} ${r.team_id.slice(-1)} ${r.purpose}`);
    expect(seen).toEqual(['100 1 coordination', '100 3 shelter', '100 4 care']);
    for (const r of rows) {
      expect(r.answer).toBe('given');
      expect(r.method).toBe('before_per_recipient');
      expect(r.withdrawn_at).toBeNull();
    }
  });

  it('accepts the new notification kind', async () => {
    await database.db
      .insertInto('nrm_notification')
      .values({ team_id: id(3), case_id: id(100), kind: 'consent_withdrawn', roles: null })
      .execute();
  });
});
