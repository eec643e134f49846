// The data hub's tables in and out: data sets with their settings and budget, their columnar microdata, and
// releases. Microdata goes in as one row per column (values as jsonb, codes as little-endian uint16 bytes).
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { DatasetFormat } from './formats.js';
import type { Microdata } from './microdata.js';
import type { UtilityReport } from './evaluate.js';
import type { LengthNoise } from './dp.js';
import type { AuditOutcome } from './audit.js';

type Db = Kysely<Database> | Transaction<Database>;

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
  epsilonBudget: number;
  deltaBudget: number;
  epsilonSpent: number;
  deltaSpent: number;
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
  seed: string;
  reportingLength: number;
  recordCount: number;
  noise: LengthNoise[];
  utility: UtilityReport;
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
    epsilonSpent: row.epsilon_spent,
    deltaSpent: row.delta_spent,
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
  epsilonBudget?: number;
  deltaBudget?: number;
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
      ...(settings.epsilonBudget !== undefined ? { epsilon_budget: settings.epsilonBudget } : {}),
      ...(settings.deltaBudget !== undefined ? { delta_budget: settings.deltaBudget } : {}),
      updated_at: now,
    })
    .where('name', '=', name)
    .execute();
}

/** Locks the data set's row for the rest of the transaction (budget checks and spending). */
export async function lockBudget(trx: Transaction<Database>, name: string) {
  return trx
    .selectFrom('stats_dataset')
    .select(['epsilon_budget', 'delta_budget', 'epsilon_spent', 'delta_spent'])
    .where('name', '=', name)
    .forUpdate()
    .executeTakeFirst();
}

export interface NewRelease {
  id: string;
  dataset: string;
  epsilon: number;
  delta: number;
  seed: string;
  reportingLength: number;
  recordCount: number;
  noise: LengthNoise[];
  utility: UtilityReport;
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
      seed: release.seed,
      reporting_length: release.reportingLength,
      record_count: release.recordCount,
      noise: JSON.stringify(release.noise),
      utility: JSON.stringify(release.utility),
      synthetic_csv: release.syntheticCsv,
      aggregates_csv: release.aggregatesCsv,
      created_at: now,
      created_by: release.createdBy,
    })
    .execute();
  const spent = await lockBudget(trx, release.dataset);
  await trx
    .updateTable('stats_dataset')
    .set({
      epsilon_spent: spent!.epsilon_spent + release.epsilon,
      delta_spent: spent!.delta_spent + release.delta,
    })
    .where('name', '=', release.dataset)
    .execute();
}

export async function listReleases(db: Db, dataset: string): Promise<ReleaseRow[]> {
  const rows = await db
    .selectFrom('stats_release')
    .select([
      'id',
      'dataset',
      'epsilon',
      'delta',
      'seed',
      'reporting_length',
      'record_count',
      'noise',
      'utility',
      'created_at',
    ])
    .where('dataset', '=', dataset)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    dataset: r.dataset,
    epsilon: r.epsilon,
    delta: r.delta,
    seed: r.seed,
    reportingLength: r.reporting_length,
    recordCount: r.record_count,
    noise: json(r.noise) as LengthNoise[],
    utility: json(r.utility) as UtilityReport,
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
