// The published HSDS 3.1 schemas (../shared/standards/hsds-3.1, beside the repository) for checking exports in
// tests. They are not part of the project: without them the checks skip with a message, except in CI, where a
// skipped check is a failure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import addFormatsPlugin from 'ajv-formats';
import { Ajv, type ValidateFunction } from 'ajv';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
export const STANDARD_DIR = path.resolve(REPO_ROOT, '..', 'shared', 'standards', 'hsds-3.1');

/** Whether the standard's schemas are there; throws in CI when they are not. */
export function standardAvailable(): boolean {
  if (existsSync(path.join(STANDARD_DIR, 'compiled', 'service_with_definitions.json'))) return true;
  if (process.env.CI === 'true') {
    throw new Error(
      `The HSDS 3.1 schemas are missing (${STANDARD_DIR}): the export checks cannot be skipped in CI.`,
    );
  }
  console.warn(
    `The HSDS 3.1 schemas are not at ${STANDARD_DIR}: skipping the checks of exports against the standard.`,
  );
  return false;
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function compiler(): Ajv {
  if (!ajv) {
    // The schemas declare no $schema (draft-07, Ajv's default) and carry descriptive keywords of their own.
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormatsPlugin.default(ajv);
  }
  return ajv;
}

/** A validator for a schema file of the standard, e.g. `compiled/service_with_definitions.json`. */
export function standardValidator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    const schema = JSON.parse(readFileSync(path.join(STANDARD_DIR, file), 'utf8')) as Record<string, unknown>;
    delete schema.$id;
    validate = compiler().compile(schema);
    validators.set(file, validate);
  }
  return validate;
}

/** The HSDS API's Page (openapi.json components.schemas.Page), with every field required. */
export function pageValidator(): ValidateFunction {
  let validate = validators.get('#page');
  if (!validate) {
    const openapi = JSON.parse(readFileSync(path.join(STANDARD_DIR, 'openapi.json'), 'utf8')) as {
      components: { schemas: { Page: { properties: Record<string, unknown> } } };
    };
    const page = openapi.components.schemas.Page;
    validate = compiler().compile({ ...page, required: Object.keys(page.properties) });
    validators.set('#page', validate);
  }
  return validate;
}

/** Ajv's errors in a form that makes a failed expectation readable. */
export function errorsOf(validate: ValidateFunction): string[] {
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

const OBJECT_BASE = 'https://hsds.invalid/schema/';
let objects: Ajv | undefined;

/**
 * A validator for one object schema of the standard (`organization`, `taxonomy_term`, ...), whose references
 * to the other object files (`"$ref": "phone.json"`) resolve among them.
 */
export function standardObjectValidator(name: string): ValidateFunction {
  if (!objects) {
    objects = new Ajv({ strict: false, allErrors: true });
    addFormatsPlugin.default(objects);
    for (const file of readdirSync(STANDARD_DIR)) {
      if (!file.endsWith('.json') || file === 'openapi.json') continue;
      const schema = JSON.parse(readFileSync(path.join(STANDARD_DIR, file), 'utf8')) as Record<
        string,
        unknown
      >;
      objects.addSchema({ ...schema, $id: `${OBJECT_BASE}${file}` });
    }
  }
  const validate = objects.getSchema(`${OBJECT_BASE}${name}.json`);
  if (!validate) throw new Error(`no HSDS schema ${name}.json`);
  return validate;
}

/** JSON Merge Patch (RFC 7386): objects merge key by key, `null` removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const PROFILE_BASE = 'https://hsds-profile.invalid/schema/';
let profiled: { patches: Record<string, unknown>; ajv: Ajv } | undefined;

/**
 * A validator for one object schema of the standard with a profile's patches applied to every object (so a
 * service's nested service areas are checked against the profiled service_area too).
 */
export function profiledObjectValidator(name: string, patches: Record<string, unknown>): ValidateFunction {
  if (profiled?.patches !== patches) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormatsPlugin.default(ajv);
    for (const file of readdirSync(STANDARD_DIR)) {
      if (!file.endsWith('.json') || file === 'openapi.json') continue;
      const core = JSON.parse(readFileSync(path.join(STANDARD_DIR, file), 'utf8')) as Record<string, unknown>;
      const patch = patches[file.slice(0, -5)];
      const schema = (patch ? mergePatch(core, patch) : core) as Record<string, unknown>;
      ajv.addSchema({ ...schema, $id: `${PROFILE_BASE}${file}` });
    }
    profiled = { patches, ajv };
  }
  const validate = profiled.ajv.getSchema(`${PROFILE_BASE}${name}.json`);
  if (!validate) throw new Error(`no HSDS schema ${name}.json`);
  return validate;
}
