// Directory rows -> HSDS 3.1 JSON: a service with its nested objects (compiled/service_with_definitions.json),
// list items with one-to-one fields only (compiled/service_list.json, organization_list.json) and taxonomy
// terms. What is ours becomes HSDS: phone/url channels and the sample flag become attributes with a taxonomy
// term, coverage is the service_area uri. Null fields are left out (HSDS types them as plain strings).
import { stableId } from '../ids.js';
import { OBJECTS, type HsdsObjectName } from './fields.js';
import {
  specialTerms,
  type AttributeRow,
  type HistoryRow,
  type PhoneRow,
  type ScheduleRow,
  type Snapshot,
  type SpecialTerms,
  type UrlRow,
} from './model.js';

export type Json = Record<string, unknown>;

/** Samen's schedule times are local Dutch time; this is the stored default, left out of HSDS (a UTC offset there). */
export const LOCAL_TIMEZONE = 'Europe/Amsterdam';

function group<T>(rows: readonly T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

/** The supported scalar fields of `object`, in HSDS order, without nulls and HSDS-typed. */
function scalars(object: HsdsObjectName, row: object, extra: Json = {}): Json {
  const values = { ...(row as Json), ...extra };
  const out: Json = {};
  for (const field of OBJECTS[object].fields) {
    if (field.kind === 'unsupported') continue;
    const value = values[field.name];
    if (value === null || value === undefined) continue;
    if (value === '' && field.name !== 'description') continue;
    out[field.name] = value;
  }
  return out;
}

/** An attribute for one of our columns (channel, sample flag), with a stable id so exports are repeatable. */
function syntheticAttribute(entity: string, linkId: string, termId: string): AttributeRow {
  return {
    id: stableId(`attribute:${entity}:${linkId}:${termId}`),
    link_id: linkId,
    link_type: entity,
    link_entity: entity,
    taxonomy_term_id: termId,
    value: null,
    label: null,
  };
}

function numeric(value: string | null): number | null {
  if (value === null || !/^-?\d+(\.\d+)?$/.test(value)) return null;
  return Number(value);
}

export class HsdsRenderer {
  private readonly special: SpecialTerms;
  private readonly phonesBy: { [owner: string]: Map<string, PhoneRow[]> };
  private readonly urlsBy: { [owner: string]: Map<string, UrlRow[]> };
  private readonly contactsBy: { [owner: string]: Map<string, Snapshot['contact']> };
  private readonly schedulesBy: { [owner: string]: Map<string, ScheduleRow[]> };
  private readonly languagesBy: { [owner: string]: Map<string, Snapshot['language']> };
  private readonly attributesBy: Map<string, AttributeRow[]>;
  private readonly salsBy: Map<string, Snapshot['service_at_location']>;
  private readonly areasBy: Map<string, Snapshot['service_area']>;
  private readonly capacitiesBy: Map<string, Snapshot['service_capacity']>;
  private readonly addressesBy: Map<string, Snapshot['address']>;
  private readonly organizations: Map<string, Snapshot['organization'][number]>;
  private readonly locations: Map<string, Snapshot['location'][number]>;
  private readonly units: Map<string, Snapshot['unit'][number]>;
  readonly services: Map<string, Snapshot['service'][number]>;

  constructor(
    private readonly snapshot: Snapshot,
    private readonly options: { history?: boolean } = {},
  ) {
    const s = snapshot;
    this.special = specialTerms(s.terms.values());
    // Each child row belongs to its most specific parent.
    this.phonesBy = {
      contact: group(s.phone, (p) => p.contact_id),
      service: group(s.phone, (p) => (p.contact_id ? null : p.service_id)),
      location: group(s.phone, (p) => (p.contact_id || p.service_id ? null : p.location_id)),
      organization: group(s.phone, (p) =>
        p.contact_id || p.service_id || p.location_id ? null : p.organization_id,
      ),
    };
    this.urlsBy = {
      service: group(s.url, (u) => u.service_id),
      organization: group(s.url, (u) => (u.service_id ? null : u.organization_id)),
    };
    this.contactsBy = {
      service: group(s.contact, (c) => c.service_id),
      organization: group(s.contact, (c) => (c.service_id ? null : c.organization_id)),
    };
    this.schedulesBy = {
      service_at_location: group(s.schedule, (x) => x.service_at_location_id),
      service: group(s.schedule, (x) => (x.service_at_location_id ? null : x.service_id)),
      location: group(s.schedule, (x) => (x.service_at_location_id || x.service_id ? null : x.location_id)),
    };
    this.languagesBy = {
      phone: group(s.language, (l) => l.phone_id),
      service: group(s.language, (l) => (l.phone_id ? null : l.service_id)),
      location: group(s.language, (l) => (l.phone_id || l.service_id ? null : l.location_id)),
    };
    this.attributesBy = group(s.attribute, (a) => `${a.link_entity}:${a.link_id}`);
    this.salsBy = group(s.service_at_location, (x) => x.service_id);
    this.areasBy = group(s.service_area, (x) => x.service_id);
    this.capacitiesBy = group(s.service_capacity, (x) => x.service_id);
    this.addressesBy = group(s.address, (x) => x.location_id);
    this.organizations = new Map(s.organization.map((o) => [o.id, o]));
    this.locations = new Map(s.location.map((l) => [l.id, l]));
    this.units = new Map(s.unit.map((u) => [u.id, u]));
    this.services = new Map(s.service.map((x) => [x.id, x]));
  }

  /** What the database keeps beside a service row and the feed shows: last_modified and the provenance. */
  private bookkeeping(id: string): Json {
    const extra: Json = {};
    const modified = this.snapshot.lastModified.get(id);
    if (modified) extra.last_modified = modified;
    const provenance = this.snapshot.provenance?.get(id);
    if (provenance) Object.assign(extra, provenance);
    return extra;
  }

  /** One service with everything nested (HSDS compiled/service_with_definitions.json). */
  service(id: string, options: { organization?: boolean } = {}): Json | undefined {
    const row = this.services.get(id);
    if (!row) return undefined;
    const json: Json = {
      ...scalars('service', row, this.bookkeeping(id)),
      additional_urls: (this.urlsBy.service!.get(id) ?? []).map((u) => this.url(u)),
      phones: (this.phonesBy.service!.get(id) ?? []).map((p) => this.phone(p)),
      schedules: (this.schedulesBy.service!.get(id) ?? []).map((x) => this.schedule(x)),
      service_areas: (this.areasBy.get(id) ?? []).map((a) => scalars('service_area', a)),
      service_at_locations: (this.salsBy.get(id) ?? []).map((sal) => ({
        ...scalars('service_at_location', sal),
        schedules: (this.schedulesBy.service_at_location!.get(sal.id) ?? []).map((x) => this.schedule(x)),
        ...(this.locations.has(sal.location_id) ? { location: this.location(sal.location_id) } : {}),
      })),
      languages: (this.languagesBy.service!.get(id) ?? []).map((l) => scalars('language', l)),
      contacts: (this.contactsBy.service!.get(id) ?? []).map((c) => this.contact(c)),
      capacities: (this.capacitiesBy.get(id) ?? []).map((c) => {
        const unit = this.units.get(c.unit_id);
        return { ...scalars('service_capacity', c), ...(unit ? { unit: scalars('unit', unit) } : {}) };
      }),
      attributes: this.attributes('service', id, row.is_sample),
    };
    if (options.organization !== false && this.organizations.has(row.organization_id)) {
      json.organization = this.organization(row.organization_id);
    }
    if (this.options.history) json.metadata = this.history(id);
    return json;
  }

  /** A service list item: its one-to-one fields and its organisation's (HSDS compiled/service_list.json). */
  serviceListItem(id: string): Json | undefined {
    const row = this.services.get(id);
    if (!row) return undefined;
    const org = this.organizations.get(row.organization_id);
    return {
      ...scalars('service', row, this.bookkeeping(id)),
      ...(org ? { organization: this.organizationListItem(org.id) } : {}),
    };
  }

  /** A service_at_location list item (HSDS compiled/service_at_location_list.json): its location and service. */
  serviceAtLocationListItem(id: string): Json | undefined {
    const sal = this.salById().get(id);
    if (!sal) return undefined;
    const location = this.locations.get(sal.location_id);
    const service = this.serviceListItem(sal.service_id);
    return {
      ...scalars('service_at_location', sal),
      ...(location ? { location: scalars('location', location) } : {}),
      ...(service ? { service } : {}),
    };
  }

  /** One service_at_location fully nested (HSDS service_at_location.json), with its service's list fields. */
  serviceAtLocation(id: string): Json | undefined {
    const sal = this.salById().get(id);
    if (!sal) return undefined;
    const service = this.serviceListItem(sal.service_id);
    return {
      ...scalars('service_at_location', sal),
      schedules: (this.schedulesBy.service_at_location!.get(sal.id) ?? []).map((x) => this.schedule(x)),
      ...(this.locations.has(sal.location_id) ? { location: this.location(sal.location_id) } : {}),
      ...(service ? { service } : {}),
    };
  }

  private salIndex: Map<string, Snapshot['service_at_location'][number]> | undefined;

  private salById(): Map<string, Snapshot['service_at_location'][number]> {
    this.salIndex ??= new Map(this.snapshot.service_at_location.map((x) => [x.id, x]));
    return this.salIndex;
  }

  organizationListItem(id: string): Json | undefined {
    const row = this.organizations.get(id);
    return row ? scalars('organization', row) : undefined;
  }

  organization(id: string): Json | undefined {
    const row = this.organizations.get(id);
    if (!row) return undefined;
    return {
      ...scalars('organization', row),
      additional_websites: (this.urlsBy.organization!.get(id) ?? []).map((u) => this.url(u)),
      contacts: (this.contactsBy.organization!.get(id) ?? []).map((c) => this.contact(c)),
      phones: (this.phonesBy.organization!.get(id) ?? []).map((p) => this.phone(p)),
      attributes: this.attributes('organization', id, row.is_sample),
      ...(this.options.history ? { metadata: this.history(id) } : {}),
    };
  }

  location(id: string): Json | undefined {
    const row = this.locations.get(id);
    if (!row) return undefined;
    return {
      ...scalars('location', row),
      languages: (this.languagesBy.location!.get(id) ?? []).map((l) => scalars('language', l)),
      addresses: (this.addressesBy.get(id) ?? []).map((a) => scalars('address', a)),
      phones: (this.phonesBy.location!.get(id) ?? []).map((p) => this.phone(p)),
      schedules: (this.schedulesBy.location!.get(id) ?? []).map((x) => this.schedule(x)),
    };
  }

  term(id: string, options: { detail?: boolean } = {}): Json | undefined {
    const t = this.snapshot.terms.get(id);
    if (!t) return undefined;
    const taxonomy = t.taxonomy_id ? this.snapshot.taxonomies.get(t.taxonomy_id) : undefined;
    return {
      ...scalars('taxonomy_term', t),
      ...(options.detail !== false && taxonomy ? { taxonomy_detail: scalars('taxonomy', taxonomy) } : {}),
    };
  }

  taxonomy(id: string): Json | undefined {
    const t = this.snapshot.taxonomies.get(id);
    return t ? scalars('taxonomy', t) : undefined;
  }

  /** The stored attribute rows of a record plus the ones for our own columns, as HSDS renders them. */
  attributeRows(entity: 'service' | 'organization', id: string, isSample: boolean): AttributeRow[] {
    const rows = [...(this.attributesBy.get(`${entity}:${id}`) ?? [])];
    if (isSample && this.special.sample && !rows.some((a) => a.taxonomy_term_id === this.special.sample)) {
      rows.push(syntheticAttribute(entity, id, this.special.sample));
    }
    return rows;
  }

  channelAttribute(entity: 'phone' | 'url', row: PhoneRow | UrlRow): AttributeRow | undefined {
    const channels = entity === 'phone' ? this.special.phoneChannels : this.special.urlChannels;
    for (const [termId, channel] of channels as Map<string, string>) {
      if (channel === row.channel) return syntheticAttribute(entity, row.id, termId);
    }
    return undefined;
  }

  private attributes(entity: 'service' | 'organization', id: string, isSample: boolean): Json[] {
    return this.attributeRows(entity, id, isSample).map((a) => this.attribute(a));
  }

  private attribute(a: AttributeRow): Json {
    const term = this.term(a.taxonomy_term_id);
    return { ...scalars('attribute', a), ...(term ? { taxonomy_term: term } : {}) };
  }

  private phone(p: PhoneRow): Json {
    const channel = this.channelAttribute('phone', p);
    return {
      ...scalars('phone', p, { extension: numeric(p.extension) }),
      languages: (this.languagesBy.phone!.get(p.id) ?? []).map((l) => scalars('language', l)),
      attributes: channel ? [this.attribute(channel)] : [],
    };
  }

  private url(u: UrlRow): Json {
    const channel = this.channelAttribute('url', u);
    return { ...scalars('url', u), attributes: channel ? [this.attribute(channel)] : [] };
  }

  private contact(c: Snapshot['contact'][number]): Json {
    return {
      ...scalars('contact', c),
      phones: (this.phonesBy.contact!.get(c.id) ?? []).map((p) => this.phone(p)),
    };
  }

  private schedule(x: ScheduleRow): Json {
    return scalars('schedule', x, { timezone: numeric(x.timezone) });
  }

  private history(id: string): Json[] {
    return (this.snapshot.history.get(id) ?? []).map((h: HistoryRow) => ({ ...h }));
  }
}
