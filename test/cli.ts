// `samen` as an operator runs it: `bin/samen.js` in a child process (it runs dist/: build first), on a data dir of
// the test's own, with none of the test runner's database settings or keys. One way to run it for every test of
// a command as a process; tests of a command's parsing run its `register…Commands` in their own process instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'bin', 'samen.js');

/** What the runner's environment may hold that must not reach a `samen` child unless a test means it to. */
const RUNNER_SETTINGS = [
  'DATABASE_URL',
  'PORT',
  'SESSION_SECRET',
  'ENCRYPTION_KEY',
  'SAMEN_FIELD_KEYS',
  'SAMEN_AUDIT_KEY',
];

/**
 * The environment of a `samen` child: the runner's, without its database settings and keys, on `dataDir`, as a
 * development install that logs nothing. `extra` comes last; a name set to undefined there is left out.
 */
export function samenEnv(dataDir: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of RUNNER_SETTINGS) delete env[name];
  Object.assign(env, { SAMEN_DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'silent' });
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface SamenOptions {
  /** Written to the child's standard input (for a password: its first line). */
  input?: string;
  /** How long the child may run, in ms. */
  timeout?: number;
}

/** Runs `samen <args>` to its end, blocking the test (nothing else needs to run meanwhile). */
export function samen(args: string[], env: NodeJS.ProcessEnv, options: SamenOptions = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
  });
}

export interface SamenRun {
  /** The exit code; 1 when the child was killed (the signal is then at the end of stderr). */
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs `samen <args>` without blocking the test's event loop (a server or other runs keep going meanwhile). */
export function samenAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: SamenOptions = {},
): Promise<SamenRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env,
      ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdin.end(options.input ?? '');
    child.on('close', (status, signal) => {
      if (signal) stderr += `\n(killed: ${signal})`;
      resolve({ status: status ?? 1, stdout, stderr });
    });
  });
}
