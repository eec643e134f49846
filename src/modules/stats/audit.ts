// The suppression audit: what an attacker who holds every number a published cube shows (every table up to its
// maximum length, every filter, the totals, the CSV and the explorer are all cells of the same cube) can learn
// about each suppressed small cell, computed the way the attacker would, with linear programming (HiGHS).
//
// The unknowns are the cells of the full cross-table of the published columns, leaving out those that a
// published zero forces to zero (every cell whose projection onto some published table is a published 0). Each
// published cell of every table, the grand total included, is one linear equation (an interval when numbers are
// rounded). For every suppressed cell with a true count from 1 to k − 1 the audit bounds the sum of its unknowns
// from above and from below. The cell is exposed unless the attacker's interval (LP bounds rounded inwards to
// integers, and the integer optimum where the LP comes within two of the limit and its optimum is fractional) is
// at least k wide, so it never lies inside [1, k − 1]. Feasible integer tables found on the way (the true table
// first) are kept and prove a width without solving.
//
// Protection: while a small cell is exposed, the published cell that costs least (the smallest count) among
// those whose equations bind the attacker's bound (non-zero dual in the optimum) is suppressed as well. Hiding a
// cell only removes an equation, so an interval never narrows: one pass over the small cells suffices.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import highsLoader, { type Highs, type Model } from 'highs';
import { cellCodes, subsets, tableKey, type Table } from './cube.js';
import { PUBLISHED, SECONDARY, type ProtectedCube } from './disclosure.js';
import type { Microdata } from './microdata.js';

/** A suppressed small cell and what the attacker can learn about it. */
export interface AuditCell {
  /** Column names of the cell's table. */
  columns: string[];
  /** Its values, in the order of `columns` (null: missing). */
  values: (string | null)[];
  /** The attacker's integer bounds. */
  lower: number;
  upper: number;
}

export interface AuditOutcome {
  /** The published cube's numbers this audit covers (see `cubeFingerprint`). */
  fingerprint: string;
  ok: boolean;
  /** No verdict for every cell within the time limit (then `ok` is false). */
  timedOut: boolean;
  /** Suppressed cells with a true count from 1 to k − 1. */
  smallCells: number;
  /** Exposed before the audit added suppression. */
  exposedBefore: AuditCell[];
  /** Still exposed (empty when ok). */
  exposed: AuditCell[];
  /** Cells the audit suppressed on top of the threshold and line rules: [table key, cell index]. */
  added: [string, number][];
  variables: number;
  equations: number;
  solves: number;
  /** Of which integer programs (and of those, stopped at their own limit). */
  integerSolves: number;
  integerStopped: number;
  seconds: number;
}

export interface AuditOptions {
  /** Give up (not ok, `timedOut`) after this long. */
  timeLimitSeconds: number;
  /** Add suppression until no small cell is exposed (default); false only reports. */
  protect?: boolean;
  /** Refuse a cube whose unknowns exceed this (memory). */
  maxVariables?: number;
}

// The package's declarations are read as CommonJS, its ES module exports the loader as default.
const loadHighs = highsLoader as unknown as () => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;
function highs(): Promise<Highs> {
  return (highsPromise ??= loadHighs());
}

/** A stable hash of everything the cube publishes and how: rules, columns, values and every count. */
export function cubeFingerprint(pc: ProtectedCube): string {
  const hash = createHash('sha256');
  const { cube, rules } = pc;
  hash.update(JSON.stringify({ k: rules.k, base: rules.roundingBase, maxLength: cube.maxLength }));
  hash.update(JSON.stringify(cube.columns.map((c) => [c.name, c.values])));
  for (const key of [...cube.tables.keys()].sort()) {
    const table = cube.tables.get(key)!;
    hash.update(key);
    hash.update(new Uint8Array(table.counts.buffer, table.counts.byteOffset, table.counts.byteLength));
  }
  return hash.digest('hex');
}

