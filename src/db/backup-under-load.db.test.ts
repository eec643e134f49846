// A backup taken while the real server (`bin/samen.js serve`, a child process; build first) takes signals over
// HTTP, restored into a new data dir or database (issue 16 point 5), exactly as the README's Production section
// tells an operator: the embedded engine with `samen backup` / `samen restore`, PostgreSQL with pg_dump /
// pg_restore. The restored database migrates, `samen audit verify` finds its chain intact, every signal
// acknowledged before the backup began is in it, and none is half-written. The keys are not in the backup.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/db.js';
import {
  countSignals,
  createPostgresTarget,
  newWriteLog,
  prepareDatabase,
  samen,
  samenAsync,
  samenEnv,
  signInProfessional,
  startServer,
  startWriters,
  type WriteLog,
} from '../../test/server-process.js';

const engine = testEngine();
const databaseServer = process.env.TEST_DATABASE_URL;

/** Files and directories under `dir` that others could read: anything but 0700 directories and 0600 files. */
function notOwnerOnly(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if ((statSync(d).mode & 0o777) !== 0o700) out.push(`${d} ${(statSync(d).mode & 0o777).toString(8)}`);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if ((statSync(full).mode & 0o777) !== 0o600)
        out.push(`${full} ${(statSync(full).mode & 0o777).toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

async function untilAcknowledged(log: WriteLog, count: number) {
  for (let waited = 0; log.acknowledged.size < count && waited < 30_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

function run(command: string, args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stderr }));
  });
}

function pgToolsPresent(): boolean {
  const found = ['pg_dump', 'pg_restore'].every((tool) => spawnSync('which', [tool]).status === 0);
  if (!found && process.env.CI === 'true')
    throw new Error('pg_dump and pg_restore are required for the PostgreSQL backup test in CI');
  if (!found) console.warn('pg_dump/pg_restore not found: skipping the PostgreSQL backup test');
  return found;
}

describe(`backup under write load, restored (${engine})`, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'samen-bul-'));
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it.skipIf(engine !== 'pglite')(
    'samen backup while the server writes: restored, it migrates, verifies, and holds every acknowledged signal; the keys travel apart',
    { timeout: 240_000 },
    async () => {
      const source = { dataDir: path.join(root, 'source') };
      await prepareDatabase(source);
      const env = samenEnv(source);
      const server = await startServer(env);
      const session = await signInProfessional(server.base);
      const log = newWriteLog();
      const writers = startWriters(
        () => server.base,
        () => session,
        log,
        3,
      );
      await untilAcknowledged(log, 5);
      const acknowledgedBefore = new Set(log.acknowledged);
      const file = path.join(root, 'samen.backup');
      const backup = await samenAsync(['backup', '--out', file], env);
      // Writing went on during the backup, and goes on after it.
      await untilAcknowledged(log, log.acknowledged.size + 2);
      await writers.stop();
      expect(backup.stderr).toBe('');
      expect(backup.status).toBe(0);
      expect(backup.stdout).toContain('from the running server');
      // While the server runs: the data dir and all in it, PGlite's own files included, are the owner's only.
      expect(notOwnerOnly(source.dataDir)).toEqual([]);
      await server.stop();

      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secrets = readFileSync(path.join(source.dataDir, 'secrets.json'), 'utf8');
      const fieldKey = (JSON.parse(secrets) as Record<string, string>).fieldKeys ?? '';
      const tar = gunzipSync(readFileSync(file)).toString('latin1');
      expect(tar).not.toContain('secrets.json');
      expect(fieldKey.length).toBeGreaterThan(10);
      expect(tar).not.toContain(fieldKey);

      const restored = { dataDir: path.join(root, 'restored') };
      const restoredEnv = samenEnv(restored);
      const restore = samen(
        ['restore', '--from', file, '--keys', path.join(source.dataDir, 'secrets.json')],
        restoredEnv,
      );
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      expect(samen(['migrate'], restoredEnv).status).toBe(0);
      const verify = samen(['audit', 'verify'], restoredEnv);
      expect(verify.stdout).toContain('The chain is intact');
      expect(verify.status).toBe(0);
      expect(notOwnerOnly(restored.dataDir)).toEqual([]);

      const counted = await countSignals(restored, { ...log, acknowledged: acknowledgedBefore });
      console.log(
        `embedded backup under load: ${acknowledgedBefore.size} acknowledged before the backup, ` +
          `${log.acknowledged.size} in all; restored: ${counted.cases} signals, ${counted.lost.length} lost, ` +
          `${counted.incomplete.length} half-written`,
      );
      expect(counted.lost).toEqual([]);
      expect(counted.incomplete).toEqual([]);
      expect(counted.doubled).toEqual([]);
      expect(counted.cases).toBeGreaterThanOrEqual(acknowledgedBefore.size);
    },
  );

  it.skipIf(engine !== 'postgres' || !databaseServer || !pgToolsPresent())(
    'pg_dump while the server writes, pg_restore into an empty database: it migrates, verifies, and holds every acknowledged signal',
    { timeout: 240_000 },
    async () => {
      const made = await createPostgresTarget(databaseServer!);
      cleanups.push(made.drop);
      const source = { dataDir: path.join(root, 'pg-source'), databaseUrl: made.url };
      await prepareDatabase(source);
      const env = samenEnv(source);
      const server = await startServer(env);
      const session = await signInProfessional(server.base);
      const log = newWriteLog();
      const writers = startWriters(
        () => server.base,
        () => session,
        log,
        3,
      );
      await untilAcknowledged(log, 5);
      const acknowledgedBefore = new Set(log.acknowledged);
      const file = path.join(root, 'samen.dump');
      // The README's command: the custom format, the whole database, online.
      const dump = await run('pg_dump', ['--format=custom', `--file=${file}`, made.url]);
      await untilAcknowledged(log, log.acknowledged.size + 2);
      await writers.stop();
      await server.stop();
      expect(dump.stderr).toBe('');
      expect(dump.status).toBe(0);
      // The keys live in the environment, never in the database: none of them is in the dump.
      const bytes = readFileSync(file).toString('latin1');
      for (const name of ['SESSION_SECRET', 'ENCRYPTION_KEY', 'SAMEN_FIELD_KEYS', 'SAMEN_AUDIT_KEY'] as const)
        expect(bytes).not.toContain(env[name]!.replace(/^k1:/, ''));

      const empty = await createPostgresTarget(databaseServer!, false);
      cleanups.push(empty.drop);
      const restore = await run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        `--dbname=${empty.url}`,
        file,
      ]);
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
      const restored = { dataDir: path.join(root, 'pg-restored'), databaseUrl: empty.url };
      const restoredEnv = samenEnv(restored);
      expect(samen(['migrate'], restoredEnv).stdout).toMatch(/Up to date/);
      const verify = samen(['audit', 'verify'], restoredEnv);
      expect(verify.stdout).toContain('The chain is intact');
      expect(verify.status).toBe(0);

      const counted = await countSignals(restored, { ...log, acknowledged: acknowledgedBefore });
      console.log(
        `pg_dump under load: ${acknowledgedBefore.size} acknowledged before the dump, ${log.acknowledged.size} in all; ` +
          `restored: ${counted.cases} signals, ${counted.lost.length} lost, ${counted.incomplete.length} half-written`,
      );
      expect(counted.lost).toEqual([]);
      expect(counted.incomplete).toEqual([]);
      expect(counted.doubled).toEqual([]);
      expect(counted.cases).toBeGreaterThanOrEqual(acknowledgedBefore.size);
    },
  );
});
