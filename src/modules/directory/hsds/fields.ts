// The HSDS 3.1 objects Samen reads and writes, field by field, in the order of the standard. One source for the
// import schemas (nested JSON and flat CSV rows), the CSV headers, the datapackage.json and the API's response
// schemas, so the formats cannot drift apart. Fields HSDS has and Samen does not store are `unsupported`: an
// import must leave them empty (rather than lose them silently) and an export leaves them out.

import type { ServiceSourceType } from '../../../db/schema.js';

export type FieldKind =
  | 'uuid'
  | 'text'
  | 'email'
  /** An http(s) URL: anything else (javascript:, data:) would be a risk on public pages. */
  | 'http'
  /** Any absolute URI (persistent identifiers such as urn:…). */
  | 'uri'
  | 'date'
  | 'datetime'
  /** HH:MM local time (Europe/Amsterdam); HH:MM:00 is accepted and stored as HH:MM. */
  | 'time'
  | 'integer'
  | 'number'
  | 'enum'
  /** ISO 3166-1 alpha-2 */
  | 'country'
  /** ISO 639-1 or 639-3, optionally with a region (nl, en, pap, pt-BR) */
  | 'language'
  /** Coverage: urn:samen:area:<country|police_unit|safety_region|municipality>:<code> */
  | 'area'
  | 'unsupported';

export interface FieldDef {
  name: string;
  kind: FieldKind;
  /** Required in every import (JSON and CSV). */
  required?: boolean;
  /** Required in a CSV row only (a link that JSON expresses by nesting). */
  csvRequired?: boolean;
  values?: readonly string[];
  min?: number;
  max?: number;
  maxLength?: number;
  /** A link to the parent record; in JSON it follows from the nesting. */
  link?: boolean;
  /** Exported but ignored on import (bookkeeping the import sets itself). */
  readOnly?: boolean;
  /** The HSDS datapackage type when it differs from what the kind implies. */
  hsdsType?: 'string' | 'number';
  /** Not a column of the HSDS tabular package (compiled/tabular.json), only of the JSON object. */
  csv?: false;
}

export type HsdsObjectName =
  | 'organization'
  | 'service'
  | 'service_at_location'
  | 'location'
  | 'address'
  | 'phone'
  | 'contact'
  | 'schedule'
  | 'service_area'
  | 'language'
  | 'unit'
  | 'service_capacity'
  | 'url'
  | 'attribute'
  | 'taxonomy_term'
  | 'taxonomy'
  | 'metadata';

export interface ChildDef {
  /** Property name in the HSDS JSON. */
  name: string;
  object: HsdsObjectName;
  many: boolean;
}

export interface ObjectDef {
  name: HsdsObjectName;
  /** File name in the tabular package (the `path` of the HSDS schema). */
  path: string;
  fields: FieldDef[];
  children: ChildDef[];
  /** Nested HSDS properties Samen does not store (must be absent or empty on import). */
  unsupportedChildren: string[];
}

const NAME = 500;
const TEXT = 20_000;
const STATUS = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
const LOCATION_TYPES = ['physical', 'postal', 'virtual'] as const;
const SOURCE_TYPES = ['local', 'file', 'feed'] as const satisfies readonly ServiceSourceType[];
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

const id: FieldDef = { name: 'id', kind: 'uuid', required: true };
const text = (name: string, maxLength = TEXT): FieldDef => ({ name, kind: 'text', maxLength });
const link = (name: string, csvRequired = false): FieldDef => ({
  name,
  kind: 'uuid',
  link: true,
  csvRequired,
});
const unsupported = (name: string, hsdsType: 'string' | 'number' = 'string'): FieldDef => ({
  name,
  kind: 'unsupported',
  hsdsType,
});
const metadata: ChildDef = { name: 'metadata', object: 'metadata', many: true };
const attributes: ChildDef = { name: 'attributes', object: 'attribute', many: true };

