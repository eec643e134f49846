// The JSON shapes of the API, built from ServiceRecords. Names of areas come from the region tables and term
// labels from the taxonomy, both in memory, so building a summary needs no query.
import { isStale } from './dates.js';
import type { RegionLookup } from './regions.js';
import type { MunicipalityInfo } from './regions.js';
import type { CoverageItem, MunicipalityOut, ServiceDetail, ServiceSummary } from './schemas.js';
import { TAXONOMY_CODES, type Schedule, type ServiceRecord, type TaxonomyTerm } from './types.js';

export const ALL_DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export function days(byday: string | null): string[] {
  if (!byday) return [...ALL_DAYS];
  return byday
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .filter((d) => (ALL_DAYS as readonly string[]).includes(d));
}

/** Open all day (00:00 to 23:59 or 24:00) on every day of the week. */
export function isAlwaysOpen(schedules: readonly Schedule[]): boolean {
  const covered = new Set<string>();
  for (const s of schedules) {
    if (
      s.opens_at !== '00:00' ||
      (s.closes_at !== '23:59' && s.closes_at !== '24:00' && s.closes_at !== '00:00')
    ) {
      continue;
    }
    for (const d of days(s.byday)) covered.add(d);
  }
  return covered.size === ALL_DAYS.length;
}

export interface SummaryContext {
  regions: RegionLookup;
  terms: Map<string, TaxonomyTerm>;
  today: string;
}

export function municipalityOut(m: MunicipalityInfo): MunicipalityOut {
  return {
    code: m.code,
    name: m.name,
    province: m.province,
    safety_region: { code: m.safetyRegion.code, name: m.safetyRegion.name },
    police_unit: { code: m.policeUnit.code, name: m.policeUnit.name },
  };
}

const scheduleOut = (s: Schedule) => ({
  byday: s.byday,
  opens_at: s.opens_at,
  closes_at: s.closes_at,
  description: s.description,
});

export function toSummary(r: ServiceRecord, ctx: SummaryContext): ServiceSummary {
  return {
    id: r.id,
    name: r.name,
    alternate_name: r.alternate_name,
    description: r.description,
    status: r.status,
    organization: { id: r.organization.id, name: r.organization.name },
    url: r.url,
    email: r.email,
    phones: r.phones.map((p) => ({ number: p.number, channel: p.channel, description: p.description })),
    urls: r.urls.map((u) => ({ url: u.url, channel: u.channel, label: u.label })),
    schedules: r.schedules.map(scheduleOut),
    open_24_7: isAlwaysOpen(r.schedules),
    terms: termCodes(r.taxonomy_term_ids, ctx.terms),
    service_areas: r.service_areas.map((a) => ({
      area_type: a.area_type,
      area_code: a.area_code,
      name: ctx.regions.areaName(a.area_type, a.area_code) ?? a.name ?? a.area_code,
    })),
    languages: r.languages.map((l) => l.code),
    minimum_age: r.minimum_age,
    maximum_age: r.maximum_age,
    assured_date: r.assured_date,
    stale: isStale(r.assured_date, ctx.today),
    is_sample: r.is_sample,
    last_modified: r.last_modified,
  };
}

/** A coverage item without `covers_via` (which depends on the municipality asked about). */
export function toCoverageItem(r: ServiceRecord, ctx: SummaryContext): Omit<CoverageItem, 'covers_via'> {
  return {
    id: r.id,
    name: r.name,
    organization: { id: r.organization.id, name: r.organization.name },
    url: r.url,
    email: r.email,
    phones: r.phones.map((p) => ({ number: p.number, channel: p.channel, description: p.description })),
    urls: r.urls.map((u) => ({ url: u.url, channel: u.channel, label: u.label })),
    schedules: r.schedules.map(scheduleOut),
    open_24_7: isAlwaysOpen(r.schedules),
    terms: termCodes(r.taxonomy_term_ids, ctx.terms),
    languages: r.languages.map((l) => l.code),
    minimum_age: r.minimum_age,
    maximum_age: r.maximum_age,
    assured_date: r.assured_date,
    stale: isStale(r.assured_date, ctx.today),
    is_sample: r.is_sample,
  };
}

/** Term codes grouped by taxonomy, in taxonomy order, each list sorted. */
export function termCodes(ids: readonly string[], terms: Map<string, TaxonomyTerm>): ServiceSummary['terms'] {
  const grouped: Record<string, string[]> = {};
  for (const taxonomy of TAXONOMY_CODES) {
    const list = ids.flatMap((id) => {
      const t = terms.get(id);
      return t && t.taxonomy === taxonomy ? [t.code] : [];
    });
    if (list.length) grouped[taxonomy] = list.sort();
  }
  return grouped;
}

export function toDetail(r: ServiceRecord, ctx: SummaryContext): ServiceDetail {
  return {
    ...toSummary(r, ctx),
    taxonomy_terms: r.taxonomy_term_ids.flatMap((id) => {
      const t = ctx.terms.get(id);
      return t ? [{ id: t.id, taxonomy: t.taxonomy, code: t.code, name: t.name_nl, name_en: t.name_en }] : [];
    }),
    version: r.version,
    eligibility_description: r.eligibility_description,
    fees_description: r.fees_description,
    application_process: r.application_process,
    interpretation_services: r.interpretation_services,
    wait_time: r.wait_time,
    alert: r.alert,
    locations: r.locations.map((l) => ({
      name: l.name,
      description: l.description,
      addresses: l.addresses.map((a) => ({
        address_1: a.address_1,
        address_2: a.address_2,
        postal_code: a.postal_code,
        city: a.city,
        country: a.country,
      })),
      schedules: l.schedules.map(scheduleOut),
    })),
    capacities: r.capacities.map((c) => ({
      unit: c.unit_name,
      available: c.available,
      maximum: c.maximum,
      updated: c.updated,
    })),
  };
}
