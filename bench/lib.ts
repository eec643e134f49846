// Shared plumbing for the benchmarks: start a server process, load it with autocannon, print results.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    p50: result.latency.p50,
    errors: result.errors,
    non2xx: result.non2xx,
    bytesPerRequest: result.throughput.average / Math.max(1, result.requests.average),
  };
}

export function printTable(rows: Record<string, string | number>[]) {
  const keys = Object.keys(rows[0] ?? {});
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(line(keys));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(keys.map((k) => String(row[k]))));
}
