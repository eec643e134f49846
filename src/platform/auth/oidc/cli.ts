// `samen idp add|list|remove|grant|local-signin`: the organisations' identity providers. The client secret (or the
// private key for private_key_jwt) is never given on the command line, where shell history and the process list
// would keep it: the command names a file or an environment variable, and only that name is stored.
import type { Command } from 'commander';
import { CliError, type WithServices } from '../../cli.js';
import { ValidationFailed } from '../../http/errors.js';
import { I18n } from '../../i18n/index.js';
import { OidcRefusal, readSecret } from './secret.js';
import type { ClientAuthMethod } from './repository.js';
import type { OidcService, ProviderInput } from './service.js';

export interface IdpServices {
  oidc: OidcService;
}

export interface IdpCommandDeps {
  withServices: WithServices<IdpServices>;
  out(line: string): void;
}

const FLAG_OF_FIELD: Record<string, string> = {
  id: '--id',
  name: '--name',
  issuer: '--issuer',
  clientId: '--client-id',
  secret: '--client-secret-file/--client-secret-env',
  claims: '--name-claims',
  roles: '--roles',
  groups: '--map-group',
  provider: '--provider',
  user: '--user',
  subject: '--subject',
};

function cliProblems(error: ValidationFailed): CliError {
  const t = new I18n().translator('en');
  return new CliError(
    error.problems.map((p) => `${FLAG_OF_FIELD[p.field] ?? p.field}: ${t(p.key, p.params)}`).join('; '),
  );
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export interface AddIdpOptions {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  clientSecretFile?: string;
  clientSecretEnv?: string;
  privateKeyFile?: string;
  privateKeyEnv?: string;
  secretPost?: boolean;
  nameClaims: string;
  emailClaim?: string;
  groupsClaim?: string;
  roles?: string;
  mapGroup: string[];
  mfaAcr?: string;
  mfaAmr?: string;
  acrValues?: string;
}

/** The provider's input from the command's options; exactly one source of the secret or key. */
export function providerInput(options: AddIdpOptions): ProviderInput {
  const sources = [
    options.clientSecretFile && { source: `file:${options.clientSecretFile}`, key: false },
    options.clientSecretEnv && { source: `env:${options.clientSecretEnv}`, key: false },
    options.privateKeyFile && { source: `file:${options.privateKeyFile}`, key: true },
    options.privateKeyEnv && { source: `env:${options.privateKeyEnv}`, key: true },
  ].filter((s): s is { source: string; key: boolean } => Boolean(s));
  if (sources.length !== 1)
    throw new CliError(
      'give exactly one of --client-secret-file, --client-secret-env, --private-key-file, --private-key-env ' +
        '(never the secret itself)',
    );
  const { source, key } = sources[0]!;
  try {
    readSecret(source);
  } catch (error) {
    if (error instanceof OidcRefusal)
      throw new CliError(`the secret at ${source} cannot be read or is empty`);
    throw error;
  }
  const clientAuth: ClientAuthMethod = key
    ? 'private_key_jwt'
    : options.secretPost
      ? 'client_secret_post'
      : 'client_secret_basic';
  const groupRoles: Record<string, string> = {};
  for (const pair of options.mapGroup) {
    const eq = pair.lastIndexOf('=');
    if (eq <= 0) throw new CliError(`--map-group: "${pair}" is not GROUP=role`);
    groupRoles[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    id: options.id,
    displayName: options.name,
    issuer: options.issuer,
    clientId: options.clientId,
    clientAuth,
    secretSource: source,
    nameClaims: list(options.nameClaims),
    emailClaim: options.emailClaim,
    groupsClaim: options.groupsClaim,
    allowedRoles: list(options.roles),
    groupRoles,
    mfaAcr: list(options.mfaAcr),
    mfaAmr: list(options.mfaAmr),
    acrValues: options.acrValues,
  };
}

/**
 * Whether the provider's discovery document says it requires signed request objects (JAR): true, false, or
 * undefined when it cannot be read now (sign-in checks it again, and refuses then).
 */
export async function requiresSignedRequests(issuer: string): Promise<boolean | undefined> {
  let address: URL;
  try {
    address = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  } catch {
    return undefined;
  }
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) return undefined;
    const metadata = (await response.json()) as { require_signed_request_object?: unknown };
    return metadata.require_signed_request_object === true;
  } catch {
    return undefined;
  }
}
const DISCOVERY_TIMEOUT_MS = 5000;

async function withProblems<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ValidationFailed) throw cliProblems(error);
    throw error;
  }
}

