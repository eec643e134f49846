// The `samen` command as an operator meets it: every command has --help, and bad configuration or an
// unreachable database is a clear message and a non-zero exit, never a stack trace.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'samen.js');

/** The commands the issue asks for; each must exist with its own --help. */
const COMMANDS = ['serve', 'migrate', 'seed', 'user add', 'directory import', 'directory export'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function samen(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !['DATABASE_URL', 'PORT', 'SESSION_SECRET', 'ENCRYPTION_KEY', 'LOG_LEVEL'].includes(k)) {
      base[k] = v;
    }
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...base, SAMEN_DATA_DIR: dataDir, NODE_ENV: 'development', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let listing: Promise<string[]> | undefined;

/** Command paths listed by `--help` (and `<group> --help` for groups such as `user`), read once. */
function listedCommands(): Promise<string[]> {
  listing ??= readCommands();
  return listing;
}

async function readCommands(): Promise<string[]> {
  const names = (help: string) =>
    [...help.split(/^Commands:$/m)[1]!.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
  const top = await samen(['--help']);
  const groups = await Promise.all(
    names(top.stdout).map(async (name) => {
      const sub = await samen([name, '--help']);
      const children = sub.stdout.includes('Commands:') ? names(sub.stdout) : [];
      return children.length ? children.map((c) => `${name} ${c}`) : [name];
    }),
  );
  return groups.flat();
}

const SECRETS = { SESSION_SECRET: 's'.repeat(32), ENCRYPTION_KEY: 'ab'.repeat(32) };

// Each run starts node with tsx (a few seconds): the runs go in parallel.
describe.concurrent('samen (CLI)', () => {
  it('prints its help and exits 0', async () => {
    const run = await samen(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: samen /);
    expect(run.stdout).toContain('Commands:');
  });

  it('gives every command its own --help', async () => {
    const listed = await listedCommands();
    expect(listed.length).toBeGreaterThan(0);
    const runs = await Promise.all(listed.map((command) => samen([...command.split(' '), '--help'])));
    listed.forEach((command, i) => {
      expect(runs[i]!.code, command).toBe(0);
      expect(runs[i]!.stdout, command).toContain(`Usage: samen ${command}`);
    });
  });

  it('offers serve, migrate, seed, user add, directory import and directory export', async () => {
    const listed = await listedCommands();
    expect(COMMANDS.filter((c) => !listed.includes(c))).toEqual([]);
  });

  it('answers an unknown command with the help and a non-zero exit', async () => {
    const run = await samen(['no-such-command']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("unknown command 'no-such-command'");
  });

  it('refuses a bad PORT, naming it, before touching the database', async () => {
    const run = await samen(['migrate'], { PORT: 'eighty' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('PORT must be a whole number');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, naming it', async () => {
    const run = await samen(['migrate'], { DATABASE_URL: 'mysql://samen@localhost/samen', ...SECRETS });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must start with postgres://');
  });

  it('reports every configuration problem at once', async () => {
    const run = await samen(['serve'], { PORT: '-5', LOG_LEVEL: 'loud', NODE_ENV: 'production' });
    expect(run.code).toBe(1);
    for (const name of ['PORT', 'LOG_LEVEL', 'SESSION_SECRET', 'ENCRYPTION_KEY']) expect(run.stderr).toContain(name);
  });

  it('says which PostgreSQL server it cannot reach, without the password or a stack trace', async () => {
    const run = await samen(['migrate'], {
      DATABASE_URL: 'postgres://samen:s3cret-pw@127.0.0.1:1/samen',
      ...SECRETS,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Cannot reach the PostgreSQL server at 127.0.0.1:1/samen');
    expect(run.stderr).not.toContain('s3cret-pw');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
