// Public directory pages: /directory (search and filters, server-side, no JavaScript needed) and
// /directory/services/:id. No login and no cookies; pages with sample records say so.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/http/errors.js';
import { pathParams } from '../../platform/http/form-schema.js';
import { MUNICIPALITY_CODE } from './regions.js';
import type { DirectoryService } from './service.js';
import type { ServicePage, TaxonomyCode } from './types.js';
import {
  directoryPage,
  servicePage,
  type DirectoryFilters,
  type MunicipalityChoice,
  type ViewContext,
} from './views/public.js';
import { PUBLIC_LIST_QUERY } from './query-schemas.js';

export const PUBLIC_PER_PAGE = 20;

/** One string from a query value that may be missing, repeated or too long. */
export function queryText(value: unknown, max = 200): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
}

export async function viewContext(
  directory: DirectoryService,
  request: FastifyRequest,
): Promise<ViewContext> {
  const [regions, terms] = await Promise.all([directory.regions(), directory.taxonomyTerms()]);
  return {
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    regions,
    terms: new Map(terms.map((term) => [term.id, term])),
  };
}

/**
 * A municipality from what someone typed: a GM code, or any place name or postcode the gazetteer knows (the
 * wegwijzer's resolver). Only an exact name resolves; names several places share and near names are offered.
 */
export async function resolveMunicipality(
  directory: DirectoryService,
  input: string,
): Promise<MunicipalityChoice> {
  if (!input) return { suggestions: [] };
  const upper = input.toUpperCase();
  if (MUNICIPALITY_CODE.test(upper)) {
    const m = await directory.municipality(upper);
    return m ? { resolved: m, suggestions: [] } : { suggestions: [] };
  }
  const found = await directory.resolvePlace(input);
  if (found.status === 'found') return { resolved: found.candidate.municipality, suggestions: [] };
  if (found.status === 'none') return { suggestions: [] };
  return {
    suggestions: found.candidates.map((c) =>
      c.place ? { ...c.municipality, place: c.place } : c.municipality,
    ),
  };
}

export async function publicRoutes(
  app: FastifyInstance,
  options: { services: { directory: DirectoryService } },
) {
  const directory = options.services.directory;

  app.get(
    '/directory',
    { schema: { hide: true, querystring: PUBLIC_LIST_QUERY } },
    async (request, reply) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const page = Math.min(Math.max(Number.parseInt(queryText(query.page, 6), 10) || 1, 1), 10_000);
      const filters: DirectoryFilters = {
        q: queryText(query.q),
        desk: queryText(query.desk, 50),
        form: queryText(query.form, 50),
        audience: queryText(query.audience, 50),
        municipality: queryText(query.municipality, 100),
        page,
      };
      const ctx = await viewContext(directory, request);
      const termId = (taxonomy: TaxonomyCode, code: string) =>
        [...ctx.terms.values()].find((term) => term.taxonomy === taxonomy && term.code === code)?.id;
      const taxonomyTermIds = [
        termId('desk_type', filters.desk),
        termId('exploitation_form', filters.form),
        termId('audience', filters.audience),
      ].filter((id): id is string => Boolean(id));
      const municipality = await resolveMunicipality(directory, filters.municipality);
      let result: ServicePage | undefined;
      if (!filters.municipality || municipality.resolved) {
        result = await directory.listServices({
          ...(filters.q ? { q: filters.q } : {}),
          taxonomyTermIds,
          statuses: ['active', 'temporarily closed'],
          ...(municipality.resolved ? { municipality: municipality.resolved.code } : {}),
          page,
          perPage: PUBLIC_PER_PAGE,
        });
      }
      // A municipality that matches nothing is bad input (400); an ambiguous one offers a choice (200).
      const unknown =
        Boolean(filters.municipality) && !municipality.resolved && municipality.suggestions.length === 0;
      return reply.page(
        {
          title: request.t('directory.title'),
          body: directoryPage(ctx, filters, result, municipality),
          sampleNotice: Boolean(result?.items.some((r) => r.is_sample)),
        },
        unknown ? 400 : 200,
      );
    },
  );

  app.get(
    '/directory/services/:id',
    { schema: { hide: true, params: pathParams(['id']) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const record = await directory.publishedService(id);
      if (!record) throw notFound();
      const ctx = await viewContext(directory, request);
      return reply.page({
        title: record.name,
        body: servicePage(record, ctx),
        sampleNotice: record.is_sample,
      });
    },
  );
}
