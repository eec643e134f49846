// JSON Schemas built from fields.ts: what an import accepts (nested HSDS JSON objects and flat CSV rows, checked
// with Ajv before anything else) and what the HSDS API answers (response schemas for the OpenAPI document).
// Building them from the field list keeps the import, the export and the documentation in step.
import { createRequire } from 'node:module';
import type addFormatsPlugin from 'ajv-formats';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { OBJECTS, csvFields, type FieldDef, type HsdsObjectName } from './fields.js';

type Schema = Record<string, unknown>;

export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9](:00)?$';
const HTTP_PATTERN = '^[hH][tT][tT][pP][sS]?://[^\\s]+$';

function inputField(field: FieldDef): Schema {
  const base = ((): Schema => {
    switch (field.kind) {
      case 'uuid':
        return { type: 'string', format: 'uuid' };
      case 'text':
        return { type: 'string', maxLength: field.maxLength ?? 20_000 };
      case 'email':
        return { type: 'string', format: 'email', maxLength: 320 };
      case 'http':
        return { type: 'string', format: 'uri', pattern: HTTP_PATTERN, maxLength: 2000 };
      case 'uri':
        return { type: 'string', format: 'uri', maxLength: 2000 };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'datetime':
        return { type: 'string', format: 'date-time' };
      case 'time':
        return { type: 'string', pattern: TIME_PATTERN };
      case 'integer':
        return { type: 'integer', minimum: field.min, maximum: field.max };
      case 'number':
        // timezone: HSDS's UTC offset, or our own zone's name (checked in validate.ts)
        return {
          type: field.name === 'timezone' ? ['number', 'string'] : 'number',
          minimum: field.min,
          maximum: field.max,
        };
      case 'enum':
        return { type: 'string', enum: [...(field.values ?? [])] };
      case 'country':
        return { type: 'string', pattern: '^[A-Z]{2}$' };
      case 'language':
        return { type: 'string', pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' };
      case 'area':
        return { type: 'string', maxLength: 200 };
      case 'unsupported':
        return {};
    }
  })();
  for (const key of Object.keys(base)) if (base[key] === undefined) delete base[key];
  if (field.kind === 'unsupported' || field.required) return base;
  // Optional fields may be null (treated as absent).
  const type = base.type;
  const nullable: Schema = {
    ...base,
    type: Array.isArray(type) ? [...(type as string[]), 'null'] : [type, 'null'],
  };
  if (Array.isArray(base.enum)) nullable.enum = [...(base.enum as unknown[]), null];
  return nullable;
}

function inputDefinition(object: HsdsObjectName, nullable: boolean): Schema {
  const def = OBJECTS[object];
  const properties: Record<string, Schema> = {};
  for (const field of def.fields) properties[field.name] = inputField(field);
  for (const child of def.children) {
    if (child.object === 'metadata') {
      properties[child.name] = { type: ['array', 'null'], items: { type: 'object' } };
    } else if (child.many) {
      properties[child.name] = {
        type: ['array', 'null'],
        items: { $ref: `#/definitions/${child.object}` },
        maxItems: 10_000,
      };
    } else {
      properties[child.name] = { $ref: `#/definitions/${child.object}_or_null` };
    }
  }
  for (const name of def.unsupportedChildren) properties[name] = {};
  return {
    type: nullable ? ['object', 'null'] : 'object',
    properties,
    required: def.fields.filter((f) => f.required).map((f) => f.name),
    additionalProperties: false,
  };
}

/**
 * The schemas imported HSDS JSON objects must meet (nested children included), as one document with a
 * definition per object, so each is compiled once however often it nests.
 */
export function inputSchemas(): Schema {
  const definitions: Record<string, Schema> = {};
  for (const object of Object.keys(OBJECTS) as HsdsObjectName[]) {
    if (object === 'metadata') continue;
    definitions[object] = inputDefinition(object, false);
    definitions[`${object}_or_null`] = inputDefinition(object, true);
  }
  return { $id: INPUT_SCHEMA_ID, definitions };
}

/** The schema of one imported HSDS JSON object, self-contained (for documentation and tests). */
export function inputObjectSchema(object: HsdsObjectName): Schema {
  const { definitions } = inputSchemas() as { definitions: Record<string, Schema> };
  return { ...definitions[object], definitions };
}

/** The schema of one CSV row after its cells were typed (empty cells are absent). */
export function csvRowSchema(object: HsdsObjectName): Schema {
  const fields = csvFields(object);
  const properties: Record<string, Schema> = {};
  for (const field of fields) properties[field.name] = inputField(field);
  return {
    type: 'object',
    properties,
    required: fields.filter((f) => f.required || f.csvRequired).map((f) => f.name),
    additionalProperties: false,
  };
}

function outputField(field: FieldDef): Schema {
  switch (field.kind) {
    case 'uuid':
      return { type: 'string', format: 'uuid' };
    case 'integer':
    case 'number':
      return { type: 'number' };
    case 'email':
      return { type: 'string', format: 'email' };
    case 'http':
    case 'uri':
      return { type: 'string', format: 'uri' };
    case 'datetime':
      return { type: 'string', format: 'date-time' };
    case 'enum':
      return { type: 'string', enum: [...(field.values ?? [])] };
    default:
      return { type: 'string' };
  }
}

/**
 * The response schema of an HSDS object as the API renders it. Fastify serialises with it, so it lists every
 * field the renderer can produce; unsupported HSDS fields are never produced and are left out.
 */
export function outputObjectSchema(
  object: HsdsObjectName,
  options: { children?: boolean; depth?: number; omit?: readonly string[] } = {},
): Schema {
  const def = OBJECTS[object];
  const depth = options.depth ?? 0;
  const properties: Record<string, Schema> = {};
  for (const field of def.fields) {
    if (field.kind !== 'unsupported') properties[field.name] = outputField(field);
  }
  if (options.children !== false) {
    for (const child of def.children) {
      if (options.omit?.includes(child.name)) continue;
      const nested =
        child.object === 'metadata'
          ? outputObjectSchema('metadata', { children: false })
          : depth > 6
            ? { type: 'object' }
            : outputObjectSchema(child.object, { depth: depth + 1 });
      properties[child.name] = child.many ? { type: 'array', items: nested } : nested;
    }
  }
  return {
    type: 'object',
    properties,
    required: def.fields.filter((f) => f.required && f.kind !== 'unsupported').map((f) => f.name),
  };
}

let ajv: Ajv | undefined;

function compiler(): Ajv {
  if (!ajv) {
    // Ajv is CommonJS, required on first use: a start that validates no import never loads it (issue 14).
    const require = createRequire(import.meta.url);
    const { Ajv } = require('ajv') as { Ajv: new (options: object) => Ajv };
    const formats = require('ajv-formats') as typeof addFormatsPlugin;
    ajv = new Ajv({
      allErrors: true,
      strict: false,
      allowUnionTypes: true,
      // Problems are reported by keyword and parameters (translated), not by Ajv's English messages; and the
      // schemas are generated and checked against the meta-schema in the tests, which saves most of the compile
      // time on every start.
      messages: false,
      validateSchema: process.env.NODE_ENV === 'test',
    });
    formats.default(ajv);
  }
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

function compiled(key: string, build: () => Schema): ValidateFunction {
  let validate = cache.get(key);
  if (!validate) {
    validate = compiler().compile(build());
    cache.set(key, validate);
  }
  return validate;
}

const INPUT_SCHEMA_ID = 'urn:samen:hsds-import';

export function jsonValidator(object: HsdsObjectName): ValidateFunction {
  let validate = cache.get(`json:${object}`);
  if (!validate) {
    const ajv = compiler();
    if (!ajv.getSchema(INPUT_SCHEMA_ID)) ajv.addSchema(inputSchemas());
    validate = ajv.getSchema(`${INPUT_SCHEMA_ID}#/definitions/${object}`);
    if (!validate) throw new Error(`no import schema for ${object}`);
    cache.set(`json:${object}`, validate);
  }
  return validate;
}

export function csvValidator(object: HsdsObjectName): ValidateFunction {
  return compiled(`csv:${object}`, () => csvRowSchema(object));
}

export interface SchemaProblem {
  /** Path below the validated object, e.g. `phones[0].number`. */
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

const KNOWN_KEYWORDS = new Set([
  'required',
  'type',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'enum',
  'additionalProperties',
  'maxItems',
  'minItems',
]);

/** Ajv's errors as problems with translatable reasons (the platform's `errors.validation.*` messages). */
export function schemaProblems(errors: readonly ErrorObject[] | null | undefined): SchemaProblem[] {
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors ?? []) {
    let field = e.instancePath
      .split('/')
      .slice(1)
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce(
        (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
        '',
      );
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required')
      field = field ? `${field}.${String(params.missingProperty)}` : String(params.missingProperty);
    if (e.keyword === 'additionalProperties') {
      field = field ? `${field}.${String(params.additionalProperty)}` : String(params.additionalProperty);
    }
    let key = KNOWN_KEYWORDS.has(e.keyword) ? `errors.validation.${e.keyword}` : 'errors.validation.invalid';
    const p: Record<string, string | number> = {};
    if (e.keyword === 'pattern' && String(params.pattern) === HTTP_PATTERN) key = 'hsds.field.http';
    else if (e.keyword === 'pattern' && String(params.pattern) === TIME_PATTERN) key = 'hsds.field.time';
    else {
      for (const name of ['limit', 'type', 'format']) {
        const value = params[name];
        if (typeof value === 'string' || typeof value === 'number') p[name] = value;
        if (Array.isArray(value)) p[name] = value.filter((v) => v !== 'null').join(' or ');
      }
      if (Array.isArray(params.allowedValues)) {
        p.values = params.allowedValues.filter((v) => v !== null).join(', ');
      }
    }
    // One reason per field and keyword is enough (a wrong type also fails its format, and so on).
    const dedupe = `${field}|${e.keyword}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    out.push({ field, key, ...(Object.keys(p).length ? { params: p } : {}) });
  }
  return out;
}
