// Disclosure control on the whole published cube: every table of up to `maxLength` columns (with the missing
// category) and the grand total, protected together with one suppression pattern, so the same cell is
// suppressed wherever it appears and every answer is cut from the same protected numbers.
//
// Primary suppression: the threshold rule, 0 < count < k (zero may show). Secondary suppression: the cube's
// linear relations are its lines: in a table over columns D, fixing every column but one gives a line whose
// cells sum to one cell of the table over D minus that column (its margin; for one column the grand total).
// Any two published answers (a table and a filtered table, two filters, a table and its margins) differ only by
// such relations. So, until nothing changes, in every line of every table:
//   - a line with exactly one suppressed member (a cell or its margin) gets another, the smallest non-zero
//     published cell (the margin only when no cell is left): otherwise margin minus the rest gives it away;
//   - a line whose margin is published must have suppressed cells summing to at least k: otherwise the margin
//     minus the published cells shows that each of them is below k.
// Zero cells are published and never used as complements. Rounding to a base, when set, is applied to every
// published number afterwards. disclosure.test.ts attacks the result with linear algebra and linear
// programming over the full underlying table.
import { badRequest, type FieldProblem } from '../../platform/http/errors.js';
import { cellIndex, projection, subsets, tableKey, type Cube, type Table } from './cube.js';

export const PUBLISHED = 0;
export const PRIMARY = 1;
export const SECONDARY = 2;

/** The token for the missing category in filters (query strings cannot carry null). */
export const MISSING_TOKEN = '_missing';

export interface DisclosureRules {
  k: number;
  /** Round every published number to a multiple of this base (null: exact). */
  roundingBase: number | null;
}

export interface ProtectedCube {
  cube: Cube;
  rules: DisclosureRules;
  /** Per table key, one status per cell: PUBLISHED, PRIMARY or SECONDARY. */
  status: Map<string, Uint8Array>;
  primary: number;
  secondary: number;
  /** Primary cells for which no protecting hypercube exists in their table. */
  unboxed: number;
}

/**
 * The lines of one table along one of its columns (a "family"): for each cell of the margin table (the line's
 * index) how many of the line's cells are suppressed, their sum, and how many non-zero cells are published.
 * Kept up to date as cells are suppressed, so each decision sees the current state.
 */
interface Family {
  table: Table;
  flags: Uint8Array;
  /** Position in table.dims of the column that varies along the lines. */
  along: number;
  margin: Table;
  marginFlags: Uint8Array;
  /** Cell of `table` -> line (= cell of `margin`). */
  map: Int32Array;
  suppressed: Int32Array;
  suppressedSum: Float64Array;
  nonzeroPublished: Int32Array;
}

interface CubeState {
  k: number;
  families: Family[];
  /** Per table key: its families (one per column), and the families whose margin it is. */
  own: Map<string, Family[]>;
  above: Map<string, Family[]>;
  queue: { family: Family; line: number }[];
  secondary: number;
}

function buildState(cube: Cube, status: Map<string, Uint8Array>, k: number): CubeState {
  const families: Family[] = [];
  const own = new Map<string, Family[]>();
  const above = new Map<string, Family[]>();
  for (const key of cube.tables.keys()) {
    own.set(key, []);
    above.set(key, []);
  }
  for (let length = 1; length <= cube.maxLength; length++) {
    for (const dims of subsets(cube.columns.length, length)) {
      const key = tableKey(dims);
      const table = cube.tables.get(key)!;
      const flags = status.get(key)!;
      for (let j = 0; j < dims.length; j++) {
        const restKey = tableKey(dims.filter((_, i) => i !== j));
        const margin = cube.tables.get(restKey)!;
        const size = margin.counts.length;
        const family: Family = {
          table,
          flags,
          along: j,
          margin,
          marginFlags: status.get(restKey)!,
          map: projection(table, margin),
          suppressed: new Int32Array(size),
          suppressedSum: new Float64Array(size),
          nonzeroPublished: new Int32Array(size),
        };
        table.counts.forEach((count, cell) => {
          const m = family.map[cell]!;
          if (flags[cell] !== PUBLISHED) {
            family.suppressed[m]!++;
            family.suppressedSum[m]! += count;
          } else if (count > 0) family.nonzeroPublished[m]!++;
        });
        families.push(family);
        own.get(key)!.push(family);
        above.get(restKey)!.push(family);
      }
    }
  }
  const queue: CubeState['queue'] = [];
  for (const family of families) {
    for (let m = 0; m < family.margin.counts.length; m++) queue.push({ family, line: m });
  }
  return { k, families, own, above, queue, secondary: 0 };
}

