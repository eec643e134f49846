// The drain deadline after SIGTERM (issue 16): a client uploading one byte a second used to keep the process alive
// as long as it liked; after SAMEN_DRAIN_SECONDS the open connections are closed and the process exits 0. Embedded
// database only (a process of its own), so it runs in the PGlite project and skips in the PostgreSQL one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as netConnect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

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

describe.skipIf(!embedded)('draining after SIGTERM', { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-drain-'));
  let child: ChildProcess | undefined;
  let socket: Socket | undefined;
  afterAll(() => {
    socket?.destroy();
    if (child && child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('closes a slow upload after the deadline and exits 0 while the upload is still going', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SAMEN_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      SAMEN_DRAIN_SECONDS: '1',
    };
    delete env.DATABASE_URL;
    child = spawn(process.execPath, [BIN, 'serve', '--seed-if-empty'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child!.once('exit', (code, signal) => resolve({ code, signal })),
    );
    for (;;) {
      if (child.exitCode !== null) throw new Error('samen serve exited early');
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // A form post of 10,000 bytes, sent one byte a second: it would take nearly three hours.
    socket = netConnect(port, '127.0.0.1');
    await new Promise((r) => socket!.once('connect', r));
    socket.write(
      'POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n',
    );
    let sent = 0;
    let closedByServer = false;
    socket.on('close', () => (closedByServer = true));
    socket.on('error', () => (closedByServer = true));
    const drip = setInterval(() => {
      if (!socket!.destroyed) {
        socket!.write('a');
        sent++;
      }
    }, 1000);
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGTERM');
    const exit = await exited;
    clearInterval(drip);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(sent).toBeLessThan(10_000);
    expect(closedByServer).toBe(true);
    expect(stdout).toContain('drain deadline passed');
  });
});
