// The coverage index: which active services cover a municipality (the whole country, its police unit, its
// safety region, the municipality itself), held in memory so that the public guide's hot path is a Map lookup
// and never a query. It also keeps every service record (for the public pages) and memoises the JSON answer of
// GET /api/v1/municipalities/{code}/services per municipality for the current day (the stale flag is per day).
//
// Freshness: this process rebuilds the index after each of its own changes (the service awaits the rebuild).
// With several app servers on one PostgreSQL database, each polls a cheap fingerprint of the directory
// (reference-repository.ts: directoryVersion) at most every `pollIntervalMs` and rebuilds when another server changed it.
// The poll runs beside the request, so a lookup never waits for it: other servers' edits show within seconds.
import { badRequest } from '../../platform/http/errors.js';
import { CachedResponse } from '../../platform/http/prepared.js';
import { RegionLookup, type MunicipalityInfo } from './regions.js';
import { municipalityOut, toCoverageItem, toSummary, type SummaryContext } from './summary.js';
import type { ServiceSummary } from './schemas.js';
import type { AreaType, Regions, ServiceRecord, Taxonomy, TaxonomyTerm } from './types.js';

export interface CoverageSource {
  /** Every service (any status) with its nested records. */
  loadRecords(): Promise<ServiceRecord[]>;
  loadRegions(): Promise<Regions>;
  loadTerms(): Promise<TaxonomyTerm[]>;
  loadTaxonomies(): Promise<Taxonomy[]>;
  /** A fingerprint that changes whenever services or organisations change. */
  version(): Promise<string>;
}

export interface CoverageOptions {
  /** ISO date of today (Europe/Amsterdam), from the injected clock. */
  today: () => string;
  /** Poll the directory version at most this often; 0 (the default) never polls (a single server). */
  pollIntervalMs?: number;
  /** Reports a failed background refresh; the old index keeps serving. */
  onError?: (error: unknown) => void;
}

class Snapshot {
  readonly terms: Map<string, TaxonomyTerm>;
  readonly records = new Map<string, ServiceRecord>();
  /** municipality code -> active services covering it, by name. */
  readonly byMunicipality = new Map<string, ServiceRecord[]>();
  private day = '';
  private summaries = new Map<string, ServiceSummary>();
  /** Per service: its coverage item as JSON, without the opening brace (covers_via goes in front). */
  private items = new Map<string, string>();
  private responses = new Map<string, CachedResponse>();

  constructor(
    readonly version: string,
    readonly regions: RegionLookup,
    readonly taxonomies: Taxonomy[],
    terms: TaxonomyTerm[],
    records: ServiceRecord[],
  ) {
    this.terms = new Map(terms.map((t) => [t.id, t]));
    const byArea = new Map<string, ServiceRecord[]>();
    const key = (type: AreaType, code: string) => `${type}:${code}`;
    const sorted = [...records].sort(
      (a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id),
    );
    for (const record of sorted) {
      this.records.set(record.id, record);
      if (record.status !== 'active') continue;
      const seen = new Set<string>();
      for (const area of record.service_areas) {
        const k = key(area.area_type, area.area_code);
        if (seen.has(k)) continue;
        seen.add(k);
        const list = byArea.get(k);
        if (list) list.push(record);
        else byArea.set(k, [record]);
      }
    }
    for (const m of regions.municipalities) {
      const ids = new Set<string>();
      for (const k of [
        key('country', 'NL'),
        key('police_unit', m.policeUnit.code),
        key('safety_region', m.safetyRegion.code),
        key('municipality', m.code),
      ]) {
        for (const r of byArea.get(k) ?? []) ids.add(r.id);
      }
      // Keep the name order of `sorted` while taking each service once.
      this.byMunicipality.set(
        m.code,
        sorted.filter((r) => ids.has(r.id)),
      );
    }
  }

  private forDay(today: string) {
    if (today !== this.day) {
      this.day = today;
      this.summaries = new Map();
      this.items = new Map();
      this.responses = new Map();
    }
  }

  summary(record: ServiceRecord, today: string): ServiceSummary {
    this.forDay(today);
    // Only the indexed record's summary is memoised; a fresher copy read from the database is summarised anew.
    const indexed = this.records.get(record.id) === record;
    let s = indexed ? this.summaries.get(record.id) : undefined;
    if (!s) {
      const ctx: SummaryContext = { regions: this.regions, terms: this.terms, today };
      s = toSummary(record, ctx);
      if (indexed) this.summaries.set(record.id, s);
    }
    return s;
  }

  response(code: string, today: string): CachedResponse | undefined {
    this.forDay(today);
    const cached = this.responses.get(code);
    if (cached) return cached;
    const m = this.regions.municipality(code);
    const records = this.byMunicipality.get(code);
    if (!m || !records) return undefined;
    const ctx: SummaryContext = { regions: this.regions, terms: this.terms, today };
    const items = records.map((r) => {
      let tail = this.items.get(r.id);
      if (tail === undefined) {
        tail = JSON.stringify(toCoverageItem(r, ctx)).slice(1);
        this.items.set(r.id, tail);
      }
      return `{"covers_via":${JSON.stringify(coversVia(r, m))},${tail}`;
    });
    const entry = CachedResponse.fromJson(
      `{"municipality":${JSON.stringify(municipalityOut(m))},"services":[${items.join(',')}]}`,
    );
    this.responses.set(code, entry);
    return entry;
  }
}

