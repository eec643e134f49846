-- Issue 20, point 3: a task of the case plan that is no longer needed is cancelled with a reason, not marked done
-- (which would say it was done). A cancelled task stays on the case page with its reason and date, is never
-- counted as done, and is open work no more: an open task is `done_at is null and cancelled_at is null`.
alter table nrm_task add column cancelled_at timestamptz;
alter table nrm_task add column cancelled_by uuid references app_user (id) on delete set null;
-- Why, as a code of the fixed list in casework/service.ts (TASK_CANCEL_REASONS): never free text, so the reason
-- needs no sealing and may stand in the audit entry.
alter table nrm_task add column cancelled_reason text
  check (cancelled_reason in ('not_needed', 'duplicate', 'done_elsewhere', 'person_declined'));
alter table nrm_task add constraint nrm_task_cancelled_when
  check ((cancelled_at is null) = (cancelled_reason is null));
-- A task ends once: done or cancelled, never both.
alter table nrm_task add constraint nrm_task_done_or_cancelled check (done_at is null or cancelled_at is null);

-- The dashboards' partial indexes hold open tasks only: a cancelled task leaves them as a done one does.
drop index nrm_task_owner_idx;
drop index nrm_task_team_idx;
create index nrm_task_owner_idx on nrm_task (owner_user_id, team_id, due_on)
  where done_at is null and cancelled_at is null;
create index nrm_task_team_idx on nrm_task (team_id, due_on) where done_at is null and cancelled_at is null;

-- The planner knows nothing yet of the new column (autovacuum analyses a table only after a tenth of it changed),
-- and guesses a few open tasks per owner: the dashboards then joined all of a person's open tasks to their cases
-- before sorting (2,088 at 1M cases in bench/referrals: 45 ms) instead of reading the index in due order (29 rows).
analyze nrm_task;
