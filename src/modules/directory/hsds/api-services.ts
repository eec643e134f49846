// HSDS 3.1 API: services and services at locations (openapi.json `/services`, `/services/{id}`,
// `/service_at_locations`, `/service_at_locations/{id}`). Published records come from the directory service's
// in-memory index (the same records the public pages show), so the municipality filter on the public guide's hot
// path needs no query; pages are prepared once per list of records and query, with an ETag.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { badRequest, notFound } from '../../../platform/http/errors.js';
import { CachedResponse, sendPrepared } from '../../../platform/http/prepared.js';
import { ErrorResponse } from '../schemas.js';
import type { ServiceRecord } from '../types.js';
import {
  checkPerPage,
  full,
  minimal,
  modifiedAfter,
  modifiedAfterMoment,
  ndjson,
  organizationId,
  page,
  paging,
  search,
  sendNdjson,
  serviceHasTaxonomy,
  serviceHasTerm,
  serviceMatchesSearch,
  taxonomyId,
  taxonomyTermId,
  words,
} from './api-query.js';
import { pageOf } from './export.js';
import type { HsdsDirectory } from './directory-port.js';
import { outputObjectSchema } from './schema.js';
import { snapshotFromRecords } from './records.js';
import { HsdsRenderer, type Json } from './render.js';

const tags = ['hsds'];
const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };

const municipality = Type.Optional(
  Type.String({
    pattern: '^GM[0-9]{4}$',
    description:
      'Samen: a CBS municipality code (GMxxxx): only the active services covering it (national, its police unit, its safety region, itself).',
  }),
);

const ServicesQuery = Type.Object(
  {
    ...paging,
    search,
    taxonomy_term_id: taxonomyTermId,
    taxonomy_id: taxonomyId,
    organization_id: organizationId,
    modified_after: modifiedAfter,
    minimal,
    full,
    municipality,
  },
  { additionalProperties: false },
);

const SalQuery = Type.Object(
  {
    ...paging,
    search,
    taxonomy_term_id: taxonomyTermId,
    taxonomy_id: taxonomyId,
    organization_id: organizationId,
    modified_after: modifiedAfter,
    full,
    postcode: Type.Optional(
      Type.String({
        maxLength: 10,
        description:
          'A Dutch postcode (`1012` or `1012 AB`): only the active services whose coverage includes its municipality.',
      }),
    ),
    proximity: Type.Optional(
      Type.String({
        maxLength: 20,
        description:
          'Not offered: Samen holds no postcode centroids to measure a distance from, so a request with `proximity` is a 400 rather than a silently unfiltered list. Coverage (`postcode`) is what decides who helps where.',
      }),
    ),
  },
  { additionalProperties: false },
);

const IdParams = (what: string) =>
  Type.Object({ id: Type.String({ format: 'uuid', description: `The ${what} id (a UUID).` }) });

// Response schemas from the same field list the renderer uses (Fastify serialises with them).
const ServiceSchema = Type.Unsafe<Json>(outputObjectSchema('service', { omit: ['metadata'] }));
const MinimalService = Type.Object({
  id: Type.String(),
  last_modified: Type.String({ format: 'date-time' }),
});
const SalSchema = Type.Unsafe<Json>({ type: 'object', additionalProperties: true });

function byName(a: ServiceRecord, b: ServiceRecord): number {
  return a.name.localeCompare(b.name, 'nl') || a.id.localeCompare(b.id);
}

/** Renders published records; the work is cached per record object, which the index replaces when it changes. */
class PublishedRenderer {
  private readonly listItems = new WeakMap<ServiceRecord, Json>();
  private readonly fullItems = new WeakMap<ServiceRecord, Json>();

  constructor(private readonly directory: HsdsDirectory) {}

