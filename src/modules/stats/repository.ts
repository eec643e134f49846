// The data hub's tables in and out: data sets with their settings and budget, their columnar microdata, and
// releases. Microdata goes in as one row per column (values as jsonb, codes as little-endian uint16 bytes).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DatasetFormat } from './formats.js';
import type { Microdata } from './microdata.js';
import type { ExactReport, UtilityReport } from './evaluate.js';
import type { LengthNoise } from './dp.js';
import type { FabricationMode } from './synthesis.js';
import type { AuditOutcome } from './audit.js';

export type Db = Kysely<Database> | Transaction<Database>;
/** The database itself (it can open a transaction), for the service that holds it. */
export type Root = Kysely<Database>;

export type StoredFormat = DatasetFormat | 'registrations';

export interface DatasetRow {
  name: string;
  title: string;
  format: StoredFormat;
  k: number;
  roundingBase: number | null;
  maxLength: number;
  /** The columns the explorer and the API offer; null: all. */
  cubeColumns: string[] | null;
  published: boolean;
  builtIn: boolean;
  /** The ceiling as an administrator set it: ε (null until set) at δ, and in ρ. */
  epsilonBudget: number | null;
  deltaBudget: number;
  rhoBudget: number;
  rhoSpent: number;
  rowCount: number;
  columns: string[];
  createdAt: Date;
  updatedAt: Date;
  /** The last suppression audit of the published cube (null: never audited). */
  audit: StoredAudit | null;
}

/** An audit as stored: the outcome, when, and for which columns. */
export interface StoredAudit extends AuditOutcome {
  at: string;
  columns: string[];
}

export interface ReleaseRow {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  /** The zCDP cost charged to the budget. */
  rho: number;
  fabrication: FabricationMode;
  reportingLength: number;
  recordCount: number;
  noise: LengthNoise[];
  /** Against the noisy marginals: public. Null for releases made before it existed. */
  utility: UtilityReport | null;
  /** Against the sensitive data, with the leakage figures: only when asked for (stewards). */
  exactUtility?: ExactReport | null;
  createdAt: Date;
  /** Who made (approved) it: their role and name; null for the command line. */
  createdBy: { role: string; name: string } | null;
}

export interface BudgetChangeRow {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  rho: number;
  reason: string;
  setBy: { role: string; name: string } | null;
  createdAt: Date;
}

const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value);

export async function listDatasets(db: Db, options: { publishedOnly: boolean }): Promise<DatasetRow[]> {
  let query = db.selectFrom('stats_dataset').selectAll().orderBy('name');
  if (options.publishedOnly) query = query.where('published', '=', true);
  const rows = await query.execute();
  const columns = await db
    .selectFrom('stats_dataset_column')
    .select(['dataset', 'name', 'position'])
    .orderBy('dataset')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    name: row.name,
    title: row.title,
    format: row.format as StoredFormat,
    k: row.k,
    roundingBase: row.rounding_base,
    maxLength: row.max_length,
    cubeColumns: row.cube_columns === null ? null : (json(row.cube_columns) as string[]),
    published: row.published,
    builtIn: row.built_in,
    epsilonBudget: row.epsilon_budget,
    deltaBudget: row.delta_budget,
    rhoBudget: row.rho_budget,
    rhoSpent: row.rho_spent,
    rowCount: row.row_count,
    columns: columns.filter((c) => c.dataset === row.name).map((c) => c.name),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    audit: row.audit === null ? null : (json(row.audit) as StoredAudit),
  }));
}

/** Stores an audit; `published` when given (publishing, or unpublishing after a failed audit). */
export async function saveAudit(
  db: Db,
  name: string,
  audit: StoredAudit,
  published?: boolean,
): Promise<void> {
  await db
    .updateTable('stats_dataset')
    .set({ audit: JSON.stringify(audit), ...(published !== undefined ? { published } : {}) })
    .where('name', '=', name)
    .execute();
}

export async function findDataset(db: Db, name: string): Promise<DatasetRow | undefined> {
  return (await listDatasets(db, { publishedOnly: false })).find((d) => d.name === name);
}

