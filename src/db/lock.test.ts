// The data dir's lock file (issue 16): an empty, unreadable, stale or reused-pid lock does not block a restart;
// a live second process is still refused.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LOCK_FILE, lockDataDir, processStartTime } from './lock.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let dataDir: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'samen-lock-'));
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const lockPath = () => path.join(dataDir, LOCK_FILE);

/** A live process that is not Samen (it holds nothing). */
function sleeper(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return new Promise((resolve) => child.once('spawn', () => resolve(child)));
}

/** Another process that takes the lock through the same code and keeps it. */
function holder(): Promise<ChildProcess> {
  const script = `const m = await import(${JSON.stringify(path.join(ROOT, 'src/db/lock.ts'))});
m.lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve(child));
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('the data dir lock', { timeout: 60_000 }, () => {
  it('takes a free data dir, writes pid, start time and token, and removes the file on release', () => {
    const release = lockDataDir(dataDir);
    const owner = JSON.parse(readFileSync(lockPath(), 'utf8')) as {
      pid: number;
      start?: string;
      token: string;
    };
    expect(owner.pid).toBe(process.pid);
    expect(owner.token).toMatch(/^[0-9a-f]{32}$/);
    if (process.platform === 'linux') expect(owner.start).toBe(processStartTime(process.pid));
    expect(statSync(lockPath()).mode & 0o077).toBe(0);
    release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('does not let an empty lock file block a start (it used to read as pid 0)', () => {
    writeFileSync(lockPath(), '');
    lockDataDir(dataDir)();
  });

  it('does not let a lock file that is not a lock block a start', () => {
    for (const text of ['garbage', '{"pid":-1,"token":"x"}', 'null', '0', '{}']) {
      writeFileSync(lockPath(), text);
      lockDataDir(dataDir)();
    }
  });

  it('takes over the lock of a process that is gone (killed with -9)', async () => {
    const child = await holder();
    child.kill('SIGKILL');
    await exited(child);
    expect(existsSync(lockPath())).toBe(true);
    lockDataDir(dataDir)();
  });

  it.skipIf(process.platform !== 'linux')(
    'takes over a lock whose pid now belongs to another process (a reused pid: another start time)',
    async () => {
      const other = await sleeper();
      writeFileSync(lockPath(), JSON.stringify({ pid: other.pid, start: '1', token: 'old' }));
      lockDataDir(dataDir)();
    },
  );

  it('refuses while another Samen process holds the lock, and names its pid; takes it once that one is killed', async () => {
    const child = await holder();
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(`pid ${child.pid}`);
    child.kill('SIGKILL');
    await exited(child);
    lockDataDir(dataDir)();
  });

  it('still honours the older pid-only lock of a live process', async () => {
    const other = await sleeper();
    writeFileSync(lockPath(), String(other.pid));
    expect(() => lockDataDir(dataDir)).toThrow(DataDirLockedError);
  });

  it('lets only one of two processes racing for a stale lock win', async () => {
    writeFileSync(lockPath(), JSON.stringify({ pid: 999_999_999, token: 'stale' }));
    const results = await Promise.allSettled([holder(), holder()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined;
    expect(String(rejected?.reason)).toContain('exited with 1');
  });
});
