// Sample data for a fresh install: the sample directory (seed/directory). Later modules add theirs here.
import type { Services } from '../services.js';

export interface SeedResult {
  organizations: number;
  services: number;
}

export async function seedSampleData(
  services: Services,
  options: { onlyIfEmpty: boolean },
): Promise<SeedResult | undefined> {
  if (options.onlyIfEmpty && (await services.directory.countServices()) > 0) return undefined;
  return services.directory.loadSampleDirectory();
}