/** Applies an audit's added suppression to a freshly protected cube (same fingerprint). */
export function applyAudit(pc: ProtectedCube, added: readonly [string, number][]): ProtectedCube {
  for (const [key, cell] of added) {
    const flags = pc.status.get(key);
    if (!flags || cell < 0 || cell >= flags.length) throw new RangeError(`audit cell ${key}:${cell} unknown`);
    if (flags[cell] === PUBLISHED) {
      flags[cell] = SECONDARY;
      pc.secondary++;
    }
  }
  return pc;
}

export class AuditTooLargeError extends Error {
  constructor(readonly variables: number) {
    super(`the cube has more than ${variables} possible cells to audit`);
  }
}

interface Lp {
  tables: { key: string; table: Table; flags: Uint8Array }[];
  /** Row of each (table, cell), -1 when the cell has no unknowns (a published or suppressed zero). */
  rowOf: Map<string, Int32Array>;
  /** Per row: its unknowns. */
  rowVars: Int32Array[];
  /** Per row: table index and cell. */
  rowTable: Int32Array;
  rowCell: Int32Array;
  variables: number;
}

/** The unknowns (full cross-table cells not forced to zero) and, per cell of every table, the row it sums. */
function buildLp(pc: ProtectedCube, maxVariablesWanted: number): Lp {
  const { cube, status } = pc;
  const m = cube.columns.length;
  const radices = cube.columns.map((c) => c.values.length);
  const tables: Lp['tables'] = [];
  for (let length = 0; length <= cube.maxLength; length++) {
    for (const dims of subsets(m, length)) {
      const key = tableKey(dims);
      tables.push({ key, table: cube.tables.get(key)!, flags: status.get(key)! });
    }
  }
  // Memory: one cell index per unknown and table (at most 20 million entries, 80 MB).
  const maxVariables = Math.min(maxVariablesWanted, Math.floor(20_000_000 / tables.length));
  // Work: the walk may visit partial combinations that a published zero prunes only deeper down.
  let nodes = 0;
  const maxNodes = 20 * maxVariables + 1_000_000;
  // Tables checked once their last column is assigned in the depth-first walk.
  const closing: number[][] = Array.from({ length: m }, () => []);
  tables.forEach((t, i) => {
    if (t.table.dims.length) closing[t.table.dims.at(-1)!]!.push(i);
  });
  const forcedZero = (t: Lp['tables'][number], cell: number) =>
    t.flags[cell] === PUBLISHED && t.table.counts[cell] === 0;
  // Depth-first over the columns, pruning at every published zero; records each unknown's cell per table.
  const projections: Int32Array[] = tables.map(() => new Int32Array(1024));
  let count = 0;
  const codes = new Array<number>(m).fill(0);
  const grow = () => {
    for (let i = 0; i < projections.length; i++) {
      const next = new Int32Array(projections[i]!.length * 2);
      next.set(projections[i]!);
      projections[i] = next;
    }
  };
  const cellOf = (t: Table) => {
    let index = 0;
    for (let i = 0; i < t.dims.length; i++) index += codes[t.dims[i]!]! * t.strides[i]!;
    return index;
  };
  if (!forcedZero(tables[0]!, 0)) {
    const walk = (column: number) => {
      for (let v = 0; v < radices[column]!; v++) {
        codes[column] = v;
        if (++nodes > maxNodes) throw new AuditTooLargeError(maxVariables);
        let zero = false;
        for (const i of closing[column]!) {
          if (forcedZero(tables[i]!, cellOf(tables[i]!.table))) {
            zero = true;
            break;
          }
        }
        if (zero) continue;
        if (column + 1 < m) walk(column + 1);
        else {
          if (count >= maxVariables) throw new AuditTooLargeError(maxVariables);
          if (count >= projections[0]!.length) grow();
          tables.forEach((t, i) => (projections[i]![count] = cellOf(t.table)));
          count++;
        }
      }
    };
    if (m > 0) walk(0);
  }
  // Rows: one per cell of every table that has unknowns.
  const rowOf = new Map<string, Int32Array>();
  const rowVarLists: number[][] = [];
  const rowTable: number[] = [];
  const rowCell: number[] = [];
  tables.forEach((t, i) => {
    const rows = new Int32Array(t.table.counts.length).fill(-1);
    const proj = projections[i]!;
    for (let v = 0; v < count; v++) {
      const cell = proj[v]!;
      if (rows[cell] === -1) {
        rows[cell] = rowVarLists.length;
        rowVarLists.push([]);
        rowTable.push(i);
        rowCell.push(cell);
      }
      rowVarLists[rows[cell]!]!.push(v);
    }
    rowOf.set(t.key, rows);
  });
  return {
    tables,
    rowOf,
    rowVars: rowVarLists.map((l) => Int32Array.from(l)),
    rowTable: Int32Array.from(rowTable),
    rowCell: Int32Array.from(rowCell),
    variables: count,
  };
}

