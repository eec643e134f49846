-- The programme monitor: the action plan (action lines, actions, owners and partners, milestones, indicators),
-- parliamentary motions and the minister's commitments, reporting rounds with their entries, and the campaign
-- inventory. A locked round never changes: the service refuses it, and so do the triggers below.

-- Roles. Only the pool coordinator sees real identities (of experts by experience), so only that role needs a
-- second factor. The others see the plan, staff names and pseudonymous pool profiles, no personal data.
insert into role (code, sees_personal_data) values
  ('programme_team', false),
  ('action_owner', false),
  ('pool_coordinator', true),
  ('requesting_organisation', false),
  ('monitor_viewer', false);

-- Organisations that own actions (actiehouders) or take part in them. Not the directory's organisations: a
-- research bureau or a ministry is no help desk.
create table monitor_organisation (
  id uuid primary key,
  name text not null,
  created_at timestamptz not null default now(),
  constraint monitor_organisation_name_length check (char_length(name) between 1 and 200)
);
create unique index monitor_organisation_name_key on monitor_organisation (lower(name));

-- Which organisation an action owner works for: they edit only that organisation's actions.
create table monitor_user_organisation (
  user_id uuid primary key references app_user (id) on delete cascade,
  organisation_id uuid not null references monitor_organisation (id) on delete cascade
);

-- Action lines: as many as the plan has (the 2024 plan has six; other groupings such as international actions
-- are lines too, with a code that is not a number).
create table monitor_action_line (
  id uuid primary key,
  code text not null unique,
  title text not null,
  position integer not null,
  source text not null default ''
);

create table monitor_action (
  id uuid primary key,
  line_id uuid not null references monitor_action_line (id),
  code text not null unique,
  title text not null,
  description text not null default '',
  owner_organisation_id uuid not null references monitor_organisation (id),
  status text not null default 'planned',
  -- Where the action comes from: the section heading of the letter and a short excerpt.
  source text not null default '',
  position integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint monitor_action_status check (status in ('planned', 'running', 'delayed', 'completed', 'stopped'))
);
create index monitor_action_line_idx on monitor_action (line_id, position);

create table monitor_action_partner (
  action_id uuid not null references monitor_action (id) on delete cascade,
  organisation_id uuid not null references monitor_organisation (id),
  primary key (action_id, organisation_id)
);

create table monitor_milestone (
  id uuid primary key,
  action_id uuid not null references monitor_action (id) on delete cascade,
  title text not null,
  planned_date date,
  actual_date date,
  source text not null default '',
  position integer not null default 0
);
create index monitor_milestone_action_idx on monitor_milestone (action_id, position);

create table monitor_indicator (
  id uuid primary key,
  action_id uuid not null references monitor_action (id) on delete cascade,
  name text not null,
  unit text not null default '',
  min_value numeric,
  max_value numeric,
  position integer not null default 0,
  constraint monitor_indicator_range check (min_value is null or max_value is null or min_value <= max_value)
);
create index monitor_indicator_action_idx on monitor_indicator (action_id, position);

create table monitor_round (
  id uuid primary key,
  name text not null,
  -- The progress letter the round feeds (e.g. Kamerstuk 28 638, nr. 257).
  letter text not null default '',
  opened_on date not null,
  deadline date not null,
  status text not null default 'open',
  opened_by uuid references app_user (id) on delete set null,
  locked_at timestamptz,
  locked_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint monitor_round_status check (status in ('open', 'locked')),
  constraint monitor_round_dates check (deadline >= opened_on),
  constraint monitor_round_locked check ((status = 'locked') = (locked_at is not null))
);
create unique index monitor_round_name_key on monitor_round (lower(name));

