// The utility report, as synthetic-data-showcase's evaluator gives it: for each combination length, how many
// of the reference's attribute combinations the other data set lacks (suppressed), how many of its
// combinations the reference lacks (fabricated), and the mean absolute and mean proportional error of
// the counts. As in SDS, an attribute is a column with a value: missing values form no combinations.
//
// Two references, never mixed up:
// - public (`evaluateAgainstMarginals`): the synthetic file against the noisy marginals it was sampled from.
//   Both are published, so the report is post-processing of the release and carries its guarantee (the
//   sensitive data is not an argument: it cannot leak through it).
// - exact (`evaluate`, `leakage`): against the sensitive data, with SDS's privacy figures (rare combinations,
//   leakage, count preservation by size bucket, unique records copied verbatim). For data stewards only.
import { aggregate, subsets, tableKey, type Cube } from './cube.js';
import { type Column, type Microdata } from './microdata.js';

export interface LengthUtility {
  length: number;
  /** Combinations in the sensitive data. */
  sensitive: number;
  /** Combinations in the data set evaluated. */
  other: number;
  suppressed: number;
  fabricated: number;
  /** suppressed / sensitive. */
  suppressedShare: number;
  /** fabricated / other. */
  fabricatedShare: number;
  /** Mean |other − sensitive| over every combination in either. */
  meanAbsoluteError: number;
  /** Mean |other − sensitive| / sensitive over the sensitive combinations. */
  meanProportionalError: number;
}

export interface UtilityReport {
  /** `noisy`: against the noisy marginals (public); absent or `sensitive`: against the data (stewards only). */
  basis?: 'noisy' | 'sensitive';
  records: { sensitive: number; other: number };
  lengths: LengthUtility[];
}

/** Per length: the sensitive data's rare combinations and how many of them the synthetic file contains. */
export interface LengthLeakage {
  length: number;
  combinations: number;
  /** Combinations with 0 < count < rareBelow in the sensitive data. */
  rare: number;
  rareShare: number;
  /** Rare sensitive combinations present in the synthetic file (SDS's leakage). */
  leaked: number;
  /** leaked / rare. */
  leakedShare: number;
  /** Synthetic combinations whose count is below rareBelow in the sensitive data (present or not). */
  syntheticRare: number;
  /** syntheticRare / synthetic combinations. */
  syntheticRareShare: number;
}

/** Count preservation by size bucket of the sensitive count (all lengths together). */
export interface SizeBucket {
  from: number;
  /** Exclusive; null: no upper end. */
  to: number | null;
  combinations: number;
  /** Mean synthetic / sensitive count: 1 preserves, above 1 inflates (rare combinations made common). */
  meanRatio: number;
  meanProportionalError: number;
}

export interface LeakageReport {
  rareBelow: number;
  lengths: LengthLeakage[];
  buckets: SizeBucket[];
  /** Sensitive records unique over all columns, and how many of them appear verbatim in the synthetic file. */
  uniqueRecords: number;
  uniqueCopied: number;
}

export interface ExactReport extends UtilityReport {
  leakage: LeakageReport;
}

/** Recodes `data` onto `columns` (same names; values not among them are added at the end). */
export function recode(data: Microdata, columns: Column[]): { data: Microdata; columns: Column[] } {
  const merged = columns.map((column) => ({ name: column.name, values: [...column.values] }));
  const codes = merged.map((column) => {
    const source = data.columns.findIndex((c) => c.name === column.name);
    const out = new Uint16Array(data.rows);
    if (source < 0) return out;
    const map = data.columns[source]!.values.map((value) => {
      let code = column.values.indexOf(value);
      if (code < 0) {
        code = column.values.length;
        column.values.push(value);
      }
      return code;
    });
    const from = data.codes[source]!;
    for (let r = 0; r < data.rows; r++) out[r] = map[from[r]!]!;
    return out;
  });
  return { data: { columns: merged, codes, rows: data.rows }, columns: merged };
}

/** Compares two cubes over the same columns (codes aligned), combinations of length 1..L. */
export function compareCubes(sensitive: Cube, other: Cube, maxLength: number): UtilityReport {
  const m = sensitive.columns.length;
  const L = Math.min(maxLength, sensitive.maxLength, other.maxLength);
  const lengths: LengthUtility[] = [];
  for (let length = 1; length <= L; length++) {
    let s = 0;
    let o = 0;
    let suppressed = 0;
    let fabricated = 0;
    let absolute = 0;
    let union = 0;
    let proportional = 0;
    for (const dims of subsets(m, length)) {
      const a = sensitive.tables.get(tableKey(dims))!;
      const b = other.tables.get(tableKey(dims))!;
      const size = a.counts.length;
      for (let cell = 0; cell < size; cell++) {
        // Skip cells with a missing value in any column: they are not attribute combinations.
        let missing = false;
        for (let i = 0; i < a.radices.length; i++) {
          if (Math.floor(cell / a.strides[i]!) % a.radices[i]! === 0) {
            missing = true;
            break;
          }
        }
        if (missing) continue;
        const x = a.counts[cell]!;
        const y = b.counts[cell]!;
        if (x > 0) s++;
        if (y > 0) o++;
        if (x > 0 && y <= 0) suppressed++;
        if (y > 0 && x <= 0) fabricated++;
        if (x > 0 || y > 0) {
          union++;
          absolute += Math.abs(y - x);
        }
        if (x > 0) proportional += Math.abs(y - x) / x;
      }
    }
    lengths.push({
      length,
      sensitive: s,
      other: o,
      suppressed,
      fabricated,
      suppressedShare: s ? suppressed / s : 0,
      fabricatedShare: o ? fabricated / o : 0,
      meanAbsoluteError: union ? absolute / union : 0,
      meanProportionalError: s ? proportional / s : 0,
    });
  }
  return { records: { sensitive: sensitive.total, other: other.total }, lengths };
}

