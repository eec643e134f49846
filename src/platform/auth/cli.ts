// `samen user add` and `samen user list`. The password never comes from the command line (it would end up in
// the shell history and the process list): it is read from standard input when that is not a terminal (first
// line), or prompted for twice without echo.
import type { Command } from 'commander';
import { CliError, readStdin, type WithServices } from '../cli.js';
import { ValidationFailed } from '../http/errors.js';
import { I18n } from '../i18n/index.js';
import type { AuthService } from './service.js';

/** What the user commands use. */
export interface UserServices {
  auth: AuthService;
}

export interface UserCommandDeps {
  /** Runs `fn` with the services on a migrated database (handed in by main.ts: the configured database). */
  withServices: WithServices<UserServices>;
  /** The new user's password (default: stdin's first line, or a hidden prompt on a terminal). */
  readPassword(): Promise<string>;
  /** Writes a line of output. */
  out(line: string): void;
}

const FLAG_OF_FIELD: Record<string, string> = {
  email: '--email',
  displayName: '--name',
  role: '--role',
  password: 'password',
  totpSecret: '--totp-secret',
};

/** Reads a line from the terminal without showing what is typed. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export async function defaultReadPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const first = (await readStdin()).split(/\r?\n/)[0] ?? '';
    if (!first) throw new CliError('no password on standard input (give it as the first line)');
    return first;
  }
  const password = await promptHidden('Password for the new user: ');
  const again = await promptHidden('The same password again: ');
  if (password !== again) throw new CliError('the two passwords are not the same');
  if (!password) throw new CliError('no password given');
  return password;
}

const defaultDeps: Omit<UserCommandDeps, 'withServices'> = {
  readPassword: defaultReadPassword,
  out: (line) => process.stdout.write(`${line}\n`),
};

/** Turns the service's field problems into one clear command-line error. */
function cliProblems(error: ValidationFailed, context: { role: string; roles: string[] }): CliError {
  const t = new I18n().translator('en');
  const parts = error.problems.map((p) => {
    if (p.field === 'role')
      return `--role: unknown role "${context.role}" (choose one of: ${context.roles.join(', ')})`;
    return `${FLAG_OF_FIELD[p.field] ?? p.field}: ${t(p.key, p.params).replace(/^./, (c) => c.toLowerCase())}`;
  });
  return new CliError(parts.join('; '));
}

export interface AddUserOptions {
  email: string;
  role: string;
  name?: string;
  totpSecret?: string;
}

/** `samen user add`: creates the account and reports what happens at its first sign-in. */
export async function addUser(
  services: UserServices,
  options: AddUserOptions,
  deps: Pick<UserCommandDeps, 'readPassword' | 'out'>,
) {
  const roles = await services.auth.listRoles();
  const role = roles.find((r) => r.code === options.role);
  if (!role) {
    throw new CliError(
      `--role: unknown role "${options.role}" (choose one of: ${roles.map((r) => r.code).join(', ')})`,
    );
  }
  if (await services.auth.findUserByEmail(options.email)) {
    throw new CliError(`--email: an account with this email address already exists`);
  }
  const password = await deps.readPassword();
  try {
    const user = await services.auth.createUser({
      email: options.email,
      displayName: options.name,
      role: options.role,
      password,
      totpSecret: options.totpSecret,
      actorUserId: null,
    });
    deps.out(`Created ${user.role} ${user.email} (${user.id}).`);
    if (user.totpEnabled) deps.out('Two-step verification is set up with the given secret.');
    else if (user.roleRequiresTotp)
      deps.out('This role requires two-step verification: it is set up at the first sign-in.');
    return user;
  } catch (error) {
    if (error instanceof ValidationFailed)
      throw cliProblems(error, { role: options.role, roles: roles.map((r) => r.code) });
    throw error;
  }
}

/** `samen user list`: one line per user, no secrets. */
export async function listUsers(services: UserServices, deps: Pick<UserCommandDeps, 'out'>) {
  const users = await services.auth.listUsers();
  const rows = [
    ['ID', 'EMAIL', 'ROLE', 'TOTP', 'STATUS'],
    ...users.map((u) => [
      u.id,
      u.email,
      u.role,
      u.totpEnabled ? 'on' : 'off',
      u.disabled ? 'disabled' : u.locked ? 'locked' : 'active',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows)
    deps.out(
      row
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  if (users.length === 0) deps.out('(no users yet: create the first administrator with `samen user add`)');
}

export function registerUserCommands(
  program: Command,
  overrides: Pick<UserCommandDeps, 'withServices'> & Partial<UserCommandDeps>,
) {
  const deps: UserCommandDeps = { ...defaultDeps, ...overrides };
  const user = program.command('user').description('Manage staff accounts.');

  user
    .command('add')
    .description(
      'Create a staff account. The password is read from standard input (first line) when it is not a terminal, ' +
        'otherwise asked for twice without echo; it is never taken from the command line.',
    )
    .requiredOption('--email <email>', 'the email address the user signs in with')
    .requiredOption(
      '--role <role>',
      'the role code, e.g. admin, directory_steward, nrm_coordinator, programme_team, data_steward (an unknown code lists them all)',
    )
    .option(
      '--name <name>',
      'the name shown in the application (default: the part of the email before the @)',
    )
    .option(
      '--totp-secret <base32>',
      "a TOTP secret (base32, at least 128 bits) provisioned in the user's authenticator app already; " +
        'without it, roles that require two-step verification set it up at the first sign-in',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  samen user add --email admin@example.nl --role admin            (asks for the password)\n' +
        '  printf "%s\\n" "$PASSWORD" | samen user add --email a@example.nl --role directory_steward',
    )
    .action(async (options: AddUserOptions) => {
      await deps.withServices((services) => addUser(services, options, deps));
    });

  user
    .command('list')
    .description('List the staff accounts: id, email, role, two-step verification and status.')
    .action(async () => {
      await deps.withServices((services) => listUsers(services, deps));
    });
}
