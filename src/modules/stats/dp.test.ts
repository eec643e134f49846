import { describe, expect, it } from 'vitest';
import { aggregate, subsets, tableKey } from './cube.js';
import {
  budgetAllows,
  cdpDelta,
  cdpEpsilon,
  cdpRho,
  noisePlan,
  noisyMarginals,
  rawNoisyCube,
  remainingEpsilon,
} from './dp.js';
import { evaluate } from './evaluate.js';
import { microdataFrom, type Microdata } from './microdata.js';
import { seededRng } from './random.js';
import { discreteGaussian } from './sampler.js';
import { synthesize } from './synthesis.js';
import { seededSource } from './test/random.js';

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
  it('converts zCDP to (ε, δ) as Canonne, Kamath & Steinke do, both ways', () => {
    // cdp2adp's own examples: cdp_eps(0.025, 1e-6) ≈ 1.0, cdp_rho(1, 1e-6) ≈ 0.025.
    expect(cdpEpsilon(0.025, 1e-6)).toBeGreaterThan(0.95);
    expect(cdpEpsilon(0.025, 1e-6)).toBeLessThan(1.05);
    const rho = cdpRho(1, 1e-6);
    expect(rho).toBeGreaterThan(0.02);
    expect(rho).toBeLessThan(0.03);
    expect(cdpDelta(rho, 1)).toBeLessThanOrEqual(1e-6 * (1 + 1e-9));
    expect(cdpEpsilon(rho, 1e-6)).toBeCloseTo(1, 6);
    // Tighter than the standard bound ε = ρ + 2√(ρ ln 1/δ).
    expect(cdpEpsilon(rho, 1e-6)).toBeLessThan(rho + 2 * Math.sqrt(rho * Math.log(1e6)));
  });

  it('spends ρ evenly over the lengths, with σ² = C(m, ℓ) / (2ρ_ℓ) rounded up', () => {
    const plan = noisePlan(4, { rho: 0.3, reportingLength: 3 });
    expect(plan.map((p) => p.contributions)).toEqual([4, 6, 4]);
    for (const p of plan) {
      expect(p.rho).toBeLessThanOrEqual(0.1);
      expect(p.rho).toBeGreaterThan(0.1 * (1 - 1e-3));
      expect(p.sigma ** 2).toBeGreaterThanOrEqual(p.contributions / 0.2);
    }
  });

  it('adds discrete Gaussian noise with the stated variance, integers only (injected source)', () => {
    const data = sample('variance', 300);
    const exact = aggregate(data, 2);
    const params = { rho: 0.05, reportingLength: 2 };
    const deviations = new Map<number, number[]>();
    const random = seededSource('variance');
    for (let run = 0; run < 60; run++) {
      const { cube, plan } = rawNoisyCube(data, params, random);
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
      expect(xs.every((x) => Number.isInteger(x))).toBe(true);
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      // n ≥ 600 draws: the sample variance is within ±20% of σ² with overwhelming probability.
      expect(xs.length).toBeGreaterThanOrEqual(600);
      expect(variance / sigma ** 2).toBeGreaterThan(0.8);
      expect(variance / sigma ** 2).toBeLessThan(1.2);
      expect(Math.abs(mean)).toBeLessThan((4 * sigma) / Math.sqrt(xs.length));
    }
  });

  it('samples N_ℤ(0, σ²) exactly: frequencies match the discrete Gaussian probabilities', () => {
    const random = seededSource('exact');
    const sigma2 = { n: 9n * 1024n, d: 1024n }; // σ = 3
    const counts = new Map<number, number>();
    const n = 40000;
    for (let i = 0; i < n; i++) {
      const y = Number(discreteGaussian(random, sigma2));
      counts.set(y, (counts.get(y) ?? 0) + 1);
    }
    let norm = 0;
    for (let y = -60; y <= 60; y++) norm += Math.exp(-(y * y) / 18);
    for (const y of [0, 1, -1, 3, -3, 6]) {
      const p = Math.exp(-(y * y) / 18) / norm;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs((counts.get(y) ?? 0) - n * p)).toBeLessThan(5 * sd);
    }
  });

  it('attack: two releases with identical arguments differ in their noise (node:crypto, no seed)', () => {
    const data = sample('seed', 200);
    const params = { rho: cdpRho(1, 1e-6), reportingLength: 2 };
    const a = rawNoisyCube(data, params);
    const b = rawNoisyCube(data, params);
    // 30 two-column cells, each with σ > 5: equal noise everywhere would be a replayed source.
    expect([...a.cube.tables.get('0,1')!.counts]).not.toEqual([...b.cube.tables.get('0,1')!.counts]);
    expect([...a.cube.tables.get('2')!.counts]).not.toEqual([...b.cube.tables.get('2')!.counts]);
    // The same injected test source replays, so the difference above comes from the default source.
    const c = rawNoisyCube(data, params, seededSource('x'));
    const d = rawNoisyCube(data, params, seededSource('x'));
    expect([...c.cube.tables.get('0,1')!.counts]).toEqual([...d.cube.tables.get('0,1')!.counts]);
  });

  it('has no naive floating-point noise left to call', async () => {
    const dp = await import('./dp.js');
    const random = await import('./random.js');
    expect('laplace' in random).toBe(false);
    expect('gaussian' in dp).toBe(false);
  });

  it('refuses a release that would pass the budget', () => {
    const budget = { rho: 0.4, spentRho: 0.3 };
    expect(budgetAllows(budget, 0.1)).toBe(true);
    expect(budgetAllows(budget, 0.11)).toBe(false);
    expect(remainingEpsilon(budget, 1e-6)).toBeCloseTo(cdpEpsilon(0.1, 1e-6), 9);
    expect(remainingEpsilon({ rho: 0.3, spentRho: 0.3 }, 1e-6)).toBe(0);
  });
});

describe('aggregate-seeded synthesis', () => {
  it('preserves the aggregates within the errors the utility report gives, reproducible from the marginals', () => {
    const data = sample('synth', 5000);
    const params = { rho: cdpRho(4, 1e-6), reportingLength: 3 };
    const release = noisyMarginals(data, params, seededSource('synth'));
    const synthetic = synthesize(release.cube, release.records);
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
    // Reproducible from the noisy marginals alone (their digest seeds the sampling), nothing else.
    const again = synthesize(release.cube, release.records);
    expect([...again.codes[0]!]).toEqual([...synthetic.codes[0]!]);
  });
});
