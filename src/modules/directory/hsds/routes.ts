// The read-only Open Referral HSDS 3.1 API under /api/hsds: services (paged; filters taxonomy_term_id,
// organization_id and municipality), one service fully nested, organisations and taxonomy terms. It shows the
// published directory from the directory service's in-memory index (the same records the public pages show),
// so the municipality filter on the public guide's hot path needs no query.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { notFound } from '../../../platform/http/errors.js';
import { CachedResponse, sendPrepared } from '../../../platform/http/prepared.js';
import { ErrorResponse } from '../schemas.js';
import type { DirectoryService } from '../service.js';
import type { ServiceRecord, TaxonomyTerm } from '../types.js';
import { pageOf } from './export.js';
import { outputObjectSchema } from './schema.js';
import { snapshotFromRecords } from './records.js';
import { HsdsRenderer, type Json } from './render.js';

/** What the HSDS API needs of the directory service. */
export type HsdsDirectory = Pick<
  DirectoryService,
  | 'allServices'
  | 'coverageFor'
  | 'coverageForNow'
  | 'publishedService'
  | 'organizations'
  | 'taxonomyTerms'
  | 'hsdsTaxonomies'
>;

const tags = ['hsds'];
const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };
const DEFAULT_PER_PAGE = 50;

const paging = {
  page: Type.Integer({ minimum: 1, default: 1, description: 'Page number, from 1.' }),
  per_page: Type.Integer({
    minimum: 1,
    maximum: 100,
    default: DEFAULT_PER_PAGE,
    description: 'Results per page, 1 to 100.',
  }),
};

const search = Type.Optional(
  Type.String({
    maxLength: 200,
    description:
      'Full text search: every word must occur in the name, alternate name or description (services: also the organisation name); case and accents are ignored.',
  }),
);

const ServicesQuery = Type.Object(
  {
    ...paging,
    search,
    taxonomy_term_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Only services with this taxonomy term (see /api/hsds/taxonomy_terms).',
      }),
    ),
    organization_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'Only the services of this organisation.' }),
    ),
    municipality: Type.Optional(
      Type.String({
        pattern: '^GM[0-9]{4}$',
        description:
          'A CBS municipality code (GMxxxx): only the active services covering it (national, its police unit, its safety region, itself).',
      }),
    ),
    full: Type.Optional(
      Type.Boolean({ default: false, description: 'Fully nested services instead of one-to-one fields.' }),
    ),
  },
  { additionalProperties: false },
);

const PagingQuery = Type.Object(paging, { additionalProperties: false });
const SearchQuery = Type.Object({ ...paging, search }, { additionalProperties: false });

const TaxonomyParams = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The taxonomy id (a UUID).' }),
});

/** The HSDS version this API speaks (openapi.json `/`: `version`). */
export const HSDS_VERSION = '3.1';

const ApiInfo = Type.Object({
  version: Type.String({ description: 'HSDS version of this API.' }),
  profile: Type.String({
    format: 'uri',
    description: 'Where this API documents its HSDS profile (what it adds to and leaves out of HSDS 3.1).',
  }),
  openapi_url: Type.String({ format: 'uri', description: 'The OpenAPI description of this API.' }),
});

/** Lower case, without accents and punctuation, for the full text search. */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function words(query: string | undefined): string[] {
  return query ? normalise(query).split(' ').filter(Boolean) : [];
}

const searchTexts = new WeakMap<ServiceRecord, string>();

function matchesSearch(record: ServiceRecord, wanted: string[]): boolean {
  let text = searchTexts.get(record);
  if (text === undefined) {
    text = ` ${normalise(
      [record.name, record.alternate_name, record.description, record.organization.name]
        .filter(Boolean)
        .join(' '),
    )} `;
    searchTexts.set(record, text);
  }
  return wanted.every((w) => text.includes(w));
}

const TermsQuery = Type.Object(
  {
    ...paging,
    taxonomy: Type.Optional(
      Type.String({
        pattern: '^[a-z_]{1,50}$',
        description:
          'Only the terms of this taxonomy: exploitation_form, need, audience, desk_type, scope, access, contact_channel or record_status.',
      }),
    ),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The service id (a UUID).' }),
});

function page(items: TSchema) {
  return Type.Object({
    total_items: Type.Integer(),
    total_pages: Type.Integer(),
    page_number: Type.Integer(),
    size: Type.Integer(),
    first_page: Type.Boolean(),
    last_page: Type.Boolean(),
    empty: Type.Boolean(),
    contents: Type.Array(items),
  });
}

// Response schemas from the same field list the renderer uses (Fastify serialises with them).
const ServiceSchema = Type.Unsafe<Json>(outputObjectSchema('service', { omit: ['metadata'] }));
const OrganizationItem = Type.Unsafe<Json>(outputObjectSchema('organization', { children: false }));
const TermSchema = Type.Unsafe<Json>(outputObjectSchema('taxonomy_term', { omit: ['metadata'] }));
const TaxonomySchema = Type.Unsafe<Json>(outputObjectSchema('taxonomy', { omit: ['metadata'] }));

