// What the parts of the directory's service share (service.ts builds it once): the handles and clock it was
// given, the in-memory coverage index, and the lookups every part uses.
import type { Config } from '../../config.js';
import type { AuditService } from '../../platform/audit/service.js';
import type { CoverageIndex } from './coverage.js';
import type { RegionLookup } from './regions.js';
import type { Db } from './repository.js';
import type { ServiceRecord } from './types.js';

export interface DirectoryContext {
  db: Db;
  clock: () => Date;
  config: Config;
  audit: AuditService;
  coverage: CoverageIndex;
  /** Today in Europe/Amsterdam (YYYY-MM-DD), by the clock. */
  today: () => string;
  regions: () => Promise<RegionLookup>;
  /** A service straight from the database, or undefined (also for malformed ids). */
  readOne: (id: string) => Promise<ServiceRecord | undefined>;
}
