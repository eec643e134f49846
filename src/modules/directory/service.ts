// The directory's domain rules: what a valid service is, how a steward creates, edits, retires and verifies one
// (optimistic concurrency, change history per field, audit trail), what "stale" means, and which services cover
// a municipality (through the in-memory coverage index). No SQL here (repository.ts, reference-repository.ts), no HTTP.
import type { Config } from '../../config.js';
import type { AuditService } from '../../platform/audit/service.js';
import {
  badRequest,
  HttpError,
  notFound,
  ValidationFailed,
  type FieldProblem,
} from '../../platform/http/errors.js';
import { CoverageIndex, unknownMunicipality } from './coverage.js';
import type { CachedResponse } from '../../platform/http/prepared.js';
import { amsterdamDate, isStale, staleBefore } from './dates.js';
import { changedFields } from './history.js';
// From the HSDS files themselves, not hsds/index.ts: that door also holds the HSDS routes, which use this service.
import { exportJsonAll, exportTabular } from './hsds/export.js';
import {
  importDirectory,
  loadSampleDirectory as loadSampleFiles,
  type ImportInput,
  type ImportOptions,
  type ImportResult,
} from './hsds/import.js';
import type { TaxonomyInfo } from './hsds/model.js';
import { readTerms } from './hsds/read-repository.js';
import type { Json } from './hsds/render.js';
import { isUuid, orderedIds, stableId } from './ids.js';
import {
  deleteOrganization,
  directoryVersion,
  listOrganizations,
  listTaxonomies,
  listTaxonomyTerms,
  loadRegions,
  readOrganization,
  upsertOrganization,
} from './reference-repository.js';
import { gazetteerFor, type PlaceResolution } from './gazetteer.js';
import type { RegionLookup } from './regions.js';
import {
  countServices,
  countServicesByStatus,
  insertHistory,
  lockServiceVersion,
  readHistory,
  readServiceRecords,
  searchServiceIds,
  serviceIds,
  writeServiceRecord,
  type Db,
  type HistoryRow,
} from './repository.js';
import type { ServiceDetail, ServiceSummary } from './schemas.js';
import { toDetail } from './summary.js';
import type {
  Actor,
  HistoryAction,
  HistoryEntry,
  Organization,
  ServiceDraft,
  ServiceFilter,
  ServicePage,
  ServiceRecord,
  ServiceStatus,
  TaxonomyTerm,
} from './types.js';
import {
  EDITABLE_TAXONOMIES,
  validateOrganization,
  validateRetireReason,
  validateService,
  type OrganizationDraft,
} from './validation.js';

export interface DirectoryDeps {
  db: Db;
  clock: () => Date;
  config: Config;
  audit: AuditService;
  /** How often (ms) to check whether another app server changed the directory. Default: 5 s on PostgreSQL, never on the embedded database. */
  pollIntervalMs?: number;
}

/** A stale version in an edit: someone else saved the service after the form was opened. */
export class ServiceConflict extends HttpError {
  constructor(readonly currentVersion: number) {
    super(409, 'conflict', 'directory.errors.conflict');
    this.name = 'ServiceConflict';
  }
}

