-- The wegwijzer's routing rules: every published version of the rule set, as the YAML a domain expert wrote
-- (comments included), and which one is active. Versions are never edited or deleted; a rollback activates an
-- earlier version again. The audit trail records who published or activated what.
create table guide_rule_set (
  version integer primary key,
  source text not null,
  note text not null,
  published_at timestamptz not null,
  published_by uuid references app_user (id) on delete set null,
  -- The version this one was edited from (null for the bundled first version).
  based_on integer references guide_rule_set (version),
  active boolean not null default false,
  activated_at timestamptz
);

-- At most one active version.
create unique index guide_rule_set_one_active on guide_rule_set (active) where active;
