-- Case work (issue 20, point 3): each case has one case worker within its owning team (assigned and reassigned by
-- the team's managers, every change a case event and an audit entry); a case plan of tasks, each with an owner in
-- the team and a due date; and the outcome of a referral a service accepted (service delivered, refused by the
-- person, not reachable), without which the referral is not closed. The "waiting on me" and "waiting on my team"
-- pages read these through the partial indexes below, which hold open work only (a few per cent of the rows).
alter table nrm_case add column case_worker_id uuid references app_user (id) on delete set null;
-- "Waiting on me": the open cases of one case worker in their team, in the page's order (one index scan; without
-- the team in the key the planner combined it with the team's index of every case, 77,000 rows at 1M cases).
create index nrm_case_worker_idx on nrm_case (case_worker_id, owner_team_id, urgency_rank, created_at)
  where status <> 'closed' and case_worker_id is not null;
-- "Waiting on my team": the team's open cases nobody works on yet.
create index nrm_case_unassigned_idx on nrm_case (owner_team_id, urgency_rank, created_at)
  where status <> 'closed' and case_worker_id is null;

-- A task of the case plan: what (sealed like every free text of the module, bound to the task), who (an account
-- of the team that owned the case when the task was made), by when, and when it was done and by whom.
create table nrm_task (
  id uuid primary key,
  case_id uuid not null references nrm_case (id) on delete cascade,
  team_id uuid not null references nrm_team (id),
  title_enc text check (title_enc is null or title_enc like 'f1:%'),
  owner_user_id uuid not null references app_user (id),
  due_on date not null,
  done_at timestamptz,
  done_by uuid references app_user (id) on delete set null,
  created_at timestamptz not null,
  created_by uuid references app_user (id) on delete set null
);
create index nrm_task_case_idx on nrm_task (case_id, due_on);
create index nrm_task_owner_idx on nrm_task (owner_user_id, team_id, due_on) where done_at is null;
create index nrm_task_team_idx on nrm_task (team_id, due_on) where done_at is null;

-- The outcome of an accepted referral: recorded by the service that accepted it or by the case's owner.
alter table nrm_referral add column outcome text check (outcome in ('delivered', 'refused', 'not_reachable'));
alter table nrm_referral add column outcome_at timestamptz;
alter table nrm_referral add column outcome_by uuid references app_user (id) on delete set null;
alter table nrm_referral add constraint nrm_referral_outcome_when check ((outcome is null) = (outcome_at is null));
-- Accepted referrals still waiting for their outcome, per receiving team.
create index nrm_referral_awaiting_outcome_idx on nrm_referral (to_team_id, responded_at)
  where status = 'accepted' and outcome is null;
