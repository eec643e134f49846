// A deterministic random source for tests that need the same noise twice (injected through the code only: the
// CLI, the API and the database have no way to choose the noise's randomness).
import { seededRng, sourceFromWords, type RandomSource } from '../random.js';

export function seededSource(seed: string): RandomSource {
  const rng = seededRng(seed);
  return sourceFromWords(() => Math.floor(rng.next() * 2 ** 32));
}
