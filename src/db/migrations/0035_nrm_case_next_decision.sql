-- Issue 20, point 3: the due moment of a case's next identification decision stored on the case, so the dashboards
-- sort and page by it in SQL. It is computed in TypeScript (identification/steps.ts `dueDecisions`: Dutch working
-- days from the signal or from the predecessor's positive decision, a reconsideration on its own clock) and written
-- by identification/next-due-repository.ts in the same transaction as every change of its basis (a signal, a decision, a
-- reconsideration, closing, reopening, anonymising, a merge). Both null: nothing is due (a consult, a closed or
-- anonymised case, a negative outcome, every decision taken). Existing rows stay null here (SQL cannot run the
-- rule): the next start of the server computes them, as the fingerprint below is missing.
alter table nrm_case add column next_decision_due_at timestamptz;
-- The type code of that decision (a code of nrm_decision_type; no foreign key, so a type can still be removed).
alter table nrm_case add column next_decision_code text;
alter table nrm_case add constraint nrm_case_next_decision_whole
  check ((next_decision_due_at is null) = (next_decision_code is null));
-- "Waiting on my team": the team's open cases by their next decision due, earliest first (ties by id); only the
-- cases on which a decision is due, a few per cent of the rows.
create index nrm_case_next_decision_idx on nrm_case (owner_team_id, next_decision_due_at, id)
  where status <> 'closed' and anonymised_at is null and next_decision_due_at is not null;

-- What the stored moments were computed from: a hash of the decision types' rows and the version of the working
-- days' calendar (src/platform/time/working-days.ts). The types are data and the holidays code: when either
-- changed since, the server recomputes every open case on start and stores the new fingerprint. One row.
create table nrm_next_decision_basis (
  id boolean primary key default true check (id),
  fingerprint text not null check (fingerprint ~ '^[0-9a-f]{64}$'),
  computed_at timestamptz not null
);
