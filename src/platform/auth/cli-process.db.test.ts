// The real `samen user` process: the password comes from standard input (first line) when that is a pipe, and
// problems exit non-zero with one clear line. Runs on the embedded database in a temporary data dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samen, samenEnv } from '../../../test/cli.js';
import { testEngine } from '../../../test/db.js';

describe.skipIf(testEngine() !== 'pglite')('samen user (process)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = samenEnv(dataDir);

  it('reads the password from the first line of a pipe and creates the user', { timeout: 240_000 }, () => {
    const result = samen(['user', 'add', '--email', 'pipe@example.nl', '--role', 'directory_steward'], env, {
      input: 'a piped passphrase\nignored\n',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Created directory_steward pipe@example\.nl \([0-9a-f-]{36}\)\.$/m);
    const list = samen(['user', 'list'], env);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/pipe@example\.nl\s+directory_steward\s+off\s+active/);
  });

  it('exits with code 2 and one clear line for a weak or missing password', { timeout: 240_000 }, () => {
    const weak = samen(['user', 'add', '--email', 'weak@example.nl', '--role', 'admin'], env, {
      input: 'short\n',
    });
    expect(weak.status).toBe(2);
    expect(weak.stderr.trim()).toBe('samen: password: the password must be at least 12 characters long');
    const empty = samen(['user', 'add', '--email', 'empty@example.nl', '--role', 'admin'], env);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('no password on standard input');
  });
});
