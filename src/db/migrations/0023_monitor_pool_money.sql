-- The expert pool's money and corrections (issue 21 points 2 and 3).
--
-- Money that stays as it was: a rate card line keeps every rate it ever had with the day it took effect; the
-- fee is fixed in whole cents when the hours are recorded (with the rate used and the day it took effect), and
-- the amount paid and the day it was paid are stored. A paid assignment's money never changes: the service
-- refuses it (409) and the trigger below refuses it too, also when run by hand in SQL.
--
-- Corrections: experts carry consent and retention dates and can be erased (the sealed real name and contact are
-- destroyed, the pseudonym and its history stay); assignments keep every step (assigned, accepted, declined,
-- reassigned, cancelled, withdrawn, hours, paid) in monitor_assignment_event.

-- ---- rates with effective dates --------------------------------------------------------------------------
create table monitor_rate_period (
  code text not null references monitor_rate (code),
  effective_from date not null,
  hourly_rate_cents integer not null,
  created_at timestamptz not null default now(),
  created_by uuid references app_user (id) on delete set null,
  primary key (code, effective_from),
  constraint monitor_rate_period_positive check (hourly_rate_cents > 0)
);
-- A rate written before this migration held "since always": it takes effect on 1 January 2000.
insert into monitor_rate_period (code, effective_from, hourly_rate_cents)
  select code, date '2000-01-01', round(hourly_rate * 100)::integer from monitor_rate;
alter table monitor_rate drop column hourly_rate;

-- ---- the volunteer-allowance limits (vrijwilligersvergoeding), per calendar year ------------------------------
-- Defaults from the Belastingdienst's published maxima: 2025 EUR 210 a month and EUR 2,100 a year. 2026: EUR 220
-- and EUR 2,200 as announced for 2026 (to be verified by the coordinator; the pool's page lets them correct any
-- year's figures).
create table monitor_allowance_limit (
  year integer primary key,
  monthly_cents integer not null,
  yearly_cents integer not null,
  constraint monitor_allowance_limit_positive check (monthly_cents > 0 and yearly_cents > 0 and year between 2000 and 2100)
);
insert into monitor_allowance_limit (year, monthly_cents, yearly_cents) values
  (2025, 21000, 210000),
  (2026, 22000, 220000);

-- ---- experts: consent, retention, erasure, and a version for edits --------------------------------------------
alter table monitor_expert add column consent_on date;
alter table monitor_expert add column retain_until date;
alter table monitor_expert add column erased_at timestamptz;
-- Raised by every change: an edit carries the version its form was opened on, and a stale one is refused.
alter table monitor_expert add column version integer not null default 0;
alter table monitor_expert drop constraint monitor_expert_identity;
-- Plain (awaiting the sealing step) or sealed, never both, never neither; an erased row holds neither.
alter table monitor_expert add constraint monitor_expert_identity check (
  (erased_at is null and (real_name is null) <> (real_name_enc is null) and (contact is null or contact_enc is null))
  or (erased_at is not null and real_name is null and real_name_enc is null and contact is null and contact_enc is null)
);

-- ---- assignments: exact hours, the fee fixed in cents, payment stored ------------------------------------------
alter table monitor_assignment alter column hours_estimated type numeric(7, 2);
alter table monitor_assignment alter column hours_worked type numeric(7, 2);
alter table monitor_assignment add column worked_on date;
alter table monitor_assignment add column rate_cents integer;
alter table monitor_assignment add column rate_effective_from date;
alter table monitor_assignment add column fee_cents integer;
alter table monitor_assignment add column paid_cents integer;
alter table monitor_assignment add column paid_on date;
alter table monitor_assignment add column expert_answer text;
alter table monitor_assignment add column version integer not null default 0;

-- Fees recorded before this migration were computed on every read from the rate of the day; they are fixed now,
-- at the rate they showed at this moment. The payment date of an assignment paid before it is unknown (null).
update monitor_assignment a
   set rate_cents = p.hourly_rate_cents,
       rate_effective_from = p.effective_from,
       fee_cents = round(a.hours_worked * p.hourly_rate_cents)::integer,
       worked_on = (coalesce(a.assigned_at, a.created_at) at time zone 'Europe/Amsterdam')::date
  from monitor_rate_period p
 where a.hours_worked is not null and p.code = a.rate_code;
update monitor_assignment set paid_cents = fee_cents where payment_status = 'paid';
update monitor_assignment set expert_answer = 'accepted' where expert_id is not null;

alter table monitor_assignment drop constraint monitor_assignment_status;
alter table monitor_assignment add constraint monitor_assignment_status
  check (status in ('requested', 'assigned', 'completed', 'cancelled', 'withdrawn'));
alter table monitor_assignment drop constraint monitor_assignment_expert;
alter table monitor_assignment add constraint monitor_assignment_expert
  check ((status in ('assigned', 'completed')) = (expert_id is not null) or status in ('cancelled', 'withdrawn'));
alter table monitor_assignment add constraint monitor_assignment_answer
  check (expert_answer is null or expert_answer in ('pending', 'accepted'));
alter table monitor_assignment add constraint monitor_assignment_fee
  check ((payment_status = 'not_due') or (fee_cents is not null and rate_cents is not null and hours_worked is not null));
alter table monitor_assignment add constraint monitor_assignment_paid
  check ((payment_status = 'paid') = (paid_cents is not null));

-- A paid fee never changes: its hours, rate, fee, payment and the assignment's status are frozen.
create function monitor_refuse_paid_change() returns trigger language plpgsql as $$
begin
  if old.payment_status = 'paid' and (
       tg_op = 'DELETE'
       or new.payment_status is distinct from old.payment_status
       or new.hours_worked is distinct from old.hours_worked
       or new.rate_code is distinct from old.rate_code
       or new.rate_cents is distinct from old.rate_cents
       or new.fee_cents is distinct from old.fee_cents
       or new.paid_cents is distinct from old.paid_cents
       or new.paid_on is distinct from old.paid_on
       or new.worked_on is distinct from old.worked_on
       or new.expert_id is distinct from old.expert_id
       or new.status is distinct from old.status) then
    raise exception 'monitor: assignment % is paid and its fee cannot change', old.id using errcode = 'check_violation';
  end if;
  if tg_op = 'DELETE' then return old; end if;
  return new;
end;
$$;
create trigger monitor_assignment_paid_frozen before update or delete on monitor_assignment
  for each row execute function monitor_refuse_paid_change();

-- Every step of an assignment, in order; the expert by id (shown by pseudonym), nothing personal in detail.
create table monitor_assignment_event (
  id uuid primary key,
  -- The order of the steps, also when two share a timestamp.
  seq bigserial not null,
  assignment_id uuid not null references monitor_assignment (id),
  at timestamptz not null,
  actor_user_id uuid references app_user (id) on delete set null,
  kind text not null,
  expert_id uuid references monitor_expert (id),
  note text not null default '',
  detail jsonb not null default '{}'::jsonb,
  constraint monitor_assignment_event_kind check (kind in (
    'requested', 'assigned', 'accepted', 'declined', 'reassigned', 'cancelled', 'withdrawn', 'hours', 'paid'))
);
create index monitor_assignment_event_assignment_idx on monitor_assignment_event (assignment_id, at);
