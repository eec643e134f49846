// The directory's JSON API under /api/v1. Every route has a schema (input validated, output serialised,
// OpenAPI generated from it). Bad input is a 400 naming the field and the reason in the Accept-Language language,
// as problem details (src/platform/http/problem.ts); every answer carries API-Version (api-version.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { DirectoryService } from './service.js';
import {
  CodeParams,
  CoverageResponse,
  EmptyQuery,
  ErrorResponse,
  IdParams,
  MunicipalitiesQuery,
  MunicipalityList,
  ServiceDetail,
  ServicesPage,
  ServicesQuery,
  SERVICES_QUERY_ALIASES,
  TaxonomyList,
} from './schemas.js';
import { municipalityOut } from './summary.js';
import { sendPrepared } from '../../platform/http/prepared.js';
import { notFound } from '../../platform/http/errors.js';
import { deprecatedQueryAliases } from '../../platform/http/query-aliases.js';

const tags = ['directory'];
const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };

export const apiRoutes: FastifyPluginAsyncTypebox<{ services: { directory: DirectoryService } }> = async (
  app,
  options,
) => {
  const directory = options.services.directory;

  async function sendWhenPrepared(code: string, acceptEncoding: string | undefined, reply: FastifyReply) {
    return sendPrepared(acceptEncoding, reply, await directory.coverageResponse(code));
  }

  app.get(
    '/api/v1/municipalities',
    {
      schema: {
        summary: 'Municipalities',
        description:
          'The 342 Dutch municipalities (1 January 2025) with their safety region and police unit. `q` searches by name (accents and case ignored) or GM code.',
        tags,
        querystring: MunicipalitiesQuery,
        response: { 200: MunicipalityList, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const list = await directory.searchMunicipalities(request.query.q ?? '');
      return list.map(municipalityOut);
    },
  );

  app.get(
    '/api/v1/municipalities/:code/services',
    {
      // The answer is sent already compressed (or not at all): the compress plugin has nothing to do here.
      compress: false,
      schema: {
        summary: 'Services covering a municipality',
        description:
          'The active services that cover this municipality: national services, those of its police unit (RIEC region), of its safety region and of the municipality itself. Answered from memory; `stale` marks services not verified for more than 180 days.',
        tags,
        params: CodeParams,
        response: { 200: CoverageResponse, ...errors },
      },
    },
    (request, reply) => {
      // The body is prepared once per municipality per day, with its ETag and compressed forms; sending the bytes
      // skips serialisation and per-request compression. In the steady state the answer is ready without a
      // promise; otherwise (index being rebuilt, unknown code: a 400) the service is awaited.
      const ready = directory.coverageResponseNow(request.params.code);
      if (ready) {
        sendPrepared(request.headers['accept-encoding'], reply, ready);
        return;
      }
      return sendWhenPrepared(request.params.code, request.headers['accept-encoding'], reply);
    },
  );

  app.get(
    '/api/v1/services',
    {
      schema: {
        summary: 'Search services',
        description:
          'Services by name, description or organisation (`q`), taxonomy term, covered municipality, status (default: active) and verification (`stale`), ordered by name, `perPage` at most 100. The earlier names `taxonomy_term_id` and `per_page` still work until API version 2, answered with a `Deprecation` header.',
        tags,
        querystring: ServicesQuery,
        response: { 200: ServicesPage, 400: ErrorResponse, 429: ErrorResponse },
      },
      preValidation: deprecatedQueryAliases(SERVICES_QUERY_ALIASES),
    },
    async (request) => {
      const q = request.query;
      const page = await directory.listServices({
        ...(q.q ? { q: q.q } : {}),
        ...(q.taxonomyTermId ? { taxonomyTermIds: q.taxonomyTermId } : {}),
        ...(q.municipality ? { municipality: q.municipality } : {}),
        statuses: q.status?.length ? q.status : ['active'],
        ...(q.stale !== undefined ? { stale: q.stale } : {}),
        page: q.page ?? 1,
        perPage: q.perPage ?? 20,
      });
      const items = await Promise.all(page.items.map((r) => directory.summary(r)));
      return { items, total: page.total, page: page.page, per_page: page.perPage };
    },
  );

  app.get(
    '/api/v1/services/:id',
    {
      schema: {
        summary: 'One service',
        description:
          'A service with its contact channels, opening hours, locations, coverage, eligibility and verification.',
        tags,
        params: IdParams,
        response: { 200: ServiceDetail, ...errors },
      },
    },
    async (request) => {
      const record = await directory.publishedService(request.params.id);
      if (!record) throw notFound();
      return directory.detail(record);
    },
  );

  app.get(
    '/api/v1/taxonomies',
    {
      schema: {
        summary: 'Taxonomies',
        description:
          'The project taxonomies (form of exploitation, need, audience, desk type, scope, access, contact channel, record status) with their terms in Dutch and English.',
        tags,
        querystring: EmptyQuery,
        response: { 200: TaxonomyList, 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async () => {
      const taxonomies = await directory.taxonomies();
      return taxonomies.map((x) => ({
        code: x.code,
        name: x.name,
        name_en: x.name_en,
        terms: x.terms.map((term) => ({
          id: term.id,
          code: term.code,
          name: term.name_nl,
          name_en: term.name_en,
          parent_id: term.parent_id,
        })),
      }));
    },
  );
};
