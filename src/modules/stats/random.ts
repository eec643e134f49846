// Randomness for the data hub, of two kinds that never mix:
// - `RandomSource`: uniform integers for the differential-privacy noise. In production only `cryptoSource()`
//   (node:crypto); nothing chosen by a person (no option, column or file) can steer or replay it. Tests that need
//   determinism pass their own source through the code (`test/random.ts`), never through the CLI, API or DB.
// - `seededRng` (sfc32 from a string hash): for sampling synthetic records from the already-noisy marginals (its
//   seed is a digest of those marginals, so the file can be reproduced from what is public anyway), and for
//   generating test data. Never for noise.
import { randomFillSync } from 'node:crypto';

export interface RandomSource {
  /** A uniform integer in [0, n), for 1 ≤ n ≤ 2^48. */
  below(n: number): number;
  /** A uniform integer in [0, n), for n ≥ 1. */
  belowBig(n: bigint): bigint;
}

/**
 * Uniform integers from node:crypto (the system CSPRNG), by rejection sampling (no modulo bias), read from a
 * buffer refilled with randomFillSync.
 */
export function cryptoSource(): RandomSource {
  const pool = new Uint32Array(4096);
  let at = pool.length;
  const word = (): number => {
    if (at === pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    return pool[at++]!;
  };
  return sourceFromWords(word);
}

/** A source from a stream of uniform 32-bit words (exposed for the tests' deterministic sources). */
export function sourceFromWords(word: () => number): RandomSource {
  const below = (n: number): number => {
    if (!(Number.isInteger(n) && n >= 1 && n <= 2 ** 48)) throw new RangeError(`below(${n})`);
    if (n <= 2 ** 32) {
      // The largest multiple of n that fits in 32 bits: words at or above it are rejected.
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const w = word();
        if (w < limit) return w % n;
      }
    }
    const limit = 2 ** 48 - (2 ** 48 % n);
    for (;;) {
      const w = (word() & 0xffff) * 2 ** 32 + word();
      if (w < limit) return w % n;
    }
  };
  const belowBig = (n: bigint): bigint => {
    if (n < 1n) throw new RangeError('belowBig(n < 1)');
    if (n <= 2n ** 48n) return BigInt(below(Number(n)));
    const bits = n.toString(2).length;
    const words = Math.ceil(bits / 32);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let w = 0n;
      for (let i = 0; i < words; i++) w = (w << 32n) | BigInt(word());
      w &= mask;
      if (w < n) return w;
    }
  };
  return { below, belowBig };
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

function hashSeed(seed: string): [number, number, number, number] {
  // cyrb128: four 32-bit words from a string.
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

export function seededRng(seed: string | number): Rng {
  let [a, b, c, d] = hashSeed(String(seed));
  const next32 = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 15; i++) next32();
  const rng: Rng = {
    // 53 random bits.
    next: () => (next32() * 2 ** 21 + (next32() >>> 11)) / 2 ** 53,
    int: (n) => Math.floor(rng.next() * n),
  };
  return rng;
}
