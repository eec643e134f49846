// Service records out of the database (Kysely only, returns domain types). A ServiceRecord is spread over a dozen
// HSDS tables; `readServiceRecords` gathers them with one query per table for any number of services. The other
// queries of the service records: writes in write-repository.ts, search and counts in search-repository.ts, the
// change history in history-repository.ts, organisations, terms and regions in reference-repository.ts.
// Exported for the HSDS import/export (src/modules/directory/hsds) as well as for service.ts.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type {
  Address,
  Capacity,
  Contact,
  Language,
  Phone,
  Schedule,
  ServiceArea,
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

/** A timestamp as ISO text (PGlite and PostgreSQL may hand back either). */
export function iso(value: Date | string): string {
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

/** The service rows with their organisation's columns (prefixed `o_`). */
function readServiceRows(db: Db, ids: string[]) {
  return db
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
}

async function readChunk(db: Db, ids: string[]): Promise<ServiceRecord[]> {
  const services = await readServiceRows(db, ids);
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
