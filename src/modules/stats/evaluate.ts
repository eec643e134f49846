// The utility report, as synthetic-data-showcase's evaluator gives it: for each combination length, how many
// of the sensitive data's attribute combinations the other data set lacks (suppressed), how many of its
// combinations the sensitive data lacks (fabricated), and the mean absolute and mean proportional error of
// the counts. As in SDS, an attribute is a column with a value: missing values form no combinations.
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
  records: { sensitive: number; other: number };
  lengths: LengthUtility[];
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

/** The utility report of a synthetic data set against the sensitive one. */
export function evaluate(sensitive: Microdata, synthetic: Microdata, maxLength: number): UtilityReport {
  const aligned = recode(synthetic, sensitive.columns);
  // New values in the synthetic file widen the columns; the sensitive data is recoded onto the same columns.
  const base = recode(sensitive, aligned.columns);
  return compareCubes(aggregate(base.data, maxLength), aggregate(aligned.data, maxLength), maxLength);
}
