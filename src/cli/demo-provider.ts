// The demo's identity provider in the registry: started next to the embedded default's demo (loopback only, never
// in production), registered as the provider "demo" with the demo accounts granted to their identities there, so
// the sign-in page offers "Sign in with Demo-organisatie" and the whole OpenID Connect flow can be tried.
import type { Config } from '../config.js';
import { MONITOR_DEMO_ACCOUNTS } from '../modules/monitor/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/referrals/index.js';
import type { Services } from '../services.js';
import { ValidationFailed } from '../platform/http/errors.js';
import {
  DEMO_CLIENT_ID,
  DEMO_PROVIDER_ID,
  DEMO_SECRET_ENV,
  startDemoProvider,
  type DemoProvider,
} from '../platform/auth/oidc/demo-provider.js';

export interface DemoAccount {
  email: string;
  name: string;
  role: string;
}

/**
 * Starts the demo provider on `host:port` and registers it for these accounts (each bound by an administrator's
 * grant to the subject that is its address at the provider). A provider "demo" left by an earlier start on
 * another port is replaced. Throws when the address is not loopback or the environment is production.
 */
export async function startDemoIdentityProvider(
  services: Services,
  options: { host: string; port: number; appOrigin: string; nodeEnv: string; password: string },
  accounts: readonly DemoAccount[],
): Promise<DemoProvider> {
  const provider = await startDemoProvider({ ...options, people: [...accounts] });
  try {
    process.env[DEMO_SECRET_ENV] = provider.clientSecret;
    const existing = (await services.oidc.listProviders()).find((p) => p.id === DEMO_PROVIDER_ID);
    if (existing && existing.issuer !== provider.issuer)
      await services.oidc.removeProvider(DEMO_PROVIDER_ID, null);
    if (!existing || existing.issuer !== provider.issuer) {
      await services.oidc.addProvider(
        {
          id: DEMO_PROVIDER_ID,
          displayName: 'Demo-organisatie',
          issuer: provider.issuer,
          clientId: DEMO_CLIENT_ID,
          clientAuth: 'client_secret_basic',
          secretSource: `env:${DEMO_SECRET_ENV}`,
          nameClaims: ['name'],
          emailClaim: 'email',
          allowedRoles: [...new Set(accounts.map((a) => a.role))].filter((r) => r !== 'admin'),
          groupRoles: {},
          mfaAcr: [],
          mfaAmr: [],
        },
        null,
      );
    }
    for (const account of accounts) {
      if (account.role === 'admin') continue;
      try {
        await services.oidc.grant({
          providerId: DEMO_PROVIDER_ID,
          subject: account.email.toLowerCase(),
          email: account.email,
          actorUserId: null,
        });
      } catch (error) {
        // Granted at an earlier start (or the account is not there yet): nothing to do.
        if (!(error instanceof ValidationFailed)) throw error;
      }
    }
    return provider;
  } catch (error) {
    await provider.close();
    throw error;
  }
}

/**
 * For `samen serve` once the demo is loaded: the provider on the port after Samen's, for the demo accounts and
 * their published password. A failure is logged (password sign-in still works) and the start goes on.
 */
export async function startDemoProviderForServe(
  services: Services,
  config: Pick<Config, 'host' | 'port' | 'publicOrigin' | 'nodeEnv'>,
  log: { info(detail: object, message: string): void; warn(detail: object, message: string): void },
): Promise<DemoProvider | undefined> {
  try {
    const provider = await startDemoIdentityProvider(
      services,
      {
        host: config.host,
        port: config.port + 1,
        appOrigin: config.publicOrigin.replace(/\/$/, ''),
        nodeEnv: config.nodeEnv,
        password: DEMO_PASSWORD,
      },
      [...DEMO_ACCOUNTS, ...MONITOR_DEMO_ACCOUNTS],
    );
    log.info({ issuer: provider.issuer }, "started the demo's identity provider");
    return provider;
  } catch (error) {
    const problem = (error as Error).message;
    log.warn({ problem }, "the demo's identity provider did not start (password sign-in still works)");
    return undefined;
  }
}