function violated(state: CubeState, f: Family, m: number): boolean {
  const marginSuppressed = f.marginFlags[m] !== PUBLISHED;
  const members = f.suppressed[m]! + (marginSuppressed ? 1 : 0);
  if (members === 0) return false;
  // The sum rule holds whether or not the margin is published: a suppressed margin can often be bounded from
  // its own lines, and then the cells' sum would be too.
  return (
    members === 1 || (f.suppressed[m]! > 0 && f.suppressedSum[m]! < state.k && f.nonzeroPublished[m]! > 0)
  );
}

/** Suppresses a published cell of a table and brings every line it belongs to up to date. */
function suppress(state: CubeState, key: string, flags: Uint8Array, counts: Float64Array, cell: number) {
  flags[cell] = SECONDARY;
  state.secondary++;
  const count = counts[cell]!;
  for (const f of state.own.get(key)!) {
    const m = f.map[cell]!;
    f.suppressed[m]!++;
    f.suppressedSum[m]! += count;
    if (count > 0) f.nonzeroPublished[m]!--;
    state.queue.push({ family: f, line: m });
  }
  // Lines whose margin this cell is.
  for (const f of state.above.get(key)!) state.queue.push({ family: f, line: cell });
}

/**
 * What suppressing a cell would cost beyond its own count: each other line of the cell that has no suppressed
 * member yet becomes a singleton and needs a complement of its own; one whose only non-zero published cell this
 * is can only be completed by suppressing its margin, which spreads into every table above that margin.
 */
function sideEffects(state: CubeState, key: string, cell: number, except: Family | null): number {
  let cost = 0;
  for (const f of state.own.get(key)!) {
    if (f === except) continue;
    const m = f.map[cell]!;
    if (f.suppressed[m]! > 0 || f.marginFlags[m] !== PUBLISHED) continue;
    cost += f.nonzeroPublished[m]! <= 1 ? 1000 : 1;
  }
  for (const f of state.above.get(key)!) {
    if (f.suppressed[cell]! === 0) cost += 1;
  }
  return cost;
}

/** Brings one line back within the rules by suppressing the cheapest member (a cell, else the margin). */
function repair(state: CubeState, f: Family, m: number) {
  const { table, flags } = f;
  const counts = table.counts;
  const key = tableKey(table.dims);
  let best = -1;
  let bestCost = Infinity;
  // The line's cells: walk the varying column from the line's first cell.
  const stride = table.strides[f.along]!;
  const radix = table.radices[f.along]!;
  // The margin cell's codes are the line's codes for every column but the varying one (which starts at 0).
  let first = 0;
  for (let i = 0, t = 0; i < f.margin.dims.length; i++, t++) {
    if (t === f.along) t++;
    first += (Math.floor(m / f.margin.strides[i]!) % f.margin.radices[i]!) * table.strides[t]!;
  }
  for (let v = 0; v < radix; v++) {
    const cell = first + v * stride;
    if (flags[cell] !== PUBLISHED || counts[cell]! <= 0) continue;
    const cost = sideEffects(state, key, cell, f) * 1e9 + counts[cell]!;
    if (cost < bestCost) {
      bestCost = cost;
      best = cell;
    }
  }
  if (best >= 0) suppress(state, key, flags, counts, best);
  else if (f.marginFlags[m] === PUBLISHED && f.margin.counts[m]! > 0)
    suppress(state, tableKey(f.margin.dims), f.marginFlags, f.margin.counts, m);
}

/**
 * The hypercube method (Repsilber): a primary cell p is protected within its table when, choosing one other
 * category in each column, the 2^d cells at the corners of that box are all suppressed. Adding δ to the corners
 * of p's parity and taking δ from the others keeps every line sum, so every margin and every other published
 * number of the table stays the same: nobody can tell p from p + δ, for δ up to the smallest opposite corner
 * (a corner that gains may be an empty cell, then hidden as well). The box is chosen so that p + that corner
 * reaches k, at the least count newly suppressed.
 */
