// The starter database's key: it must change with anything that decides what the starter holds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { starterKey } from './starter.js';

describe('starter database key', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  function project(): { root: string; write(file: string, text: string): void } {
    const root = mkdtempSync(path.join(tmpdir(), 'samen-starter-key-'));
    roots.push(root);
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };
    write('node_modules/@electric-sql/pglite/package.json', '{"version":"0.5.17"}');
    write('src/db/migrations/0001_platform.sql', 'create table role (code text primary key);');
    write('src/cli/seed.ts', 'export const seed = 1;');
    write('seed/directory/national.json', '[]');
    return { root, write };
  }

  it('changes with a migration, the sample data, the code and the PGlite version', () => {
    const { root, write } = project();
    const keys = [starterKey(root)];
    write('src/db/migrations/0001_platform.sql', 'create table role (code text primary key, x int);');
    keys.push(starterKey(root));
    write('src/db/migrations/0002_more.sql', 'create table more (id int);');
    keys.push(starterKey(root));
    write('seed/directory/national.json', '[{}]');
    keys.push(starterKey(root));
    write('src/cli/seed.ts', 'export const seed = 2;');
    keys.push(starterKey(root));
    write('node_modules/@electric-sql/pglite/package.json', '{"version":"0.6.0"}');
    keys.push(starterKey(root));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays the same for the same files, and ignores tests', () => {
    const { root, write } = project();
    const key = starterKey(root);
    expect(starterKey(root)).toBe(key);
    write('src/cli/seed.test.ts', 'it("runs", () => {});');
    expect(starterKey(root)).toBe(key);
  });
});
