// Microdata in memory: every column integer-coded (code 0 = missing, 1.. = the column's values in sorted
// order) in a typed array, so aggregation is index arithmetic over arrays instead of string handling.
// A multi-valued cell (`Female;Male`) is one category of its own, as the CTDC codebooks list them: the values
// of a column then partition the records, which keeps every table additive (margins are sums of cells).

export const MISSING = 0;

export interface Column {
  name: string;
  /** values[0] is '' (missing); values[1..] the categories in sorted order. */
  values: string[];
}

export interface Microdata {
  columns: Column[];
  /** One array per column, `rows` long. */
  codes: Uint16Array[];
  rows: number;
}

/** The canonical form of a multi-valued cell: the values trimmed, deduplicated, sorted, joined by `;`. */
export function canonicalMulti(values: readonly string[]): string {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))].sort().join(';');
}

/** Collects string records and codes them; `build()` sorts each column's values so codes are deterministic. */
export class MicrodataBuilder {
  private readonly index: Map<string, number>[];
  private readonly seen: string[][];
  private readonly raw: number[][];
  private count = 0;

  constructor(private readonly names: readonly string[]) {
    this.index = names.map(() => new Map<string, number>([['', 0]]));
    this.seen = names.map(() => ['']);
    this.raw = names.map(() => []);
  }

  get rows(): number {
    return this.count;
  }

  add(record: readonly string[]) {
    for (let c = 0; c < this.names.length; c++) {
      const value = record[c] ?? '';
      let code = this.index[c]!.get(value);
      if (code === undefined) {
        code = this.seen[c]!.length;
        this.seen[c]!.push(value);
        this.index[c]!.set(value, code);
      }
      this.raw[c]!.push(code);
    }
    this.count++;
  }

  build(): Microdata {
    const columns: Column[] = [];
    const codes: Uint16Array[] = [];
    for (let c = 0; c < this.names.length; c++) {
      const seen = this.seen[c]!;
      const sorted = ['', ...seen.slice(1).sort()];
      if (sorted.length > 65535) throw new Error(`column ${this.names[c]} has more than 65535 values`);
      const remap = new Uint16Array(seen.length);
      const position = new Map(sorted.map((v, i) => [v, i]));
      seen.forEach((v, i) => (remap[i] = position.get(v)!));
      const out = new Uint16Array(this.count);
      const raw = this.raw[c]!;
      for (let r = 0; r < this.count; r++) out[r] = remap[raw[r]!]!;
      columns.push({ name: this.names[c]!, values: sorted });
      codes.push(out);
    }
    return { columns, codes, rows: this.count };
  }
}

/** Builds microdata from string records (tests, the built-in registrations). */
export function microdataFrom(names: readonly string[], records: Iterable<readonly string[]>): Microdata {
  const builder = new MicrodataBuilder(names);
  for (const record of records) builder.add(record);
  return builder.build();
}

/** One record back as strings (for storage and the synthesiser's output). */
export function recordAt(data: Microdata, row: number): string[] {
  return data.columns.map((column, c) => column.values[data.codes[c]![row]!]!);
}

/** A column by name, or undefined. */
export function columnIndex(data: Microdata, name: string): number {
  return data.columns.findIndex((c) => c.name === name);
}

/**
 * Identical records collapsed into patterns with weights: one pass over the rows. Aggregation then runs over
 * the patterns, so its cost grows with the number of distinct records, not with the rows.
 */
export interface Patterns {
  /** codes[c][p]: the code of column c in pattern p. */
  codes: Uint16Array[];
  weights: Uint32Array;
  count: number;
}

export function collapse(data: Microdata): Patterns {
  const ncol = data.columns.length;
  const radices = data.columns.map((c) => c.values.length);
  // A mixed-radix number identifies a record exactly while the product of radices stays below 2^53.
  const product = radices.reduce((a, b) => a * b, 1);
  const ids = new Map<number | string, number>();
  const first: number[] = [];
  const weights: number[] = [];
  const cols = data.codes;
  if (product < Number.MAX_SAFE_INTEGER) {
    for (let r = 0; r < data.rows; r++) {
      let key = 0;
      for (let c = 0; c < ncol; c++) key = key * radices[c]! + cols[c]![r]!;
      const p = ids.get(key);
      if (p === undefined) {
        ids.set(key, first.length);
        first.push(r);
        weights.push(1);
      } else weights[p]!++;
    }
  } else {
    for (let r = 0; r < data.rows; r++) {
      let key = '';
      for (let c = 0; c < ncol; c++) key += String.fromCharCode(cols[c]![r]!);
      const p = ids.get(key);
      if (p === undefined) {
        ids.set(key, first.length);
        first.push(r);
        weights.push(1);
      } else weights[p]!++;
    }
  }
  const count = first.length;
  const codes = cols.map((col) => {
    const out = new Uint16Array(count);
    for (let p = 0; p < count; p++) out[p] = col[first[p]!]!;
    return out;
  });
  return { codes, weights: Uint32Array.from(weights), count };
}
