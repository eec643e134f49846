// One way in to the database for the whole platform: PGlite (embedded, the default) or a PostgreSQL server
// (DATABASE_URL), both behind the same Kysely instance and the same SQL.
import { copyFile } from 'node:fs/promises';
import { chmodSync, constants, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { createRequire } from 'node:module';
import type pg from 'pg';
import type { Database } from './schema.js';
import { timestamptzParser } from './timestamps.js';
import { lockDataDir } from './lock.js';
import { openBackupChannel } from './backup-channel.js';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  /** Run a multi-statement SQL script (migrations). */
  execScript(sql: string): Promise<void>;
  close(): Promise<void>;
  /**
   * Embedded only: a consistent snapshot of the whole database (a gzipped tar of the PGlite data dir), taken
   * while holding the one connection, so no transaction is half in it.
   */
  snapshot?(): Promise<Blob>;
}

// Both engines return the same JavaScript types: int8 and numeric as strings would be a trap for counts, so
// int8 comes back as a number (our counts stay far below 2^53); date columns stay ISO strings (pg would turn
// them into local-midnight Dates).
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
const TIMESTAMPTZ = 1184;

// The PostgreSQL client is loaded on first use: the embedded default and every CLI run on it never need it
// (it is a tenth of a CLI start's module loading). pg is CommonJS, so a synchronous require keeps
// connectPostgres synchronous.
let pgLoaded: typeof pg | undefined;
function pgClient(): typeof pg {
  if (pgLoaded) return pgLoaded;
  const loaded = createRequire(import.meta.url)('pg') as typeof pg;
  loaded.types.setTypeParser(INT8, (v) => Number(v));
  loaded.types.setTypeParser(DATE, (v) => v);
  loaded.types.setTypeParser(NUMERIC, (v) => Number(v));
  loaded.types.setTypeParser(TIMESTAMPTZ, timestamptzParser(loaded.types.getTypeParser(TIMESTAMPTZ, 'text')));
  return (pgLoaded = loaded);
}

const pgliteParsers = {
  [INT8]: (v: string) => Number(v),
  [DATE]: (v: string) => v,
  [NUMERIC]: (v: string) => Number(v),
};

/**
 * PGlite is one connection. This adapter gives Kysely's PostgresDialect the `pg.Pool` shape it expects and
 * hands the single connection out to one holder at a time, so a transaction never interleaves with another
 * request's queries.
 */
class PGlitePool {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: PGlite) {}

  async connect() {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const pglite = this.pglite;
    return {
      processID: 1,
      async query(sql: string, parameters: readonly unknown[]) {
        const result = await pglite.query(sql, parameters as unknown[], { rowMode: 'object' });
        const command = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
        return { command, rowCount: result.affectedRows ?? 0, rows: result.rows };
      },
      release() {
        release();
      },
    };
  }

  async end() {
    await this.queue;
    await this.pglite.close();
  }
}

/**
 * `sharedBuffers`: PostgreSQL's page cache inside the embedded engine (a `shared_buffers` size such as '16MB';
 * default the data dir's postgresql.conf, 128MB). Starting zeroes all of it in WebAssembly, about 0.6 s for 128MB
 * before V8 has optimised that code, so a short-lived command asks for less; a cache only, nothing stored changes.
 */
