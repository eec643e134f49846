// What an import's checks read from the database (validate.ts): the taxonomy terms, the region codes, the
// organisations, and the stored rows with the ids the import uses, with the columns that name their owner.
import { sql } from 'kysely';
import type { TableName, TermInfo } from './model.js';
import { readTerms, type Db } from './read-repository.js';

/** The columns ownerOf reads, per child table. */
const OWNER_COLUMNS: Partial<Record<TableName, readonly string[]>> = {
  phone: ['id', 'contact_id', 'service_id', 'location_id', 'organization_id'],
  url: ['id', 'service_id', 'organization_id'],
  contact: ['id', 'service_id', 'organization_id'],
  schedule: ['id', 'service_at_location_id', 'service_id', 'location_id'],
  language: ['id', 'phone_id', 'service_id', 'location_id'],
  address: ['id', 'location_id'],
  service_at_location: ['id', 'service_id'],
  service_area: ['id', 'service_id'],
  service_capacity: ['id', 'service_id'],
  attribute: ['id', 'link_entity', 'link_id'],
};

export const CHILD_TABLES: readonly TableName[] = [
  'phone',
  'url',
  'contact',
  'schedule',
  'language',
  'address',
  'service_at_location',
  'service_area',
  'service_capacity',
  'attribute',
];

export interface ImportReferences {
  terms: Map<string, TermInfo>;
  policeUnits: string[];
  safetyRegions: string[];
  municipalities: string[];
  /** Organisations in the database: id -> parent id. */
  organizations: Map<string, string | null>;
  /** Of the asked locations and units, the ones stored. */
  locations: Set<string>;
  units: Set<string>;
  /** Per child table, the stored rows with the asked ids (their owner columns only). */
  childRows: Map<TableName, Record<string, unknown>[]>;
}

export async function readImportReferences(
  db: Db,
  asked: { locationIds: string[]; unitIds: string[]; childIds: ReadonlyMap<TableName, string[]> },
): Promise<ImportReferences> {
  const { terms } = await readTerms(db);
  const [police, regions, municipalities, orgs] = await Promise.all([
    db.selectFrom('police_unit').select('code').execute(),
    db.selectFrom('safety_region').select('code').execute(),
    db.selectFrom('municipality').select('code').execute(),
    db.selectFrom('organization').select(['id', 'parent_organization_id']).execute(),
  ]);
  const { locationIds, unitIds } = asked;
  const [locations, unitRows] = await Promise.all([
    locationIds.length
      ? db
          .selectFrom('location')
          .select('id')
          .where(sql<boolean>`id = any(${locationIds}::uuid[])`)
          .execute()
      : [],
    unitIds.length
      ? db
          .selectFrom('unit')
          .select('id')
          .where(sql<boolean>`id = any(${unitIds}::uuid[])`)
          .execute()
      : [],
  ]);
  const childRows = new Map<TableName, Record<string, unknown>[]>();
  for (const [table, ids] of asked.childIds) {
    if (ids.length === 0) continue;
    const columns = sql.join((OWNER_COLUMNS[table] ?? ['id']).map((c) => sql.ref(c)));
    const rows = await sql<
      Record<string, unknown>
    >`select ${columns} from ${sql.table(table)} where id = any(${ids}::uuid[])`.execute(db);
    childRows.set(table, rows.rows);
  }
  return {
    terms,
    policeUnits: police.map((r) => r.code),
    safetyRegions: regions.map((r) => r.code),
    municipalities: municipalities.map((r) => r.code),
    organizations: new Map(orgs.map((o) => [o.id, o.parent_organization_id])),
    locations: new Set(locations.map((l) => l.id)),
    units: new Set(unitRows.map((u) => u.id)),
    childRows,
  };
}
