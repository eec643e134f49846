-- The expert pool's real names and contact details are sealed like nrm_person (issue 16 point 3): field
-- encryption with the key ring (src/platform/crypto), bound to their row, covered by `samen keys rotate`.
-- SQL has no key, so rows written before this migration keep their plaintext until the one-off sealing step
-- (`sealExpertIdentities`, run by `samen serve` and `samen migrate` right after migrating) moves it into the
-- sealed columns and empties the plain ones; new rows never have plaintext.
alter table monitor_expert add column real_name_enc text;
alter table monitor_expert add column contact_enc text;
alter table monitor_expert alter column real_name drop not null;
alter table monitor_expert alter column contact drop not null;
alter table monitor_expert alter column contact drop default;
-- A row holds its identity either still plain (awaiting the sealing step) or sealed, never both, never neither.
alter table monitor_expert add constraint monitor_expert_identity check (
  (real_name is null) <> (real_name_enc is null) and (contact is null or contact_enc is null)
);
