// Service records in and out of the database (Kysely only, returns domain types). A ServiceRecord is spread over
// a dozen HSDS tables; `readServiceRecords` gathers them with one query per table for any number of services, and
// `writeServiceRecord` replaces a service and all its children in the caller's transaction.
// Exported for the HSDS import/export (src/modules/directory/hsds) as well as for service.ts.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { stableId } from './ids.js';
import type {
  Address,
  Capacity,
  Contact,
  HistoryEntry,
  Language,
  Phone,
  Schedule,
  ServiceArea,
  ServiceFilter,
  ServiceLocation,
  ServiceRecord,
  Url,
} from './types.js';

/** The database handle, for the services and commands that pass it on to the queries here. */
export type Db = Kysely<Database>;

/** Thrown by writeServiceRecord when the stored version is not the one the caller expected. */
export class VersionConflict extends Error {
  constructor(
    readonly serviceId: string,
    readonly currentVersion: number,
  ) {
    super(`service ${serviceId} is at version ${currentVersion}`);
    this.name = 'VersionConflict';
  }
}

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function groupBy<T>(rows: T[], key: (row: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

function toSchedule(row: {
  id: string;
  byday: string | null;
  freq: 'WEEKLY' | 'MONTHLY' | null;
  opens_at: string | null;
  closes_at: string | null;
  valid_from: string | null;
  valid_to: string | null;
  description: string | null;
  timezone: string | null;
}): Schedule {
  return {
    id: row.id,
    byday: row.byday,
    freq: row.freq,
    opens_at: row.opens_at,
    closes_at: row.closes_at,
    valid_from: row.valid_from,
    valid_to: row.valid_to,
    description: row.description,
    timezone: row.timezone,
  };
}

/** Reads full records for `ids` (in that order; unknown ids are left out). Ids must be valid UUIDs. */
export async function readServiceRecords(db: Db, ids: readonly string[]): Promise<ServiceRecord[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const records = new Map<string, ServiceRecord>();
  for (const part of chunks(unique)) {
    for (const record of await readChunk(db, part)) records.set(record.id, record);
  }
  return unique.flatMap((id) => {
    const record = records.get(id);
    return record ? [record] : [];
  });
}

async function readChunk(db: Db, ids: string[]): Promise<ServiceRecord[]> {
  const services = await db
    .selectFrom('service as s')
    .innerJoin('organization as o', 'o.id', 's.organization_id')
    .selectAll('s')
    .select([
      'o.name as o_name',
      'o.alternate_name as o_alternate_name',
      'o.description as o_description',
      'o.email as o_email',
      'o.website as o_website',
      'o.legal_status as o_legal_status',
      'o.year_incorporated as o_year_incorporated',
      'o.uri as o_uri',
      'o.parent_organization_id as o_parent_organization_id',
      'o.is_sample as o_is_sample',
    ])
    .where('s.id', 'in', ids)
    .execute();
  if (services.length === 0) return [];

  const [phones, urls, schedules, sals, areas, languages, capacities, contacts, attributes] =
    await Promise.all([
      db.selectFrom('phone').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('url').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('schedule').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      db
        .selectFrom('service_at_location as sal')
        .innerJoin('location as l', 'l.id', 'sal.location_id')
        .select([
          'sal.id',
          'sal.service_id',
          'sal.location_id',
          'sal.description as sal_description',
          'l.location_type',
          'l.name',
          'l.description',
          'l.latitude',
          'l.longitude',
        ])
        .where('sal.service_id', 'in', ids)
        .orderBy('sal.id')
        .execute(),
      db.selectFrom('service_area').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      db.selectFrom('language').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      db
        .selectFrom('service_capacity as c')
        .innerJoin('unit as u', 'u.id', 'c.unit_id')
        .selectAll('c')
        .select('u.name as unit_name')
        .where('c.service_id', 'in', ids)
        .orderBy('c.id')
        .execute(),
      db.selectFrom('contact').selectAll().where('service_id', 'in', ids).orderBy('id').execute(),
      db
        .selectFrom('attribute')
        .select(['link_id', 'taxonomy_term_id'])
        .where('link_entity', '=', 'service')
        .where('link_id', 'in', ids)
        .orderBy('taxonomy_term_id')
        .execute(),
    ]);

  const phoneIds = phones.map((p) => p.id);
  const salIds = sals.map((s) => s.id);
  const locationIds = [...new Set(sals.map((s) => s.location_id))];
  const [phoneLanguages, salSchedules, addresses] = await Promise.all([
    phoneIds.length
      ? db
          .selectFrom('language')
          .select(['phone_id', 'code'])
          .where('phone_id', 'in', phoneIds)
          .orderBy('id')
          .execute()
      : [],
    salIds.length
      ? db
          .selectFrom('schedule')
          .selectAll()
          .where('service_at_location_id', 'in', salIds)
          .orderBy('id')
          .execute()
      : [],
    locationIds.length
      ? db.selectFrom('address').selectAll().where('location_id', 'in', locationIds).orderBy('id').execute()
      : [],
  ]);

  const phonesBy = groupBy(phones, (r) => r.service_id);
  const phoneLangsBy = groupBy(phoneLanguages, (r) => r.phone_id);
  const urlsBy = groupBy(urls, (r) => r.service_id);
  const schedulesBy = groupBy(schedules, (r) => r.service_id);
  const salsBy = groupBy(sals, (r) => r.service_id);
  const salSchedulesBy = groupBy(salSchedules, (r) => r.service_at_location_id);
  const addressesBy = groupBy(addresses, (r) => r.location_id);
  const areasBy = groupBy(areas, (r) => r.service_id);
  const languagesBy = groupBy(languages, (r) => r.service_id);
  const capacitiesBy = groupBy(capacities, (r) => r.service_id);
  const contactsBy = groupBy(contacts, (r) => r.service_id);
  const termsBy = groupBy(attributes, (r) => r.link_id);

  return services.map((s): ServiceRecord => ({
    id: s.id,
    organization_id: s.organization_id,
    organization: {
      id: s.organization_id,
      name: s.o_name,
      alternate_name: s.o_alternate_name,
      description: s.o_description,
      email: s.o_email,
      website: s.o_website,
      legal_status: s.o_legal_status,
      uri: s.o_uri,
      parent_organization_id: s.o_parent_organization_id,
      is_sample: s.o_is_sample,
      year_incorporated: s.o_year_incorporated,
    },
    name: s.name,
    alternate_name: s.alternate_name,
    description: s.description,
    url: s.url,
    email: s.email,
    status: s.status,
    interpretation_services: s.interpretation_services,
    application_process: s.application_process,
    fees_description: s.fees_description,
    wait_time: s.wait_time,
    accreditations: s.accreditations,
    eligibility_description: s.eligibility_description,
    minimum_age: s.minimum_age,
    maximum_age: s.maximum_age,
    alert: s.alert,
    assured_date: s.assured_date,
    assurer_email: s.assurer_email,
    assured_by_user_id: s.assured_by_user_id,
    is_sample: s.is_sample,
    version: s.version,
    last_modified: iso(s.last_modified),
    assured_by: s.assured_by,
    source_type: s.source_type,
    source_name: s.source_name,
    source_imported_at: s.source_imported_at ? iso(s.source_imported_at) : null,
    phones: (phonesBy.get(s.id) ?? []).map((p): Phone => ({
      id: p.id,
      number: p.number,
      extension: p.extension,
      type: p.type,
      channel: p.channel,
      description: p.description,
      languages: (phoneLangsBy.get(p.id) ?? []).flatMap((l) => (l.code ? [l.code] : [])),
    })),
    urls: (urlsBy.get(s.id) ?? []).map((u): Url => ({
      id: u.id,
      label: u.label,
      url: u.url,
      channel: u.channel,
    })),
    schedules: (schedulesBy.get(s.id) ?? []).filter((r) => r.service_at_location_id === null).map(toSchedule),
    locations: (salsBy.get(s.id) ?? []).map((l): ServiceLocation => ({
      id: l.id,
      location_id: l.location_id,
      location_type: l.location_type,
      name: l.name,
      description: l.sal_description ?? l.description,
      latitude: l.latitude,
      longitude: l.longitude,
      addresses: (addressesBy.get(l.location_id) ?? []).map((a): Address => ({
        id: a.id,
        address_1: a.address_1,
        address_2: a.address_2,
        city: a.city,
        region: a.region,
        state_province: a.state_province,
        postal_code: a.postal_code,
        country: a.country,
        address_type: a.address_type,
      })),
      schedules: (salSchedulesBy.get(l.id) ?? []).map(toSchedule),
    })),
    service_areas: (areasBy.get(s.id) ?? []).map((a): ServiceArea => ({
      id: a.id,
      area_type: a.area_type,
      area_code: a.area_code,
      name: a.name,
      description: a.description,
    })),
    languages: (languagesBy.get(s.id) ?? []).map((l): Language => ({
      id: l.id,
      code: l.code ?? '',
      name: l.name,
      note: l.note,
    })),
    capacities: (capacitiesBy.get(s.id) ?? []).map((c): Capacity => ({
      id: c.id,
      unit_id: c.unit_id,
      unit_name: c.unit_name,
      available: c.available,
      maximum: c.maximum,
      description: c.description,
      updated: iso(c.updated),
    })),
    contacts: (contactsBy.get(s.id) ?? []).map((c): Contact => ({
      id: c.id,
      name: c.name,
      title: c.title,
      department: c.department,
      email: c.email,
    })),
    taxonomy_term_ids: (termsBy.get(s.id) ?? []).map((a) => a.taxonomy_term_id),
  }));
}

export interface WriteOptions {
  /** When set, the stored version must equal it, or VersionConflict is thrown (optimistic concurrency). */
  expectedVersion?: number;
}

function scheduleValues(s: Schedule) {
  return {
    id: s.id,
    byday: s.byday,
    freq: s.freq,
    opens_at: s.opens_at,
    closes_at: s.closes_at,
    valid_from: s.valid_from,
    valid_to: s.valid_to,
    description: s.description,
    timezone: s.timezone,
  };
}

/**
 * Creates or replaces a service and all its nested children (phones, urls, schedules, locations with their
 * addresses and schedules, areas, languages, capacities, contacts, taxonomy attributes) in `trx`.
 * The organisation must exist (see upsertOrganization). The stored version becomes the old one + 1 (1 for a new
 * service), whatever `record.version` says; `last_modified` is stored as given. Returns the new version.
 */
export async function writeServiceRecord(
  trx: Transaction<Database>,
  record: ServiceRecord,
  options: WriteOptions = {},
): Promise<{ version: number; created: boolean }> {
  const existing = await trx
    .selectFrom('service')
    .select('version')
    .where('id', '=', record.id)
    .forUpdate()
    .executeTakeFirst();
  if (existing && options.expectedVersion !== undefined && existing.version !== options.expectedVersion) {
    throw new VersionConflict(record.id, existing.version);
  }
  const version = existing ? existing.version + 1 : 1;
  const row = {
    organization_id: record.organization_id,
    name: record.name,
    alternate_name: record.alternate_name,
    description: record.description,
    url: record.url,
    email: record.email,
    status: record.status,
    interpretation_services: record.interpretation_services,
    application_process: record.application_process,
    fees_description: record.fees_description,
    wait_time: record.wait_time,
    accreditations: record.accreditations,
    eligibility_description: record.eligibility_description,
    minimum_age: record.minimum_age,
    maximum_age: record.maximum_age,
    alert: record.alert,
    assured_date: record.assured_date,
    assurer_email: record.assurer_email,
    assured_by_user_id: record.assured_by_user_id,
    is_sample: record.is_sample,
    version,
    last_modified: record.last_modified,
    assured_by: record.assured_by,
    source_type: record.source_type,
    source_name: record.source_name,
    source_imported_at: record.source_imported_at,
  };
  if (existing) {
    await trx.updateTable('service').set(row).where('id', '=', record.id).execute();
    await deleteChildren(trx, record.id);
  } else {
    await trx
      .insertInto('service')
      .values({ id: record.id, ...row })
      .execute();
  }
  await insertChildren(trx, record);
  return { version, created: !existing };
}

async function deleteChildren(trx: Transaction<Database>, serviceId: string) {
  // Languages and schedules hanging off phones and service_at_location go with them (on delete cascade).
  await trx.deleteFrom('phone').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('url').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('schedule').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('service_at_location').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('service_area').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('language').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('service_capacity').where('service_id', '=', serviceId).execute();
  await trx.deleteFrom('contact').where('service_id', '=', serviceId).execute();
  await trx
    .deleteFrom('attribute')
    .where('link_entity', '=', 'service')
    .where('link_id', '=', serviceId)
    .execute();
}

async function insertChildren(trx: Transaction<Database>, r: ServiceRecord) {
  const sid = r.id;
  if (r.phones.length) {
    await trx
      .insertInto('phone')
      .values(
        r.phones.map((p) => ({
          id: p.id,
          service_id: sid,
          number: p.number,
          extension: p.extension,
          type: p.type,
          channel: p.channel,
          description: p.description,
        })),
      )
      .execute();
    const phoneLanguages = r.phones.flatMap((p) =>
      p.languages.map((code) => ({ id: stableId(`phone-language:${p.id}:${code}`), phone_id: p.id, code })),
    );
    if (phoneLanguages.length) await trx.insertInto('language').values(phoneLanguages).execute();
  }
  if (r.urls.length) {
    await trx
      .insertInto('url')
      .values(
        r.urls.map((u) => ({ id: u.id, service_id: sid, label: u.label, url: u.url, channel: u.channel })),
      )
      .execute();
  }
  if (r.schedules.length) {
    await trx
      .insertInto('schedule')
      .values(r.schedules.map((s) => ({ ...scheduleValues(s), service_id: sid })))
      .execute();
  }
  for (const l of r.locations) {
    const locationRow = {
      location_type: l.location_type,
      name: l.name,
      latitude: l.latitude,
      longitude: l.longitude,
      organization_id: r.organization_id,
    };
    await trx
      .insertInto('location')
      .values({ id: l.location_id, ...locationRow })
      .onConflict((oc) => oc.column('id').doUpdateSet(locationRow))
      .execute();
    await trx.deleteFrom('address').where('location_id', '=', l.location_id).execute();
    if (l.addresses.length) {
      await trx
        .insertInto('address')
        .values(l.addresses.map((a) => ({ ...a, location_id: l.location_id })))
        .execute();
    }
    await trx
      .insertInto('service_at_location')
      .values({ id: l.id, service_id: sid, location_id: l.location_id, description: l.description })
      .execute();
    if (l.schedules.length) {
      await trx
        .insertInto('schedule')
        .values(l.schedules.map((s) => ({ ...scheduleValues(s), service_at_location_id: l.id })))
        .execute();
    }
  }
  if (r.service_areas.length) {
    await trx
      .insertInto('service_area')
      .values(
        r.service_areas.map((a) => ({
          id: a.id,
          service_id: sid,
          area_type: a.area_type,
          area_code: a.area_code,
          name: a.name,
          description: a.description,
          uri: `urn:samen:area:${a.area_type}:${a.area_code}`,
        })),
      )
      .execute();
  }
  if (r.languages.length) {
    await trx
      .insertInto('language')
      .values(
        r.languages.map((l) => ({ id: l.id, service_id: sid, code: l.code, name: l.name, note: l.note })),
      )
      .execute();
  }
  if (r.capacities.length) {
    const units = new Map(r.capacities.map((c) => [c.unit_id, c.unit_name]));
    for (const [id, name] of units) {
      await trx
        .insertInto('unit')
        .values({ id, name })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    await trx
      .insertInto('service_capacity')
      .values(
        r.capacities.map((c) => ({
          id: c.id,
          service_id: sid,
          unit_id: c.unit_id,
          available: c.available,
          maximum: c.maximum,
          description: c.description,
          updated: c.updated,
        })),
      )
      .execute();
  }
  if (r.contacts.length) {
    await trx
      .insertInto('contact')
      .values(r.contacts.map((c) => ({ ...c, service_id: sid })))
      .execute();
  }
  const terms = [...new Set(r.taxonomy_term_ids)];
  if (terms.length) {
    await trx
      .insertInto('attribute')
      .values(
        terms.map((termId) => ({
          id: stableId(`attribute:service:${sid}:${termId}`),
          link_id: sid,
          link_type: 'service',
          link_entity: 'service',
          taxonomy_term_id: termId,
        })),
      )
      .execute();
  }
}

/** Locks the service row for the rest of the transaction and returns its version (undefined: no such service). */
export async function lockServiceVersion(
  trx: Transaction<Database>,
  id: string,
): Promise<number | undefined> {
  const row = await trx
    .selectFrom('service')
    .select('version')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row?.version;
}

/** The version of a service, or undefined when it does not exist. */
export async function serviceVersion(db: Db, id: string): Promise<number | undefined> {
  const row = await db.selectFrom('service').select('version').where('id', '=', id).executeTakeFirst();
  return row?.version;
}

export async function countServices(db: Db): Promise<number> {
  const row = await db
    .selectFrom('service')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countServicesByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('service')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** The areas that cover one municipality: the country, its police unit, its safety region and itself. */
export interface CoveringAreas {
  policeUnit: string;
  safetyRegion: string;
  municipality: string;
}

export interface SearchOptions extends Omit<ServiceFilter, 'municipality' | 'stale' | 'page' | 'perPage'> {
  coveredBy?: CoveringAreas;
  /** ISO date: with `stale`, a service is stale when assured_date is before it (or missing). */
  staleBefore?: string;
  stale?: boolean;
  limit: number;
  offset: number;
}

function escapeLike(q: string): string {
  return q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Ids of the services matching the filters, ordered by name, and the total count. */
export async function searchServiceIds(
  db: Db,
  options: SearchOptions,
): Promise<{ ids: string[]; total: number }> {
  let query = db.selectFrom('service as s').innerJoin('organization as o', 'o.id', 's.organization_id');
  const q = options.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('s.name', 'ilike', pattern),
        eb('s.alternate_name', 'ilike', pattern),
        eb('s.description', 'ilike', pattern),
        eb('o.name', 'ilike', pattern),
      ]),
    );
  }
  for (const termId of options.taxonomyTermIds ?? []) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('attribute as a')
          .select(sql`1`.as('one'))
          .whereRef('a.link_id', '=', 's.id')
          .where('a.link_entity', '=', 'service')
          .where('a.taxonomy_term_id', '=', termId),
      ),
    );
  }
  if (options.statuses?.length) query = query.where('s.status', 'in', options.statuses);
  if (options.organizationId) query = query.where('s.organization_id', '=', options.organizationId);
  if (options.stale !== undefined && options.staleBefore) {
    const before = options.staleBefore;
    query = options.stale
      ? query.where((eb) => eb.or([eb('s.assured_date', 'is', null), eb('s.assured_date', '<', before)]))
      : query.where('s.assured_date', '>=', before);
  }
  const area = options.coveredBy;
  if (area) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('service_area as sa')
          .select(sql`1`.as('one'))
          .whereRef('sa.service_id', '=', 's.id')
          .where((w) =>
            w.or([
              w('sa.area_type', '=', 'country'),
              w.and([w('sa.area_type', '=', 'police_unit'), w('sa.area_code', '=', area.policeUnit)]),
              w.and([w('sa.area_type', '=', 'safety_region'), w('sa.area_code', '=', area.safetyRegion)]),
              w.and([w('sa.area_type', '=', 'municipality'), w('sa.area_code', '=', area.municipality)]),
            ]),
          ),
      ),
    );
  }
  const [countRow, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    query
      .select('s.id')
      .orderBy(sql`lower(s.name)`)
      .orderBy('s.id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
  ]);
  return { ids: rows.map((r) => r.id), total: Number(countRow?.n ?? 0) };
}

/** Ids of all services with one of these statuses (all services when none are given). */
export async function serviceIds(db: Db, statuses?: readonly string[]): Promise<string[]> {
  let query = db.selectFrom('service').select('id');
  if (statuses?.length) query = query.where('status', 'in', statuses as ServiceRecord['status'][]);
  return (await query.orderBy('id').execute()).map((r) => r.id);
}

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
