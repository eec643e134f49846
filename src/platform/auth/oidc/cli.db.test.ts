// `samen idp` through commander on the test database: secrets only by file or environment variable name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, expect, it } from 'vitest';
import { createUser } from '../../../../test/auth.js';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import { CliError } from '../../cli.js';
import { registerIdpCommands } from './cli.js';

describeDb('samen idp', () => {
  const t = useTestApp();
  const dir = mkdtempSync(join(tmpdir(), 'samen-idp-'));
  const secretFile = join(dir, 'politie.secret');
  writeFileSync(secretFile, 'a-client-secret-from-a-file\n', { mode: 0o600 });
  process.env.SAMEN_IDP_TEST_SECRET = 'a-client-secret-from-the-environment';
  afterAll(() => {
    delete process.env.SAMEN_IDP_TEST_SECRET;
  });

  function cli() {
    const lines: string[] = [];
    const program = new Command().name('samen').exitOverride();
    program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
    registerIdpCommands(program, { withServices: (fn) => fn(t.services), out: (line) => lines.push(line) });
    for (const command of program.commands.flatMap((c) => [c, ...c.commands]))
      command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    return { lines, run: (...args: string[]) => program.parseAsync(args, { from: 'user' }) };
  }

  const base = (id: string, issuer: string) => [
    'idp',
    'add',
    '--id',
    id,
    '--name',
    id.toUpperCase(),
    '--issuer',
    issuer,
    '--client-id',
    'samen',
  ];

  it('adds two providers (secret from a file, from an environment variable), lists them without secrets', async () => {
    const c = cli();
    await c.run(
      ...base('politie', 'https://login.politie.example.nl'),
      '--client-secret-file',
      secretFile,
      '--groups-claim',
      'groups',
      '--roles',
      'nrm_coordinator,nrm_professional',
      '--map-group',
      'nrm-coordinators=nrm_coordinator',
      '--mfa-acr',
      'urn:nl:eherkenning:loa:3',
    );
    await c.run(
      ...base('gemeente', 'https://keycloak.gemeente.example.nl/realms/staff'),
      '--client-secret-env',
      'SAMEN_IDP_TEST_SECRET',
      '--roles',
      'directory_steward',
    );
    await c.run('idp', 'list');
    const listed = c.lines.join('\n');
    expect(listed).toContain('politie  POLITIE  https://login.politie.example.nl');
    expect(listed).toContain(`client_secret_basic (file:${secretFile})`);
    expect(listed).toContain('(env:SAMEN_IDP_TEST_SECRET)');
    expect(listed).toContain('groups nrm-coordinators=nrm_coordinator');
    expect(listed).not.toContain('a-client-secret');
    const stored = await t.database.db.selectFrom('oidc_provider').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain('a-client-secret');
    const audited = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'auth.oidc.provider_added')
      .execute();
    expect(audited.map((a) => a.entity_id).sort()).toEqual(['gemeente', 'politie']);
  });

  it('refuses a secret on the command line, a missing secret, and an unreadable file', async () => {
    const c = cli();
    await expect(c.run(...base('x1', 'https://x1.example.nl'), '--client-secret', 'plain')).rejects.toThrow();
    await expect(c.run(...base('x2', 'https://x2.example.nl'))).rejects.toThrow(/exactly one of/);
    await expect(
      c.run(...base('x3', 'https://x3.example.nl'), '--client-secret-file', join(dir, 'absent')),
    ).rejects.toThrow(CliError);
    await expect(
      c.run(...base('x4', 'https://x4.example.nl'), '--client-secret-env', 'SAMEN_IDP_TEST_UNSET'),
    ).rejects.toThrow(/cannot be read/);
    expect(
      await t.database.db.selectFrom('oidc_provider').select('id').where('id', 'like', 'x%').execute(),
    ).toEqual([]);
  });

  it('refuses bad input naming the flag: http issuer, admin role, a group mapped outside the allowed roles, a taken id', async () => {
    const c = cli();
    const env = ['--client-secret-env', 'SAMEN_IDP_TEST_SECRET'];
    await expect(c.run(...base('plain', 'http://login.example.nl'), ...env)).rejects.toThrow(/--issuer/);
    await expect(c.run(...base('adm', 'https://adm.example.nl'), ...env, '--roles', 'admin')).rejects.toThrow(
      /--roles/,
    );
    await expect(
      c.run(
        ...base('grp', 'https://grp.example.nl'),
        ...env,
        '--groups-claim',
        'groups',
        '--roles',
        'nrm_professional',
        '--map-group',
        'all=nrm_national',
      ),
    ).rejects.toThrow(/--map-group/);
    await expect(c.run(...base('politie', 'https://other.example.nl'), ...env)).rejects.toThrow(/--id/);
    await expect(c.run(...base('Bad Id', 'https://bad.example.nl'), ...env)).rejects.toThrow(/--id/);
  });

  it('grants an account to an identity, switches local sign-in to admins only, and removes a provider', async () => {
    const c = cli();
    const coordinator = await createUser(t.services, { role: 'nrm_coordinator' });
    await c.run('idp', 'grant', '--provider', 'politie', '--subject', 'p-123', '--user', coordinator.email);
    await expect(
      c.run('idp', 'grant', '--provider', 'politie', '--subject', 'p-123', '--user', coordinator.email),
    ).rejects.toThrow(/--subject/);
    const identity = await t.database.db
      .selectFrom('user_identity')
      .selectAll()
      .where('subject', '=', 'p-123')
      .executeTakeFirstOrThrow();
    expect(identity).toMatchObject({ provider: 'https://login.politie.example.nl', granted_via: 'admin' });
    await c.run('idp', 'local-signin', 'admins');
    expect(await t.services.oidc.localSignIn()).toBe('admins');
    await c.run('idp', 'local-signin', 'everyone');
    await c.run('idp', 'remove', 'politie');
    expect(
      await t.database.db.selectFrom('user_identity').selectAll().where('subject', '=', 'p-123').execute(),
    ).toEqual([]);
    await expect(c.run('idp', 'remove', 'politie')).rejects.toThrow(/no identity provider/);
  });
});
