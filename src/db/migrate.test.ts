import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, MigrationError, splitStatements } from './migrate.js';

describe('splitStatements', () => {
  it('splits on top-level semicolons and trims', () => {
    expect(splitStatements('create table a (x int);\n  insert into a values (1) ;\n')).toEqual([
      'create table a (x int)',
      'insert into a values (1)',
    ]);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('select 1; select 2')).toEqual(['select 1', 'select 2']);
  });

  it('ignores semicolons inside single-quoted strings, including doubled quotes', () => {
    expect(splitStatements("insert into t values ('a;b', 'it''s; fine'); select 1;")).toEqual([
      "insert into t values ('a;b', 'it''s; fine')",
      'select 1',
    ]);
  });

  it('ignores semicolons inside double-quoted identifiers', () => {
    expect(splitStatements('create table "odd;name" ("x;y" int); select 1')).toEqual([
      'create table "odd;name" ("x;y" int)',
      'select 1',
    ]);
  });

  it('keeps dollar-quoted bodies whole, with and without a tag', () => {
    const fn = `create function f() returns int language plpgsql as $$ begin perform 1; return 2; end $$`;
    const tagged = `do $body$ begin raise notice 'x;'; end $body$`;
    const digits = `do $tag1$ begin perform 1; end $tag1$`;
    expect(splitStatements(`${fn};\n${tagged};\n${digits};\nselect 3;`)).toEqual([
      fn,
      tagged,
      digits,
      'select 3',
    ]);
  });

  it('does not close a tagged dollar quote on a different tag', () => {
    const script = `do $a$ begin perform $$;$$; end $a$; select 1`;
    expect(splitStatements(script)).toEqual([`do $a$ begin perform $$;$$; end $a$`, 'select 1']);
  });

  it('treats positional parameters like $1 as plain text', () => {
    expect(splitStatements('prepare p as select $1::int; execute p(1)')).toEqual([
      'prepare p as select $1::int',
      'execute p(1)',
    ]);
  });

  it('ignores semicolons in line and block comments', () => {
    const script = `-- first; still a comment\ncreate table a (x int); /* a; b */ select 1; -- trailing; comment`;
    expect(splitStatements(script)).toEqual([
      '-- first; still a comment\ncreate table a (x int)',
      '/* a; b */ select 1',
    ]);
  });

  it('does not report a trailing comment or empty statements as statements', () => {
    expect(splitStatements(';;\n-- only a comment\n/* and another */\n')).toEqual([]);
  });

  it('splits every shipped migration into statements without leftovers', () => {
    for (const migration of loadMigrations()) {
      const statements = splitStatements(migration.sql);
      expect(statements.length, migration.file).toBeGreaterThan(0);
      for (const statement of statements) expect(statement.endsWith(';'), migration.file).toBe(false);
    }
  });
});

describe('loadMigrations', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function withFiles(files: Record<string, string>): string {
    dir = mkdtempSync(path.join(tmpdir(), 'samen-migrations-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    return dir;
  }

  it('orders migrations by number and checksums their text', () => {
    const migrations = loadMigrations(withFiles({ '0002_b.sql': 'select 2;', '0001_a.sql': 'select 1;' }));
    expect(migrations.map((m) => [m.version, m.name, m.file])).toEqual([
      [1, 'a', '0001_a.sql'],
      [2, 'b', '0002_b.sql'],
    ]);
    expect(migrations[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(migrations[0]!.checksum).not.toBe(migrations[1]!.checksum);
  });

  it('refuses a badly named file, naming it', () => {
    expect(() => loadMigrations(withFiles({ '1_bad.sql': 'select 1;' }))).toThrow(/1_bad\.sql/);
  });

  it('refuses two migrations with the same number', () => {
    const load = () => loadMigrations(withFiles({ '0001_a.sql': 'select 1;', '0001_b.sql': 'select 2;' }));
    expect(load).toThrow(MigrationError);
    expect(load).toThrow(/0001/);
  });

  it('numbers the shipped migrations 1, 2, 3, … without gaps', () => {
    const versions = loadMigrations().map((m) => m.version);
    expect(versions).toEqual(versions.map((_, i) => i + 1));
  });
});