export const MAX_PER_PAGE = 100;

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

  async function regions(): Promise<RegionLookup> {
    return coverage.regions();
  }

  async function readOne(id: string): Promise<ServiceRecord | undefined> {
    if (!isUuid(id)) return undefined;
    return (await readServiceRecords(db, [id]))[0];
  }

  async function validate(draft: ServiceDraft): Promise<void> {
    const [lookup, terms, org] = await Promise.all([
      regions(),
      coverage.terms(),
      isUuid(draft.organization_id) ? readOrganization(db, draft.organization_id) : undefined,
    ]);
    const problems = validateService(draft, { regions: lookup, terms, organizationExists: Boolean(org) });
    if (problems.length) throw new ValidationFailed(problems);
  }

  /** What turning a draft into a record needs from the database, fetched before the transaction opens. */
  async function draftContext(draft: ServiceDraft) {
    const [lookup, terms, organization] = await Promise.all([
      regions(),
      coverage.terms(),
      readOrganization(db, draft.organization_id),
    ]);
    if (!organization)
      throw new ValidationFailed([
        { field: 'organization_id', key: 'directory.validation.unknownOrganization' },
      ]);
    return { lookup, terms, organization };
  }

  /**
   * The record a draft makes of `base` (or of nothing, for a new service). Runs inside the write transaction, so
   * it must not query: PGlite has one connection, which the transaction holds.
   */
  function fromDraft(
    id: string,
    draft: ServiceDraft,
    base: ServiceRecord | undefined,
    now: Date,
    { lookup, terms, organization }: Awaited<ReturnType<typeof draftContext>>,
  ): ServiceRecord {
    const editable = new Set<string>(EDITABLE_TAXONOMIES);
    const kept = (base?.taxonomy_term_ids ?? []).filter((t) => !editable.has(terms.get(t)?.taxonomy ?? ''));
    const ids = orderedIds(
      draft.phones.length +
        draft.urls.length +
        draft.schedules.length +
        draft.service_areas.length +
        draft.languages.length,
      now,
    );
    let next = 0;
    const take = () => ids[next++]!;
    return {
      id,
      organization_id: draft.organization_id,
      organization,
      name: draft.name.trim(),
      alternate_name: draft.alternate_name,
      description: draft.description,
      url: draft.url,
      email: draft.email,
      status: draft.status,
      interpretation_services: draft.interpretation_services,
      application_process: draft.application_process,
      fees_description: draft.fees_description,
      wait_time: draft.wait_time,
      accreditations: draft.accreditations,
      eligibility_description: draft.eligibility_description,
      minimum_age: draft.minimum_age,
      maximum_age: draft.maximum_age,
      alert: draft.alert,
      assured_date: base?.assured_date ?? null,
      assurer_email: base?.assurer_email ?? null,
      assured_by_user_id: base?.assured_by_user_id ?? null,
      is_sample: base?.is_sample ?? false,
      version: base?.version ?? 1,
      last_modified: now.toISOString(),
      // A steward's edit keeps who verified it and where it came from (the history says what changed here).
      assured_by: base?.assured_by ?? null,
      source_type: base?.source_type ?? 'local',
      source_name: base?.source_name ?? null,
      source_imported_at: base?.source_imported_at ?? null,
      phones: draft.phones.map((p) => {
        const same = base?.phones.find((b) => b.number === p.number);
        return {
          id: take(),
          number: p.number,
          extension: same?.extension ?? null,
          type: p.channel === 'voice' ? 'voice' : 'text',
          channel: p.channel,
          description: p.description ?? null,
          languages: same?.languages ?? [],
        };
      }),
      urls: draft.urls.map((u) => ({ id: take(), url: u.url, channel: u.channel, label: u.label ?? null })),
      schedules: draft.schedules.map((s) => ({
        id: take(),
        byday: s.byday,
        freq: 'WEEKLY' as const,
        opens_at: s.opens_at,
        closes_at: s.closes_at,
        valid_from: null,
        valid_to: null,
        description: s.description ?? null,
        timezone: 'Europe/Amsterdam',
      })),
      locations: base?.locations ?? [],
      service_areas: draft.service_areas.map((a) => ({
        id: take(),
        area_type: a.area_type,
        area_code: a.area_code,
        name: lookup.areaName(a.area_type, a.area_code) ?? null,
        description: null,
      })),
      languages: draft.languages.map((code) => {
        const same = base?.languages.find((l) => l.code === code);
        return { id: take(), code, name: same?.name ?? null, note: same?.note ?? null };
      }),
      capacities: base?.capacities ?? [],
      contacts: base?.contacts ?? [],
      taxonomy_term_ids: [...new Set([...kept, ...draft.taxonomy_term_ids])],
    };
  }

  /** Writes `after`, its history and its audit entry in one transaction, then brings the index up to date. */
  async function save(
    action: HistoryAction,
    actor: Actor,
    id: string,
    expectedVersion: number | undefined,
    /** Builds the new record from the stored one; runs in the transaction, so no queries (see fromDraft). */
    change: (before: ServiceRecord | undefined) => { after: ServiceRecord; extra?: HistoryRow[] },
  ): Promise<ServiceRecord> {
    const now = clock();
    const terms = await coverage.terms();
    await db.transaction().execute(async (trx) => {
      const current = await lockServiceVersion(trx, id);
      if (action !== 'create' && current === undefined) throw notFound();
      if (current !== undefined && expectedVersion !== undefined && current !== expectedVersion) {
        throw new ServiceConflict(current);
      }
      const before = current === undefined ? undefined : (await readServiceRecords(trx, [id]))[0];
      const { after, extra = [] } = change(before);
      after.last_modified = now.toISOString();
      await writeServiceRecord(trx, after);
      const rows = [...changedFields(before, after, terms), ...extra];
      await insertHistory(
        trx,
        {
          resourceId: id,
          resourceType: 'service',
          action,
          at: now,
          updatedBy: actor.id,
          ids: orderedIds(rows.length, now),
        },
        rows,
      );
      await audit.record(
        {
          actorUserId: actor.id,
          action: `directory.service.${action}`,
          entityType: 'service',
          entityId: id,
          detail: { fields: rows.map((r) => r.field) },
        },
        trx,
      );
    });
    await coverage.rebuild();
    return (await readOne(id))!;
  }

  function pageOf(filter: ServiceFilter): { page: number; perPage: number } {
    const page = filter.page ?? 1;
    const perPage = filter.perPage ?? 20;
    const problems: FieldProblem[] = [];
    if (!Number.isInteger(page) || page < 1)
      problems.push({ field: 'page', key: 'directory.validation.page' });
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

  const nationalBySnapshot = new WeakMap<Map<string, TaxonomyTerm>, ServiceRecord[]>();

  const service = {
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

    async createService(draft: ServiceDraft, actor: Actor): Promise<ServiceRecord> {
      await validate(draft);
      const context = await draftContext(draft);
      const [id] = orderedIds(1, clock());
      return save('create', actor, id!, undefined, () => ({
        after: fromDraft(id!, draft, undefined, clock(), context),
      }));
    },

    /** Saves a steward's edit. `version` is the one the form was opened at: a newer stored one is a 409. */
    async updateService(
      id: string,
      draft: ServiceDraft,
      options: { version: number },
      actor: Actor,
    ): Promise<ServiceRecord> {
      if (!isUuid(id)) throw notFound();
      await validate(draft);
      const context = await draftContext(draft);
      return save('update', actor, id, options.version, (before) => ({
        after: fromDraft(id, draft, before, clock(), context),
      }));
    },

    /** Retires a service: status defunct, with the reason in the history. It stays readable, out of coverage. */
    async retireService(
      id: string,
      reason: string,
      actor: Actor,
      options: { version?: number } = {},
    ): Promise<ServiceRecord> {
      if (!isUuid(id)) throw notFound();
      const problems = validateRetireReason(reason);
      if (problems.length) throw new ValidationFailed(problems);
      return save('retire', actor, id, options.version, (before) => {
        if (before!.status === 'defunct')
          throw new ValidationFailed([{ field: 'status', key: 'directory.validation.alreadyRetired' }]);
        return {
          after: { ...before!, status: 'defunct' as ServiceStatus },
          extra: [{ field: 'reason', previous: '', replacement: reason.trim() }],
        };
      });
    },

    /** Marks a service as checked today (Europe/Amsterdam) by this steward. */
    async verifyService(
      id: string,
      actor: Actor,
      options: { version?: number } = {},
    ): Promise<ServiceRecord> {
      if (!isUuid(id)) throw notFound();
      return save('verify', actor, id, options.version, (before) => ({
        after: {
          ...before!,
          assured_date: today(),
          assured_by_user_id: actor.id,
          // Published: the publisher (an organisation), never the steward.
          assured_by: deps.config.publisherName ?? 'Samen',
          // Published in the HSDS API: the directory team's role address, never the steward's login e-mail
          // (who verified stays internal, in assured_by_user_id and the history).
          assurer_email: deps.config.directoryEmail ?? null,
        },
      }));
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
        name: deps.config.publisherName ?? 'Samen',
        email: deps.config.directoryEmail ?? null,
        licence: deps.config.dataLicence ?? 'https://creativecommons.org/publicdomain/zero/1.0/',
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

    async organizations() {
      return listOrganizations(db);
    },

    async getOrganization(id: string): Promise<Organization | undefined> {
      return isUuid(id) ? readOrganization(db, id) : undefined;
    },

    async saveOrganization(
      id: string | undefined,
      draft: OrganizationDraft,
      actor: Actor,
    ): Promise<Organization> {
      const problems = validateOrganization(draft);
      if (problems.length) throw new ValidationFailed(problems);
      const before = id ? await service.getOrganization(id) : undefined;
      if (id && !before) throw notFound();
      const now = clock();
      const orgId = before?.id ?? orderedIds(1, now)[0]!;
      const after: Organization = {
        id: orgId,
        uri: before?.uri ?? null,
        parent_organization_id: before?.parent_organization_id ?? null,
        is_sample: before?.is_sample ?? false,
        ...draft,
        name: draft.name.trim(),
      };
      const fields = (
        ['name', 'alternate_name', 'description', 'email', 'website', 'legal_status'] as const
      ).filter((f) => (before?.[f] ?? '') !== (after[f] ?? ''));
      await db.transaction().execute(async (trx) => {
        await upsertOrganization(trx, after, now);
        await insertHistory(
          trx,
          {
            resourceId: orgId,
            resourceType: 'organization',
            action: before ? 'update' : 'create',
            at: now,
            updatedBy: actor.id,
            ids: orderedIds(fields.length, now),
          },
          fields.map((f) => ({
            field: f,
            previous: String(before?.[f] ?? ''),
            replacement: String(after[f] ?? ''),
          })),
        );
        await audit.record(
          {
            actorUserId: actor.id,
            action: `directory.organization.${before ? 'update' : 'create'}`,
            entityType: 'organization',
            entityId: orgId,
            detail: { fields: [...fields] },
          },
          trx,
        );
      });
      await coverage.rebuild();
      return after;
    },

    /** Deletes an organisation without services; a 409 when it still has some. */
    async deleteOrganization(id: string, actor: Actor): Promise<void> {
      if (!(await service.getOrganization(id))) throw notFound();
      await db.transaction().execute(async (trx) => {
        if (!(await deleteOrganization(trx, id)))
          throw new HttpError(409, 'conflict', 'directory.errors.organizationInUse');
        await audit.record(
          {
            actorUserId: actor.id,
            action: 'directory.organization.delete',
            entityType: 'organization',
            entityId: id,
          },
          trx,
        );
      });
      await coverage.rebuild();
    },

    /** HSDS import (all or nothing); the index is rebuilt after a successful one. */
    async importHsds(input: ImportInput, options: Omit<ImportOptions, 'clock'>): Promise<ImportResult> {
      const result = await importDirectory(db, input, { ...options, clock, audit: deps.audit });
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
      await db.transaction().execute(async (trx) => {
        const exists = await trx
          .selectFrom('service')
          .select('id')
          .where('id', '=', serviceId)
          .executeTakeFirst();
        if (!exists) return;
        await trx
          .insertInto('unit')
          .values({
            id: unitId,
            name: `places: ${category}`,
            scheme: 'samen-shelter-category',
            identifier: category,
          })
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
        await trx
          .insertInto('service_capacity')
          .values({
            id,
            service_id: serviceId,
            unit_id: unitId,
            available,
            maximum,
            description: null,
            updated: at,
          })
          .onConflict((oc) => oc.column('id').doUpdateSet({ available, maximum, updated: at }))
          .execute();
      });
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
  return service;
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
