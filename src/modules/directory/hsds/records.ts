// Service records (the directory's domain type, as the public pages show them) -> directory rows, so the HSDS
// API renders the published directory from memory with the same renderer the file exports use. Also the
// round-trip equality of service records: the same data, whatever the bookkeeping (version, last_modified).
import { stableId } from '../ids.js';
import type { ServiceRecord, TaxonomyTerm } from '../types.js';
import { areaUri } from './bundle.js';
import {
  emptyTables,
  type ServiceProvenance,
  type Snapshot,
  type TaxonomyInfo,
  type TermInfo,
} from './model.js';

/** A term as HSDS shows it; with its taxonomy's id when the taxonomies are given (the API gives them). */
export function termInfo(term: TaxonomyTerm, taxonomyIds?: ReadonlyMap<string, string>): TermInfo {
  return {
    id: term.id,
    code: term.code,
    name: term.name_nl,
    description: term.name_en,
    parent_id: term.parent_id,
    taxonomy: term.taxonomy,
    taxonomy_id: taxonomyIds?.get(term.taxonomy) ?? null,
    language: 'nl',
    term_uri: `urn:samen:taxonomy:${term.taxonomy}:${term.code}`,
  };
}

type Tables = ReturnType<typeof emptyTables>;

function scheduleRow(
  s: ServiceRecord['schedules'][number],
  parent: { service_id: string | null; service_at_location_id: string | null },
) {
  return {
    id: s.id,
    location_id: null,
    ...parent,
    valid_from: s.valid_from,
    valid_to: s.valid_to,
    dtstart: null,
    timezone: s.timezone,
    until: null,
    count: null,
    wkst: null,
    freq: s.freq,
    interval: null,
    byday: s.byday,
    byweekno: null,
    bymonthday: null,
    byyearday: null,
    description: s.description,
    opens_at: s.opens_at,
    closes_at: s.closes_at,
    schedule_link: null,
    attending_type: null,
    notes: null,
  };
}

/** An organisation's row, once however many of its services are listed. */
function addOrganization(t: Tables, r: ServiceRecord): void {
  const o = r.organization;
  t.organization.push({
    id: o.id,
    name: o.name,
    alternate_name: o.alternate_name,
    description: o.description,
    email: o.email,
    website: o.website,
    legal_status: o.legal_status,
    year_incorporated: o.year_incorporated ?? null,
    uri: o.uri,
    parent_organization_id: o.parent_organization_id,
    is_sample: o.is_sample,
  });
}

function addService(t: Tables, r: ServiceRecord): void {
  t.service.push({
    id: r.id,
    organization_id: r.organization_id,
    name: r.name,
    alternate_name: r.alternate_name,
    description: r.description,
    url: r.url,
    email: r.email,
    status: r.status,
    interpretation_services: r.interpretation_services,
    application_process: r.application_process,
    fees_description: r.fees_description,
    wait_time: r.wait_time,
    accreditations: r.accreditations,
    eligibility_description: r.eligibility_description,
    minimum_age: r.minimum_age,
    maximum_age: r.maximum_age,
    alert: r.alert,
    assured_date: r.assured_date,
    assurer_email: r.assurer_email,
    is_sample: r.is_sample,
    assured_by: r.assured_by,
  });
}

/** Phones with the languages spoken on them, and the service's web addresses. */
function addPhonesAndUrls(t: Tables, r: ServiceRecord): void {
  const sid = r.id;
  const none = { organization_id: null, service_id: null, location_id: null, contact_id: null };
  for (const p of r.phones) {
    t.phone.push({
      ...none,
      id: p.id,
      service_id: sid,
      number: p.number,
      extension: p.extension,
      type: p.type,
      channel: p.channel,
      description: p.description,
    });
    for (const code of p.languages) {
      t.language.push({
        id: stableId(`phone-language:${p.id}:${code}`),
        service_id: null,
        location_id: null,
        phone_id: p.id,
        name: null,
        code,
        note: null,
      });
    }
  }
  for (const u of r.urls)
    t.url.push({
      id: u.id,
      organization_id: null,
      service_id: sid,
      label: u.label,
      url: u.url,
      channel: u.channel,
    });
}

/** The service's opening hours and its places; `seen` holds the locations already listed by earlier services. */
function addSchedulesAndLocations(t: Tables, r: ServiceRecord, seen: Set<string>): void {
  const sid = r.id;
  for (const s of r.schedules)
    t.schedule.push(scheduleRow(s, { service_id: sid, service_at_location_id: null }));
  for (const l of r.locations) {
    t.service_at_location.push({
      id: l.id,
      service_id: sid,
      location_id: l.location_id,
      description: l.description,
    });
    // A place several services (or places of one service) share is one location with its addresses once:
    // listed again, a follower would read its address ids twice.
    if (seen.has(l.location_id)) {
      for (const s of l.schedules)
        t.schedule.push(scheduleRow(s, { service_id: null, service_at_location_id: l.id }));
      continue;
    }
    seen.add(l.location_id);
    t.location.push({
      id: l.location_id,
      location_type: l.location_type,
      url: null,
      organization_id: null,
      name: l.name,
      alternate_name: null,
      description: null,
      transportation: null,
      latitude: l.latitude,
      longitude: l.longitude,
      external_identifier: null,
      external_identifier_type: null,
    });
    for (const a of l.addresses) t.address.push({ ...a, location_id: l.location_id, attention: null });
    for (const s of l.schedules)
      t.schedule.push(scheduleRow(s, { service_id: null, service_at_location_id: l.id }));
  }
}

