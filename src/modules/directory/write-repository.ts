// Writes a service record: the service row and all its nested children replaced in the caller's transaction,
// with optimistic concurrency on the version.
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { stableId } from './ids.js';
import { VersionConflict } from './repository.js';
import type { Schedule, ServiceRecord } from './types.js';

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

/**
 * A shelter's free places in one category as HSDS `service_capacity` (in its unit, created once), replacing the
 * previous statement (the ids are stable per service and category). Nothing when the service does not exist.
 */
export async function writeServiceCapacity(
  trx: Transaction<Database>,
  c: {
    id: string;
    serviceId: string;
    unitId: string;
    category: string;
    available: number;
    maximum: number;
    at: Date;
  },
): Promise<void> {
  const exists = await trx
    .selectFrom('service')
    .select('id')
    .where('id', '=', c.serviceId)
    .executeTakeFirst();
  if (!exists) return;
  await trx
    .insertInto('unit')
    .values({
      id: c.unitId,
      name: `places: ${c.category}`,
      scheme: 'samen-shelter-category',
      identifier: c.category,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const { available, maximum, at } = c;
  await trx
    .insertInto('service_capacity')
    .values({
      id: c.id,
      service_id: c.serviceId,
      unit_id: c.unitId,
      available,
      maximum,
      description: null,
      updated: at,
    })
    .onConflict((oc) => oc.column('id').doUpdateSet({ available, maximum, updated: at }))
    .execute();
}
