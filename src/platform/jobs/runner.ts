// Background jobs. Modules register `{ name, intervalMs, run(now) }` (services.ts: `jobs.register(...)`); the
// server starts the runner (`samen serve`) and stops it on shutdown; `samen jobs run <name>` runs one now.
// Each run holds a PostgreSQL advisory lock for its job (pg_try_advisory_lock), so with several app servers on
// one database a job runs on one of them at a time; the others skip that turn. A failing run is logged (its error
// code, no content) and the job runs again at its next turn.
import { errorCode, type Log } from '../log.js';
import { askEngine, releaseJobLock, tryJobLock, type Engine, type Root } from './repository.js';

export interface Job {
  /** Unique, `module.what` (e.g. `mail.deliver`). */
  name: string;
  /** Time from the end of one run to the start of the next. */
  intervalMs: number;
  /** Does one round of work. May return a small summary (counts) that `samen jobs run` prints; never logged. */
  run(now: Date): Promise<unknown> | unknown;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface JobRunnerDeps {
  db: Root;
  clock: () => Date;
  log: Log;
  /** PGlite is one connection (one session); PostgreSQL hands out a pool. Unknown: asked from the database. */
  engine?: Engine;
  timers?: Timers;
}

export type RunOutcome =
  | { status: 'done'; ms: number; result: unknown }
  | { status: 'failed'; ms: number; error: string }
  | { status: 'busy' };

function lockKey(name: string): number {
  // FNV-1a, 32 bits, as a signed int4.
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const START_SPACING_MS = 1000;
const NAME = /^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$/;

export class UnknownJobError extends Error {
  constructor(readonly jobName: string) {
    super(`unknown job "${jobName}"`);
    this.name = 'UnknownJobError';
  }
}

export function createJobRunner(deps: JobRunnerDeps) {
  const jobs = new Map<string, Job>();
  const running = new Map<string, Promise<RunOutcome>>();
  const timers: Timers = deps.timers ?? {
    setTimeout: (fn, ms) => {
      const handle = setTimeout(fn, ms);
      handle.unref?.();
      return handle;
    },
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
  const scheduled = new Map<string, unknown>();
  let started = false;
  let engine: Promise<Engine> | undefined;

  function detectEngine(): Promise<Engine> {
    engine ??= deps.engine ? Promise.resolve(deps.engine) : askEngine(deps.db);
    return engine;
  }

  /** Runs `fn` holding the job's advisory lock; undefined when another session holds it. */
  async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
    const key = lockKey(name);
    if ((await detectEngine()) === 'pglite') {
      // One connection, one session, one process (the data dir's lock file): the lock is taken and released on
      // that session, and the job's own queries use the same connection between the two statements.
      if (!(await tryJobLock(deps.db, key))) return undefined;
      try {
        return await fn();
      } finally {
        await releaseJobLock(deps.db, key);
      }
    }
    // A pool: the lock lives in the session of one connection, held for the whole run and released on it; the
    // job's queries use the other connections of the pool.
    return deps.db.connection().execute(async (conn) => {
      if (!(await tryJobLock(conn, key))) return undefined;
      try {
        return await fn();
      } finally {
        await releaseJobLock(conn, key);
      }
    });
  }

  async function execute(job: Job): Promise<RunOutcome> {
    const startedAt = Date.now();
    try {
      const outcome = await withLock(job.name, async () => ({ result: await job.run(deps.clock()) }));
      if (!outcome) {
        deps.log.debug({ job: job.name }, 'job skipped: it is running elsewhere');
        return { status: 'busy' };
      }
      const ms = Date.now() - startedAt;
      deps.log.debug({ job: job.name, ms }, 'job done');
      return { status: 'done', ms, result: outcome.result };
    } catch (error) {
      const ms = Date.now() - startedAt;
      const code = errorCode(error);
      deps.log.error({ job: job.name, ms, error: code }, 'job failed; it runs again at its next turn');
      return { status: 'failed', ms, error: code };
    }
  }

  /** One run of a job; a run already going in this process is joined rather than started twice. */
  function runNamed(name: string): Promise<RunOutcome> {
    const job = jobs.get(name);
    if (!job) return Promise.reject(new UnknownJobError(name));
    const current = running.get(name);
    if (current) return current;
    const run = execute(job).finally(() => running.delete(name));
    running.set(name, run);
    return run;
  }

  function schedule(job: Job, delayMs: number) {
    scheduled.set(
      job.name,
      timers.setTimeout(() => {
        scheduled.delete(job.name);
        void runNamed(job.name).then(() => {
          if (started) schedule(job, job.intervalMs);
        });
      }, delayMs),
    );
  }

  return {
    /** Adds a job; names are unique. Jobs registered after `start` are scheduled at once. */
    register(job: Job) {
      if (!NAME.test(job.name)) throw new TypeError(`job name "${job.name}" must look like module.what`);
      if (jobs.has(job.name)) throw new TypeError(`job "${job.name}" is registered twice`);
      if (!Number.isInteger(job.intervalMs) || job.intervalMs < 1000)
        throw new TypeError(`job "${job.name}": intervalMs must be a whole number of at least 1000`);
      jobs.set(job.name, job);
      if (started) schedule(job, START_SPACING_MS);
    },

    list(): { name: string; intervalMs: number }[] {
      return [...jobs.values()]
        .map((j) => ({ name: j.name, intervalMs: j.intervalMs }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },

    /** Runs one job now (rejects with UnknownJobError for a name not registered). */
    run: runNamed,

    get started() {
      return started;
    },

    /**
     * Schedules every job: first runs a second apart in registration order (not all at once at boot, each
     * holding a pool connection for its lock), then each `intervalMs` after the previous run ends.
     */
    start() {
      if (started) return;
      started = true;
      let i = 0;
      for (const job of jobs.values()) schedule(job, START_SPACING_MS * i++);
    },

    /** Stops scheduling and waits for runs in progress to finish. */
    async stop() {
      started = false;
      for (const handle of scheduled.values()) timers.clearTimeout(handle);
      scheduled.clear();
      await Promise.allSettled([...running.values()]);
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
