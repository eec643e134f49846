// The expert pool's real names and contact details are sealed at rest (issue 16 point 3), tried as someone with a
// copy of the database would: a marker typed into every identity field through the coordinator's form is nowhere
// in the raw database (PGlite: every file of the data dir after it is closed; PostgreSQL: pg_dump of the database,
// or a copy of every table where pg_dump cannot run), while the coordinator's page still shows it. Rows written
// before migration 0020 are sealed by the one-off step (idempotent, and it refuses a row it cannot make sense
// of), and `samen keys rotate` re-encrypts the pool's values under a new key.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testConfig, TestClock } from '../../../../test/app.js';
import { createUser, signIn, type Agent } from '../../../../test/auth.js';
import { createTestDatabase, testEngine } from '../../../../test/db.js';
import { describeDb } from '../../../../test/db-suite.js';
import { buildApp } from '../../../app.js';
import { connect, type DatabaseHandle } from '../../../db/connect.js';
import { migrate } from '../../../db/migrate.js';
import { createServices } from '../../../services.js';
import { IdentitySealingFailed } from './sealing.js';

const NAME = 'ECHTENAAM-marker-4417 Kowalska';
const CONTACT = 'CONTACTMARKER-8830@example.nl';
const LEGACY_NAME = 'OUDENAAM-marker-2291 de Vries';
const LEGACY_CONTACT = 'OUDCONTACT-marker-6652@example.nl';
const LEGACY_ID = '7d1e5c1a-0000-4000-8000-000000000020';

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describeDb('the expert pool’s identities, sealed at rest', { timeout: 240_000 }, () => {
  const clock = new TestClock();
  const embedded = testEngine() === 'pglite';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'samen-pool-sealed-'));
  let database: DatabaseHandle & { destroy?: () => Promise<void> };
  let app: Awaited<ReturnType<typeof buildApp>>['app'];
  let services: Awaited<ReturnType<typeof buildApp>>['services'];
  let coordinator: Agent;
  let coordinatorUser: Awaited<ReturnType<typeof createUser>>;
  let expertId: string;
  let databaseName = '';

  beforeAll(async () => {
    // A file-backed data dir for PGlite, so that its files can be read after closing; a fresh database on
    // PostgreSQL.
    database = embedded ? await connect({ dataDir }) : await createTestDatabase();
    await migrate(database.db);
    ({ app, services } = await buildApp({
      config: testConfig({ dataDir }),
      database,
      clock: clock.read,
      logger: false,
    }));
    await app.ready();
    coordinatorUser = await createUser(services, { role: 'pool_coordinator' });
    coordinator = await signIn(app, coordinatorUser, clock);
    if (!embedded)
      databaseName = (await sql<{ name: string }>`select current_database() as name`.execute(database.db))
        .rows[0]!.name;
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    if (database?.destroy) await database.destroy();
    else await database?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores what the coordinator types only sealed, and shows it back on the coordinator’s page', async () => {
    const saved = await coordinator.post('/monitor/pool/experts', {
      pseudonym: 'Linde',
      real_name: NAME,
      contact: CONTACT,
      forms: ['labour'],
      languages: 'pl',
    });
    expect(saved.statusCode).toBe(303);
    const row = await database.db
      .selectFrom('monitor_expert')
      .selectAll()
      .where('pseudonym', '=', 'Linde')
      .executeTakeFirstOrThrow();
    expertId = row.id;
    expect(row.real_name).toBeNull();
    expect(row.contact).toBeNull();
    expect(row.real_name_enc).toMatch(/^f1:test1:/);
    expect(row.contact_enc).toMatch(/^f1:test1:/);
    const page = await coordinator.get(`/monitor/pool/experts/${expertId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(NAME);
    expect(page.body).toContain(CONTACT);
  });

  it('seals a row from before migration 0020 once, then finds nothing to do, and the page still reads it', async () => {
    await sql`insert into monitor_expert (id, pseudonym, real_name, contact)
              values (${LEGACY_ID}, 'Oud', ${LEGACY_NAME}, ${LEGACY_CONTACT})`.execute(database.db);
    expect(await services.monitor.sealExpertIdentities()).toEqual({ sealed: 1 });
    expect(await services.monitor.sealExpertIdentities()).toEqual({ sealed: 0 });
    const row = await database.db
      .selectFrom('monitor_expert')
      .selectAll()
      .where('id', '=', LEGACY_ID)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ real_name: null, contact: null });
    expect(row.real_name_enc).toMatch(/^f1:test1:/);
    const page = await coordinator.get(`/monitor/pool/experts/${LEGACY_ID}`);
    expect(page.body).toContain(LEGACY_NAME);
    expect(page.body).toContain(LEGACY_CONTACT);
  });

  it('refuses, loudly and without a change, a row it cannot make sense of', async () => {
    const odd = '7d1e5c1a-0000-4000-8000-000000000021';
    await sql`insert into monitor_expert (id, pseudonym, real_name_enc, contact)
              values (${odd}, 'Raar', 'f1:test1:x:y', 'plain contact')`.execute(database.db);
    await expect(services.monitor.sealExpertIdentities()).rejects.toBeInstanceOf(IdentitySealingFailed);
    const row = await database.db
      .selectFrom('monitor_expert')
      .select(['contact', 'contact_enc'])
      .where('id', '=', odd)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ contact: 'plain contact', contact_enc: null });
    await database.db.deleteFrom('monitor_expert').where('id', '=', odd).execute();
  });

  it('is re-encrypted by `samen keys rotate` under a new key, and reads back', async () => {
    expect(services.fieldCrypto.registered().map((r) => r.table)).toContain('monitor_expert');
    const rotated = createServices({
      db: database.db,
      clock: clock.read,
      config: testConfig({ fieldKeys: [{ id: 'k2', key: Buffer.alloc(32, 42) }, ...testConfig().fieldKeys] }),
      mailTransport: null,
    });
    const reports = await rotated.fieldCrypto.rotate();
    expect(reports.find((r) => r.table === 'monitor_expert')).toEqual({
      table: 'monitor_expert',
      rows: 2,
      values: 4,
      unreadable: 0,
    });
    const rows = await database.db
      .selectFrom('monitor_expert')
      .select(['real_name_enc', 'contact_enc'])
      .execute();
    for (const row of rows) {
      expect(row.real_name_enc).toMatch(/^f1:k2:/);
      expect(row.contact_enc).toMatch(/^f1:k2:/);
    }
    const coordinatorActor = { id: coordinatorUser.id, role: 'pool_coordinator' as const };
    expect(await rotated.monitor.expertIdentity(expertId, coordinatorActor)).toMatchObject({
      realName: NAME,
      contact: CONTACT,
    });
  });

  it('leaves no marker in the raw database', async () => {
    const markers = [NAME, CONTACT, 'ECHTENAAM-marker-4417', 'CONTACTMARKER-8830'];
    await app.close();
    if (embedded) {
      await database.close();
      const files = filesUnder(path.join(dataDir, 'pglite'));
      expect(files.length).toBeGreaterThan(100);
      const found: string[] = [];
      for (const file of files) {
        const bytes = readFileSync(file);
        for (const marker of markers) if (bytes.includes(marker)) found.push(`${file}: ${marker}`);
        // The plaintext of the old row was in the table before sealing; the table was rewritten since. Only the
        // write-ahead log may still carry it until its segments are reused (the README says so).
        if (!file.includes(`${path.sep}pg_wal${path.sep}`))
          for (const marker of ['OUDENAAM-marker-2291', 'OUDCONTACT-marker-6652'])
            if (bytes.includes(marker)) found.push(`${file}: ${marker}`);
      }
      expect(found).toEqual([]);
      // The scan does see stored text: the pseudonym, kept in the clear by design, is in the files.
      expect(files.some((file) => readFileSync(file).includes('Linde'))).toBe(true);
      return;
    }
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${databaseName}`;
    let dump: string;
    try {
      dump = execFileSync('pg_dump', ['--no-owner', url.toString()], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
    } catch {
      // pg_dump missing or of another major version than the server: a copy of every table instead.
      const tables = await sql<{ name: string }>`
        select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(database.db);
      const parts: string[] = [];
      for (const { name } of tables.rows)
        parts.push(JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(database.db)).rows));
      dump = parts.join('\n');
    }
    expect(dump).toContain('monitor_expert');
    // The dump does carry stored text: the pseudonym, kept in the clear by design.
    expect(dump).toContain('Linde');
    for (const marker of [...markers, 'OUDENAAM-marker-2291', 'OUDCONTACT-marker-6652'])
      expect(dump.includes(marker), marker).toBe(false);
  });
});
