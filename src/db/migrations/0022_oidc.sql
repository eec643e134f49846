-- Staff sign-in through the organisation's identity provider (issue 17): OpenID Connect providers, the
-- pre-session state of a sign-in in progress, the provider session behind a Samen session (back-channel logout),
-- logout tokens already seen (replay), and how an identity was granted access.

-- One row per provider (an organisation's, or a broker). The client secret is never stored: `secret_source` names
-- where it is read at run time ('file:/path' or 'env:NAME'); likewise the private key for private_key_jwt.
create table oidc_provider (
  id text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  display_name text not null,
  issuer text not null unique,
  client_id text not null,
  client_auth text not null check (client_auth in ('client_secret_basic', 'client_secret_post', 'private_key_jwt')),
  secret_source text not null check (secret_source ~ '^(file|env):.+'),
  -- The claims that name the person, in order of preference (the first present is the display name).
  name_claims jsonb not null,
  email_claim text,
  groups_claim text,
  -- The roles this provider may ever lead to, and the approved mapping group -> role (a subset of those).
  allowed_roles jsonb not null,
  group_roles jsonb not null,
  -- What counts as multi-factor: an `acr` in the first list or an `amr` in the second.
  mfa_acr jsonb not null,
  mfa_amr jsonb not null,
  -- Sent as acr_values in the authorization request (the NL GOV profile's required assurance), or null.
  acr_values text,
  created_at timestamptz not null
);

-- A sign-in in progress: found by the sha256 of `state`, bound to the browser's pre-session cookie (sha256),
-- used once (used_at set with a conditional update), valid for 10 minutes.
create table oidc_login_state (
  state_hash text primary key,
  presession_hash text not null,
  provider_id text not null references oidc_provider (id) on delete cascade,
  nonce text not null,
  code_verifier text not null,
  next_path text,
  created_at timestamptz not null,
  used_at timestamptz
);
create index oidc_login_state_created_idx on oidc_login_state (created_at);

-- The provider session behind a Samen session: back-channel logout ends every Samen session of the account bound
-- to the logged-out (issuer, subject), found by `sid` or `sub`; the sealed ID token is the id_token_hint of
-- RP-initiated logout. Not a foreign key to user_session: the second factor replaces the session (new token) and
-- the provider session must still be found; rows older than a session's absolute lifetime are purged.
create table oidc_session (
  session_id_hash text primary key,
  user_id uuid not null references app_user (id) on delete cascade,
  provider_id text not null references oidc_provider (id) on delete cascade,
  subject text not null,
  sid text,
  id_token_enc text not null,
  created_at timestamptz not null
);
create index oidc_session_sid_idx on oidc_session (provider_id, sid);
create index oidc_session_user_idx on oidc_session (user_id, created_at);
create index oidc_session_created_idx on oidc_session (created_at);

-- Logout tokens seen (jti), per provider: a replayed one is refused. Kept for a day (auth.retention).
create table oidc_logout_jti (
  provider_id text not null references oidc_provider (id) on delete cascade,
  jti text not null,
  seen_at timestamptz not null,
  primary key (provider_id, jti)
);

-- How an identity got access in Samen: granted by an administrator ('admin') or by an approved group mapping
-- ('group', with the group's name): a group-granted identity loses access when the group is absent.
alter table user_identity add column granted_via text not null default 'admin' check (granted_via in ('admin', 'group'));
alter table user_identity add column granted_group text;

-- Settings of the sign-in: 'local_signin' = 'everyone' | 'admins' (local passwords only for administrators).
create table auth_setting (
  name text primary key,
  value text not null
);
