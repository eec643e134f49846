// TypeBox schemas of the directory's JSON API (/api/v1): Fastify validates input with them, serialises output
// with them, and @fastify/swagger turns them into the OpenAPI document at /api/docs. TypeBox itself, as in the
// other modules: the type provider's re-export is TypeBox 1.x, over 600 more modules to load at every start.
import { Type, type Static } from '@sinclair/typebox';
import { ProblemDetails } from '../../platform/http/problem.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const MunicipalityCode = Type.String({
  pattern: '^GM[0-9]{4}$',
  description: 'CBS municipality code, e.g. GM0363 (Amsterdam).',
  examples: ['GM0363'],
});

export const Uuid = Type.String({ format: 'uuid', description: 'A UUID.' });

/** Every error of the API: problem details (RFC 9457), in the language of Accept-Language. */
export const ErrorResponse = ProblemDetails;

const RegionRef = Type.Object({ code: Type.String(), name: Type.String() });

export const MunicipalityOut = Type.Object({
  code: Type.String({ examples: ['GM0363'] }),
  name: Type.String(),
  province: Type.String(),
  safety_region: RegionRef,
  police_unit: RegionRef,
});
export type MunicipalityOut = Static<typeof MunicipalityOut>;

const TermRef = Type.Object({
  id: Type.String({ format: 'uuid' }),
  taxonomy: Type.String({
    description: 'Taxonomy code: exploitation_form, need, audience, desk_type, scope, access, …',
  }),
  code: Type.String(),
  name: Type.String({ description: 'Dutch label.' }),
  name_en: Type.String({ description: 'English label.' }),
});

const codes = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));

/** The earlier snake_case names of ServicesQuery's keys, accepted until API version 2. */
export const SERVICES_QUERY_ALIASES = { taxonomy_term_id: 'taxonomyTermId', per_page: 'perPage' };

/** Compact: the codes of the attached terms per taxonomy; ids and labels are in /api/v1/taxonomies. */
const TermCodes = Type.Object(
  {
    exploitation_form: codes('e.g. sexual, labour, criminal, forced_marriage'),
    need: codes('e.g. acute_danger, anonymous_report, police_report, shelter'),
    audience: codes('victim, worried_citizen, professional, minor'),
    desk_type: codes('reporting_point, knowledge_centre, shelter, care, police, inspectorate, helpline'),
    scope: codes('national, regional'),
    access: codes('free, anonymous_possible, confidential'),
    contact_channel: codes('voice, sms, whatsapp, website, chat, web_form, email, walk_in'),
    record_status: codes('sample'),
  },
  { description: 'Taxonomy term codes by taxonomy (labels and ids: GET /api/v1/taxonomies).' },
);

const AreaRef = Type.Object({
  area_type: Type.Union([
    Type.Literal('country'),
    Type.Literal('police_unit'),
    Type.Literal('safety_region'),
    Type.Literal('municipality'),
  ]),
  area_code: Type.String({
    description: 'NL, a police unit (PE-…), a safety region (VRxx) or a municipality (GMxxxx).',
  }),
  name: Type.String(),
});

const PhoneOut = Type.Object({
  number: Type.String(),
  channel: Type.Union([Type.Literal('voice'), Type.Literal('sms'), Type.Literal('whatsapp')]),
  description: Nullable(Type.String()),
});

const UrlOut = Type.Object({
  url: Type.String(),
  channel: Type.Union([Type.Literal('website'), Type.Literal('chat'), Type.Literal('web_form')]),
  label: Nullable(Type.String()),
});

const ScheduleOut = Type.Object({
  byday: Nullable(Type.String({ description: 'RFC 5545 weekdays, e.g. MO,TU,WE,TH,FR.' })),
  opens_at: Nullable(Type.String({ description: 'HH:MM, Europe/Amsterdam.' })),
  closes_at: Nullable(Type.String()),
  description: Nullable(Type.String()),
});

const ServiceStatusSchema = Type.Union([
  Type.Literal('active'),
  Type.Literal('inactive'),
  Type.Literal('defunct'),
  Type.Literal('temporarily closed'),
]);

const summaryProperties = {
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  alternate_name: Nullable(Type.String()),
  description: Type.String(),
  status: ServiceStatusSchema,
  organization: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }),
  url: Nullable(Type.String()),
  email: Nullable(Type.String()),
  phones: Type.Array(PhoneOut),
  urls: Type.Array(UrlOut),
  schedules: Type.Array(ScheduleOut),
  open_24_7: Type.Boolean({ description: 'Reachable 24 hours a day, 7 days a week.' }),
  terms: TermCodes,
  service_areas: Type.Array(AreaRef),
  languages: Type.Array(Type.String({ description: 'ISO 639-1 code.' })),
  minimum_age: Nullable(Type.Integer()),
  maximum_age: Nullable(Type.Integer()),
  // `format` on the union too: the API Design Rules' linter looks for it on the property itself, and for the
  // null branch it asserts nothing (format only applies to strings).
  assured_date: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
    format: 'date',
    description: 'When a steward last verified it (YYYY-MM-DD), or null.',
  }),
  stale: Type.Boolean({ description: 'Not verified for more than 180 days (or never).' }),
  is_sample: Type.Boolean({ description: 'Sample data: check with the organisation before use.' }),
  last_modified: Type.String({ format: 'date-time' }),
};

