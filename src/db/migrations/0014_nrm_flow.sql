-- Referral workflow (issue 18): what was given versus derived, idempotent signals, a shelter's exit step.

-- Whether "minor" was said by the professional (given), derived from the age group or date of birth, or
-- corrected by a coordinator with a reason. Cases from before this migration are taken as given.
alter table nrm_case add column minor_source text not null default 'given'
  check (minor_source in ('given', 'derived', 'corrected'));
-- The vital interest, recorded explicitly, so the legal ground can be derived again after a correction.
alter table nrm_case add column vital_interest boolean not null default false;
update nrm_case set vital_interest = true where legal_ground = 'vital_interest';
-- The signal form's one-time token: a second post of the same form finds the case the first one made.
alter table nrm_case add column submission_token text;
create unique index nrm_case_submission_idx on nrm_case (origin_user_id, submission_token)
  where submission_token is not null;

-- A shelter's exit step: the person left, the place comes back, with the reason.
alter table nrm_placement drop constraint nrm_placement_status_check;
alter table nrm_placement add constraint nrm_placement_status_check
  check (status in ('requested', 'accepted', 'declined', 'waiting', 'cancelled', 'exited'));
alter table nrm_placement add column exited_at timestamptz;
alter table nrm_placement add column exit_reason text;
