// The platform's tables: accounts, identities, sessions and sign-in throttling, kept forms, the audit trail,
// the migrations applied, and the mail outbox (migrations 0001–0006 and later platform ones).
// Part of `Database` (src/db/schema.ts); kept in step with the migrations by hand (schema.db.test.ts checks it).
import type { ColumnType, Generated } from 'kysely';
import type { DefaultedTimestamp, Json, Timestamp } from './columns.js';

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
  /** Migration 0022: 'admin' or 'group' (an approved group mapping, withdrawn when the group is absent). */
  granted_via: ColumnType<string, string | undefined, string>;
  granted_group: string | null;
}

// ---- OpenID Connect sign-in (migration 0022, src/platform/auth/oidc) ----
export interface OidcProviderTable {
  id: string;
  display_name: string;
  issuer: string;
  client_id: string;
  client_auth: string;
  secret_source: string;
  name_claims: Json;
  email_claim: string | null;
  groups_claim: string | null;
  allowed_roles: Json;
  group_roles: Json;
  mfa_acr: Json;
  mfa_amr: Json;
  acr_values: string | null;
  created_at: Timestamp;
}
export interface OidcLoginStateTable {
  state_hash: string;
  presession_hash: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  next_path: string | null;
  created_at: Timestamp;
  used_at: Timestamp | null;
}
export interface OidcSessionTable {
  session_id_hash: string;
  user_id: string;
  provider_id: string;
  subject: string;
  sid: string | null;
  id_token_enc: string;
  created_at: Timestamp;
}
export interface OidcLogoutJtiTable {
  provider_id: string;
  jti: string;
  seen_at: Timestamp;
}
export interface AuthSettingTable {
  name: string;
  value: string;
}
// ---- end of OpenID Connect ----

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

export interface SchemaMigrationTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: DefaultedTimestamp;
}

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

export interface PlatformTables {
  schema_migration: SchemaMigrationTable;
  role: RoleTable;
  app_user: AppUserTable;
  user_identity: UserIdentityTable;
  oidc_provider: OidcProviderTable;
  oidc_login_state: OidcLoginStateTable;
  oidc_session: OidcSessionTable;
  oidc_logout_jti: OidcLogoutJtiTable;
  auth_setting: AuthSettingTable;
  user_session: UserSessionTable;
  auth_throttle: AuthThrottleTable;
  auth_form_draft: AuthFormDraftTable;
  auth_expired_session: AuthExpiredSessionTable;
  auth_client_address: AuthClientAddressTable;
  audit_event: AuditEventTable;
  mail_outbox: MailOutboxTable;
}
