-- The data hub (src/modules/stats): data sets with their disclosure-control settings and privacy budget, their
-- microdata (columnar: per column its values and the rows' codes, never served), and the differentially private
-- releases made from them with the synthetic file and its utility report.

insert into role (code, sees_personal_data) values ('data_steward', false);

create table stats_dataset (
  name text primary key check (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  title text not null,
  format text not null check (format in ('ctdc-vp', 'ctdc-global', 'htcds', 'registrations')),
  -- Threshold rule: cells below k are suppressed (zero may show).
  k integer not null default 10 check (k >= 1 and k <= 1000),
  -- Round every published number to a multiple of this base; null publishes exact counts.
  rounding_base integer check (rounding_base is null or (rounding_base >= 2 and rounding_base <= 1000)),
  -- The longest combination of columns a table or filter may use (the published cube). At most 3: the
  -- hypercube protection of secondary suppression was shown (by the LP attack tests) not to hold for 4.
  max_length integer not null default 3 check (max_length between 1 and 3),
  -- The columns the explorer and the API offer (the published cube); null: all of them. Fewer columns mean
  -- fewer linked tables: the attack tests found no leak with up to four, and did with five (see the README).
  cube_columns jsonb,
  published boolean not null default false,
  built_in boolean not null default false,
  epsilon_budget double precision not null default 10 check (epsilon_budget > 0),
  delta_budget double precision not null default 0.0001 check (delta_budget > 0 and delta_budget < 1),
  epsilon_spent double precision not null default 0 check (epsilon_spent >= 0),
  delta_spent double precision not null default 0 check (delta_spent >= 0),
  row_count integer not null check (row_count >= 0),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (epsilon_spent <= epsilon_budget + 1e-9 and delta_spent <= delta_budget + 1e-12)
);

-- One row per column: its values (index = code; code 0 is missing) and every row's code as little-endian uint16.
create table stats_dataset_column (
  dataset text not null references stats_dataset (name) on delete cascade,
  position integer not null check (position >= 0),
  name text not null,
  "values" jsonb not null,
  codes bytea not null,
  primary key (dataset, position),
  unique (dataset, name)
);

create table stats_release (
  id uuid primary key,
  dataset text not null references stats_dataset (name) on delete cascade,
  epsilon double precision not null check (epsilon > 0),
  delta double precision not null check (delta > 0 and delta < 1),
  seed text not null,
  reporting_length integer not null check (reporting_length between 1 and 4),
  record_count integer not null,
  -- Per length: ε, δ, contributions, σ, threshold.
  noise jsonb not null,
  -- The evaluator's report of the synthetic file against the data set (no counts of the data itself leave it
  -- except as errors and shares).
  utility jsonb not null,
  synthetic_csv text not null,
  -- The noisy marginals themselves (SDS's "aggregate data"): every attribute combination up to the reporting
  -- length with its noisy count, as CSV. They carry the same (ε, δ) guarantee as the synthetic file.
  aggregates_csv text not null,
  created_at timestamptz not null,
  created_by uuid references app_user (id) on delete set null
);

create index stats_release_dataset on stats_release (dataset, created_at);
