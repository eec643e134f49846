-- The support and criminal-justice track of a case (issue 20, point 2): the recovery period with its clock (the
-- owner is reminded before it ends; the reflection period of the B8/3 scheme stays on nrm_case), the aangifte
-- (the report to the police: yes, no, considering; where and when), the B8 application and its outcome, and the
-- legal aid assigned. One row per case, written by its owner. Where the aangifte was made and who gives the legal
-- aid are free text, sealed by the application (bound to the case) like every free text of the module.
create table nrm_support (
  case_id uuid primary key references nrm_case (id) on delete cascade,
  recovery_starts_on date,
  recovery_ends_on date,
  recovery_warned_at timestamptz,
  aangifte text check (aangifte in ('yes', 'no', 'considering')),
  aangifte_on date,
  aangifte_place_enc text check (aangifte_place_enc is null or aangifte_place_enc like 'f1:%'),
  b8_applied_on date,
  b8_outcome text check (b8_outcome in ('pending', 'granted', 'refused', 'withdrawn')),
  b8_decided_on date,
  legal_aid_on date,
  legal_aid_enc text check (legal_aid_enc is null or legal_aid_enc like 'f1:%'),
  updated_at timestamptz not null,
  updated_by uuid references app_user (id) on delete set null,
  -- The recovery period lasts at least 30 days (as the UK's minimum); its end follows its start.
  check ((recovery_starts_on is null) = (recovery_ends_on is null)),
  check (recovery_ends_on is null or recovery_ends_on >= recovery_starts_on + 30),
  check (b8_outcome is null or b8_applied_on is not null),
  check (b8_decided_on is null or b8_outcome in ('granted', 'refused', 'withdrawn'))
);
-- The deadline job reads periods that end soon and were not warned about.
create index nrm_support_recovery_idx on nrm_support (recovery_ends_on) where recovery_warned_at is null;