/** The interval of true counts a published number allows (rounded numbers: half a base either side). */
function rowBounds(pc: ProtectedCube, count: number, flag: number): [number, number] {
  if (flag !== PUBLISHED) return [-Infinity, Infinity];
  const base = pc.rules.roundingBase;
  if (!base || base <= 1) return [count, count];
  const shown = Math.round(count / base) * base;
  return [Math.max(0, shown - base / 2), shown + base / 2];
}

const EPS = 1e-6;
const isIntegral = (values: Float64Array) => values.every((x) => Math.abs(x - Math.round(x)) < EPS);

/**
 * Audits a protected cube and, unless `protect: false`, adds suppression until no small cell is exposed.
 * Mutates `pc.status` (the added cells are also listed in the outcome, to be stored and re-applied).
 */
export async function auditCube(
  pc: ProtectedCube,
  data: Microdata,
  options: AuditOptions,
): Promise<AuditOutcome> {
  const started = performance.now();
  const deadline = started + options.timeLimitSeconds * 1000;
  const fingerprint = cubeFingerprint(pc);
  const k = pc.rules.k;
  const lp = buildLp(pc, options.maxVariables ?? 2_000_000);
  const h = await highs();
  const n = lp.variables;
  const rows = lp.rowVars.length;
  const { starts, indices, nnz, rowLower, rowUpper, equations } = constraintMatrix(pc, lp, h.infinity);

  // The true table is a feasible integer table; so is every integral optimum found. Each proves a width.
  const truth = new Float64Array(n);
  trueFullTable(pc, data, lp, truth);
  const witnesses: Float64Array[] = [truth];

  const outcome: AuditOutcome = {
    fingerprint,
    ok: false,
    timedOut: false,
    smallCells: 0,
    exposedBefore: [],
    exposed: [],
    added: [],
    variables: n,
    equations,
    solves: 0,
    integerSolves: 0,
    integerStopped: 0,
    seconds: 0,
  };
  const describe = (r: number, lower: number, upper: number) => describeRow(pc, lp, r, lower, upper);

  const targets = smallSuppressedRows(lp, k);
  outcome.smallCells = targets.length;
  if (n === 0 || targets.length === 0) {
    outcome.ok = true;
    outcome.seconds = (performance.now() - started) / 1000;
    return outcome;
  }

  const model = countsModel(h, n, { starts, indices, nnz, rowLower, rowUpper });
  const all = { kind: 'range', from: 0, to: n - 1 } as const;
  let integerModel = false;
  const sumOver = (values: Float64Array, r: number) => {
    let s = 0;
    for (const v of lp.rowVars[r]!) s += values[v]!;
    return s;
  };

  type Bound = { value: number; integral: boolean; duals: Float64Array | null } | 'timeout';
  // One integer program may take at most this long (5 s of the default 300); one that does not finish is replaced by the best integer
  // table found (an attacker may know more: the cell then counts as exposed unless that table shows otherwise).
  const integerLimit = Math.max(2, options.timeLimitSeconds / 60);
  /** An integral solution that meets every current equation: the attacker cannot rule it out. */
  const feasibleIntegral = (values: Float64Array, activities: Float64Array) =>
    isIntegral(values) &&
    values.every((x) => x > -EPS) &&
    activities.every((a, i) => a >= rowLower[i]! - EPS && a <= rowUpper[i]! + EPS);
  /** The LP optimum of the cell's count in one direction (and, where it matters, the integer optimum). */
  const solve = (r: number, sense: 'max' | 'min', integer: boolean): Bound => {
    const remaining = (deadline - performance.now()) / 1000;
    if (remaining <= 0) return 'timeout';
    const cost = new Float64Array(n);
    for (const v of lp.rowVars[r]!) cost[v] = 1;
    model.changeColsCost(all, cost);
    model.changeObjectiveSense(
      sense === 'max' ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize,
    );
    if (integer !== integerModel) {
      model.changeColsIntegrality(
        all,
        new Int32Array(n).fill(
          integer ? h.constants.variableType.integer : h.constants.variableType.continuous,
        ),
      );
      integerModel = integer;
    }
    // HiGHS counts its time limit over every run of a model: start its clock afresh.
    model.zeroAllClocks();
    model.options.set({ time_limit: integer ? Math.min(remaining, integerLimit) : remaining });
    const result = model.run();
    outcome.solves++;
    if (integer) outcome.integerSolves++;
    if (result.modelStatus !== 7) {
      if (result.modelStatus !== 13) throw new Error(`HiGHS ended with model status ${result.modelStatus}`);
      if (!integer || performance.now() >= deadline) return 'timeout';
      outcome.integerStopped++;
      // The integer program did not finish: the best integer table it found, if any, joins the witnesses, and
      // the bound is the furthest any witness reaches (never wider than what the attacker can prove).
      try {
        const incumbent = model.getSolution();
        if (feasibleIntegral(incumbent.colValue, incumbent.rowValue))
          witnesses.push(Float64Array.from(incumbent.colValue, Math.round));
      } catch {
        // no incumbent
      }
      const sums = witnesses.map((w) => sumOver(w, r));
      return {
        value: sense === 'max' ? Math.max(...sums) : Math.min(...sums),
        integral: true,
        duals: null,
      };
    }
    const solution = model.getSolution();
    const integral = integer || isIntegral(solution.colValue);
    if (integral) witnesses.push(Float64Array.from(solution.colValue, Math.round));
    return {
      value: model.getObjectiveValue(),
      integral,
      duals: integer ? null : solution.rowDual,
    };
  };

  /** The attacker's integer interval for row r, or the reason it is not known. */
  const interval = (
    r: number,
  ): { lower: number; upper: number; binding: Float64Array | null } | 'timeout' | 'wide' => {
    const truthValue = sumOver(truth, r);
    let lo = truthValue;
    let hi = truthValue;
    for (const w of witnesses) {
      const s = sumOver(w, r);
      if (s < lo) lo = s;
      if (s > hi) hi = s;
    }
    if (hi - lo >= k) return 'wide';
    // Where the LP comes close (within two of the limit) and its optimum is fractional, the integer optimum
    // may be tighter than the LP bound rounded inwards: then it is solved as well.
    const max = solve(r, 'max', false);
    if (max === 'timeout') return 'timeout';
    let upper = Math.floor(max.value + EPS);
    if (!max.integral && upper - lo < k + 2) {
      const exact = solve(r, 'max', true);
      if (exact === 'timeout') return 'timeout';
      upper = Math.round(exact.value);
    }
    if (upper - lo >= k) return 'wide';
    const min = solve(r, 'min', false);
    if (min === 'timeout') return 'timeout';
    let lower = Math.ceil(min.value - EPS);
    if (!min.integral && upper - lower < k + 2) {
      const exact = solve(r, 'min', true);
      if (exact === 'timeout') return 'timeout';
      lower = Math.round(exact.value);
    }
    if (upper - lower >= k) return 'wide';
    // Binding equations: those with a non-zero dual in either optimum.
    const binding = new Float64Array(rows);
    for (const d of [max.duals, min.duals]) {
      if (d) for (let i = 0; i < rows; i++) binding[i]! += Math.abs(d[i]!);
    }
    return { lower, upper, binding };
  };

  const suppressRow = (r: number) => {
    const t = lp.tables[lp.rowTable[r]!]!;
    const cell = lp.rowCell[r]!;
    t.flags[cell] = SECONDARY;
    pc.secondary++;
    outcome.added.push([t.key, cell]);
    model.changeRowBounds(r, -h.infinity, h.infinity);
    rowLower[r] = -h.infinity;
    rowUpper[r] = h.infinity;
  };

  const proved = new Set<number>();
  try {
    for (const r of targets) {
      let first = true;
      for (;;) {
        const result = interval(r);
        if (result === 'wide') {
          proved.add(r);
          break;
        }
        if (result === 'timeout') {
          outcome.timedOut = true;
          break;
        }
        if (first) outcome.exposedBefore.push(describe(r, result.lower, result.upper));
        first = false;
        if (options.protect === false) {
          outcome.exposed.push(describe(r, result.lower, result.upper));
          break;
        }
        const best = cheapestBindingCell(lp, result.binding!);
        if (best < 0) {
          outcome.exposed.push(describe(r, result.lower, result.upper));
          break;
        }
        suppressRow(best);
      }
      if (outcome.timedOut) break;
    }
  } finally {
    model.dispose();
  }
  if (outcome.timedOut) {
    // Every small cell not proved protected counts as exposed (with the interval the witnesses give).
    outcome.exposed = targets
      .filter((r) => !proved.has(r))
      .map((r) => {
        const sums = witnesses.map((w) => sumOver(w, r));
        return describe(r, Math.min(...sums), Math.max(...sums));
      });
  }
  outcome.ok = !outcome.timedOut && outcome.exposed.length === 0;
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

/**
 * The linear constraints in HiGHS's compressed-row form: row r sums its unknowns, bounded by what its published
 * number allows (a suppressed cell's row is free). `equations` counts the rows a published number binds.
 */
function constraintMatrix(pc: ProtectedCube, lp: Lp, infinity: number) {
  const rows = lp.rowVars.length;
  let nnz = 0;
  for (const vars of lp.rowVars) nnz += vars.length;
  const starts = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  const rowLower = new Float64Array(rows);
  const rowUpper = new Float64Array(rows);
  let equations = 0;
  for (let r = 0, at = 0; r < rows; r++) {
    starts[r] = at;
    indices.set(lp.rowVars[r]!, at);
    at += lp.rowVars[r]!.length;
    const t = lp.tables[lp.rowTable[r]!]!;
    const cell = lp.rowCell[r]!;
    const [lo, hi] = rowBounds(pc, t.table.counts[cell]!, t.flags[cell]!);
    rowLower[r] = lo === -Infinity ? -infinity : lo;
    rowUpper[r] = hi === Infinity ? infinity : hi;
    if (t.flags[cell] === PUBLISHED) equations++;
  }
  starts[rows] = nnz;
  return { starts, indices, nnz, rowLower, rowUpper, equations };
}

/** The unknowns (non-negative counts, no objective yet) under the constraints, as a silent HiGHS model. */
function countsModel(
  h: Highs,
  n: number,
  m: Pick<ReturnType<typeof constraintMatrix>, 'starts' | 'indices' | 'nnz' | 'rowLower' | 'rowUpper'>,
): Model {
  const rows = m.rowLower.length;
  const model = h.createModel({
    numCols: n,
    numRows: rows,
    colCost: new Float64Array(n),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(h.infinity),
    rowLower: m.rowLower,
    rowUpper: m.rowUpper,
    matrix: {
      format: 'csr',
      numRows: rows,
      numCols: n,
      starts: m.starts,
      indices: m.indices,
      values: new Float64Array(m.nnz).fill(1),
    },
  });
  model.options.set({ output_flag: false });
  return model;
}

/** The cell of row r as people read it: its columns, their values, and the interval an attacker can prove. */
function describeRow(pc: ProtectedCube, lp: Lp, r: number, lower: number, upper: number): AuditCell {
  const t = lp.tables[lp.rowTable[r]!]!;
  const codes = cellCodes(t.table, lp.rowCell[r]!);
  return {
    columns: t.table.dims.map((d) => pc.cube.columns[d]!.name),
    values: t.table.dims.map((d, i) => pc.cube.columns[d]!.values[codes[i]!] || null),
    lower,
    upper,
  };
}

/** Small suppressed cells (1 to k-1), longest tables first (their protection tends to cover the shorter ones). */
function smallSuppressedRows(lp: Lp, k: number): number[] {
  const targets: number[] = [];
  for (let r = 0; r < lp.rowVars.length; r++) {
    const t = lp.tables[lp.rowTable[r]!]!;
    const cell = lp.rowCell[r]!;
    const count = t.table.counts[cell]!;
    if (t.flags[cell] !== PUBLISHED && count >= 1 && count < k) targets.push(r);
  }
  return targets.sort((a, b) => lp.rowVars[b]!.length - lp.rowVars[a]!.length || a - b);
}

/** The cheapest published non-zero cell whose equation binds the bound (-1 when there is none). */
function cheapestBindingCell(lp: Lp, binding: Float64Array): number {
  let best = -1;
  let bestCost = Infinity;
  for (let i = 0; i < lp.rowVars.length; i++) {
    if (binding[i]! <= EPS) continue;
    const t = lp.tables[lp.rowTable[i]!]!;
    const cell = lp.rowCell[i]!;
    const count = t.table.counts[cell]!;
    if (t.flags[cell] !== PUBLISHED || count <= 0) continue;
    // Cost: the count hidden; among equals, the equation that binds most.
    const cost = count - binding[i]! * 1e-6;
    if (cost < bestCost) {
      bestCost = cost;
      best = i;
    }
  }
  return best;
}

/** The true count of every unknown: the full cross-table of the published columns, counted from the records. */
function trueFullTable(pc: ProtectedCube, data: Microdata, lp: Lp, out: Float64Array) {
  const m = pc.cube.columns.length;
  if (data.columns.length !== m) throw new Error('the audit needs the microdata of the published columns');
  const strides = new Array<number>(m);
  let size = 1;
  for (let i = m - 1; i >= 0; i--) {
    strides[i] = size;
    size *= pc.cube.columns[i]!.values.length;
  }
  const counts = new Map<number, number>();
  for (let row = 0; row < data.rows; row++) {
    let index = 0;
    for (let d = 0; d < m; d++) index += data.codes[d]![row]! * strides[d]!;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  // Each unknown's full-table cell, from its cells in the one-column tables.
  const index = new Float64Array(lp.variables);
  for (let d = 0; d < m; d++) {
    const rows = lp.rowOf.get(tableKey([d]))!;
    rows.forEach((r, code) => {
      if (r < 0) return;
      for (const v of lp.rowVars[r]!) index[v]! += code * strides[d]!;
    });
  }
  let total = 0;
  for (let v = 0; v < lp.variables; v++) {
    out[v] = counts.get(index[v]!) ?? 0;
    total += out[v]!;
  }
  if (total !== data.rows) throw new Error('the published zeros exclude records: cube and microdata differ');
}
