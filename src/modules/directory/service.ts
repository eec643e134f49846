// The directory's service, the door other modules use: built from its parts around one in-memory coverage index.
// Reading (service-reads.ts: lists, coverage, regions, what "stale" means), a steward's edits of a service
// (service-edits.ts: validation, create/edit/retire/verify with optimistic concurrency, change history per field
// and audit trail; draft-record.ts), the organisations (organization-service.ts) and the directory's upkeep
// (upkeep-service.ts: HSDS import/export, sample data, published capacity). No SQL here (the *repository.ts
// files), no HTTP.
import type { Config } from '../../config.js';
import type { AuditService } from '../../platform/audit/service.js';
import { CoverageIndex } from './coverage.js';
import { amsterdamDate } from './dates.js';
import { isUuid } from './ids.js';
import { createOrganizationActions } from './organization-service.js';
import { directoryVersion, listTaxonomies, listTaxonomyTerms, loadRegions } from './reference-repository.js';
import { readServiceRecords, type Db } from './repository.js';
import { serviceIds } from './search-repository.js';
import type { DirectoryContext } from './service-context.js';
import { createServiceEdits } from './service-edits.js';
import { createServiceReads } from './service-reads.js';
import { createDirectoryUpkeep } from './upkeep-service.js';

export interface DirectoryDeps {
  db: Db;
  clock: () => Date;
  config: Config;
  audit: AuditService;
  /** How often (ms) to check whether another app server changed the directory. Default: 5 s on PostgreSQL, never on the embedded database. */
  pollIntervalMs?: number;
}

export { ServiceConflict } from './service-edits.js';
export { MAX_PER_PAGE } from './service-reads.js';

export function createDirectoryService(deps: DirectoryDeps) {
  const { db, clock, audit } = deps;
  const today = () => amsterdamDate(clock());

  const coverage = new CoverageIndex(
    {
      loadRecords: async () => readServiceRecords(db, await serviceIds(db)),
      loadRegions: () => loadRegions(db),
      loadTerms: () => listTaxonomyTerms(db),
      loadTaxonomies: () => listTaxonomies(db),
      version: () => directoryVersion(db),
    },
    {
      today,
      pollIntervalMs: deps.pollIntervalMs ?? (deps.config.databaseUrl ? 5000 : 0),
      onError: (error) =>
        console.warn(`directory: refreshing the coverage index failed: ${(error as Error).message}`),
    },
  );

  const ctx: DirectoryContext = {
    db,
    clock,
    config: deps.config,
    audit,
    coverage,
    today,
    regions: () => coverage.regions(),
    async readOne(id) {
      if (!isUuid(id)) return undefined;
      return (await readServiceRecords(db, [id]))[0];
    },
  };
  return {
    ...createServiceReads(ctx),
    ...createServiceEdits(ctx),
    ...createOrganizationActions(ctx),
    ...createDirectoryUpkeep(ctx),
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
