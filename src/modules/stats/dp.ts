// Differential privacy for a release: noisy marginal tables, calibrated to what one record can change.
//
// Every record has exactly one value (the missing category included) in every column, so for a length ℓ it
// falls in exactly one cell of each of the C(m, ℓ) tables over ℓ of the m columns: adding or removing a record
// changes C = C(m, ℓ) counts by 1 each, an L2 sensitivity of √C. Every cell of every table (zeros too, so the
// presence of a combination is not given away) gets Gaussian noise whose σ is set by the analytic Gaussian
// mechanism (Balle & Wang 2018) for that length's share of the budget: ε/L and δ/L each for lengths 1..L,
// which compose to (ε, δ). What follows (clamping, rounding, dropping counts below a threshold, synthesis) only
// post-processes the noisy tables, so the synthetic file carries the same (ε, δ) guarantee.
import { stringify } from 'csv-stringify/sync';
import { aggregate, subsets, tableKey, type Cube } from './cube.js';
import { collapse, type Microdata } from './microdata.js';
import { seededRng, type Rng } from './random.js';

export interface DpParams {
  epsilon: number;
  delta: number;
  reportingLength: number;
  seed: string;
}

export interface LengthNoise {
  length: number;
  epsilon: number;
  delta: number;
  /** Records per table: C(m, ℓ) tables, each record in one cell of each. */
  contributions: number;
  sigma: number;
  /** Noisy counts below this are published as 0 (post-processing). */
  threshold: number;
}

export interface NoisyRelease {
  /** The noisy cube: non-negative integers after post-processing. */
  cube: Cube;
  noise: LengthNoise[];
  /** The noisy number of records (mean of the one-column totals). */
  records: number;
}

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Complementary error function, fractional error below 1.2e-7 everywhere (Numerical Recipes erfcc). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

const phi = (x: number) => 0.5 * erfc(-x / Math.SQRT2);

/** The smallest σ for which N(0, σ²) noise on an L2-sensitivity-Δ query is (ε, δ)-DP (analytic Gaussian). */
export function gaussianSigma(epsilon: number, delta: number, sensitivity: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1)) throw new RangeError('need ε > 0 and 0 < δ < 1');
  const privacyLoss = (sigma: number) =>
    phi(sensitivity / (2 * sigma) - (epsilon * sigma) / sensitivity) -
    Math.exp(epsilon) * phi(-sensitivity / (2 * sigma) - (epsilon * sigma) / sensitivity);
  let lo = 1e-6 * sensitivity;
  let hi = sensitivity;
  while (privacyLoss(hi) > delta) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (privacyLoss(mid) > delta) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Standard normal by Box–Muller. */
export function gaussian(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** How the budget is spent per length (even split) and the noise that gives. */
export function noisePlan(columns: number, params: Omit<DpParams, 'seed'>): LengthNoise[] {
  const L = Math.min(params.reportingLength, columns);
  const plan: LengthNoise[] = [];
  for (let length = 1; length <= L; length++) {
    const epsilon = params.epsilon / L;
    const delta = params.delta / L;
    const contributions = binomial(columns, length);
    const sigma = gaussianSigma(epsilon, delta, Math.sqrt(contributions));
    // Dropping counts under 2σ keeps most noise on empty combinations from showing as fabricated ones.
    plan.push({ length, epsilon, delta, contributions, sigma, threshold: 2 * sigma });
  }
  return plan;
}

/**
 * The raw noisy cube (real numbers, before any post-processing): every cell of every table of length 1..L
 * plus Gaussian noise. Exposed for the tests that measure the noise.
 */
export function rawNoisyCube(data: Microdata, params: DpParams): { cube: Cube; plan: LengthNoise[] } {
  const plan = noisePlan(data.columns.length, params);
  const L = plan.length;
  const cube = aggregate(data, L, collapse(data));
  const rng = seededRng(params.seed);
  for (const { length, sigma } of plan) {
    for (const dims of subsets(data.columns.length, length)) {
      const counts = cube.tables.get(tableKey(dims))!.counts;
      for (let i = 0; i < counts.length; i++) counts[i]! += sigma * gaussian(rng);
    }
  }
  return { cube, plan };
}

/** The release's noisy marginals: noise, then clamp at zero, round, and drop counts under the threshold. */
export function noisyMarginals(data: Microdata, params: DpParams): NoisyRelease {
  const { cube, plan } = rawNoisyCube(data, params);
  for (const { length, threshold } of plan) {
    for (const dims of subsets(data.columns.length, length)) {
      const counts = cube.tables.get(tableKey(dims))!.counts;
      for (let i = 0; i < counts.length; i++) {
        const v = Math.round(counts[i]!);
        counts[i] = v < threshold ? 0 : v;
      }
    }
  }
  // The number of records: every column's cells sum to it; the mean of those noisy sums is the estimate.
  let sum = 0;
  for (let c = 0; c < data.columns.length; c++) {
    sum += cube.tables.get(String(c))!.counts.reduce((a, b) => a + b, 0);
  }
  const records = Math.max(0, Math.round(sum / data.columns.length));
  cube.tables.get('')!.counts[0] = records;
  return { cube: { ...cube, total: records }, noise: plan, records };
}

export interface Budget {
  epsilon: number;
  delta: number;
  spentEpsilon: number;
  spentDelta: number;
}

/** Releases compose by adding their ε and δ; one that would pass the data set's budget is refused. */
export function budgetAllows(budget: Budget, epsilon: number, delta: number): boolean {
  const slack = 1e-12;
  return (
    budget.spentEpsilon + epsilon <= budget.epsilon + slack &&
    budget.spentDelta + delta <= budget.delta + slack
  );
}

/** SDS's default δ, 1 / (n ln n), but never above 1e-5 (a tenth of the default budget): small data sets too. */
export function defaultDelta(records: number): number {
  const n = Math.max(records, 3);
  return Math.min(1 / (n * Math.log(n)), 1e-5);
}

/**
 * The noisy marginals as CSV, as SDS releases its aggregate data: one row per attribute combination (columns
 * not in the combination empty; missing values form no combinations) with its length and noisy count; the
 * first row is the noisy number of records.
 */
export function aggregatesCsv(release: NoisyRelease): string {
  const { cube } = release;
  const names = cube.columns.map((c) => c.name);
  const rows: (string | number)[][] = [
    [...names, 'length', 'count'],
    [...names.map(() => ''), 0, release.records],
  ];
  for (let length = 1; length <= cube.maxLength; length++) {
    for (const dims of subsets(names.length, length)) {
      const table = cube.tables.get(tableKey(dims))!;
      table.counts.forEach((count, cell) => {
        if (count <= 0) return;
        const codes = table.radices.map((r, i) => Math.floor(cell / table.strides[i]!) % r);
        if (codes.includes(0)) return;
        const row: (string | number)[] = names.map(() => '');
        dims.forEach((d, i) => (row[d] = cube.columns[d]!.values[codes[i]!]!));
        rows.push([...row, length, count]);
      });
    }
  }
  return stringify(rows);
}