export const ServiceSummary = Type.Object(summaryProperties);
export type ServiceSummary = Static<typeof ServiceSummary>;

export const ServiceDetail = Type.Object({
  ...summaryProperties,
  taxonomy_terms: Type.Array(TermRef, {
    description: 'The attached terms with their ids and Dutch and English labels.',
  }),
  version: Type.Integer({ description: 'Bumped on every change.' }),
  eligibility_description: Nullable(Type.String()),
  fees_description: Nullable(Type.String()),
  application_process: Nullable(Type.String()),
  interpretation_services: Nullable(Type.String()),
  wait_time: Nullable(Type.String()),
  alert: Nullable(Type.String()),
  locations: Type.Array(
    Type.Object({
      name: Nullable(Type.String()),
      description: Nullable(Type.String()),
      addresses: Type.Array(
        Type.Object({
          address_1: Type.String(),
          address_2: Nullable(Type.String()),
          postal_code: Type.String(),
          city: Type.String(),
          country: Type.String(),
        }),
      ),
      schedules: Type.Array(ScheduleOut),
    }),
  ),
  capacities: Type.Array(
    Type.Object({
      unit: Type.String(),
      available: Type.Integer(),
      maximum: Nullable(Type.Integer()),
      updated: Type.String({ format: 'date-time' }),
    }),
  ),
});
export type ServiceDetail = Static<typeof ServiceDetail>;

/** One service in the coverage answer: lean (no description, no area list); details via /api/v1/services/{id}. */
export const CoverageItem = Type.Object({
  covers_via: Type.Union(
    [
      Type.Literal('municipality'),
      Type.Literal('safety_region'),
      Type.Literal('police_unit'),
      Type.Literal('country'),
    ],
    { description: 'The most specific area through which the service covers this municipality.' },
  ),
  id: summaryProperties.id,
  name: summaryProperties.name,
  organization: summaryProperties.organization,
  url: summaryProperties.url,
  email: summaryProperties.email,
  phones: summaryProperties.phones,
  urls: summaryProperties.urls,
  schedules: summaryProperties.schedules,
  open_24_7: summaryProperties.open_24_7,
  terms: summaryProperties.terms,
  languages: summaryProperties.languages,
  minimum_age: summaryProperties.minimum_age,
  maximum_age: summaryProperties.maximum_age,
  assured_date: summaryProperties.assured_date,
  stale: summaryProperties.stale,
  is_sample: summaryProperties.is_sample,
});
export type CoverageItem = Static<typeof CoverageItem>;

export const CoverageResponse = Type.Object({
  municipality: MunicipalityOut,
  services: Type.Array(CoverageItem, {
    description:
      'Active services covering the municipality: national ones, those of its police unit, of its safety region and of the municipality itself; by name.',
  }),
});
export type CoverageResponse = Static<typeof CoverageResponse>;

export const ServicesQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words in the name, description or organisation.' }),
    ),
    taxonomyTermId: Type.Optional(
      Type.Array(Uuid, {
        maxItems: 10,
        description:
          'Only services with this term (repeat for all of several). Until API version 2 also as `taxonomy_term_id` (deprecated).',
      }),
    ),
    municipality: Type.Optional(MunicipalityCode),
    status: Type.Optional(Type.Array(ServiceStatusSchema, { maxItems: 4, description: 'Default: active.' })),
    stale: Type.Optional(
      Type.Boolean({ description: 'true: only stale services; false: only verified ones.' }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    perPage: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 100,
        default: 20,
        description: 'Services per page. Until API version 2 also as `per_page` (deprecated).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type ServicesQuery = Static<typeof ServicesQuery>;

export const ServicesPage = Type.Object({
  items: Type.Array(ServiceSummary),
  total: Type.Integer(),
  page: Type.Integer(),
  per_page: Type.Integer(),
});
export type ServicesPage = Static<typeof ServicesPage>;

export const MunicipalitiesQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the name, or a GM code.' })) },
  { additionalProperties: false },
);

export const MunicipalityList = Type.Array(MunicipalityOut);

export const TaxonomyList = Type.Array(
  Type.Object({
    code: Type.String(),
    name: Type.String({ description: 'Dutch name.' }),
    name_en: Type.String({ description: 'English name.' }),
    terms: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        code: Type.String(),
        name: Type.String(),
        name_en: Type.String(),
        parent_id: Nullable(Type.String({ format: 'uuid' })),
      }),
    ),
  }),
);
export type TaxonomyList = Static<typeof TaxonomyList>;

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const CodeParams = Type.Object({ code: MunicipalityCode }, { additionalProperties: false });
export const EmptyQuery = Type.Object({}, { additionalProperties: false });
