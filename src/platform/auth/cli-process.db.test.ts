// The real `samen user` process: the password comes from standard input (first line) when that is a pipe, and
// problems exit non-zero with one clear line. Runs on the embedded database in a temporary data dir.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngine } from '../../../test/db.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe.skipIf(testEngine() !== 'pglite')('samen user (process)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function samen(args: string[], input: string) {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      SAMEN_DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
    };
    delete env.DATABASE_URL;
    delete env.SESSION_SECRET;
    delete env.ENCRYPTION_KEY;
    return spawnSync(process.execPath, [path.join(ROOT, 'bin/samen.js'), ...args], {
      cwd: ROOT,
      env,
      input,
      encoding: 'utf8',
      timeout: 110_000,
    });
  }

  it('reads the password from the first line of a pipe and creates the user', { timeout: 240_000 }, () => {
    const result = samen(
      ['user', 'add', '--email', 'pipe@example.nl', '--role', 'directory_steward'],
      'a piped passphrase\nignored\n',
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Created directory_steward pipe@example\.nl \([0-9a-f-]{36}\)\.$/m);
    const list = samen(['user', 'list'], '');
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/pipe@example\.nl\s+directory_steward\s+off\s+active/);
  });

  it('exits with code 2 and one clear line for a weak or missing password', { timeout: 240_000 }, () => {
    const weak = samen(['user', 'add', '--email', 'weak@example.nl', '--role', 'admin'], 'short\n');
    expect(weak.status).toBe(2);
    expect(weak.stderr.trim()).toBe('samen: password: the password must be at least 12 characters long');
    const empty = samen(['user', 'add', '--email', 'empty@example.nl', '--role', 'admin'], '');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('no password on standard input');
  });
});
