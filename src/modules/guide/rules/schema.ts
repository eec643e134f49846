// The rule set's shape, as a JSON Schema (TypeBox). A rule set is a YAML document that a domain expert reads and
// edits on the admin page; it is parsed, then validated against this schema, then checked for meaning (unique
// ids, references to rules that exist). Problems come back with the path in the document, never half a rule set.
import { Type, type Static } from '@sinclair/typebox';
import { Ajv, type ErrorObject } from 'ajv';
import { parseDocument } from 'yaml';
import { AUDIENCES, FORMS, NEEDS, SITUATIONS, TRI_STATES } from '../answers.js';

const list = <T extends readonly string[]>(values: T, description: string) =>
  Type.Array(Type.Union(values.map((v) => Type.Literal(v))), { minItems: 1, uniqueItems: true, description });

const termCodes = (description: string) =>
  Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }), {
    minItems: 1,
    uniqueItems: true,
    description,
  });

/** Text per locale; English is required because it is the fallback of every language. */
const Localised = Type.Object(
  { en: Type.String({ minLength: 1, maxLength: 500 }) },
  {
    additionalProperties: Type.String({ minLength: 1, maxLength: 500 }),
    description: 'text per locale code',
  },
);

export const ConditionSchema = Type.Object(
  {
    audience: Type.Optional(list(AUDIENCES, 'who asks (any of)')),
    form: Type.Optional(list(FORMS, 'form of exploitation answered (any of)')),
    danger: Type.Optional(list(TRI_STATES, 'acute danger (any of)')),
    minor: Type.Optional(list(TRI_STATES, 'under 18 (any of)')),
    need: Type.Optional(list(NEEDS, 'what is needed (any of)')),
    place: Type.Optional(
      list(['netherlands', 'abroad', 'unknown'] as const, 'where: a Dutch municipality, abroad, or not said'),
    ),
    situation: Type.Optional(
      list(
        [...SITUATIONS, 'none'] as const,
        'asylum: lives in asylum reception; unaccompanied: a minor in the Netherlands without parents; none: not said',
      ),
    ),
  },
  { additionalProperties: false },
);

export const SelectorSchema = Type.Object(
  {
    services: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        minItems: 1,
        uniqueItems: true,
        description: 'service ids',
      }),
    ),
    need: Type.Optional(termCodes('directory terms of the taxonomy "need" (any of)')),
    desk_type: Type.Optional(termCodes('directory terms of the taxonomy "desk_type" (any of)')),
    exploitation_form: Type.Optional(termCodes('directory terms of "exploitation_form" (any of)')),
    audience: Type.Optional(termCodes('directory terms of "audience" (any of)')),
    access: Type.Optional(termCodes('directory terms of "access" (any of)')),
    scope: Type.Optional(termCodes('directory terms of "scope" (any of)')),
    coverage: Type.Optional(
      list(
        ['municipality', 'safety_region', 'police_unit', 'country'] as const,
        'how the service covers the place: its own municipality, its safety region, police unit, or the country',
      ),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RuleSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 60 }),
    description: Type.String({ minLength: 1, maxLength: 500, description: 'what the rule does and why' }),
    source: Type.Optional(Type.String({ maxLength: 300, description: 'where the routing fact comes from' })),
    when: Type.Optional(ConditionSchema),
    unless_fired: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), {
        minItems: 1,
        uniqueItems: true,
        description: 'applies only when none of these rules selected a desk',
      }),
    ),
    select: SelectorSchema,
    score: Type.Integer({ minimum: -1000, maximum: 1000 }),
    always: Type.Optional(
      Type.Boolean({ description: 'selected desks stay in the result even beyond max_desks' }),
    ),
    exclude: Type.Optional(
      Type.Boolean({ description: 'removes the selected desks instead of adding them' }),
    ),
    reason: Type.Optional(Localised),
  },
  { additionalProperties: false },
);