/**
 * The public utility report: the synthetic file against the noisy marginals it was sampled from. Takes only
 * published things, so it is post-processing of the release.
 */
export function evaluateAgainstMarginals(
  noisy: Cube,
  synthetic: Microdata,
  maxLength: number,
): UtilityReport {
  const aligned = recode(synthetic, noisy.columns);
  if (aligned.columns.some((c, i) => c.values.length !== noisy.columns[i]!.values.length))
    throw new Error('the synthetic file has values the noisy marginals do not');
  const L = Math.min(maxLength, noisy.maxLength);
  return { basis: 'noisy', ...compareCubes(noisy, aggregate(aligned.data, L), L) };
}

/** SDS's size buckets of sensitive counts. */
const BUCKETS: [number, number | null][] = [
  [1, 10],
  [10, 100],
  [100, 1000],
  [1000, null],
];

/**
 * SDS's privacy figures of a synthetic file against the sensitive data: rare combinations (0 < count <
 * rareBelow) and how many of them the synthetic file contains (leakage), count preservation by size bucket, and
 * records unique in the data that the synthetic file copies verbatim. For data stewards only.
 */
export function leakage(
  sensitive: Microdata,
  synthetic: Microdata,
  maxLength: number,
  rareBelow = 10,
): LeakageReport {
  const aligned = recode(synthetic, sensitive.columns);
  const base = recode(sensitive, aligned.columns);
  const a = aggregate(base.data, maxLength);
  const b = aggregate(aligned.data, maxLength);
  const m = base.columns.length;
  const lengths: LengthLeakage[] = [];
  const buckets = BUCKETS.map(([from, to]) => ({ from, to, combinations: 0, ratio: 0, proportional: 0 }));
  for (let length = 1; length <= Math.min(maxLength, a.maxLength); length++) {
    let combinations = 0;
    let rare = 0;
    let leaked = 0;
    let syntheticCombinations = 0;
    let syntheticRare = 0;
    for (const dims of subsets(m, length)) {
      const ta = a.tables.get(tableKey(dims))!;
      const tb = b.tables.get(tableKey(dims))!;
      for (let cell = 0; cell < ta.counts.length; cell++) {
        let missing = false;
        for (let i = 0; i < ta.radices.length; i++) {
          if (Math.floor(cell / ta.strides[i]!) % ta.radices[i]! === 0) {
            missing = true;
            break;
          }
        }
        if (missing) continue;
        const x = ta.counts[cell]!;
        const y = tb.counts[cell]!;
        if (y > 0) {
          syntheticCombinations++;
          if (x < rareBelow) syntheticRare++;
        }
        if (x <= 0) continue;
        combinations++;
        if (x < rareBelow) {
          rare++;
          if (y > 0) leaked++;
        }
        const bucket = buckets.find((k) => x >= k.from && (k.to === null || x < k.to))!;
        bucket.combinations++;
        bucket.ratio += y / x;
        bucket.proportional += Math.abs(y - x) / x;
      }
    }
    lengths.push({
      length,
      combinations,
      rare,
      rareShare: combinations ? rare / combinations : 0,
      leaked,
      leakedShare: rare ? leaked / rare : 0,
      syntheticRare,
      syntheticRareShare: syntheticCombinations ? syntheticRare / syntheticCombinations : 0,
    });
  }
  // Whole records: unique in the sensitive data, and present verbatim in the synthetic file.
  const key = (data: Microdata, r: number) => {
    let k = '';
    for (let c = 0; c < data.columns.length; c++) k += `${data.codes[c]![r]!},`;
    return k;
  };
  const counts = new Map<string, number>();
  for (let r = 0; r < base.data.rows; r++) {
    const k = key(base.data, r);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const present = new Set<string>();
  for (let r = 0; r < aligned.data.rows; r++) present.add(key(aligned.data, r));
  let uniqueRecords = 0;
  let uniqueCopied = 0;
  for (const [k, n] of counts) {
    if (n !== 1) continue;
    uniqueRecords++;
    if (present.has(k)) uniqueCopied++;
  }
  return {
    rareBelow,
    lengths,
    buckets: buckets.map((k) => ({
      from: k.from,
      to: k.to,
      combinations: k.combinations,
      meanRatio: k.combinations ? k.ratio / k.combinations : 0,
      meanProportionalError: k.combinations ? k.proportional / k.combinations : 0,
    })),
    uniqueRecords,
    uniqueCopied,
  };
}

/** The exact report of a synthetic data set against the sensitive one, with SDS's privacy figures. */
export function evaluate(sensitive: Microdata, synthetic: Microdata, maxLength: number): ExactReport {
  const aligned = recode(synthetic, sensitive.columns);
  // New values in the synthetic file widen the columns; the sensitive data is recoded onto the same columns.
  const base = recode(sensitive, aligned.columns);
  return {
    basis: 'sensitive',
    ...compareCubes(aggregate(base.data, maxLength), aggregate(aligned.data, maxLength), maxLength),
    leakage: leakage(sensitive, synthetic, maxLength),
  };
}
