// The national referral mechanism's tables (0007, notifications 0010, and later referral migrations).
// Part of `Database` (src/db/schema.ts); kept in step with the migrations by hand (schema.db.test.ts checks it).
import type { ColumnType, Generated } from 'kysely';
import type { DefaultedTimestamp, TextArray, Timestamp } from './columns.js';

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
  /** 0028: the case worker, a member of the owning team. */
  case_worker_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** A merged case (closed_reason "merged"): the case that continues (migration 0032). */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  /** Whether `minor` was given by the professional, derived from the age, or corrected with a reason (0014). */
  minor_source: ColumnType<string, string | undefined, string>;
  vital_interest: ColumnType<boolean, boolean | undefined, boolean>;
  /** The signal form's one-time token (idempotent submission). */
  submission_token: ColumnType<string | null, string | null | undefined, string | null>;
  /** 0035: when the next identification decision is due and its type (identification/next-due-repository.ts); null: none. */
  next_decision_due_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  next_decision_code: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What the stored next decisions were computed from (0035): the types' hash and the calendar's version. One row. */
export interface NrmNextDecisionBasisTable {
  id: ColumnType<boolean, boolean | undefined, boolean>;
  fingerprint: string;
  computed_at: Timestamp;
}

export interface NrmPersonTable {
  case_id: string;
  name_enc: string | null;
  date_of_birth_enc: string | null;
  contact_enc: string | null;
  special_notes_enc: string | null;
  /** The languages the person speaks: ISO 639-1 codes and "other", comma-separated, sealed (migration 0032). */
  languages_enc: ColumnType<string | null, string | null | undefined, string | null>;
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
  /** 0028: delivered / refused / not_reachable, once an accepted referral is closed. */
  outcome: ColumnType<string | null, string | null | undefined, string | null>;
  outcome_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  outcome_by: ColumnType<string | null, string | null | undefined, string | null>;
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

/** A decision type (0026): configured as data; who may take it, its deadline in working days, what starts it. */
export interface NrmDecisionTypeTable {
  code: string;
  position: number;
  name: string;
  decider_roles: string[];
  deadline_working_days: number;
  after_code: string | null;
  reconsiders: ColumnType<boolean, boolean | undefined, boolean>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

/** A decision about the person, or a reconsideration waiting for one (0026); the reasons sealed. */
export interface NrmDecisionTable {
  id: string;
  case_id: string;
  type_code: string;
  reconsiders_id: string | null;
  requested_at: Timestamp | null;
  requested_by: string | null;
  due_at: Timestamp;
  outcome: string | null;
  reasons_enc: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decided_team_id: string | null;
}

type DateColumn = ColumnType<string | null, string | null | undefined, string | null>;

/** The support and criminal-justice track of a case (0027): recovery period, aangifte, B8, legal aid. */
export interface NrmSupportTable {
  case_id: string;
  recovery_starts_on: DateColumn;
  recovery_ends_on: DateColumn;
  recovery_warned_at: Timestamp | null;
  aangifte: string | null;
  aangifte_on: DateColumn;
  aangifte_place_enc: string | null;
  b8_applied_on: DateColumn;
  b8_outcome: string | null;
  b8_decided_on: DateColumn;
  legal_aid_on: DateColumn;
  legal_aid_enc: string | null;
  updated_at: Timestamp;
  updated_by: string | null;
}

/** What a recipient role sees of the person, per purpose (migration 0029; issue 20 point 4). */
export interface NrmFieldScopeTable {
  role: string;
  purpose: string;
  field: string;
}

/** The children's route of a minor's case: notices, the guardian's clock and the guardian (migration 0029). */
export interface NrmGuardianTable {
  case_id: string;
  started_at: Timestamp;
  due_at: Timestamp;
  reminded_at: Timestamp | null;
  guardian_notice: string;
  guardian_team_id: string | null;
  veilig_thuis_notice: string;
  veilig_thuis_team_id: string | null;
  organisation_enc: string | null;
  appointed_on: DateColumn;
  recorded_at: Timestamp | null;
  recorded_by: string | null;
}

/** A keyed hash of one blocking key of a case's person (0030): never a name or date in the clear. */
export interface NrmMatchKeyTable {
  case_id: string;
  match_key: string;
}

/** A candidate pair of cases for one person (case_a < case_b), its score and reasons, and the decision (0030). */
export interface NrmDuplicateTable {
  case_a: string;
  case_b: string;
  score: number;
  reasons: TextArray;
  found_at: Timestamp;
  outcome: string | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** A task of a case plan (0028): its title sealed, an owner in the team, a due date; done, or cancelled (0034). */
export interface NrmTaskTable {
  id: string;
  case_id: string;
  team_id: string;
  title_enc: string | null;
  owner_user_id: string;
  due_on: ColumnType<string, string, string>;
  done_at: Timestamp | null;
  done_by: string | null;
  created_at: Timestamp;
  created_by: string | null;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  /** A code of casework/service.ts TASK_CANCEL_REASONS. */
  cancelled_reason: string | null;
}

export interface ReferralTables {
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
  nrm_decision_type: NrmDecisionTypeTable;
  nrm_decision: NrmDecisionTable;
  nrm_support: NrmSupportTable;
  nrm_field_scope: NrmFieldScopeTable;
  nrm_guardian: NrmGuardianTable;
  nrm_match_key: NrmMatchKeyTable;
  nrm_duplicate: NrmDuplicateTable;
  nrm_task: NrmTaskTable;
  nrm_next_decision_basis: NrmNextDecisionBasisTable;
}