/** Areas served, languages, capacities, contacts and the taxonomy terms the service is tagged with. */
function addServiceDetails(t: Tables, r: ServiceRecord): void {
  const sid = r.id;
  for (const a of r.service_areas) {
    t.service_area.push({
      id: a.id,
      service_id: sid,
      name: a.name,
      description: a.description,
      extent: null,
      extent_type: null,
      uri: areaUri(a.area_type, a.area_code),
      area_type: a.area_type,
      area_code: a.area_code,
    });
  }
  for (const l of r.languages)
    t.language.push({
      id: l.id,
      service_id: sid,
      location_id: null,
      phone_id: null,
      name: l.name,
      code: l.code,
      note: l.note,
    });
  for (const c of r.capacities) {
    t.service_capacity.push({
      id: c.id,
      service_id: sid,
      unit_id: c.unit_id,
      available: c.available,
      maximum: c.maximum,
      description: c.description,
      updated: c.updated,
    });
    if (!t.unit.some((u) => u.id === c.unit_id))
      t.unit.push({ id: c.unit_id, name: c.unit_name, scheme: null, identifier: null, uri: null });
  }
  for (const c of r.contacts)
    t.contact.push({
      id: c.id,
      organization_id: null,
      service_id: sid,
      name: c.name,
      title: c.title,
      department: c.department,
      email: c.email,
    });
  for (const termId of r.taxonomy_term_ids) {
    t.attribute.push({
      id: stableId(`attribute:service:${sid}:${termId}`),
      link_id: sid,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: termId,
      value: null,
      label: null,
    });
  }
}

export function snapshotFromRecords(
  records: readonly ServiceRecord[],
  terms: readonly TaxonomyTerm[],
  taxonomies: readonly TaxonomyInfo[] = [],
): Snapshot {
  const taxonomyIds = new Map(taxonomies.map((x) => [x.code, x.id]));
  const t = emptyTables();
  const lastModified = new Map<string, string>();
  const provenance = new Map<string, ServiceProvenance>();
  const orgs = new Set<string>();
  const locations = new Set<string>();
  for (const r of records) {
    lastModified.set(r.id, r.last_modified);
    provenance.set(r.id, {
      source_type: r.source_type,
      source_name: r.source_name,
      source_imported_at: r.source_imported_at,
    });
    if (!orgs.has(r.organization_id)) {
      orgs.add(r.organization_id);
      addOrganization(t, r);
    }
    addService(t, r);
    addPhonesAndUrls(t, r);
    addSchedulesAndLocations(t, r, locations);
    addServiceDetails(t, r);
  }
  return {
    ...t,
    lastModified,
    provenance,
    terms: new Map(terms.map((term) => [term.id, termInfo(term, taxonomyIds)])),
    taxonomies: new Map(taxonomies.map((x) => [x.id, x])),
    history: new Map(),
  };
}

/**
 * A record without its bookkeeping (version, last_modified, and where it came from: the same data imported
 * elsewhere has another source), lists in id order: two records are the same data when these are equal.
 */
export function comparableRecord(record: ServiceRecord): unknown {
  const {
    version: _version,
    last_modified: _lastModified,
    source_type: _sourceType,
    source_name: _sourceName,
    source_imported_at: _importedAt,
    ...rest
  } = record;
  const byId = <T extends { id: string }>(list: readonly T[]) =>
    [...list].sort((a, b) => a.id.localeCompare(b.id));
  return {
    ...rest,
    organization: { ...rest.organization, year_incorporated: rest.organization.year_incorporated ?? null },
    phones: byId(rest.phones).map((p) => ({ ...p, languages: [...p.languages].sort() })),
    urls: byId(rest.urls),
    schedules: byId(rest.schedules),
    locations: byId(rest.locations).map((l) => ({
      ...l,
      addresses: byId(l.addresses),
      schedules: byId(l.schedules),
    })),
    service_areas: byId(rest.service_areas),
    languages: byId(rest.languages),
    capacities: byId(rest.capacities),
    contacts: byId(rest.contacts),
    taxonomy_term_ids: [...rest.taxonomy_term_ids].sort(),
  };
}

/** Whether two lists of service records hold the same data (order of records and of their lists aside). */
export function sameServiceRecords(a: readonly ServiceRecord[], b: readonly ServiceRecord[]): boolean {
  const key = (list: readonly ServiceRecord[]) =>
    JSON.stringify([...list].sort((x, y) => x.id.localeCompare(y.id)).map(comparableRecord));
  return key(a) === key(b);
}
