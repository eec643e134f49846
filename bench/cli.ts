// How long the `samen` command takes to start: `samen --help` and `samen serve` to the first 200 on /, as the
// compiled JavaScript in dist/ runs them (bin/samen.js) and as the TypeScript sources did before, transpiled at run
// time by tsx, next to a bare `node -e 0` measured in the same rounds. Rounds alternate the variants, so a noisy
// machine slows all of them alike; the table gives medians and the ratio to bare Node. Targets (issue 19):
// `samen --help` ≤ 0.5 s; server start to the first 200 unchanged or faster.
// BENCH_CLI_BEFORE=<dir>: also an earlier build of Samen (a checkout with its dist/ built, e.g. `git archive` of an
// older commit plus `npm run build`), measured in the same rounds, so a change is quoted against the same moment.
// It also counts the modules each variant loads for `--help` (a module loader hook; node: built-ins left out).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, printTable } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BIN = path.join(ROOT, 'bin', 'samen.js');
const SOURCE = ['--import', 'tsx', path.join(ROOT, 'src', 'main.ts')];
const BEFORE = process.env.BENCH_CLI_BEFORE
  ? [path.join(process.env.BENCH_CLI_BEFORE, 'bin', 'samen.js')]
  : undefined;

/** How many modules `node <args> --help` loads (ESM and CommonJS files, node: built-ins left out). */
function modulesLoaded(args: string[]): number {
  const hook = `data:text/javascript,${encodeURIComponent(
    "import m from 'node:module'; const seen = new Set(); m.registerHooks({ load(u, c, next) { if (!u.startsWith('node:')) seen.add(u); return next(u, c); } }); process.on('exit', () => process.stderr.write('modules ' + seen.size + '\\n'));",
  )}`;
  const result = spawnSync(process.execPath, ['--import', hook, ...args, '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return Number(/modules (\d+)/.exec(result.stderr)?.[1] ?? NaN);
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function timeCommand(args: string[]): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return seconds(start);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `serve --seed-if-empty` on a new data dir (a copy of the starter) and times the first 200 on /. */
async function timeServe(args: string[]): Promise<number> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-bench-cli-'));
  const port = await freePort();
  const start = process.hrtime.bigint();
  const child = spawn(process.execPath, [...args, 'serve', '--seed-if-empty'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SAMEN_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).status === 200) return seconds(start);
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await new Promise<void>((done) => {
      child.once('exit', () => done());
      child.kill('SIGTERM');
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
// Warm the file cache and V8's compile cache once, as any second start finds them.
timeCommand([BIN, '--help']);
timeCommand([...SOURCE, '--help']);
if (BEFORE) timeCommand([...BEFORE, '--help']);

const times: Record<string, number[]> = {
  bare: [],
  help: [],
  helpTsx: [],
  helpBefore: [],
  serve: [],
  serveTsx: [],
  serveBefore: [],
};
for (let round = 0; round < ROUNDS; round++) {
  times.bare!.push(timeCommand(['-e', '0']));
  times.help!.push(timeCommand([BIN, '--help']));
  times.helpTsx!.push(timeCommand([...SOURCE, '--help']));
  if (BEFORE) times.helpBefore!.push(timeCommand([...BEFORE, '--help']));
  if (round < Math.min(ROUNDS, 3)) {
    times.serve!.push(await timeServe([BIN]));
    times.serveTsx!.push(await timeServe(SOURCE));
    if (BEFORE) times.serveBefore!.push(await timeServe(BEFORE));
  }
}

const bare = median(times.bare!);
const row = (what: string, values: number[], target: string, modules = '') => ({
  what,
  'median s': median(values).toFixed(3),
  'min s': Math.min(...values).toFixed(3),
  '× bare node': (median(values) / bare).toFixed(1),
  target,
  'modules (--help)': modules,
});
console.log(
  `\nsamen start-up, ${ROUNDS} interleaved rounds (serve: ${times.serve!.length}), Node ${process.version}`,
);
printTable([
  row('node -e 0 (bare Node)', times.bare!, 'baseline'),
  row('samen --help (compiled, dist/)', times.help!, '≤ 0.5 s', String(modulesLoaded([BIN]))),
  ...(BEFORE
    ? [
        row(
          'samen --help (compiled, BENCH_CLI_BEFORE)',
          times.helpBefore!,
          '—',
          String(modulesLoaded(BEFORE)),
        ),
      ]
    : []),
  row('samen --help (tsx, as before)', times.helpTsx!, '—', String(modulesLoaded(SOURCE))),
  row('serve to first 200 (compiled)', times.serve!, '≤ tsx'),
  ...(BEFORE ? [row('serve to first 200 (compiled, BENCH_CLI_BEFORE)', times.serveBefore!, '—')] : []),
  row('serve to first 200 (tsx, as before)', times.serveTsx!, '—'),
]);
