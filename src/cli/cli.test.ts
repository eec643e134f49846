// The `samen` command as an operator meets it: every command has --help, and bad configuration or an
// unreachable database is a clear message and a non-zero exit, never a stack trace.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { samenAsync, samenEnv, type SamenRun } from '../../test/cli.js';

/** The commands the issue asks for; each must exist with its own --help. */
const COMMANDS = ['serve', 'migrate', 'seed', 'user add', 'directory import', 'directory export'];

const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each run starts node with tsx and loads the whole app (seconds of CPU): a few at a time, so a loaded CI
// machine does not time them out.
let running = 0;
const waiting: (() => void)[] = [];
async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 3) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** `samen <args>` in the test's data dir; the runner's LOG_LEVEL is not passed on, nor is one set. */
function samen(args: string[], env: Record<string, string> = {}): Promise<SamenRun> {
  return limited(() =>
    samenAsync(args, samenEnv(dataDir, { LOG_LEVEL: undefined, ...env }), { timeout: 180_000 }),
  );
}

let listing: Promise<Map<string, SamenRun>> | undefined;

/**
 * Every command path listed by `samen --help`, and by `samen <group> --help` for groups such as `user`, with
 * the result of its own `--help`. Read once.
 */
function commandHelp(): Promise<Map<string, SamenRun>> {
  listing ??= readCommands();
  return listing;
}

function commandNames(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((n) => n !== 'help');
}

async function readCommands(): Promise<Map<string, SamenRun>> {
  const top = await samen(['--help']);
  const helps = new Map<string, SamenRun>([['', top]]);
  await Promise.all(
    commandNames(top.stdout).map(async (name) => {
      const own = await samen([name, '--help']);
      const children = commandNames(own.stdout);
      if (children.length === 0) {
        helps.set(name, own);
        return;
      }
      await Promise.all(
        children.map(async (child) => helps.set(`${name} ${child}`, await samen([name, child, '--help']))),
      );
    }),
  );
  return helps;
}

const SECRETS = {
  SESSION_SECRET: 's'.repeat(32),
  ENCRYPTION_KEY: 'ab'.repeat(32),
  SAMEN_FIELD_KEYS: `k1:${'cd'.repeat(32)}`,
  SAMEN_AUDIT_KEY: 'ef'.repeat(32),
};

describe.concurrent('samen (CLI)', { timeout: 600_000 }, () => {
  it('prints its help and exits 0', async () => {
    const run = (await commandHelp()).get('')!;
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: samen /);
    expect(run.stdout).toContain('Commands:');
  });

  it('gives every command its own --help', async () => {
    const helps = [...(await commandHelp())].filter(([command]) => command !== '');
    expect(helps.length).toBeGreaterThan(0);
    for (const [command, run] of helps) {
      expect(run.status, `${command}: ${run.stderr}`).toBe(0);
      expect(run.stdout, command).toContain(`Usage: samen ${command}`);
    }
  });

  it('offers serve, migrate, seed, user add, directory import and directory export', async () => {
    const listed = [...(await commandHelp()).keys()];
    expect(COMMANDS.filter((c) => !listed.includes(c))).toEqual([]);
  });

  it('answers an unknown command with the help and a non-zero exit', async () => {
    const run = await samen(['no-such-command']);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("unknown command 'no-such-command'");
  });

  it('reports every configuration problem at once, by name, before touching the database', async () => {
    const run = await samen(['migrate'], { PORT: 'eighty', LOG_LEVEL: 'loud', NODE_ENV: 'production' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toContain('PORT must be a whole number from 0 to 65535 (got "eighty")');
    for (const name of ['LOG_LEVEL', 'SESSION_SECRET', 'ENCRYPTION_KEY']) expect(run.stderr).toContain(name);
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL, naming it', async () => {
    const run = await samen(['migrate'], { DATABASE_URL: 'mysql://samen@localhost/samen', ...SECRETS });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('DATABASE_URL must start with postgres://');
  });

  it('says which PostgreSQL server it cannot reach, without the password or a stack trace', async () => {
    const run = await samen(['migrate'], {
      DATABASE_URL: 'postgres://samen:s3cret-pw@127.0.0.1:1/samen',
      ...SECRETS,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('Cannot reach the PostgreSQL server at 127.0.0.1:1/samen');
    expect(run.stderr).not.toContain('s3cret-pw');
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });
});
