// The job runner's queries (runner.ts): which engine answers, and the per-job advisory locks, taken and released
// on one session (a pool connection held for the run, or PGlite's one connection).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
export type { Engine } from '../../db/connect.js';

/** The database the jobs run against (or one connection of its pool, which runs the same queries). */
export type Root = Kysely<Database>;

/** Advisory locks of jobs: (this namespace, hash of the job name). Apart from the single-key locks of migrations and the audit trail. */
const JOB_LOCK_NAMESPACE = 7_316_230;

/** Whether the database is PGlite (its version string names the WebAssembly build) or a PostgreSQL server. */
export async function askEngine(db: Root): Promise<'pglite' | 'postgres'> {
  const result = await sql<{ v: string }>`select version() as v`.execute(db);
  return /emscripten|wasm/i.test(result.rows[0]?.v ?? '') ? 'pglite' : 'postgres';
}

/** Takes the job's session lock when free; false when another session holds it. */
export async function tryJobLock(session: Root, key: number): Promise<boolean> {
  const got = await sql<{
    ok: boolean;
  }>`select pg_try_advisory_lock(${JOB_LOCK_NAMESPACE}, ${key}) as ok`.execute(session);
  return got.rows[0]?.ok === true;
}

/** Releases the job's session lock (on the session that took it). */
export async function releaseJobLock(session: Root, key: number): Promise<void> {
  await sql`select pg_advisory_unlock(${JOB_LOCK_NAMESPACE}, ${key})`.execute(session);
}
