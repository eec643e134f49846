// Fault injection (issue 16 point 9): the real server (`bin/samen.js serve`, a child process; build first) takes
// signals from a signed-in first-line professional over HTTP and is killed with SIGKILL at random moments, several
// times, and started again. Every submission it acknowledged (2xx/3xx) must be there afterwards, complete (the
// case with its person, event, registration and audit entry) and once; nothing half-written. On the embedded
// engine the killed process's lock file stays behind, and each restart must take it over without a hand, also
// when it is empty or names a live process that is not its owner (a reused pid). Bounded: a few kills, each after
// at most ~1.5 s of writing.
import { randomInt } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/db.js';
import {
  countSignals,
  createPostgresTarget,
  newWriteLog,
  prepareDatabase,
  samenEnv,
  signInProfessional,
  startServer,
  startWriters,
  type ServerProcess,
  type Session,
} from '../../test/server-process.js';
import { LOCK_FILE, parseLock } from './lock.js';

const engine = testEngine();
const databaseServer = process.env.TEST_DATABASE_URL;
const KILLS = 4;

/** Waits until the writers have `count` acknowledgements (at most 20 s: a slow machine is no failure here). */
async function untilAcknowledged(log: { acknowledged: Set<string> }, count: number) {
  for (let waited = 0; log.acknowledged.size < count && waited < 20_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.skipIf(engine === 'postgres' && !databaseServer)(
  `kill -9 during signal submission (${engine})`,
  () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-kill-'));
    let drop: (() => Promise<void>) | undefined;
    afterAll(async () => {
      await drop?.();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it(
      'loses no acknowledged signal and leaves none half-written across repeated kills; a stale lock never blocks the restart',
      { timeout: 240_000 },
      async () => {
        const target: { dataDir: string; databaseUrl?: string } = { dataDir };
        if (engine === 'postgres') {
          const made = await createPostgresTarget(databaseServer!);
          drop = made.drop;
          target.databaseUrl = made.url;
        }
        const began = performance.now();
        await prepareDatabase(target);
        const prepared = performance.now();
        const env = samenEnv(target);
        const log = newWriteLog();
        let server: ServerProcess = await startServer(env);
        const session: Session = await signInProfessional(server.base);
        const lockFile = path.join(dataDir, LOCK_FILE);
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
  },
);
