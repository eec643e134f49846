// Aggregate-seeded synthesis (after Microsoft's synthetic-data-showcase): synthetic records are sampled from
// the noisy marginals alone, never from the records, so they carry the marginals' differential privacy.
// Each synthetic record gets one value per column (the missing category included), the columns in a random
// order. A value is drawn in proportion to the smallest remaining noisy count among the combinations it would
// form with the values already chosen, over every table of up to L columns that contains it; when the longest
// tables allow nothing (their small counts were noise-thresholded to zero), it backs off to shorter ones.
// When a record is emitted, every combination it contains is taken off the remaining counts, so the synthetic
// data set uses up the noisy counts the way the sensitive one filled them, until the noisy number of records.
// The sampling is seeded by a digest of the noisy marginals themselves: the same marginals give the same file,
// and nothing else (no chosen seed, nothing of the sensitive data) goes into it.
import { createHash } from 'node:crypto';
import { subsets, tableKey, type Cube, type Table } from './cube.js';
import { MicrodataBuilder, type Microdata } from './microdata.js';
import { seededRng } from './random.js';
import type { FabricationMode } from './choices.js';

/**
 * Every table of length 1..L of the noisy cube, flat for the sampling loop (it reads them millions of times: one
 * array of cells and integer index arrays, so the hot loops do no property look-ups and no per-table search).
 */
interface FlatTables {
  /**
   * Per cell, side by side: what remains of its noisy count (at 2i) and the noisy count itself (at 2i+1); the loop
   * reads both for every value it weighs, one memory access rather than two arrays. Table t starts at 2·offset[t].
   */
  cells: Int32Array;
  offset: Int32Array;
  /** strideOf[t·m + column]: table t's stride for that column (0 for a column not in it). */
  strideOf: Int32Array;
  /** Tables by their sorted columns: t1[a], t2[a·m+b], t3[(a·m+b)·m+c] with a < b < c. */
  t1: Int32Array;
  t2: Int32Array;
  t3: Int32Array;
}

function flatten(noisy: Cube, L: number): FlatTables {
  const m = noisy.columns.length;
  const tables: { dims: number[]; table: Table }[] = [];
  for (let length = 1; length <= L; length++)
    for (const dims of subsets(m, length)) tables.push({ dims, table: noisy.tables.get(tableKey(dims))! });
  const offset = new Int32Array(tables.length);
  const strideOf = new Int32Array(tables.length * m);
  const t1 = new Int32Array(m);
  const t2 = new Int32Array(m * m);
  const t3 = new Int32Array(L >= 3 ? m * m * m : 0);
  let size = 0;
  tables.forEach(({ dims, table }, t) => {
    offset[t] = size;
    size += table.counts.length;
    table.dims.forEach((d, i) => (strideOf[t * m + d] = table.strides[i]!));
    if (dims.length === 1) t1[dims[0]!] = t;
    else if (dims.length === 2) t2[dims[0]! * m + dims[1]!] = t;
    else t3[(dims[0]! * m + dims[1]!) * m + dims[2]!] = t;
  });
  // 32-bit integers: half the memory of doubles for the loop to read. The noisy counts are non-negative integers
  // (dp.ts); anything else is refused, not rounded.
  const cells = new Int32Array(2 * size);
  tables.forEach(({ table }, t) => {
    for (let i = 0; i < table.counts.length; i++) {
      const count = table.counts[i]!;
      if (!Number.isInteger(count) || count < 0 || count > 2 ** 31 - 1)
        throw new Error(`synthesize: a noisy count is not a non-negative 32-bit integer: ${count}`);
      cells[2 * (offset[t]! + i)] = table.counts[i]!;
      cells[2 * (offset[t]! + i) + 1] = table.counts[i]!;
    }
  });
  return { cells, offset, strideOf, t1, t2, t3 };
}

