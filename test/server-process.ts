// The real server as a child process (`bin/samen.js serve`, which runs dist/: build first) for the tests that kill
// it, back it up while it runs, or restart it: on the embedded database in a data dir of the test's own, or on a
// PostgreSQL database of its own. The child runs on the wall clock (a real process), so these helpers do too.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadReferralDemo } from '../src/cli/seed.js';
import { loadConfig } from '../src/config.js';
import { connect, connectPostgres, openPGlite } from '../src/db/connect.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../src/modules/referrals/index.js';
import { totpCode } from '../src/platform/auth/totp.js';
import { createServices } from '../src/services.js';
import { BIN, ROOT, samen, samenAsync, samenEnv as cliEnv } from './cli.js';
import { TEMPLATE_DIR, postgresTemplateName } from './db.js';

/** The server under test is a real process on the wall clock; what the test writes to its database shares it. */
// eslint-disable-next-line no-restricted-syntax -- see above
const wallClock = () => new Date();

export { ROOT, samen, samenAsync };

/** Keys for a PostgreSQL run (the embedded one keeps its own in the data dir's secrets.json). */
const POSTGRES_KEYS = {
  SESSION_SECRET: 'fault-injection-secret-fault-injection',
  ENCRYPTION_KEY: '3'.repeat(64),
  SAMEN_FIELD_KEYS: `k1:${'4'.repeat(64)}`,
  SAMEN_AUDIT_KEY: '5'.repeat(64),
};

/** The environment of a `samen` child process: nothing of the test runner's database settings leaks in. */
export function samenEnv(target: { dataDir: string; databaseUrl?: string }): NodeJS.ProcessEnv {
  return cliEnv(target.dataDir, {
    SAMEN_CHECKPOINT_DIR: path.join(target.dataDir, 'audit-checkpoints'),
    ...(target.databaseUrl ? { DATABASE_URL: target.databaseUrl, ...POSTGRES_KEYS } : {}),
  });
}

/** A new PostgreSQL database and its URL: a copy of `template` (default: the tier's migrated one), or empty (null). */
export async function createPostgresTarget(
  serverUrl: string,
  template: string | null = postgresTemplateName(),
) {
  const name = `samen_f_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(serverUrl, { max: 1 });
  await admin.execScript(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.close();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const cleanup = connectPostgres(serverUrl, { max: 1 });
      await cleanup.execScript(`drop database if exists ${name} with (force)`);
      await cleanup.close();
    },
  };
}

export interface Target {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * Databases prepared once (prepareDatabase: the slow part, password hashing and all) and copied for each test: a
 * copy of the closed data dir, or a PostgreSQL database made from the prepared one as its template. All copies
 * share the accounts and the keys. `cleanup()` drops what was made.
 */
export function preparedDatabases(root: string, serverUrl: string | undefined) {
  let base: Promise<{ target: Target; name?: string }> | undefined;
  const drops: (() => Promise<void>)[] = [];
  return {
    async copy(label: string): Promise<Target> {
      base ??= (async () => {
        const target: Target = { dataDir: path.join(root, 'prepared') };
        let name: string | undefined;
        if (serverUrl) {
          const made = await createPostgresTarget(serverUrl);
          drops.push(made.drop);
          target.databaseUrl = made.url;
          name = made.name;
        }
        await prepareDatabase(target);
        return { target, ...(name ? { name } : {}) };
      })();
      const prepared = await base;
      const dataDir = path.join(root, label);
      if (!serverUrl) {
        cpSync(prepared.target.dataDir, dataDir, { recursive: true });
        return { dataDir };
      }
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      const made = await createPostgresTarget(serverUrl, prepared.name!);
      drops.push(made.drop);
      return { dataDir, databaseUrl: made.url };
    },
    /** A new, empty PostgreSQL database (to restore into). */
    async empty(label: string): Promise<Target> {
      const made = await createPostgresTarget(serverUrl!, null);
      drops.push(made.drop);
      const dataDir = path.join(root, label);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      return { dataDir, databaseUrl: made.url };
    },
    async cleanup() {
      for (const drop of drops.splice(0)) await drop();
    },
  };
}

/**
 * Makes the database the server will run on: migrated (from the test tier's template), the sample directory and
 * the referral demo's accounts loaded. On the embedded engine the data dir gets its own secrets.json.
 */
export async function prepareDatabase(target: { dataDir: string; databaseUrl?: string }) {
  mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  if (!target.databaseUrl) {
    const pglite = await openPGlite(
      path.join(target.dataDir, 'pglite'),
      new Blob([readFileSync(path.join(TEMPLATE_DIR, 'pglite-template.tar'))]),
    );
    await pglite.close();
  }
  const env = samenEnv(target);
  const config = loadConfig(env);
  const database = await connect({
    ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}),
    dataDir: target.dataDir,
    backupChannel: false,
  });
  try {
    const services = createServices({
      db: database.db,
      clock: wallClock,
      config,
      mailTransport: null,
    });
    await services.directory.loadSampleDirectory();
    await loadReferralDemo(services);
  } finally {
    await database.close();
  }
}

export interface ServerProcess {
  readonly base: string;
  readonly child: ChildProcess;
  readonly pid: number;
  /** kill -9, and wait until the process is gone. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean stop), and wait until the process is gone. */
  stop(): Promise<number | null>;
}

/** Starts `samen serve` on a free port of 127.0.0.1 and waits until it listens. */
export async function startServer(env: NodeJS.ProcessEnv, timeoutMs = 90_000): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: ROOT,
    env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`samen serve did not listen within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const look = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`samen serve exited (${code}) before it listened:\n${output}`));
    });
  });
  // Keep the pipes drained, so the child never blocks on a full one.
  child.stdout.removeAllListeners('data').resume();
  child.stderr.removeAllListeners('data').resume();
  return {
    base,
    child,
    pid: child.pid!,
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
}

