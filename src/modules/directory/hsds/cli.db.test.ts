// `samen directory import` and `samen directory export`: through their functions on the test database, and once
// as a real process on an embedded database in a temporary data directory.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samenAsync, samenEnv } from '../../../../test/cli.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../../../../test/db.js';
import { describeDb, useTestDatabase } from '../../../../test/db-suite.js';
import { CliError } from '../../../cli/context.js';
import { createAuditService } from '../../../platform/audit/service.js';
import { loadImportFiles, runExport, runImport, type Io } from '../cli-actions.js';
import { registerDirectoryCommands } from '../cli.js';
import { importDirectory } from './index.js';
import { fixtureFiles, id, minimalService } from './test/fixtures.js';

const clock = () => new Date('2026-11-28T10:00:00Z');

function recorder(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describe('finding the files of an import', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'samen-cli-'));
    mkdirSync(path.join(dir, 'csv'));
    writeFileSync(path.join(dir, 'csv', 'services.csv'), 'id\n');
    writeFileSync(path.join(dir, 'csv', 'datapackage.json'), '{}');
    writeFileSync(path.join(dir, 'a.json'), '[]');
    writeFileSync(path.join(dir, 'notes.txt'), 'x');
    mkdirSync(path.join(dir, 'empty'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('tells the format from the path', () => {
    expect(loadImportFiles(path.join(dir, 'a.json'))).toMatchObject({
      format: 'json',
      files: [{ content: '[]' }],
    });
    expect(loadImportFiles(path.join(dir, 'csv'))).toMatchObject({
      format: 'csv',
      files: [{ name: 'services.csv' }],
    });
    expect(loadImportFiles(path.join(dir, 'notes.txt'), 'json').format).toBe('json');
  });

  it.each([
    ['missing.json', undefined, /no such file or directory: .*missing\.json/],
    ['notes.txt', undefined, /cannot tell the format .*--format json or --format csv/],
    ['empty', undefined, /contains no \.json files/],
    ['a.json', 'csv' as const, /--format csv takes a directory of HSDS CSV files/],
  ])('explains what is wrong with %s', (name, format, message) => {
    expect(() => loadImportFiles(path.join(dir, name), format)).toThrow(CliError);
    expect(() => loadImportFiles(path.join(dir, name), format)).toThrow(message);
  });
});

describe('the commands', () => {
  async function samen(args: string[]) {
    const out: string[] = [];
    const program = new Command()
      .name('samen')
      .exitOverride()
      .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => out.push(s) });
    // These commands stop at parsing: they never reach the database.
    registerDirectoryCommands(program, () => Promise.reject(new Error('no database in this test')));
    const error = await program.parseAsync(args, { from: 'user' }).then(
      () => undefined,
      (e: unknown) => e as { code: string },
    );
    return { code: error?.code, text: out.join('') };
  }

  it('have help', async () => {
    const help = await samen(['directory', 'import', '--help']);
    expect(help.code).toBe('commander.helpDisplayed');
    expect(help.text).toContain('Usage: samen directory import [options] <path>');
    expect(help.text).toContain('--dry-run');
    expect((await samen(['directory', 'export', '--help'])).text).toContain('--format <format>');
  });

  it('say which option is missing or wrong', async () => {
    expect(await samen(['directory', 'export', '--out', 'x.json'])).toMatchObject({
      code: 'commander.missingMandatoryOptionValue',
      text: expect.stringContaining("required option '--format <format>' not specified"),
    });
    expect((await samen(['directory', 'export', '--format', 'xml', '--out', 'x'])).text).toContain(
      'Allowed choices are json, csv',
    );
    expect((await samen(['directory', 'import'])).text).toContain("missing required argument 'path'");
  });
});

