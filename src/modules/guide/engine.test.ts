// The routing engine on hand-made desks: conditions (any value within a key, all keys), selectors, eligibility
// by age, audience and form, fallbacks, exclusions, ranking, the desk limit and "always", never empty.
import { describe, expect, it } from 'vitest';
import type { ServiceRecord, TaxonomyTerm } from '../directory/index.js';
import type { Answers } from './answers.js';
import { evaluate, matchCondition, type Candidate } from './engine.js';
import type { RuleSet } from './rules/schema.js';

const TERMS: TaxonomyTerm[] = [
  ['need', 'acute_danger'],
  ['need', 'police_report'],
  ['need', 'talk_help_care'],
  ['need', 'shelter'],
  ['desk_type', 'police'],
  ['desk_type', 'care'],
  ['desk_type', 'helpline'],
  ['audience', 'victim'],
  ['audience', 'minor'],
  ['audience', 'professional'],
  ['exploitation_form', 'labour'],
  ['exploitation_form', 'sexual'],
].map(([taxonomy, code]) => ({
  id: `${taxonomy}:${code}`,
  taxonomy: taxonomy as TaxonomyTerm['taxonomy'],
  code: code!,
  name_nl: code!,
  name_en: code!,
  parent_id: null,
}));
const terms = new Map(TERMS.map((t) => [t.id, t]));

function desk(name: string, termIds: string[], extra: Partial<ServiceRecord> = {}): ServiceRecord {
  return {
    id: name,
    name,
    taxonomy_term_ids: termIds,
    minimum_age: null,
    maximum_age: null,
    ...extra,
  } as ServiceRecord;
}

const emergency = desk('112', ['need:acute_danger', 'desk_type:police']);
const police = desk('police', [
  'need:police_report',
  'desk_type:police',
  'audience:victim',
  'exploitation_form:sexual',
]);
const regionalCare = desk('care-region', ['need:shelter', 'desk_type:care', 'audience:victim']);
const nationalCare = desk('care-national', ['need:shelter', 'desk_type:care', 'audience:victim']);
const adultsOnly = desk('adults', ['need:shelter', 'audience:victim'], { minimum_age: 18 });
const childrenOnly = desk('children', ['need:talk_help_care', 'audience:minor', 'audience:professional']);
const labourOnly = desk('labour', ['need:talk_help_care', 'desk_type:helpline', 'exploitation_form:labour']);

const at = (record: ServiceRecord, via: Candidate['via'] = 'country'): Candidate => ({ record, via });
const answers = (a: Partial<Answers>): Answers => ({ forms: [], needs: [], ...a });

const base: Omit<RuleSet, 'rules'> = {
  name: 'test',
  max_desks: 3,
  require_form_match: true,
  audience_terms: {
    self: ['victim', 'minor'],
    worried: ['victim'],
    professional: ['professional'],
    anonymous: ['victim'],
  },
  emergency: { phone: '112', label: { en: 'Call 112' } },
};

describe('matchCondition', () => {
  it('matches any value within a key and needs every key; unanswered counts as unknown', () => {
    expect(
      matchCondition(
        { form: ['labour', 'sexual'], minor: ['yes'] },
        answers({ forms: ['sexual'], minor: 'yes' }),
      ),
    ).toEqual([
      { key: 'form', value: 'sexual' },
      { key: 'minor', value: 'yes' },
    ]);
    expect(
      matchCondition({ form: ['labour'], minor: ['yes'] }, answers({ forms: ['labour'], minor: 'no' })),
    ).toBeUndefined();
    expect(matchCondition({ minor: ['unknown'], form: ['unknown'] }, answers({}))).toHaveLength(2);
    expect(matchCondition({ need: ['talk'] }, answers({}))).toBeUndefined();
    expect(matchCondition(undefined, answers({}))).toEqual([]);
  });
});

