-- Referral mechanism: in-app notifications beside the e-mail ones. Like the mail, a notification carries no personal
-- data and no case content: what happened, to which case, for which team (and, where only some of its roles are
-- meant, which). The list shows only cases the reader may still see; the retention job deletes them after 90 days.

create table nrm_notification (
  id bigserial primary key,
  team_id uuid not null references nrm_team (id) on delete cascade,
  case_id uuid not null references nrm_case (id) on delete cascade,
  kind text not null,
  -- Only these roles of the team (an overdue triage goes to the regional lead); null: the whole team.
  roles text[],
  created_at timestamptz not null default now(),
  constraint nrm_notification_kind check (kind in ('signal', 'referral', 'placement', 'overdue', 'reflection'))
);
create index nrm_notification_team_idx on nrm_notification (team_id, created_at desc, id desc);
create index nrm_notification_created_idx on nrm_notification (created_at);

-- When a user last marked their notifications as seen: newer ones count as new.
create table nrm_notification_seen (
  user_id uuid primary key references app_user (id) on delete cascade,
  seen_at timestamptz not null
);
