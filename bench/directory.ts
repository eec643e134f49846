// bench/directory: the municipality coverage lookup under load, next to a bare Fastify route measured in the
// same run (ratios, not absolute times: these machines are noisy), and the cold start of `npm start`.
//   npm run bench:directory            (10 s per run; BENCH_DURATION=5 for a quicker look)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { load, printTable, ROOT, startServer, type LoadResult } from './lib.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = 50;

function municipalityCodes(): string[] {
  const sql = readFileSync(path.join(ROOT, 'src/db/migrations/0002_regions.sql'), 'utf8');
  return [...sql.matchAll(/\('(GM\d{4})'/g)].map((m) => m[1]!);
}

async function timeToFirstOk(env: NodeJS.ProcessEnv, url: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        const response = await fetch(url);
        if (response.ok) return (performance.now() - started) / 1000;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 25));
      if (performance.now() - started > 60_000) throw new Error('no 200 within 60 s');
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

/** `samen starter`, as npm install runs it: makes the starter database when the code has none yet. */
async function makeStarter(env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/samen.js'), 'starter'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`samen starter exited with ${String(code)}`);
  return (performance.now() - started) / 1000;
}

async function coldStart() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'samen-cold-'));
  const port = String(40_000 + Math.floor(Math.random() * 10_000));
  const env = { SAMEN_DATA_DIR: dataDir, PORT: port, LOG_LEVEL: 'silent', NODE_ENV: 'development' };
  const url = `http://127.0.0.1:${port}/`;
  const samenArgs = [path.join(ROOT, 'bin/samen.js'), 'serve', '--seed-if-empty'];
  // As after `npm install`: the starter database for this code exists (made now if the code changed since).
  const starter = await makeStarter(env);
  const first = await timeToFirstOk(env, url, samenArgs);
  const restart = await timeToFirstOk(env, url, samenArgs);
  rmSync(dataDir, { recursive: true, force: true });
  const bareStarted = performance.now();
  const bare = await startServer('bare');
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  await bare.stop();
  console.log('\nCold start of `npm start` (node bin/samen.js serve --seed-if-empty) to the first 200 on /');
  printTable([
    { run: 'bare Fastify process (baseline)', seconds: bareSeconds.toFixed(2), ratio: '1.00' },
    {
      run: 'first start (new data dir: a copy of the starter database)',
      seconds: first.toFixed(2),
      ratio: (first / bareSeconds).toFixed(2),
    },
    {
      run: 'restart (existing data dir)',
      seconds: restart.toFixed(2),
      ratio: (restart / bareSeconds).toFixed(2),
    },
  ]);
  console.log(
    `target: <= 5 s. first start ${first <= 5 ? 'meets' : 'MISSES'} it, restart ${restart <= 5 ? 'meets' : 'MISSES'} it`,
  );
  console.log(
    `(samen starter: ${starter.toFixed(2)} s; when the code changed since the last one, this makes the starter database: initdb, migrations, sample data)`,
  );
}

async function underLoad() {
  const codes = municipalityCodes();
  const bare = await startServer('bare');
  const samen = await startServer('samen');
  const results: LoadResult[] = [];
  try {
    // Warm up both (JIT, caches) before measuring.
    await load('warmup', `http://127.0.0.1:${bare.port}/bare`, { duration: 2, connections });
    // Steady state: every municipality's answer prepared (and compressed) once, as after a few minutes of use.
    for (const encoding of ['br', 'gzip', '']) {
      await Promise.all(
        codes.map((c) =>
          fetch(`http://127.0.0.1:${samen.port}/api/v1/municipalities/${c}/services`, {
            headers: encoding ? { 'accept-encoding': encoding } : {},
          }).then((r) => r.arrayBuffer()),
        ),
      );
    }
    await load('warmup', `http://127.0.0.1:${samen.port}/api/v1/municipalities/GM0363/services`, {
      duration: 2,
      connections,
    });
    // The baseline gets the same load-generator set-up as the routes measured: autocannon rotating through 342
    // paths is ~30% slower itself than one fixed path, which would otherwise count against the route measured.
    results.push(
      await load('bare Fastify route, 342 rotating paths (baseline)', `http://127.0.0.1:${bare.port}`, {
        duration,
        connections,
        serverPid: bare.child.pid,
        paths: codes.map((c) => `/bare?code=${c}`),
      }),
    );
    results.push(
      await load('bare Fastify route, one fixed path', `http://127.0.0.1:${bare.port}/bare`, {
        duration,
        connections,
        serverPid: bare.child.pid,
      }),
    );
    results.push(
      await load('GET /api/v1/municipalities/{code}/services', `http://127.0.0.1:${samen.port}`, {
        duration,
        connections,
        serverPid: samen.child.pid,
        paths: codes.map((c) => `/api/v1/municipalities/${c}/services`),
      }),
    );
    // Browsers and HTTP clients ask for compression; the prepared answer has its compressed forms ready.
    results.push(
      await load('same, Accept-Encoding: br, gzip', `http://127.0.0.1:${samen.port}`, {
        duration,
        connections,
        serverPid: samen.child.pid,
        paths: codes.map((c) => `/api/v1/municipalities/${c}/services`),
        headers: { 'accept-encoding': 'br, gzip' },
      }),
    );
    results.push(
      await load('GET /healthz (platform overhead)', `http://127.0.0.1:${samen.port}/healthz`, {
        duration,
        connections,
        serverPid: samen.child.pid,
      }),
    );
    results.push(
      await load('GET /api/hsds/services?municipality={code}', `http://127.0.0.1:${samen.port}`, {
        duration,
        connections,
        serverPid: samen.child.pid,
        paths: codes.map((c) => `/api/hsds/services?municipality=${c}`),
      }),
    );
  } finally {
    await bare.stop();
    await samen.stop();
  }
  const baseline = results[0]!.requestsPerSecond;
  console.log(
    `\nUnder load: autocannon, ${connections} connections, ${duration} s each, on loopback; all 342 municipality codes in rotation`,
  );
  printTable(
    results.map((r) => ({
      route: r.label,
      'req/s': Math.round(r.requestsPerSecond),
      'ratio to bare': (r.requestsPerSecond / baseline).toFixed(2),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'KB/resp': (r.bytesPerRequest / 1024).toFixed(1),
      'server µs/req': r.serverMicrosPerRequest?.toFixed(0) ?? '-',
      'server busy': r.serverBusy !== undefined ? `${Math.round(r.serverBusy * 100)}%` : '-',
      errors: r.errors + r.non2xx,
    })),
  );
  console.log('targets: coverage API >= 0.50x the bare route, p99 <= 10 ms');
  console.log(
    'server µs/req: CPU time of the server process per request. server busy: its share of the run; well below 100%, the load generator (one process, on the same machine) sets the pace, not the server.',
  );
}

await underLoad();
if (process.env.BENCH_SKIP_COLD !== '1') await coldStart();
