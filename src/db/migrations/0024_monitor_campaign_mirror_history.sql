-- Campaigns and the mirror group can be corrected and withdrawn with their history kept (issue 21 point 3).
--
-- Campaigns: edited (an impact measurement added later, a campaign running over several years) with the version
-- the form was opened on; withdrawn (kept, with the reason, out of the counts) and put back. Only campaigns in
-- force must be unique by name, organisation and first year.
--
-- The mirror group: a roster of its members (by pseudonym only: the real identities stay in the expert pool,
-- sealed) with the day each joined and left; attendance per meeting; meetings corrected and withdrawn.
--
-- Every correction, withdrawal and restoration is a row of monitor_record_revision with the names of the fields
-- it changed and the values they had before (campaign and meeting texts and member pseudonyms: no real names).

alter table monitor_campaign
  add column version integer not null default 1,
  add column updated_at timestamptz,
  add column withdrawn_at timestamptz,
  add column withdrawn_reason text not null default '',
  add constraint monitor_campaign_version check (version >= 1),
  add constraint monitor_campaign_withdrawn_reason check (withdrawn_at is null or length(withdrawn_reason) between 3 and 500);
drop index monitor_campaign_key;
create unique index monitor_campaign_key on monitor_campaign (lower(name), lower(organisation), start_year)
  where withdrawn_at is null;

alter table monitor_mirror_meeting
  add column version integer not null default 1,
  add column updated_at timestamptz,
  add column withdrawn_at timestamptz,
  add column withdrawn_reason text not null default '',
  add constraint monitor_mirror_meeting_version check (version >= 1),
  add constraint monitor_mirror_meeting_withdrawn_reason check (withdrawn_at is null or length(withdrawn_reason) between 3 and 500);

create table monitor_mirror_member (
  id uuid primary key,
  pseudonym text not null,
  joined_on date not null,
  left_on date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz,
  constraint monitor_mirror_member_pseudonym check (length(pseudonym) between 2 and 80),
  constraint monitor_mirror_member_dates check (left_on is null or left_on >= joined_on),
  constraint monitor_mirror_member_version check (version >= 1)
);
create unique index monitor_mirror_member_pseudonym on monitor_mirror_member (lower(pseudonym));

create table monitor_mirror_attendance (
  meeting_id uuid not null references monitor_mirror_meeting (id) on delete restrict,
  member_id uuid not null references monitor_mirror_member (id) on delete restrict,
  primary key (meeting_id, member_id)
);
create index monitor_mirror_attendance_member on monitor_mirror_attendance (member_id);

create table monitor_record_revision (
  id uuid primary key,
  entity_type text not null,
  entity_id uuid not null,
  kind text not null,
  version integer not null,
  fields text[] not null default '{}',
  -- The values the changed fields had before (not personal: campaign and meeting texts, member pseudonyms).
  previous jsonb not null default '{}'::jsonb,
  reason text not null default '',
  actor_user_id uuid references app_user (id) on delete set null,
  changed_at timestamptz not null,
  constraint monitor_record_revision_entity check (entity_type in ('monitor_campaign', 'monitor_mirror_meeting', 'monitor_mirror_member')),
  constraint monitor_record_revision_kind check (kind in ('created', 'edited', 'withdrawn', 'restored'))
);
create index monitor_record_revision_entity on monitor_record_revision (entity_type, entity_id, changed_at);