export function registerIdpCommands(
  program: Command,
  overrides: Partial<IdpCommandDeps> & Pick<IdpCommandDeps, 'withServices'>,
) {
  const deps: IdpCommandDeps = { out: (line) => process.stdout.write(`${line}\n`), ...overrides };
  const idp = program
    .command('idp')
    .description("Manage the organisations' identity providers (OpenID Connect).");

  idp
    .command('add')
    .description(
      'Add an identity provider. Its secret is read from a file or an environment variable at run time; only ' +
        'that name is stored, never the secret.',
    )
    .requiredOption('--id <id>', 'a short name: lower-case letters, digits and hyphens (e.g. politie)')
    .requiredOption('--name <name>', 'the name on the sign-in button (e.g. "Politie")')
    .requiredOption(
      '--issuer <url>',
      "the provider's issuer (https; discovery at /.well-known/openid-configuration)",
    )
    .requiredOption('--client-id <id>', "Samen's client id at the provider")
    .option('--client-secret-file <path>', 'a file holding the client secret (client_secret_basic)')
    .option('--client-secret-env <NAME>', 'an environment variable holding the client secret')
    .option('--secret-post', 'send the secret in the body (client_secret_post) instead of Basic')
    .option('--private-key-file <path>', 'a PKCS#8 PEM private key for private_key_jwt (RS256)')
    .option('--private-key-env <NAME>', 'an environment variable holding that PEM')
    .option('--name-claims <list>', 'claims that name the person, first present wins', 'name')
    .option(
      '--email-claim <claim>',
      'the claim with the e-mail address (contact only, never the binding)',
      'email',
    )
    .option('--groups-claim <claim>', 'the claim with the groups, for --map-group')
    .option('--roles <list>', 'the roles this provider may ever lead to (comma-separated; never admin)')
    .option(
      '--map-group <GROUP=role>',
      'an approved mapping: people in GROUP get the role (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--mfa-acr <list>', 'acr values that count as multi-factor (comma-separated)')
    .option('--mfa-amr <list>', 'amr values that count as multi-factor', 'mfa,otp,hwk,swk')
    .option('--acr-values <values>', 'acr_values to request (the assurance the NL GOV profile asks for)')
    .action(async (options: AddIdpOptions) => {
      const input = providerInput(options);
      // A provider that requires signed requests (NL GOV Assurance profile) needs the private_key_jwt key to sign
      // them with: refused here, before it is stored, rather than at every person's sign-in.
      if (input.clientAuth !== 'private_key_jwt') {
        const signed = await requiresSignedRequests(input.issuer);
        if (signed)
          throw new CliError(
            'this provider requires signed requests (require_signed_request_object): give its private key with ' +
              '--private-key-file or --private-key-env instead of a client secret',
          );
        if (signed === undefined)
          deps.out(
            "Note: the provider's discovery could not be read now; signed requests are checked at sign-in.",
          );
      }
      await deps.withServices(async ({ oidc }) => {
        const added = await withProblems(() => oidc.addProvider(input, null));
        deps.out(`Added identity provider ${added.id} (${added.issuer}), ${added.clientAuth}.`);
        deps.out(`Redirect URI to register at the provider: <public origin>/login/oidc/callback`);
        deps.out(`Back-channel logout URI: <public origin>/login/oidc/backchannel-logout/${added.id}`);
      });
    });

  idp
    .command('list')
    .description('List the identity providers (no secrets: where each is read from).')
    .action(async () => {
      await deps.withServices(async ({ oidc }) => {
        const providers = await oidc.listProviders();
        if (providers.length === 0) deps.out('(no identity providers: add one with `samen idp add`)');
        for (const p of providers) {
          const groups = Object.entries(p.groupRoles).map(([g, r]) => `${g}=${r}`);
          deps.out(
            `${p.id}  ${p.displayName}  ${p.issuer}  client ${p.clientId}  ${p.clientAuth} (${p.secretSource})  ` +
              `roles ${p.allowedRoles.join(',') || '-'}  groups ${groups.join(',') || '-'}  ` +
              `mfa acr ${p.mfaAcr.join(',') || '-'} amr ${p.mfaAmr.join(',') || '-'}`,
          );
        }
        deps.out(`Local sign-in: ${await oidc.localSignIn()}`);
      });
    });

  idp
    .command('remove')
    .description('Remove an identity provider: its identities are unbound and the sessions it started end.')
    .argument('<id>')
    .action(async (id: string) => {
      await deps.withServices(async ({ oidc }) => {
        if (!(await oidc.removeProvider(id, null))) throw new CliError(`no identity provider "${id}"`);
        deps.out(`Removed identity provider ${id}.`);
      });
    });

  idp
    .command('grant')
    .description("Grant an existing Samen account to a person's identity at a provider (issuer, subject).")
    .requiredOption('--provider <id>', 'the provider')
    .requiredOption('--subject <sub>', "the person's subject (sub) at the provider")
    .requiredOption('--user <email>', 'the Samen account')
    .action(async (options: { provider: string; subject: string; user: string }) => {
      await deps.withServices(async ({ oidc }) => {
        await withProblems(() =>
          oidc.grant({
            providerId: options.provider,
            subject: options.subject,
            email: options.user,
            actorUserId: null,
          }),
        );
        deps.out(`Granted ${options.user} to ${options.subject} at ${options.provider}.`);
      });
    });

  idp
    .command('local-signin')
    .description('Who may still sign in with a Samen password: everyone, or admins only (break-glass).')
    .argument('<who>', 'everyone | admins')
    .action(async (who: string) => {
      if (who !== 'everyone' && who !== 'admins') throw new CliError('local-signin: say everyone or admins');
      await deps.withServices(async ({ oidc }) => {
        await oidc.setLocalSignIn(who, null);
        deps.out(`Local sign-in: ${who}.`);
      });
    });
}
