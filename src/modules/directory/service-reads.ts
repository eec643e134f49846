// Reading the directory: services from the database (steward pages, lists with filters) or from the in-memory
// coverage index (public pages, coverage lookups), the regions, places and taxonomies, and who publishes it.
import type { CachedResponse } from '../../platform/http/prepared.js';
import { badRequest, type FieldProblem } from '../../platform/http/errors.js';
import { unknownMunicipality } from './coverage.js';
import { isStale, staleBefore } from './dates.js';
import { gazetteerFor, type PlaceResolution } from './gazetteer.js';
import { readHistory } from './history-repository.js';
import type { TaxonomyInfo } from './hsds/model.js';
import { readTerms } from './hsds/read-repository.js';
import { isUuid } from './ids.js';
import type { RegionLookup } from './regions.js';
import { readServiceRecords } from './repository.js';
import type { ServiceDetail, ServiceSummary } from './schemas.js';
import { countServices, countServicesByStatus, searchServiceIds } from './search-repository.js';
import type { DirectoryContext } from './service-context.js';
import { toDetail } from './summary.js';
import type { HistoryEntry, ServiceFilter, ServicePage, ServiceRecord, TaxonomyTerm } from './types.js';

export const MAX_PER_PAGE = 100;

function pageOf(filter: ServiceFilter): { page: number; perPage: number } {
  const page = filter.page ?? 1;
  const perPage = filter.perPage ?? 20;
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(page) || page < 1) problems.push({ field: 'page', key: 'directory.validation.page' });
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    problems.push({
      field: 'per_page',
      key: 'directory.validation.perPage',
      params: { max: MAX_PER_PAGE },
    });
  }
  if (problems.length) throw badRequest(problems);
  return { page, perPage };
}

