-- Forms never lose work, no loose ends (issue 18, points 5 and 6).

-- A form posted after the session expired, kept for the account that must sign in again: the typed values are
-- sealed with the field encryption (bound to this row), never in a URL or a cookie; deleted when taken back or
-- when expired (auth.retention). The path is the form's action, so the page can show that form again.
create table auth_form_draft (
  id uuid primary key,
  user_id uuid not null references app_user (id) on delete cascade,
  path text not null,
  values_enc text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index auth_form_draft_user_idx on auth_form_draft (user_id);
create index auth_form_draft_expires_idx on auth_form_draft (expires_at);

-- A shelter's exit step: the optional note is free text about the person, sealed like nrm_person's fields.
alter table nrm_placement add column exit_note_enc text;

-- A session that ended (idle or absolute timeout, swept or seen expired) is remembered for a while by the hash of
-- its cookie token only, so a form posted with that cookie and that session's CSRF token can be kept for its
-- account (auth_form_draft). It signs nobody in; the retention job deletes it after 12 hours.
create table auth_expired_session (
  id_hash text primary key,
  user_id uuid not null references app_user (id) on delete cascade,
  expired_at timestamptz not null
);
create index auth_expired_session_at_idx on auth_expired_session (expired_at);