export async function openPGlite(
  dataDir: string | undefined,
  loadDataDir?: Blob,
  sharedBuffers?: string,
): Promise<PGlite> {
  if (sharedBuffers !== undefined && !/^\d+(kB|MB)$/.test(sharedBuffers))
    throw new Error(`Not a shared_buffers size: ${sharedBuffers}`);
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    ...(sharedBuffers
      ? { startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`] }
      : {}),
    parsers: pgliteParsers,
    relaxedDurability: false,
  });
}

export function wrapPGlite(pglite: PGlite): DatabaseHandle {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: new PGlitePool(pglite) as unknown as pg.Pool }),
  });
  return {
    db,
    engine: 'pglite',
    async execScript(sql) {
      await pglite.exec(sql);
    },
    async close() {
      await db.destroy();
    },
    snapshot() {
      return db.connection().execute(() => pglite.dumpDataDir('gzip'));
    },
  };
}

/**
 * Statement names for parameterised SQL texts, shared by every connection of the process. A named statement is
 * parsed and planned once per connection and then only bound and executed: PostgreSQL spends no time on parsing
 * and (after a few runs, when its generic plan is as good) on planning. Kysely's SQL texts are few and fixed;
 * past MAX_NAMED_STATEMENTS distinct texts (something builds SQL with values in it) new ones run unnamed.
 */
const statementNames = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 5_000;
let statementsNamed = 0;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `samen_${++statementsNamed}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A migration applied while this server runs (a rolling deploy) can change what a prepared `select *` returns;
 * PostgreSQL then refuses that statement ("cached plan must not change result type"). The text gets a new name
 * (prepared afresh on every connection), and a query outside a transaction is run again at once; inside one, the
 * transaction has failed already and the caller's error stands, and the next run of the text works.
 */
function isStalePlan(error: unknown): boolean {
  return (
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test((error as Error).message)
  );
}

type QueryFunction = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/** Runs this client's parameterised queries as named (prepared) statements; see statementName. */
export function usePreparedStatements(client: pg.ClientBase): void {
  const target = client as unknown as { query: QueryFunction };
  const plain = target.query.bind(client) as QueryFunction;
  // Kysely opens and ends transactions with these texts on the connection it holds for them.
  let inTransaction = false;
  target.query = (text, values, callback) => {
    if (typeof text === 'string' && callback === undefined) {
      if (/^\s*(begin|start transaction)\b/i.test(text)) inTransaction = true;
      else if (/^\s*(commit|rollback|end|abort)\b/i.test(text)) inTransaction = false;
    }
    // Only plain (text, values) calls with values: scripts without values use the simple protocol, which allows
    // several statements in one text (migrations), and a named statement must have one.
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined) {
      return plain(text, values, callback);
    }
    const name = statementName(text);
    if (!name) return plain(text, values);
    const run = (statement: string) => plain({ name: statement, text, values }) as Promise<unknown>;
    return run(name).catch((error: unknown) => {
      if (!isStalePlan(error)) throw error;
      if (statementNames.get(text) === name) statementNames.delete(text);
      const renamed = statementName(text);
      if (inTransaction || !renamed) throw error;
      return run(renamed);
    });
  };
}

export function connectPostgres(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new (pgClient().Pool)({ connectionString, max: options.max ?? 10 });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', usePreparedStatements);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    async execScript(sql) {
      const client = await pool.connect();
      try {
        await client.query(sql);
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

export { DataDirLockedError } from './lock.js';

export class DatabaseUnavailableError extends Error {
  constructor(databaseUrl: string, cause: unknown) {
    const url = new URL(databaseUrl);
    // Never the password: the URL's credentials stay out of the message.
    const where = `${url.hostname}:${url.port || 5432}${url.pathname}`;
    const reason = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message ?? String(cause);
    super(`Cannot reach the PostgreSQL server at ${where} (DATABASE_URL): ${reason}`);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * Copies a (closed) PGlite data directory: about a thousand small files and 40 MB, copied several at a time (about
 * twice as fast as one by one), copy-on-write where the file system can.
 */
async function copyDataDir(from: string, to: string): Promise<void> {
  const files: string[] = [];
  const walk = (relative: string) => {
    mkdirSync(path.join(to, relative), { recursive: true });
    for (const entry of readdirSync(path.join(from, relative), { withFileTypes: true })) {
      const name = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(name);
      else if (entry.isFile()) files.push(name);
      else throw new Error(`Unexpected entry in the database to copy: ${path.join(from, name)}`);
    }
  };
  walk('');
  await Promise.all(
    files.map((name) => copyFile(path.join(from, name), path.join(to, name), constants.COPYFILE_FICLONE)),
  );
}

/** chmod go-rwx, recursively: directories 0700, files 0600 (symlinks are left alone). */
export function restrictToOwner(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    try {
      if (entry.isDirectory()) restrictToOwner(full);
      else if (entry.isFile()) chmodSync(full, 0o600);
    } catch (error) {
      // A running PGlite removes files (temporary ones) while we walk: what is gone needs no tightening.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** An embedded data dir that has no database yet (PGlite would run initdb in it). */
export function isNewEmbeddedDatabase(dataDir: string): boolean {
  const dir = path.join(dataDir, 'pglite');
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Opens the database; a PostgreSQL server that cannot be reached is a clear error, not a stack trace.
 * `initialDataDir`: a closed PGlite data directory (the starter database, src/cli/starter.ts) that a new
 * embedded database starts as, copied in while holding the data dir's lock instead of running initdb.
 */
export async function connect(options: {
  databaseUrl?: string;
  dataDir: string;
  initialDataDir?: string;
  /**
   * Embedded only: serve online backups to `samen backup` over the data dir's owner-only socket while open
   * (backup-channel.ts). Default true; `samen backup` itself opens the database without it.
   */
  backupChannel?: boolean;
  /** Embedded only: the engine's page cache for this process (see openPGlite); default 128MB. */
  sharedBuffers?: string;
}): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const handle = connectPostgres(options.databaseUrl);
    try {
      await handle.execScript('select 1');
    } catch (error) {
      await handle.close().catch(() => {});
      throw new DatabaseUnavailableError(options.databaseUrl, error);
    }
    return handle;
  }
  const release = lockDataDir(options.dataDir);
  const pgliteDir = path.join(options.dataDir, 'pglite');
  // The data dir holds personal data and keys: readable by its owner only (0700, so nobody else can reach the
  // files in it; they are 0600 too, tightened right after PGlite has opened them and again at close, since PGlite
  // makes new ones 0666). The directory is closed to others before anything in it is opened.
  process.umask(0o077);
  chmodSync(options.dataDir, 0o700);
  let copied = false;
  try {
    if (options.initialDataDir && isNewEmbeddedDatabase(options.dataDir)) {
      copied = true;
      await copyDataDir(options.initialDataDir, pgliteDir);
    }
    const handle = wrapPGlite(await openPGlite(pgliteDir, undefined, options.sharedBuffers));
    // PGlite writes some files with modes of its own (initdb's 0666, pg_internal.init 0644): the 0700 directory
    // already keeps others out, and the files are tightened at open, every minute while open, before every
    // online backup and at close.
    const tighten = () => restrictToOwner(options.dataDir);
    tighten();
    const tightening = setInterval(() => {
      try {
        tighten();
      } catch {
        // the next round tries again
      }
    }, 60_000);
    tightening.unref();
    const channel =
      options.backupChannel === false
        ? undefined
        : await openBackupChannel(options.dataDir, () => handle.snapshot!(), tighten).catch(() => undefined);
    return {
      ...handle,
      async close() {
        clearInterval(tightening);
        try {
          await channel?.close();
          await handle.close();
          // PGlite creates its files 0666 whatever the umask; the 0700 directory already keeps others out, and
          // the files are tightened as well once it is closed.
          restrictToOwner(options.dataDir);
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    // A copy that failed or does not open leaves no half database behind: the next start begins afresh.
    if (copied) rmSync(pgliteDir, { recursive: true, force: true });
    release();
    throw error;
  }
}