export async function readMicrodata(db: Db, name: string): Promise<Microdata> {
  const rows = await db
    .selectFrom('stats_dataset_column')
    .select(['name', 'values', 'codes'])
    .where('dataset', '=', name)
    .orderBy('position')
    .execute();
  const columns = rows.map((r) => ({ name: r.name, values: json(r.values) as string[] }));
  const codes = rows.map((r) => {
    const bytes = Buffer.from(r.codes);
    const out = new Uint16Array(bytes.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = bytes.readUInt16LE(i * 2);
    return out;
  });
  return { columns, codes, rows: codes[0]?.length ?? 0 };
}

export interface NewDataset {
  name: string;
  title: string;
  format: StoredFormat;
  builtIn?: boolean;
  /** For a new data set: the longest column combination (default 3). */
  maxLength?: number;
}

/** Creates the data set or replaces its microdata (settings, budget and releases are kept). */
export async function writeDataset(db: Db, dataset: NewDataset, data: Microdata, now: Date): Promise<void> {
  const existing = await db
    .selectFrom('stats_dataset')
    .select('name')
    .where('name', '=', dataset.name)
    .executeTakeFirst();
  if (existing) {
    await db
      .updateTable('stats_dataset')
      .set({ title: dataset.title, format: dataset.format, row_count: data.rows, updated_at: now })
      .where('name', '=', dataset.name)
      .execute();
    await db.deleteFrom('stats_dataset_column').where('dataset', '=', dataset.name).execute();
  } else {
    await db
      .insertInto('stats_dataset')
      .values({
        name: dataset.name,
        title: dataset.title,
        format: dataset.format,
        built_in: dataset.builtIn ?? false,
        ...(dataset.maxLength !== undefined ? { max_length: dataset.maxLength } : {}),
        row_count: data.rows,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  for (let c = 0; c < data.columns.length; c++) {
    const codes = data.codes[c]!;
    const bytes = Buffer.alloc(codes.length * 2);
    for (let i = 0; i < codes.length; i++) bytes.writeUInt16LE(codes[i]!, i * 2);
    await db
      .insertInto('stats_dataset_column')
      .values({
        dataset: dataset.name,
        position: c,
        name: data.columns[c]!.name,
        values: JSON.stringify(data.columns[c]!.values),
        codes: bytes,
      })
      .execute();
  }
}

export interface DatasetSettings {
  k?: number;
  roundingBase?: number | null;
  maxLength?: number;
  cubeColumns?: string[] | null;
  published?: boolean;
  title?: string;
}

export async function updateSettings(db: Db, name: string, settings: DatasetSettings, now: Date) {
  await db
    .updateTable('stats_dataset')
    .set({
      ...(settings.k !== undefined ? { k: settings.k } : {}),
      ...(settings.roundingBase !== undefined ? { rounding_base: settings.roundingBase } : {}),
      ...(settings.maxLength !== undefined ? { max_length: settings.maxLength } : {}),
      ...(settings.cubeColumns !== undefined
        ? { cube_columns: settings.cubeColumns === null ? null : JSON.stringify(settings.cubeColumns) }
        : {}),
      ...(settings.published !== undefined ? { published: settings.published } : {}),
      ...(settings.title !== undefined ? { title: settings.title } : {}),
      updated_at: now,
    })
    .where('name', '=', name)
    .execute();
}

/** Locks the data set's row for the rest of the transaction (budget checks and spending). */
export async function lockBudget(trx: Transaction<Database>, name: string) {
  return trx
    .selectFrom('stats_dataset')
    .select(['rho_budget', 'rho_spent'])
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewRelease {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  rho: number;
  fabrication: FabricationMode;
  reportingLength: number;
  recordCount: number;
  noise: LengthNoise[];
  utility: UtilityReport;
  exactUtility: ExactReport;
  syntheticCsv: string;
  aggregatesCsv: string;
  createdBy: string | null;
}

export async function insertRelease(trx: Transaction<Database>, release: NewRelease, now: Date) {
  await trx
    .insertInto('stats_release')
    .values({
      id: release.id,
      dataset: release.dataset,
      epsilon: release.epsilon,
      delta: release.delta,
      rho: release.rho,
      fabrication: release.fabrication,
      reporting_length: release.reportingLength,
      record_count: release.recordCount,
      noise: JSON.stringify(release.noise),
      utility: JSON.stringify(release.utility),
      exact_utility: JSON.stringify(release.exactUtility),
      synthetic_csv: release.syntheticCsv,
      aggregates_csv: release.aggregatesCsv,
      created_at: now,
      created_by: release.createdBy,
    })
    .execute();
  const spent = await lockBudget(trx, release.dataset);
  await trx
    .updateTable('stats_dataset')
    .set({ rho_spent: spent!.rho_spent + release.rho })
    .where('name', '=', release.dataset)
    .execute();
}

export async function listReleases(
  db: Db,
  dataset: string,
  options: { exact?: boolean } = {},
): Promise<ReleaseRow[]> {
  const rows = await db
    .selectFrom('stats_release as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .select([
      'r.id',
      'r.dataset',
      'r.epsilon',
      'r.delta',
      'r.rho',
      'r.fabrication',
      'r.reporting_length',
      'r.record_count',
      'r.noise',
      'r.utility',
      // The exact report only for staff: never even read for a public answer.
      ...(options.exact ? (['r.exact_utility'] as const) : []),
      'r.created_at',
      'u.role',
      'u.display_name',
    ])
    .where('r.dataset', '=', dataset)
    .orderBy('r.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dataset: r.dataset,
    epsilon: r.epsilon,
    delta: r.delta,
    rho: r.rho,
    fabrication: r.fabrication as FabricationMode,
    createdBy: r.role ? { role: r.role, name: r.display_name ?? '' } : null,
    reportingLength: r.reporting_length,
    recordCount: r.record_count,
    noise: json(r.noise) as LengthNoise[],
    utility: r.utility === null ? null : (json(r.utility) as UtilityReport),
    ...(options.exact
      ? {
          exactUtility:
            (r as { exact_utility?: unknown }).exact_utility == null
              ? null
              : (json((r as { exact_utility?: unknown }).exact_utility) as ExactReport),
        }
      : {}),
    createdAt: new Date(r.created_at),
  }));
}

export async function releaseCsv(
  db: Db,
  dataset: string,
  id: string,
  file: 'synthetic' | 'aggregates' = 'synthetic',
): Promise<string | undefined> {
  const row = await db
    .selectFrom('stats_release')
    .select(['synthetic_csv', 'aggregates_csv'])
    .where('dataset', '=', dataset)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return file === 'aggregates' ? row.aggregates_csv : row.synthetic_csv;
}

/** Sets a data set's ceiling and records the change (who, why, to what) in the same transaction. */
export async function setBudget(
  trx: Transaction<Database>,
  change: {
    id: string;
    dataset: string;
    epsilon: number;
    delta: number;
    rho: number;
    reason: string;
    setBy: string;
  },
  now: Date,
) {
  await trx
    .updateTable('stats_dataset')
    .set({ epsilon_budget: change.epsilon, delta_budget: change.delta, rho_budget: change.rho })
    .where('name', '=', change.dataset)
    .execute();
  await trx
    .insertInto('stats_budget_change')
    .values({
      id: change.id,
      dataset: change.dataset,
      epsilon: change.epsilon,
      delta: change.delta,
      rho: change.rho,
      reason: change.reason,
      set_by: change.setBy,
      created_at: now,
    })
    .execute();
}

export async function listBudgetChanges(db: Db, dataset: string): Promise<BudgetChangeRow[]> {
  const rows = await db
    .selectFrom('stats_budget_change as b')
    .leftJoin('app_user as u', 'u.id', 'b.set_by')
    .select([
      'b.id',
      'b.dataset',
      'b.epsilon',
      'b.delta',
      'b.rho',
      'b.reason',
      'b.created_at',
      'u.role',
      'u.display_name',
    ])
    .where('b.dataset', '=', dataset)
    .orderBy('b.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dataset: r.dataset,
    epsilon: r.epsilon,
    delta: r.delta,
    rho: r.rho,
    reason: r.reason,
    setBy: r.role ? { role: r.role, name: r.display_name ?? '' } : null,
    createdAt: new Date(r.created_at),
  }));
}
