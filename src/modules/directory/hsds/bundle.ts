// What an import collects before it checks and writes anything: directory rows with the place each came from
// (file, CSV row, JSON path), built the same way from HSDS JSON and from the tabular CSV package.
import { LOCAL_TIMEZONE } from './render.js';
import {
  problemAt,
  type AddressRow,
  type AttributeRow,
  type CapacityRow,
  type ContactRow,
  type ImportProblem,
  type LanguageRow,
  type LocationRow,
  type OrganizationRow,
  type Origin,
  type PhoneRow,
  type ScheduleRow,
  type ServiceAreaRow,
  type ServiceAtLocationRow,
  type ServiceRow,
  type TableName,
  type Tables,
  type UnitRow,
  type UrlRow,
} from './model.js';
import type { AreaType } from '../../../db/schema.js';

export interface Entry<T> {
  row: T;
  origin: Origin;
  /** The id of the top-level record the row belongs to (for problem reports). */
  record: string;
}

export type EntryTables = { [K in TableName]: Entry<Tables[K][number]>[] };

export interface Bundle extends EntryTables {
  /** Taxonomy terms the import names (lists and nested term objects): they must exist. */
  termRefs: Entry<{ id: string }>[];
  /**
   * Child collections of organisations and locations this import replaces, as `organization:<id>:phone`. An
   * organisation or location given without a collection keeps what the database has; services always replace.
   */
  replaces: Set<string>;
  /** Ids of records that failed the schema: references to them are not reported again. */
  rejected: Set<string>;
  problems: ImportProblem[];
}

export function emptyBundle(): Bundle {
  return {
    organization: [],
    service: [],
    location: [],
    address: [],
    service_at_location: [],
    service_area: [],
    contact: [],
    phone: [],
    url: [],
    schedule: [],
    language: [],
    unit: [],
    service_capacity: [],
    attribute: [],
    termRefs: [],
    replaces: new Set(),
    rejected: new Set(),
    problems: [],
  };
}

export function problem(
  bundle: Bundle,
  origin: Origin,
  field: string,
  key: string,
  params?: Record<string, string | number>,
  record?: string,
) {
  bundle.problems.push(problemAt(origin, field, key, params, record));
}

/** "file:row" or "file: path", to point at the first of two clashing records. */
export function describeOrigin(origin: Origin): string {
  if (origin.row !== undefined) return `${origin.file}:${origin.row}`;
  return origin.path ? `${origin.file}: ${origin.path}` : origin.file;
}

type Values = Record<string, unknown>;

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** HH:MM:00 is stored as HH:MM. */
function time(v: unknown): string | null {
  const s = str(v);
  return s && s.length === 8 ? s.slice(0, 5) : s;
}

function iso(v: unknown): string | null {
  const s = str(v);
  return s ? new Date(s).toISOString() : null;
}

export type ParentTable =
  'service' | 'organization' | 'location' | 'contact' | 'phone' | 'service_at_location';

export interface Parent {
  table: ParentTable;
  id: string;
}

function parentColumn(parent: Parent, table: ParentTable): string | null {
  return parent.table === table ? parent.id : null;
}

export const AREA_TYPES: readonly AreaType[] = ['country', 'police_unit', 'safety_region', 'municipality'];
const AREA_PREFIX = 'urn:samen:area:';

export function areaUri(type: AreaType, code: string): string {
  return `${AREA_PREFIX}${type}:${code}`;
}

export function parseAreaUri(uri: string): { area_type: AreaType; area_code: string } | undefined {
  if (!uri.startsWith(AREA_PREFIX)) return undefined;
  const [type, code, ...rest] = uri.slice(AREA_PREFIX.length).split(':');
  if (!type || !code || rest.length || !(AREA_TYPES as readonly string[]).includes(type)) return undefined;
  return { area_type: type as AreaType, area_code: code };
}

