// `samen backup` / `samen restore` on the embedded database (issue 16): a snapshot restores into a new data dir
// with the same data and an intact audit chain, carries no keys unless asked, and every file is the owner's only.
// Embedded database only: skips in the PostgreSQL project (there pg_dump/pg_restore, see the README).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { testConfig, TestClock } from '../../test/app.js';
import { connect } from '../db/connect.js';
import { LOCK_FILE, processStartTime } from '../db/lock.js';
import { migrate } from '../db/migrate.js';
import { createServices } from '../services.js';
import { backupEmbedded, restoreEmbedded } from './backup.js';
import { CliError } from './context.js';

const embedded = process.env.SAMEN_TEST_ENGINE !== 'postgres';

function modes(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    out.push(`${path.relative(dir, d) || '.'} ${(statSync(d).mode & 0o777).toString(8)}`);
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(`${path.relative(dir, full)} ${(statSync(full).mode & 0o777).toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

describe.skipIf(!embedded)('backup and restore of the embedded database', { timeout: 240_000 }, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'samen-backup-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const source = path.join(root, 'source');
  const target = path.join(root, 'target');
  const file = path.join(root, 'samen.backup');
  const clock = new TestClock();

  it('backs up, restores into a new data dir with the same data and a verifying audit chain', async () => {
    const config = testConfig({ dataDir: source });
    const db = await connect({ dataDir: source });
    await migrate(db.db);
    const services = createServices({ db: db.db, clock: clock.read, config, mailTransport: null });
    for (let i = 0; i < 50; i++) {
      await services.audit.record({
        actorUserId: null,
        action: 'backup.test',
        entityType: 'test',
        entityId: `e${i}`,
      });
    }
    const user = await services.auth.createUser({
      email: 'backup.admin@example.nl',
      role: 'admin',
      password: 'fiets door de regen naar huis',
      actorUserId: null,
    });
    await db.close();
    // The data dir and every file in it: the owner's only.
    expect(modes(source).filter((m) => !/ (600|700)$/.test(m))).toEqual([]);

    const result = await backupEmbedded(source, file);
    expect(result.keys).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const tar = gunzipSync(readFileSync(file)).toString('latin1');
    expect(tar).not.toContain('secrets.json');

    await restoreEmbedded(target, file);
    expect(modes(target).filter((m) => !/ (600|700)$/.test(m))).toEqual([]);
    const restored = await connect({ dataDir: target });
    try {
      const again = createServices({ db: restored.db, clock: clock.read, config, mailTransport: null });
      const verified = await again.audit.verify();
      expect(verified.brokenAt).toBeUndefined();
      expect(verified.checked).toBeGreaterThanOrEqual(51);
      expect((await again.auth.findUser(user.id))?.email).toBe('backup.admin@example.nl');
    } finally {
      await restored.close();
    }
  });

  it('writes the keys only when asked, beside the backup, and restores them with it', async () => {
    writeFileSync(path.join(source, 'secrets.json'), '{"fieldKeys":"k1:stand-in"}', { mode: 0o600 });
    const plain = path.join(root, 'plain.backup');
    expect((await backupEmbedded(source, plain)).keys).toBeUndefined();
    expect(existsSync(`${plain}.secrets.json`)).toBe(false);
    const withKeys = path.join(root, 'with-keys.backup');
    const result = await backupEmbedded(source, withKeys, { withKeys: true });
    expect(result.keys).toBe(`${withKeys}.secrets.json`);
    expect(statSync(result.keys!).mode & 0o777).toBe(0o600);
    expect(gunzipSync(readFileSync(withKeys)).toString('latin1')).not.toContain('stand-in');
    const third = path.join(root, 'third');
    await restoreEmbedded(third, withKeys, { keys: result.keys! });
    expect(readFileSync(path.join(third, 'secrets.json'), 'utf8')).toContain('stand-in');
    expect(statSync(path.join(third, 'secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('says what to do when a process holds the data dir but does not answer on a backup socket', async () => {
    // A live process named in the lock with its real start time holds the dir; it has no backup socket.
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    await new Promise((resolve) => sleeper.once('spawn', resolve));
    const lockFile = path.join(source, LOCK_FILE);
    try {
      writeFileSync(
        lockFile,
        JSON.stringify({ pid: sleeper.pid, start: processStartTime(sleeper.pid!), token: 'held' }),
      );
      const attempt = backupEmbedded(source, path.join(root, 'held.backup'));
      await expect(attempt).rejects.toThrow(CliError);
      await expect(attempt).rejects.toThrow(/did not answer on its backup socket/);
      expect(existsSync(path.join(root, 'held.backup'))).toBe(false);
    } finally {
      sleeper.kill('SIGKILL');
      rmSync(lockFile, { force: true });
    }
  });

  it('refuses to restore over a data dir that holds a database', async () => {
    await expect(restoreEmbedded(target, file)).rejects.toThrow(CliError);
  });

  it('with replace, moves the database that was there aside instead of deleting it; a damaged backup changes nothing', async () => {
    const damaged = path.join(root, 'damaged.backup');
    writeFileSync(damaged, readFileSync(file).subarray(0, 5000), { mode: 0o600 });
    await expect(restoreEmbedded(target, damaged, { replace: true })).rejects.toThrow(CliError);
    expect(readdirSync(target).filter((name) => name.startsWith('pglite'))).toEqual(['pglite']);
    const result = await restoreEmbedded(target, file, { replace: true });
    expect(result.replaced).toMatch(/pglite\.replaced-/);
    expect(existsSync(path.join(result.replaced!, 'PG_VERSION'))).toBe(true);
    expect(modes(target).filter((m) => !/ (600|700)$/.test(m))).toEqual([]);
    const restored = await connect({ dataDir: target });
    try {
      const again = createServices({
        db: restored.db,
        clock: clock.read,
        config: testConfig({ dataDir: target }),
        mailTransport: null,
      });
      expect((await again.audit.verify()).brokenAt).toBeUndefined();
    } finally {
      await restored.close();
    }
  });
});
