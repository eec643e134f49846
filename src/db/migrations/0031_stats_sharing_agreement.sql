-- Data-sharing agreements (issue 20, point 7): the HTCDS export to an exchange partner carries identity fields,
-- organisation lookups and exact dates only under a recorded agreement: with whom, for what purpose, which of
-- those fields, whether dates may be exact, and from when to when (both days included). An agreement is never
-- changed: a new one is recorded, and one can be ended early (ended_at, by whom) without losing what it was.
create table stats_sharing_agreement (
  id uuid primary key,
  partner text not null check (length(partner) between 1 and 200),
  purpose text not null check (length(purpose) between 1 and 1000),
  fields text[] not null default '{}',
  exact_dates boolean not null default false,
  valid_from date not null,
  valid_to date not null,
  recorded_by uuid references app_user (id) on delete set null,
  recorded_at timestamptz not null,
  ended_at timestamptz,
  ended_by uuid references app_user (id) on delete set null,
  check (valid_to >= valid_from)
);
create index stats_sharing_agreement_valid_idx on stats_sharing_agreement (valid_to);
