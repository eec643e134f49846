// Differential privacy for a release: noisy marginal tables, calibrated to what one record can change, and
// accounted in zero-concentrated DP (zCDP, Bun & Steinke 2016).
//
// Every record has exactly one value (the missing category included) in every column, so for a length ℓ it
// falls in exactly one cell of each of the C(m, ℓ) tables over ℓ of the m columns: adding or removing a record
// changes C = C(m, ℓ) counts by 1 each, an L2 sensitivity of √C. Every cell of every table (zeros too, so the
// presence of a combination is not given away) gets discrete Gaussian noise N_ℤ(0, σ²) drawn exactly from a
// cryptographic source (sampler.ts); with σ² = C / (2ρ_ℓ) that is ρ_ℓ-zCDP (Canonne, Kamath & Steinke 2020,
// Theorem 14). A release of ρ spends ρ/L on each length 1..L; releases of one data set add up in ρ, and a total
// ρ is shown as the (ε, δ) it implies (their Corollary 13). What follows (clamping, dropping counts below a
// threshold, synthesis) only post-processes the noisy tables, so the synthetic file carries the same guarantee.
import { aggregate, subsets, tableKey, type Cube } from './cube.js';
import { csvText } from '../../platform/csv.js';
import { collapse, type Microdata } from './microdata.js';
import { cryptoSource, type RandomSource } from './random.js';
import { discreteGaussian, rationalSigma2 } from './sampler.js';

export interface DpParams {
  /** The zCDP cost of the release. */
  rho: number;
  reportingLength: number;
  /**
   * Noisy counts below thresholds[ℓ−1] × σ_ℓ are published as 0 (post-processing); default DEFAULT_THRESHOLDS.
   * Higher thresholds for longer combinations keep noise on empty and rare combinations from becoming
   * fabricated or leaked ones (as SDS's per-length thresholds).
   */
  thresholds?: number[];
}

/**
 * Per length, in units of that length's σ: 2σ for single values and pairs, 3σ for triples. On the CTDC file at
 * ε = 4 (σ ≈ 49 for triples) 3σ instead of 2σ for triples copied about 95 instead of about 160 unique records
 * verbatim, for 59% instead of 53% of the true triples missing from the synthetic file (leakage ~0 either way).
 */
export const DEFAULT_THRESHOLDS: readonly number[] = [2, 2, 3];

