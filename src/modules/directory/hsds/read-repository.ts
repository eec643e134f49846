// Reads directory rows for exports and for the import's comparison with what is stored: one query per table for
// any number of records. A child row belongs to its most specific parent (a phone with a contact_id is the
// contact's, a schedule with a service_at_location_id is that place's), the same rule the import writes by.
import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import {
  emptyTables,
  type HistoryRow,
  type ServiceProvenance,
  type Snapshot,
  type Tables,
  type TaxonomyInfo,
  type TermInfo,
} from './model.js';

/** A handle or a transaction: what the readers and their callers pass around. */
export type Db = Kysely<Database> | Transaction<Database>;
/** A set of ids, or every row. */
export type IdSet = readonly string[] | 'all';

const COLUMNS = {
  organization: [
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
  ],
  service: [
    'id',
    'organization_id',
    'name',
    'alternate_name',
    'description',
    'url',
    'email',
    'status',
    'interpretation_services',
    'application_process',
    'fees_description',
    'wait_time',
    'accreditations',
    'eligibility_description',
    'minimum_age',
    'maximum_age',
    'alert',
    'assured_date',
    'assurer_email',
    'is_sample',
    'assured_by',
  ],
  location: [
    'id',
    'location_type',
    'url',
    'organization_id',
    'name',
    'alternate_name',
    'description',
    'transportation',
    'latitude',
    'longitude',
    'external_identifier',
    'external_identifier_type',
  ],
  address: [
    'id',
    'location_id',
    'attention',
    'address_1',
    'address_2',
    'city',
    'region',
    'state_province',
    'postal_code',
    'country',
    'address_type',
  ],
  service_at_location: ['id', 'service_id', 'location_id', 'description'],
  service_area: [
    'id',
    'service_id',
    'name',
    'description',
    'extent',
    'extent_type',
    'uri',
    'area_type',
    'area_code',
  ],
  contact: ['id', 'organization_id', 'service_id', 'name', 'title', 'department', 'email'],
  phone: [
    'id',
    'organization_id',
    'service_id',
    'location_id',
    'contact_id',
    'number',
    'extension',
    'type',
    'channel',
    'description',
  ],
  url: ['id', 'organization_id', 'service_id', 'label', 'url', 'channel'],
  schedule: [
    'id',
    'service_id',
    'location_id',
    'service_at_location_id',
    'valid_from',
    'valid_to',
    'dtstart',
    'timezone',
    'until',
    'count',
    'wkst',
    'freq',
    'interval',
    'byday',
    'byweekno',
    'bymonthday',
    'byyearday',
    'description',
    'opens_at',
    'closes_at',
    'schedule_link',
    'attending_type',
    'notes',
  ],
  language: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
  unit: ['id', 'name', 'scheme', 'identifier', 'uri'],
  service_capacity: ['id', 'service_id', 'unit_id', 'available', 'maximum', 'description', 'updated'],
  attribute: ['id', 'link_id', 'link_type', 'link_entity', 'taxonomy_term_id', 'value', 'label'],
} as const satisfies { [K in keyof Tables]: readonly string[] };

/** The columns the import writes and the export reads, per table. */
export function columnsOf<K extends keyof Tables>(table: K): readonly string[] {
  return COLUMNS[table];
}

function inSet(column: string, ids: IdSet): RawBuilder<SqlBool> {
  return ids === 'all'
    ? sql<SqlBool>`${sql.ref(column)} is not null`
    : sql<SqlBool>`${sql.ref(column)} = any(${[...ids]}::uuid[])`;
}