  async render(records: readonly ServiceRecord[], isFull: boolean): Promise<Json[]> {
    const cache = isFull ? this.fullItems : this.listItems;
    const missing = records.filter((r) => !cache.has(r));
    if (missing.length) {
      const [terms, taxonomies] = isFull
        ? await Promise.all([this.directory.taxonomyTerms(), this.directory.hsdsTaxonomies()])
        : [[], []];
      const renderer = new HsdsRenderer(snapshotFromRecords(missing, terms, taxonomies));
      for (const r of missing) {
        const json = isFull ? renderer.service(r.id) : renderer.serviceListItem(r.id);
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
    build: () => Promise<string>,
    contentType?: string,
  ): Promise<CachedResponse> {
    let bodies = this.bodies.get(records);
    if (!bodies) {
      bodies = new Map();
      this.bodies.set(records, bodies);
    }
    let body = bodies.get(key);
    if (body === undefined) {
      const text = await build();
      body = contentType ? CachedResponse.fromText(text, contentType) : CachedResponse.fromJson(text);
      // Bounded: page numbers and filters come from the client.
      if (bodies.size >= 200) bodies.clear();
      bodies.set(key, body);
    }
    return body;
  }
}

interface Filters {
  search?: string | undefined;
  taxonomy_term_id?: string | undefined;
  taxonomy_id?: string | undefined;
  organization_id?: string | undefined;
  modified_after?: string | undefined;
}

/** The records that pass the HSDS filters, in the order given. */
async function filtered(
  directory: HsdsDirectory,
  base: readonly ServiceRecord[],
  q: Filters,
): Promise<readonly ServiceRecord[]> {
  let records = base;
  if (q.organization_id) records = records.filter((r) => r.organization_id === q.organization_id);
  const since = modifiedAfterMoment(q.modified_after);
  if (since !== undefined) records = records.filter((r) => Date.parse(r.last_modified) >= since);
  const wanted = words(q.search);
  if (wanted.length) records = records.filter((r) => serviceMatchesSearch(r, wanted));
  if (q.taxonomy_term_id || q.taxonomy_id) {
    const terms = await directory.taxonomyTerms();
    if (q.taxonomy_term_id) {
      const id = q.taxonomy_term_id;
      const term = terms.find((t) => t.id === id);
      records = records.filter((r) => serviceHasTerm(r, term, id));
    }
    if (q.taxonomy_id) {
      const id = q.taxonomy_id;
      const taxonomy = (await directory.hsdsTaxonomies()).find((x) => x.id === id);
      records = records.filter((r) => serviceHasTaxonomy(r, taxonomy, terms));
    }
  }
  return records;
}

function queryKey(q: Record<string, unknown>): string {
  return Object.keys(q)
    .sort()
    .map((k) => `${k}=${k === 'search' ? words(q[k] as string).join(' ') : String(q[k] ?? '')}`)
    .join('&');
}

export const hsdsServiceRoutes: FastifyPluginAsyncTypebox<{
  services: { directory: HsdsDirectory };
}> = async (app, options) => {
  const directory = options.services.directory;
  const published = new PublishedRenderer(directory);

  app.get(
    '/api/hsds/services',
    {
      schema: {
        summary: 'HSDS: services',
        description:
          'A page of services as Open Referral HSDS 3.1 (one-to-one fields and the organisation; fully nested with `full=true`; only `id` and `last_modified` with `minimal=true`), ordered by name. Filters: `search` (full text), `taxonomy_term_id`, `taxonomy_id`, `organization_id`, `modified_after` (follow the feed), and `municipality` (a GMxxxx code: only the active services covering it). `format=ndjson` gives every match without paging.',
        tags,
        querystring: ServicesQuery,
        response: { 200: page(Type.Union([ServiceSchema, MinimalService])), ...errors },
      },
      // The answer is sent as prepared bytes, already compressed where the client asks for it.
      compress: false,
    },
    (request, reply) => {
      const q = request.query;
      checkPerPage(q.per_page, q.minimal ?? false);
      const key = queryKey(q);
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
    const isNdjson = q.format === 'ndjson';
    const body = await published.body(
      base,
      key,
      async () => {
        const records = await filtered(directory, base, q);
        const slice = isNdjson ? records : records.slice((q.page - 1) * q.per_page, q.page * q.per_page);
        const contents = q.minimal
          ? slice.map((r) => ({ id: r.id, last_modified: r.last_modified }))
          : await published.render(slice, q.full ?? false);
        if (isNdjson) return ndjson(contents);
        return JSON.stringify(pageOf(contents, records.length, { page: q.page, perPage: q.per_page }));
      },
      isNdjson ? 'application/x-ndjson; charset=utf-8' : undefined,
    );
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
        params: IdParams('service'),
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

  /** Every published service at a location, as [service, location id] pairs in the services' order. */
  const atLocations = (records: readonly ServiceRecord[]) =>
    records.flatMap((r) => r.locations.map((l) => ({ record: r, salId: l.id })));

  const renderSals = async (pairs: { record: ServiceRecord; salId: string }[], isFull: boolean) => {
    const records = [...new Set(pairs.map((p) => p.record))];
    const [terms, taxonomies] = isFull
      ? await Promise.all([directory.taxonomyTerms(), directory.hsdsTaxonomies()])
      : [[], []];
    const renderer = new HsdsRenderer(snapshotFromRecords(records, terms, taxonomies));
    return pairs.flatMap((p) => {
      const json = isFull ? renderer.serviceAtLocation(p.salId) : renderer.serviceAtLocationListItem(p.salId);
      return json ? [json] : [];
    });
  };

  app.get(
    '/api/hsds/service_at_locations',
    {
      schema: {
        summary: 'HSDS: services at locations',
        description:
          'A page of the places where services are given (a service at a location, with the location and the service’s one-to-one fields; fully nested with `full=true`), ordered by service name. Filters as for services, and `postcode`: only services whose coverage includes the postcode’s municipality. `proximity` is not offered (no centroids): a 400.',
        tags,
        querystring: SalQuery,
        response: { 200: page(SalSchema), ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      checkPerPage(q.per_page, false);
      if (q.proximity !== undefined) {
        throw badRequest([{ field: 'querystring.proximity', key: 'hsds.api.proximityNotOffered' }]);
      }
      let base: readonly ServiceRecord[];
      if (q.postcode !== undefined) {
        const postcode = /^\s*([1-9][0-9]{3})\s*(?:[a-zA-Z]{2})?\s*$/.exec(q.postcode)?.[1];
        const place = postcode ? await directory.resolvePlace(postcode) : undefined;
        if (!place || place.status !== 'found') {
          throw badRequest([{ field: 'querystring.postcode', key: 'hsds.api.postcodeUnknown' }]);
        }
        base = await directory.coverageFor(place.candidate.municipality.code);
      } else {
        base = published.sortedByName(await directory.allServices());
      }
      const all = atLocations(await filtered(directory, base, q));
      if (q.format === 'ndjson') {
        return sendNdjson(reply, await renderSals(all, q.full ?? false));
      }
      const slice = all.slice((q.page - 1) * q.per_page, q.page * q.per_page);
      return pageOf(await renderSals(slice, q.full ?? false), all.length, {
        page: q.page,
        perPage: q.per_page,
      });
    },
  );

  app.get(
    '/api/hsds/service_at_locations/:id',
    {
      schema: {
        summary: 'HSDS: one service at a location',
        description:
          'One service at a location fully nested (its opening hours there, the location with its addresses, and the service’s one-to-one fields), as Open Referral HSDS 3.1. A malformed id is a 400, an unknown one a 404.',
        tags,
        params: IdParams('service_at_location'),
        response: { 200: SalSchema, ...errors },
      },
    },
    async (request) => {
      const id = request.params.id;
      const record = (await directory.allServices()).find((r) => r.locations.some((l) => l.id === id));
      if (!record) throw notFound();
      const [json] = await renderSals([{ record, salId: id }], true);
      if (!json) throw notFound();
      return json;
    },
  );
};
