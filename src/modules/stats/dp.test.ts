import { describe, expect, it } from 'vitest';
import { aggregate, subsets, tableKey } from './cube.js';
import { budgetAllows, gaussian, gaussianSigma, noisePlan, noisyMarginals, rawNoisyCube } from './dp.js';
import { evaluate } from './evaluate.js';
import { microdataFrom, type Microdata } from './microdata.js';
import { seededRng } from './random.js';
import { synthesize } from './synthesis.js';

function sample(seed: string, rows: number): Microdata {
  const rng = seededRng(seed);
  const records: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const gender = rng.next() < 0.55 ? 'Female' : rng.next() < 0.9 ? 'Male' : '';
    const minor = rng.next() < 0.15 ? 'Minor' : 'Adult';
    const labour = gender === 'Male' ? (rng.next() < 0.8 ? '1' : '') : rng.next() < 0.3 ? '1' : '';
    const region = ['Africa', 'Asia', 'Europe', ''][rng.int(4)]!;
    records.push([gender, minor, labour, region]);
  }
  return microdataFrom(['gender', 'majorityStatus', 'isForcedLabour', 'region'], records);
}

describe('differential privacy', () => {
  it('calibrates σ by the analytic Gaussian mechanism: more budget, less noise; more contributions, more', () => {
    const s1 = gaussianSigma(1, 1e-6, 1);
    expect(s1).toBeGreaterThan(3);
    expect(s1).toBeLessThan(5.5);
    expect(gaussianSigma(2, 1e-6, 1)).toBeLessThan(s1);
    expect(gaussianSigma(1, 1e-6, 2)).toBeCloseTo(2 * s1, 6);
    // The classic bound σ = Δ √(2 ln(1.25/δ)) / ε is valid for ε < 1 and never tighter than the analytic one.
    const classic = Math.sqrt(2 * Math.log(1.25 / 1e-6)) / 0.5;
    expect(gaussianSigma(0.5, 1e-6, 1)).toBeLessThanOrEqual(classic);
  });

  it('spends the budget evenly over the lengths, with sensitivity √C(m, ℓ)', () => {
    const plan = noisePlan(4, { epsilon: 3, delta: 3e-6, reportingLength: 3 });
    expect(plan.map((p) => p.contributions)).toEqual([4, 6, 4]);
    for (const p of plan) {
      expect(p.epsilon).toBeCloseTo(1);
      expect(p.delta).toBeCloseTo(1e-6);
      expect(p.sigma).toBeCloseTo(gaussianSigma(1, 1e-6, Math.sqrt(p.contributions)), 9);
    }
  });

  it('adds noise with the stated variance (empirical variance over repeated seeded runs)', () => {
    const data = sample('variance', 300);
    const exact = aggregate(data, 2);
    const params = { epsilon: 2, delta: 1e-6, reportingLength: 2 };
    const deviations = new Map<number, number[]>();
    for (let run = 0; run < 60; run++) {
      const { cube, plan } = rawNoisyCube(data, { ...params, seed: `run-${run}` });
      for (const { length } of plan) {
        for (const dims of subsets(4, length)) {
          const noisy = cube.tables.get(tableKey(dims))!.counts;
          const truth = exact.tables.get(tableKey(dims))!.counts;
          const list = deviations.get(length) ?? [];
          noisy.forEach((v, i) => list.push(v - truth[i]!));
          deviations.set(length, list);
        }
      }
    }
    for (const { length, sigma } of noisePlan(4, params)) {
      const xs = deviations.get(length)!;
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      // n ≥ 600 draws: the sample variance is within ±20% of σ² with overwhelming probability.
      expect(xs.length).toBeGreaterThanOrEqual(600);
      expect(variance / sigma ** 2).toBeGreaterThan(0.8);
      expect(variance / sigma ** 2).toBeLessThan(1.2);
      expect(Math.abs(mean)).toBeLessThan((4 * sigma) / Math.sqrt(xs.length));
    }
  });

  it('is deterministic for a seed and different for another', () => {
    const data = sample('seed', 200);
    const params = { epsilon: 1, delta: 1e-6, reportingLength: 2 };
    const a = noisyMarginals(data, { ...params, seed: 'x' });
    const b = noisyMarginals(data, { ...params, seed: 'x' });
    const c = noisyMarginals(data, { ...params, seed: 'y' });
    expect([...a.cube.tables.get('0,1')!.counts]).toEqual([...b.cube.tables.get('0,1')!.counts]);
    expect([...a.cube.tables.get('0,1')!.counts]).not.toEqual([...c.cube.tables.get('0,1')!.counts]);
    expect(gaussian(seededRng(1))).toBe(gaussian(seededRng(1)));
  });

  it('refuses a release that would pass the budget', () => {
    const budget = { epsilon: 4, delta: 1e-5, spentEpsilon: 3, spentDelta: 0 };
    expect(budgetAllows(budget, 1, 1e-6)).toBe(true);
    expect(budgetAllows(budget, 1.5, 1e-6)).toBe(false);
    expect(budgetAllows(budget, 0.5, 2e-5)).toBe(false);
  });
});

describe('aggregate-seeded synthesis', () => {
  it('preserves the aggregates within the errors the utility report gives, and is reproducible', () => {
    const data = sample('synth', 5000);
    const params = { epsilon: 4, delta: 1e-6, reportingLength: 3, seed: 'synth' };
    const release = noisyMarginals(data, params);
    const synthetic = synthesize(release.cube, release.records, params.seed);
    expect(synthetic.rows).toBe(release.records);
    expect(Math.abs(synthetic.rows - data.rows)).toBeLessThan(4 * release.noise[0]!.sigma);
    const report = evaluate(data, synthetic, 3);
    // Recompute the one-attribute errors independently of the evaluator.
    const exact = aggregate(data, 1);
    const synth = aggregate(synthetic, 1);
    let abs = 0;
    let n = 0;
    for (let c = 0; c < 4; c++) {
      const x = exact.tables.get(String(c))!.counts;
      const y = synth.tables.get(String(c))!.counts;
      for (let v = 1; v < x.length; v++) {
        if (x[v]! > 0 || y[v]! > 0) {
          abs += Math.abs(y[v]! - x[v]!);
          n++;
        }
      }
    }
    expect(report.lengths[0]!.meanAbsoluteError).toBeCloseTo(abs / n, 9);
    // Single attributes are close: within a few noise σ (plus sampling) of the true counts.
    expect(report.lengths[0]!.meanAbsoluteError).toBeLessThan(4 * release.noise[0]!.sigma + 0.03 * data.rows);
    expect(report.lengths[0]!.meanProportionalError).toBeLessThan(0.15);
    expect(report.lengths[0]!.suppressedShare).toBe(0);
    const again = synthesize(release.cube, release.records, params.seed);
    expect([...again.codes[0]!]).toEqual([...synthetic.codes[0]!]);
  });
});
