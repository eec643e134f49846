// The directory's other tables through Kysely: organisations, taxonomy terms and the regions (reference data of
// migration 0002), plus the cheap "directory version" that tells an app server another one changed the data.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Organization, Regions, Taxonomy, TaxonomyCode, TaxonomyTerm } from './types.js';

type Db = Kysely<Database>;

function toOrganization(row: {
  id: string;
  name: string;
  alternate_name: string | null;
  description: string;
  email: string | null;
  website: string | null;
  legal_status: string | null;
  uri: string | null;
  parent_organization_id: string | null;
  is_sample: boolean;
  year_incorporated: number | null;
}): Organization {
  return {
    id: row.id,
    name: row.name,
    alternate_name: row.alternate_name,
    description: row.description,
    email: row.email,
    website: row.website,
    legal_status: row.legal_status,
    uri: row.uri,
    parent_organization_id: row.parent_organization_id,
    is_sample: row.is_sample,
    year_incorporated: row.year_incorporated,
  };
}

export async function listOrganizations(db: Db): Promise<(Organization & { serviceCount: number })[]> {
  const rows = await db
    .selectFrom('organization as o')
    .selectAll('o')
    .select((eb) =>
      eb
        .selectFrom('service as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.organization_id', '=', 'o.id')
        .as('service_count'),
    )
    .orderBy(sql`lower(o.name)`)
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...toOrganization(r), serviceCount: Number(r.service_count ?? 0) }));
}

export async function readOrganization(db: Db, id: string): Promise<Organization | undefined> {
  const row = await db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganization(row) : undefined;
}

/**
 * Creates or updates an organisation (by id). `year_incorporated` is only written when the caller provides it.
 * `now` becomes updated_at (and created_at for a new one).
 */
export async function upsertOrganization(
  trx: Transaction<Database> | Db,
  org: Organization,
  now: Date = new Date(),
): Promise<void> {
  const values = {
    name: org.name,
    alternate_name: org.alternate_name,
    description: org.description,
    email: org.email,
    website: org.website,
    legal_status: org.legal_status,
    uri: org.uri,
    parent_organization_id: org.parent_organization_id,
    is_sample: org.is_sample,
    ...(org.year_incorporated !== undefined ? { year_incorporated: org.year_incorporated } : {}),
    updated_at: now,
  };
  await trx
    .insertInto('organization')
    .values({ id: org.id, ...values, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Deletes an organisation that has no services (and no child organisations); false when it still has them. */
export async function deleteOrganization(trx: Transaction<Database>, id: string): Promise<boolean> {
  const used = await trx
    .selectFrom('service')
    .select('id')
    .where('organization_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  const parent = await trx
    .selectFrom('organization')
    .select('id')
    .where('parent_organization_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used || parent) return false;
  await trx.deleteFrom('phone').where('organization_id', '=', id).execute();
  await trx.deleteFrom('url').where('organization_id', '=', id).execute();
  await trx.deleteFrom('contact').where('organization_id', '=', id).execute();
  await trx
    .updateTable('location')
    .set({ organization_id: null })
    .where('organization_id', '=', id)
    .execute();
  await trx
    .deleteFrom('attribute')
    .where('link_entity', '=', 'organization')
    .where('link_id', '=', id)
    .execute();
  await trx.deleteFrom('organization').where('id', '=', id).execute();
  return true;
}

/** Every taxonomy term with its taxonomy's code, in a stable order (taxonomy, then Dutch name). */
export async function listTaxonomyTerms(db: Db): Promise<TaxonomyTerm[]> {
  const rows = await db
    .selectFrom('taxonomy_term as t')
    .innerJoin('taxonomy as x', 'x.id', 't.taxonomy_id')
    .select(['t.id', 't.code', 't.name', 't.name_en', 't.parent_id', 'x.code as taxonomy'])
    .orderBy('x.code')
    .orderBy('t.parent_id', (ob) => ob.nullsFirst())
    .orderBy('t.code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    taxonomy: r.taxonomy as TaxonomyCode,
    code: r.code,
    name_nl: r.name,
    name_en: r.name_en,
    parent_id: r.parent_id,
  }));
}

export async function loadRegions(db: Db): Promise<Regions> {
  const [policeUnits, safetyRegions, municipalities] = await Promise.all([
    db.selectFrom('police_unit').selectAll().orderBy('name').execute(),
    db.selectFrom('safety_region').selectAll().orderBy('code').execute(),
    db.selectFrom('municipality').selectAll().orderBy('name').orderBy('code').execute(),
  ]);
  return { policeUnits, safetyRegions, municipalities };
}

/**
 * A fingerprint of everything the in-memory index shows: it changes when any service or organisation is
 * created, changed (every change bumps service.version / organization.updated_at) or deleted. One aggregate
 * query over small tables, polled every few seconds by each app server.
 */
export async function directoryVersion(db: Db): Promise<string> {
  const row = await sql<{
    services: number;
    versions: number;
    modified: string | null;
    orgs: number;
    updated: string | null;
  }>`
    select
      (select count(*) from service)::int8 as services,
      (select coalesce(sum(version), 0) from service)::int8 as versions,
      (select max(last_modified) from service)::text as modified,
      (select count(*) from organization)::int8 as orgs,
      (select max(updated_at) from organization)::text as updated
  `.execute(db);
  const r = row.rows[0];
  return r ? `${r.services}/${r.versions}/${r.modified ?? ''}/${r.orgs}/${r.updated ?? ''}` : '';
}

/** The taxonomies (code, Dutch name, English name: the migration keeps the English name in `description`). */
export async function listTaxonomies(db: Db): Promise<Taxonomy[]> {
  const rows = await db
    .selectFrom('taxonomy')
    .select(['code', 'name', 'description'])
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ code: r.code as TaxonomyCode, name: r.name, name_en: r.description || r.name }));
}
