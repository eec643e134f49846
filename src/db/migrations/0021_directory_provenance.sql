-- Provenance and verification per service record (issue 23, point 3), and the follower's place per feed (point 4).
--
-- assured_by: who verified the service, as an organisation or a role (the publisher's name when a steward here
--   verifies; what the source says, or the source itself, when it arrives by import). Never a person: the steward
--   who verified stays in assured_by_user_id and the history, which are not public.
-- source_type / source_name / source_imported_at: where the record came from. 'local' = entered here (no name);
--   'file' = an HSDS import (the file's name, never its path on someone's machine); 'feed' = followed from another
--   HSDS feed (its URL). source_imported_at is when the import last changed the record.
alter table service add column assured_by text;
alter table service add constraint service_assured_by_length check (char_length(assured_by) <= 200);
alter table service add column source_type text not null default 'local';
alter table service add constraint service_source_type_known check (source_type in ('local', 'file', 'feed'));
alter table service add column source_name text;
alter table service add constraint service_source_name_length check (char_length(source_name) <= 2000);
alter table service add column source_imported_at timestamptz;
alter table service add constraint service_source_complete check (
  (source_type = 'local' and source_name is null and source_imported_at is null)
  or (source_type <> 'local' and source_name is not null and source_imported_at is not null)
);

-- Services verified before this migration keep assured_by empty: who verified them was not recorded as an
-- organisation or role, and guessing it would be wrong. The next verification fills it in.

-- `samen directory follow <url>`: per followed feed, the newest last_modified seen, so the next run asks only for
-- what changed since (modified_after), and when it last ran.
create table directory_followed_feed (
  url text primary key check (url ~ '^https?://' and char_length(url) <= 2000),
  publisher_name text check (char_length(publisher_name) <= 200),
  last_modified_seen timestamptz,
  followed_at timestamptz not null,
  services_seen integer not null default 0 check (services_seen >= 0)
);
