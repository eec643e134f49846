// Migrations on both engines: the same files, applied once, refused when the history does not match, and a
// failing file named with its statement and leaving the database as it was before that file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmptyDatabase, type TestDatabase } from '../../test/db.js';
import { describeDb } from '../../test/db-suite.js';
import { loadMigrations, migrate, MigrationError, type Migration } from './migrate.js';
import type { Database } from './schema.js';

const tempDirs: string[] = [];

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'samen-migrations-'));
  tempDirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function tableExists(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name = ${name}`.execute(
    db,
  );
  return result.rows[0]!.n === 1;
}

async function appliedVersions(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom('schema_migration').select('version').orderBy('version').execute();
  return rows.map((r) => r.version);
}

async function migrationError(run: Promise<unknown>): Promise<MigrationError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigrationError);
  return error as MigrationError;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describeDb('migrate on the shipped migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('applies every migration on an empty database, then none on a second run', async () => {
    const shipped = loadMigrations();
    const first = await migrate(database.db);
    expect(first.applied).toEqual(shipped.map((m) => m.file));
    expect(first.current).toBe(shipped.at(-1)!.version);
    expect(await appliedVersions(database.db)).toEqual(shipped.map((m) => m.version));
    expect(await tableExists(database.db, 'service')).toBe(true);

    const second = await migrate(database.db);
    expect(second).toEqual({ applied: [], current: first.current });
  });

  it('refuses a migration that was edited after it was applied, naming the file', async () => {
    const edited: Migration[] = loadMigrations().map((m, i) =>
      i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: '0'.repeat(64) } : m,
    );
    const error = await migrationError(migrate(database.db, edited));
    expect(error.migration).toBe(edited[0]!.file);
    expect(error.message).toContain(edited[0]!.file);
    expect(error.message).toMatch(/changed after it was applied/);
  });

  it('refuses a database with a migration this code does not know, and applies nothing', async () => {
    await database.db
      .insertInto('schema_migration')
      .values({ version: 9999, name: 'from_the_future', checksum: 'f'.repeat(64) })
      .execute();
    try {
      const pending = migrationsDir({ '9000_pending.sql': 'create table should_not_exist (id int);' });
      const error = await migrationError(
        migrate(database.db, [...loadMigrations(), ...loadMigrations(pending)]),
      );
      expect(error.message).toContain('9999');
      expect(error.message).toMatch(/newer than the code/);
      expect(await tableExists(database.db, 'should_not_exist')).toBe(false);
    } finally {
      await database.db.deleteFrom('schema_migration').where('version', '=', 9999).execute();
    }
  });
});

describeDb('migrate on a failing migration', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createEmptyDatabase();
  });
  afterAll(async () => {
    await database?.destroy();
  });

  const first = 'create table first_table (id int primary key);\ninsert into first_table values (1);\n';

  it('applies a migration once when two servers migrate at the same time', async () => {
    const migrations = loadMigrations(migrationsDir({ '0001_first.sql': first }));
    const results = await Promise.all([migrate(database.db, migrations), migrate(database.db, migrations)]);
    expect(results.flatMap((r) => r.applied)).toEqual(['0001_first.sql']);
    expect(await appliedVersions(database.db)).toEqual([1]);
  });

  it('names the file and the failing statement, and leaves the database as it was before that file', async () => {
    const dir = migrationsDir({
      '0001_first.sql': first,
      '0002_broken.sql': [
        'create table half_done (id int);',
        'insert into half_done values (1);',
        'insert into no_such_table values (2);',
        'create table never_reached (id int);',
      ].join('\n'),
    });
    const error = await migrationError(migrate(database.db, loadMigrations(dir)));
    expect(error.migration).toBe('0002_broken.sql');
    expect(error.statement).toBe('insert into no_such_table values (2)');
    expect(error.message).toContain('0002_broken.sql');
    expect(error.message).toContain('insert into no_such_table values (2)');
    expect(error.message).toMatch(/no_such_table/);

    expect(await tableExists(database.db, 'half_done')).toBe(false);
    expect(await tableExists(database.db, 'never_reached')).toBe(false);
    expect(await tableExists(database.db, 'first_table')).toBe(true);
    expect(await appliedVersions(database.db)).toEqual([1]);
  });

  it('applies the corrected file on the next run', async () => {
    const dir = migrationsDir({
      '0001_first.sql': first,
      '0002_fixed.sql': 'create table half_done (id int);\ninsert into half_done values (1);\n',
    });
    const result = await migrate(database.db, loadMigrations(dir));
    expect(result).toEqual({ applied: ['0002_fixed.sql'], current: 2 });
    expect(await tableExists(database.db, 'half_done')).toBe(true);
  });
});