export function createServiceReads(ctx: DirectoryContext) {
  const { db, coverage, today, regions, readOne } = ctx;
  const nationalBySnapshot = new WeakMap<Map<string, TaxonomyTerm>, ServiceRecord[]>();

  return {
    async countServices(): Promise<number> {
      return countServices(db);
    },

    async dashboardCounts(): Promise<{ total: number; byStatus: Record<string, number>; stale: number }> {
      const byStatus = await countServicesByStatus(db);
      const stale = await searchServiceIds(db, {
        stale: true,
        staleBefore: staleBefore(today()),
        statuses: ['active', 'inactive', 'temporarily closed'],
        limit: 1,
        offset: 0,
      });
      return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, stale: stale.total };
    },

    /** A service straight from the database (for stewards: always current), or undefined (also for malformed ids). */
    async getService(id: string): Promise<ServiceRecord | undefined> {
      return readOne(id);
    },

    /** A service as the public pages show it: from the in-memory index (may lag another server by seconds). */
    async publishedService(id: string): Promise<ServiceRecord | undefined> {
      if (!isUuid(id)) return undefined;
      return coverage.record(id);
    },

    /** Every service (any status) from the index, for read-mostly callers such as exports of the public API. */
    async allServices(): Promise<ServiceRecord[]> {
      return coverage.records();
    },

    async listServices(filter: ServiceFilter = {}): Promise<ServicePage> {
      const { page, perPage } = pageOf(filter);
      const problems: FieldProblem[] = [];
      for (const id of filter.taxonomyTermIds ?? []) {
        if (!isUuid(id)) problems.push({ field: 'taxonomy_term_id', key: 'directory.validation.uuid' });
      }
      if (filter.organizationId !== undefined && !isUuid(filter.organizationId)) {
        problems.push({ field: 'organization_id', key: 'directory.validation.uuid' });
      }
      if (problems.length) throw badRequest(problems);
      let coveredBy;
      if (filter.municipality !== undefined) {
        coveredBy = (await regions()).coveringAreas(filter.municipality);
        if (!coveredBy) throw unknownMunicipality(filter.municipality);
      }
      const { ids, total } = await searchServiceIds(db, {
        ...(filter.q !== undefined ? { q: filter.q } : {}),
        ...(filter.taxonomyTermIds ? { taxonomyTermIds: filter.taxonomyTermIds } : {}),
        ...(filter.statuses ? { statuses: filter.statuses } : {}),
        ...(filter.organizationId ? { organizationId: filter.organizationId } : {}),
        ...(filter.stale !== undefined ? { stale: filter.stale, staleBefore: staleBefore(today()) } : {}),
        ...(coveredBy ? { coveredBy } : {}),
        limit: perPage,
        offset: (page - 1) * perPage,
      });
      return { items: await readServiceRecords(db, ids), total, page, perPage };
    },

    /**
     * Active services covering a municipality (national, its police unit, its safety region, itself), by name.
     * No query: the records are the index's own objects, shared between callers, so treat them as read-only.
     */
    async coverageFor(municipalityCode: string): Promise<ServiceRecord[]> {
      return coverage.servicesFor(municipalityCode);
    },

    /** coverageFor without waiting, when the index is current; undefined otherwise (then use coverageFor). */
    coverageForNow(municipalityCode: string): ServiceRecord[] | undefined {
      return coverage.servicesNow(municipalityCode);
    },

    /**
     * Active services covering the whole country, by name (for a place outside the Netherlands or not given).
     * Computed once per index snapshot; read-only like coverageFor's records.
     */
    async nationalServices(): Promise<ServiceRecord[]> {
      const terms = await coverage.terms();
      let list = nationalBySnapshot.get(terms);
      if (!list) {
        list = (await coverage.records())
          .filter(
            (r) =>
              r.status === 'active' &&
              r.service_areas.some((a) => a.area_type === 'country' && a.area_code === 'NL'),
          )
          .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
        nationalBySnapshot.set(terms, list);
      }
      return list;
    },

    /** Taxonomy terms by id, as indexed (one Map per snapshot: callers may key caches on it). */
    async termMap(): Promise<Map<string, TaxonomyTerm>> {
      return coverage.terms();
    },

    /** termMap without waiting, when the index is current; undefined otherwise (then use termMap). */
    termMapNow(): Map<string, TaxonomyTerm> | undefined {
      return coverage.termsNow();
    },

    /** The ready-made JSON body of the coverage API answer (built once per municipality per day). */
    async coverageResponse(municipalityCode: string): Promise<CachedResponse> {
      return coverage.responseFor(municipalityCode);
    },

    /** coverageResponse without waiting, when the index is current; undefined otherwise (then use that). */
    coverageResponseNow(municipalityCode: string): CachedResponse | undefined {
      return coverage.responseNow(municipalityCode);
    },

    async summary(record: ServiceRecord): Promise<ServiceSummary> {
      return coverage.summaryOf(record);
    },

    async detail(record: ServiceRecord): Promise<ServiceDetail> {
      return toDetail(record, { regions: await regions(), terms: await coverage.terms(), today: today() });
    },

    /** Services not verified for more than 180 days (or never), retired ones left out; the oldest first. */
    async staleServices(): Promise<ServiceRecord[]> {
      const { ids } = await searchServiceIds(db, {
        stale: true,
        staleBefore: staleBefore(today()),
        statuses: ['active', 'inactive', 'temporarily closed'],
        limit: 10_000,
        offset: 0,
      });
      const records = await readServiceRecords(db, ids);
      return records.sort(
        (a, b) => (a.assured_date ?? '').localeCompare(b.assured_date ?? '') || a.name.localeCompare(b.name),
      );
    },

    isStale(record: Pick<ServiceRecord, 'assured_date'>): boolean {
      return isStale(record.assured_date, today());
    },

    today,

    async history(serviceId: string): Promise<HistoryEntry[]> {
      if (!isUuid(serviceId)) return [];
      return readHistory(db, serviceId);
    },

    async regions(): Promise<RegionLookup> {
      return regions();
    },

    async municipalities() {
      return (await regions()).municipalities;
    },

    async searchMunicipalities(q: string) {
      return (await regions()).searchMunicipalities(q);
    },

    /** A typed town, village, district, postcode or municipality (any language or script); see gazetteer.ts. */
    async resolvePlace(input: string): Promise<PlaceResolution> {
      return gazetteerFor(await regions()).resolve(input);
    },

    async municipality(code: string) {
      return (await regions()).municipality(code);
    },

    async taxonomyTerms() {
      return [...(await coverage.terms()).values()];
    },

    /** The taxonomies as HSDS rows (id, name, description, uri, version), for /api/hsds/taxonomies. */
    /** Who publishes the directory's feed, how to reach them, and the licence of the data (`/api/hsds`). */
    publisher(): { name: string; email: string | null; licence: string } {
      return {
        name: ctx.config.publisherName ?? 'Samen',
        email: ctx.config.directoryEmail ?? null,
        licence: ctx.config.dataLicence ?? 'https://creativecommons.org/publicdomain/zero/1.0/',
      };
    },

    async hsdsTaxonomies(): Promise<TaxonomyInfo[]> {
      return [...(await readTerms(db)).taxonomies.values()];
    },

    async taxonomies() {
      const [taxonomies, terms] = await Promise.all([coverage.taxonomies(), coverage.terms()]);
      return taxonomies.map((x) => ({
        ...x,
        terms: [...terms.values()].filter((t) => t.taxonomy === x.code),
      }));
    },
  };
}
