// Keeping the directory as a whole: the HSDS import and export, the sample directory, the shelters' free places
// published as HSDS capacity, and the coverage index kept current.
import { exportJsonAll, exportTabular } from './hsds/export.js';
import {
  importDirectory,
  loadSampleDirectory as loadSampleFiles,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
} from './hsds/import.js';
import type { Json } from './hsds/render.js';
import { stableId } from './ids.js';
import type { DirectoryContext } from './service-context.js';
import { writeServiceCapacity } from './write-repository.js';

export function createDirectoryUpkeep(ctx: DirectoryContext) {
  const { db, clock, coverage } = ctx;
  return {
    /** HSDS import (all or nothing); the index is rebuilt after a successful one. */
    async importHsds(input: ImportInput, options: Omit<ImportOptions, 'clock'>): Promise<ImportResult> {
      const result = await importDirectory(db, input, { ...options, clock, audit: ctx.audit });
      if (result.ok && !options.dryRun) await coverage.rebuild();
      return result;
    },

    /** HSDS export of the whole directory: one JSON document, or the tabular package (file name -> CSV). */
    async exportHsds(format: 'json' | 'csv'): Promise<Json | Record<string, string>> {
      return format === 'json' ? exportJsonAll(db, { now: clock() }) : exportTabular(db, { now: clock() });
    },

    /** Loads the sample directory (seed/directory) through the HSDS import; existing records are updated. */
    async loadSampleDirectory(): Promise<{ organizations: number; services: number }> {
      const result = await loadSampleFiles(db, { clock });
      await coverage.rebuild();
      return result;
    },

    /**
     * Publishes a shelter's free places in one category as HSDS `service_capacity` (the referral mechanism's
     * shelters state them; the directory is where other systems read them). Ids are stable per service and
     * category, so each statement replaces the previous one.
     */
    async publishCapacity(
      serviceId: string,
      category: string,
      available: number,
      maximum: number,
      at: Date,
    ): Promise<void> {
      const unitId = stableId(`unit:shelter-places:${category}`);
      const id = stableId(`capacity:${serviceId}:${category}`);
      await db
        .transaction()
        .execute((trx) =>
          writeServiceCapacity(trx, { id, serviceId, unitId, category, available, maximum, at }),
        );
      coverage.invalidate();
    },

    /** Rebuilds the coverage index now (after changes made around this service, e.g. by a CLI import). */
    async refreshCoverage(): Promise<void> {
      await coverage.rebuild();
    },

    /** Marks the coverage index out of date; the next lookup rebuilds it. */
    invalidateCoverage(): void {
      coverage.invalidate();
    },

    /** Checks whether another app server changed the directory and rebuilds if so (normally polled). */
    async checkForChanges(): Promise<boolean> {
      return coverage.checkForChanges();
    },
  };
}