describe('evaluate', () => {
  it('ranks by score, keeps "always" desks beyond the limit, and says why', () => {
    const ruleSet: RuleSet = {
      ...base,
      max_desks: 1,
      rules: [
        { id: 'always-112', description: 'x', select: { need: ['acute_danger'] }, score: 1, always: true },
        {
          id: 'report',
          description: 'x',
          when: { need: ['police'] },
          select: { desk_type: ['police'], need: ['police_report'] },
          score: 50,
        },
        { id: 'care', description: 'x', select: { desk_type: ['care'] }, score: 10 },
      ],
    };
    const result = evaluate(
      ruleSet,
      answers({ needs: ['police'] }),
      [at(emergency), at(police), at(nationalCare)],
      terms,
    );
    expect(result.desks.map((d) => [d.record.name, d.rank, d.score])).toEqual([
      ['police', 1, 50],
      ['112', 2, 1],
    ]);
    expect(result.desks[0]!.hits[0]!.matched).toEqual([{ key: 'need', value: 'police' }]);
    expect(result.emergency).toBe(false);
  });

  it('prefers the more local desk on equal scores', () => {
    const ruleSet: RuleSet = {
      ...base,
      rules: [{ id: 'care', description: 'x', select: { desk_type: ['care'] }, score: 10 }],
    };
    const result = evaluate(
      ruleSet,
      answers({}),
      [at(nationalCare), at(regionalCare, 'safety_region')],
      terms,
    );
    expect(result.desks.map((d) => d.record.name)).toEqual(['care-region', 'care-national']);
  });

  it('runs a fallback only when the rules it names selected nothing', () => {
    const ruleSet: RuleSet = {
      ...base,
      rules: [
        {
          id: 'fallback',
          description: 'x',
          unless_fired: ['regional'],
          select: { desk_type: ['care'], need: ['shelter'] },
          score: 5,
        },
        {
          id: 'regional',
          description: 'x',
          select: { desk_type: ['care'], coverage: ['safety_region'] },
          score: 40,
        },
      ],
    };
    const withRegion = evaluate(
      ruleSet,
      answers({}),
      [at(regionalCare, 'safety_region'), at(nationalCare)],
      terms,
    );
    expect(withRegion.desks.map((d) => d.record.name)).toEqual(['care-region']);
    const without = evaluate(ruleSet, answers({}), [at(nationalCare)], terms);
    expect(without.desks.map((d) => d.record.name)).toEqual(['care-national']);
  });

  it('leaves out desks by age, audience and form, and removes excluded desks', () => {
    const ruleSet: RuleSet = {
      ...base,
      max_desks: 10,
      rules: [
        {
          id: 'all',
          description: 'x',
          select: { need: ['shelter', 'talk_help_care', 'police_report'] },
          score: 10,
        },
        {
          id: 'no-police',
          description: 'x',
          when: { form: ['labour'] },
          select: { desk_type: ['police'] },
          score: 0,
          exclude: true,
        },
      ],
    };
    const pool = [at(adultsOnly), at(childrenOnly), at(labourOnly), at(police)];
    const names = (a: Partial<Answers>) =>
      evaluate(ruleSet, answers(a), pool, terms)
        .desks.map((d) => d.record.name)
        .sort();
    expect(names({ audience: 'self', minor: 'yes' })).toEqual(['children', 'labour', 'police']);
    expect(names({ audience: 'self', minor: 'no' })).toEqual(['adults', 'labour', 'police']);
    expect(names({ audience: 'professional' })).toEqual(['children', 'labour']);
    expect(names({ forms: ['sexual'] })).toEqual(['adults', 'children', 'police']);
    expect(names({ forms: ['labour'] })).toEqual(['adults', 'children', 'labour']);
  });

  it('is never silently empty: no desk at all sets the emergency number', () => {
    const ruleSet: RuleSet = {
      ...base,
      rules: [{ id: 'x', description: 'x', select: { desk_type: ['care'] }, score: 1 }],
    };
    const result = evaluate(ruleSet, answers({}), [], terms);
    expect(result.desks).toEqual([]);
    expect(result.emergency).toBe(true);
  });
});
