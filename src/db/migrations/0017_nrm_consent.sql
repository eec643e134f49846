-- Consent per recipient and purpose (issue 18 point 4). Until now a case had one consent ("yes", "no", "not
-- asked"), and a referral that shared the person kept doing so after consent was withdrawn. From here on every
-- consent is recorded for one recipient team and one purpose (the referral's service type), with who recorded
-- it, when and how it was given; a withdrawal is a moment, a person and an optional note (sealed by the
-- application like the person's data). A recipient sees the person only while a consent for it and that
-- purpose stands, or while another legal ground holds (minor, vital interest): that is checked where the data
-- is read, so a withdrawal ends access at once.
create table nrm_consent (
  id uuid primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  team_id uuid not null references nrm_team (id),
  purpose text not null check (
    purpose in ('care', 'shelter', 'legal_aid', 'police_report', 'interpreter', 'coordination')
  ),
  answer text not null check (answer in ('given', 'refused')),
  -- How it was given: in person, by phone, in writing, through a representative (a guardian), on the signal form
  -- (the referring professional's statement), or carried over from the single consent before this migration.
  method text not null check (
    method in ('in_person', 'phone', 'in_writing', 'representative', 'signal_form', 'before_per_recipient')
  ),
  recorded_at timestamptz not null,
  recorded_by uuid references app_user (id) on delete set null,
  withdrawn_at timestamptz,
  withdrawn_by uuid references app_user (id) on delete set null,
  withdrawal_note_enc text
);
create index nrm_consent_case_idx on nrm_consent (case_id);

-- What the old single consent becomes. A case with consent "yes" (not anonymised) gets a given consent,
-- method "before_per_recipient", for exactly those who already relied on it, so nothing that worked stops
-- silently and nothing new is allowed:
--   1. its owner's care coordination, purpose "coordination" (the signal's consent; recorded at the signal);
--   2. every pending or accepted referral that shares the person on the ground "consent": its team and service
--      type (recorded when the referral was made, by whom made it);
--   3. every requested or accepted placement at a shelter: the shelter, purpose "shelter".
-- A case with "no" or "not asked" gets no consent row: nobody sees the person on consent. A new referral to
-- another team or for another purpose needs a consent recorded for it. nrm_case.consent stays as the
-- professional's answer on the signal form (the care coordination's own ground), and nrm_referral.legal_ground
-- as the ground at the time of referral (history); neither grants access any more.
insert into nrm_consent (id, case_id, team_id, purpose, answer, method, recorded_at, recorded_by)
select gen_random_uuid(), c.id, c.owner_team_id, 'coordination', 'given', 'before_per_recipient', c.created_at,
  null
from nrm_case c
where c.consent = 'yes' and c.anonymised_at is null;

insert into nrm_consent (id, case_id, team_id, purpose, answer, method, recorded_at, recorded_by)
select gen_random_uuid(), r.case_id, r.to_team_id, r.service_type, 'given', 'before_per_recipient',
  min(r.created_at), (array_agg(r.created_by order by r.created_at))[1]
from nrm_referral r
join nrm_case c on c.id = r.case_id
where c.consent = 'yes' and c.anonymised_at is null and r.shares_personal_data and r.legal_ground = 'consent'
  and r.status in ('pending', 'accepted')
  and not (r.to_team_id = c.owner_team_id and r.service_type = 'coordination')
group by r.case_id, r.to_team_id, r.service_type;

insert into nrm_consent (id, case_id, team_id, purpose, answer, method, recorded_at, recorded_by)
select gen_random_uuid(), p.case_id, p.shelter_team_id, 'shelter', 'given', 'before_per_recipient',
  min(p.requested_at), (array_agg(p.requested_by order by p.requested_at))[1]
from nrm_placement p
join nrm_case c on c.id = p.case_id
where c.consent = 'yes' and c.anonymised_at is null and p.shelter_team_id is not null
  and p.status in ('requested', 'accepted')
  and not exists (
    select 1 from nrm_consent k
    where k.case_id = p.case_id and k.team_id = p.shelter_team_id and k.purpose = 'shelter'
  )
group by p.case_id, p.shelter_team_id;

-- Recipients are told when consent is withdrawn (a notification and a mail naming the case reference only).
alter table nrm_notification drop constraint nrm_notification_kind;
alter table nrm_notification add constraint nrm_notification_kind
  check (kind in ('signal', 'referral', 'placement', 'overdue', 'reflection', 'consent_withdrawn'));
