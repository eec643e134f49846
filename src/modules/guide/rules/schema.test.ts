// The rule set is data a domain expert edits: the bundled file must be valid, and every kind of mistake must be
// reported with where it is, never half-accepted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULES_FILE } from '../service.js';
import { parseRuleSet } from './schema.js';

const bundled = readFileSync(BUNDLED_RULES_FILE, 'utf8');

describe('parseRuleSet', () => {
  it('accepts the bundled rule set', () => {
    const { ruleSet, problems } = parseRuleSet(bundled);
    expect(problems).toEqual([]);
    expect(ruleSet!.rules.length).toBeGreaterThan(20);
    expect(ruleSet!.emergency.phone).toBe('112');
  });

  it('reports broken YAML with its line', () => {
    const { ruleSet, problems } = parseRuleSet('name: x\nrules: [\n  - id: a\n');
    expect(ruleSet).toBeUndefined();
    expect(problems[0]).toMatchObject({
      key: 'guide.rules.problem.yaml',
      path: expect.stringMatching(/^line \d+$/),
    });
  });

  it('reports schema problems by path: unknown fields, wrong values, missing fields', () => {
    const source = bundled
      .replace('max_desks: 7', 'max_desks: 7\ncolour: blue')
      .replace('when: { danger: [yes] }', 'when: { danger: [perhaps] }')
      .replace('    score: 1000\n', '');
    const { ruleSet, problems } = parseRuleSet(source);
    expect(ruleSet).toBeUndefined();
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'colour', key: 'guide.rules.problem.unknownField' },
        expect.objectContaining({ path: 'rules[1].when.danger[0]', key: 'guide.rules.problem.value' }),
        { path: 'rules[1].score', key: 'guide.rules.problem.required' },
      ]),
    );
  });

  it('refuses duplicate rule ids and fallbacks that name a rule that does not exist', () => {
    const source = bundled
      .replace('id: acute-danger', 'id: always-112')
      .replace(
        'unless_fired: [care-coordinator, care-coordinator-professional]',
        'unless_fired: [no-such-rule]',
      );
    const { problems } = parseRuleSet(source);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'rules[1].id', key: 'guide.rules.problem.duplicateId' },
        expect.objectContaining({ key: 'guide.rules.problem.unknownRule', params: { id: 'no-such-rule' } }),
      ]),
    );
  });

  it('requires English for every localised text (the fallback of every language)', () => {
    const source = bundled.replace('    en: Call 112 if someone is in danger right now.\n', '');
    expect(parseRuleSet(source).problems).toEqual([
      { path: 'emergency.label.en', key: 'guide.rules.problem.required' },
    ]);
  });
});
