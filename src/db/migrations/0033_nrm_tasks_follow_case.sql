-- Issue 20, point 3: every task has a real owner. From now on a case's open tasks follow the case: to the team
-- that accepts its transfer, and to the continuing case of a merge (casework/repository.ts moveOpenTasks). Open
-- tasks of cases moved or merged before this stayed behind, on no dashboard; they follow now too, and their
-- owners outside the new team show as "no longer in the team" until a manager chooses another.
update nrm_task as t
set case_id = c.merged_into
from nrm_case as c
where c.id = t.case_id
  and t.done_at is null
  and c.closed_reason = 'merged'
  and c.merged_into is not null;

update nrm_task as t
set team_id = c.owner_team_id
from nrm_case as c
where c.id = t.case_id
  and t.done_at is null
  and t.team_id <> c.owner_team_id;
