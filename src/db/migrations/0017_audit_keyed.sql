-- The audit chain is keyed from here on: new entries carry an HMAC-SHA256 under the audit key (SAMEN_AUDIT_KEY,
-- outside the database). Entries written before this migration keep their plain SHA-256 and are marked unkeyed;
-- `samen audit verify` refuses an unkeyed entry after a keyed one.
alter table audit_event add column keyed boolean not null default false;
