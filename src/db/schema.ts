// Kysely table types, kept in step with src/db/migrations by hand; `schema.db.test.ts` compares them with the
// migrated database so a drift fails the tests.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: any JSON value in, parsed value out. */
type Json = ColumnType<unknown, string, string>;

export interface RoleTable {
  code: string;
  sees_personal_data: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface AppUserTable {
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  totp_secret_enc: string | null;
  totp_enabled_at: Timestamp | null;
  totp_last_step: number | null;
  failed_login_count: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface UserIdentityTable {
  provider: string;
  subject: string;
  user_id: string;
  created_at: DefaultedTimestamp;
}

/** Sign-in throttling per context (migration 0016): the key is an HMAC, never an address in the clear. */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp | null;
}

/** A session that ended, remembered by its token hash only (for keeping a form posted after it ended). */
export interface AuthExpiredSessionTable {
  id_hash: string;
  user_id: string;
  expired_at: Timestamp;
}

/** A form posted after its session expired, kept sealed for the account that must sign in again. */
export interface AuthFormDraftTable {
  id: string;
  user_id: string;
  path: string;
  values_enc: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** The client address of a sign-in, referenced from its audit entry; deleted after the retention period. */
export interface AuthClientAddressTable {
  ref: string;
  at: Timestamp;
  address: string;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: string;
  mfa_passed: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
  last_seen_at: DefaultedTimestamp;
  expires_at: Timestamp;
}

export interface AuditEventTable {
  id: Generated<number>;
  at: DefaultedTimestamp;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  detail: Json;
  prev_hash: string;
  hash: string;
  /** HMAC under the audit key (false: an entry from before the key, plain SHA-256). */
  keyed: ColumnType<boolean, boolean | undefined, boolean>;
}

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

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

export interface GuideRuleSetTable {
  version: number;
  source: string;
  note: string;
  published_at: Timestamp;
  published_by: string | null;
  based_on: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  activated_at: Timestamp | null;
}

// ---- platform: mail outbox (0006) ----------------------------------------------------------------------
export interface MailOutboxTable {
  id: Generated<number>;
  /** jsonb array of addresses. */
  recipients: Json;
  subject: string;
  body_text: string;
  created_at: DefaultedTimestamp;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: DefaultedTimestamp;
  sent_at: Timestamp | null;
  last_error: string | null;
}

// ---- the referral mechanism (0007) ----------------------------------------------------------------------
type TextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface NrmTeamTable {
  id: string;
  kind: string;
  name: string;
  organisation_type: string;
  directory_service_id: string | null;
  email: string | null;
  is_demo: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: DefaultedTimestamp;
}

export interface NrmMemberTable {
  user_id: string;
  team_id: string;
}

export interface NrmCaseTable {
  id: string;
  reference: string;
  kind: string;
  status: string;
  version: ColumnType<number, number | undefined, number>;
  owner_team_id: string;
  origin_team_id: string;
  origin_user_id: string | null;
  municipality_code: string;
  safety_region_code: string;
  police_unit_code: string;
  urgency: string;
  /** Generated from urgency (0 acute, 1 high, 2 normal): the queue's order. */
  urgency_rank: Generated<number>;
  minor: string;
  consent: string;
  legal_ground: string | null;
  gender: ColumnType<string, string | undefined, string>;
  age_group: ColumnType<string, string | undefined, string>;
  citizenship: ColumnType<string, string | undefined, string>;
  forms: TextArray;
  sector: string | null;
  indicators: TextArray;
  methods_of_control: TextArray;
  recruitment: TextArray;
  needs: TextArray;
  summary_enc: string | null;
  triage_due_at: Timestamp | null;
  escalated_at: Timestamp | null;
  reflection_ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  reflection_warned_at: Timestamp | null;
  closed_reason: string | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  triaged_at: Timestamp | null;
  first_referral_at: Timestamp | null;
  placed_at: Timestamp | null;
  closed_at: Timestamp | null;
  anonymised_at: Timestamp | null;
  /** Whether `minor` was given by the professional, derived from the age, or corrected with a reason (0014). */
  minor_source: ColumnType<string, string | undefined, string>;
  vital_interest: ColumnType<boolean, boolean | undefined, boolean>;
  /** The signal form's one-time token (idempotent submission). */
  submission_token: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NrmPersonTable {
  case_id: string;
  name_enc: string | null;
  date_of_birth_enc: string | null;
  contact_enc: string | null;
  special_notes_enc: string | null;
}

export interface NrmCaseEventTable {
  id: Generated<number>;
  case_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_team_id: string | null;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
}

export interface NrmReferralTable {
  id: string;
  case_id: string;
  kind: string;
  service_type: string;
  from_team_id: string;
  to_team_id: string;
  status: string;
  shares_personal_data: boolean;
  legal_ground: string | null;
  reason: string | null;
  created_at: Timestamp;
  created_by: string | null;
  responded_at: Timestamp | null;
  responded_by: string | null;
  response_reason: string | null;
}

/** Consent per recipient team and purpose (0017); a withdrawal is a moment, a person and a sealed note. */
export interface NrmConsentTable {
  id: string;
  case_id: string;
  team_id: string;
  purpose: string;
  answer: string;
  method: string;
  recorded_at: Timestamp;
  recorded_by: string | null;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_by: ColumnType<string | null, string | null | undefined, string | null>;
  withdrawal_note_enc: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NrmCapacityTable {
  team_id: string;
  category: string;
  available: number;
  maximum: number;
  updated_at: Timestamp;
}

export interface NrmCapacityHistoryTable {
  id: Generated<number>;
  team_id: string;
  category: string;
  available: number;
  maximum: number;
  at: Timestamp;
  actor_user_id: string | null;
  reason: string;
}

export interface NrmPlacementTable {
  id: string;
  case_id: string;
  shelter_team_id: string | null;
  category: string;
  status: string;
  requested_at: Timestamp;
  requested_by: string | null;
  responded_at: Timestamp | null;
  responded_by: string | null;
  reason: string | null;
  exited_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  exit_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The shelter's note at the exit, sealed (fieldContext('nrm_placement', 'exit_note_enc', id)). */
  exit_note_enc: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface NrmRegistrationTable {
  pseudonym: string;
  registered_on: ColumnType<string, string, string>;
  gender: string;
  age_group: string;
  citizenship: string;
  forms: TextArray;
  sector: string | null;
  methods_of_control: TextArray;
  recruitment: TextArray;
  referring_org_type: string;
  safety_region_code: string;
  police_unit_code: string;
  minor: string;
  status: string;
  signal_at: Timestamp;
  triage_at: Timestamp | null;
  first_referral_at: Timestamp | null;
  placement_at: Timestamp | null;
  closed_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface NrmAccessGrantTable {
  id: string;
  case_id: string;
  user_id: string;
  reason: string;
  granted_at: Timestamp;
  expires_at: Timestamp;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
}

// ---- referral-mechanism notifications (0010) ----------------------------------------------------------
export interface NrmNotificationTable {
  id: Generated<number>;
  team_id: string;
  case_id: string;
  kind: string;
  roles: string[] | null;
  created_at: Timestamp;
}

/** Tables whose rows from before migration 0019 still need their free text sealed (see seal-existing.ts). */
export interface NrmSealingPendingTable {
  table_name: string;
}

export interface NrmNotificationSeenTable {
  user_id: string;
  seen_at: Timestamp;
}

// ---- the programme monitor (0009) ---------------------------------------------------------------------
type MonitorTextArray = ColumnType<string[], string[] | undefined, string[]>;

export interface MonitorOrganisationTable {
  id: string;
  name: string;
  created_at: DefaultedTimestamp;
}

export interface MonitorUserOrganisationTable {
  user_id: string;
  organisation_id: string;
}

export interface MonitorActionLineTable {
  id: string;
  code: string;
  title: string;
  position: number;
  source: ColumnType<string, string | undefined, string>;
}

export interface MonitorActionTable {
  id: string;
  line_id: string;
  code: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  owner_organisation_id: string;
  status: ColumnType<string, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface MonitorActionPartnerTable {
  action_id: string;
  organisation_id: string;
}

export interface MonitorMilestoneTable {
  id: string;
  action_id: string;
  title: string;
  /** date: an ISO string (yyyy-mm-dd). */
  planned_date: string | null;
  actual_date: string | null;
  source: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
}

export interface MonitorIndicatorTable {
  id: string;
  action_id: string;
  name: string;
  unit: ColumnType<string, string | undefined, string>;
  min_value: number | null;
  max_value: number | null;
  position: ColumnType<number, number | undefined, number>;
}

export interface MonitorRoundTable {
  id: string;
  name: string;
  letter: ColumnType<string, string | undefined, string>;
  opened_on: string;
  deadline: string;
  status: ColumnType<string, string | undefined, string>;
  opened_by: string | null;
  locked_at: Timestamp | null;
  locked_by: string | null;
  created_at: DefaultedTimestamp;
}

export interface MonitorRoundEntryTable {
  round_id: string;
  action_id: string;
  action_code: string;
  action_title: string;
  line_code: string;
  line_title: string;
  line_position: number;
  action_position: number;
  owner_organisation_id: string;
  owner_name: string;
  status: string;
  narrative: ColumnType<string, string | undefined, string>;
  review_state: ColumnType<string, string | undefined, string>;
  review_note: ColumnType<string, string | undefined, string>;
  updated_by: string | null;
  updated_at: Timestamp | null;
}

export interface MonitorIndicatorValueTable {
  id: string;
  indicator_id: string;
  round_id: string | null;
  period: string;
  value: number;
  note: ColumnType<string, string | undefined, string>;
  recorded_at: DefaultedTimestamp;
}

export interface MonitorReminderTable {
  round_id: string;
  organisation_id: string;
  sent_on: string;
  recipients: number;
}

export interface MonitorCommitmentTable {
  id: string;
  kind: string;
  number: ColumnType<string, string | undefined, string>;
  title: string;
  made_on: string | null;
  summary: string;
  owner_organisation_id: string | null;
  status: ColumnType<string, string | undefined, string>;
  answered_in: ColumnType<string, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

export interface MonitorCommitmentActionTable {
  commitment_id: string;
  action_id: string;
}

export interface MonitorCampaignTable {
  id: string;
  name: string;
  organisation: string;
  start_year: number;
  end_year: number | null;
  forms: MonitorTextArray;
  audiences: MonitorTextArray;
  sectors: MonitorTextArray;
  languages: MonitorTextArray;
  channels: MonitorTextArray;
  reach: number | null;
  impact_indicator: ColumnType<string, string | undefined, string>;
  impact_baseline: ColumnType<string, string | undefined, string>;
  impact_result: ColumnType<string, string | undefined, string>;
  impact_method: ColumnType<string, string | undefined, string>;
  impact_source: ColumnType<string, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

// ---- stats: the data hub (0008) ----------------------------------------------------------------------
export interface StatsDatasetTable {
  name: string;
  title: string;
  format: string;
  k: ColumnType<number, number | undefined, number>;
  rounding_base: number | null;
  max_length: ColumnType<number, number | undefined, number>;
  cube_columns: Json | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  built_in: ColumnType<boolean, boolean | undefined, boolean>;
  /** The ceiling's ε as an administrator gave it (0011); null until one sets it. */
  epsilon_budget: number | null;
  delta_budget: ColumnType<number, number | undefined, number>;
  /** zCDP budget and spending (0011). */
  rho_budget: ColumnType<number, number | undefined, number>;
  rho_spent: ColumnType<number, number | undefined, number>;
  row_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The last suppression audit (0012), see src/modules/stats/audit.ts. */
  audit: Json | null;
}

export interface StatsDatasetColumnTable {
  dataset: string;
  position: number;
  name: string;
  values: Json;
  codes: Buffer;
}

export interface StatsReleaseTable {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  /** The release's zCDP cost (0011). */
  rho: number;
  reporting_length: number;
  record_count: number;
  noise: Json;
  /** Against the noisy marginals (public); null for releases before 0011. */
  utility: Json | null;
  /** Against the sensitive data, with the leakage figures (stewards only; 0011). */
  exact_utility: Json | null;
  /** minimize | uncontrolled (0011). */
  fabrication: string;
  synthetic_csv: string;
  aggregates_csv: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface StatsBudgetChangeTable {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  rho: number;
  reason: string;
  set_by: string | null;
  created_at: Timestamp;
}

export interface MonitorExpertTable {
  id: string;
  pseudonym: string;
  /** Plaintext of a row written before migration 0020, until the sealing step; null afterwards. */
  real_name: ColumnType<string | null, string | null | undefined, string | null>;
  contact: ColumnType<string | null, string | null | undefined, string | null>;
  /** Field-encrypted (fieldContext('monitor_expert', column, id)). */
  real_name_enc: ColumnType<string | null, string | null | undefined, string | null>;
  contact_enc: ColumnType<string | null, string | null | undefined, string | null>;
  forms: MonitorTextArray;
  minors: ColumnType<boolean, boolean | undefined, boolean>;
  labour_migration: ColumnType<boolean, boolean | undefined, boolean>;
  languages: MonitorTextArray;
  available: ColumnType<boolean, boolean | undefined, boolean>;
  hours_per_month: number | null;
  created_at: DefaultedTimestamp;
}

export interface MonitorRateTable {
  code: string;
  description: string;
  hourly_rate: number;
}

export interface MonitorAssignmentTable {
  id: string;
  organisation_id: string;
  requested_by: string | null;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  forms: MonitorTextArray;
  minors: ColumnType<boolean, boolean | undefined, boolean>;
  labour_migration: ColumnType<boolean, boolean | undefined, boolean>;
  languages: MonitorTextArray;
  hours_estimated: number;
  rate_code: string | null;
  status: ColumnType<string, string | undefined, string>;
  expert_id: string | null;
  assigned_at: Timestamp | null;
  hours_worked: number | null;
  payment_status: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

export interface MonitorMirrorMeetingTable {
  id: string;
  held_on: string;
  participants: number;
  topics: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

export interface MonitorMirrorAdviceTable {
  id: string;
  meeting_id: string;
  line_id: string | null;
  summary: string;
  solicited: ColumnType<boolean, boolean | undefined, boolean>;
  response_status: ColumnType<string, string | undefined, string>;
  response: ColumnType<string, string | undefined, string>;
  responded_on: string | null;
  created_at: DefaultedTimestamp;
}

export interface Database {
  schema_migration: SchemaMigrationTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_identity: UserIdentityTable;
  user_session: UserSessionTable;
  auth_throttle: AuthThrottleTable;
  auth_form_draft: AuthFormDraftTable;
  auth_expired_session: AuthExpiredSessionTable;
  auth_client_address: AuthClientAddressTable;
  audit_event: AuditEventTable;
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
  guide_rule_set: GuideRuleSetTable;
  mail_outbox: MailOutboxTable;
  nrm_team: NrmTeamTable;
  nrm_member: NrmMemberTable;
  nrm_case: NrmCaseTable;
  nrm_person: NrmPersonTable;
  nrm_case_event: NrmCaseEventTable;
  nrm_referral: NrmReferralTable;
  nrm_consent: NrmConsentTable;
  nrm_capacity: NrmCapacityTable;
  nrm_capacity_history: NrmCapacityHistoryTable;
  nrm_placement: NrmPlacementTable;
  nrm_registration: NrmRegistrationTable;
  nrm_access_grant: NrmAccessGrantTable;
  nrm_notification: NrmNotificationTable;
  nrm_notification_seen: NrmNotificationSeenTable;
  nrm_sealing_pending: NrmSealingPendingTable;
  monitor_organisation: MonitorOrganisationTable;
  monitor_user_organisation: MonitorUserOrganisationTable;
  monitor_action_line: MonitorActionLineTable;
  monitor_action: MonitorActionTable;
  monitor_action_partner: MonitorActionPartnerTable;
  monitor_milestone: MonitorMilestoneTable;
  monitor_indicator: MonitorIndicatorTable;
  monitor_round: MonitorRoundTable;
  monitor_round_entry: MonitorRoundEntryTable;
  monitor_indicator_value: MonitorIndicatorValueTable;
  monitor_reminder: MonitorReminderTable;
  monitor_commitment: MonitorCommitmentTable;
  monitor_commitment_action: MonitorCommitmentActionTable;
  monitor_campaign: MonitorCampaignTable;
  monitor_expert: MonitorExpertTable;
  monitor_rate: MonitorRateTable;
  monitor_assignment: MonitorAssignmentTable;
  monitor_mirror_meeting: MonitorMirrorMeetingTable;
  monitor_mirror_advice: MonitorMirrorAdviceTable;
  stats_dataset: StatsDatasetTable;
  stats_dataset_column: StatsDatasetColumnTable;
  stats_release: StatsReleaseTable;
  stats_budget_change: StatsBudgetChangeTable;
}
