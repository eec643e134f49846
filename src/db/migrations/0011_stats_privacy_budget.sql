-- The data hub's privacy guarantees (issue 14): noise from a cryptographic source, so no release keeps a seed;
-- budgets in zero-concentrated DP (ρ), whose ceiling only an administrator sets, with a reason, in a ledger.

-- The noise no longer comes from a seed: none is kept.
alter table stats_release drop column seed;

-- A release's cost in ρ. Earlier releases (analytic Gaussian noise per length, σ and contributions recorded in
-- `noise`) cost Σ contributions / (2σ²): a Gaussian of that σ on an L2 sensitivity of √contributions.
alter table stats_release add column rho double precision;
update stats_release set rho = (
  select coalesce(sum((e ->> 'contributions')::double precision / (2 * power((e ->> 'sigma')::double precision, 2))), 0)
  from jsonb_array_elements(noise) as e
);
update stats_release set rho = 1e-12 where rho is null or rho <= 0;
alter table stats_release alter column rho set not null;
alter table stats_release add constraint stats_release_rho_positive check (rho > 0);

-- The budget: a ceiling in ρ (shown as ε at the data set's δ) and what releases spent. The old ceilings were
-- set by the same role that spends them, so they are not carried over: a data set may spend nothing more until
-- an administrator sets its ceiling (ρ budget = ρ already spent).
alter table stats_dataset add column rho_spent double precision not null default 0 check (rho_spent >= 0);
update stats_dataset d set rho_spent = coalesce((select sum(r.rho) from stats_release r where r.dataset = d.name), 0);
alter table stats_dataset add column rho_budget double precision not null default 0 check (rho_budget >= 0);
update stats_dataset set rho_budget = rho_spent;
alter table stats_dataset add constraint stats_dataset_rho_within check (rho_spent <= rho_budget * (1 + 1e-9));
-- delta_budget stays: the δ at which the data set's total ρ is shown as (ε, δ). The ε of the ceiling is kept
-- as the administrator gave it (null until one sets it).
alter table stats_dataset drop column epsilon_spent;
alter table stats_dataset drop column delta_spent;
alter table stats_dataset drop column epsilon_budget;
alter table stats_dataset add column epsilon_budget double precision check (epsilon_budget > 0);

-- Every change of a ceiling: by whom (an administrator; null only for the command line's named administrator
-- that was removed since), why, and to what.
create table stats_budget_change (
  id uuid primary key,
  dataset text not null references stats_dataset (name) on delete cascade,
  epsilon double precision not null check (epsilon > 0),
  delta double precision not null check (delta > 0 and delta < 1),
  rho double precision not null check (rho > 0),
  reason text not null check (length(reason) between 1 and 500),
  set_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null
);

create index stats_budget_change_dataset on stats_budget_change (dataset, created_at);

-- Only private numbers in public: `utility` is now the report against the noisy marginals (computed from the
-- published files alone); the exact report against the sensitive data, with the leakage figures, is
-- `exact_utility`, for data stewards only. Earlier releases' `utility` was exact: it moves, and they have no
-- public report.
alter table stats_release add column exact_utility jsonb;
update stats_release set exact_utility = utility;
alter table stats_release alter column utility drop not null;
update stats_release set utility = null;

-- How the synthesis treated combinations the noisy marginals lack (synthesis.ts): earlier releases backed off to
-- shorter tables ('uncontrolled'); the default now is 'minimize'.
alter table stats_release add column fabrication text not null default 'uncontrolled'
  check (fabrication in ('minimize', 'uncontrolled'));
alter table stats_release alter column fabrication drop default;
