-- The suppression audit (issue 14, src/modules/stats/audit.ts): per data set the last audit of its published
-- cube (fingerprint of the numbers it covers, verdict, cells exposed, and the cells it suppressed on top of the
-- threshold and line rules). A data set is only served while its audit passed for exactly the numbers served.
alter table stats_dataset add column audit jsonb;

-- Nothing published so far was audited: take it off until a steward publishes it again (which audits it).
update stats_dataset set published = false where published;
