// The read-only Open Referral HSDS 3.1 API under /api/hsds, every path of Open Referral's own API description
// (openapi.json): `/` (version and profile), taxonomies, taxonomy terms, organisations (this file), services and
// services at locations (api-services.ts), with the description's parameters (api-query.ts). The description's
// write operations (POST on the lists) answer 405: this is a publisher, not an editor.
import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { HttpError, notFound } from '../../../platform/http/errors.js';
import { ErrorResponse } from '../schemas.js';
import type { HsdsDirectory } from './directory-port.js';
import type { Organization, ServiceRecord } from '../types.js';
import {
  checkPerPage,
  full,
  page,
  paging,
  search,
  sendNdjson,
  serviceHasTaxonomy,
  serviceHasTerm,
  taxonomyId,
  taxonomyTermId,
  textMatches,
  words,
} from './api-query.js';
import { hsdsServiceRoutes } from './api-services.js';
import { pageOf } from './export.js';
import { outputObjectSchema } from './schema.js';
import { snapshotFromRecords } from './records.js';
import { HsdsRenderer, type Json } from './render.js';

const PROFILE_DIR = new URL('./profile/', import.meta.url);

/**
 * The Samen NL profile of HSDS 3.1: per object a JSON Merge Patch (RFC 7386) over the core schema, as HSDS
 * profiles are made (profile/*.json), read once.
 */
export const PROFILE_PATCHES: Readonly<Record<string, Json>> = Object.fromEntries(
  readdirSync(PROFILE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(new URL(f, PROFILE_DIR), 'utf8')) as Json]),
);

const tags = ['hsds'];
const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };

const fullService = Type.Optional(
  Type.Boolean({
    default: false,
    description: 'Organisations fully nested with their services fully nested (implies `full`).',
  }),
);

const SearchQuery = Type.Object({ ...paging, search }, { additionalProperties: false });

const TermsQuery = Type.Object(
  {
    ...paging,
    search,
    taxonomy_id: taxonomyId,
    top_only: Type.Optional(
      Type.Boolean({
        default: false,
        description: 'Only the terms at the top of their taxonomy (no parent).',
      }),
    ),
    parent_id: Type.Optional(Type.String({ format: 'uuid', description: 'Only the terms under this term.' })),
    taxonomy: Type.Optional(
      Type.String({
        pattern: '^[a-z_]{1,50}$',
        description:
          'Samen: only the terms of the taxonomy with this code: exploitation_form, need, audience, desk_type, scope, access, contact_channel or record_status.',
      }),
    ),
  },
  { additionalProperties: false },
);

const OrganizationsQuery = Type.Object(
  {
    ...paging,
    search,
    full,
    full_service: fullService,
    taxonomy_term_id: taxonomyTermId,
    taxonomy_id: taxonomyId,
  },
  { additionalProperties: false },
);

const OrganizationQuery = Type.Object({ full_service: fullService }, { additionalProperties: false });

const IdParams = (what: string) =>
  Type.Object({ id: Type.String({ format: 'uuid', description: `The ${what} id (a UUID).` }) });

/** The HSDS version this API speaks (openapi.json `/`: `version`). */
export const HSDS_VERSION = '3.1';

const ApiInfo = Type.Object({
  version: Type.String({ description: 'HSDS version of this API.' }),
  profile: Type.String({
    format: 'uri',
    description:
      'The HSDS profile of this API (Samen NL: what it adds to HSDS 3.1, as JSON Merge Patches, and its taxonomies).',
  }),
  openapi_url: Type.String({ format: 'uri', description: 'The OpenAPI description of this API.' }),
  publisher: Type.Object({
    name: Type.String({ description: 'Who publishes this directory.' }),
    email: Type.Optional(
      Type.String({ description: 'The publisher’s role address for questions about the data.' }),
    ),
  }),
  licence: Type.String({ format: 'uri', description: 'The licence of the directory’s data.' }),
});

