// Exports from the database: one service (HSDS compiled/service_with_definitions.json), paginated lists (the
// HSDS API's Page with contents), everything as one JSON document that imports again, and the tabular package.
import { isUuid } from '../ids.js';
import type { Db } from '../repository.js';
import {
  consistent,
  pageOfOrganizationIds,
  pageOfServiceIds,
  readListSnapshot,
  type TermFilter,
} from './export-repository.js';
import { emptyTables, specialTerms, type Snapshot } from './model.js';
import { readOrganizations, readSnapshot, readTerms } from './read-repository.js';
import { HsdsRenderer, type Json } from './render.js';
import { renderTabular } from './tabular.js';

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
  let term: TermFilter | undefined;
  if (request.taxonomyTermId) {
    const { terms } = await readTerms(db);
    const special = specialTerms(terms.values());
    const id = request.taxonomyTermId;
    const phone = special.phoneChannels.get(id);
    const url = special.urlChannels.get(id);
    if (id === special.sample) term = { sample: true };
    else if (phone) term = { phoneChannel: phone };
    else if (url) term = { urlChannel: url };
    else term = { termId: id };
  }
  const { total, ids } = await pageOfServiceIds(
    db,
    {
      ...(request.serviceIds ? { serviceIds: request.serviceIds } : {}),
      ...(request.organizationId ? { organizationId: request.organizationId } : {}),
      ...(term ? { term } : {}),
    },
    { limit: request.perPage, offset: offset(request) },
  );
  if (ids.length === 0) return pageOf([], total, request);
  const snapshot = request.full ? await readSnapshot(db, { services: ids }) : await readListSnapshot(db, ids);
  const renderer = new HsdsRenderer(snapshot);
  const contents = ids.flatMap((id) => {
    const json = request.full ? renderer.service(id) : renderer.serviceListItem(id);
    return json ? [json] : [];
  });
  return pageOf(contents, total, request);
}

/** A page of organisations (HSDS compiled/organization_list.json items), by name. */
export async function exportOrganizations(db: Db, request: PageRequest): Promise<HsdsPage> {
  const { total, ids } = await pageOfOrganizationIds(db, { limit: request.perPage, offset: offset(request) });
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
  return pageOf(contents, total, request);
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