describeDb('directory import and export commands', () => {
  const source = useTestDatabase();
  let target: TestDatabase;
  const auditOf = (db: TestDatabase['db']) =>
    createAuditService({ db, clock, config: { auditKey: Buffer.alloc(32, 5) } });
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'samen-cli-'));
    target = await createTestDatabase();
    const result = await importDirectory(
      source.handle.db,
      { format: 'json', files: fixtureFiles() },
      { actorUserId: null, clock },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  });
  afterAll(async () => {
    await target?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports JSON to a file and imports it again, with a dry run first', async () => {
    const out = recorder();
    const file = path.join(dir, 'export', 'directory.json');
    expect(await runExport(source.handle.db, { format: 'json', out: file, clock }, out)).toBe(0);
    expect(out.lines).toEqual([`Exported 2 organisations and 2 services to ${file} (HSDS 3.1 JSON).`]);

    const dry = recorder();
    expect(
      await runImport(
        target.db,
        loadImportFiles(file),
        { dryRun: true, clock, audit: auditOf(target.db) },
        dry,
      ),
    ).toBe(0);
    expect(dry.lines).toEqual([
      'Checked 1 file: 2 organisations, 2 services.',
      'Services: 2 would be new, 0 would be changed, 0 unchanged.',
      'Organisations: 2 would be new, 0 would be changed, 0 unchanged.',
      'Dry run: the import is valid; nothing was written.',
    ]);
    expect(await target.db.selectFrom('service').select('id').execute()).toEqual([]);

    const real = recorder();
    expect(
      await runImport(
        target.db,
        loadImportFiles(file),
        { dryRun: false, clock, audit: auditOf(target.db) },
        real,
      ),
    ).toBe(0);
    expect(real.lines[1]).toBe('Services: 2 new, 0 changed, 0 unchanged.');
    expect((await target.db.selectFrom('service').select('id').execute()).length).toBe(2);
  });

  it('exports the CSV package to a directory and imports it again', async () => {
    const out = recorder();
    const csvDir = path.join(dir, 'csv');
    expect(await runExport(source.handle.db, { format: 'csv', out: csvDir, clock }, out)).toBe(0);
    expect(readdirSync(csvDir)).toEqual(
      expect.arrayContaining(['organizations.csv', 'services.csv', 'phones.csv', 'datapackage.json']),
    );
    expect(out.lines[0]).toMatch(
      /^Exported 2 organisations and 2 services to .* \(HSDS 3\.1 tabular package, 18 files\)\.$/,
    );
    const again = recorder();
    expect(
      await runImport(
        target.db,
        loadImportFiles(csvDir),
        { dryRun: false, clock, audit: auditOf(target.db) },
        again,
      ),
    ).toBe(0);
    expect(again.lines[1]).toBe('Services: 0 new, 0 changed, 2 unchanged.');
  });

  it('prints every problem as file:row: field: reason and exits with 1', async () => {
    const csvDir = path.join(dir, 'broken-csv');
    mkdirSync(csvDir);
    writeFileSync(
      path.join(csvDir, 'services.csv'),
      `id,organization_id,name,status,email\n${id('x')},${id('org:main')},X,active,nope\n${id('z')},${id('org:nowhere')},Z,active,\n${id('y')},"broken\n`,
    );
    const io = recorder();
    expect(
      await runImport(
        target.db,
        loadImportFiles(csvDir),
        { dryRun: false, clock, audit: auditOf(target.db) },
        io,
      ),
    ).toBe(1);
    expect(io.lines).toEqual([]);
    expect(io.errors).toEqual([
      `services.csv:2: email: is not a valid email (record ${id('x')})`,
      `services.csv:3: organization_id: there is no organization ${id('org:nowhere')}, neither in this import nor in the directory (record ${id('z')})`,
      'services.csv:4: this row cannot be read as CSV (CSV_QUOTE_NOT_CLOSED): check quotes and the number of cells',
      '3 problems found; nothing was imported.',
    ]);
  });

  it('refuses an export to the wrong kind of place', async () => {
    await expect(
      runExport(source.handle.db, { format: 'json', out: dir, clock }, recorder()),
    ).rejects.toThrow(/is a directory/);
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    await expect(
      runExport(source.handle.db, { format: 'csv', out: file, clock }, recorder()),
    ).rejects.toThrow(/needs a directory/);
  });

  describe.skipIf(testEngine() !== 'pglite')('as a process', () => {
    it('imports and reports problems with the right exit codes', { timeout: 300_000 }, async () => {
      const env = samenEnv(path.join(dir, 'data'), { NODE_ENV: 'test' });
      const [parent, services] = fixtureFiles().map((f) => JSON.parse(f.content) as unknown);
      const input = path.join(dir, 'input.json');
      writeFileSync(input, JSON.stringify({ ...(parent as object), services }));
      const imported = await samenAsync(['directory', 'import', input], env);
      expect(imported, imported.stderr).toMatchObject({ status: 0 });
      expect(imported.stdout).toContain('Services: 2 new, 0 changed, 0 unchanged.');

      const broken = path.join(dir, 'broken.json');
      writeFileSync(broken, JSON.stringify(minimalService('broken', { email: 'nope' })));
      const refused = await samenAsync(['directory', 'import', broken], env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        `${broken}: email: is not a valid email (record ${id('service:broken')})`,
      );

      const missing = await samenAsync(['directory', 'import', path.join(dir, 'nope.json')], env);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('samen: no such file or directory');
    });
  });
});
