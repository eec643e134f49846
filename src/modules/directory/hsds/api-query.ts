// The query parameters of the Open Referral HSDS 3.1 API description (openapi.json components.parameters) as
// TypeBox schemas, and what the routes do with them: full text search, taxonomy filters, modified_after, paging.
// One place, so every list path reads a parameter the same way.
import { Type, type TSchema } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { badRequest } from '../../../platform/http/errors.js';
import type { ServiceRecord, TaxonomyTerm } from '../types.js';
import type { TaxonomyInfo } from './model.js';

export const DEFAULT_PER_PAGE = 50;
/** `minimal` lists only ids and dates; the description asks for all of them in one call, so it may ask more. */
export const MINIMAL_MAX_PER_PAGE = 10_000;

export const paging = {
  page: Type.Integer({ minimum: 1, default: 1, description: 'Page number, from 1.' }),
  per_page: Type.Integer({
    minimum: 1,
    maximum: MINIMAL_MAX_PER_PAGE,
    default: DEFAULT_PER_PAGE,
    description: `Results per page, 1 to 100 (to ${MINIMAL_MAX_PER_PAGE} with \`minimal=true\`).`,
  }),
  format: Type.Optional(
    Type.Union([Type.Literal('json'), Type.Literal('ndjson')], {
      default: 'json',
      description:
        '`json` (a page, the default) or `ndjson`: every result, one JSON object a line, without paging (`application/x-ndjson`).',
    }),
  ),
};

export const search = Type.Optional(
  Type.String({
    maxLength: 200,
    description:
      'Full text search: every word must occur in the name, alternate name or description (services: also the organisation name); case and accents are ignored.',
  }),
);

export const taxonomyTermId = Type.Optional(
  Type.String({
    format: 'uuid',
    description: 'Only records with this taxonomy term (see /api/hsds/taxonomy_terms).',
  }),
);

export const taxonomyId = Type.Optional(
  Type.String({
    format: 'uuid',
    description: 'Only records with any term of this taxonomy (see /api/hsds/taxonomies).',
  }),
);

export const organizationId = Type.Optional(
  Type.String({ format: 'uuid', description: 'Only the services of this organisation.' }),
);

export const modifiedAfter = Type.Optional(
  Type.String({
    pattern:
      '^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$',
    description:
      'Only records modified on or after this moment: an ISO 8601 date (`2026-01-31`, midnight UTC) or date-time (`2026-01-31T12:00:00Z`; without an offset it is UTC). For following the feed: pass the `last_modified` of the newest record you hold.',
  }),
);

export const full = Type.Optional(
  Type.Boolean({ default: false, description: 'Fully nested records instead of one-to-one fields.' }),
);

export const minimal = Type.Optional(
  Type.Boolean({
    default: false,
    description:
      'Only `id` and `last_modified` of each service, so that a follower can see what changed; up to 10,000 a page.',
  }),
);

/** Lower case, without accents and punctuation, for the full text search. */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function words(query: string | undefined): string[] {
  return query ? normalise(query).split(' ').filter(Boolean) : [];
}

/** Whether every wanted word occurs in the texts (the texts normalised once per call). */
export function textMatches(texts: readonly (string | null | undefined)[], wanted: string[]): boolean {
  if (!wanted.length) return true;
  const text = ` ${normalise(texts.filter(Boolean).join(' '))} `;
  return wanted.every((w) => text.includes(w));
}

const serviceTexts = new WeakMap<ServiceRecord, string>();

export function serviceMatchesSearch(record: ServiceRecord, wanted: string[]): boolean {
  let text = serviceTexts.get(record);
  if (text === undefined) {
    text = ` ${normalise(
      [record.name, record.alternate_name, record.description, record.organization.name]
        .filter(Boolean)
        .join(' '),
    )} `;
    serviceTexts.set(record, text);
  }
  return wanted.every((w) => text.includes(w));
}

/**
 * Whether a service carries the term: attached, or one of ours that HSDS shows as an attribute (the sample flag,
 * a phone's or web address's contact channel).
 */
export function serviceHasTerm(
  record: ServiceRecord,
  term: TaxonomyTerm | undefined,
  termId: string,
): boolean {
  if (record.taxonomy_term_ids.includes(termId)) return true;
  if (!term) return false;
  if (term.taxonomy === 'record_status' && term.code === 'sample') return record.is_sample;
  if (term.taxonomy === 'contact_channel') {
    return (
      record.phones.some((p) => p.channel === term.code) || record.urls.some((u) => u.channel === term.code)
    );
  }
  return false;
}

/** Whether a service carries any term of the taxonomy (by the taxonomy's HSDS id). */
export function serviceHasTaxonomy(
  record: ServiceRecord,
  taxonomy: TaxonomyInfo | undefined,
  terms: readonly TaxonomyTerm[],
): boolean {
  if (!taxonomy) return false;
  return terms.some((t) => t.taxonomy === taxonomy.code && serviceHasTerm(record, t, t.id));
}

/**
 * `modified_after` as a moment (ms since the epoch), or undefined when absent. The pattern has let through only
 * the ISO 8601 shape; a date that does not exist (31 February) is a 400 naming the parameter.
 */
export function modifiedAfterMoment(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let text = value.replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text += 'T00:00:00Z';
  else if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text)) text += 'Z';
  const moment = Date.parse(text);
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  if (
    Number.isNaN(moment) ||
    day.getUTCFullYear() !== y ||
    day.getUTCMonth() !== m - 1 ||
    day.getUTCDate() !== d
  ) {
    throw badRequest([
      {
        field: 'querystring.modified_after',
        key: 'errors.validation.format',
        params: { format: 'date-time' },
      },
    ]);
  }
  return moment;
}

/** `per_page` above 100 only for `minimal`: the full records of 10,000 services are not one page. */
export function checkPerPage(perPage: number, isMinimal: boolean): void {
  if (perPage > 100 && !isMinimal) {
    throw badRequest([
      { field: 'querystring.per_page', key: 'errors.validation.maximum', params: { limit: 100 } },
    ]);
  }
}

/** A page of the HSDS API (openapi.json components.schemas.Page) around items of the given schema. */
export function page(items: TSchema) {
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

/** Items as NDJSON: one JSON object a line, the `format=ndjson` answer. */
export function ndjson(items: readonly unknown[]): string {
  return items.map((x) => JSON.stringify(x)).join('\n') + (items.length ? '\n' : '');
}

/** Sends items as NDJSON (for `format=ndjson`); the route's reply is typed for the page, so it is taken plainly. */
export function sendNdjson(reply: object, items: readonly unknown[]): FastifyReply {
  return (reply as FastifyReply).type('application/x-ndjson; charset=utf-8').send(ndjson(items));
}
