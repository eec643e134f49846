// The directory's domain types. They follow Open Referral HSDS 3.1 field names (snake_case, as in the tables
// and the standard) so that the HSDS import/export is a mapping of shapes, not of meanings. What is ours and not
// HSDS is marked; the HSDS mapping turns it into attributes or service_area URIs.
import type {
  AreaType,
  PhoneChannel,
  ServiceSourceType,
  ServiceStatus,
  UrlChannel,
} from '../../db/schema.js';

export type { AreaType, PhoneChannel, ServiceStatus, UrlChannel };

/** The taxonomies of the project (codes of the `taxonomy` table). */
export const TAXONOMY_CODES = [
  'exploitation_form',
  'need',
  'audience',
  'desk_type',
  'scope',
  'access',
  'contact_channel',
  'record_status',
] as const;
export type TaxonomyCode = (typeof TAXONOMY_CODES)[number];

export interface Taxonomy {
  code: TaxonomyCode;
  /** Dutch name. */
  name: string;
  name_en: string;
}

export interface TaxonomyTerm {
  id: string;
  taxonomy: TaxonomyCode;
  code: string;
  name_nl: string;
  name_en: string;
  parent_id: string | null;
}

export interface Organization {
  id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  uri: string | null;
  parent_organization_id: string | null;
  is_sample: boolean;
  /** HSDS; optional so callers that do not know it leave the stored value alone. */
  year_incorporated?: number | null;
}

export interface Phone {
  id: string;
  number: string;
  extension: string | null;
  /** HSDS phone type (voice, text, fax, cell, video, pager, textphone). */
  type: string | null;
  /** ours: voice, sms or whatsapp */
  channel: PhoneChannel;
  description: string | null;
  /** ISO 639-1 codes spoken on this line, when it differs from the service. */
  languages: string[];
}

export interface Url {
  id: string;
  label: string | null;
  url: string;
  /** ours: website, chat or web_form */
  channel: UrlChannel;
}

export interface Schedule {
  id: string;
  /** RFC 5545 weekday list, e.g. "MO,TU,WE,TH,FR". */
  byday: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  /** "HH:MM", local time Europe/Amsterdam. 00:00–23:59 every day means 24/7. */
  opens_at: string | null;
  closes_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  description: string | null;
  timezone: string | null;
}

export interface Address {
  id: string;
  address_1: string;
  address_2: string | null;
  city: string;
  region: string | null;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

/** A place where the service can be visited (walk-in). */
export interface ServiceLocation {
  /** service_at_location id */
  id: string;
  location_id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  name: string | null;
  description: string | null;
  latitude: number | null;
  longitude: number | null;
  addresses: Address[];
  schedules: Schedule[];
}

/** Coverage: one row per area the service covers. */
export interface ServiceArea {
  id: string;
  area_type: AreaType;
  /** 'NL' for the country, a police unit code (PE-…), a safety region (VRxx) or a municipality (GMxxxx). */
  area_code: string;
  name: string | null;
  description: string | null;
}

export interface Language {
  id: string;
  /** ISO 639-1 */
  code: string;
  name: string | null;
  note: string | null;
}

export interface Capacity {
  id: string;
  unit_id: string;
  unit_name: string;
  available: number;
  maximum: number | null;
  description: string | null;
  updated: string;
}

export interface Contact {
  id: string;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
}

/** A service with everything nested, as stewards edit it and as HSDS exports it. */
export interface ServiceRecord {
  id: string;
  organization_id: string;
  organization: Organization;
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
  /** ours: the steward who last verified it */
  assured_by_user_id: string | null;
  is_sample: boolean;
  version: number;
  last_modified: string;
  /** Who verified it, as an organisation or role (never a person): published. */
  assured_by: string | null;
  /** Where the record came from: entered here, an HSDS file, or a followed feed (its URL). */
  source_type: ServiceSourceType;
  source_name: string | null;
  /** ISO: when an import or a follow last changed it (null for local records). */
  source_imported_at: string | null;
  phones: Phone[];
  urls: Url[];
  schedules: Schedule[];
  locations: ServiceLocation[];
  service_areas: ServiceArea[];
  languages: Language[];
  capacities: Capacity[];
  contacts: Contact[];
  /** Taxonomy term ids attached to the service (form, need, audience, desk type, scope, access). */
  taxonomy_term_ids: string[];
}

/** Who does something to the directory: a signed-in steward (or admin). */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
}

/** What a steward edits: the service without the fields the system manages (id, version, verification). */
export interface ServiceDraft {
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
  /** NaN when the input was not a whole number (reported by validation). */
  minimum_age: number | null;
  maximum_age: number | null;
  alert: string | null;
  phones: { number: string; channel: PhoneChannel; description?: string | null }[];
  urls: { url: string; channel: UrlChannel; label?: string | null }[];
  schedules: {
    byday: string | null;
    opens_at: string | null;
    closes_at: string | null;
    description?: string | null;
  }[];
  service_areas: { area_type: AreaType; area_code: string }[];
  /** ISO 639-1 codes. */
  languages: string[];
  /** Terms of the editable taxonomies; terms of other taxonomies (record status, channels) are kept as they are. */
  taxonomy_term_ids: string[];
}

export interface PoliceUnit {
  code: string;
  name: string;
  riec_name: string;
}

export interface SafetyRegion {
  code: string;
  name: string;
  police_unit_code: string;
}

export interface Municipality {
  code: string;
  name: string;
  province: string;
  safety_region_code: string;
}

export interface Regions {
  policeUnits: PoliceUnit[];
  safetyRegions: SafetyRegion[];
  municipalities: Municipality[];
}

/** Filters of the service lists (public, steward and API). */
export interface ServiceFilter {
  /** Searched in name, alternate name, description and organisation name. */
  q?: string;
  /** Every listed term must be attached (AND). */
  taxonomyTermIds?: string[];
  statuses?: ServiceStatus[];
  stale?: boolean;
  /** A GMxxxx code: only services covering it. */
  municipality?: string;
  organizationId?: string;
  /** 1-based. */
  page?: number;
  perPage?: number;
}

export interface ServicePage {
  items: ServiceRecord[];
  total: number;
  page: number;
  perPage: number;
}

export type HistoryAction = 'create' | 'update' | 'verify' | 'retire' | 'import';

/** One changed field, as the `metadata` table records it. */
export interface HistoryEntry {
  id: string;
  at: string;
  action: string;
  field: string;
  previous: string;
  replacement: string;
  /** The account id (or "system"). */
  updatedBy: string;
  /** The steward's display name, when the account still exists. */
  updatedByName: string | null;
}
