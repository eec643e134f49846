// The tabular shape both directions pass through: one array of rows per directory table, with exactly the
// columns the database stores (ours included: is_sample, channel, area_type/area_code). An import turns HSDS JSON
// or CSV into this, checks it and writes it; an export reads it from the database (or builds it from published
// service records) and renders HSDS JSON or CSV from it. Timestamps are ISO strings, dates YYYY-MM-DD.
import type { Row, PhoneChannel, ServiceSourceType, UrlChannel } from '../../../db/schema.js';

// The rows are the tables' own column types (src/db/schema/directory.ts, the one source), without the columns the
// database keeps for itself and with timestamps as ISO strings.

export type OrganizationRow = Omit<Row<'organization'>, 'created_at' | 'updated_at'>;

/** A service's compared columns: the steward's verifier, the version and the provenance are bookkeeping. */
export type ServiceRow = Omit<
  Row<'service'>,
  | 'assured_by_user_id'
  | 'version'
  | 'created_at'
  | 'last_modified'
  | 'source_type'
  | 'source_name'
  | 'source_imported_at'
>;

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

export type LocationRow = Row<'location'>;
export type AddressRow = Row<'address'>;
export type ServiceAtLocationRow = Row<'service_at_location'>;
export type ServiceAreaRow = Row<'service_area'>;
export type ContactRow = Row<'contact'>;
export type PhoneRow = Row<'phone'>;
export type UrlRow = Row<'url'>;
export type ScheduleRow = Row<'schedule'>;
export type LanguageRow = Row<'language'>;
export type UnitRow = Row<'unit'>;
export type CapacityRow = Omit<Row<'service_capacity'>, 'updated'> & { updated: string };

export type AttributeRow = Row<'attribute'>;

export type HistoryRow = Omit<Row<'metadata'>, 'last_action_date'> & { last_action_date: string };

/** A taxonomy term with what HSDS shows of it. */
export type TermInfo = Omit<Row<'taxonomy_term'>, 'name_en' | 'taxonomy' | 'taxonomy_id'> & {
  /** The taxonomy's code (exploitation_form, need, ..., contact_channel, record_status). */
  taxonomy: string;
  taxonomy_id: string | null;
};

export type TaxonomyInfo = Row<'taxonomy'>;

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
