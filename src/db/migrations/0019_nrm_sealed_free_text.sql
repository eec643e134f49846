-- Referral mechanism (issue 16, point 3): every free-text reason is field-encrypted in the application
-- (src/modules/referrals/sealing.ts), like nrm_person. SQL cannot encrypt, so this migration only makes the
-- database refuse new plaintext and lists the tables whose older rows still need sealing; the application seals
-- those rows when it next starts (src/modules/referrals/seal-existing.ts: one transaction per table, then the
-- constraint below is validated, the table's row here deleted and the table rewritten with VACUUM FULL so that no
-- old row version keeps the plaintext).

-- A sealed value is `f1:<key>:<iv>:<ciphertext>`; anything else is plaintext and refused from now on. NOT VALID:
-- rows written before this migration are checked when the sealing step validates the constraint.
alter table nrm_case_event add constraint nrm_case_event_reason_sealed
  check (reason is null or reason like 'f1:%') not valid;
alter table nrm_referral add constraint nrm_referral_reason_sealed
  check (reason is null or reason like 'f1:%') not valid;
alter table nrm_referral add constraint nrm_referral_response_reason_sealed
  check (response_reason is null or response_reason like 'f1:%') not valid;
alter table nrm_placement add constraint nrm_placement_reason_sealed
  check (reason is null or reason like 'f1:%') not valid;
alter table nrm_placement add constraint nrm_placement_exit_reason_sealed
  check (exit_reason is null or exit_reason like 'f1:%') not valid;
alter table nrm_access_grant add constraint nrm_access_grant_reason_sealed
  check (reason like 'f1:%') not valid;
alter table nrm_capacity_history add constraint nrm_capacity_history_reason_sealed
  check (reason like 'f1:%') not valid;

-- The tables whose rows from before this migration have not been sealed yet (emptied by the sealing step).
create table nrm_sealing_pending (
  table_name text primary key
);
insert into nrm_sealing_pending (table_name) values
  ('nrm_case_event'), ('nrm_referral'), ('nrm_placement'), ('nrm_access_grant'), ('nrm_capacity_history');
