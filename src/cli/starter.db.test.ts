// The starter database on disk: made once per key, copied into a new embedded data dir, and then a database
// like one made from scratch (every migration applied with its checksum, the sample data loaded). Embedded
// database only, so it runs in the PGlite project and skips in the PostgreSQL one.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, isNewEmbeddedDatabase } from '../db/connect.js';
import { loadMigrations, migrate } from '../db/migrate.js';
import { ensureStarter, findStarter, starterKey } from './starter.js';

const embedded = process.env.SAMEN_TEST_ENGINE !== 'postgres';

describe.skipIf(!embedded)('starter database', { timeout: 240_000 }, () => {
  let work = '';
  let cache = '';
  let starter = '';

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'samen-starter-'));
    cache = path.join(work, 'cache');
    // Left-overs: a starter of older code, and an unfinished one of a process that died long ago.
    mkdirSync(path.join(cache, 'pglite-0123456789abcdef01234567'), { recursive: true });
    const unfinished = path.join(cache, `pglite-${starterKey()}.999999-dead.tmp`);
    mkdirSync(unfinished);
    // The starter sweeps unfinished copies by their mtime on the file system's (real) clock.
    // eslint-disable-next-line no-restricted-syntax -- a file's mtime is on the machine's clock
    const longAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(unfinished, longAgo, longAgo);
    starter = await ensureStarter(cache);
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is made once for the current code, and replaces the left-overs', async () => {
    expect(starter).toBe(path.join(cache, `pglite-${starterKey()}`));
    expect(findStarter(cache)).toBe(starter);
    expect(readdirSync(cache)).toEqual([path.basename(starter)]);
    const madeAt = statSync(path.join(starter, 'PG_VERSION')).mtimeMs;
    expect(await ensureStarter(cache)).toBe(starter);
    expect(statSync(path.join(starter, 'PG_VERSION')).mtimeMs).toBe(madeAt);
  });

  it('gives a new data dir every migration and the sample data, and stays untouched itself', async () => {
    const dataDir = path.join(work, 'data');
    expect(isNewEmbeddedDatabase(dataDir)).toBe(true);
    const database = await connect({ dataDir, initialDataDir: starter });
    try {
      expect(isNewEmbeddedDatabase(dataDir)).toBe(false);
      const applied = await sql<{ version: number; name: string; checksum: string }>`
        select version, name, checksum from schema_migration order by version`.execute(database.db);
      expect(applied.rows).toEqual(
        loadMigrations().map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })),
      );
      expect((await migrate(database.db)).applied).toEqual([]);
      const services = await sql<{ n: number }>`select count(*)::int as n from service`.execute(database.db);
      expect(services.rows[0]!.n).toBeGreaterThan(0);
      await sql`delete from service_area`.execute(database.db);
    } finally {
      await database.close();
    }
    // The data dir has its own copy: the change above is not in the starter.
    const again = await connect({ dataDir: path.join(work, 'data-2'), initialDataDir: starter });
    try {
      const areas = await sql<{ n: number }>`select count(*)::int as n from service_area`.execute(again.db);
      expect(areas.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });

  it('is not copied over an existing database', async () => {
    const dataDir = path.join(work, 'data');
    const database = await connect({ dataDir, initialDataDir: starter });
    try {
      const areas = await sql<{ n: number }>`select count(*)::int as n from service_area`.execute(
        database.db,
      );
      expect(areas.rows[0]!.n).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('leaves no half database behind when the copy does not open', async () => {
    const broken = path.join(work, 'broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'PG_VERSION'), 'not a database\n');
    const dataDir = path.join(work, 'data-broken');
    await expect(connect({ dataDir, initialDataDir: broken })).rejects.toThrow();
    expect(existsSync(path.join(dataDir, 'pglite'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'samen.lock'))).toBe(false);
  });
});