export interface LengthNoise {
  length: number;
  /** This length's share of the release's ρ (after σ² is rounded up, never more than its share). */
  rho: number;
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

// ---- zCDP ↔ (ε, δ) (Canonne, Kamath & Steinke 2020, Corollary 13; as their cdp2adp) ------------------------

/** The smallest δ for which ρ-zCDP implies (ε, δ)-DP. */
export function cdpDelta(rho: number, epsilon: number): number {
  if (rho <= 0) return 0;
  let lo = 1.01;
  let hi = (epsilon + 1) / (2 * rho) + 2;
  let alpha = lo;
  for (let i = 0; i < 200; i++) {
    alpha = (lo + hi) / 2;
    const derivative = (2 * alpha - 1) * rho - epsilon + Math.log1p(-1 / alpha);
    if (derivative < 0) lo = alpha;
    else hi = alpha;
  }
  const delta =
    Math.exp((alpha - 1) * (alpha * rho - epsilon) + alpha * Math.log1p(-1 / alpha)) / (alpha - 1);
  return Math.min(delta, 1);
}

/** The smallest ε for which ρ-zCDP implies (ε, δ)-DP. */
export function cdpEpsilon(rho: number, delta: number): number {
  if (rho <= 0 || delta >= 1) return 0;
  let lo = 0;
  let hi = rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdpDelta(rho, mid) <= delta) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The largest ρ whose zCDP implies (ε, δ)-DP. */
export function cdpRho(epsilon: number, delta: number): number {
  if (!(epsilon > 0) || !(delta > 0 && delta < 1)) throw new RangeError('need ε > 0 and 0 < δ < 1');
  let lo = 0;
  let hi = epsilon + 1;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdpDelta(mid, epsilon) <= delta) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** How the release's ρ is spent per length (even split) and the noise that gives. */
export function noisePlan(columns: number, params: DpParams): LengthNoise[] {
  if (!(params.rho > 0 && Number.isFinite(params.rho))) throw new RangeError('need ρ > 0');
  const L = Math.min(params.reportingLength, columns);
  const thresholds = params.thresholds ?? DEFAULT_THRESHOLDS;
  const plan: LengthNoise[] = [];
  for (let length = 1; length <= L; length++) {
    const contributions = binomial(columns, length);
    const sigma2 = rationalSigma2(contributions / (2 * (params.rho / L)));
    const exact = Number(sigma2.n) / Number(sigma2.d);
    const sigma = Math.sqrt(exact);
    const factor = thresholds[length - 1] ?? thresholds[thresholds.length - 1] ?? 2;
    plan.push({ length, rho: contributions / (2 * exact), contributions, sigma, threshold: factor * sigma });
  }
  return plan;
}

/**
 * The raw noisy cube (integers, before any post-processing): every cell of every table of length 1..L plus
 * discrete Gaussian noise. `random` is node:crypto unless a test passes its own source.
 */
export function rawNoisyCube(
  data: Microdata,
  params: DpParams,
  random: RandomSource = cryptoSource(),
): { cube: Cube; plan: LengthNoise[] } {
  const plan = noisePlan(data.columns.length, params);
  const L = plan.length;
  const cube = aggregate(data, L, collapse(data));
  for (const { length, contributions } of plan) {
    const sigma2 = rationalSigma2(contributions / (2 * (params.rho / L)));
    for (const dims of subsets(data.columns.length, length)) {
      const counts = cube.tables.get(tableKey(dims))!.counts;
      for (let i = 0; i < counts.length; i++) counts[i]! += Number(discreteGaussian(random, sigma2));
    }
  }
  return { cube, plan };
}

/** The release's noisy marginals: noise, then clamp at zero and drop counts under the length's threshold. */
export function noisyMarginals(
  data: Microdata,
  params: DpParams,
  random: RandomSource = cryptoSource(),
): NoisyRelease {
  return postProcess(rawNoisyCube(data, params, random));
}

/**
 * Post-processing of the raw noisy cube (no access to the data): clamp at zero, drop counts under the length's
 * threshold, and estimate the number of records from the one-column tables.
 */
export function postProcess(raw: { cube: Cube; plan: LengthNoise[] }): NoisyRelease {
  const { cube, plan } = raw;
  const m = cube.columns.length;
  for (const { length, threshold } of plan) {
    for (const dims of subsets(m, length)) {
      const counts = cube.tables.get(tableKey(dims))!.counts;
      for (let i = 0; i < counts.length; i++) {
        const v = counts[i]!;
        counts[i] = v < threshold ? 0 : v;
      }
    }
  }
  // The number of records: every column's cells sum to it; the mean of those noisy sums is the estimate.
  let sum = 0;
  for (let c = 0; c < m; c++) {
    sum += cube.tables.get(String(c))!.counts.reduce((a, b) => a + b, 0);
  }
  const records = Math.max(0, Math.round(sum / m));
  cube.tables.get('')!.counts[0] = records;
  return { cube: { ...cube, total: records }, noise: plan, records };
}

export interface Budget {
  /** The ceiling an administrator set, in ρ. */
  rho: number;
  spentRho: number;
}

/** Releases compose by adding their ρ; one that would pass the data set's ceiling is refused. */
export function budgetAllows(budget: Budget, rho: number): boolean {
  return budget.spentRho + rho <= budget.rho * (1 + 1e-12);
}

/** The largest ε a release at δ can still have within the budget (0 when nothing is left). */
export function remainingEpsilon(budget: Budget, delta: number): number {
  const left = budget.rho - budget.spentRho;
  return left > 1e-15 ? cdpEpsilon(left, delta) : 0;
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
  return csvText(rows);
}