/** A digest of the noisy cube (every table's counts, in order, and the number of records). */
export function cubeDigest(noisy: Cube, records: number): string {
  const hash = createHash('sha256');
  hash.update(`${records}:${noisy.maxLength}:`);
  for (const [key, table] of [...noisy.tables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${key}:`);
    hash.update(new Uint8Array(table.counts.buffer, table.counts.byteOffset, table.counts.byteLength));
  }
  return hash.digest('hex');
}

export { FABRICATION_MODES, type FabricationMode } from './choices.js';

export interface SynthesisOptions {
  fabrication?: FabricationMode;
}

export function synthesize(noisy: Cube, records: number, options: SynthesisOptions = {}): Microdata {
  const minimize = (options.fabrication ?? 'minimize') === 'minimize';
  const { columns } = noisy;
  const L = Math.min(noisy.maxLength, 3);
  const m = columns.length;
  const rng = seededRng(cubeDigest(noisy, records));
  const { cells, offset, strideOf, t1, t2, t3 } = flatten(noisy, L);
  const builder = new MicrodataBuilder(columns.map((c) => c.name));
  const codes = new Int32Array(m);
  const order = Array.from({ length: m }, (_, i) => i);
  const width = Math.max(...columns.map((c) => c.values.length));
  // levels[ℓ-1][v]: the smallest remaining count over the tables of length ℓ.
  const levels = [new Float64Array(width), new Float64Array(width), new Float64Array(width)];
  const weights = new Float64Array(width);
  // present[v]: the smallest noisy count (not what remains of it) over the combinations v would form.
  const present = new Float64Array(width);
  const out = new Array<string>(m);

  /**
   * Lowers level[v] to the remaining counts of table t, where column c varies over its values v and the table's
   * other columns are fixed at `base` (their codes times their strides); `present` likewise to its noisy counts.
   */
  const consult = (t: number, base: number, c: number, level: Float64Array, radix: number) => {
    const step = 2 * strideOf[t * m + c]!;
    let at = 2 * (offset[t]! + base);
    if (minimize) {
      for (let v = 0; v < radix; v++, at += step) {
        const left = cells[at]!;
        const original = cells[at + 1]!;
        if (left < level[v]!) level[v] = left;
        if (original < present[v]!) present[v] = original;
      }
    } else {
      for (let v = 0; v < radix; v++, at += step) {
        const left = cells[at]!;
        if (left < level[v]!) level[v] = left;
      }
    }
  };
  const sorted2 = (a: number, b: number) => (a < b ? a * m + b : b * m + a);
  const sorted3 = (a: number, b: number, c: number) => {
    let x = a;
    let y = b;
    let z = c;
    let swap: number;
    if (x > y) {
      swap = x;
      x = y;
      y = swap;
    }
    if (y > z) {
      swap = y;
      y = z;
      z = swap;
    }
    if (x > y) {
      swap = x;
      x = y;
      y = swap;
    }
    return (x * m + y) * m + z;
  };

  for (let r = 0; r < records; r++) {
    for (let i = m - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const swap = order[i]!;
      order[i] = order[j]!;
      order[j] = swap;
    }
    for (let p = 0; p < m; p++) {
      const c = order[p]!;
      const radix = columns[c]!.values.length;
      for (const level of levels) level.fill(Infinity, 0, radix);
      present.fill(Infinity, 0, radix);
      consult(t1[c]!, 0, c, levels[0]!, radix);
      if (L >= 2)
        for (let i = 0; i < p; i++) {
          const a = order[i]!;
          const t = t2[sorted2(c, a)]!;
          consult(t, codes[a]! * strideOf[t * m + a]!, c, levels[1]!, radix);
        }
      if (L >= 3)
        for (let i = 0; i < p; i++) {
          const a = order[i]!;
          for (let j = i + 1; j < p; j++) {
            const b = order[j]!;
            const t = t3[sorted3(c, a, b)]!;
            consult(
              t,
              codes[a]! * strideOf[t * m + a]! + codes[b]! * strideOf[t * m + b]!,
              c,
              levels[2]!,
              radix,
            );
          }
        }
      // The longest level that still allows a value, capped by every shorter level.
      let sum = 0;
      for (let top = Math.min(L, p + 1); top >= 1 && sum <= 0; top--) {
        sum = 0;
        for (let v = 0; v < radix; v++) {
          let w = Infinity;
          for (let l = 0; l < top; l++) w = Math.min(w, levels[l]![v]!);
          // Minimize: a value whose combinations are not all in the marginals is never drawn (missing is).
          if (minimize && v > 0 && !(present[v]! > 0)) w = 0;
          weights[v] = w > 0 && Number.isFinite(w) ? w : 0;
          sum += weights[v]!;
        }
      }
      if (sum <= 0 && minimize) {
        // Nothing the marginals contain fits: the attribute stays empty rather than fabricate a combination.
        codes[c] = 0;
        continue;
      }
      if (sum <= 0) {
        // Even the column's own remaining counts are used up: draw from its noisy counts.
        const own = 2 * offset[t1[c]!]! + 1;
        for (let v = 0; v < radix; v++) {
          weights[v] = cells[own + 2 * v]!;
          sum += weights[v]!;
        }
      }
      let pick = 0;
      if (sum > 0) {
        let target = rng.next() * sum;
        for (pick = 0; pick < radix - 1; pick++) {
          target -= weights[pick]!;
          if (target < 0) break;
        }
        while (pick > 0 && weights[pick]! <= 0) pick--;
      }
      codes[c] = pick;
    }
    // Take the record's combinations off the remaining counts.
    for (let a = 0; a < m; a++) {
      let t = t1[a]!;
      cells[2 * (offset[t]! + codes[a]! * strideOf[t * m + a]!)]!--;
      for (let b = a + 1; b < m && L >= 2; b++) {
        t = t2[a * m + b]!;
        const ab = codes[a]! * strideOf[t * m + a]! + codes[b]! * strideOf[t * m + b]!;
        cells[2 * (offset[t]! + ab)]!--;
        for (let c = b + 1; c < m && L >= 3; c++) {
          t = t3[(a * m + b) * m + c]!;
          const abc =
            codes[a]! * strideOf[t * m + a]! +
            codes[b]! * strideOf[t * m + b]! +
            codes[c]! * strideOf[t * m + c]!;
          cells[2 * (offset[t]! + abc)]!--;
        }
      }
    }
    for (let c = 0; c < m; c++) out[c] = columns[c]!.values[codes[c]!]!;
    builder.add(out);
  }
  return builder.build();
}
