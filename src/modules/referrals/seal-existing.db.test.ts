// Migration 0019 and the one-off sealing of free text written before it: rows from an older database come out
// sealed under the current key and still say the same; the database then refuses plaintext; a second run does
// nothing; a failure names the table, leaves it as it was and keeps it listed; and no old row version keeps the
// plaintext in the table's file (read raw: the file on PGlite, the pages through pageinspect on PostgreSQL).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createEmptyDatabase, testEngine, type TestDatabase } from '../../../test/db.js';
import { describeDb } from '../../../test/db-suite.js';
import { openPGlite, wrapPGlite, type DatabaseHandle } from '../../db/connect.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import type { Database } from '../../db/schema.js';
import { createFieldCipher, fieldContext, type FieldKey } from '../../platform/crypto/index.js';
import { sealExistingFreeText } from './seal-existing.js';
import { SEALED_FREE_TEXT } from './sealing.js';

const key: FieldKey = { id: 'k1', key: Buffer.alloc(32, 3) };
const cipher = createFieldCipher([key]);
const MARK = 'QZXOLDTEXT';

interface Opened {
  database: DatabaseHandle & { destroy?: TestDatabase['destroy'] };
  dataDir?: string;
}
let opened: Opened | undefined;

afterEach(async () => {
  if (opened?.database.destroy) await opened.database.destroy();
  else await opened?.database.close().catch(() => undefined);
  if (opened?.dataDir) rmSync(opened.dataDir, { recursive: true, force: true });
  opened = undefined;
});

/** A database at schema version 16 (before 0019) with plaintext free text in every table that has some. */
async function olderDatabase(): Promise<{ db: Kysely<Database>; ids: Record<string, string> }> {
  if (testEngine() === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-seal-old-'));
    opened = { database: wrapPGlite(await openPGlite(dataDir)), dataDir };
  } else {
    opened = { database: await createEmptyDatabase() };
  }
  const db = opened.database.db;
  await migrate(
    db,
    loadMigrations().filter((m) => m.version < 19),
  );
  const team = randomUUID();
  const user = randomUUID();
  const caseId = randomUUID();
  const referral = randomUUID();
  const placement = randomUUID();
  const grant = randomUUID();
  await sql`insert into nrm_team (id, kind, name, organisation_type) values (${team}, 'shelter', 'Opvang', 'shelter')`.execute(
    db,
  );
  await sql`insert into app_user (id, email, display_name, role) values (${user}, 'a@b.test', 'A', 'nrm_coordinator')`.execute(
    db,
  );
  await sql`insert into nrm_case (id, reference, kind, status, owner_team_id, origin_team_id, municipality_code,
      safety_region_code, police_unit_code, urgency, minor, consent)
    select ${caseId}, 'NVM-OLD-1', 'signal', 'triage', ${team}, ${team}, m.code, m.safety_region_code,
      r.police_unit_code, 'normal', 'no', 'yes'
    from municipality m join safety_region r on r.code = m.safety_region_code where m.code = 'GM0014'`.execute(
    db,
  );
  // Many events, so the table spans pages and the batches turn over.
  for (let i = 0; i < 30; i++)
    await sql`insert into nrm_case_event (case_id, at, kind, reason)
      values (${caseId}, now(), 'transition', ${`${MARK} event ${i} Anna`})`.execute(db);
  await sql`insert into nrm_case_event (case_id, at, kind, reason) values (${caseId}, now(), 'rectified', null)`.execute(
    db,
  );
  await sql`insert into nrm_referral (id, case_id, kind, service_type, from_team_id, to_team_id, status,
      shares_personal_data, reason, response_reason, created_at)
    values (${referral}, ${caseId}, 'refer', 'care', ${team}, ${team}, 'declined', false,
      ${`${MARK} referral`}, ${`${MARK} answer`}, now())`.execute(db);
  await sql`insert into nrm_placement (id, case_id, shelter_team_id, category, status, requested_at, reason, exit_reason)
    values (${placement}, ${caseId}, ${team}, 'women', 'exited', now(), ${`${MARK} placement`}, ${`${MARK} exit`})`.execute(
    db,
  );
  await sql`insert into nrm_access_grant (id, case_id, user_id, reason, granted_at, expires_at)
    values (${grant}, ${caseId}, ${user}, ${`${MARK} glass`}, now(), now())`.execute(db);
  await sql`insert into nrm_capacity_history (team_id, category, available, maximum, at, reason)
    values (${team}, 'women', 1, 2, now(), ${`${MARK} capacity`})`.execute(db);
  await migrate(db);
  return { db, ids: { caseId, team, referral, placement, grant } };
}

async function sealedValues(db: Kysely<Database>) {
  const out: { table: string; column: string; bound: string; value: string }[] = [];
  for (const spec of SEALED_FREE_TEXT) {
    const bound = spec.contextIdColumn ?? spec.idColumn;
    for (const column of spec.columns) {
      const rows = (
        await sql<{ bound: string; value: string | null }>`
          select ${sql.ref(bound)}::text as bound, ${sql.ref(column)} as value from ${sql.table(spec.table)}`.execute(
          db,
        )
      ).rows;
      for (const r of rows)
        if (r.value !== null) out.push({ table: spec.table, column, bound: r.bound, value: r.value });
    }
  }
  return out;
}

/** The raw bytes of a table as stored: its file on PGlite, its pages through pageinspect on PostgreSQL. */
async function rawTable(db: Kysely<Database>, table: string): Promise<Buffer> {
  if (opened?.dataDir) {
    await sql`checkpoint`.execute(db);
    const file = (await sql<{ p: string }>`select pg_relation_filepath(${table}) as p`.execute(db)).rows[0]!
      .p;
    return readFileSync(path.join(opened.dataDir, file));
  }
  await sql`create extension if not exists pageinspect`.execute(db);
  const pages = (
    await sql<{ page: Buffer }>`
      select get_raw_page(${table}, n::int) as page
      from generate_series(0, pg_relation_size(${table}) / current_setting('block_size')::int - 1) n`.execute(
      db,
    )
  ).rows;
  return Buffer.concat(pages.map((p) => p.page));
}

