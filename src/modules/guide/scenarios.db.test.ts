// The routing scenarios (test/scenarios.yaml) against the sample directory and the bundled rule set, through the
// service the public route and the API use. Each fixture names desks that must and must not appear, the top desk
// and order constraints; 112 and Meld Misdaad Anoniem must be in every result, and no result is ever empty.
import { readFileSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { parseAnswers } from './answers.js';
import type { Advice } from './service.js';

interface Scenario {
  name: string;
  answers: Record<string, unknown>;
  must?: string[];
  must_not?: string[];
  first?: string;
  before?: [string, string][];
  emergency?: boolean;
}

const scenarios = parse(
  readFileSync(new URL('./test/scenarios.yaml', import.meta.url), 'utf8'),
) as Scenario[];

/** Every broken expectation of a scenario (empty when the advice meets it). */
export function violations(scenario: Scenario, advice: Advice): string[] {
  const names = advice.desks.map((d) => d.record.name);
  const find = (part: string) => names.findIndex((n) => n.includes(part));
  const out: string[] = [];
  for (const m of scenario.must ?? []) if (find(m) < 0) out.push(`missing "${m}"`);
  for (const m of scenario.must_not ?? []) if (find(m) >= 0) out.push(`unwanted "${m}"`);
  if (scenario.first && !names[0]?.includes(scenario.first))
    out.push(`first is "${names[0]}", not "${scenario.first}"`);
  for (const [a, b] of scenario.before ?? []) {
    if (find(a) < 0 || (find(b) >= 0 && find(b) < find(a))) out.push(`"${a}" is not above "${b}"`);
  }
  if (scenario.emergency !== undefined && advice.emergency !== scenario.emergency) out.push('emergency flag');
  for (const always of ['112 Alarmnummer', 'Meld Misdaad Anoniem'])
    if (find(always) < 0) out.push(`missing "${always}"`);
  return out;
}

describeDb('routing scenarios', () => {
  const t = useTestApp();

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  it('has at least 40 scenarios covering each audience, form, minors, danger, every police unit, abroad and "don\'t know"', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(40);
    const all = scenarios.map((s) => parseAnswers(s.answers).answers);
    for (const audience of ['self', 'worried', 'professional', 'anonymous'])
      expect(
        all.some((a) => a.audience === audience),
        audience,
      ).toBe(true);
    for (const form of ['sexual', 'labour', 'criminal', 'other', 'unknown'])
      expect(
        all.some((a) => a.forms.includes(form as never)),
        form,
      ).toBe(true);
    expect(all.some((a) => a.minor === 'yes')).toBe(true);
    expect(all.some((a) => a.danger === 'yes')).toBe(true);
    expect(all.some((a) => a.municipality === 'abroad')).toBe(true);
    expect(
      all.some((a) => a.municipality === 'unknown' && a.minor === 'unknown' && a.danger === 'unknown'),
    ).toBe(true);
    const units = new Set<string>();
    return t.services.directory.regions().then((regions) => {
      for (const a of all)
        if (a.municipality?.startsWith('GM'))
          units.add(regions.municipality(a.municipality)!.policeUnit.code);
      expect(units.size).toBe(10);
    });
  });

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const { answers, problems } = parseAnswers(scenario.answers);
    expect(problems).toEqual([]);
    const advice = await t.services.guide.advise(answers);
    expect(advice.desks.length).toBeGreaterThan(0);
    expect(violations(scenario, advice)).toEqual([]);
  });

  it('catches a scenario whose expectation is wrong (the checker itself can fail)', async () => {
    const advice = await t.services.guide.advise(parseAnswers({ audience: 'self', form: 'labour' }).answers);
    expect(
      violations(
        { name: 'wrong', answers: {}, must: ['No such desk'], first: 'Nobody', must_not: ['FairWork'] },
        advice,
      ),
    ).toEqual(['missing "No such desk"', 'unwanted "FairWork"', expect.stringMatching(/^first is/)]);
  });
});
