// Schemas for what a route accepts: the body of a form post, its path parameters and query. A schema checks shape
// and limits only (strings, lengths, the choices a select or radio group offers, the values of a checkbox group);
// what the input means (a date in the past, an organisation that exists) stays in the services.
//
// An HTML form sends every field as a string; a field that occurs several times (a checkbox group with several
// boxes ticked) as an array of strings, once as one string. Ajv runs with `coerceTypes: 'array'` (AJV_OPTIONS, the
// app's), so a checkbox group declared as a list always arrives as an array; a text field sent twice is refused
// ("was sent more than once") instead of silently taking one of the two.
//
// `formPost` declares a form route: when the body breaks its schema the handler does not run (nothing is written);
// the module's `invalid` renders its form again, refilled from the body, with the problems in the user's language
// (the field's name as the form uses it and a message key with its parameters, as the services' ValidationFailed
// gives them). Bad path parameters or query are not the form's fault: they go to the error handler (a 400 naming
// them). API routes only declare `schema`: the error handler answers problem+json (problem.ts).
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import type {
  FastifyError,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  RouteShorthandOptions,
  RouteShorthandOptionsWithHandler,
} from 'fastify';
import type { FieldProblem } from './errors.js';

/** The app's Ajv options (createApp): every error at once, a lone value becomes a one-item array where one is expected. */
export const AJV_OPTIONS = {
  removeAdditional: false,
  allErrors: true,
  coerceTypes: 'array',
  useDefaults: true,
} as const;

/** A form's values as posted: each field a string, or several strings for a repeated field. */
export type FormValues = Record<string, string | string[] | undefined>;

/** The CSRF token every form carries (checked before validation by the auth plugin). */
const CSRF_FIELD = Type.Optional(Type.String({ maxLength: 200 }));

/**
 * Field types for form bodies. Every field is optional unless `required`: a browser leaves out unticked
 * checkboxes and unchosen radio buttons, and whether an empty answer is acceptable is the service's decision.
 */
export const FormField = {
  /** A text field or textarea of at most `maxLength` characters. */
  text(maxLength: number, options: { required?: boolean } = {}) {
    const schema = Type.String({ maxLength });
    return options.required ? schema : Type.Optional(schema);
  },
  /** One of the values a select or radio group offers ('' too with `allowEmpty`, for "make a choice"). */
  choice<const T extends readonly string[]>(
    values: T,
    options: { allowEmpty?: boolean; required?: boolean } = {},
  ) {
    const allowed = options.allowEmpty ? ['', ...values] : [...values];
    const schema = Type.Unsafe<T[number] | ''>({
      type: 'string',
      enum: allowed,
    });
    return options.required ? schema : Type.Optional(schema);
  },
  /** A checkbox group: always an array (one box ticked arrives as one value and is made an array). */
  list(options: { maxItems: number; maxLength?: number; values?: readonly string[] }) {
    const item = options.values
      ? Type.Unsafe<string>({ type: 'string', enum: [...options.values] })
      : Type.String({ maxLength: options.maxLength ?? 200 });
    return Type.Optional(Type.Array(item, { maxItems: options.maxItems }));
  },
  /** Digits only, at most `maxLength` of them ('' allowed): a number the service reads; never coerced ('' is not 0). */
  digits(maxLength: number) {
    return Type.Optional(Type.String({ maxLength, pattern: '^[0-9]*$' }));
  },
};

/** The body of a form: its fields and the CSRF token; fields not declared (a submit button's name) pass. */
export function formBody<P extends TProperties>(fields: P) {
  return Type.Object({ _csrf: CSRF_FIELD, ...fields });
}

/** A path parameter that is a whole number (an id, a version), as a string of at most `maxLength` digits. */
export const digitsParam = (maxLength = 12) => Type.String({ pattern: `^[0-9]{1,${maxLength}}$` });

