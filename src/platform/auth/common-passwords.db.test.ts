// Common passwords are refused on every path that sets a password (issue 16, ASVS 2.1.7): an administrator
// creating a user, a user changing their own, and `samen user add`, with the reason in the user's language.
import { Command } from 'commander';
import { expect, it } from 'vitest';
import { createUser, signIn } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { CliError } from '../cli.js';
import { registerUserCommands } from './cli.js';

const COMMON = ['password1234', '123456789012', 'qwertyuiop12', 'welkom123456'];

describeDb('common passwords on every path', () => {
  const t = useTestApp();

  it('are refused when an administrator creates a user, naming the field and the reason, in Dutch and English', async () => {
    const admin = await createUser(t.services, { role: 'admin' });
    const agent = await signIn(t, admin);
    for (const [i, password] of COMMON.entries()) {
      await agent.get('/admin/users/new');
      const res = await agent.post('/admin/users', {
        email: `new.steward${i}@example.nl`,
        displayName: 'Nieuwe Redacteur',
        role: 'directory_steward',
        password,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.body).toContain('href="#password"');
      expect(res.body).toMatch(/makkelijk te raden|meest gebruikte wachtwoorden/);
      expect(await t.services.auth.findUserByEmail(`new.steward${i}@example.nl`)).toBeUndefined();
    }
    await agent.get('/en/admin/users/new');
    const en = await agent.post('/en/admin/users', {
      email: 'new.en@example.nl',
      displayName: 'New Steward',
      role: 'directory_steward',
      password: 'password1234',
    });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('one of the most used passwords');
  });

  it('are refused when a user changes their own password', async () => {
    const steward = await createUser(t.services, { role: 'directory_steward' });
    const agent = await signIn(t, steward);
    for (const password of COMMON) {
      await agent.get('/account');
      const res = await agent.post('/account/password', {
        currentPassword: steward.password,
        newPassword: password,
        confirmPassword: password,
      });
      expect(res.statusCode, password).toBe(400);
      expect(res.body).toContain('href="#newPassword"');
    }
    // The old password still works.
    expect((await signIn(t, steward)).cookie).toContain('samen_session');
  });

  it('are refused by samen user add, with the reason', async () => {
    for (const password of COMMON) {
      const program = new Command().name('samen').exitOverride();
      registerUserCommands(program, {
        withServices: (fn) => fn(t.services),
        readPassword: async () => password,
        out: () => {},
      });
      for (const command of program.commands.flatMap((c) => [c, ...c.commands])) command.exitOverride();
      const run = program.parseAsync(['user', 'add', '--email', 'cli@example.nl', '--role', 'admin'], {
        from: 'user',
      });
      await expect(run, password).rejects.toThrow(CliError);
      await expect(run).rejects.toThrow(/^password: .*(most used passwords|easy to guess)/);
    }
    expect(await t.services.auth.findUserByEmail('cli@example.nl')).toBeUndefined();
  });

  it('does not stand in the way of a passphrase, nor of the name or address as the only weakness refused', async () => {
    const created = await t.services.auth.createUser({
      email: 'steward.passphrase@example.nl',
      displayName: 'Marieke Jansen',
      role: 'directory_steward',
      password: 'fiets door de regen naar huis',
      actorUserId: null,
    });
    expect(created.email).toBe('steward.passphrase@example.nl');
    await expect(
      t.services.auth.createUser({
        email: 'marieke.jansen@example.nl',
        displayName: 'Marieke Jansen',
        role: 'directory_steward',
        password: 'mariekejansen',
        actorUserId: null,
      }),
    ).rejects.toMatchObject({ problems: [{ field: 'password' }] });
  });
});