export const OBJECTS: Record<HsdsObjectName, ObjectDef> = {
  organization: {
    name: 'organization',
    path: 'organizations.csv',
    fields: [
      id,
      { name: 'name', kind: 'text', required: true, maxLength: NAME },
      text('alternate_name', NAME),
      text('description'),
      { name: 'email', kind: 'email' },
      { name: 'website', kind: 'http' },
      unsupported('tax_status'),
      unsupported('tax_id'),
      { name: 'year_incorporated', kind: 'integer', min: 1000, max: 2999, hsdsType: 'number' },
      text('legal_status', NAME),
      unsupported('logo'),
      { name: 'uri', kind: 'uri' },
      { name: 'parent_organization_id', kind: 'uuid' },
    ],
    children: [
      { name: 'additional_websites', object: 'url', many: true },
      { name: 'contacts', object: 'contact', many: true },
      { name: 'phones', object: 'phone', many: true },
      attributes,
      metadata,
    ],
    unsupportedChildren: ['funding', 'locations', 'programs', 'organization_identifiers'],
  },
  service: {
    name: 'service',
    path: 'services.csv',
    fields: [
      id,
      { name: 'organization_id', kind: 'uuid', csvRequired: true },
      unsupported('program_id'),
      { name: 'name', kind: 'text', required: true, maxLength: NAME },
      text('alternate_name', NAME),
      text('description'),
      { name: 'url', kind: 'http' },
      { name: 'email', kind: 'email' },
      { name: 'status', kind: 'enum', values: STATUS, required: true },
      text('interpretation_services'),
      text('application_process'),
      text('fees_description'),
      text('wait_time'),
      unsupported('fees'),
      text('accreditations'),
      text('eligibility_description'),
      { name: 'minimum_age', kind: 'integer', min: 0, max: 150, hsdsType: 'number' },
      { name: 'maximum_age', kind: 'integer', min: 0, max: 150, hsdsType: 'number' },
      { name: 'assured_date', kind: 'date' },
      { name: 'assurer_email', kind: 'email' },
      unsupported('licenses'),
      text('alert'),
      { name: 'last_modified', kind: 'datetime', readOnly: true },
      // The Samen NL profile's provenance (profile/service.json): who verified (an organisation or role, never a
      // person) and where the record came from. JSON only: the HSDS tabular package has no columns for them. The
      // source is set by the importing side itself, so an import reads it but does not take it over.
      { name: 'assured_by', kind: 'text', maxLength: 200, csv: false },
      { name: 'source_type', kind: 'enum', values: SOURCE_TYPES, readOnly: true, csv: false },
      { name: 'source_name', kind: 'text', maxLength: 2000, readOnly: true, csv: false },
      { name: 'source_imported_at', kind: 'datetime', readOnly: true, csv: false },
    ],
    children: [
      { name: 'additional_urls', object: 'url', many: true },
      { name: 'phones', object: 'phone', many: true },
      { name: 'schedules', object: 'schedule', many: true },
      { name: 'service_areas', object: 'service_area', many: true },
      { name: 'service_at_locations', object: 'service_at_location', many: true },
      { name: 'languages', object: 'language', many: true },
      { name: 'organization', object: 'organization', many: false },
      { name: 'contacts', object: 'contact', many: true },
      { name: 'capacities', object: 'service_capacity', many: true },
      attributes,
      metadata,
    ],
    unsupportedChildren: ['funding', 'cost_options', 'program', 'required_documents'],
  },
  service_at_location: {
    name: 'service_at_location',
    path: 'service_at_location.csv',
    fields: [
      id,
      link('service_id', true),
      { name: 'location_id', kind: 'uuid', csvRequired: true },
      text('description'),
    ],
    children: [
      { name: 'schedules', object: 'schedule', many: true },
      { name: 'location', object: 'location', many: false },
      metadata,
    ],
    unsupportedChildren: ['service_areas', 'contacts', 'phones', 'attributes'],
  },
  location: {
    name: 'location',
    path: 'locations.csv',
    fields: [
      id,
      { name: 'location_type', kind: 'enum', values: LOCATION_TYPES, required: true },
      { name: 'url', kind: 'http' },
      { name: 'organization_id', kind: 'uuid' },
      text('name', NAME),
      text('alternate_name', NAME),
      text('description'),
      text('transportation'),
      { name: 'latitude', kind: 'number', min: -90, max: 90 },
      { name: 'longitude', kind: 'number', min: -180, max: 180 },
      text('external_identifier', NAME),
      text('external_identifier_type', NAME),
    ],
    children: [
      { name: 'languages', object: 'language', many: true },
      { name: 'addresses', object: 'address', many: true },
      { name: 'phones', object: 'phone', many: true },
      { name: 'schedules', object: 'schedule', many: true },
      metadata,
    ],
    unsupportedChildren: ['contacts', 'accessibility', 'attributes'],
  },
  address: {
    name: 'address',
    path: 'addresses.csv',
    fields: [
      id,
      link('location_id', true),
      text('attention', NAME),
      { name: 'address_1', kind: 'text', required: true, maxLength: NAME },
      text('address_2', NAME),
      { name: 'city', kind: 'text', required: true, maxLength: NAME },
      text('region', NAME),
      { name: 'state_province', kind: 'text', required: true, maxLength: NAME },
      { name: 'postal_code', kind: 'text', required: true, maxLength: 20 },
      { name: 'country', kind: 'country', required: true },
      { name: 'address_type', kind: 'enum', values: LOCATION_TYPES, required: true },
    ],
    children: [metadata],
    unsupportedChildren: ['attributes'],
  },
  phone: {
    name: 'phone',
    path: 'phones.csv',
    fields: [
      id,
      link('location_id'),
      link('service_id'),
      link('organization_id'),
      link('contact_id'),
      unsupported('service_at_location_id'),
      { name: 'number', kind: 'text', required: true, maxLength: 50 },
      { name: 'extension', kind: 'integer', min: 0, max: 999_999_999, hsdsType: 'number' },
      text('type', 50),
      text('description'),
    ],
    children: [{ name: 'languages', object: 'language', many: true }, attributes, metadata],
    unsupportedChildren: [],
  },
  contact: {
    name: 'contact',
    path: 'contacts.csv',
    fields: [
      id,
      link('organization_id'),
      link('service_id'),
      unsupported('service_at_location_id'),
      unsupported('location_id'),
      text('name', NAME),
      text('title', NAME),
      text('department', NAME),
      { name: 'email', kind: 'email' },
    ],
    children: [{ name: 'phones', object: 'phone', many: true }, metadata],
    unsupportedChildren: ['attributes'],
  },
  schedule: {
    name: 'schedule',
    path: 'schedules.csv',
    fields: [
      id,
      link('service_id'),
      link('location_id'),
      link('service_at_location_id'),
      { name: 'valid_from', kind: 'date' },
      { name: 'valid_to', kind: 'date' },
      { name: 'dtstart', kind: 'date' },
      { name: 'timezone', kind: 'number', min: -14, max: 14 },
      { name: 'until', kind: 'date' },
      { name: 'count', kind: 'integer', min: 0, max: 100_000, hsdsType: 'number' },
      { name: 'wkst', kind: 'enum', values: WEEKDAYS },
      { name: 'freq', kind: 'enum', values: ['WEEKLY', 'MONTHLY'] },
      { name: 'interval', kind: 'integer', min: 1, max: 1000, hsdsType: 'number' },
      text('byday', 100),
      text('byweekno', 100),
      text('bymonthday', 100),
      text('byyearday', 100),
      text('description'),
      { name: 'opens_at', kind: 'time' },
      { name: 'closes_at', kind: 'time' },
      { name: 'schedule_link', kind: 'http' },
      text('attending_type', NAME),
      text('notes'),
    ],
    children: [metadata],
    unsupportedChildren: ['attributes'],
  },
  service_area: {
    name: 'service_area',
    path: 'service_areas.csv',
    fields: [
      id,
      link('service_id', true),
      { ...unsupported('service_at_location_id'), csv: false },
      text('name', NAME),
      text('description'),
      text('extent'),
      text('extent_type', 50),
      { name: 'uri', kind: 'area', required: true },
    ],
    children: [metadata],
    unsupportedChildren: ['attributes'],
  },
  language: {
    name: 'language',
    path: 'languages.csv',
    fields: [
      id,
      link('service_id'),
      link('location_id'),
      link('phone_id'),
      text('name', NAME),
      { name: 'code', kind: 'language' },
      text('note'),
    ],
    children: [metadata],
    unsupportedChildren: ['attributes'],
  },
  unit: {
    name: 'unit',
    path: 'units.csv',
    fields: [
      id,
      { name: 'name', kind: 'text', required: true, maxLength: NAME },
      text('scheme', NAME),
      text('identifier', NAME),
      { name: 'uri', kind: 'uri' },
    ],
    children: [metadata],
    unsupportedChildren: ['attributes'],
  },
  service_capacity: {
    name: 'service_capacity',
    path: 'service_capacity.csv',
    fields: [
      id,
      link('service_id', true),
      { name: 'unit_id', kind: 'uuid', csvRequired: true },
      { name: 'available', kind: 'integer', required: true, min: 0, max: 1_000_000, hsdsType: 'number' },
      { name: 'maximum', kind: 'integer', min: 0, max: 1_000_000, hsdsType: 'number' },
      text('description'),
      { name: 'updated', kind: 'datetime', required: true },
    ],
    children: [{ name: 'unit', object: 'unit', many: false }, metadata],
    unsupportedChildren: ['attributes'],
  },
  url: {
    name: 'url',
    path: 'url.csv',
    fields: [
      id,
      text('label', NAME),
      { name: 'url', kind: 'http', required: true },
      link('organization_id'),
      link('service_id'),
    ],
    children: [attributes, metadata],
    unsupportedChildren: [],
  },
  attribute: {
    name: 'attribute',
    path: 'attributes.csv',
    fields: [
      id,
      link('link_id', true),
      { name: 'taxonomy_term_id', kind: 'uuid', required: true },
      text('link_type', 100),
      { name: 'link_entity', kind: 'text', maxLength: 100, csvRequired: true },
      text('value', NAME),
      text('label', NAME),
    ],
    children: [{ name: 'taxonomy_term', object: 'taxonomy_term', many: false }, metadata],
    unsupportedChildren: [],
  },
  taxonomy_term: {
    name: 'taxonomy_term',
    path: 'taxonomy_terms.csv',
    fields: [
      id,
      text('code', 100),
      { name: 'name', kind: 'text', required: true, maxLength: NAME },
      text('description'),
      { name: 'parent_id', kind: 'uuid' },
      text('taxonomy', 100),
      text('language', 20),
      { name: 'taxonomy_id', kind: 'uuid' },
      { name: 'term_uri', kind: 'uri' },
    ],
    children: [{ name: 'taxonomy_detail', object: 'taxonomy', many: false }, metadata],
    unsupportedChildren: [],
  },
  taxonomy: {
    name: 'taxonomy',
    path: 'taxonomies.csv',
    fields: [
      id,
      { name: 'name', kind: 'text', required: true, maxLength: NAME },
      text('description'),
      { name: 'uri', kind: 'uri' },
      text('version', 50),
    ],
    children: [metadata],
    unsupportedChildren: [],
  },
  metadata: {
    name: 'metadata',
    path: 'metadata.csv',
    fields: [
      id,
      { name: 'resource_id', kind: 'uuid' },
      text('resource_type', 100),
      { name: 'last_action_date', kind: 'datetime' },
      text('last_action_type', 100),
      text('field_name', 100),
      text('previous_value'),
      text('replacement_value'),
      text('updated_by', NAME),
    ],
    children: [],
    unsupportedChildren: [],
  },
};

/** HSDS tables Samen does not store: a CSV package may carry them only without data rows. */
export const UNSUPPORTED_CSV_FILES: readonly string[] = [
  'programs.csv',
  'funding.csv',
  'required_documents.csv',
  'accessibility.csv',
  'meta_table_descriptions.csv',
  'cost_options.csv',
  'organization_identifiers.csv',
];

/** The order in which the tabular export writes (and the datapackage lists) the files. */
export const CSV_OBJECTS: readonly HsdsObjectName[] = [
  'organization',
  'service',
  'attribute',
  'service_at_location',
  'location',
  'phone',
  'contact',
  'address',
  'schedule',
  'service_area',
  'language',
  'taxonomy_term',
  'taxonomy',
  'url',
  'unit',
  'service_capacity',
  'metadata',
];

export function objectByPath(file: string): ObjectDef | undefined {
  return Object.values(OBJECTS).find((o) => o.path === file);
}

/** The columns of an object's CSV file, in the standard's order. */
export function csvFields(object: HsdsObjectName): FieldDef[] {
  return OBJECTS[object].fields.filter((f) => f.csv !== false);
}