const Profile = Type.Object({
  name: Type.String(),
  uri: Type.String({ format: 'uri' }),
  based_on: Type.String(),
  description: Type.String(),
  patches: Type.Record(Type.String(), Type.String({ format: 'uri' })),
  taxonomies: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), terms_url: Type.String() })),
});

const OrganizationItem = Type.Unsafe<Json>(outputObjectSchema('organization', { children: false }));
const OrganizationFull = Type.Unsafe<Json>({ type: 'object', additionalProperties: true });
const TermSchema = Type.Unsafe<Json>(outputObjectSchema('taxonomy_term', { omit: ['metadata'] }));
const TaxonomySchema = Type.Unsafe<Json>(outputObjectSchema('taxonomy', { omit: ['metadata'] }));

/** The list paths whose POST the description defines (a search by body): not offered, 405 with the reason. */
const LIST_PATHS = ['services', 'taxonomies', 'taxonomy_terms', 'organizations', 'service_at_locations'];

function organizationRow(o: Organization) {
  return {
    id: o.id,
    name: o.name,
    alternate_name: o.alternate_name,
    description: o.description,
    email: o.email,
    website: o.website,
    legal_status: o.legal_status,
    year_incorporated: o.year_incorporated ?? null,
    uri: o.uri,
    parent_organization_id: o.parent_organization_id,
    is_sample: o.is_sample,
  };
}

type HsdsPlugin = FastifyPluginAsyncTypebox<{ services: { directory: HsdsDirectory } }>;

const originOf = (request: { protocol: string; host: string }) => `${request.protocol}://${request.host}`;

/** A page of items, or every item as NDJSON for `format=ndjson`. */
function listAnswer<T>(
  reply: object,
  all: T[],
  q: { page: number; per_page: number; format?: 'json' | 'ndjson' | undefined },
  render: (items: T[]) => Json[],
) {
  if (q.format === 'ndjson') return sendNdjson(reply, render(all));
  const slice = all.slice((q.page - 1) * q.per_page, q.page * q.per_page);
  return pageOf(render(slice), all.length, { page: q.page, perPage: q.per_page });
}

export const hsdsRoutes: HsdsPlugin = async (app, options) => {
  await app.register(hsdsAboutRoutes, options);
  await app.register(hsdsTaxonomyRoutes, options);
  await app.register(hsdsOrganizationRoutes, options);
  await app.register(hsdsServiceRoutes, options);
};

