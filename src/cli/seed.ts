// Sample data for a fresh install: the sample directory (seed/directory). Later modules add theirs here.
import type { Services } from '../services.js';
import { MONITOR_DEMO_ACCOUNTS } from '../modules/monitor/index.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, loadCaseWorkDemo, loadDemo } from '../modules/referrals/index.js';

/** Whether a listen address is loopback only (the demo's accounts, with published secrets, exist only then). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::ffff:127.0.0.1'
  );
}

/**
 * The demo accounts' secrets are in the README: they may only be reachable from this machine. On any other
 * listen address they are disabled (sessions ended) and refused at sign-in, and the demo's identity provider is
 * taken out of the registry (cli/demo-provider.ts); on loopback they work and every page carries a banner.
 * Returns how many demo accounts exist.
 */
export async function guardDemoAccounts(services: Services, host: string): Promise<number> {
  if (!isLoopbackHost(host) && (await services.oidc.listProviders()).some((p) => p.id === 'demo'))
    await services.oidc.removeProvider('demo', null);
  return services.auth.guardPublishedAccounts(
    [...DEMO_ACCOUNTS, ...MONITOR_DEMO_ACCOUNTS].map((a) => a.email),
    { loopback: isLoopbackHost(host) },
  );
}

export async function loadReferralDemo(services: Services) {
  return loadDemo({
    db: services.referrals.database,
    directory: services.directory,
    referrals: services.referrals,
    createUser: (u) => services.auth.createUser(u),
  });
}

/**
 * The referral demo's case work (case workers, case plans with one task overdue, a decision taken and the next
 * due), on the app's clock: once, right after the referral demo was made.
 */
export async function loadCaseWorkDemoFor(services: Services) {
  return loadCaseWorkDemo({
    db: services.referrals.database,
    referrals: services.referrals,
    userId: async (email) => (await services.auth.findUserByEmail(email))?.id,
  });
}

/** The programme monitor's demo accounts (programme team, action owner, pool coordinator, requesting organisation). */
export async function loadMonitorDemo(services: Services) {
  return services.monitor.loadDemoAccounts(
    {
      findUserByEmail: (email) => services.auth.findUserByEmail(email),
      createUser: (u) => services.auth.createUser(u),
    },
    DEMO_PASSWORD,
  );
}

/**
 * Every demo: the referral mechanism's (with its case work when it was made just now), then the monitor's
 * accounts. Returns the referral demo's result.
 */
export async function loadDemos(services: Services) {
  const referrals = await loadReferralDemo(services);
  if (referrals) {
    const work = await loadCaseWorkDemoFor(services);
    referrals.cases += work.cases;
  }
  await loadMonitorDemo(services);
  return referrals;
}

export interface SeedResult {
  organizations: number;
  services: number;
}

export async function seedSampleData(
  services: Services,
  options: { onlyIfEmpty: boolean; demo?: boolean },
): Promise<SeedResult | undefined> {
  // The monitor's action plan from the letter of 4 July 2025, with its locked round: only into an empty plan, so
  // what action owners keep current is never overwritten.
  await services.monitor.loadSamplePlan();
  if (options.onlyIfEmpty && (await services.directory.countServices()) > 0) return undefined;
  const result = await services.directory.loadSampleDirectory();
  // The referral mechanism's demo (fictional cases, one account per role): only where the caller says so, which
  // is never a production start (NODE_ENV=production or DATABASE_URL set).
  if (options.demo) await loadDemos(services);
  return result;
}
