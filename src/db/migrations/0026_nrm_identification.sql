-- Identification decisions (issue 20, point 1): what has been decided about the person, by whom, and by when the
-- next decision is due. The decision types are data, so the Dutch design (still being set) fits without code:
-- each type names who may take it (roles), its deadline in Dutch working days, the decision whose positive
-- outcome starts its clock (none: the signal starts it), and whether it reconsiders a negative decision (then
-- its clock starts at the request). The defaults follow the UK NRM: reasonable grounds within five working days
-- ("vermoedelijk slachtoffer"), conclusive grounds by a designated decision maker ("slachtoffer"), and
-- reconsideration ("heroverweging").
create table nrm_decision_type (
  code text primary key check (code ~ '^[a-z][a-z_]{0,39}$'),
  position integer not null,
  -- The Dutch name where the message catalogues have none (referrals.identification.type.<code>).
  name text not null check (length(name) between 1 and 200),
  decider_roles text[] not null check (
    cardinality(decider_roles) > 0
    and decider_roles <@ array['nrm_coordinator', 'nrm_regional_lead', 'nrm_national']::text[]
  ),
  deadline_working_days integer not null check (deadline_working_days between 1 and 260),
  after_code text references nrm_decision_type (code),
  reconsiders boolean not null default false,
  active boolean not null default true,
  check (not (reconsiders and after_code is not null))
);

insert into nrm_decision_type (code, position, name, decider_roles, deadline_working_days, after_code, reconsiders)
values
  ('vermoedelijk_slachtoffer', 1, 'Vermoedelijk slachtoffer (redelijke gronden)',
    array['nrm_coordinator', 'nrm_national'], 5, null, false),
  ('slachtoffer', 2, 'Slachtoffer (doorslaggevende gronden)',
    array['nrm_regional_lead', 'nrm_national'], 30, 'vermoedelijk_slachtoffer', false),
  ('heroverweging', 3, 'Heroverweging', array['nrm_regional_lead', 'nrm_national'], 10, null, true);

-- One decision about the person, or a reconsideration waiting for one (outcome null until decided). `due_at` is
-- the deadline it had (the clock of its type); the reasons are sealed by the application like every free text
-- of the module (bound to the decision's id).
create table nrm_decision (
  id uuid primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  type_code text not null references nrm_decision_type (code),
  reconsiders_id uuid references nrm_decision (id),
  requested_at timestamptz,
  requested_by uuid references app_user (id) on delete set null,
  due_at timestamptz not null,
  outcome text check (outcome in ('positive', 'negative')),
  reasons_enc text check (reasons_enc is null or reasons_enc like 'f1:%'),
  decided_at timestamptz,
  decided_by uuid references app_user (id) on delete set null,
  decided_team_id uuid references nrm_team (id),
  check ((outcome is null) = (decided_at is null)),
  check ((reconsiders_id is null) = (requested_at is null))
);
create index nrm_decision_case_idx on nrm_decision (case_id);
-- Each type is decided once per case; a reconsideration once per decision reconsidered.
create unique index nrm_decision_once_idx on nrm_decision (case_id, type_code) where reconsiders_id is null;
create unique index nrm_decision_reconsidered_once_idx on nrm_decision (reconsiders_id)
  where reconsiders_id is not null;

-- The first responder's team is told that a decision was taken (status only: no reasons, no person data), and
-- the owner that a recovery period ends soon (0027).
alter table nrm_notification drop constraint nrm_notification_kind;
alter table nrm_notification add constraint nrm_notification_kind check (
  kind in ('signal', 'referral', 'placement', 'overdue', 'reflection', 'consent_withdrawn', 'decision', 'recovery')
);
