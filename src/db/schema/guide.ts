// The wegwijzer's tables: rule-set versions.
// Part of `Database` (src/db/schema.ts); kept in step with the migrations by hand (schema.db.test.ts checks it).
import type { ColumnType } from 'kysely';
import type { Timestamp } from './columns.js';

export interface GuideRuleSetTable {
  version: number;
  source: string;
  note: string;
  published_at: Timestamp;
  published_by: string | null;
  based_on: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  activated_at: Timestamp | null;
}

export interface GuideTables {
  guide_rule_set: GuideRuleSetTable;
}
