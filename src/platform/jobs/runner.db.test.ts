// The job runner: runs registered jobs with the injected clock, one at a time per job across servers (advisory
// lock), keeps going after a failure, logs error codes only, and stops cleanly.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { TestClock } from '../../../test/app.js';
import { testEngine } from '../../../test/db.js';
import { describeDb, useTestDatabase } from '../../../test/db-suite.js';
import type { Log } from '../log.js';
import { createJobRunner, UnknownJobError, type Timers } from './runner.js';

function captureLog() {
  const lines: string[] = [];
  const write = (fields: object, message: string) => lines.push(`${message} ${JSON.stringify(fields)}`);
  const log: Log = { info: write, warn: write, error: write, debug: () => {} };
  return { log, lines };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Timers = {
    setTimeout(fn, ms) {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    pending,
    /** Fires every pending timer once. */
    fire() {
      const due = [...pending.entries()];
      pending.clear();
      for (const [, t] of due) t.fn();
    },
  };
}

/**
 * Waits until `done()` holds: a run goes through the database (a lock, a transaction) before it reaches the job,
 * which takes longer on a busy machine than any fixed pause would allow.
 */
async function until(done: () => boolean, what: string) {
  for (let i = 0; i < 1200; i++) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`waited 30 s for ${what}`);
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describeDb('background jobs', () => {
  const database = useTestDatabase();

  it('runs a job with the clock’s time and returns its summary', async () => {
    const clock = new TestClock('2026-11-28T10:00:00Z');
    const { log } = captureLog();
    const runner = createJobRunner({ db: database.handle.db, clock: clock.read, log });
    const seen: string[] = [];
    runner.register({
      name: 'test.echo',
      intervalMs: 60_000,
      run: (now) => {
        seen.push(now.toISOString());
        return { counted: 3 };
      },
    });
    const outcome = await runner.run('test.echo');
    expect(outcome).toMatchObject({ status: 'done', result: { counted: 3 } });
    expect(seen).toEqual(['2026-11-28T10:00:00.000Z']);
    await expect(runner.run('test.unknown')).rejects.toBeInstanceOf(UnknownJobError);
  });

  it('refuses bad registrations: a duplicate name, a malformed name, a too short interval', () => {
    const runner = createJobRunner({
      db: database.handle.db,
      clock: new TestClock().read,
      log: captureLog().log,
    });
    runner.register({ name: 'a.job', intervalMs: 1000, run: () => {} });
    expect(() => runner.register({ name: 'a.job', intervalMs: 1000, run: () => {} })).toThrow('twice');
    expect(() => runner.register({ name: 'Bad Name', intervalMs: 1000, run: () => {} })).toThrow(
      'module.what',
    );
    expect(() => runner.register({ name: 'b.job', intervalMs: 10, run: () => {} })).toThrow('intervalMs');
  });

  it('logs a failing run by its error code only and runs the job again at its next turn', async () => {
    const { log, lines } = captureLog();
    const manual = manualTimers();
    const runner = createJobRunner({
      db: database.handle.db,
      clock: new TestClock().read,
      log,
      timers: manual.timers,
    });
    let runs = 0;
    runner.register({
      name: 'test.flaky',
      intervalMs: 5000,
      run: () => {
        runs++;
        if (runs === 1) throw Object.assign(new Error('secret@example.nl rejected'), { code: 'EENVELOPE' });
      },
    });
    runner.register({ name: 'test.second', intervalMs: 5000, run: () => {} });
    runner.start();
    // First runs a second apart, not all at once.
    expect([...manual.pending.values()].map((t) => t.ms)).toEqual([0, 1000]);
    manual.fire();
    await until(() => runs === 1 && manual.pending.size === 2, 'the first runs and their next turns');
    expect(runs).toBe(1);
    expect(lines.join('\n')).toContain('"error":"EENVELOPE"');
    expect(lines.join('\n')).not.toContain('secret@example.nl');
    // Scheduled again after its interval despite the failure.
    expect([...manual.pending.values()].map((t) => t.ms)).toEqual([5000, 5000]);
    manual.fire();
    await until(() => runs === 2 && manual.pending.size === 2, 'the second runs and their next turns');
    expect(runs).toBe(2);
    await runner.stop();
    expect(manual.pending.size).toBe(0);
  });

  it('stop waits for a run in progress and schedules nothing more', async () => {
    const manual = manualTimers();
    const runner = createJobRunner({
      db: database.handle.db,
      clock: new TestClock().read,
      log: captureLog().log,
      timers: manual.timers,
    });
    let release!: () => void;
    let finished = false;
    runner.register({
      name: 'test.slow',
      intervalMs: 1000,
      run: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
    });
    runner.start();
    manual.fire();
    await until(() => typeof release === 'function', 'the slow run to start');
    const stopping = runner.stop().then(() => finished);
    release();
    expect(await stopping).toBe(true);
    await settle();
    expect(manual.pending.size).toBe(0);
  });

  it.skipIf(testEngine() !== 'postgres')(
    'runs a job on one server at a time: another holding the job’s lock makes this one skip',
    async () => {
      const db = database.handle.db;
      const make = () =>
        createJobRunner({ db, clock: new TestClock().read, log: captureLog().log, engine: 'postgres' });
      const serverA = make();
      const serverB = make();
      let release!: () => void;
      let runsA = 0;
      let runsB = 0;
      serverA.register({
        name: 'test.exclusive',
        intervalMs: 1000,
        run: async () => {
          runsA++;
          await new Promise<void>((resolve) => (release = resolve));
        },
      });
      serverB.register({ name: 'test.exclusive', intervalMs: 1000, run: () => void runsB++ });
      const first = serverA.run('test.exclusive');
      await until(() => runsA === 1, 'server A to hold the lock and run');
      expect(runsA).toBe(1);
      expect(await serverB.run('test.exclusive')).toEqual({ status: 'busy' });
      expect(runsB).toBe(0);
      release();
      expect((await first).status).toBe('done');
      // Released: now the other server gets its turn.
      expect((await serverB.run('test.exclusive')).status).toBe('done');
      expect(runsB).toBe(1);
      const held = await sql<{ n: number }>`select count(*)::int as n from pg_locks
        where locktype = 'advisory' and classid = 7316230
          and database = (select oid from pg_database where datname = current_database())`.execute(db);
      expect(held.rows[0]!.n).toBe(0);
    },
  );

  it('joins a run already in progress in the same process instead of starting a second one', async () => {
    const runner = createJobRunner({
      db: database.handle.db,
      clock: new TestClock().read,
      log: captureLog().log,
    });
    let runs = 0;
    let release!: () => void;
    runner.register({
      name: 'test.once',
      intervalMs: 1000,
      run: async () => {
        runs++;
        await new Promise<void>((resolve) => (release = resolve));
        return runs;
      },
    });
    const a = runner.run('test.once');
    await until(() => typeof release === 'function', 'the first run to start');
    const b = runner.run('test.once');
    release();
    expect(await a).toEqual(await b);
    expect(runs).toBe(1);
  });
});
