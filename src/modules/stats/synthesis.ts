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

interface TableRef {
  table: Table;
  remaining: Float64Array;
  /** The table's columns and strides as typed arrays (the hot loops read them millions of times). */
  dims: Int32Array;
  strides: Int32Array;
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
  const all: TableRef[] = [];
  // Tables by their sorted columns: t1[a], t2[a*m+b], t3[(a*m+b)*m+c] with a < b < c.
  // Dense index arrays (a sparse JS array would fall back to slow dictionary lookups).
  const t1 = new Int32Array(m);
  const t2 = new Int32Array(m * m);
  const t3 = new Int32Array(L >= 3 ? m * m * m : 0);
  for (let length = 1; length <= L; length++) {
    for (const dims of subsets(m, length)) {
      const table = noisy.tables.get(tableKey(dims))!;
      const ref: TableRef = {
        table,
        remaining: Float64Array.from(table.counts),
        dims: Int32Array.from(table.dims),
        strides: Int32Array.from(table.strides),
      };
      if (length === 1) t1[dims[0]!] = all.length;
      else if (length === 2) t2[dims[0]! * m + dims[1]!] = all.length;
      else t3[(dims[0]! * m + dims[1]!) * m + dims[2]!] = all.length;
      all.push(ref);
    }
  }
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

  /** Lowers level[v] to the remaining counts of `ref`, with `c` varying and the other columns fixed. */
  const consult = (ref: TableRef, c: number, level: Float64Array, radix: number) => {
    const { dims, strides } = ref;
    let base = 0;
    let stride = 0;
    for (let i = 0; i < dims.length; i++) {
      const d = dims[i]!;
      if (d === c) stride = strides[i]!;
      else base += codes[d]! * strides[i]!;
    }
    const left = ref.remaining;
    for (let v = 0; v < radix; v++) {
      const x = left[base + v * stride]!;
      if (x < level[v]!) level[v] = x;
    }
    if (minimize) {
      const original = ref.table.counts;
      for (let v = 0; v < radix; v++) {
        const x = original[base + v * stride]!;
        if (x < present[v]!) present[v] = x;
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
      consult(all[t1[c]!]!, c, levels[0]!, radix);
      if (L >= 2) for (let i = 0; i < p; i++) consult(all[t2[sorted2(c, order[i]!)]!]!, c, levels[1]!, radix);
      if (L >= 3)
        for (let i = 0; i < p; i++)
          for (let j = i + 1; j < p; j++)
            consult(all[t3[sorted3(c, order[i]!, order[j]!)]!]!, c, levels[2]!, radix);
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
        const own = all[t1[c]!]!.table.counts;
        for (let v = 0; v < radix; v++) {
          weights[v] = own[v]!;
          sum += own[v]!;
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
    for (let t = 0; t < all.length; t++) {
      const ref = all[t]!;
      const { dims, strides } = ref;
      let index = 0;
      for (let i = 0; i < dims.length; i++) index += codes[dims[i]!]! * strides[i]!;
      ref.remaining[index]!--;
    }
    for (let c = 0; c < m; c++) out[c] = columns[c]!.values[codes[c]!]!;
    builder.add(out);
  }
  return builder.build();
}
