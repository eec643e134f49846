// Exact samplers for integer noise (Canonne, Kamath & Steinke 2020, "The Discrete Gaussian for Differential
// Privacy", Algorithms 1–3): Bernoulli(exp(−x)), the discrete Laplace and the discrete Gaussian, over rational
// parameters in BigInt arithmetic and uniform integers from a `RandomSource`. No floating-point number is ever
// sampled or rounded, so the attacks on floating-point noise (Mironov 2012: gaps and the low bits of doubles)
// have nothing to work on: every integer has exactly the probability the mechanism's proof assumes.
import type { RandomSource } from './random.js';

/** A non-negative rational n/d (d > 0). */
export interface Rational {
  n: bigint;
  d: bigint;
}

function bernoulli(random: RandomSource, n: bigint, d: bigint): boolean {
  return random.belowBig(d) < n;
}

/** Bernoulli(exp(−n/d)) for 0 ≤ n/d ≤ 1. */
function bernoulliExp1(random: RandomSource, n: bigint, d: bigint): boolean {
  let k = 1n;
  while (bernoulli(random, n, d * k)) k++;
  return k % 2n === 1n;
}

/** Bernoulli(exp(−n/d)) for n/d ≥ 0. */
export function bernoulliExp(random: RandomSource, n: bigint, d: bigint): boolean {
  while (n > d) {
    if (!bernoulliExp1(random, 1n, 1n)) return false;
    n -= d;
  }
  return bernoulliExp1(random, n, d);
}

/** Geometric: P[k] = (1 − e^(−s/t)) e^(−k s/t), k ≥ 0. */
function geometricExp(random: RandomSource, s: bigint, t: bigint): bigint {
  let u: bigint;
  do u = random.belowBig(t);
  while (!bernoulliExp(random, u, t));
  let v = 0n;
  while (bernoulliExp1(random, 1n, 1n)) v++;
  return (v * t + u) / s;
}

/** Discrete Laplace with scale a/b: P[y] ∝ exp(−|y| b/a), y ∈ ℤ. */
export function discreteLaplace(random: RandomSource, scale: Rational): bigint {
  for (;;) {
    const negative = bernoulli(random, 1n, 2n);
    const magnitude = geometricExp(random, scale.d, scale.n);
    if (negative && magnitude === 0n) continue;
    return negative ? -magnitude : magnitude;
  }
}

function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = BigInt(Math.floor(Math.sqrt(Number(x))));
  while (r * r > x) r--;
  while ((r + 1n) * (r + 1n) <= x) r++;
  return r;
}

/** Discrete Gaussian N_ℤ(0, σ²) with σ² = a/b: P[y] ∝ exp(−y² / (2σ²)), y ∈ ℤ. */
export function discreteGaussian(random: RandomSource, sigma2: Rational): bigint {
  const { n: a, d: b } = sigma2;
  if (!(a > 0n && b > 0n)) throw new RangeError('σ² must be positive');
  const t = isqrt(a / b) + 1n;
  for (;;) {
    const y = discreteLaplace(random, { n: t, d: 1n });
    const abs = y < 0n ? -y : y;
    // ((|y| − σ²/t)²) / (2σ²) = (|y|·b·t − a)² / (2·a·b·t²)
    const diff = abs * b * t - a;
    if (bernoulliExp(random, diff * diff, 2n * a * b * t * t)) return y;
  }
}

/** The denominator σ² is rounded up to: σ² only grows (more noise, never less privacy). */
export const SIGMA2_DENOMINATOR = 1024n;

/** σ² as a rational, rounded up to a multiple of 1/1024. */
export function rationalSigma2(sigma2: number): Rational {
  if (!(sigma2 > 0 && Number.isFinite(sigma2))) throw new RangeError('σ² must be positive and finite');
  return { n: BigInt(Math.ceil(sigma2 * 1024)), d: SIGMA2_DENOMINATOR };
}
