-- The annex for parliament (issue 21 points 5 and 6).
--
-- Carried-over text: a narrative copied into a new round from the round before (or from the action's description)
-- is marked until its owner confirms it still holds or rewrites it; the annex and the lock confirmation say so.
--
-- Co-holders: the letter names more than one action holder for some actions ("Defence for Children/ECPAT en FIER
-- zijn actiehouder van deze actielijn"); a partner can be marked as co-holder (mede-actiehouder).
--
-- What a locked round froze: the commitments register (status, linked actions and their statuses, where each was
-- answered), the milestones past their planned date and every action's holders, as they stood when the round was
-- locked. Written once in the locking transaction; never changed afterwards (the trigger below refuses it).

alter table monitor_round_entry add column narrative_carried boolean not null default false;
-- Entries of open rounds that nobody has updated yet still hold the carried-over text. (Entries of locked rounds
-- cannot change: the trigger on monitor_round_entry refuses it, so they keep false: they were sent as they were.)
update monitor_round_entry e set narrative_carried = true
  where e.review_state = 'pending'
    and exists (select 1 from monitor_round r where r.id = e.round_id and r.status = 'open');

alter table monitor_action_partner add column holder boolean not null default false;
-- The sample plan's action line 6: the letter names Fier as action holder beside Defence for Children/ECPAT.
update monitor_action_partner p set holder = true
  where p.organisation_id in (select o.id from monitor_organisation o where o.name = 'Fier')
    and p.action_id in (
      select a.id from monitor_action a join monitor_action_line l on l.id = a.line_id
      where l.code = '6' and l.source like '%FIER zijn actiehouder%'
    );

create table monitor_round_snapshot (
  round_id uuid primary key references monitor_round (id),
  commitments jsonb not null,
  milestones jsonb not null,
  holders jsonb not null,
  created_at timestamptz not null default now()
);

create function monitor_refuse_snapshot_change() returns trigger language plpgsql as $$
begin
  raise exception 'monitor: the snapshot of round % is frozen and cannot change', old.round_id
    using errcode = 'check_violation';
end;
$$;

create trigger monitor_round_snapshot_frozen before update or delete on monitor_round_snapshot
  for each row execute function monitor_refuse_snapshot_change();
