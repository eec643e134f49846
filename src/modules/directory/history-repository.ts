// The change history (HSDS `metadata`): one row per changed field, read back with the account's display name.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso, type Db } from './repository.js';
import type { HistoryEntry } from './types.js';

export interface HistoryRow {
  field: string;
  previous: string;
  replacement: string;
}

/** Appends change history (HSDS metadata): one row per changed field. */
export async function insertHistory(
  trx: Transaction<Database>,
  entry: {
    resourceId: string;
    resourceType: string;
    action: string;
    at: Date;
    updatedBy: string;
    ids: string[];
  },
  rows: HistoryRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto('metadata')
    .values(
      rows.map((r, i) => ({
        id: entry.ids[i]!,
        resource_id: entry.resourceId,
        resource_type: entry.resourceType,
        last_action_date: entry.at,
        last_action_type: entry.action,
        field_name: r.field,
        previous_value: r.previous,
        replacement_value: r.replacement,
        updated_by: entry.updatedBy,
      })),
    )
    .execute();
}

/** The change history of one record, newest first, with the name of the account that made each change. */
export async function readHistory(db: Db, resourceId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('metadata as m')
    .leftJoin('app_user as u', (join) => join.on(sql`u.id::text`, '=', sql.ref('m.updated_by')))
    .select([
      'm.id',
      'm.last_action_date',
      'm.last_action_type',
      'm.field_name',
      'm.previous_value',
      'm.replacement_value',
      'm.updated_by',
      'u.display_name',
    ])
    .where('m.resource_id', '=', resourceId)
    .orderBy('m.last_action_date', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.last_action_date),
    action: r.last_action_type,
    field: r.field_name,
    previous: r.previous_value,
    replacement: r.replacement_value,
    updatedBy: r.updated_by,
    updatedByName: r.display_name,
  }));
}
