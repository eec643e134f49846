// Aggregation: the count of every value combination of every set of up to `maxLength` columns, as dense
// tables (one typed array per column set, row-major over the columns' codes, missing included as code 0).
// Only the tables of exactly `maxLength` columns are counted from the records (after collapsing identical
// records into weighted patterns); every shorter table is summed out of a longer one, which costs nothing
// that grows with the data.
import { collapse, type Column, type Microdata, type Patterns } from './microdata.js';

export interface Table {
  /** Column indexes, ascending. */
  dims: number[];
  radices: number[];
  strides: number[];
  counts: Float64Array;
}

export interface Cube {
  columns: Column[];
  maxLength: number;
  /** By tableKey(dims); includes the empty column set (one cell: the number of records). */
  tables: Map<string, Table>;
  total: number;
}

export const tableKey = (dims: readonly number[]): string => dims.join(',');

export function makeTable(columns: readonly Column[], dims: number[]): Table {
  const radices = dims.map((d) => columns[d]!.values.length);
  const strides = new Array<number>(dims.length);
  let size = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    strides[i] = size;
    size *= radices[i]!;
  }
  return { dims, radices, strides, counts: new Float64Array(size) };
}

/** All subsets of {0..n-1} of size `length`, each ascending, in lexicographic order. */
export function subsets(n: number, length: number): number[][] {
  const out: number[][] = [];
  const current: number[] = [];
  const walk = (start: number) => {
    if (current.length === length) {
      out.push([...current]);
      return;
    }
    for (let i = start; i <= n - (length - current.length); i++) {
      current.push(i);
      walk(i + 1);
      current.pop();
    }
  };
  walk(0);
  return out;
}

function countInto(table: Table, patterns: Patterns) {
  const { dims, strides, counts } = table;
  const w = patterns.weights;
  const n = patterns.count;
  const c = dims.map((d) => patterns.codes[d]!);
  switch (dims.length) {
    case 1: {
      const a = c[0]!;
      for (let p = 0; p < n; p++) counts[a[p]!]! += w[p]!;
      return;
    }
    case 2: {
      const [a, b] = [c[0]!, c[1]!];
      const sa = strides[0]!;
      for (let p = 0; p < n; p++) counts[a[p]! * sa + b[p]!]! += w[p]!;
      return;
    }
    case 3: {
      const [a, b, d] = [c[0]!, c[1]!, c[2]!];
      const [sa, sb] = [strides[0]!, strides[1]!];
      for (let p = 0; p < n; p++) counts[a[p]! * sa + b[p]! * sb + d[p]!]! += w[p]!;
      return;
    }
    case 4: {
      const [a, b, d, e] = [c[0]!, c[1]!, c[2]!, c[3]!];
      const [sa, sb, sd] = [strides[0]!, strides[1]!, strides[2]!];
      for (let p = 0; p < n; p++) counts[a[p]! * sa + b[p]! * sb + d[p]! * sd + e[p]!]! += w[p]!;
      return;
    }
    default:
      for (let p = 0; p < n; p++) {
        let index = 0;
        for (let i = 0; i < c.length; i++) index += c[i]![p]! * strides[i]!;
        counts[index]! += w[p]!;
      }
  }
}

/** For each cell of `from`, the index of the cell of `to` it falls in (`to` has a subset of the dims). */
export function projection(from: Table, to: Table): Int32Array {
  const size = from.counts.length;
  const map = new Int32Array(size);
  const position = to.dims.map((d) => from.dims.indexOf(d));
  const digits = new Array<number>(from.dims.length).fill(0);
  for (let cell = 0; cell < size; cell++) {
    let target = 0;
    for (let i = 0; i < position.length; i++) target += digits[position[i]!]! * to.strides[i]!;
    map[cell] = target;
    for (let i = digits.length - 1; i >= 0; i--) {
      if (++digits[i]! < from.radices[i]!) break;
      digits[i] = 0;
    }
  }
  return map;
}

function sumInto(from: Table, to: Table) {
  const map = projection(from, to);
  const src = from.counts;
  const dst = to.counts;
  for (let cell = 0; cell < src.length; cell++) dst[map[cell]!]! += src[cell]!;
}

/** Counts every value combination of up to `maxLength` columns. */
export function aggregate(data: Microdata, maxLength: number, patterns: Patterns = collapse(data)): Cube {
  const { columns } = data;
  const top = Math.min(maxLength, columns.length);
  const tables = new Map<string, Table>();
  for (const dims of subsets(columns.length, top)) {
    const table = makeTable(columns, dims);
    countInto(table, patterns);
    tables.set(tableKey(dims), table);
  }
  for (let length = top - 1; length >= 0; length--) {
    for (const dims of subsets(columns.length, length)) {
      // Any column not in the set extends it to a table one longer, already counted.
      let extra = 0;
      while (dims.includes(extra)) extra++;
      const parent = tables.get(tableKey([...dims, extra].sort((a, b) => a - b)))!;
      const table = makeTable(columns, dims);
      sumInto(parent, table);
      tables.set(tableKey(dims), table);
    }
  }
  return { columns, maxLength: top, tables, total: tables.get('')!.counts[0]! };
}

/** Index of a cell from its codes (in the table's dim order). */
export function cellIndex(table: Table, codes: readonly number[]): number {
  let index = 0;
  for (let i = 0; i < codes.length; i++) index += codes[i]! * table.strides[i]!;
  return index;
}

/** The codes of a cell from its index. */
export function cellCodes(table: Table, index: number): number[] {
  return table.radices.map((radix, i) => Math.floor(index / table.strides[i]!) % radix);
}
