// Fault injection and backups under load (issue 16 points 5, 6 and 9), with the real server (`bin/samen.js serve`,
// a child process: build first) taking signals from a signed-in first-line professional over HTTP, on each engine.
//
// kill -9: the server is killed at random moments while three writers submit, several times, and started again.
// Every submission it acknowledged (2xx/3xx) must be there afterwards, complete (the case with its person, event,
// registration and audit entry) and once; nothing half-written. On the embedded engine the killed process's lock
// file stays behind, and each restart must take it over without a hand, also when it is empty or names a live
// process that is not its owner (a reused pid).
//
// Backup under load: a backup is taken while the writers submit, exactly as the README's Production section tells
// an operator (embedded: `samen backup` from the running server, `samen restore`; PostgreSQL: pg_dump / pg_restore),
// and restored into a new data dir or an empty database: it migrates, `samen audit verify` finds the chain intact,
// every signal acknowledged before the backup began is in it, and none is half-written. The keys are not in it.
//
// One file, so that the two never run side by side (each is heavy) and share one prepared database.
import { spawn, spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/db.js';
import {
  countSignals,
  newWriteLog,
  preparedDatabases,
  samen,
  samenAsync,
  samenEnv,
  signInProfessional,
  startServer,
  startWriters,
  type ServerProcess,
  type Session,
  type Target,
  type WriteLog,
} from '../../test/server-process.js';
import { LOCK_FILE, parseLock } from './lock.js';

const engine = testEngine();
const databaseServer = process.env.TEST_DATABASE_URL;
const KILLS = 3;

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

/** Waits until the writers have `count` acknowledgements (at most 30 s: a slow machine is no failure here). */
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

describe.skipIf(engine === 'postgres' && !databaseServer)(`fault injection and backups (${engine})`, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'samen-fault-'));
  const databases = preparedDatabases(root, engine === 'postgres' ? databaseServer : undefined);
  afterAll(async () => {
    await databases.cleanup();
    rmSync(root, { recursive: true, force: true });
  });

  it(
    'kill -9 during signal submission loses no acknowledged signal and leaves none half-written; a stale lock never blocks the restart',
    { timeout: 300_000 },
    async () => {
      const began = performance.now();
      const target = await databases.copy('killed');
      const prepared = performance.now();
      const env = samenEnv(target);
      const log = newWriteLog();
      let server: ServerProcess = await startServer(env);
      const session: Session = await signInProfessional(server.base);
      const lockFile = path.join(target.dataDir, LOCK_FILE);
      const lockCases = [
        'left as the killed process wrote it',
        'emptied',
        'naming a live process that is not its owner',
      ];
      let kills = 0;
      const restartMs: number[] = [];
      for (let round = 0; round < KILLS; round++) {
        const writers = startWriters(
          () => server.base,
          () => session,
          log,
          3,
        );
        // A random moment while writing goes on: once this server has acknowledged a few submissions, within the
        // next 0.8 s (submissions are in flight all the time then).
        await untilAcknowledged(log, log.acknowledged.size + 3);
        await new Promise((resolve) => setTimeout(resolve, randomInt(0, 800)));
        await server.kill9();
        kills++;
        await writers.stop();
        if (engine === 'pglite') {
          // The killed server's lock is still there, naming a dead process.
          const stale = parseLock(readFileSync(lockFile, 'utf8'));
          expect(stale?.pid).toBe(server.pid);
          const lockCase = round % lockCases.length;
          if (lockCase === 1) writeFileSync(lockFile, '');
          // This test's own process is alive, but it started at another time than the lock says: a reused pid.
          if (lockCase === 2)
            writeFileSync(lockFile, JSON.stringify({ pid: process.pid, start: '1', token: 'reused' }));
        }
        const restarting = performance.now();
        server = await startServer(env);
        restartMs.push(performance.now() - restarting);
        if (engine === 'pglite') expect(parseLock(readFileSync(lockFile, 'utf8'))?.pid).toBe(server.pid);
      }
      // One more short run after the last restart proves the restarted server takes signals again.
      const before = log.acknowledged.size;
      const writers = startWriters(
        () => server.base,
        () => session,
        log,
        2,
      );
      await untilAcknowledged(log, before + 1);
      await writers.stop();
      expect(log.acknowledged.size).toBeGreaterThan(before);
      await server.kill9();
      kills++;
      if (engine === 'pglite') expect(existsSync(lockFile)).toBe(true);

      // Counted with the data dir opened directly: the last kill's stale lock does not stand in the way either.
      const counted = await countSignals(target, log);
      console.log(
        `kill -9 (${engine}): ${log.acknowledged.size} acknowledged of ${log.sent.size} sent, ${kills} kills, ` +
          `${counted.lost.length} lost, ${counted.incomplete.length} half-written, ${counted.doubled.length} doubled, ` +
          `${counted.cases - log.acknowledged.size} written but not acknowledged; preparing ` +
          `${((prepared - began) / 1000).toFixed(1)} s, restarts ${restartMs.map((ms) => (ms / 1000).toFixed(1)).join('/')} s, ` +
          `all ${((performance.now() - began) / 1000).toFixed(1)} s`,
      );
      expect(kills).toBe(KILLS + 1);
      expect(log.acknowledged.size).toBeGreaterThanOrEqual(KILLS * 3 + 1);
      expect([...log.refused]).toEqual([]);
      expect(counted.lost).toEqual([]);
      expect(counted.incomplete).toEqual([]);
      expect(counted.doubled).toEqual([]);
      expect(counted.cases).toBeGreaterThanOrEqual(log.acknowledged.size);
    },
  );

  it.skipIf(engine !== 'pglite')(
    'samen backup while the server writes: restored, it migrates, verifies, and holds every acknowledged signal; the keys travel apart',
    { timeout: 300_000 },
    async () => {
      const source = await databases.copy('source');
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

      const restored: Target = { dataDir: path.join(root, 'restored') };
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
    { timeout: 300_000 },
    async () => {
      const source = await databases.copy('pg-source');
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
      const dump = await run('pg_dump', ['--format=custom', `--file=${file}`, source.databaseUrl!]);
      await untilAcknowledged(log, log.acknowledged.size + 2);
      await writers.stop();
      await server.stop();
      expect(dump.stderr).toBe('');
      expect(dump.status).toBe(0);
      // The keys live in the environment, never in the database: none of them is in the dump.
      const bytes = readFileSync(file).toString('latin1');
      for (const name of ['SESSION_SECRET', 'ENCRYPTION_KEY', 'SAMEN_FIELD_KEYS', 'SAMEN_AUDIT_KEY'] as const)
        expect(bytes).not.toContain(env[name]!.replace(/^k1:/, ''));

      const restored = await databases.empty('pg-restored');
      const restore = await run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        `--dbname=${restored.databaseUrl!}`,
        file,
      ]);
      expect(restore.stderr).toBe('');
      expect(restore.status).toBe(0);
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
