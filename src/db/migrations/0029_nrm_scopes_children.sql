-- Issue 20, points 4 and 5: per-field scopes and the children's route.

-- 4. What a recipient sees of the person and the case, per role (of the viewer) and purpose (the referral's
-- service type; a placement is "shelter"). A row lets that role, for that purpose, read that field; no row, no
-- field. The case's owner, a break-the-glass grant and the first-line professional before handover are not
-- recipients: they see the whole person block. Read where the person is read (the query selects only the
-- allowed columns), so no page, list or export shows more. Defaults below; an administrator may change the rows.
create table nrm_field_scope (
  role text not null check (
    role in ('nrm_professional', 'nrm_coordinator', 'nrm_regional_lead', 'nrm_national', 'nrm_shelter')
  ),
  purpose text not null check (
    purpose in (
      'care', 'shelter', 'legal_aid', 'police_report', 'interpreter', 'coordination', 'guardianship',
      'child_protection'
    )
  ),
  field text not null check (field in ('name', 'date_of_birth', 'contact', 'special_notes', 'summary')),
  primary key (role, purpose, field)
);

-- Care coordinations (a co-covering region, CoMensha) coordinate the whole case: every field, every purpose.
insert into nrm_field_scope (role, purpose, field)
select r.role, p.purpose, f.field
from (values ('nrm_coordinator'), ('nrm_regional_lead'), ('nrm_national')) as r (role)
cross join (
  values ('care'), ('shelter'), ('legal_aid'), ('police_report'), ('interpreter'), ('coordination'),
    ('guardianship'), ('child_protection')
) as p (purpose)
cross join (values ('name'), ('date_of_birth'), ('contact'), ('special_notes'), ('summary')) as f (field);

insert into nrm_field_scope (role, purpose, field) values
  -- A shelter, for a place or care: who arrives and what care they need; not how to reach them before intake,
  -- not the professional's account (which names the exploiters).
  ('nrm_shelter', 'shelter', 'name'),
  ('nrm_shelter', 'shelter', 'date_of_birth'),
  ('nrm_shelter', 'shelter', 'special_notes'),
  ('nrm_shelter', 'care', 'name'),
  ('nrm_shelter', 'care', 'date_of_birth'),
  ('nrm_shelter', 'care', 'special_notes'),
  -- First-line organisations receiving a referral: care (a GP, youth care) sees the care needs, not the account;
  -- the police (aangifte) and legal aid see the account, not the health notes; an interpreter the name only.
  ('nrm_professional', 'care', 'name'),
  ('nrm_professional', 'care', 'date_of_birth'),
  ('nrm_professional', 'care', 'contact'),
  ('nrm_professional', 'care', 'special_notes'),
  ('nrm_professional', 'shelter', 'name'),
  ('nrm_professional', 'shelter', 'date_of_birth'),
  ('nrm_professional', 'shelter', 'special_notes'),
  ('nrm_professional', 'police_report', 'name'),
  ('nrm_professional', 'police_report', 'date_of_birth'),
  ('nrm_professional', 'police_report', 'contact'),
  ('nrm_professional', 'police_report', 'summary'),
  ('nrm_professional', 'legal_aid', 'name'),
  ('nrm_professional', 'legal_aid', 'date_of_birth'),
  ('nrm_professional', 'legal_aid', 'contact'),
  ('nrm_professional', 'legal_aid', 'summary'),
  ('nrm_professional', 'interpreter', 'name'),
  -- The children's route (point 5): the guardian organisation and Veilig Thuis take responsibility for the
  -- child and see the whole person block.
  ('nrm_professional', 'guardianship', 'name'),
  ('nrm_professional', 'guardianship', 'date_of_birth'),
  ('nrm_professional', 'guardianship', 'contact'),
  ('nrm_professional', 'guardianship', 'special_notes'),
  ('nrm_professional', 'guardianship', 'summary'),
  ('nrm_professional', 'child_protection', 'name'),
  ('nrm_professional', 'child_protection', 'date_of_birth'),
  ('nrm_professional', 'child_protection', 'contact'),
  ('nrm_professional', 'child_protection', 'special_notes'),
  ('nrm_professional', 'child_protection', 'summary');

-- 5. The children's route: the guardian organisation (Nidos for unaccompanied foreign minors) and Veilig Thuis
-- are told through a referral of these purposes (made by the system, on the ground "minor").
alter table nrm_referral drop constraint nrm_referral_service_type_check;
alter table nrm_referral add constraint nrm_referral_service_type_check check (
  service_type in (
    'care', 'shelter', 'legal_aid', 'police_report', 'interpreter', 'coordination', 'guardianship',
    'child_protection'
  )
);

alter table nrm_notification drop constraint nrm_notification_kind;
alter table nrm_notification add constraint nrm_notification_kind check (
  kind in (
    'signal', 'referral', 'placement', 'overdue', 'reflection', 'consent_withdrawn', 'decision', 'recovery',
    'child', 'guardian_due'
  )
);

-- One row per minor's case: when the route started, whom it told (or why not: no team configured, or a team with
-- nobody to receive it), the deadline to appoint a guardian (the deadline job reminds the owner once), and the
-- guardian once appointed: the organisation (free text, sealed, bound to the case) and the day.
create table nrm_guardian (
  case_id uuid primary key references nrm_case (id) on delete cascade,
  started_at timestamptz not null,
  due_at timestamptz not null,
  reminded_at timestamptz,
  guardian_notice text not null check (guardian_notice in ('sent', 'nobody', 'no_team', 'not_needed')),
  guardian_team_id uuid references nrm_team (id) on delete set null,
  veilig_thuis_notice text not null check (veilig_thuis_notice in ('sent', 'nobody', 'no_team')),
  veilig_thuis_team_id uuid references nrm_team (id) on delete set null,
  organisation_enc text check (organisation_enc is null or organisation_enc like 'f1:%'),
  appointed_on date,
  recorded_at timestamptz,
  recorded_by uuid references app_user (id) on delete set null,
  check ((organisation_enc is null) = (appointed_on is null))
);
create index nrm_guardian_due_idx on nrm_guardian (due_at) where appointed_on is null and reminded_at is null;