/** About the API: its version and publisher, the Samen NL profile, and the list POSTs refused as read-only. */
const hsdsAboutRoutes: HsdsPlugin = async (app, options) => {
  const directory = options.services.directory;

  const info = (request: { protocol: string; host: string }) => {
    const origin = originOf(request);
    const publisher = directory.publisher();
    return {
      version: HSDS_VERSION,
      profile: `${origin}/api/hsds/profile`,
      openapi_url: `${origin}/api/openapi.json`,
      publisher: { name: publisher.name, ...(publisher.email ? { email: publisher.email } : {}) },
      licence: publisher.licence,
    };
  };

  app.get(
    '/api/hsds/profile',
    {
      schema: {
        summary: 'HSDS: the Samen NL profile',
        description:
          'What this API adds to and fixes in HSDS 3.1 for the Netherlands: per object a JSON Merge Patch (RFC 7386) over the core schema, and the taxonomies services are classified with.',
        tags,
        response: { 200: Profile, 429: ErrorResponse },
      },
    },
    async (request) => {
      const origin = originOf(request);
      const taxonomies = (await directory.hsdsTaxonomies()).sort((a, b) => a.code.localeCompare(b.code));
      return {
        name: 'Samen NL',
        uri: `${origin}/api/hsds/profile`,
        based_on: `HSDS ${HSDS_VERSION}`,
        description:
          'The Dutch directory of help against human trafficking: coverage by Dutch area (country, police unit, safety region, municipality), services retired rather than deleted, last_modified for following the feed, verification by a team, never a person.',
        patches: Object.fromEntries(
          Object.keys(PROFILE_PATCHES).map((name) => [name, `${origin}/api/hsds/profile/${name}.json`]),
        ),
        taxonomies: taxonomies.map((x) => ({
          id: x.id,
          name: x.name,
          terms_url: `${origin}/api/hsds/taxonomy_terms?taxonomy_id=${x.id}`,
        })),
      };
    },
  );

  app.get(
    '/api/hsds/profile/:object',
    {
      schema: {
        summary: 'HSDS: one object’s patch in the Samen NL profile',
        description:
          'A JSON Merge Patch (RFC 7386) over the HSDS 3.1 schema of the object, e.g. `service_area.json`.',
        tags,
        params: Type.Object({ object: Type.String({ pattern: '^[a-z_]{1,40}\\.json$' }) }),
        response: { 200: Type.Unsafe<Json>({ type: 'object', additionalProperties: true }), ...errors },
      },
    },
    async (request, reply) => {
      const patch = PROFILE_PATCHES[request.params.object.slice(0, -5)];
      if (!patch) throw notFound();
      return reply.type('application/merge-patch+json').send(patch);
    },
  );
  for (const url of ['/api/hsds', '/api/hsds/']) {
    app.get(
      url,
      {
        schema: {
          summary: 'HSDS: about this API',
          description:
            'The HSDS version this API implements, where its profile is described, and its OpenAPI description (HSDS 3.1 API: `/`).',
          tags,
          ...(url === '/api/hsds/' ? { hide: true } : {}),
          response: { 200: ApiInfo, 429: ErrorResponse },
        },
      },
      async (request) => info(request),
    );
  }

  for (const path of LIST_PATHS) {
    app.post(
      `/api/hsds/${path}`,
      {
        schema: {
          summary: `HSDS: ${path} (search by POST: not offered)`,
          description:
            'Open Referral’s API description defines a POST here; Samen publishes read-only and answers 405 with `Allow: GET`. Use GET with the same parameters.',
          tags,
          response: { 405: ErrorResponse },
        },
        // Refused before anything else (the CSRF check included): nothing here can change state.
        onRequest: (_request, reply, done) => {
          reply.header('allow', 'GET, HEAD');
          done(new HttpError(405, 'method_not_allowed', 'hsds.api.readOnly'));
        },
      },
      () => {
        throw new HttpError(405, 'method_not_allowed', 'hsds.api.readOnly');
      },
    );
  }
};