export const build = {
  organization(v: Values): OrganizationRow {
    return {
      id: v.id as string,
      name: v.name as string,
      alternate_name: str(v.alternate_name),
      description: str(v.description) ?? '',
      email: str(v.email),
      website: str(v.website),
      legal_status: str(v.legal_status),
      year_incorporated: num(v.year_incorporated),
      uri: str(v.uri),
      parent_organization_id: str(v.parent_organization_id),
      is_sample: false,
    };
  },

  service(v: Values, organizationId: string): ServiceRow {
    return {
      id: v.id as string,
      organization_id: organizationId,
      name: v.name as string,
      alternate_name: str(v.alternate_name),
      description: str(v.description) ?? '',
      url: str(v.url),
      email: str(v.email),
      status: v.status as ServiceRow['status'],
      interpretation_services: str(v.interpretation_services),
      application_process: str(v.application_process),
      fees_description: str(v.fees_description),
      wait_time: str(v.wait_time),
      accreditations: str(v.accreditations),
      eligibility_description: str(v.eligibility_description),
      minimum_age: num(v.minimum_age),
      maximum_age: num(v.maximum_age),
      alert: str(v.alert),
      assured_date: str(v.assured_date),
      assurer_email: str(v.assurer_email),
      is_sample: false,
      assured_by: str(v.assured_by),
    };
  },

  location(v: Values): LocationRow {
    return {
      id: v.id as string,
      location_type: v.location_type as LocationRow['location_type'],
      url: str(v.url),
      organization_id: str(v.organization_id),
      name: str(v.name),
      alternate_name: str(v.alternate_name),
      description: str(v.description),
      transportation: str(v.transportation),
      latitude: num(v.latitude),
      longitude: num(v.longitude),
      external_identifier: str(v.external_identifier),
      external_identifier_type: str(v.external_identifier_type),
    };
  },

  address(v: Values, locationId: string): AddressRow {
    return {
      id: v.id as string,
      location_id: locationId,
      attention: str(v.attention),
      address_1: v.address_1 as string,
      address_2: str(v.address_2),
      city: v.city as string,
      region: str(v.region),
      state_province: v.state_province as string,
      postal_code: v.postal_code as string,
      country: v.country as string,
      address_type: v.address_type as AddressRow['address_type'],
    };
  },

  serviceAtLocation(v: Values, serviceId: string, locationId: string): ServiceAtLocationRow {
    return {
      id: v.id as string,
      service_id: serviceId,
      location_id: locationId,
      description: str(v.description),
    };
  },

  /** Undefined when the uri is not one of ours (reported by the caller). */
  serviceArea(v: Values, serviceId: string): ServiceAreaRow | undefined {
    const area = parseAreaUri(String(v.uri ?? ''));
    if (!area) return undefined;
    return {
      id: v.id as string,
      service_id: serviceId,
      name: str(v.name),
      description: str(v.description),
      extent: str(v.extent),
      extent_type: str(v.extent_type),
      uri: areaUri(area.area_type, area.area_code),
      ...area,
    };
  },

  contact(v: Values, parent: Parent): ContactRow {
    return {
      id: v.id as string,
      organization_id: parentColumn(parent, 'organization'),
      service_id: parentColumn(parent, 'service'),
      name: str(v.name),
      title: str(v.title),
      department: str(v.department),
      email: str(v.email),
    };
  },

  phone(v: Values, parent: Parent): PhoneRow {
    const extension = num(v.extension);
    return {
      id: v.id as string,
      organization_id: parentColumn(parent, 'organization'),
      service_id: parentColumn(parent, 'service'),
      location_id: parentColumn(parent, 'location'),
      contact_id: parentColumn(parent, 'contact'),
      number: v.number as string,
      extension: extension === null ? null : String(extension),
      type: str(v.type),
      channel: 'voice',
      description: str(v.description),
    };
  },

  url(v: Values, parent: Parent): UrlRow {
    return {
      id: v.id as string,
      organization_id: parentColumn(parent, 'organization'),
      service_id: parentColumn(parent, 'service'),
      label: str(v.label),
      url: v.url as string,
      channel: 'website',
    };
  },

  schedule(v: Values, parent: Parent): ScheduleRow {
    const tz = v.timezone;
    return {
      id: v.id as string,
      service_id: parentColumn(parent, 'service'),
      location_id: parentColumn(parent, 'location'),
      service_at_location_id: parentColumn(parent, 'service_at_location'),
      valid_from: str(v.valid_from),
      valid_to: str(v.valid_to),
      dtstart: str(v.dtstart),
      // Without a UTC offset the times are ours: local Dutch time.
      timezone: typeof tz === 'number' ? String(tz) : (str(tz) ?? LOCAL_TIMEZONE),
      until: str(v.until),
      count: num(v.count),
      wkst: str(v.wkst),
      freq: str(v.freq) as ScheduleRow['freq'],
      interval: num(v.interval),
      byday: str(v.byday),
      byweekno: str(v.byweekno),
      bymonthday: str(v.bymonthday),
      byyearday: str(v.byyearday),
      description: str(v.description),
      opens_at: time(v.opens_at),
      closes_at: time(v.closes_at),
      schedule_link: str(v.schedule_link),
      attending_type: str(v.attending_type),
      notes: str(v.notes),
    };
  },

  language(v: Values, parent: Parent): LanguageRow {
    return {
      id: v.id as string,
      service_id: parentColumn(parent, 'service'),
      location_id: parentColumn(parent, 'location'),
      phone_id: parentColumn(parent, 'phone'),
      name: str(v.name),
      code: str(v.code),
      note: str(v.note),
    };
  },

  unit(v: Values): UnitRow {
    return {
      id: v.id as string,
      name: v.name as string,
      scheme: str(v.scheme),
      identifier: str(v.identifier),
      uri: str(v.uri),
    };
  },

  capacity(v: Values, serviceId: string, unitId: string): CapacityRow {
    return {
      id: v.id as string,
      service_id: serviceId,
      unit_id: unitId,
      available: v.available as number,
      maximum: num(v.maximum),
      description: str(v.description),
      updated: iso(v.updated) ?? '',
    };
  },

  attribute(v: Values, linkEntity: string, linkId: string): AttributeRow {
    return {
      id: v.id as string,
      link_id: linkId,
      link_type: str(v.link_type),
      link_entity: linkEntity,
      taxonomy_term_id: v.taxonomy_term_id as string,
      value: str(v.value),
      label: str(v.label),
    };
  },
};

/** Every `id` in a value that failed the schema, so that references to it are not reported twice. */
export function collectIds(value: unknown, into: Set<string>, depth = 0): void {
  // HSDS nests a few levels deep; deeper is not HSDS and not worth a stack overflow.
  if (depth > 32) return;
  if (Array.isArray(value)) value.forEach((v) => collectIds(v, into, depth + 1));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && typeof v === 'string') into.add(v);
      else collectIds(v, into, depth + 1);
    }
  }
}

/** Whether an HSDS value carries data (unsupported fields must not). */
export function hasData(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** JSON with sorted keys, to compare two occurrences of the same record. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}
