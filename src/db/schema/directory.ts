// The service directory's tables (HSDS 3.0 shaped): organisations, services, locations, areas, contacts,
// schedules, capacity, taxonomies, and the reference lists of police units, safety regions and municipalities.
// Part of `Database` (src/db/schema.ts); kept in step with the migrations by hand (schema.db.test.ts checks it).
import type { ColumnType } from 'kysely';
import type { DefaultedTimestamp } from './columns.js';

export interface PoliceUnitTable {
  code: string;
  name: string;
  riec_name: string;
}

export interface SafetyRegionTable {
  code: string;
  name: string;
  police_unit_code: string;
}

export interface MunicipalityTable {
  code: string;
  name: string;
  province: string;
  safety_region_code: string;
}

export interface OrganizationTable {
  id: string;
  name: string;
  alternate_name: string | null;
  description: ColumnType<string, string | undefined, string>;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  year_incorporated: number | null;
  uri: string | null;
  parent_organization_id: string | null;
  is_sample: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

export interface ServiceTable {
  id: string;
  organization_id: string;
  name: string;
  alternate_name: string | null;
  description: ColumnType<string, string | undefined, string>;
  url: string | null;
  email: string | null;
  status: ColumnType<ServiceStatus, ServiceStatus | undefined, ServiceStatus>;
  interpretation_services: string | null;
  application_process: string | null;
  fees_description: string | null;
  wait_time: string | null;
  accreditations: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  alert: string | null;
  /** ISO date (YYYY-MM-DD). */
  assured_date: string | null;
  assurer_email: string | null;
  assured_by_user_id: string | null;
  is_sample: ColumnType<boolean, boolean | undefined, boolean>;
  version: ColumnType<number, number | undefined, number>;
  created_at: DefaultedTimestamp;
  last_modified: DefaultedTimestamp;
  // Provenance (0021): who verified it as an organisation or role, and where the record came from.
  assured_by: string | null;
  source_type: ColumnType<ServiceSourceType, ServiceSourceType | undefined, ServiceSourceType>;
  source_name: string | null;
  source_imported_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Where a service record came from (0021): entered here, an HSDS file import, or a followed HSDS feed. */
export type ServiceSourceType = 'local' | 'file' | 'feed';

/** `samen directory follow`: per followed feed, how far the follower got (0021). */
export interface DirectoryFollowedFeedTable {
  url: string;
  publisher_name: string | null;
  last_modified_seen: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  followed_at: ColumnType<Date, Date | string, Date | string>;
  services_seen: ColumnType<number, number | undefined, number>;
}

export interface LocationTable {
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
}

export interface AddressTable {
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
}

export interface ServiceAtLocationTable {
  id: string;
  service_id: string;
  location_id: string;
  description: string | null;
}

export type AreaType = 'country' | 'police_unit' | 'safety_region' | 'municipality';

export interface ServiceAreaTable {
  id: string;
  service_id: string;
  name: string | null;
  description: string | null;
  extent: string | null;
  extent_type: string | null;
  uri: string | null;
  area_type: AreaType;
  area_code: string;
}

export interface ContactTable {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  name: string | null;
  title: string | null;
  department: string | null;
  email: string | null;
}

export type PhoneChannel = 'voice' | 'sms' | 'whatsapp';

export interface PhoneTable {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  location_id: string | null;
  contact_id: string | null;
  number: string;
  extension: string | null;
  type: string | null;
  channel: ColumnType<PhoneChannel, PhoneChannel | undefined, PhoneChannel>;
  description: string | null;
}

export type UrlChannel = 'website' | 'chat' | 'web_form';

export interface UrlTable {
  id: string;
  organization_id: string | null;
  service_id: string | null;
  label: string | null;
  url: string;
  channel: ColumnType<UrlChannel, UrlChannel | undefined, UrlChannel>;
}

export interface ScheduleTable {
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
}

export interface LanguageTable {
  id: string;
  service_id: string | null;
  location_id: string | null;
  phone_id: string | null;
  name: string | null;
  code: string | null;
  note: string | null;
}

export interface UnitTable {
  id: string;
  name: string;
  scheme: string | null;
  identifier: string | null;
  uri: string | null;
}

export interface ServiceCapacityTable {
  id: string;
  service_id: string;
  unit_id: string;
  available: number;
  maximum: number | null;
  description: string | null;
  updated: DefaultedTimestamp;
}

export interface TaxonomyTable {
  id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  uri: string | null;
  version: string | null;
  code: string;
}

export interface TaxonomyTermTable {
  id: string;
  code: string;
  name: string;
  name_en: string;
  description: ColumnType<string, string | undefined, string>;
  parent_id: string | null;
  taxonomy: string | null;
  taxonomy_id: string;
  language: string | null;
  term_uri: string | null;
}

export interface AttributeTable {
  id: string;
  link_id: string;
  link_type: string | null;
  link_entity: string;
  taxonomy_term_id: string;
  value: string | null;
  label: string | null;
}

export interface MetadataTable {
  id: string;
  resource_id: string;
  resource_type: string;
  last_action_date: DefaultedTimestamp;
  last_action_type: string;
  field_name: string;
  previous_value: ColumnType<string, string | undefined, string>;
  replacement_value: ColumnType<string, string | undefined, string>;
  updated_by: string;
}

export interface DirectoryTables {
  police_unit: PoliceUnitTable;
  safety_region: SafetyRegionTable;
  municipality: MunicipalityTable;
  organization: OrganizationTable;
  service: ServiceTable;
  directory_followed_feed: DirectoryFollowedFeedTable;
  location: LocationTable;
  address: AddressTable;
  service_at_location: ServiceAtLocationTable;
  service_area: ServiceAreaTable;
  contact: ContactTable;
  phone: PhoneTable;
  url: UrlTable;
  schedule: ScheduleTable;
  language: LanguageTable;
  unit: UnitTable;
  service_capacity: ServiceCapacityTable;
  taxonomy: TaxonomyTable;
  taxonomy_term: TaxonomyTermTable;
  attribute: AttributeTable;
  metadata: MetadataTable;
}
