-- Security and operations (issue 16).
--
-- Sign-in throttling beside the per-account counters in app_user: one row per throttled context, keyed by an HMAC
-- of what it counts (an account and a client address, an address alone, a device cookie), so no address is stored
-- here in the clear. A row whose last failure is a day old counts as clean and is deleted by the retention job.
create table auth_throttle (
  key text primary key,
  failures integer not null,
  last_failure_at timestamptz not null,
  blocked_until timestamptz
);
create index auth_throttle_last_failure_idx on auth_throttle (last_failure_at);

-- The client address of a sign-in (failed or succeeded). The audit entry carries only `addressRef`, so this row
-- can be deleted after the retention period (SAMEN_ADDRESS_RETENTION_DAYS) without breaking the audit chain.
create table auth_client_address (
  ref uuid primary key,
  at timestamptz not null,
  address text not null
);
create index auth_client_address_at_idx on auth_client_address (at);
