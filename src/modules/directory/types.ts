// The directory's domain types. They follow Open Referral HSDS 3.1 field names (snake_case, as in the tables
// and the standard) so that the HSDS import/export is a mapping of shapes, not of meanings. What is ours and not
// HSDS is marked; the HSDS mapping turns it into attributes or service_area URIs. Fields that are columns take
// their types from the tables (src/db/schema/directory.ts, the one source); timestamps are ISO strings here.
import type { Row, AreaType, PhoneChannel, ServiceStatus, UrlChannel } from '../../db/schema.js';

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

export type Organization = Omit<Row<'organization'>, 'created_at' | 'updated_at' | 'year_incorporated'> & {
  /** HSDS; optional so callers that do not know it leave the stored value alone. */
  year_incorporated?: number | null;
};

/** `type`: HSDS phone type (voice, text, fax, cell, video, pager, textphone); `channel` (ours): voice, sms or whatsapp. */
export type Phone = Pick<Row<'phone'>, 'id' | 'number' | 'extension' | 'type' | 'channel' | 'description'> & {
  /** ISO 639-1 codes spoken on this line, when it differs from the service. */
  languages: string[];
};

/** `channel` (ours): website, chat or web_form. */
export type Url = Pick<Row<'url'>, 'id' | 'label' | 'url' | 'channel'>;

/**
 * `byday`: RFC 5545 weekday list, e.g. "MO,TU,WE,TH,FR"; `opens_at`/`closes_at`: "HH:MM", local time
 * Europe/Amsterdam (00:00–23:59 every day means 24/7).
 */
export type Schedule = Pick<
  Row<'schedule'>,
  'id' | 'byday' | 'freq' | 'opens_at' | 'closes_at' | 'valid_from' | 'valid_to' | 'description' | 'timezone'
>;

export type Address = Omit<Row<'address'>, 'location_id' | 'attention'>;

/** A place where the service can be visited (walk-in). */
export type ServiceLocation = Pick<
  Row<'location'>,
  'location_type' | 'name' | 'description' | 'latitude' | 'longitude'
> & {
  /** service_at_location id */
  id: string;
  location_id: string;
  addresses: Address[];
  schedules: Schedule[];
};

/** Coverage: one row per area the service covers. */
/** `area_code`: 'NL' for the country, a police unit code (PE-…), a safety region (VRxx) or a municipality (GMxxxx). */
export type ServiceArea = Pick<
  Row<'service_area'>,
  'id' | 'area_type' | 'area_code' | 'name' | 'description'
>;

export type Language = Pick<Row<'language'>, 'id' | 'name' | 'note'> & {
  /** ISO 639-1 */
  code: string;
};

export type Capacity = Pick<
  Row<'service_capacity'>,
  'id' | 'unit_id' | 'available' | 'maximum' | 'description'
> & {
  unit_name: string;
  updated: string;
};

export type Contact = Pick<Row<'contact'>, 'id' | 'name' | 'title' | 'department' | 'email'>;

/** A service with everything nested, as stewards edit it and as HSDS exports it. */
/**
 * A service with everything nested, as stewards edit it and as HSDS exports it. Ours: `assured_by_user_id` (the
 * steward who last verified it), `assured_by` (who verified it, as an organisation or role, never a person:
 * published), `source_type`/`source_name` (entered here, an HSDS file, or a followed feed and its URL).
 */
export type ServiceRecord = Omit<Row<'service'>, 'created_at' | 'last_modified' | 'source_imported_at'> & {
  organization: Organization;
  last_modified: string;
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
};

/** Who does something to the directory: a signed-in steward (or admin). */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
}

/** What a steward edits: the service without the fields the system manages (id, version, verification). */
export type ServiceDraft = Pick<
  Row<'service'>,
  | 'organization_id'
  | 'name'
  | 'alternate_name'
  | 'description'
  | 'url'
  | 'email'
  | 'status'
  | 'interpretation_services'
  | 'application_process'
  | 'fees_description'
  | 'wait_time'
  | 'accreditations'
  | 'eligibility_description'
  | 'alert'
> & {
  /** NaN when the input was not a whole number (reported by validation). */
  minimum_age: number | null;
  maximum_age: number | null;
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
};

export type PoliceUnit = Row<'police_unit'>;

export type SafetyRegion = Row<'safety_region'>;

export type Municipality = Row<'municipality'>;

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
