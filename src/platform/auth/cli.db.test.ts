// `samen user add` and `samen user list` through commander, with the database of the test and a stand-in for
// the password prompt.
import { Command, CommanderError } from 'commander';
import { expect, it } from 'vitest';
import { signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { CliError } from '../cli.js';
import { registerUserCommands } from './cli.js';
import { generateTotpSecret } from './totp.js';

describeDb('samen user', () => {
  const t = useTestApp();

  function cli(password = 'a long cli password') {
    const lines: string[] = [];
    const help: string[] = [];
    const argvSeen: string[][] = [];
    const program = new Command().name('samen').exitOverride();
    program.configureOutput({ writeOut: (s) => help.push(s), writeErr: (s) => help.push(s) });
    let reads = 0;
    registerUserCommands(program, {
      withServices: (fn) => fn(t.services),
      readPassword: async () => {
        reads++;
        return password;
      },
      out: (line) => lines.push(line),
    });
    // Every command gets exitOverride and the same output, as main.ts sets on the root.
    for (const command of program.commands.flatMap((c) => [c, ...c.commands])) {
      command
        .exitOverride()
        .configureOutput({ writeOut: (s) => help.push(s), writeErr: (s) => help.push(s) });
    }
    return {
      lines,
      help,
      argvSeen,
      reads: () => reads,
      run: (...args: string[]) => {
        argvSeen.push(args);
        return program.parseAsync(args, { from: 'user' });
      },
    };
  }

  it('adds an administrator with the password from the prompt (not from argv), who must enrol at sign-in', async () => {
    const c = cli('an admin passphrase');
    await c.run(
      'user',
      'add',
      '--email',
      'First.Admin@Example.nl',
      '--role',
      'admin',
      '--name',
      'Eerste Beheerder',
    );
    expect(c.reads()).toBe(1);
    expect(c.argvSeen.flat()).not.toContain('an admin passphrase');
    expect(c.lines.join('\n')).toMatch(/Created admin first\.admin@example\.nl/);
    expect(c.lines.join('\n')).toContain('set up at the first sign-in');
    const user = await t.services.auth.findUserByEmail('first.admin@example.nl');
    expect(user).toMatchObject({ displayName: 'Eerste Beheerder', role: 'admin', totpEnabled: false });
    await expect(
      signIn(t, { email: 'first.admin@example.nl', password: 'an admin passphrase' }),
    ).rejects.toThrow(/enrol/);
    const audited = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_user_id', 'detail'])
      .where('entity_id', '=', user!.id)
      .where('action', '=', 'user.created')
      .executeTakeFirstOrThrow();
    expect(audited.actor_user_id).toBeNull();
    expect(audited.detail).toMatchObject({ via: 'cli', role: 'admin' });
  });

  it('adds a user with a provisioned TOTP secret who can sign in with it', async () => {
    const secret = generateTotpSecret();
    const c = cli();
    await c.run(
      'user',
      'add',
      '--email',
      'second.admin@example.nl',
      '--role',
      'admin',
      '--totp-secret',
      secret.toLowerCase(),
    );
    expect((await t.services.auth.findUserByEmail('second.admin@example.nl'))?.totpEnabled).toBe(true);
    const agent = await signIn(t, {
      email: 'second.admin@example.nl',
      password: 'a long cli password',
      totpSecret: secret,
    });
    expect((await agent.get('/admin/users')).statusCode).toBe(200);
  });

  it('has no way to pass a password on the command line', async () => {
    const c = cli();
    await expect(
      c.run(
        'user',
        'add',
        '--email',
        'x@example.nl',
        '--role',
        'directory_steward',
        '--password',
        'in argv oops',
      ),
    ).rejects.toBeInstanceOf(CommanderError);
    expect(await t.services.auth.findUserByEmail('x@example.nl')).toBeUndefined();
  });

  it('says clearly what is wrong: existing email, unknown role, weak password, bad TOTP secret', async () => {
    const c = cli();
    await c.run('user', 'add', '--email', 'taken@example.nl', '--role', 'directory_steward');
    await expect(
      c.run('user', 'add', '--email', 'TAKEN@example.nl', '--role', 'directory_steward'),
    ).rejects.toThrow(new CliError('--email: an account with this email address already exists'));
    await expect(c.run('user', 'add', '--email', 'new@example.nl', '--role', 'root')).rejects.toThrow(
      /--role: unknown role "root" \(choose one of: [a-z_, ]*\badmin\b[a-z_, ]*\bdirectory_steward\b[a-z_, ]*\bnrm_coordinator\b[a-z_, ]*\)/,
    );
    await expect(
      cli('short').run('user', 'add', '--email', 'new@example.nl', '--role', 'admin'),
    ).rejects.toThrow(/^password: the password must be at least 12 characters long$/);
    await expect(
      c.run('user', 'add', '--email', 'new@example.nl', '--role', 'admin', '--totp-secret', 'not-base32!'),
    ).rejects.toThrow(/--totp-secret: /);
    await expect(c.run('user', 'add', '--email', 'not an email', '--role', 'admin')).rejects.toThrow(
      /--email: /,
    );
    expect(await t.services.auth.findUserByEmail('new@example.nl')).toBeUndefined();
  });

  it('asks for the password only after the cheap checks pass', async () => {
    const c = cli();
    await expect(c.run('user', 'add', '--email', 'y@example.nl', '--role', 'nope')).rejects.toBeInstanceOf(
      CliError,
    );
    expect(c.reads()).toBe(0);
  });

  it('lists users with id, email, role, second factor and status, and no secrets', async () => {
    const c = cli();
    await c.run('user', 'list');
    expect(c.lines[0]).toMatch(/^ID\s+EMAIL\s+ROLE\s+TOTP\s+STATUS$/);
    const row = c.lines.find((l) => l.includes('second.admin@example.nl'));
    expect(row).toMatch(/^[0-9a-f-]{36}\s+second\.admin@example\.nl\s+admin\s+on\s+active$/);
    expect(c.lines.join('\n')).not.toMatch(/argon2|v1\./);
  });

  it('documents both commands in --help', async () => {
    const c = cli();
    await expect(c.run('user', 'add', '--help')).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    const help = c.help.join('').replace(/\s+/g, ' ');
    for (const flag of ['--email', '--role', '--name', '--totp-secret']) expect(help).toContain(flag);
    expect(help).toContain('never taken from the command line');
    await expect(c.run('user', 'list', '--help')).rejects.toMatchObject({ code: 'commander.helpDisplayed' });
    expect(c.help.join('')).toContain('List the staff accounts');
  });
});
