// Shared plumbing for the benchmarks: a database of the bench's own on a PostgreSQL server (fresh, or kept and
// reused), the configuration and services on it, start a server process, load it with autocannon, print results.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loadReferralDemo } from '../src/cli/seed.js';
import { loadConfig } from '../src/config.js';
import { connect } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { createServices } from '../src/services.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The 342 municipality codes, from the project's own seed migration. */
export function municipalityCodes(): string[] {
  const sql = readFileSync(path.join(ROOT, 'src/db/migrations/0002_regions.sql'), 'utf8');
  return [...sql.matchAll(/\('(GM\d{4})'/g)].map((m) => m[1]!);
}

// ---- a database of the bench's own ----------------------------------------------------------------------------

/** The PostgreSQL server of the database benches: BENCH_DATABASE_URL, TEST_DATABASE_URL or the local one. */
export const benchServerUrl = (): string =>
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of database `name` on the server of `serverUrl`. */
export function databaseUrlOn(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(serverUrl: string, statements: string[]) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** An empty database `name` (one left by an earlier run is dropped first); returns its URL. */
export async function createDatabase(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, [`drop database if exists ${name} with (force)`, `create database ${name}`]);
  return databaseUrlOn(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, [`drop database if exists ${name} with (force)`]);
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** A database an earlier run kept (BENCH_KEEP=1), used again (BENCH_REUSE=1): its data is already there. */
  reused: boolean;
  /** Drops the database, unless it is kept (BENCH_KEEP=1) or was reused. */
  done(): Promise<void>;
}

/**
 * The bench's database on benchServerUrl(), named BENCH_DB_NAME or `defaultName` (another name, so that two people
 * benchmarking on one server do not drop each other's database). With BENCH_REUSE=1 the one a run kept, when
 * `holds` finds in it what this run needs; else a fresh one.
 */
export async function benchDatabase(
  defaultName: string,
  holds: (client: pg.Client) => Promise<boolean>,
): Promise<BenchDatabase> {
  const serverUrl = benchServerUrl();
  const name = process.env.BENCH_DB_NAME ?? defaultName;
  const reused = process.env.BENCH_REUSE === '1' && (await kept(databaseUrlOn(serverUrl, name), holds));
  const url = reused ? databaseUrlOn(serverUrl, name) : await createDatabase(serverUrl, name);
  return {
    name,
    url,
    reused,
    done: async () => {
      if (process.env.BENCH_KEEP !== '1' && !reused) await dropDatabase(serverUrl, name);
    },
  };
}

async function kept(url: string, holds: (client: pg.Client) => Promise<boolean>): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return await holds(client);
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The field and audit keys of a bench run: its own process and its server process read the data with them. */
export const BENCH_KEYS = { SAMEN_FIELD_KEYS: `k1:${'1'.repeat(64)}`, SAMEN_AUDIT_KEY: '2'.repeat(64) };

/** The services on a bench's database (on the wall clock, no mail), with the configuration of the bench run. */
export async function benchServices(databaseUrl: string) {
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    ENCRYPTION_KEY: '0'.repeat(64),
    ...BENCH_KEYS,
  });
  const database = await connect({ databaseUrl, dataDir: config.dataDir });
  const services = createServices({ db: database.db, clock: () => new Date(), config, mailTransport: null });
  return { config, database, services };
}

/** A new bench database made ready for cases: migrated, with the sample directory and the referral demo's teams. */
export async function prepareReferralData(bench: Awaited<ReturnType<typeof benchServices>>) {
  await migrate(bench.database.db);
  await bench.services.directory.loadSampleDirectory();
  await loadReferralDemo(bench.services);
}

/**
 * The start of a query generating cases: `teams` (every care coordination team and the national one, numbered
 * `i` of `n`), `places` (every municipality with its safety region and police unit, numbered likewise) and
 * `origin` (a first-line team). A case g goes to team g % n and place (g * 7) % n.
 */
export const CASE_SPREAD = sql`
  with teams as (
    select id, row_number() over (order by name) - 1 as i, count(*) over () as n
    from nrm_team where kind in ('care_coordination', 'national')
  ), places as (
    select m.code, m.safety_region_code, s.police_unit_code, row_number() over (order by m.code) - 1 as i, count(*) over () as n
    from municipality m join safety_region s on s.code = m.safety_region_code
  ), origin as (select id from nrm_team where kind = 'first_line' limit 1)`;

// ---- server processes and load ---------------------------------------------------------------------------------

export interface RunningServer {
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts bench/server.ts <kind> in its own process and waits for "READY <port>". */
export function startServer(kind: 'bare' | 'samen', env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // BENCH_PROFILE=<dir> writes a V8 CPU profile of each server process there (open it in Chrome's DevTools).
    const profile = process.env.BENCH_PROFILE
      ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_PROFILE)}`]
      : [];
    const child = spawn(
      process.execPath,
      [...profile, '--import', 'tsx', path.join(ROOT, 'bench/server.ts'), kind],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
          ENCRYPTION_KEY: '0'.repeat(64),
          SAMEN_FIELD_KEYS: `bench:${'1'.repeat(64)}`,
          SAMEN_AUDIT_KEY: '2'.repeat(64),
          SAMEN_SECURITY_CONTACT: 'mailto:security@bench.invalid',
          SAMEN_SECURITY_TXT_EXPIRES: new Date(Date.now() + 30 * 86_400_000).toISOString(),
          ...env,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /READY (\d+)/.exec(buffer);
      if (match) {
        resolve({
          port: Number(match[1]),
          child,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited early with code ${code}`)));
  });
}