function isNull(column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} is null`;
}

function empty(ids: IdSet): boolean {
  return ids !== 'all' && ids.length === 0;
}

async function select<K extends keyof Tables>(
  db: Db,
  table: K,
  conditions: RawBuilder<SqlBool>[],
): Promise<Tables[K]> {
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  const columns = sql.join(COLUMNS[table].map((c) => sql.ref(c)));
  const result = await sql<
    Tables[K][number]
  >`select ${columns} from ${sql.table(table)} where ${where} order by id`.execute(db);
  return result.rows.map((row) => normalise(table, row)) as Tables[K];
}

function normalise(table: keyof Tables, row: Record<string, unknown>): Record<string, unknown> {
  if (table === 'service_capacity' && row.updated instanceof Date)
    return { ...row, updated: row.updated.toISOString() };
  return row;
}

/** Phones and their languages under a set of owners, by the most-specific-parent rule. */
async function phonesWithLanguages(db: Db, into: Tables, conditions: RawBuilder<SqlBool>[]) {
  const phones = await select(db, 'phone', conditions);
  into.phone.push(...phones);
  if (phones.length)
    into.language.push(
      ...(await select(db, 'language', [
        inSet(
          'phone_id',
          phones.map((p) => p.id),
        ),
      ])),
    );
  return phones;
}

/** The provenance columns of a service as the database answers them. */
export interface ProvenanceColumns {
  source_type: ServiceProvenance['source_type'];
  source_name: string | null;
  source_imported_at: Date | string | null;
}

export function provenanceOf(row: ProvenanceColumns): ServiceProvenance {
  return {
    source_type: row.source_type,
    source_name: row.source_name,
    source_imported_at: row.source_imported_at ? new Date(row.source_imported_at).toISOString() : null,
  };
}

export async function readServices(
  db: Db,
  ids: IdSet,
  into: Tables = emptyTables(),
  provenance?: Map<string, ServiceProvenance>,
): Promise<Map<string, string>> {
  const lastModified = new Map<string, string>();
  if (empty(ids)) return lastModified;
  const services = await select(db, 'service', [ids === 'all' ? sql<SqlBool>`true` : inSet('id', ids)]);
  if (services.length === 0) return lastModified;
  into.service.push(...services);
  const S = ids === 'all' ? 'all' : services.map((s) => s.id);
  const modified = await sql<{ id: string; last_modified: Date | string } & ProvenanceColumns>`
    select id, last_modified, source_type, source_name, source_imported_at from service
    where ${S === 'all' ? sql`true` : inSet('id', S)}`.execute(db);
  for (const row of modified.rows) {
    lastModified.set(row.id, new Date(row.last_modified).toISOString());
    provenance?.set(row.id, provenanceOf(row));
  }

  const [contacts, sals] = await Promise.all([
    select(db, 'contact', [inSet('service_id', S)]),
    select(db, 'service_at_location', [inSet('service_id', S)]),
  ]);
  into.contact.push(...contacts);
  into.service_at_location.push(...sals);
  const [urls, schedules, salSchedules, areas, languages, capacities, attributes] = await Promise.all([
    select(db, 'url', [inSet('service_id', S)]),
    select(db, 'schedule', [inSet('service_id', S), isNull('service_at_location_id')]),
    sals.length
      ? select(db, 'schedule', [
          inSet(
            'service_at_location_id',
            sals.map((s) => s.id),
          ),
        ])
      : [],
    select(db, 'service_area', [inSet('service_id', S)]),
    select(db, 'language', [inSet('service_id', S), isNull('phone_id')]),
    select(db, 'service_capacity', [inSet('service_id', S)]),
    select(db, 'attribute', [sql<SqlBool>`link_entity = 'service'`, inSet('link_id', S)]),
  ]);
  into.url.push(...urls);
  into.schedule.push(...schedules, ...salSchedules);
  into.service_area.push(...areas);
  into.language.push(...languages);
  into.service_capacity.push(...capacities);
  into.attribute.push(...attributes);
  await phonesWithLanguages(db, into, [inSet('service_id', S), isNull('contact_id')]);
  if (contacts.length)
    await phonesWithLanguages(db, into, [
      inSet(
        'contact_id',
        contacts.map((c) => c.id),
      ),
    ]);
  return lastModified;
}

export async function readOrganizations(db: Db, ids: IdSet, into: Tables = emptyTables()): Promise<Tables> {
  if (empty(ids)) return into;
  const orgs = await select(db, 'organization', [ids === 'all' ? sql<SqlBool>`true` : inSet('id', ids)]);
  if (orgs.length === 0) return into;
  into.organization.push(...orgs);
  const O = ids === 'all' ? 'all' : orgs.map((o) => o.id);
  const [contacts, urls, attributes] = await Promise.all([
    select(db, 'contact', [inSet('organization_id', O), isNull('service_id')]),
    select(db, 'url', [inSet('organization_id', O), isNull('service_id')]),
    select(db, 'attribute', [sql<SqlBool>`link_entity = 'organization'`, inSet('link_id', O)]),
  ]);
  into.contact.push(...contacts);
  into.url.push(...urls);
  into.attribute.push(...attributes);
  await phonesWithLanguages(db, into, [
    inSet('organization_id', O),
    isNull('contact_id'),
    isNull('service_id'),
    isNull('location_id'),
  ]);
  if (contacts.length)
    await phonesWithLanguages(db, into, [
      inSet(
        'contact_id',
        contacts.map((c) => c.id),
      ),
    ]);
  return into;
}

export async function readLocations(db: Db, ids: IdSet, into: Tables = emptyTables()): Promise<Tables> {
  if (empty(ids)) return into;
  const locations = await select(db, 'location', [ids === 'all' ? sql<SqlBool>`true` : inSet('id', ids)]);
  if (locations.length === 0) return into;
  into.location.push(...locations);
  const L = ids === 'all' ? 'all' : locations.map((l) => l.id);
  const [addresses, schedules, languages] = await Promise.all([
    select(db, 'address', [inSet('location_id', L)]),
    select(db, 'schedule', [inSet('location_id', L), isNull('service_id'), isNull('service_at_location_id')]),
    select(db, 'language', [inSet('location_id', L), isNull('service_id'), isNull('phone_id')]),
  ]);
  into.address.push(...addresses);
  into.schedule.push(...schedules);
  into.language.push(...languages);
  await phonesWithLanguages(db, into, [inSet('location_id', L), isNull('contact_id'), isNull('service_id')]);
  return into;
}

export async function readUnits(db: Db, ids: IdSet, into: Tables = emptyTables()): Promise<Tables> {
  if (empty(ids)) return into;
  into.unit.push(...(await select(db, 'unit', [ids === 'all' ? sql<SqlBool>`true` : inSet('id', ids)])));
  return into;
}

export async function readTerms(
  db: Db,
): Promise<{ terms: Map<string, TermInfo>; taxonomies: Map<string, TaxonomyInfo> }> {
  const [terms, taxonomies] = await Promise.all([
    db
      .selectFrom('taxonomy_term as t')
      .innerJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
      .select([
        't.id',
        't.code',
        't.name',
        't.description',
        't.parent_id',
        'x.code as taxonomy',
        't.taxonomy_id',
        't.language',
        't.term_uri',
      ])
      .orderBy('t.id')
      .execute(),
    db
      .selectFrom('taxonomy')
      .select(['id', 'code', 'name', 'description', 'uri', 'version'])
      .orderBy('id')
      .execute(),
  ]);
  return {
    terms: new Map(terms.map((t) => [t.id, t])),
    taxonomies: new Map(taxonomies.map((t) => [t.id, t])),
  };
}

export async function readHistory(db: Db, resourceIds: IdSet): Promise<Map<string, HistoryRow[]>> {
  const history = new Map<string, HistoryRow[]>();
  if (empty(resourceIds)) return history;
  const rows = await db
    .selectFrom('metadata')
    .selectAll()
    .where(resourceIds === 'all' ? sql<SqlBool>`true` : inSet('resource_id', resourceIds))
    .orderBy('resource_id')
    .orderBy('last_action_date')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = history.get(row.resource_id) ?? [];
    list.push({ ...row, last_action_date: new Date(row.last_action_date).toISOString() });
    history.set(row.resource_id, list);
  }
  return history;
}

/**
 * A self-contained part of the directory for an export: the services (or all of them), their organisations
 * (or all of them), the locations and units they use, the terms and, optionally, the change history.
 */
export async function readSnapshot(
  db: Db,
  options: { services: IdSet; history?: boolean; allOrganizations?: boolean },
): Promise<Snapshot> {
  const tables = emptyTables();
  const provenance = new Map<string, ServiceProvenance>();
  const lastModified = await readServices(db, options.services, tables, provenance);
  const all = options.services === 'all';
  const orgIds = new Set(tables.service.map((s) => s.organization_id));
  const locationIds = new Set(tables.service_at_location.map((s) => s.location_id));
  const unitIds = new Set(tables.service_capacity.map((c) => c.unit_id));
  await readOrganizations(db, all || options.allOrganizations ? 'all' : [...orgIds], tables);
  // Parent organisations and the organisations of locations belong in a self-contained export too.
  await addMissingOrganizations(db, tables);
  await readLocations(db, all ? 'all' : [...locationIds], tables);
  await addMissingOrganizations(db, tables);
  await readUnits(db, all ? 'all' : [...unitIds], tables);
  const { terms, taxonomies } = await readTerms(db);
  const resourceIds = [...tables.service.map((s) => s.id), ...tables.organization.map((o) => o.id)];
  const history = options.history
    ? await readHistory(db, all ? 'all' : resourceIds)
    : new Map<string, HistoryRow[]>();
  return { ...tables, lastModified, provenance, terms, taxonomies, history };
}

async function addMissingOrganizations(db: Db, tables: Tables): Promise<void> {
  for (;;) {
    const have = new Set(tables.organization.map((o) => o.id));
    const wanted = new Set<string>();
    for (const o of tables.organization) if (o.parent_organization_id) wanted.add(o.parent_organization_id);
    for (const l of tables.location) if (l.organization_id) wanted.add(l.organization_id);
    const missing = [...wanted].filter((id) => !have.has(id));
    if (missing.length === 0) return;
    const before = tables.organization.length;
    await readOrganizations(db, missing, tables);
    if (tables.organization.length === before) return;
  }
}
