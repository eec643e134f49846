// bench/directory: the municipality coverage lookup under load, next to a bare Fastify route measured in the
// same run (ratios, not absolute times: these machines are noisy), and the cold start of `npm start`.
//   npm run bench:directory            (10 s per row in 5 rounds; BENCH_DURATION=5 for a quicker look)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  compareInRounds,
  municipalityCodes,
  load,
  printCompared,
  printTable,
  ROOT,
  startServer,
  type ComparedResult,
} from './lib.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const connections = 50;

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
  const bodiesDir = mkdtempSync(path.join(os.tmpdir(), 'samen-bench-bodies-'));
  const bare = await startServer('bare', { BENCH_BODIES_DIR: bodiesDir });
  const samen = await startServer('samen');
  const coverage = (c: string) => `/api/v1/municipalities/${c}/services`;
  const hsds = (c: string) => `/api/hsds/services?municipality=${c}`;
  let results: ComparedResult[];
  try {
    // Steady state: every municipality's answer prepared (and compressed) once, as after a few minutes of use.
    // The plain answers are saved for the bare route that sends the same bytes.
    for (const [name, route] of [
      ['coverage', coverage],
      ['hsds', hsds],
    ] as const) {
      for (const encoding of ['br', 'gzip', '']) {
        await Promise.all(
          codes.map(async (c) => {
            const response = await fetch(`http://127.0.0.1:${samen.port}${route(c)}`, {
              headers: encoding ? { 'accept-encoding': encoding } : {},
            });
            const body = Buffer.from(await response.arrayBuffer());
            if (!encoding) writeFileSync(path.join(bodiesDir, `${name}-${c}.json`), body);
          }),
        );
      }
    }
    await load('warmup', `http://127.0.0.1:${bare.port}/bare`, { duration: 2, connections });
    await load('warmup', `http://127.0.0.1:${samen.port}${coverage('GM0363')}`, { duration: 2, connections });
    const onBare = { url: `http://127.0.0.1:${bare.port}`, serverPid: bare.child.pid };
    const onSamen = { url: `http://127.0.0.1:${samen.port}`, serverPid: samen.child.pid };
    const compressed = { 'accept-encoding': 'br, gzip' };
    const sameBytes = (name: string) => codes.map((c) => `/body/${name}-${c}.json`);
    // The baseline gets the same load-generator set-up as the routes measured: autocannon rotating through 342
    // paths is ~30% slower itself than one fixed path, which would otherwise count against the route measured.
    results = await compareInRounds(
      [
        {
          label: 'bare Fastify route, 342 rotating paths (baseline)',
          ...onBare,
          paths: codes.map((c) => `/bare?code=${c}`),
        },
        { label: 'bare Fastify route, one fixed path', ...onBare, paths: ['/bare'] },
        { label: 'GET /api/v1/municipalities/{code}/services', ...onSamen, paths: codes.map(coverage) },
        {
          label: 'same, Accept-Encoding: br, gzip',
          ...onSamen,
          paths: codes.map(coverage),
          headers: compressed,
        },
        { label: 'bare Fastify route, same bytes as that answer', ...onBare, paths: sameBytes('coverage') },
        { label: 'GET /api/hsds/services?municipality={code}', ...onSamen, paths: codes.map(hsds) },
        { label: 'same, Accept-Encoding: br, gzip', ...onSamen, paths: codes.map(hsds), headers: compressed },
        { label: 'bare Fastify route, same bytes as that answer', ...onBare, paths: sameBytes('hsds') },
        { label: 'GET /healthz (platform overhead)', ...onSamen, paths: ['/healthz'] },
      ],
      { rounds, secondsPerRound: duration / rounds, connections },
    );
  } finally {
    await bare.stop();
    await samen.stop();
    rmSync(bodiesDir, { recursive: true, force: true });
  }
  console.log(
    `\nUnder load: autocannon, ${connections} connections, on loopback; all 342 municipality codes in rotation; ${rounds} interleaved rounds of ${duration / rounds} s per row`,
  );
  printCompared(results);
  const verdict = (r: ComparedResult) =>
    `${r.label}: ratio ${r.ratio.toFixed(2)} ${r.ratio >= 0.5 ? 'meets' : 'MISSES'} >= 0.50, p99 ${r.p99} ms ${r.p99 <= 10 ? 'meets' : 'MISSES'} <= 10 ms`;
  console.log('targets:');
  console.log(`  ${verdict(results[2]!)}`);
  console.log(`  ${verdict(results[5]!)}`);
  console.log(
    `  against a bare route sending the same bytes: coverage ${(results[2]!.ratio / results[4]!.ratio).toFixed(2)}, HSDS ${(results[5]!.ratio / results[7]!.ratio).toFixed(2)}`,
  );
}

await underLoad();
if (process.env.BENCH_SKIP_COLD !== '1') await coldStart();