/** Signs the demo's first-line professional in over HTTP: the login form, then the second factor's form. */
export async function signInProfessional(base: string): Promise<Session> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === 'nrm_professional')!;
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const token = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  let r = await fetch(`${base}/login`);
  keep(r);
  let csrf = token(await r.text());
  r = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), ...form },
    body: new URLSearchParams({ _csrf: csrf, email: account.email, password: DEMO_PASSWORD }),
  });
  keep(r);
  r = await fetch(`${base}/login/totp`, { headers: { cookie: cookie() } });
  keep(r);
  csrf = token(await r.text());
  r = await fetch(`${base}/login/totp`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: cookie(), ...form },
    // eslint-disable-next-line no-restricted-syntax -- the code is checked by a real process on the wall clock
    body: new URLSearchParams({ _csrf: csrf, code: totpCode(account.totp, Date.now()) }),
  });
  keep(r);
  if (r.status !== 303) throw new Error(`sign-in failed: ${r.status}`);
  r = await fetch(`${base}/nvm/signal`, { headers: { cookie: cookie() } });
  if (r.status !== 200) throw new Error(`the signal form answered ${r.status}`);
  return { cookie: cookie(), csrf: token(await r.text()) };
}

/** What writers saw: the submission tokens sent, and those whose submission was acknowledged (2xx/3xx). */
export interface WriteLog {
  sent: Set<string>;
  acknowledged: Set<string>;
  /** Answers that were neither an acknowledgement nor a broken connection (4xx/5xx), by status. */
  refused: Map<number, number>;
}

export function newWriteLog(): WriteLog {
  return { sent: new Set(), acknowledged: new Set(), refused: new Map() };
}

/**
 * `count` writers submitting signals one after another until `stop()`: each with a new submission token, so
 * every case can be traced to the request that made it. A broken connection (the server killed) is not an
 * acknowledgement; the writer waits briefly and tries again until stopped.
 */
export function startWriters(base: () => string, session: () => Session, log: WriteLog, count = 3) {
  let running = true;
  const writer = async () => {
    while (running) {
      const submission = randomUUID();
      log.sent.add(submission);
      try {
        const r = await fetch(`${base()}/nvm/signal`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: session().cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            _csrf: session().csrf,
            kind: 'signal',
            municipality: 'Utrecht',
            urgency: 'normal',
            minor: 'no',
            consent: 'yes',
            forms: 'labour',
            summary: 'Fault injection',
            name: 'Proef Persoon',
            submission,
          }),
        });
        if (r.status >= 200 && r.status < 400) log.acknowledged.add(submission);
        else log.refused.set(r.status, (log.refused.get(r.status) ?? 0) + 1);
        await r.body?.cancel();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };
  const writers = Array.from({ length: count }, writer);
  return {
    async stop() {
      running = false;
      await Promise.all(writers);
    },
  };
}

/**
 * What the database holds of the writers' signals: which acknowledged submissions are missing, and which cases
 * made by a writer are incomplete (a case without its person, its "signal" event, its registration or its audit
 * entry: a half-written submission), or doubled.
 */
export async function countSignals(target: { dataDir: string; databaseUrl?: string }, log: WriteLog) {
  const env = samenEnv(target);
  const config = loadConfig(env);
  const database = await connect({
    ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}),
    dataDir: target.dataDir,
    backupChannel: false,
  });
  try {
    const db = database.db;
    const services = createServices({ db, clock: wallClock, config, mailTransport: null });
    const cases = (await db.selectFrom('nrm_case').select(['id', 'submission_token']).execute()).filter(
      (c) => c.submission_token !== null && log.sent.has(c.submission_token),
    );
    const ids = cases.map((c) => c.id);
    const having = async (rows: Promise<{ id: string | null }[]>) => new Set((await rows).map((r) => r.id));
    const none = ['00000000-0000-0000-0000-000000000000'];
    const persons = await having(
      db
        .selectFrom('nrm_person')
        .select('case_id as id')
        .where('case_id', 'in', ids.length ? ids : none)
        .execute(),
    );
    const events = await having(
      db
        .selectFrom('nrm_case_event')
        .select('case_id as id')
        .where('kind', '=', 'signal')
        .where('case_id', 'in', ids.length ? ids : none)
        .execute(),
    );
    const audited = await having(
      db
        .selectFrom('audit_event')
        .select('entity_id as id')
        .where('action', '=', 'nrm.case.create')
        .where('entity_id', 'in', ids.length ? ids : none)
        .execute(),
    );
    const registered = new Set(
      (await db.selectFrom('nrm_registration').select('pseudonym').execute()).map((r) => r.pseudonym),
    );
    const incomplete = cases.filter(
      (c) =>
        !persons.has(c.id) ||
        !events.has(c.id) ||
        !audited.has(c.id) ||
        !registered.has(services.referrals.pseudonymOf(c.id)),
    );
    const tokens = new Map<string, number>();
    for (const c of cases) tokens.set(c.submission_token!, (tokens.get(c.submission_token!) ?? 0) + 1);
    return {
      cases: cases.length,
      lost: [...log.acknowledged].filter((t) => !tokens.has(t)),
      incomplete: incomplete.map((c) => c.id),
      doubled: [...tokens].filter(([, n]) => n > 1).map(([t]) => t),
    };
  } finally {
    await database.close();
  }
}