-- One entry per action per round: the state of the action as reported in that round. The title, line and owner
-- are copied when the round opens, so the annex of a locked round reads the same for ever.
create table monitor_round_entry (
  round_id uuid not null references monitor_round (id),
  action_id uuid not null references monitor_action (id),
  action_code text not null,
  action_title text not null,
  line_code text not null,
  line_title text not null,
  line_position integer not null,
  action_position integer not null,
  owner_organisation_id uuid not null references monitor_organisation (id),
  owner_name text not null,
  status text not null,
  narrative text not null default '',
  -- pending (nothing reported yet), submitted (awaiting review), changes_requested, accepted.
  review_state text not null default 'pending',
  review_note text not null default '',
  updated_by uuid references app_user (id) on delete set null,
  updated_at timestamptz,
  primary key (round_id, action_id),
  constraint monitor_round_entry_status check (status in ('planned', 'running', 'delayed', 'completed', 'stopped')),
  constraint monitor_round_entry_review check (review_state in ('pending', 'submitted', 'changes_requested', 'accepted'))
);
create index monitor_round_entry_owner_idx on monitor_round_entry (round_id, owner_organisation_id);

-- Indicator values: reported in a round (round_id) or recorded outside rounds (baseline figures from a letter).
create table monitor_indicator_value (
  id uuid primary key,
  indicator_id uuid not null references monitor_indicator (id) on delete cascade,
  round_id uuid references monitor_round (id),
  -- The period the value is about, e.g. '2024' or '2020-2024'.
  period text not null,
  value numeric not null,
  note text not null default '',
  recorded_at timestamptz not null default now()
);
create unique index monitor_indicator_value_key on monitor_indicator_value (indicator_id, coalesce(round_id, '00000000-0000-0000-0000-000000000000'::uuid), period);

-- Reminders sent per round and organisation and day, so the daily job sends each at most once a day.
create table monitor_reminder (
  round_id uuid not null references monitor_round (id) on delete cascade,
  organisation_id uuid not null references monitor_organisation (id) on delete cascade,
  sent_on date not null,
  recipients integer not null,
  primary key (round_id, organisation_id, sent_on)
);

-- Parliamentary motions (motie) and the minister's commitments (toezegging).
create table monitor_commitment (
  id uuid primary key,
  kind text not null,
  -- The parliamentary document number where known (e.g. 28 638, nr. 251); the reference otherwise.
  number text not null default '',
  title text not null,
  made_on date,
  summary text not null,
  owner_organisation_id uuid references monitor_organisation (id),
  status text not null default 'open',
  -- The letter in which it is (or will be) answered.
  answered_in text not null default '',
  source text not null default '',
  created_at timestamptz not null default now(),
  constraint monitor_commitment_kind check (kind in ('motion', 'commitment', 'request')),
  constraint monitor_commitment_status check (status in ('open', 'in_progress', 'done'))
);

create table monitor_commitment_action (
  commitment_id uuid not null references monitor_commitment (id) on delete cascade,
  action_id uuid not null references monitor_action (id) on delete cascade,
  primary key (commitment_id, action_id)
);

-- A locked round never changes: no update or delete of the round, its entries or its indicator values, and no
-- new entries or values in it.
create function monitor_refuse_locked_round() returns trigger language plpgsql as $$
declare
  target uuid;
  round_status text;
begin
  if tg_table_name = 'monitor_round' then
    if old.status = 'locked' then
      raise exception 'monitor: round % is locked and cannot change', old.id using errcode = 'check_violation';
    end if;
    if tg_op = 'DELETE' then return old; end if;
    return new;
  end if;
  if tg_op = 'DELETE' then target := old.round_id; else target := new.round_id; end if;
  if target is not null then
    select status into round_status from monitor_round where id = target;
    if round_status = 'locked' then
      raise exception 'monitor: round % is locked and cannot change', target using errcode = 'check_violation';
    end if;
  end if;
  if tg_op = 'UPDATE' and old.round_id is distinct from new.round_id and old.round_id is not null then
    select status into round_status from monitor_round where id = old.round_id;
    if round_status = 'locked' then
      raise exception 'monitor: round % is locked and cannot change', old.round_id using errcode = 'check_violation';
    end if;
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end;
$$;

create trigger monitor_round_locked before update or delete on monitor_round
  for each row execute function monitor_refuse_locked_round();
create trigger monitor_round_entry_locked before insert or update or delete on monitor_round_entry
  for each row execute function monitor_refuse_locked_round();
create trigger monitor_indicator_value_locked before insert or update or delete on monitor_indicator_value
  for each row execute function monitor_refuse_locked_round();

