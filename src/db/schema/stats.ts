// The data hub's tables (0008): data sets, their columnar microdata, releases and the budget ledger.
// Part of `Database` (src/db/schema.ts); kept in step with the migrations by hand (schema.db.test.ts checks it).
import type { ColumnType } from 'kysely';
import type { Json, Timestamp } from './columns.js';

export interface StatsDatasetTable {
  name: string;
  title: string;
  format: string;
  k: ColumnType<number, number | undefined, number>;
  rounding_base: number | null;
  max_length: ColumnType<number, number | undefined, number>;
  cube_columns: Json | null;
  published: ColumnType<boolean, boolean | undefined, boolean>;
  built_in: ColumnType<boolean, boolean | undefined, boolean>;
  /** The ceiling's ε as an administrator gave it (0011); null until one sets it. */
  epsilon_budget: number | null;
  delta_budget: ColumnType<number, number | undefined, number>;
  /** zCDP budget and spending (0011). */
  rho_budget: ColumnType<number, number | undefined, number>;
  rho_spent: ColumnType<number, number | undefined, number>;
  row_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** The last suppression audit (0012), see src/modules/stats/audit.ts. */
  audit: Json | null;
}

export interface StatsDatasetColumnTable {
  dataset: string;
  position: number;
  name: string;
  values: Json;
  codes: Buffer;
}

export interface StatsReleaseTable {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  /** The release's zCDP cost (0011). */
  rho: number;
  reporting_length: number;
  record_count: number;
  noise: Json;
  /** Against the noisy marginals (public); null for releases before 0011. */
  utility: Json | null;
  /** Against the sensitive data, with the leakage figures (stewards only; 0011). */
  exact_utility: Json | null;
  /** minimize | uncontrolled (0011). */
  fabrication: string;
  synthetic_csv: string;
  aggregates_csv: string;
  created_at: Timestamp;
  created_by: string | null;
}

export interface StatsBudgetChangeTable {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  rho: number;
  reason: string;
  set_by: string | null;
  created_at: Timestamp;
}

export interface StatsSharingAgreementTable {
  id: string;
  partner: string;
  purpose: string;
  fields: string[];
  exact_dates: boolean;
  valid_from: string;
  valid_to: string;
  recorded_by: string | null;
  recorded_at: Timestamp;
  ended_at: Timestamp | null;
  ended_by: string | null;
}

export interface StatsTables {
  stats_dataset: StatsDatasetTable;
  stats_dataset_column: StatsDatasetColumnTable;
  stats_release: StatsReleaseTable;
  stats_budget_change: StatsBudgetChangeTable;
  stats_sharing_agreement: StatsSharingAgreementTable;
}
