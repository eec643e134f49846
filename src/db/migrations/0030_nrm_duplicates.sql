-- Issue 20, point 6: one person signalled in two regions. The person's fields are sealed, so matching cannot read
-- them in SQL: when a signal (or a rectification) is saved, the service derives blocking keys from the normalised
-- name and date of birth and stores only their keyed hashes (HMAC, key from the server's key material), never a
-- name. Cases sharing a key are candidates; the service scores them on the opened fields and keeps the score and
-- its reasons (codes). Only the national coordination sees the candidates, and decides: the same person (linked)
-- or not (dismissed, remembered so the pair is not offered again).
create table nrm_match_key (
  case_id uuid not null references nrm_case (id) on delete cascade,
  match_key text not null,
  primary key (match_key, case_id)
);
create index nrm_match_key_case_idx on nrm_match_key (case_id);

create table nrm_duplicate (
  case_a uuid not null references nrm_case (id) on delete cascade,
  case_b uuid not null references nrm_case (id) on delete cascade,
  score integer not null check (score between 0 and 100),
  reasons text[] not null default '{}',
  found_at timestamptz not null,
  outcome text check (outcome in ('linked', 'dismissed')),
  decided_by uuid references app_user (id) on delete set null,
  decided_at timestamptz,
  primary key (case_a, case_b),
  check (case_a < case_b)
);
create index nrm_duplicate_open_idx on nrm_duplicate (score desc, found_at desc) where outcome is null;
create index nrm_duplicate_b_idx on nrm_duplicate (case_b);