export const RuleSetSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    max_desks: Type.Integer({ minimum: 1, maximum: 20 }),
    require_form_match: Type.Optional(
      Type.Boolean({
        description:
          'a desk that lists forms of exploitation is shown only when one of them was answered (or none was)',
      }),
    ),
    audience_terms: Type.Object(
      {
        self: termCodes('audience terms a service needs to be shown to victims'),
        worried: termCodes('… to worried citizens'),
        professional: termCodes('… to professionals'),
        anonymous: termCodes('… to someone passing on an anonymous tip'),
      },
      {
        additionalProperties: false,
        description:
          'a service with audience terms is shown only to people whose answer maps to one of them; a service without audience terms is shown to everyone',
      },
    ),
    emergency: Type.Object(
      { phone: Type.String({ pattern: '^[0-9 +]{2,20}$' }), label: Localised },
      { additionalProperties: false },
    ),
    rules: Type.Array(RuleSchema, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);

export type Condition = Static<typeof ConditionSchema>;
export type Selector = Static<typeof SelectorSchema>;
export type Rule = Static<typeof RuleSchema>;
export type RuleSet = Static<typeof RuleSetSchema>;

export interface RuleProblem {
  /** Where in the document, e.g. "rules[3].select.need" or "line 12". */
  path: string;
  /** A message key of the guide catalogue and its parameters. */
  key: string;
  params?: Record<string, string | number>;
}

let validator: ReturnType<Ajv['compile']> | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: false, messages: false });
    ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    validator = ajv.compile(RuleSetSchema);
  }
  return validator(value) ? [] : (validator.errors ?? []);
}

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

function schemaProblem(error: ErrorObject): RuleProblem {
  const params = error.params as Record<string, unknown>;
  let path = pathOf(error.instancePath);
  const field = (name: unknown) => (path ? `${path}.${String(name)}` : String(name));
  switch (error.keyword) {
    case 'required':
      return { path: field(params.missingProperty), key: 'guide.rules.problem.required' };
    case 'additionalProperties':
      path = field(params.additionalProperty);
      return { path, key: 'guide.rules.problem.unknownField' };
    case 'const':
    case 'enum':
    case 'anyOf':
      return { path, key: 'guide.rules.problem.value' };
    case 'pattern':
    case 'format':
      return { path, key: 'guide.rules.problem.form' };
    case 'uniqueItems':
      return { path, key: 'guide.rules.problem.duplicate' };
    case 'type':
      return { path, key: 'guide.rules.problem.type', params: { type: String(params.type) } };
    default:
      return { path, key: 'guide.rules.problem.invalid', params: { keyword: error.keyword } };
  }
}

/** Parses and validates a rule set. Returns the rule set, or every problem found (nothing in between). */
export function parseRuleSet(source: string): { ruleSet?: RuleSet; problems: RuleProblem[] } {
  if (source.length > 200_000) return { problems: [{ path: '', key: 'guide.rules.problem.tooLarge' }] };
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => ({
        path: e.linePos ? `line ${e.linePos[0].line}` : '',
        key: 'guide.rules.problem.yaml',
        params: { detail: e.code },
      })),
    };
  }
  const value: unknown = doc.toJS();
  const errors = validate(value);
  if (errors.length) {
    // anyOf errors repeat once per alternative; keep one problem per path and key.
    const seen = new Set<string>();
    const problems = errors.map(schemaProblem).filter((p) => {
      const id = `${p.path} ${p.key}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
    return { problems };
  }
  const ruleSet = value as RuleSet;
  const problems: RuleProblem[] = [];
  const ids = new Set<string>();
  ruleSet.rules.forEach((rule, i) => {
    if (ids.has(rule.id)) problems.push({ path: `rules[${i}].id`, key: 'guide.rules.problem.duplicateId' });
    ids.add(rule.id);
  });
  ruleSet.rules.forEach((rule, i) => {
    rule.unless_fired?.forEach((ref, j) => {
      if (!ids.has(ref))
        problems.push({
          path: `rules[${i}].unless_fired[${j}]`,
          key: 'guide.rules.problem.unknownRule',
          params: { id: ref },
        });
    });
  });
  return problems.length ? { problems } : { ruleSet, problems };
}