/** `/phones~1x/0` -> `phones/x`: the first segment of a JSON pointer, unescaped. */
function topSegment(pointer: string): string {
  const segment = pointer.split('/')[1] ?? '';
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Ajv's errors on a form body as problems with the form's own field names (a checkbox group's item is its group)
 * and messages in words. A field sent twice where one value belongs is "sent more than once"; a value outside
 * the offered choices "is not one of the choices offered" (not a list of internal codes).
 */
export function formProblems(error: FastifyError, body: unknown): FieldProblem[] {
  const values = (body ?? {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const v of error.validation ?? []) {
    const params = v.params as Record<string, unknown>;
    const field =
      v.instancePath === '' && v.keyword === 'required'
        ? String(params.missingProperty)
        : topSegment(v.instancePath);
    let problem: FieldProblem;
    if (v.keyword === 'type' && Array.isArray(values[field]))
      problem = { field, key: 'errors.validation.single' };
    else if (v.keyword === 'enum') problem = { field, key: 'errors.validation.choice' };
    else if (v.keyword === 'pattern') problem = { field, key: 'errors.validation.pattern' };
    else if (['required', 'maxLength', 'minLength', 'maxItems', 'minItems'].includes(v.keyword)) {
      const limit = params.limit;
      problem = {
        field,
        key: `errors.validation.${v.keyword}`,
        ...(typeof limit === 'number' ? { params: { limit } } : {}),
      };
    } else problem = { field, key: 'errors.validation.invalid' };
    // One line per field and reason: a checkbox group with three bad values is one problem.
    if (!problems.some((p) => p.field === problem.field && p.key === problem.key)) problems.push(problem);
  }
  return problems;
}

/** Renders the form again with the problems (and should answer 400); the body holds what was posted. */
export type InvalidFormRenderer = (
  request: FastifyRequest,
  reply: FastifyReply,
  problems: FieldProblem[],
) => unknown;

type Typed<B extends TSchema, P extends TSchema, Q extends TSchema> = FastifyRequest<{
  Body: Static<B>;
  Params: Static<P>;
  Querystring: Static<Q>;
}>;

export interface FormPostSpec<B extends TObject, P extends TSchema, Q extends TSchema> extends Omit<
  RouteShorthandOptions,
  'schema' | 'attachValidation'
> {
  body: B;
  params?: P;
  querystring?: Q;
  /** Show the route in the OpenAPI document (pages are hidden by default). */
  documented?: boolean;
  invalid: InvalidFormRenderer;
}

/**
 * A form post's route options with its handler: the schema of body (and params, query), and a handler that runs
 * only on valid input. An invalid body goes to `invalid` (the form again, refilled, with the problems); invalid
 * params or query to the error handler. Use as `app.post(path, formPost({ body, invalid, ... }, handler))`.
 */
export function formPost<B extends TObject, P extends TSchema = TObject, Q extends TSchema = TObject>(
  spec: FormPostSpec<B, P, Q>,
  handler: (request: Typed<B, P, Q>, reply: FastifyReply) => unknown,
): RouteShorthandOptionsWithHandler {
  const { body, params, querystring, documented, invalid, ...options } = spec;
  const schema: FastifySchema = {
    ...(documented ? {} : { hide: true }),
    body,
    ...(params ? { params } : {}),
    ...(querystring ? { querystring } : {}),
  };
  return {
    ...options,
    schema,
    // Fastify then hands the failure to the handler below instead of answering itself.
    attachValidation: true,
    // A post without any body is an empty form (every required field missing), not a 500.
    preValidation: [
      (request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void) => {
        if (request.body === undefined || request.body === null) request.body = {};
        done();
      },
      ...toArray(options.preValidation),
    ],
    handler: async function (request: FastifyRequest, reply: FastifyReply) {
      const failure = request.validationError as FastifyError | undefined;
      if (failure) {
        if (failure.validationContext !== 'body') throw failure;
        return invalid(request, reply, formProblems(failure, request.body));
      }
      return handler(request as Typed<B, P, Q>, reply);
    },
  } as RouteShorthandOptionsWithHandler;
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The values of a form as posted (without the CSRF token), to fill the form again. */
export function postedValues(request: FastifyRequest): FormValues {
  const out: FormValues = {};
  for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
    if (name === '_csrf') continue;
    if (typeof value === 'string') out[name] = value;
    else if (Array.isArray(value)) out[name] = value.map(String);
  }
  return out;
}

/** Path parameters, each a non-empty string of at most `maxLength` characters (what it names is the service's). */
export function pathParams<const K extends string>(names: readonly K[], maxLength = 200) {
  const properties = Object.fromEntries(names.map((n) => [n, Type.String({ minLength: 1, maxLength })]));
  return Type.Object(properties as Record<K, ReturnType<typeof Type.String>>);
}

/** A query of optional text parameters, each at most `maxLength` characters and given at most once. */
export function textQuery<const K extends string>(names: readonly K[], maxLength = 1000) {
  const properties = Object.fromEntries(names.map((n) => [n, Type.Optional(Type.String({ maxLength }))]));
  return Type.Object(properties as Record<K, ReturnType<typeof FormField.text>>);
}

/** The body of a form that is only a button (lock, remove, sign out): the CSRF token and nothing else it reads. */
export const buttonForm = formBody({});
