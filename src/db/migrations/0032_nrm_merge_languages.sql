-- Issue 20, remainders of points 6 and 4.

-- 6. Merging duplicates: the national coordination merges a pair it found to be one person. The case that does
-- not continue is closed with the closing reason "merged" and points to the continuing case; only the national
-- coordination reads that pointer (the merged case's region never learns the other case's reference or team).
alter table nrm_case add column merged_into uuid references nrm_case (id) on delete set null;
alter table nrm_case add constraint nrm_case_merged_closed
  check (merged_into <> id);

alter table nrm_duplicate drop constraint nrm_duplicate_outcome_check;
alter table nrm_duplicate add constraint nrm_duplicate_outcome_check
  check (outcome in ('linked', 'dismissed', 'merged'));

-- 4. The languages the person speaks (ISO 639-1 codes and "other"), sealed like the other person fields (an
-- `f1:` value bound to the case), and a scope field of its own.
alter table nrm_person add column languages_enc text
  check (languages_enc is null or languages_enc like 'f1:%');

alter table nrm_field_scope drop constraint nrm_field_scope_field_check;
alter table nrm_field_scope add constraint nrm_field_scope_field_check
  check (field in ('name', 'date_of_birth', 'contact', 'special_notes', 'summary', 'languages'));

-- The defaults: the care coordinations (and CoMensha) every purpose; a shelter for a place and for care; a
-- first-line professional for care and for an interpreter (who must know which language to speak).
insert into nrm_field_scope (role, purpose, field)
select r.role, p.purpose, 'languages'
from (values ('nrm_coordinator'), ('nrm_regional_lead'), ('nrm_national')) as r (role)
cross join (
  values ('care'), ('shelter'), ('legal_aid'), ('police_report'), ('interpreter'), ('coordination'),
    ('guardianship'), ('child_protection')
) as p (purpose)
on conflict do nothing;

insert into nrm_field_scope (role, purpose, field) values
  ('nrm_shelter', 'shelter', 'languages'),
  ('nrm_shelter', 'care', 'languages'),
  ('nrm_professional', 'care', 'languages'),
  ('nrm_professional', 'interpreter', 'languages')
on conflict do nothing;