function protectByHypercube(
  state: CubeState,
  key: string,
  table: Table,
  flags: Uint8Array,
  cell: number,
  k: number,
) {
  const d = table.dims.length;
  const counts = table.counts;
  const codes = table.radices.map((r, i) => Math.floor(cell / table.strides[i]!) % r);
  const need = k - counts[cell]!;
  const alternatives = table.radices.map((r, i) => {
    const list: number[] = [];
    for (let v = 0; v < r; v++) if (v !== codes[i]) list.push(v);
    return list;
  });
  let best: number[] | null = null;
  let bestCost = Infinity;
  const choice = new Array<number>(d).fill(0);
  const corners = 1 << d;
  const cornerIndex = (mask: number) => {
    let index = 0;
    for (let j = 0; j < d; j++) index += ((mask >> j) & 1 ? choice[j]! : codes[j]!) * table.strides[j]!;
    return index;
  };
  let tried = 0;
  const visit = (i: number) => {
    if (bestCost === 0 || tried > 1000) return;
    if (i === d) {
      tried++;
      let cost = 0;
      for (let mask = 1; mask < corners; mask++) {
        const index = cornerIndex(mask);
        const count = counts[index]!;
        // Corners that lose δ (odd parity) must have it; corners that gain δ may be empty (then hidden too).
        let parity = 0;
        for (let m = mask; m; m &= m - 1) parity ^= 1;
        if (parity === 1 && count < need) return;
        if (flags[index] === PUBLISHED) cost += count > 0 ? count : 1;
        if (cost >= bestCost) return;
      }
      bestCost = cost;
      best = [];
      for (let mask = 0; mask < corners; mask++) best.push(cornerIndex(mask));
      return;
    }
    for (const v of alternatives[i]!) {
      choice[i] = v;
      visit(i + 1);
    }
  };
  visit(0);
  if (!best) return false;
  for (const index of best as number[]) {
    if (flags[index] === PUBLISHED) suppress(state, key, flags, counts, index);
  }
  return true;
}

function drain(state: CubeState) {
  // A work list of lines to check; repairing one queues every line its new suppression touches.
  while (state.queue.length) {
    const { family, line } = state.queue.pop()!;
    while (violated(state, family, line)) {
      const before = state.secondary;
      repair(state, family, line);
      if (state.secondary === before) break;
    }
  }
}

export function protect(cube: Cube, rules: DisclosureRules): ProtectedCube {
  if (!(Number.isInteger(rules.k) && rules.k >= 1)) throw new RangeError('k must be a positive integer');
  const status = new Map<string, Uint8Array>();
  let primary = 0;
  for (const [key, table] of cube.tables) {
    const flags = new Uint8Array(table.counts.length);
    table.counts.forEach((count, cell) => {
      if (count > 0 && count < rules.k) {
        flags[cell] = PRIMARY;
        primary++;
      }
    });
    status.set(key, flags);
  }
  const state = buildState(cube, status, rules.k);
  drain(state);
  // Every primary cell gets a protecting hypercube in its table, longest tables first; the line rules then
  // make the new suppressions consistent across the cube. A cell with no possible box keeps the line rules'
  // protection (counted in `unboxed`).
  let unboxed = 0;
  for (let length = cube.maxLength; length >= 1; length--) {
    for (const dims of subsets(cube.columns.length, length)) {
      const key = tableKey(dims);
      const table = cube.tables.get(key)!;
      const flags = status.get(key)!;
      for (let cell = 0; cell < flags.length; cell++) {
        if (flags[cell] !== PRIMARY) continue;
        if (!protectByHypercube(state, key, table, flags, cell, rules.k)) unboxed++;
        drain(state);
      }
    }
  }
  return { cube, rules, status, primary, secondary: state.secondary, unboxed };
}

/** A published number: null when suppressed, rounded to the base when one is set. */
export function publishedValue(pc: ProtectedCube, count: number, flag: number): number | null {
  if (flag !== PUBLISHED) return null;
  const base = pc.rules.roundingBase;
  return base && base > 1 ? Math.round(count / base) * base : count;
}

export interface TableQuery {
  /** Column names, in the order the table shows them. */
  dims: string[];
  /** Column name -> value label (MISSING_TOKEN for the missing category). */
  filters: Record<string, string>;
}

export interface AnswerCell {
  /** Value labels in the order of `dims`; null is the missing category. */
  values: (string | null)[];
  count: number | null;
  suppressed: boolean;
}

export interface TableAnswer {
  dims: string[];
  filters: Record<string, string>;
  cells: AnswerCell[];
  total: number | null;
  totalSuppressed: boolean;
  k: number;
  roundingBase: number | null;
}

