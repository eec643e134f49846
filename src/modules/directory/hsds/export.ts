// Exports from the database: one service (HSDS compiled/service_with_definitions.json), paginated lists (the
// HSDS API's Page with contents), everything as one JSON document that imports again, and the tabular package.
import { sql, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { isUuid } from '../ids.js';
import { emptyTables, specialTerms, type ServiceProvenance, type Snapshot } from './model.js';
import { provenanceOf, readOrganizations, readSnapshot, readTerms, type ProvenanceColumns } from './read.js';
import { HsdsRenderer, type Json } from './render.js';
import { renderTabular } from './tabular.js';

type Db = Kysely<Database>;

/** The HSDS API's page (openapi.json components.schemas.Page) with its contents. */
export interface HsdsPage<T = Json> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface PageRequest {
  page: number;
  perPage: number;
}

export function pageOf<T>(contents: T[], total: number, request: PageRequest): HsdsPage<T> {
  const totalPages = Math.ceil(total / request.perPage);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Reads in one repeatable-read transaction, so an export never mixes the directory before and after an edit. */
function consistent<T>(db: Db, read: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(read);
}

function offset(request: PageRequest): number {
  return (request.page - 1) * request.perPage;
}

/** One service with everything nested and its change history, or undefined. */
export async function exportServiceJson(
  db: Db,
  id: string,
  options: { history?: boolean } = {},
): Promise<Json | undefined> {
  if (!isUuid(id)) return undefined;
  const history = options.history ?? true;
  const snapshot = await consistent(db, (trx) => readSnapshot(trx, { services: [id], history }));
  return new HsdsRenderer(snapshot, { history }).service(id);
}

export interface ServiceListRequest extends PageRequest {
  /** Only services with this taxonomy term (including the ones HSDS shows as attributes: channels, sample). */
  taxonomyTermId?: string;
  /** Only these services (e.g. the ones covering a municipality). */
  serviceIds?: readonly string[];
  organizationId?: string;
  /** Fully nested services instead of one-to-one fields. */
  full?: boolean;
}

/** A page of services (HSDS compiled/service_list.json items, or full services with `full`), by name. */
export async function exportServiceList(db: Db, request: ServiceListRequest): Promise<HsdsPage> {
  const conditions: ReturnType<typeof sql<SqlBool>>[] = [];
  if (request.serviceIds) conditions.push(sql<SqlBool>`s.id = any(${[...request.serviceIds]}::uuid[])`);
  if (request.organizationId) conditions.push(sql<SqlBool>`s.organization_id = ${request.organizationId}`);
  if (request.taxonomyTermId) {
    const { terms } = await readTerms(db);
    const special = specialTerms(terms.values());
    const term = request.taxonomyTermId;
    const phone = special.phoneChannels.get(term);
    const url = special.urlChannels.get(term);
    if (term === special.sample) conditions.push(sql<SqlBool>`s.is_sample`);
    else if (phone)
      conditions.push(
        sql<SqlBool>`exists (select 1 from phone p where p.service_id = s.id and p.channel = ${phone})`,
      );
    else if (url)
      conditions.push(
        sql<SqlBool>`exists (select 1 from url u where u.service_id = s.id and u.channel = ${url})`,
      );
    else {
      conditions.push(sql<SqlBool>`exists (select 1 from attribute a where a.link_entity = 'service' and a.link_id = s.id
        and a.taxonomy_term_id = ${term})`);
    }
  }
  const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
  const [count, page] = await Promise.all([
    sql<{ n: number }>`select count(*)::int8 as n from service s where ${where}`.execute(db),
    sql<{
      id: string;
    }>`select s.id from service s where ${where} order by s.name, s.id limit ${request.perPage} offset ${offset(request)}`.execute(
      db,
    ),
  ]);
  const ids = page.rows.map((r) => r.id);
  const total = Number(count.rows[0]?.n ?? 0);
  if (ids.length === 0) return pageOf([], total, request);
  const snapshot = request.full ? await readSnapshot(db, { services: ids }) : await readListSnapshot(db, ids);
  const renderer = new HsdsRenderer(snapshot);
  const contents = ids.flatMap((id) => {
    const json = request.full ? renderer.service(id) : renderer.serviceListItem(id);
    return json ? [json] : [];
  });
  return pageOf(contents, total, request);
}

/** Services and their organisations only: what a list item shows. */
async function readListSnapshot(db: Db, ids: string[]): Promise<Snapshot> {
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

/** A page of organisations (HSDS compiled/organization_list.json items), by name. */
export async function exportOrganizations(db: Db, request: PageRequest): Promise<HsdsPage> {
  const [count, page] = await Promise.all([
    db
      .selectFrom('organization')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst(),
    db
      .selectFrom('organization')
      .select('id')
      .orderBy('name')
      .orderBy('id')
      .limit(request.perPage)
      .offset(offset(request))
      .execute(),
  ]);
  const ids = page.map((r) => r.id);
  const tables = await readOrganizations(db, ids);
  const snapshot: Snapshot = {
    ...tables,
    lastModified: new Map(),
    terms: new Map(),
    taxonomies: new Map(),
    history: new Map(),
  };
  const renderer = new HsdsRenderer(snapshot);
  const contents = ids.flatMap((id) => {
    const json = renderer.organizationListItem(id);
    return json ? [json] : [];
  });
  return pageOf(contents, Number(count?.n ?? 0), request);
}

export interface TermListRequest extends PageRequest {
  /** A taxonomy's code (exploitation_form, need, audience, ...). */
  taxonomy?: string;
  taxonomyId?: string;
}

/** A page of taxonomy terms (HSDS taxonomy_term, with taxonomy_detail), by taxonomy and code. */
export async function exportTaxonomyTerms(db: Db, request: TermListRequest): Promise<HsdsPage> {
  const { terms, taxonomies } = await readTerms(db);
  const list = [...terms.values()]
    .filter(
      (t) =>
        (request.taxonomy === undefined || t.taxonomy === request.taxonomy) &&
        (request.taxonomyId === undefined || t.taxonomy_id === request.taxonomyId),
    )
    .sort((a, b) => a.taxonomy.localeCompare(b.taxonomy) || a.code.localeCompare(b.code));
  const snapshot: Snapshot = {
    ...emptyTables(),
    lastModified: new Map(),
    terms,
    taxonomies,
    history: new Map(),
  };
  const renderer = new HsdsRenderer(snapshot);
  const contents = list.slice(offset(request), offset(request) + request.perPage).flatMap((t) => {
    const json = renderer.term(t.id);
    return json ? [json] : [];
  });
  return pageOf(contents, list.length, request);
}

/** The taxonomy terms a set of rendered records uses, with their parents. */
function usedTermIds(snapshot: Snapshot, documents: unknown[]): string[] {
  const used = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'taxonomy_term_id' && typeof v === 'string') used.add(v);
        else walk(v);
      }
    }
  };
  documents.forEach(walk);
  for (const id of [...used]) {
    let parent = snapshot.terms.get(id)?.parent_id ?? null;
    while (parent && !used.has(parent)) {
      used.add(parent);
      parent = snapshot.terms.get(parent)?.parent_id ?? null;
    }
  }
  return [...used].sort();
}

