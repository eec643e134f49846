// The programme monitor's tables: the plan, reporting rounds, commitments and campaigns (0009), the expert
// pool and the mirror group.
// Part of `Database` (src/db/schema.ts); kept in step with the migrations by hand (schema.db.test.ts checks it).
import type { ColumnType } from 'kysely';
import type { DefaultedTimestamp, Json, TextArray, Timestamp } from './columns.js';

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
  /** A co-holder (mede-actiehouder) the letter names beside the owner (0025). */
  holder: ColumnType<boolean, boolean | undefined, boolean>;
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
  /** The narrative was carried over and its owner has not confirmed or rewritten it yet (0025). */
  narrative_carried: ColumnType<boolean, boolean | undefined, boolean>;
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
  forms: TextArray;
  audiences: TextArray;
  sectors: TextArray;
  languages: TextArray;
  channels: TextArray;
  reach: number | null;
  impact_indicator: ColumnType<string, string | undefined, string>;
  impact_baseline: ColumnType<string, string | undefined, string>;
  impact_result: ColumnType<string, string | undefined, string>;
  impact_method: ColumnType<string, string | undefined, string>;
  impact_source: ColumnType<string, string | undefined, string>;
  source: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
  /** Migration 0024: the version an edit must match; withdrawal kept with its reason. */
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_reason: ColumnType<string, string | undefined, string>;
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
  forms: TextArray;
  minors: ColumnType<boolean, boolean | undefined, boolean>;
  labour_migration: ColumnType<boolean, boolean | undefined, boolean>;
  languages: TextArray;
  available: ColumnType<boolean, boolean | undefined, boolean>;
  hours_per_month: number | null;
  created_at: DefaultedTimestamp;
  /** Migration 0023: consent and retention dates, erasure, the version an edit must match (raised by each change). */
  consent_on: string | null;
  retain_until: string | null;
  erased_at: Timestamp | null;
  version: ColumnType<number, number | undefined, number>;
}

/** A line of the rate card; its rates over time are in monitor_rate_period (migration 0023). */
export interface MonitorRateTable {
  code: string;
  description: string;
}

export interface MonitorRatePeriodTable {
  code: string;
  effective_from: string;
  hourly_rate_cents: number;
  created_at: DefaultedTimestamp;
  created_by: string | null;
}

export interface MonitorAllowanceLimitTable {
  year: number;
  monthly_cents: number;
  yearly_cents: number;
}

export interface MonitorAssignmentEventTable {
  id: string;
  seq: ColumnType<string, never, never>;
  assignment_id: string;
  at: Timestamp;
  actor_user_id: string | null;
  kind: string;
  expert_id: string | null;
  note: ColumnType<string, string | undefined, string>;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface MonitorAssignmentTable {
  id: string;
  organisation_id: string;
  requested_by: string | null;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  forms: TextArray;
  minors: ColumnType<boolean, boolean | undefined, boolean>;
  labour_migration: ColumnType<boolean, boolean | undefined, boolean>;
  languages: TextArray;
  hours_estimated: number;
  rate_code: string | null;
  status: ColumnType<string, string | undefined, string>;
  expert_id: string | null;
  assigned_at: Timestamp | null;
  hours_worked: number | null;
  payment_status: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
  /** Migration 0023: the fee fixed in cents when the hours are recorded, the payment stored. */
  worked_on: string | null;
  rate_cents: number | null;
  rate_effective_from: string | null;
  fee_cents: number | null;
  paid_cents: number | null;
  paid_on: string | null;
  expert_answer: string | null;
  version: ColumnType<number, number | undefined, number>;
}

export interface MonitorMirrorMeetingTable {
  id: string;
  held_on: string;
  participants: number;
  topics: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
  /** Migration 0024: the version an edit must match; withdrawal kept with its reason. */
  version: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  withdrawn_reason: ColumnType<string, string | undefined, string>;
}

/** Migration 0024: the mirror group's members, by pseudonym only. */
export interface MonitorMirrorMemberTable {
  id: string;
  pseudonym: string;
  joined_on: string;
  left_on: string | null;
  version: ColumnType<number, number | undefined, number>;
  created_at: DefaultedTimestamp;
  updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MonitorMirrorAttendanceTable {
  meeting_id: string;
  member_id: string;
}

/** Migration 0024: every correction, withdrawal and restoration of a campaign, meeting or member. */
export interface MonitorRecordRevisionTable {
  id: string;
  entity_type: string;
  entity_id: string;
  kind: string;
  version: number;
  fields: TextArray;
  previous: ColumnType<unknown, string | undefined, string>;
  reason: ColumnType<string, string | undefined, string>;
  actor_user_id: string | null;
  changed_at: Date;
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

export interface MonitorTables {
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
  monitor_rate_period: MonitorRatePeriodTable;
  monitor_allowance_limit: MonitorAllowanceLimitTable;
  monitor_assignment: MonitorAssignmentTable;
  monitor_assignment_event: MonitorAssignmentEventTable;
  monitor_mirror_meeting: MonitorMirrorMeetingTable;
  monitor_mirror_advice: MonitorMirrorAdviceTable;
  monitor_round_snapshot: MonitorRoundSnapshotTable;
  monitor_mirror_member: MonitorMirrorMemberTable;
  monitor_mirror_attendance: MonitorMirrorAttendanceTable;
  monitor_record_revision: MonitorRecordRevisionTable;
}

/** What a locked round froze for its annex (0025): written once when locking, never changed. */
export interface MonitorRoundSnapshotTable {
  round_id: string;
  commitments: Json;
  milestones: Json;
  holders: Json;
  created_at: DefaultedTimestamp;
}