/** Checks a query against the cube; throws a 400 naming the field. */
export function resolveQuery(
  cube: Cube,
  query: TableQuery,
): { dims: number[]; filterDims: number[]; filterCodes: number[] } {
  const problems: FieldProblem[] = [];
  const byName = new Map(cube.columns.map((c, i) => [c.name, i]));
  const dims: number[] = [];
  if (query.dims.length === 0) problems.push({ field: 'dims', key: 'stats.query.dimsRequired' });
  for (const name of query.dims) {
    const index = byName.get(name);
    if (index === undefined)
      problems.push({ field: 'dims', key: 'stats.query.unknownDim', params: { name } });
    else if (dims.includes(index))
      problems.push({ field: 'dims', key: 'stats.query.repeatedDim', params: { name } });
    else dims.push(index);
  }
  const filterDims: number[] = [];
  const filterCodes: number[] = [];
  for (const [name, value] of Object.entries(query.filters)) {
    const index = byName.get(name);
    if (index === undefined) {
      problems.push({ field: name, key: 'stats.query.unknownDim', params: { name } });
      continue;
    }
    if (dims.includes(index)) {
      problems.push({ field: name, key: 'stats.query.filterOnDim', params: { name } });
      continue;
    }
    const label = value === MISSING_TOKEN ? '' : value;
    const code = label === '' && value !== MISSING_TOKEN ? -1 : cube.columns[index]!.values.indexOf(label);
    if (code < 0) {
      problems.push({ field: name, key: 'stats.query.unknownValue', params: { name, value } });
      continue;
    }
    filterDims.push(index);
    filterCodes.push(code);
  }
  if (!problems.length && dims.length + filterDims.length > cube.maxLength) {
    problems.push({ field: 'dims', key: 'stats.query.tooMany', params: { max: cube.maxLength } });
  }
  if (problems.length) throw badRequest(problems);
  return { dims, filterDims, filterCodes };
}

/**
 * A table from the protected cube: the cells of the table over dims ∪ filter columns, sliced at the filter
 * values; the total is the matching cell of the table over the filter columns (or the grand total).
 */
export function answer(pc: ProtectedCube, query: TableQuery): TableAnswer {
  const { cube } = pc;
  const { dims, filterDims, filterCodes } = resolveQuery(cube, query);
  const all = [...dims, ...filterDims].sort((a, b) => a - b);
  const table = cube.tables.get(tableKey(all))!;
  const flags = pc.status.get(tableKey(all))!;
  const position = (column: number) => all.indexOf(column);
  const radices = dims.map((d) => cube.columns[d]!.values.length);
  const cells: AnswerCell[] = [];
  const digits = new Array<number>(dims.length).fill(0);
  const codes = new Array<number>(all.length).fill(0);
  filterDims.forEach((d, i) => (codes[position(d)] = filterCodes[i]!));
  // Categories in sorted order, the missing category last.
  const order = (digit: number, radix: number) => (digit + 1) % radix;
  for (;;) {
    dims.forEach((d, i) => (codes[position(d)] = order(digits[i]!, radices[i]!)));
    const cell = cellIndex(table, codes);
    const count = publishedValue(pc, table.counts[cell]!, flags[cell]!);
    cells.push({
      values: dims.map((d, i) => cube.columns[d]!.values[order(digits[i]!, radices[i]!)] || null),
      count,
      suppressed: count === null,
    });
    let i = digits.length - 1;
    for (; i >= 0; i--) {
      if (++digits[i]! < radices[i]!) break;
      digits[i] = 0;
    }
    if (i < 0) break;
  }
  const sortedFilters = filterDims.map((d, i) => ({ d, code: filterCodes[i]! })).sort((a, b) => a.d - b.d);
  const totalTable = cube.tables.get(tableKey(sortedFilters.map((f) => f.d)))!;
  const totalCell = cellIndex(
    totalTable,
    sortedFilters.map((f) => f.code),
  );
  const total = publishedValue(
    pc,
    totalTable.counts[totalCell]!,
    pc.status.get(tableKey(sortedFilters.map((f) => f.d)))![totalCell]!,
  );
  return {
    dims: dims.map((d) => cube.columns[d]!.name),
    filters: query.filters,
    cells,
    total,
    totalSuppressed: total === null,
    k: pc.rules.k,
    roundingBase: pc.rules.roundingBase,
  };
}