export interface LoadResult {
  label: string;
  requestsPerSecond: number;
  p99: number;
  p50: number;
  errors: number;
  non2xx: number;
  bytesPerRequest: number;
  /** CPU time the server process spent per request (µs), where /proc shows it (Linux). */
  serverMicrosPerRequest?: number;
  /** Share of the run the server process was busy: near 1, the server limits; well below, the load generator. */
  serverBusy?: number;
  /** CPU time the load generator (autocannon, in this process) spent per request (µs). */
  clientMicrosPerRequest: number;
}

/** CPU time (user + system) a process has used so far, in ms; undefined without /proc (not Linux). */
export function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks of 1/100 s (USER_HZ).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

export async function load(
  label: string,
  url: string,
  options: {
    connections?: number;
    duration?: number;
    paths?: string[];
    headers?: Record<string, string>;
    /** The server's process, to measure its CPU time over the run. */
    serverPid?: number;
  } = {},
): Promise<LoadResult> {
  const paths = options.paths;
  let i = 0;
  const cpuBefore = processCpuMs(options.serverPid);
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: options.connections ?? 50,
    duration: options.duration ?? 10,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(paths
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({ ...req, path: paths[i++ % paths.length]! }),
            },
          ],
        }
      : {}),
  });
  const client = process.cpuUsage(clientBefore);
  const cpuAfter = processCpuMs(options.serverPid);
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  return {
    ...(cpu !== undefined
      ? {
          serverMicrosPerRequest: (cpu * 1000) / Math.max(1, result.requests.total),
          serverBusy: cpu / (performance.now() - started),
        }
      : {}),
    label,
    clientMicrosPerRequest: (client.user + client.system) / Math.max(1, result.requests.total),
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerRequest: result.throughput.average / Math.max(1, result.requests.average),
  };
}

export interface Scenario {
  label: string;
  url: string;
  paths?: string[];
  headers?: Record<string, string>;
  serverPid?: number;
}

export interface ComparedResult extends LoadResult {
  /** Median over the rounds of this scenario's requests/s divided by the baseline's in the same round. */
  ratio: number;
  /** The worst p99 of any round. */
  worstP99: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * Loads each scenario in turn, in several short rounds (baseline first in each round), and reports per scenario
 * the median of each figure and the median ratio to the baseline of the same round. These machines' speed
 * drifts by tens of percent over a minute (other tenants): a ratio from one long run of each scenario mostly
 * measures when each ran; interleaved rounds compare them at nearly the same moment.
 */
export async function compareInRounds(
  scenarios: Scenario[],
  options: { rounds: number; secondsPerRound: number; connections: number },
): Promise<ComparedResult[]> {
  const runs: LoadResult[][] = scenarios.map(() => []);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, scenario] of scenarios.entries()) {
      runs[i]!.push(
        await load(scenario.label, scenario.url, {
          duration: options.secondsPerRound,
          connections: options.connections,
          ...(scenario.paths ? { paths: scenario.paths } : {}),
          ...(scenario.headers ? { headers: scenario.headers } : {}),
          ...(scenario.serverPid !== undefined ? { serverPid: scenario.serverPid } : {}),
        }),
      );
    }
  }
  const baseline = runs[0]!;
  return runs.map((results, i) => {
    const of = (pick: (r: LoadResult) => number | undefined) => {
      const values = results.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? median(values) : undefined;
    };
    const serverMicrosPerRequest = of((r) => r.serverMicrosPerRequest);
    const serverBusy = of((r) => r.serverBusy);
    return {
      label: scenarios[i]!.label,
      requestsPerSecond: of((r) => r.requestsPerSecond)!,
      ratio: median(results.map((r, round) => r.requestsPerSecond / baseline[round]!.requestsPerSecond)),
      p50: of((r) => r.p50)!,
      p99: of((r) => r.p99)!,
      worstP99: Math.max(...results.map((r) => r.p99)),
      errors: results.reduce((sum, r) => sum + r.errors, 0),
      non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
      bytesPerRequest: of((r) => r.bytesPerRequest)!,
      clientMicrosPerRequest: of((r) => r.clientMicrosPerRequest)!,
      ...(serverMicrosPerRequest !== undefined ? { serverMicrosPerRequest } : {}),
      ...(serverBusy !== undefined ? { serverBusy } : {}),
    };
  });
}

/** The table of compareInRounds' results. */
export function printCompared(results: ComparedResult[]) {
  printTable(
    results.map((r) => ({
      route: r.label,
      'req/s': Math.round(r.requestsPerSecond),
      'ratio to bare': r.ratio.toFixed(2),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'worst p99': r.worstP99,
      'KB/resp': (r.bytesPerRequest / 1024).toFixed(1),
      'server µs/req': r.serverMicrosPerRequest?.toFixed(0) ?? '-',
      'server busy': r.serverBusy !== undefined ? `${Math.round(r.serverBusy * 100)}%` : '-',
      'client µs/req': r.clientMicrosPerRequest.toFixed(0),
      errors: r.errors + r.non2xx,
    })),
  );
  console.log(
    'ratio: median over the rounds of req/s divided by the baseline in the same round. p50, p99: medians over the rounds; worst p99: the highest of any round.',
  );
  console.log(
    'server µs/req: CPU time of the server process per request; server busy: its share of the run. client µs/req: CPU time of the load generator (autocannon, one process) per request. Both share the machine cores: when the server is well below 100% busy, the load generator sets the pace.',
  );
}

export function printTable(rows: Record<string, string | number>[]) {
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(keys.map((k) => String(row[k]))));
}
