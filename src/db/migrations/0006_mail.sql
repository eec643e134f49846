-- Platform: the mail outbox. A message is inserted in the same transaction as the change that causes it, so it
-- exists if and only if that change commits; a background job sends what is due and keeps failures for a retry.

create table mail_outbox (
  id bigserial primary key,
  -- Addresses of the recipients (personal data: kept only until the message is sent and the retention passes).
  recipients jsonb not null,
  subject text not null,
  body_text text not null,
  created_at timestamptz not null default now(),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  -- A short error code or class of the last failed attempt (e.g. ECONNECTION, EENVELOPE 550), never content.
  last_error text,
  constraint mail_outbox_recipients_array check (jsonb_typeof(recipients) = 'array'),
  constraint mail_outbox_last_error_short check (last_error is null or length(last_error) <= 80)
);
-- What is due: unsent messages by their next attempt.
create index mail_outbox_due_idx on mail_outbox (next_attempt_at, id) where sent_at is null;
-- Sent messages are deleted after the retention period (src/platform/mail/outbox.ts).
create index mail_outbox_sent_idx on mail_outbox (sent_at) where sent_at is not null;
