// The exports' own queries (export.ts): a page of service or organisation ids in name order, the rows a list item
// shows, and the repeatable-read transaction every export reads in.
import { sql, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Db } from '../repository.js';
import { emptyTables, type ServiceProvenance, type Snapshot } from './model.js';
import { provenanceOf, type ProvenanceColumns } from './read-repository.js';

/** Reads in one repeatable-read transaction, so an export never mixes the directory before and after an edit. */
export function consistent<T>(db: Db, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(read);
}

export interface PageSlice {
  limit: number;
  offset: number;
}

/** A taxonomy term as a condition: the terms HSDS shows as attributes are our own columns. */
export type TermFilter =
  { sample: true } | { phoneChannel: string } | { urlChannel: string } | { termId: string };

export interface ServiceFilter {
  serviceIds?: readonly string[];
  organizationId?: string;
  term?: TermFilter;
}

function termCondition(term: TermFilter) {
  if ('sample' in term) return sql<SqlBool>`s.is_sample`;
  if ('phoneChannel' in term)
    return sql<SqlBool>`exists (select 1 from phone p where p.service_id = s.id and p.channel = ${term.phoneChannel})`;
  if ('urlChannel' in term)
    return sql<SqlBool>`exists (select 1 from url u where u.service_id = s.id and u.channel = ${term.urlChannel})`;
  return sql<SqlBool>`exists (select 1 from attribute a where a.link_entity = 'service' and a.link_id = s.id
        and a.taxonomy_term_id = ${term.termId})`;
}

/** How many services match, and the ids of one page of them by name. */
export async function pageOfServiceIds(
  db: Db,
  filter: ServiceFilter,
  page: PageSlice,
): Promise<{ total: number; ids: string[] }> {
  const conditions: ReturnType<typeof sql<SqlBool>>[] = [];
  if (filter.serviceIds) conditions.push(sql<SqlBool>`s.id = any(${[...filter.serviceIds]}::uuid[])`);
  if (filter.organizationId) conditions.push(sql<SqlBool>`s.organization_id = ${filter.organizationId}`);
  if (filter.term) conditions.push(termCondition(filter.term));
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  const [count, rows] = await Promise.all([
    sql<{ n: number }>`select count(*)::int8 as n from service s where ${where}`.execute(db),
    sql<{
      id: string;
    }>`select s.id from service s where ${where} order by s.name, s.id limit ${page.limit} offset ${page.offset}`.execute(
      db,
    ),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), ids: rows.rows.map((r) => r.id) };
}

/** How many organisations there are, and the ids of one page of them by name. */
export async function pageOfOrganizationIds(
  db: Db,
  page: PageSlice,
): Promise<{ total: number; ids: string[] }> {
  const [count, rows] = await Promise.all([
    db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('organization')
      .select('id')
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { total: Number(count?.n ?? 0), ids: rows.map((r) => r.id) };
}

/** Services and their organisations only: what a list item shows. */
export async function readListSnapshot(db: Db, ids: string[]): Promise<Snapshot> {
  const tables = emptyTables();
  const services = await sql<
    Snapshot['service'][number] & { last_modified: Date | string } & ProvenanceColumns
  >`
    select id, organization_id, name, alternate_name, description, url, email, status, interpretation_services,
      application_process, fees_description, wait_time, accreditations, eligibility_description, minimum_age,
      maximum_age, alert, assured_date, assurer_email, is_sample, assured_by, source_type, source_name,
      last_modified, source_imported_at
    from service where id = any(${ids}::uuid[])`.execute(db);
  const lastModified = new Map<string, string>();
  const provenance = new Map<string, ServiceProvenance>();
  for (const { last_modified, source_type, source_name, source_imported_at, ...row } of services.rows) {
    tables.service.push(row);
    lastModified.set(row.id, new Date(last_modified).toISOString());
    provenance.set(row.id, provenanceOf({ source_type, source_name, source_imported_at }));
  }
  const orgIds = [...new Set(tables.service.map((s) => s.organization_id))];
  const orgs = await db
    .selectFrom('organization')
    .select([
      'id',
      'name',
      'alternate_name',
      'description',
      'email',
      'website',
      'legal_status',
      'year_incorporated',
      'uri',
      'parent_organization_id',
      'is_sample',
    ])
    .where(sql<SqlBool>`id = any(${orgIds}::uuid[])`)
    .execute();
  tables.organization.push(...orgs);
  return {
    ...tables,
    lastModified,
    provenance,
    terms: new Map(),
    taxonomies: new Map(),
    history: new Map(),
  };
}