/** The taxonomies and their terms that classify services. */
const hsdsTaxonomyRoutes: HsdsPlugin = async (app, options) => {
  const directory = options.services.directory;

  const taxonomyRows = async (): Promise<Json[]> => {
    const rows = (await directory.hsdsTaxonomies()).sort(
      (a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id),
    );
    const renderer = new HsdsRenderer({
      ...snapshotFromRecords([], []),
      taxonomies: new Map(rows.map((r) => [r.id, r])),
    });
    return rows.flatMap((r) => {
      const json = renderer.taxonomy(r.id);
      return json ? [json] : [];
    });
  };

  app.get(
    '/api/hsds/taxonomies',
    {
      schema: {
        summary: 'HSDS: taxonomies',
        description:
          'A page of the taxonomies whose terms classify services (form of exploitation, need, audience, desk type, scope, access, contact channel, record status), as Open Referral HSDS 3.1, ordered by name. `search` looks in name and description.',
        tags,
        querystring: SearchQuery,
        response: { 200: page(TaxonomySchema), 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      checkPerPage(request.query.per_page, false);
      const wanted = words(request.query.search);
      const all = (await taxonomyRows()).filter((x) =>
        textMatches([String(x.name ?? ''), String(x.description ?? '')], wanted),
      );
      return listAnswer(reply, all, request.query, (items) => items as Json[]);
    },
  );

  app.get(
    '/api/hsds/taxonomies/:id',
    {
      schema: {
        summary: 'HSDS: one taxonomy',
        description:
          'One taxonomy as Open Referral HSDS 3.1; its terms are at `/api/hsds/taxonomy_terms?taxonomy_id=<id>`. A malformed id is a 400, an unknown one a 404.',
        tags,
        params: IdParams('taxonomy'),
        response: { 200: TaxonomySchema, ...errors },
      },
    },
    async (request) => {
      const found = (await taxonomyRows()).find((x) => x.id === request.params.id);
      if (!found) throw notFound();
      return found;
    },
  );

  app.get(
    '/api/hsds/taxonomy_terms',
    {
      schema: {
        summary: 'HSDS: taxonomy terms',
        description:
          'A page of the taxonomy terms services are classified with (Dutch names; the description is the English label), as Open Referral HSDS 3.1, by taxonomy and code. Filters: `search` (name and description), `taxonomy_id`, `top_only`, `parent_id`, and Samen’s `taxonomy` (a taxonomy’s code).',
        tags,
        querystring: TermsQuery,
        response: { 200: page(TermSchema), 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const q = request.query;
      checkPerPage(q.per_page, false);
      const wanted = words(q.search);
      const taxonomyCode = q.taxonomy_id
        ? ((await directory.hsdsTaxonomies()).find((x) => x.id === q.taxonomy_id)?.code ?? null)
        : undefined;
      const terms = (await directory.taxonomyTerms())
        .filter((t) => q.taxonomy === undefined || t.taxonomy === q.taxonomy)
        .filter((t) => taxonomyCode === undefined || t.taxonomy === taxonomyCode)
        .filter((t) => !q.top_only || t.parent_id === null)
        .filter((t) => q.parent_id === undefined || t.parent_id === q.parent_id)
        .filter((t) => textMatches([t.name_nl, t.name_en, t.code], wanted))
        .sort((a, b) => a.taxonomy.localeCompare(b.taxonomy) || a.code.localeCompare(b.code));
      const taxonomies = await directory.hsdsTaxonomies();
      return listAnswer(reply, terms, q, (slice) => {
        const renderer = new HsdsRenderer(snapshotFromRecords([], slice, taxonomies));
        return slice.flatMap((t): Json[] => {
          const json = renderer.term(t.id);
          return json ? [json] : [];
        });
      });
    },
  );

  app.get(
    '/api/hsds/taxonomy_terms/:id',
    {
      schema: {
        summary: 'HSDS: one taxonomy term',
        description:
          'One taxonomy term as Open Referral HSDS 3.1. A malformed id is a 400, an unknown one a 404.',
        tags,
        params: IdParams('taxonomy term'),
        response: { 200: TermSchema, ...errors },
      },
    },
    async (request) => {
      const term = (await directory.taxonomyTerms()).find((t) => t.id === request.params.id);
      if (!term) throw notFound();
      const taxonomies = await directory.hsdsTaxonomies();
      const json = new HsdsRenderer(snapshotFromRecords([], [term], taxonomies)).term(term.id);
      if (!json) throw notFound();
      return json;
    },
  );
};

/** The organisations, each with its published services when asked for fully nested. */
const hsdsOrganizationRoutes: HsdsPlugin = async (app, options) => {
  const directory = options.services.directory;

  /**
   * Organisations rendered: one-to-one fields, or fully nested with their published services (list items, or
   * fully nested with `fullService`).
   */
  const renderOrganizations = async (
    orgs: Organization[],
    o: { full: boolean; fullService: boolean },
  ): Promise<Json[]> => {
    if (!o.full && !o.fullService) {
      const renderer = new HsdsRenderer({
        ...snapshotFromRecords([], []),
        organization: orgs.map(organizationRow),
      });
      return orgs.flatMap((x): Json[] => {
        const json = renderer.organizationListItem(x.id);
        return json ? [json] : [];
      });
    }
    const wanted = new Set(orgs.map((x) => x.id));
    const services = (await directory.allServices()).filter((r) => wanted.has(r.organization_id));
    const [terms, taxonomies] = await Promise.all([directory.taxonomyTerms(), directory.hsdsTaxonomies()]);
    const snapshot = snapshotFromRecords(services, o.fullService ? terms : [], taxonomies);
    const present = new Set(snapshot.organization.map((x) => x.id));
    for (const x of orgs) if (!present.has(x.id)) snapshot.organization.push(organizationRow(x));
    const renderer = new HsdsRenderer(snapshot);
    const byOrg = new Map<string, ServiceRecord[]>();
    for (const r of services) byOrg.set(r.organization_id, [...(byOrg.get(r.organization_id) ?? []), r]);
    return orgs.flatMap((x) => {
      const json = renderer.organization(x.id);
      if (!json) return [];
      const own = (byOrg.get(x.id) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      json.services = own.flatMap((r) => {
        const service = o.fullService
          ? renderer.service(r.id, { organization: false })
          : renderer.serviceListItem(r.id);
        if (!service) return [];
        delete service.organization;
        return [service];
      });
      return [json];
    });
  };

  app.get(
    '/api/hsds/organizations',
    {
      schema: {
        summary: 'HSDS: organisations',
        description:
          'A page of organisations as Open Referral HSDS 3.1, ordered by name: one-to-one fields; fully nested with their published services (`full=true`), those services fully nested too with `full_service=true`. Filters: `search` (name, alternate name, description), `taxonomy_term_id` and `taxonomy_id` (organisations with a published service carrying the term or a term of the taxonomy).',
        tags,
        querystring: OrganizationsQuery,
        response: { 200: page(Type.Union([OrganizationItem, OrganizationFull])), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      checkPerPage(q.per_page, false);
      const wanted = words(q.search);
      let orgs = [...(await directory.organizations())]
        .filter((o) => textMatches([o.name, o.alternate_name, o.description], wanted))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id));
      if (q.taxonomy_term_id || q.taxonomy_id) {
        const terms = await directory.taxonomyTerms();
        const term = terms.find((t) => t.id === q.taxonomy_term_id);
        const taxonomy = (await directory.hsdsTaxonomies()).find((x) => x.id === q.taxonomy_id);
        const carrying = new Set(
          (await directory.allServices())
            .filter((r) => !q.taxonomy_term_id || serviceHasTerm(r, term, q.taxonomy_term_id))
            .filter((r) => !q.taxonomy_id || serviceHasTaxonomy(r, taxonomy, terms))
            .map((r) => r.organization_id),
        );
        orgs = orgs.filter((o) => carrying.has(o.id));
      }
      const opts = { full: q.full ?? false, fullService: q.full_service ?? false };
      if (q.format === 'ndjson') {
        return sendNdjson(reply, await renderOrganizations(orgs, opts));
      }
      const slice = orgs.slice((q.page - 1) * q.per_page, q.page * q.per_page);
      return pageOf(await renderOrganizations(slice, opts), orgs.length, {
        page: q.page,
        perPage: q.per_page,
      });
    },
  );

  app.get(
    '/api/hsds/organizations/:id',
    {
      schema: {
        summary: 'HSDS: one organisation',
        description:
          'One organisation fully nested, with its published services (one-to-one fields; fully nested with `full_service=true`), as Open Referral HSDS 3.1. A malformed id is a 400, an unknown one a 404.',
        tags,
        params: IdParams('organization'),
        querystring: OrganizationQuery,
        response: { 200: OrganizationFull, ...errors },
      },
    },
    async (request) => {
      const org = (await directory.organizations()).find((o) => o.id === request.params.id);
      if (!org) throw notFound();
      const [json] = await renderOrganizations([org], {
        full: true,
        fullService: request.query.full_service ?? false,
      });
      if (!json) throw notFound();
      return json;
    },
  );
};
