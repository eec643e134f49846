// The tabular shape both directions pass through: one array of rows per directory table, with exactly the
// columns the database stores (ours included: is_sample, channel, area_type/area_code). An import turns HSDS JSON
// or CSV into this, checks it and writes it; an export reads it from the database (or builds it from published
// service records) and renders HSDS JSON or CSV from it. Timestamps are ISO strings, dates YYYY-MM-DD.
import type {
  AreaType,
  PhoneChannel,
  ServiceSourceType,
  ServiceStatus,
  UrlChannel,
} from '../../../db/schema.js';

export type OrganizationRow = {
  id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  year_incorporated: number | null;
  uri: string | null;
  parent_organization_id: string | null;
  is_sample: boolean;
};

export type ServiceRow = {
  id: string;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  url: string | null;
  email: string | null;
  status: ServiceStatus;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  wait_time: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  alert: string | null;
  assured_date: string | null;
  assurer_email: string | null;
  is_sample: boolean;
  /** Who verified it, as an organisation or role (never a person). */
  assured_by: string | null;
};

/**
 * Where a stored service came from (bookkeeping beside the row, not compared: an import that changes nothing
 * leaves it as it was; one that changes the record sets its own file or feed and the time).
 */
export interface ServiceProvenance {
  source_type: ServiceSourceType;
  source_name: string | null;
  /** ISO date-time. */
  source_imported_at: string | null;
}

/** Bookkeeping the database keeps beside a service row (exported, never imported). */
export interface ServiceBookkeeping {
  last_modified: string;
}

export type LocationRow = {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  url: string | null;
  organization_id: string | null;
  name: string | null;
  alternate_name: string | null;
  description: string | null;
  transportation: string | null;
  latitude: number | null;
  longitude: number | null;
  external_identifier: string | null;
  external_identifier_type: string | null;
};

export type AddressRow = {
  id: string;
  location_id: string;
  attention: string | null;
  address_1: string;
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
};

export type ServiceAtLocationRow = {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
};

export type ServiceAreaRow = {
  id: string;
  service_id: string;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  area_type: AreaType;
  area_code: string;
};

export type ContactRow = {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
};

export type PhoneRow = {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  number: string;
  extension: string | null;
  type: string | null;
  channel: PhoneChannel;
  description: string | null;
};

export type UrlRow = {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  label: string | null;
  url: string;
  channel: UrlChannel;
};

export type ScheduleRow = {
  id: string;
  service_id: string | null;
  location_id: string | null;
  service_at_location_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  dtstart: string | null;
  timezone: string | null;
  until: string | null;
  count: number | null;
  wkst: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  interval: number | null;
  byday: string | null;
  byweekno: string | null;
  bymonthday: string | null;
  byyearday: string | null;
  description: string | null;
  opens_at: string | null;
  closes_at: string | null;
  schedule_link: string | null;
  attending_type: string | null;
  notes: string | null;
};

export type LanguageRow = {
  id: string;
  service_id: string | null;
  location_id: string | null;
  phone_id: string | null;
  name: string | null;
  code: string | null;
  note: string | null;
};

export type UnitRow = {
  id: string;
  name: string;
  scheme: string | null;
  identifier: string | null;
  uri: string | null;
};

export type CapacityRow = {
  id: string;
  service_id: string;
  unit_id: string;
  available: number;
  maximum: number | null;
  description: string | null;
  updated: string;
};

export type AttributeRow = {
  id: string;
  link_id: string;
  link_type: string | null;
  link_entity: string;
  taxonomy_term_id: string;
  value: string | null;
  label: string | null;
};

export type HistoryRow = {
  id: string;
  resource_id: string;
  resource_type: string;
  last_action_date: string;
  last_action_type: string;
  field_name: string;
  previous_value: string;
  replacement_value: string;
  updated_by: string;
};

/** A taxonomy term with what HSDS shows of it. */
export type TermInfo = {
  id: string;
  code: string;
  name: string;
  description: string;
  parent_id: string | null;
  /** The taxonomy's code (exploitation_form, need, ..., contact_channel, record_status). */
  taxonomy: string;
  taxonomy_id: string | null;
  language: string | null;
  term_uri: string | null;
};

export type TaxonomyInfo = {
  id: string;
  code: string;
  name: string;
  description: string;
  uri: string | null;
  version: string | null;
};

/** Directory rows, table by table. */
export interface Tables {
  organization: OrganizationRow[];
  service: ServiceRow[];
  location: LocationRow[];
  address: AddressRow[];
  service_at_location: ServiceAtLocationRow[];
  service_area: ServiceAreaRow[];
  contact: ContactRow[];
  phone: PhoneRow[];
  url: UrlRow[];
  schedule: ScheduleRow[];
  language: LanguageRow[];
  unit: UnitRow[];
  service_capacity: CapacityRow[];
  attribute: AttributeRow[];
}

export type TableName = keyof Tables;

export const TABLE_NAMES: readonly TableName[] = [
  'organization',
  'service',
  'location',
  'address',
  'service_at_location',
  'service_area',
  'contact',
  'phone',
  'url',
  'schedule',
  'language',
  'unit',
  'service_capacity',
  'attribute',
];

export function emptyTables(): Tables {
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
  };
}

/** What an export renders: the rows plus the context HSDS shows with them. */
export interface Snapshot extends Tables {
  /** last_modified per service id. */
  lastModified: Map<string, string>;
  /** Provenance per service id, where known. */
  provenance?: Map<string, ServiceProvenance>;
  terms: Map<string, TermInfo>;
  taxonomies: Map<string, TaxonomyInfo>;
  /** Change history per resource id (file exports only). */
  history: Map<string, HistoryRow[]>;
}

/** The contact-channel and record-status terms that become columns (phone.channel, url.channel, is_sample). */
export interface SpecialTerms {
  sample: string;
  phoneChannels: Map<string, PhoneChannel>;
  urlChannels: Map<string, UrlChannel>;
}

export function specialTerms(terms: Iterable<TermInfo>): SpecialTerms {
  let sample = '';
  const phoneChannels = new Map<string, PhoneChannel>();
  const urlChannels = new Map<string, UrlChannel>();
  for (const t of terms) {
    if (t.taxonomy === 'record_status' && t.code === 'sample') sample = t.id;
    if (t.taxonomy !== 'contact_channel') continue;
    if (t.code === 'voice' || t.code === 'sms' || t.code === 'whatsapp') phoneChannels.set(t.id, t.code);
    if (t.code === 'website' || t.code === 'chat' || t.code === 'web_form') urlChannels.set(t.id, t.code);
  }
  return { sample, phoneChannels, urlChannels };
}

/** Where an imported row came from, for problem reports. */
export interface Origin {
  file: string;
  /** CSV: the line the row ends on (the header is line 1). */
  row?: number;
  /** JSON: the path of the object in the file, e.g. `services[3].phones[0]`; CSV: ''. */
  path: string;
}

/** One problem found in an import: the file, the CSV row, the record id, the field and a message key. */
export interface ImportProblem {
  file: string;
  row?: number;
  record?: string;
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export function fieldPath(origin: Origin, field: string): string {
  if (!origin.path) return field;
  return field ? `${origin.path}.${field}` : origin.path;
}

export function problemAt(
  origin: Origin,
  field: string,
  key: string,
  params?: Record<string, string | number>,
  record?: string,
): ImportProblem {
  return {
    file: origin.file,
    ...(origin.row !== undefined ? { row: origin.row } : {}),
    ...(record !== undefined ? { record } : {}),
    field: fieldPath(origin, field),
    key,
    ...(params ? { params } : {}),
  };
}