function byName(a: ServiceRecord, b: ServiceRecord): number {
  return a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id);
}

/** Renders published records; the work is cached per record object, which the index replaces when it changes. */
class PublishedRenderer {
  private readonly listItems = new WeakMap<ServiceRecord, Json>();
  private readonly full = new WeakMap<ServiceRecord, Json>();

  constructor(private readonly directory: HsdsDirectory) {}

  async render(records: readonly ServiceRecord[], full: boolean): Promise<Json[]> {
    const cache = full ? this.full : this.listItems;
    const missing = records.filter((r) => !cache.has(r));
    if (missing.length) {
      const terms: TaxonomyTerm[] = full ? await this.directory.taxonomyTerms() : [];
      const renderer = new HsdsRenderer(snapshotFromRecords(missing, terms));
      for (const r of missing) {
        const json = full ? renderer.service(r.id) : renderer.serviceListItem(r.id);
        if (json) cache.set(r, json);
      }
    }
    return records.flatMap((r): Json[] => {
      const json = cache.get(r);
      return json ? [json] : [];
    });
  }

  /**
   * Every service by name. The index hands out a new array each time but keeps its record objects until it is
   * rebuilt (then all of them are new), so the sorted list is kept while the first record is the same object.
   */
  private all: { first: ServiceRecord | undefined; length: number; sorted: ServiceRecord[] } | undefined;

  sortedByName(records: readonly ServiceRecord[]): ServiceRecord[] {
    if (this.all && this.all.first === records[0] && this.all.length === records.length)
      return this.all.sorted;
    const sorted = [...records].sort(byName);
    this.all = { first: records[0], length: records.length, sorted };
    return sorted;
  }

  private readonly bodies = new WeakMap<readonly ServiceRecord[], Map<string, CachedResponse>>();

  /** A page's prepared answer when it has been built for this list of records and query; no promise. */
  ready(records: readonly ServiceRecord[], key: string): CachedResponse | undefined {
    return this.bodies.get(records)?.get(key);
  }

  /** A page's prepared answer, kept per list of records (which the index replaces when anything changes). */
  async body(
    records: readonly ServiceRecord[],
    key: string,
    build: () => Promise<unknown>,
  ): Promise<CachedResponse> {
    let bodies = this.bodies.get(records);
    if (!bodies) {
      bodies = new Map();
      this.bodies.set(records, bodies);
    }
    let body = bodies.get(key);
    if (body === undefined) {
      body = CachedResponse.fromJson(JSON.stringify(await build()));
      // Bounded: page numbers and filters come from the client.
      if (bodies.size >= 200) bodies.clear();
      bodies.set(key, body);
    }
    return body;
  }
}

function matchesTerm(record: ServiceRecord, termId: string, terms: Map<string, TaxonomyTerm>): boolean {
  if (record.taxonomy_term_ids.includes(termId)) return true;
  const term = terms.get(termId);
  if (!term) return false;
  if (term.taxonomy === 'record_status' && term.code === 'sample') return record.is_sample;
  if (term.taxonomy === 'contact_channel') {
    return (
      record.phones.some((p) => p.channel === term.code) || record.urls.some((u) => u.channel === term.code)
    );
  }
  return false;
}

