// `samen serve` as a process: it starts on the embedded database in SAMEN_DATA_DIR, answers /healthz, refuses a
// second process on the same data dir, and on SIGTERM finishes, closes the database and exits 0. It uses the
// embedded database only, so it runs in the PGlite project and skips in the PostgreSQL one.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'samen.js');
const embedded = process.env.SAMEN_TEST_ENGINE !== 'postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function childEnv(dataDir: string, port: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SAMEN_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
  };
  delete env.DATABASE_URL;
  delete env.SESSION_SECRET;
  delete env.ENCRYPTION_KEY;
  return { ...env, NODE_ENV: 'development', LOG_LEVEL: 'info' };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  // Real time on purpose: this polls a server in a child process, which runs on the machine's clock.
  // eslint-disable-next-line no-restricted-syntax -- a poll with a real timeout, not the app's time
  const started = Date.now();
  // eslint-disable-next-line no-restricted-syntax -- a poll with a real timeout, not the app's time
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`samen serve exited early with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      // eslint-disable-next-line no-restricted-syntax -- a poll with a real timeout, not the app's time
      if (res.status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

// Generous limits: a cold start may first make the starter database (initdb: seconds), and CI machines run
// other tiers beside this one.
describe.skipIf(!embedded)('samen serve (embedded database)', { timeout: 240_000 }, () => {
  let dataDir = '';
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'samen-serve-'));
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function serve(port: number, args: string[] = []) {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], {
      cwd: ROOT,
      env: childEnv(dataDir, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const output = { stdout: '', stderr: '' };
    child.stdout!.on('data', (d: Buffer) => (output.stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output.stderr += d.toString()));
    return { child, output };
  }

  it('serves on PORT, refuses a second process on the data dir, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = serve(port, ['--seed-if-empty']);
    const readyIn = await waitForHealth(`http://127.0.0.1:${port}/healthz`, child, 180_000);
    console.log(`samen serve on a new data dir: /healthz answered after ${readyIn} ms`);

    const home = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="nl"');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(existsSync(path.join(dataDir, 'secrets.json'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'samen.lock'))).toBe(true);

    // A second process on the same embedded database is refused with a clear message.
    const second = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, 'migrate'],
        { cwd: ROOT, env: childEnv(dataDir, port) },
        (error, _o, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      );
    });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('in use by another Samen process');

    child.kill('SIGTERM');
    const exit = await exitOf(child);
    expect(exit, output.stderr).toEqual({ code: 0, signal: null });
    expect(existsSync(path.join(dataDir, 'samen.lock'))).toBe(false);

    // Logs are JSON lines (pino) and say why the process stopped.
    const logs = output.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg?: string; signal?: string });
    expect(logs.some((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM')).toBe(true);
    // The new data dir started as a copy of the starter database (made first when the cache had none).
    expect(logs.some((l) => l.msg?.startsWith('the new database starts from the starter database'))).toBe(
      true,
    );
  });

  it('starts again on the same data dir, already migrated, and stops on SIGINT', async () => {
    const port = await freePort();
    const { child } = serve(port);
    await waitForHealth(`http://127.0.0.1:${port}/readyz`, child, 180_000);
    child.kill('SIGINT');
    expect(await exitOf(child)).toEqual({ code: 0, signal: null });
  });
});
