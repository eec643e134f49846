-- The referral mechanism (nationaal verwijzingsmechanisme): teams, cases from signal to placement, referrals and
-- transfers, shelter places, the pseudonymised national registration and break-the-glass access. Every role
-- here sees case data or the audit trail, so every one of them needs a second factor.
insert into role (code, sees_personal_data) values
  ('nrm_professional', true),
  ('nrm_coordinator', true),
  ('nrm_regional_lead', true),
  ('nrm_national', true),
  ('nrm_shelter', true),
  ('privacy_officer', true);

-- An organisation's unit that takes part: first-line professionals, a regional care coordination, a shelter,
-- CoMensha. A coordination team's region is the coverage of its directory service, so routing follows the
-- directory (the one list stewards keep right).
create table nrm_team (
  id uuid primary key,
  kind text not null check (kind in ('first_line', 'care_coordination', 'shelter', 'national')),
  name text not null,
  -- The registration's "type of referring organisation" (HTCDS): police, labour_inspection, youth_care, ...
  organisation_type text not null,
  directory_service_id uuid references service (id) on delete set null,
  -- Functional mailbox for notifications (a link only, never case content); members are mailed when empty.
  email text,
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create index nrm_team_kind_idx on nrm_team (kind);

create table nrm_member (
  user_id uuid primary key references app_user (id) on delete cascade,
  team_id uuid not null references nrm_team (id) on delete cascade
);
create index nrm_member_team_idx on nrm_member (team_id);

create sequence nrm_case_number;

create table nrm_case (
  id uuid primary key,
  reference text not null unique,
  kind text not null check (kind in ('signal', 'consult')),
  status text not null check (
    status in ('received', 'triage', 'assessment', 'referral', 'placement', 'follow_up', 'closed')
  ),
  -- Optimistic concurrency: every change names the version it was made on.
  version integer not null default 1,
  owner_team_id uuid not null references nrm_team (id),
  origin_team_id uuid not null references nrm_team (id),
  origin_user_id uuid references app_user (id) on delete set null,
  municipality_code text not null references municipality (code),
  safety_region_code text not null references safety_region (code),
  police_unit_code text not null references police_unit (code),
  urgency text not null check (urgency in ('acute', 'high', 'normal')),
  -- The queue's order (most urgent first), as a column so an index can serve it.
  urgency_rank smallint generated always as (
    case urgency when 'acute' then 0 when 'high' then 1 else 2 end
  ) stored,
  minor text not null check (minor in ('yes', 'no', 'unknown')),
  consent text not null check (consent in ('yes', 'no', 'not_asked')),
  -- Why personal data may be shared: recorded consent, or a legal ground without it.
  legal_ground text check (legal_ground in ('consent', 'minor', 'vital_interest')),
  gender text not null default 'unknown' check (gender in ('female', 'male', 'other', 'unknown')),
  age_group text not null default 'unknown',
  citizenship text not null default 'unknown',
  forms text[] not null default '{}',
  sector text,
  indicators text[] not null default '{}',
  methods_of_control text[] not null default '{}',
  recruitment text[] not null default '{}',
  needs text[] not null default '{}',
  -- What the professional saw, in their words: may hold personal data, so encrypted in the application.
  summary_enc text,
  triage_due_at timestamptz,
  escalated_at timestamptz,
  reflection_ends_on date,
  reflection_warned_at timestamptz,
  closed_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  triaged_at timestamptz,
  first_referral_at timestamptz,
  placed_at timestamptz,
  closed_at timestamptz,
  anonymised_at timestamptz
);
create index nrm_case_owner_idx on nrm_case (owner_team_id, status, created_at);
-- The coordinator's queue: open cases of a team (a small share of all cases once the years add up).
create index nrm_case_open_idx on nrm_case (owner_team_id, urgency_rank, created_at) where status <> 'closed';
create index nrm_case_origin_idx on nrm_case (origin_team_id, created_at);
create index nrm_case_due_idx on nrm_case (triage_due_at) where status = 'received';
create index nrm_case_closed_idx on nrm_case (closed_at) where status = 'closed' and anonymised_at is null;

-- Who the case is about. Only what is needed; a case can start without a name. Encrypted in the application.
create table nrm_person (
  case_id uuid primary key references nrm_case (id) on delete cascade,
  name_enc text,
  date_of_birth_enc text,
  contact_enc text,
  -- Health and other special-category notes (AVG art. 9).
  special_notes_enc text
);

-- Every step: who, when, why. Reasons may name people, so they are wiped when the case is anonymised.
create table nrm_case_event (
  id bigserial primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  at timestamptz not null,
  actor_user_id uuid references app_user (id) on delete set null,
  actor_team_id uuid references nrm_team (id) on delete set null,
  kind text not null,
  from_status text,
  to_status text,
  reason text
);
create index nrm_case_event_case_idx on nrm_case_event (case_id, id);

-- Refer (the receiver gets access; can be withdrawn) and transfer (the receiver becomes the owner on accept).
create table nrm_referral (
  id uuid primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  kind text not null check (kind in ('refer', 'transfer')),
  service_type text not null check (
    service_type in ('care', 'shelter', 'legal_aid', 'police_report', 'interpreter', 'coordination')
  ),
  from_team_id uuid not null references nrm_team (id),
  to_team_id uuid not null references nrm_team (id),
  status text not null check (status in ('pending', 'accepted', 'declined', 'withdrawn')),
  shares_personal_data boolean not null,
  legal_ground text check (legal_ground in ('consent', 'minor', 'vital_interest')),
  reason text,
  created_at timestamptz not null,
  created_by uuid references app_user (id) on delete set null,
  responded_at timestamptz,
  responded_by uuid references app_user (id) on delete set null,
  response_reason text
);
create index nrm_referral_case_idx on nrm_referral (case_id);
create index nrm_referral_to_idx on nrm_referral (to_team_id, status);

-- Shelter places per category. The live numbers are also published as HSDS service_capacity through the
-- directory; this table is the shelter's own statement and every change is kept in the history.
create table nrm_capacity (
  team_id uuid not null references nrm_team (id) on delete cascade,
  category text not null check (category in ('women', 'men', 'minors', 'cosm', 'multi_problem')),
  available integer not null check (available >= 0),
  maximum integer not null check (maximum >= 0 and available <= maximum),
  updated_at timestamptz not null,
  primary key (team_id, category)
);

create table nrm_capacity_history (
  id bigserial primary key,
  team_id uuid not null references nrm_team (id) on delete cascade,
  category text not null,
  available integer not null,
  maximum integer not null,
  at timestamptz not null,
  actor_user_id uuid references app_user (id) on delete set null,
  reason text not null
);
create index nrm_capacity_history_idx on nrm_capacity_history (team_id, category, at);

create table nrm_placement (
  id uuid primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  shelter_team_id uuid references nrm_team (id),
  category text not null check (category in ('women', 'men', 'minors', 'cosm', 'multi_problem')),
  -- waiting: nothing free, on the waiting list for the category (shelter_team_id may be null).
  status text not null check (status in ('requested', 'accepted', 'declined', 'waiting', 'cancelled')),
  requested_at timestamptz not null,
  requested_by uuid references app_user (id) on delete set null,
  responded_at timestamptz,
  responded_by uuid references app_user (id) on delete set null,
  reason text
);
create index nrm_placement_case_idx on nrm_placement (case_id);
create index nrm_placement_shelter_idx on nrm_placement (shelter_team_id, status);
create index nrm_placement_waiting_idx on nrm_placement (category, requested_at) where status = 'waiting';

-- The national registration (CoMensha): pseudonymised, HTCDS 2.0-aligned, no names or contact data. The
-- pseudonym is a keyed hash of the case id, so the registration survives the case's anonymisation.
create table nrm_registration (
  pseudonym text primary key,
  registered_on date not null,
  gender text not null,
  age_group text not null,
  citizenship text not null,
  forms text[] not null,
  sector text,
  methods_of_control text[] not null,
  recruitment text[] not null,
  referring_org_type text not null,
  safety_region_code text not null,
  police_unit_code text not null,
  minor text not null,
  status text not null,
  signal_at timestamptz not null,
  triage_at timestamptz,
  first_referral_at timestamptz,
  placement_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz not null
);
create index nrm_registration_region_idx on nrm_registration (safety_region_code, registered_on);

-- Break the glass: access outside one's scope with a mandatory reason, for a limited time, flagged to the
-- privacy officer until reviewed.
create table nrm_access_grant (
  id uuid primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  user_id uuid not null references app_user (id) on delete cascade,
  reason text not null,
  granted_at timestamptz not null,
  expires_at timestamptz not null,
  reviewed_at timestamptz,
  reviewed_by uuid references app_user (id) on delete set null
);
create index nrm_access_grant_user_idx on nrm_access_grant (user_id, case_id, expires_at);