describeDb('sealing the free text written before migration 0019', () => {
  it('seals every older value under the current key, validates the checks, rewrites the tables and does nothing the second time', async () => {
    const { db } = await olderDatabase();
    expect((await rawTable(db, 'nrm_case_event')).includes(MARK)).toBe(true);
    const reports = await sealExistingFreeText({ db, fieldCrypto: cipher });
    expect(reports).toEqual([
      { table: 'nrm_case_event', values: 30 },
      { table: 'nrm_referral', values: 2 },
      { table: 'nrm_placement', values: 2 },
      { table: 'nrm_access_grant', values: 1 },
      { table: 'nrm_capacity_history', values: 1 },
    ]);
    const values = await sealedValues(db);
    expect(values).toHaveLength(36);
    for (const v of values) {
      expect(v.value.startsWith('f1:k1:')).toBe(true);
      expect(cipher.decryptField(v.value, fieldContext(v.table, v.column, v.bound))).toContain(MARK);
    }
    // No old row version keeps the plaintext in any table's file. On PGlite (one process, no other transaction)
    // the step's own VACUUM FULL must do it. On a shared PostgreSQL server a transaction elsewhere in the database
    // (autovacuum's analyze of a new table, say) can keep an old row version visible for a moment: VACUUM FULL again,
    // as the README tells the operator ("Upgrading to migration 0019"), at most 10 times.
    for (const spec of SEALED_FREE_TEXT) {
      let left = (await rawTable(db, spec.table)).includes(MARK);
      for (let attempt = 0; left && !opened?.dataDir && attempt < 10; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await sql`vacuum full ${sql.table(spec.table)}`.execute(db);
        left = (await rawTable(db, spec.table)).includes(MARK);
      }
      expect(left, spec.table).toBe(false);
    }
    // The checks are validated: the database itself says no plaintext is left, and refuses new plaintext.
    const checks = (
      await sql<{ conname: string; convalidated: boolean }>`
        select conname, convalidated from pg_constraint where conname like 'nrm\\_%\\_sealed' order by conname`.execute(
        db,
      )
    ).rows;
    expect(checks).toHaveLength(7);
    expect(checks.every((c) => c.convalidated)).toBe(true);
    await expect(
      sql`update nrm_referral set reason = 'Anna weer' where reason is not null`.execute(db),
    ).rejects.toThrow(/nrm_referral_reason_sealed/);
    expect(await db.selectFrom('nrm_sealing_pending').selectAll().execute()).toEqual([]);
    // A second run (every start) finds nothing to do and changes nothing.
    expect(await sealExistingFreeText({ db, fieldCrypto: cipher })).toEqual([]);
    expect(await sealedValues(db)).toEqual(values);
  }, 120_000);

  it('fails loudly naming the table, leaves that table as it was and listed, and finishes it on the next run', async () => {
    const { db } = await olderDatabase();
    const failing = {
      encryptField(value: string, context: string) {
        if (value.includes('referral')) throw new Error('no key');
        return cipher.encryptField(value, context);
      },
    };
    await expect(sealExistingFreeText({ db, fieldCrypto: failing })).rejects.toThrow(
      /sealing the free text of nrm_referral failed, nothing in it was changed: no key/,
    );
    const referral = await db
      .selectFrom('nrm_referral')
      .select(['reason', 'response_reason'])
      .executeTakeFirstOrThrow();
    expect(referral).toEqual({ reason: `${MARK} referral`, response_reason: `${MARK} answer` });
    const pending = (await db.selectFrom('nrm_sealing_pending').select('table_name').execute()).map(
      (r) => r.table_name,
    );
    expect(pending.sort()).toEqual([
      'nrm_access_grant',
      'nrm_capacity_history',
      'nrm_placement',
      'nrm_referral',
    ]);
    // The events (before it in the list) were sealed and stay sealed.
    expect(
      (await db.selectFrom('nrm_case_event').select('reason').where('reason', 'like', `${MARK}%`).execute())
        .length,
    ).toBe(0);
    const again = await sealExistingFreeText({ db, fieldCrypto: cipher });
    expect(again.map((r) => r.table)).toEqual([
      'nrm_referral',
      'nrm_placement',
      'nrm_access_grant',
      'nrm_capacity_history',
    ]);
    expect((await sealedValues(db)).every((v) => v.value.startsWith('f1:k1:'))).toBe(true);
  }, 120_000);

  it('needs the rewrite: after an update the old row version keeps the text in the file until VACUUM FULL', async () => {
    const { db } = await olderDatabase();
    await sql`create table seal_probe (id integer primary key, t text)`.execute(db);
    await sql`insert into seal_probe values (1, ${`${MARK} probe`})`.execute(db);
    await sql`update seal_probe set t = 'sealed'`.execute(db);
    expect((await rawTable(db, 'seal_probe')).includes(MARK)).toBe(true);
    // VACUUM FULL copies a row version some open transaction on the server may still see; on a shared test server
    // that can happen for a moment, so it is run again as an operator would (README: "Upgrading to migration 0019").
    let left = true;
    for (let attempt = 0; attempt < 10 && left; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 500));
      await sql`vacuum full seal_probe`.execute(db);
      left = (await rawTable(db, 'seal_probe')).includes(MARK);
    }
    expect(left).toBe(false);
  }, 120_000);
});