export const hsdsRoutes: FastifyPluginAsyncTypebox<{ services: { directory: HsdsDirectory } }> = async (
  app,
  options,
) => {
  const directory = options.services.directory;
  const published = new PublishedRenderer(directory);

  const info = (request: { protocol: string; host: string }) => {
    const origin = `${request.protocol}://${request.host}`;
    return {
      version: HSDS_VERSION,
      profile: `${origin}/api/docs#hsds`,
      openapi_url: `${origin}/api/openapi.json`,
    };
  };
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
    async (request) => {
      const { page: pageNumber, per_page: perPage } = request.query;
      const wanted = words(request.query.search);
      const all = (await taxonomyRows()).filter((x) => {
        const text = ` ${normalise(`${String(x.name ?? '')} ${String(x.description ?? '')}`)} `;
        return wanted.every((w) => text.includes(w));
      });
      const slice = all.slice((pageNumber - 1) * perPage, pageNumber * perPage);
      return pageOf(slice, all.length, { page: pageNumber, perPage });
    },
  );

  app.get(
    '/api/hsds/taxonomies/:id',
    {
      schema: {
        summary: 'HSDS: one taxonomy',
        description:
          'One taxonomy as Open Referral HSDS 3.1; its terms are at `/api/hsds/taxonomy_terms?taxonomy=<code>`. A malformed id is a 400, an unknown one a 404.',
        tags,
        params: TaxonomyParams,
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
    '/api/hsds/services',
    {
      schema: {
        summary: 'HSDS: services',
        description:
          'A page of services as Open Referral HSDS 3.1 (one-to-one fields and the organisation; fully nested with `full=true`), ordered by name. Filters: `search` (full text), `taxonomy_term_id`, `organization_id`, and `municipality` (a GMxxxx code: only the active services covering it). An unknown municipality is a 400.',
        tags,
        querystring: ServicesQuery,
        response: { 200: page(ServiceSchema), ...errors },
      },
      // The answer is sent as prepared bytes, already compressed where the client asks for it.
      compress: false,
    },
    (request, reply) => {
      const q = request.query;
      const key = [
        q.page,
        q.per_page,
        q.taxonomy_term_id ?? '',
        q.organization_id ?? '',
        q.full ? 1 : 0,
        words(q.search).join(' '),
      ].join('|');
      // The guide's hot path (a municipality's page already built, the index current) answers without a promise.
      const covering = q.municipality ? directory.coverageForNow(q.municipality) : undefined;
      const ready = covering && published.ready(covering, key);
      if (ready) {
        sendPrepared(request.headers['accept-encoding'], reply, ready);
        return;
      }
      return buildAndSend(q, key, request.headers['accept-encoding'], reply);
    },
  );

  /** Builds the page once per list of records and query (in the response schema's shape) and sends it. */
  async function buildAndSend(
    q: Static<typeof ServicesQuery>,
    key: string,
    acceptEncoding: string | undefined,
    reply: FastifyReply,
  ) {
    const base: readonly ServiceRecord[] = q.municipality
      ? await directory.coverageFor(q.municipality)
      : published.sortedByName(await directory.allServices());
    const body = await published.body(base, key, async () => {
      let records = base;
      if (q.organization_id) records = records.filter((r) => r.organization_id === q.organization_id);
      const wanted = words(q.search);
      if (wanted.length) records = records.filter((r) => matchesSearch(r, wanted));
      if (q.taxonomy_term_id) {
        const terms = new Map((await directory.taxonomyTerms()).map((t) => [t.id, t]));
        const id = q.taxonomy_term_id;
        records = records.filter((r) => matchesTerm(r, id, terms));
      }
      const start = (q.page - 1) * q.per_page;
      const contents = await published.render(records.slice(start, start + q.per_page), q.full ?? false);
      return pageOf(contents, records.length, { page: q.page, perPage: q.per_page });
    });
    return sendPrepared(acceptEncoding, reply, body);
  }

  app.get(
    '/api/hsds/services/:id',
    {
      schema: {
        summary: 'HSDS: one service',
        description:
          'One service with its nested organisation, phones (contact channel as an attribute), web addresses, opening hours, coverage (service_areas, urn:samen:area:<type>:<code>), locations, languages, capacities, contacts and taxonomy attributes, as Open Referral HSDS 3.1. A malformed id is a 400, an unknown one a 404.',
        tags,
        params: IdParams,
        response: { 200: ServiceSchema, ...errors },
      },
    },
    async (request) => {
      const record = await directory.publishedService(request.params.id);
      if (!record) throw notFound();
      const [json] = await published.render([record], true);
      if (!json) throw notFound();
      return json;
    },
  );

  app.get(
    '/api/hsds/organizations',
    {
      schema: {
        summary: 'HSDS: organisations',
        description:
          'A page of organisations (one-to-one fields) as Open Referral HSDS 3.1, ordered by name.',
        tags,
        querystring: PagingQuery,
        response: { 200: page(OrganizationItem), 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const { page: pageNumber, per_page: perPage } = request.query;
      const all = [...(await directory.organizations())].sort(
        (a, b) => a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id),
      );
      const slice = all.slice((pageNumber - 1) * perPage, pageNumber * perPage);
      const renderer = new HsdsRenderer({
        ...snapshotFromRecords([], []),
        organization: slice.map((o) => ({
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
        })),
      });
      const contents = slice.flatMap((o) => renderer.organizationListItem(o.id) ?? []);
      return pageOf(contents, all.length, { page: pageNumber, perPage });
    },
  );

  app.get(
    '/api/hsds/taxonomy_terms',
    {
      schema: {
        summary: 'HSDS: taxonomy terms',
        description:
          'A page of the taxonomy terms services are classified with (Dutch names; the description is the English label), as Open Referral HSDS 3.1. Filter `taxonomy` by its code.',
        tags,
        querystring: TermsQuery,
        response: { 200: page(TermSchema), 400: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const { page: pageNumber, per_page: perPage, taxonomy } = request.query;
      const terms = (await directory.taxonomyTerms())
        .filter((t) => taxonomy === undefined || t.taxonomy === taxonomy)
        .sort((a, b) => a.taxonomy.localeCompare(b.taxonomy) || a.code.localeCompare(b.code));
      const slice = terms.slice((pageNumber - 1) * perPage, pageNumber * perPage);
      const renderer = new HsdsRenderer(snapshotFromRecords([], slice));
      const contents = slice.flatMap((t) => renderer.term(t.id) ?? []);
      return pageOf(contents, terms.length, { page: pageNumber, perPage });
    },
  );
};
