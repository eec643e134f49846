// Sample data for a fresh install: the sample directory (seed/directory). Later modules add theirs here.
import type { Services } from '../services.js';
import { loadDemo } from '../modules/referrals/index.js';

export async function loadReferralDemo(services: Services) {
  return loadDemo({
    db: services.referrals.database,
    directory: services.directory,
    referrals: services.referrals,
    createUser: (u) => services.auth.createUser(u),
  });
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
  if (options.demo) await loadReferralDemo(services);
  return result;
}