/** The most specific of a service's areas that contains the municipality. */
export function coversVia(record: ServiceRecord, m: MunicipalityInfo): AreaType {
  const has = (type: AreaType, code: string) =>
    record.service_areas.some((a) => a.area_type === type && a.area_code === code);
  if (has('municipality', m.code)) return 'municipality';
  if (has('safety_region', m.safetyRegion.code)) return 'safety_region';
  if (has('police_unit', m.policeUnit.code)) return 'police_unit';
  return 'country';
}

export class CoverageIndex {
  private snapshot: Snapshot | undefined;
  private dirty = true;
  private running: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private lastPoll = 0;
  private polling = false;

  constructor(
    private readonly source: CoverageSource,
    private readonly options: CoverageOptions,
  ) {}

  /** Rebuilds from the database; resolves when an index that includes every change committed before the call is in use. */
  rebuild(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.running
      .catch(() => undefined)
      .then(async () => {
        this.queued = undefined;
        // Read the fingerprint first: a change made while loading shows up at the next poll.
        const version = await this.source.version();
        const [regions, taxonomies, terms, records] = await Promise.all([
          this.source.loadRegions(),
          this.source.loadTaxonomies(),
          this.source.loadTerms(),
          this.source.loadRecords(),
        ]);
        this.snapshot = new Snapshot(version, new RegionLookup(regions), taxonomies, terms, records);
        this.dirty = false;
        this.lastPoll = performance.now();
      });
    this.queued = next;
    this.running = next;
    return next;
  }

  /** Marks the index out of date: the next lookup rebuilds it first. */
  invalidate(): void {
    this.dirty = true;
  }

  /** Checks the directory fingerprint now and rebuilds when another server changed the data. */
  async checkForChanges(): Promise<boolean> {
    const version = await this.source.version();
    if (this.snapshot && version === this.snapshot.version) return false;
    await this.rebuild();
    return true;
  }

  private maybePoll() {
    const interval = this.options.pollIntervalMs ?? 0;
    if (interval <= 0 || this.polling || performance.now() - this.lastPoll < interval) return;
    this.polling = true;
    this.lastPoll = performance.now();
    this.checkForChanges()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.polling = false;
      });
  }

  /** The snapshot without waiting, when it is current (the steady state); undefined when it must be rebuilt. */
  private currentNow(): Snapshot | undefined {
    if (this.dirty || !this.snapshot) return undefined;
    this.maybePoll();
    return this.snapshot;
  }

  private async current(): Promise<Snapshot> {
    if (this.dirty || !this.snapshot) await this.rebuild();
    else this.maybePoll();
    return this.snapshot!;
  }

  async regions(): Promise<RegionLookup> {
    return (await this.current()).regions;
  }

  async terms(): Promise<Map<string, TaxonomyTerm>> {
    return (await this.current()).terms;
  }

  /** terms() without waiting, when the index is current; undefined when it must be rebuilt first. */
  termsNow(): Map<string, TaxonomyTerm> | undefined {
    return this.currentNow()?.terms;
  }

  async taxonomies(): Promise<Taxonomy[]> {
    return (await this.current()).taxonomies;
  }

  /** Every service (any status) as last indexed: for public pages, which may lag another server by seconds. */
  async record(id: string): Promise<ServiceRecord | undefined> {
    return (await this.current()).records.get(id);
  }

  async records(): Promise<ServiceRecord[]> {
    return [...(await this.current()).records.values()];
  }

  /** Active services covering the municipality; a 400 naming `municipality` when the code is unknown. */
  async servicesFor(code: string): Promise<ServiceRecord[]> {
    const snapshot = await this.current();
    const list = snapshot.byMunicipality.get(code);
    if (!list) throw unknownMunicipality(code);
    return list;
  }

  /** servicesFor without waiting, when the index is current; undefined when it must be rebuilt or the code is unknown. */
  servicesNow(code: string): ServiceRecord[] | undefined {
    return this.currentNow()?.byMunicipality.get(code);
  }

  /** The JSON body (and its ETag) of the coverage answer for one municipality, built once per day. */
  async responseFor(code: string): Promise<CachedResponse> {
    const snapshot = await this.current();
    const response = snapshot.response(code, this.options.today());
    if (!response) throw unknownMunicipality(code);
    return response;
  }

  /**
   * The same answer without waiting, when the index is current (the steady state): no promise on the API's hot
   * path. undefined when the index must be rebuilt first or the code is unknown; responseFor handles both.
   */
  responseNow(code: string): CachedResponse | undefined {
    return this.currentNow()?.response(code, this.options.today());
  }

  async summaryOf(record: ServiceRecord): Promise<ServiceSummary> {
    return (await this.current()).summary(record, this.options.today());
  }
}

export function unknownMunicipality(code: string) {
  return badRequest([
    { field: 'municipality', key: 'directory.errors.unknownMunicipality', params: { code } },
  ]);
}