export const EXPORT_FORMAT = 'samen-hsds-export';

/**
 * Everything an import needs to rebuild the directory: organisations (with their phones, contacts, websites and
 * attributes), the taxonomy terms and taxonomies used, and every service fully nested (its organisation by
 * organization_id), each with its change history.
 */
export async function exportJsonAll(db: Db, options: { now?: Date } = {}): Promise<Json> {
  const snapshot = await consistent(db, (trx) =>
    readSnapshot(trx, { services: 'all', history: true, allOrganizations: true }),
  );
  const renderer = new HsdsRenderer(snapshot, { history: true });
  const organizations = snapshot.organization
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id))
    .flatMap((o) => {
      const json = renderer.organization(o.id);
      return json ? [json] : [];
    });
  const services = snapshot.service
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id))
    .flatMap((s) => {
      const json = renderer.service(s.id, { organization: false });
      return json ? [json] : [];
    });
  const termIds = usedTermIds(snapshot, [organizations, services]);
  const taxonomyIds = [
    ...new Set(termIds.map((id) => snapshot.terms.get(id)?.taxonomy_id).filter((x): x is string => !!x)),
  ].sort();
  return {
    format: EXPORT_FORMAT,
    hsds_version: '3.1',
    exported_at: (options.now ?? new Date()).toISOString(),
    taxonomies: taxonomyIds.flatMap((id) => {
      const json = renderer.taxonomy(id);
      return json ? [json] : [];
    }),
    taxonomy_terms: termIds.flatMap((id) => {
      const json = renderer.term(id, { detail: false });
      return json ? [json] : [];
    }),
    organizations,
    services,
  };
}

/** The HSDS tabular package: one CSV per table plus datapackage.json, by file name. */
export async function exportTabular(db: Db, options: { now?: Date } = {}): Promise<Record<string, string>> {
  const snapshot = await consistent(db, (trx) =>
    readSnapshot(trx, { services: 'all', history: true, allOrganizations: true }),
  );
  return renderTabular(snapshot, options.now ?? new Date());
}
