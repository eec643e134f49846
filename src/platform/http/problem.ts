// Problem details (RFC 9457, application/problem+json): the form of every error the API (/api) answers, as the
// NL GOV API Design Rules require (/core/error-handling/problem-details). `type` names the kind of problem by a URL
// of its entry on /api/docs; `title` is that kind in words, `detail` this occurrence (with every invalid parameter
// and the reason), `instance` the path that was asked for. All text is in the caller's language. Invalid input is
// listed, one entry per parameter with its name, where it was (query, path, body, header) and why, in
// `invalidParams`. The `error` member is the body's earlier form, kept until API version 2 for clients that read it.
import { Type, type Static } from '@sinclair/typebox';

export const PROBLEM_JSON = 'application/problem+json';

/** Where the problem types are described: `<origin>/api/docs#problem-<code>`. */
export const PROBLEM_DOCS_PATH = '/api/docs';

/** The stable codes of the problems the API answers with, and the message key of each one's title. */
export const PROBLEM_TYPES: Record<string, { status: number; title: string }> = {
  bad_request: { status: 400, title: 'errors.badRequest' },
  unauthorized: { status: 401, title: 'errors.unauthorized' },
  forbidden: { status: 403, title: 'errors.forbidden' },
  csrf: { status: 403, title: 'errors.csrf' },
  not_found: { status: 404, title: 'errors.notFound' },
  conflict: { status: 409, title: 'errors.conflict' },
  payload_too_large: { status: 413, title: 'errors.tooLarge' },
  unsupported_media_type: { status: 415, title: 'errors.unsupportedMediaType' },
  consent_required: { status: 422, title: 'errors.badRequest' },
  too_many_requests: { status: 429, title: 'errors.tooManyRequests' },
  internal: { status: 500, title: 'errors.internal' },
  unavailable: { status: 503, title: 'errors.internal' },
  audit_failed: { status: 503, title: 'errors.internal' },
};

const InvalidParam = Type.Object({
  name: Type.String({
    description: 'The parameter, e.g. `perPage`, or for a body its path, e.g. `services.3.name`.',
  }),
  in: Type.Optional(
    Type.Union([Type.Literal('query'), Type.Literal('path'), Type.Literal('header'), Type.Literal('body')], {
      description: 'Where the parameter was.',
    }),
  ),
  reason: Type.String({ description: 'Why it is not right, in the language of the answer.' }),
});

const LegacyError = Type.Object(
  {
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
  },
  {
    deprecated: true,
    description:
      'Deprecated (removed in API version 2): the earlier form of the error, `{ code, message, fields: [{ field, message }] }`, with the same content as the members above.',
  },
);

export const ProblemDetails = Type.Object(
  {
    type: Type.String({
      format: 'uri',
      description:
        'The kind of problem: a link to its description, e.g. https://samen.example.nl/api/docs#problem-bad_request.',
    }),
    title: Type.String({ description: 'The kind of problem in words, in the language of the answer.' }),
    status: Type.Integer({ minimum: 400, maximum: 599, description: 'The HTTP status code.' }),
    detail: Type.String({
      description:
        'What went wrong this time, naming every invalid parameter, in the language of the answer.',
    }),
    instance: Type.String({
      format: 'uri-reference',
      description: 'The path that was requested (without its query, which can hold what someone answered).',
    }),
    code: Type.String({ description: 'The kind of problem as a stable code: bad_request, not_found, …' }),
    invalidParams: Type.Optional(
      Type.Array(InvalidParam, {
        description: 'For invalid input: each parameter that is not right, and why.',
      }),
    ),
    error: Type.Optional(LegacyError),
  },
  {
    title: 'Problem',
    description:
      'An error as problem details (RFC 9457, application/problem+json), in the language of Accept-Language (or `lang` where the operation has it).',
  },
);
export type ProblemDetails = Static<typeof ProblemDetails>;

export interface TranslatedField {
  field: string;
  message: string;
}

const LOCATIONS: Record<string, 'query' | 'path' | 'header' | 'body'> = {
  querystring: 'query',
  params: 'path',
  headers: 'header',
  body: 'body',
};

/** `querystring.perPage` → { name: 'perPage', in: 'query' }; `services[3].name` stays a name of its own. */
export function invalidParam(field: TranslatedField): Static<typeof InvalidParam> {
  const dot = field.field.indexOf('.');
  const location = LOCATIONS[dot < 0 ? field.field : field.field.slice(0, dot)];
  if (location === undefined) return { name: field.field, reason: field.message };
  return { name: dot < 0 ? field.field : field.field.slice(dot + 1), in: location, reason: field.message };
}

export function problemDetails(options: {
  origin: string;
  status: number;
  code: string;
  title: string;
  message: string;
  fields: TranslatedField[];
  path: string;
}): ProblemDetails {
  const { status, code, title, message, fields } = options;
  const detail = fields.length
    ? `${message}: ${fields.map((f) => `${invalidParam(f).name} ${f.message}`).join('; ')}.`
    : message;
  return {
    type: `${options.origin}${PROBLEM_DOCS_PATH}#problem-${code}`,
    title,
    status,
    detail,
    instance: options.path,
    code,
    ...(fields.length ? { invalidParams: fields.map(invalidParam) } : {}),
    error: { code, message, ...(fields.length ? { fields } : {}) },
  };
}
