-- Platform: accounts, identities, sessions, the audit trail.

create table role (
  code text primary key,
  -- Whether holders can see personal data: such roles must use a second factor.
  sees_personal_data boolean not null default false
);

insert into role (code, sees_personal_data) values ('admin', true), ('directory_steward', false);

create table app_user (
  id uuid primary key,
  email text not null,
  display_name text not null,
  role text not null references role (code),
  password_hash text,
  -- TOTP secret, encrypted with the platform encryption key (AES-256-GCM); null until enrolled.
  totp_secret_enc text,
  totp_enabled_at timestamptz,
  -- The last TOTP time step accepted, so a code cannot be replayed within its window.
  totp_last_step bigint,
  failed_login_count integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint app_user_email_lowercase check (email = lower(email))
);
create unique index app_user_email_key on app_user (email);

-- Ready for OpenID Connect: a user can be linked to identities at external providers (issuer + subject).
create table user_identity (
  provider text not null,
  subject text not null,
  user_id uuid not null references app_user (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (provider, subject)
);

create table user_session (
  -- sha256 of the token in the cookie: a stolen database backup does not yield live sessions.
  id_hash text primary key,
  user_id uuid not null references app_user (id) on delete cascade,
  -- false while the second factor is still to be given.
  mfa_passed boolean not null default false,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index user_session_user_idx on user_session (user_id);
create index user_session_expires_idx on user_session (expires_at);

-- Every access to personal data and every change made by a signed-in user. Append-only; each entry carries the
-- hash of the previous one so that tampering is detectable.
create table audit_event (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_user_id uuid references app_user (id) on delete set null,
  action text not null,
  entity_type text not null,
  entity_id text,
  detail jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_event_entity_idx on audit_event (entity_type, entity_id);
create index audit_event_actor_idx on audit_event (actor_user_id, at);