-- The campaign inventory (actielijn 1): awareness campaigns and whether their impact was measured.
create table monitor_campaign (
  id uuid primary key,
  name text not null,
  organisation text not null,
  start_year integer not null,
  end_year integer,
  -- Forms of exploitation (sexual, labour, criminal, other, general), audiences (citizens, professionals,
  -- sectors), languages (ISO 639-1) and channels.
  forms text[] not null default '{}',
  audiences text[] not null default '{}',
  sectors text[] not null default '{}',
  languages text[] not null default '{}',
  channels text[] not null default '{}',
  reach integer,
  impact_indicator text not null default '',
  impact_baseline text not null default '',
  impact_result text not null default '',
  impact_method text not null default '',
  impact_source text not null default '',
  source text not null default '',
  created_at timestamptz not null default now(),
  constraint monitor_campaign_years check (end_year is null or end_year >= start_year),
  constraint monitor_campaign_year_range check (start_year between 1990 and 2100),
  constraint monitor_campaign_reach check (reach is null or reach >= 0)
);
create unique index monitor_campaign_key on monitor_campaign (lower(name), lower(organisation), start_year);

-- The pool of experts by experience (coordinated by CoMensha). A member is known by a pseudonym; the real name
-- and contact details are personal data, shown only to the pool coordinator (a role with a second factor), and
-- every view of them is audited.
create table monitor_expert (
  id uuid primary key,
  pseudonym text not null,
  real_name text not null,
  contact text not null default '',
  forms text[] not null default '{}',
  minors boolean not null default false,
  labour_migration boolean not null default false,
  languages text[] not null default '{}',
  available boolean not null default true,
  hours_per_month integer,
  created_at timestamptz not null default now(),
  constraint monitor_expert_hours check (hours_per_month is null or hours_per_month between 0 and 200)
);
create unique index monitor_expert_pseudonym_key on monitor_expert (lower(pseudonym));

-- One rate card for everyone who works on an assignment: an expert by experience is paid the same hourly rate
-- as any other professional for the same kind of work (there is no column that could tell them apart).
create table monitor_rate (
  code text primary key,
  description text not null,
  hourly_rate numeric(8, 2) not null,
  constraint monitor_rate_positive check (hourly_rate > 0)
);

create table monitor_assignment (
  id uuid primary key,
  organisation_id uuid not null references monitor_organisation (id),
  requested_by uuid references app_user (id) on delete set null,
  title text not null,
  description text not null default '',
  forms text[] not null default '{}',
  minors boolean not null default false,
  labour_migration boolean not null default false,
  languages text[] not null default '{}',
  hours_estimated numeric(6, 1) not null,
  rate_code text references monitor_rate (code),
  status text not null default 'requested',
  expert_id uuid references monitor_expert (id),
  assigned_at timestamptz,
  hours_worked numeric(6, 1),
  payment_status text not null default 'not_due',
  created_at timestamptz not null default now(),
  constraint monitor_assignment_status check (status in ('requested', 'assigned', 'completed', 'cancelled')),
  constraint monitor_assignment_payment check (payment_status in ('not_due', 'due', 'paid')),
  constraint monitor_assignment_hours check (hours_estimated > 0 and (hours_worked is null or hours_worked >= 0)),
  constraint monitor_assignment_expert check ((status in ('assigned', 'completed')) = (expert_id is not null) or status = 'cancelled')
);
create index monitor_assignment_status_idx on monitor_assignment (status, created_at);

-- The mirror group (spiegelgroep): its meetings, its advice (asked for or not), and what was done with each.
create table monitor_mirror_meeting (
  id uuid primary key,
  held_on date not null,
  participants integer not null,
  topics text not null default '',
  created_at timestamptz not null default now(),
  constraint monitor_mirror_participants check (participants between 0 and 50)
);

create table monitor_mirror_advice (
  id uuid primary key,
  meeting_id uuid not null references monitor_mirror_meeting (id) on delete cascade,
  line_id uuid references monitor_action_line (id),
  summary text not null,
  solicited boolean not null default true,
  response_status text not null default 'open',
  response text not null default '',
  responded_on date,
  created_at timestamptz not null default now(),
  constraint monitor_mirror_advice_status check (response_status in ('open', 'adopted', 'partly_adopted', 'not_adopted'))
);
