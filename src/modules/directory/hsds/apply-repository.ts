// The import's writes to the HSDS tables, in the caller's transaction: records upserted in bulk (one JSON
// parameter per chunk, not a query per row), the child collections an import replaces deleted and inserted, and
// the change history's rows. What to write is decided in apply.ts.
import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { TableName } from './model.js';
import { columnsOf } from './read-repository.js';

export type Trx = Transaction<Database>;
export type Row = Record<string, unknown> & { id: string };

const IMPORT_LOCK_KEY = 7_316_223;

/** One import at a time: the lock is held until the import's transaction ends. */
export async function lockImports(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_KEY})`.execute(trx);
}

const ROWS_PER_STATEMENT = 5000;

/**
 * Bulk insert: each chunk is one statement with one JSON parameter (json_populate_recordset types the values by
 * the table's columns), far cheaper than thousands of bind parameters, on PGlite especially.
 */
async function insertRows(
  trx: Trx,
  table: TableName,
  rows: readonly Row[],
  extra: Record<string, unknown> = {},
  conflict?: RawBuilder<unknown>,
  /** Columns beyond the table's compared ones that each row carries itself. */
  rowColumns: readonly string[] = [],
) {
  if (rows.length === 0) return;
  const columns = sql.join(
    [...columnsOf(table), ...rowColumns, ...Object.keys(extra)].map((c) => sql.ref(c)),
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + ROWS_PER_STATEMENT).map((row) => ({ ...row, ...extra }));
    await sql`insert into ${sql.table(table)} (${columns})
      select ${columns} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(chunk)}::json)
      ${conflict ?? sql``}`.execute(trx);
  }
}

function updateAll(table: TableName, extra: RawBuilder<unknown>[] = []): RawBuilder<unknown> {
  const sets = columnsOf(table)
    .filter((c) => c !== 'id')
    .map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`);
  return sql`on conflict (id) do update set ${sql.join([...sets, ...extra])}`;
}

/** Deletes the collections each changed record (`kind:id`) rewrites; rows below them go by cascade. */
export async function deleteCollections(trx: Trx, rewrite: Map<string, TableName[]>) {
  const owners = new Map<string, string[]>();
  for (const [key, tables] of rewrite) {
    const [kind, id] = key.split(':') as [string, string];
    for (const table of tables) {
      const k = `${kind}:${table}`;
      owners.set(k, [...(owners.get(k) ?? []), id]);
    }
  }
  const conditions: Record<string, (ids: string[]) => RawBuilder<unknown>> = {
    // Rows below a deleted row (a contact's phones, a phone's languages, a place's schedules) go by cascade.
    'service:phone': (ids) => sql`contact_id is null and service_id = any(${ids}::uuid[])`,
    'service:url': (ids) => sql`service_id = any(${ids}::uuid[])`,
    'service:schedule': (ids) => sql`service_at_location_id is null and service_id = any(${ids}::uuid[])`,
    'service:service_at_location': (ids) => sql`service_id = any(${ids}::uuid[])`,
    'service:service_area': (ids) => sql`service_id = any(${ids}::uuid[])`,
    'service:language': (ids) => sql`phone_id is null and service_id = any(${ids}::uuid[])`,
    'service:service_capacity': (ids) => sql`service_id = any(${ids}::uuid[])`,
    'service:contact': (ids) => sql`service_id = any(${ids}::uuid[])`,
    'service:attribute': (ids) => sql`link_entity = 'service' and link_id = any(${ids}::uuid[])`,
    'organization:phone': (ids) =>
      sql`contact_id is null and service_id is null and location_id is null and organization_id = any(${ids}::uuid[])`,
    'organization:url': (ids) => sql`service_id is null and organization_id = any(${ids}::uuid[])`,
    'organization:contact': (ids) => sql`service_id is null and organization_id = any(${ids}::uuid[])`,
    'organization:attribute': (ids) => sql`link_entity = 'organization' and link_id = any(${ids}::uuid[])`,
    'location:address': (ids) => sql`location_id = any(${ids}::uuid[])`,
    'location:schedule': (ids) =>
      sql`service_at_location_id is null and service_id is null and location_id = any(${ids}::uuid[])`,
    'location:phone': (ids) =>
      sql`contact_id is null and service_id is null and location_id = any(${ids}::uuid[])`,
    'location:language': (ids) =>
      sql`phone_id is null and service_id is null and location_id = any(${ids}::uuid[])`,
  };
  for (const [key, ids] of owners) {
    const table = key.split(':')[1]!;
    const where = conditions[key];
    if (where) await sql`delete from ${sql.table(table)} where ${where(ids)}`.execute(trx);
  }
}

/** Organisations (parents first), created or updated: `updated_at` moves with the change. */
export async function upsertOrganizations(trx: Trx, rows: readonly Row[], now: Date): Promise<void> {
  await insertRows(
    trx,
    'organization',
    rows,
    { created_at: now, updated_at: now },
    updateAll('organization', [sql`updated_at = excluded.updated_at`]),
  );
}

/** Units or locations, created or updated. */
export async function upsertRecords(
  trx: Trx,
  table: 'unit' | 'location',
  rows: readonly Row[],
): Promise<void> {
  await insertRows(trx, table, rows, {}, updateAll(table));
}

/** Services (each carrying its source_type and source_name), created or updated: version + 1, new provenance. */
export async function upsertServices(trx: Trx, rows: readonly Row[], now: Date): Promise<void> {
  await insertRows(
    trx,
    'service',
    rows,
    { created_at: now, last_modified: now, version: 1, source_imported_at: now },
    updateAll('service', [
      sql`last_modified = excluded.last_modified`,
      sql`version = service.version + 1`,
      sql`source_type = excluded.source_type`,
      sql`source_name = excluded.source_name`,
      sql`source_imported_at = excluded.source_imported_at`,
      // A verification by a steward stays theirs only while the import leaves the assurance as it was.
      sql`assured_by_user_id = case when service.assured_date is not distinct from excluded.assured_date
        and service.assurer_email is not distinct from excluded.assurer_email
        and service.assured_by is not distinct from excluded.assured_by then service.assured_by_user_id else null end`,
    ]),
    ['source_type', 'source_name'],
  );
}

/** New child rows (phones, addresses, attributes, ...), as they are. */
export async function insertChildRows(trx: Trx, table: TableName, rows: readonly Row[]): Promise<void> {
  await insertRows(trx, table, rows);
}

export interface HistoryEntry {
  resource_id: string;
  resource_type: string;
  field_name: string;
  previous_value: string;
  replacement_value: string;
}

/** The change history's rows, with their ids (in order), the import's time and who imported. */
export async function insertHistoryRows(
  trx: Trx,
  rows: readonly HistoryEntry[],
  ids: readonly string[],
  now: Date,
  updatedBy: string,
): Promise<void> {
  const size = 3000;
  for (let i = 0; i < rows.length; i += size) {
    await trx
      .insertInto('metadata')
      .values(
        rows.slice(i, i + size).map((r, j) => ({
          ...r,
          id: ids[i + j]!,
          last_action_date: now,
          last_action_type: 'import',
          updated_by: updatedBy,
        })),
      )
      .execute();
  }
}
