import { describe, expect, it } from 'vitest';
import { aggregate, subsets, tableKey } from './cube.js';
import {
  answer,
  MISSING_TOKEN,
  PRIMARY,
  protect,
  PUBLISHED,
  type ProtectedCube,
  type TableQuery,
} from './disclosure.js';
import { microdataFrom, recordAt, type Microdata } from './microdata.js';
import { seededRng } from './random.js';
import { readFileSync } from 'node:fs';
import { parseDataset } from './formats.js';
import { CTDC_VP_FILE, sharedFileAvailable } from './test/shared.js';
import { bounds, dropZeros, feasible } from './test/lp.js';

/** Skewed microdata with many small cells: `rows` records over columns with these categories. */
function skewed(seed: string, rows: number, categories: string[][]): Microdata {
  const rng = seededRng(seed);
  const names = categories.map((_, i) => `c${i}`);
  const records: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const first = rng.int(categories[0]!.length);
    records.push(
      categories.map((values, c) => {
        // Correlated with the first column, so some combinations are common and others rare.
        const pick = rng.next() < 0.6 ? (first + c) % values.length : rng.int(values.length);
        return values[pick]!;
      }),
    );
  }
  return microdataFrom(names, records);
}

/** Every query the API can answer on this cube: each set of dims with each combination of filter values. */
function everyQuery(pc: ProtectedCube): TableQuery[] {
  const { columns, maxLength } = pc.cube;
  const queries: TableQuery[] = [];
  for (let length = 1; length <= maxLength; length++) {
    for (const chosen of subsets(columns.length, length)) {
      // Split the chosen columns into table dims (at least one) and filters.
      for (let mask = 0; mask < 1 << chosen.length; mask++) {
        const dims = chosen.filter((_, i) => !(mask & (1 << i)));
        const filterCols = chosen.filter((_, i) => mask & (1 << i));
        if (dims.length === 0) continue;
        const combos = filterCols.reduce<string[][]>(
          (acc, c) =>
            acc.flatMap((prefix) => columns[c]!.values.map((v) => [...prefix, v === '' ? MISSING_TOKEN : v])),
          [[]],
        );
        for (const values of combos) {
          queries.push({
            dims: dims.map((d) => columns[d]!.name),
            filters: Object.fromEntries(filterCols.map((c, i) => [columns[c]!.name, values[i]!])),
          });
        }
      }
    }
  }
  return queries;
}

/**
 * Everything an attacker learns from every answer, as equations over the full underlying table (every
 * combination of all columns, x >= 0): each published cell and total is the sum of the full cells it covers.
 */
function equationsFromAnswers(pc: ProtectedCube, data: Microdata) {
  const radices = data.columns.map((c) => c.values.length);
  const size = radices.reduce((a, b) => a * b, 1);
  const fullCodes: number[][] = [];
  for (let i = 0; i < size; i++) {
    let rest = i;
    const codes = new Array<number>(radices.length);
    for (let c = radices.length - 1; c >= 0; c--) {
      codes[c] = rest % radices[c]!;
      rest = Math.floor(rest / radices[c]!);
    }
    fullCodes.push(codes);
  }
  const codeOf = (column: number, label: string | null) =>
    data.columns[column]!.values.indexOf(label === null || label === MISSING_TOKEN ? '' : label);
  const index = new Map(data.columns.map((c, i) => [c.name, i]));
  const A: number[][] = [];
  const b: number[] = [];
  const add = (fixed: Map<number, number>, value: number) => {
    A.push(fullCodes.map((codes) => ([...fixed].every(([c, v]) => codes[c] === v) ? 1 : 0)));
    b.push(value);
  };
  let answers = 0;
  for (const query of everyQuery(pc)) {
    const result = answer(pc, query);
    answers++;
    const filters = new Map(
      Object.entries(query.filters).map(([n, v]) => [index.get(n)!, codeOf(index.get(n)!, v)]),
    );
    if (result.total !== null) add(filters, result.total);
    for (const cell of result.cells) {
      if (cell.count === null) continue;
      const fixed = new Map(filters);
      query.dims.forEach((name, i) => fixed.set(index.get(name)!, codeOf(index.get(name)!, cell.values[i]!)));
      add(fixed, cell.count);
    }
  }
  return { A, b, fullCodes, answers };
}

interface Leak {
  table: string;
  cell: number;
  count: number;
  min: number;
  max: number;
}

/** Attacks every suppressed cell with LP over everything published; returns the cells it could narrow down. */
function attack(pc: ProtectedCube, data: Microdata): { leaks: Leak[]; attacked: number } {
  const equations = equationsFromAnswers(pc, data);
  const { A, b, keep } = dropZeros(equations.A, equations.b);
  // Full cells known to be zero are gone; the rest are renumbered.
  const fullCodes = keep.map((j) => equations.fullCodes[j]!);
  const tab = feasible(A, b);
  const leaks: Leak[] = [];
  let attacked = 0;
  for (const [key, flags] of pc.status) {
    const table = pc.cube.tables.get(key)!;
    flags.forEach((flag, cell) => {
      if (flag === PUBLISHED) return;
      attacked++;
      // The suppressed cell as a new variable y = sum of its full cells: add the column and ask its bounds.
      const codes = table.radices.map((r, i) => Math.floor(cell / table.strides[i]!) % r);
      const covers = fullCodes.map((full) => table.dims.every((d, i) => full[d] === codes[i]));
      const count = table.counts[cell]!;
      const { min, max } = cellBounds(tab, covers);
      // The solver is sound: the true count always lies within what it derives.
      if (count < min - 1e-6 || count > max + 1e-6) throw new Error(`LP bounds ${min}..${max} miss ${count}`);
      // A leak: everything published together shows the cell is below k (pinned or bounded). A secondary
      // cell is at least k itself, so only a primary one can leak.
      // (A suppressed zero, hidden as a corner of a box, reveals no one: only non-zero cells count.)
      if (count > 0 && max < pc.rules.k - 1e-6) leaks.push({ table: key, cell, count, min, max });
    });
  }
  return { leaks, attacked };
}

/** Bounds of a sum of variables: LP over a copy of the tableau with the objective on those variables. */
function cellBounds(tab: ReturnType<typeof feasible>, covers: boolean[]) {
  // bounds() optimises one variable; a sum is optimised by giving every covered variable the same cost.
  let min = 0;
  let max = 0;
  const vars = covers.flatMap((c, i) => (c ? [i] : []));
  if (vars.length === 1) return bounds(tab, vars[0]!);
  const result = sumBounds(tab, vars);
  min = result.min;
  max = result.max;
  return { min, max };
}

function sumBounds(tab: ReturnType<typeof feasible>, vars: number[]) {
  const start = { t: tab.t.map((r) => [...r]), basis: [...tab.basis] };
  const cost = new Array<number>(tab.n).fill(0);
  for (const v of vars) cost[v] = 1;
  const min = tab.minimise(cost, (c) => c < tab.n);
  tab.t = start.t.map((r) => [...r]);
  tab.basis = [...start.basis];
  const max = -tab.minimise(
    cost.map((c) => -c),
    (c) => c < tab.n,
  );
  tab.t = start.t.map((r) => [...r]);
  tab.basis = [...start.basis];
  return { min, max };
}

const CATS3 = [
  ['a', 'b', 'c'],
  ['x', 'y', ''],
  ['p', 'q'],
];
const CATS3M = [
  ['a', 'b', 'c', ''],
  ['x', 'y', ''],
  ['p', 'q'],
];
const CATS4 = [
  ['a', 'b', 'c'],
  ['x', 'y'],
  ['p', 'q', ''],
  ['u', 'v'],
];
const CATS4B = [
  ['a', 'b', 'c'],
  ['x', 'y', 'z'],
  ['p', 'q'],
  ['u', 'v'],
];
const CATS5 = [
  ['a', 'b', ''],
  ['x', 'y'],
  ['p', 'q', ''],
  ['u', 'v'],
  ['m', 'n'],
];

describe('disclosure control', () => {
  it('suppresses every cell below k, never a zero as primary, and publishes only zeros and counts of k or more', () => {
    const data = skewed('threshold', 80, [
      ['a', 'b', 'c'],
      ['x', 'y'],
    ]);
    const cube = aggregate(data, 2);
    const pc = protect(cube, { k: 10, roundingBase: null });
    for (const [key, flags] of pc.status) {
      const counts = cube.tables.get(key)!.counts;
      counts.forEach((count, cell) => {
        if (count > 0 && count < 10) expect(flags[cell]).toBe(PRIMARY);
        if (count === 0) expect(flags[cell]).not.toBe(PRIMARY);
      });
    }
    const result = answer(pc, { dims: ['c0', 'c1'], filters: {} });
    for (const cell of result.cells) {
      if (cell.count !== null) expect(cell.count === 0 || cell.count >= 10).toBe(true);
    }
  });

  it('leaves no line of any table with exactly one suppressed member', () => {
    const data = skewed('lines', 150, [
      ['a', 'b', 'c'],
      ['x', 'y'],
      ['p', 'q', 'r', ''],
    ]);
    const pc = protect(aggregate(data, 3), { k: 5, roundingBase: null });
    expect(pc.primary).toBeGreaterThan(0);
    for (const [key, flags] of pc.status) {
      const table = pc.cube.tables.get(key)!;
      table.dims.forEach((_, j) => {
        const marginKey = tableKey(table.dims.filter((__, i) => i !== j));
        const marginFlags = pc.status.get(marginKey)!;
        const lines = new Map<number, number>();
        flags.forEach((flag, cell) => {
          const codes = table.radices.map((r, i) => Math.floor(cell / table.strides[i]!) % r);
          const rest = codes.filter((_, i) => i !== j);
          const m = pc.cube.tables.get(marginKey)!;
          const mi = rest.reduce((acc, code, i) => acc + code * m.strides[i]!, 0);
          lines.set(mi, (lines.get(mi) ?? (marginFlags[mi] ? 1 : 0)) + (flag ? 1 : 0));
        });
        for (const members of lines.values()) expect(members).not.toBe(1);
      });
    }
  });

  // Each case is attacked on several seeds (a wider scan, 30 seeds per case, found no leak; tables of four
  // columns did leak, which is why a data set's tables are limited to three columns).
  it.each([
    { name: 'three columns, whole table published', cats: CATS3, L: 3, rows: 120, k: 5, seeds: 6 },
    { name: 'three columns with missing values, k = 10', cats: CATS3M, L: 3, rows: 250, k: 10, seeds: 4 },
    { name: 'four columns, tables of three (linked)', cats: CATS4, L: 3, rows: 160, k: 5, seeds: 6 },
    { name: 'five columns, tables of three, k = 10', cats: CATS5, L: 3, rows: 300, k: 10, seeds: 3 },
    { name: 'four columns, tables of two', cats: CATS4B, L: 2, rows: 90, k: 5, seeds: 6 },
  ])(
    'withstands differencing and margin attacks by linear programming: $name',
    ({ cats, L, rows, k, seeds }) => {
      let attacked = 0;
      for (let i = 0; i < seeds; i++) {
        const data = skewed(`s${i}-${rows}`, rows, cats);
        const pc = protect(aggregate(data, L), { k, roundingBase: null });
        const result = attack(pc, data);
        attacked += result.attacked;
        expect(result.leaks).toEqual([]);
      }
      expect(attacked).toBeGreaterThan(0);
    },
  );

  it('the attack finds what primary suppression alone gives away (the attack can fail a table)', () => {
    const data = skewed('naive', 120, [
      ['a', 'b', 'c'],
      ['x', 'y', ''],
      ['p', 'q'],
    ]);
    const pc = protect(aggregate(data, 3), { k: 5, roundingBase: null });
    // Undo every secondary suppression: threshold rule only.
    for (const flags of pc.status.values()) flags.forEach((f, i) => (flags[i] = f === PRIMARY ? PRIMARY : 0));
    const { leaks } = attack(pc, data);
    expect(leaks.length).toBeGreaterThan(0);
  });

  it('answers a filtered table as a slice of the cube, and its total from the filter margin', () => {
    const data = skewed('slice', 300, [
      ['a', 'b'],
      ['x', 'y'],
      ['p', 'q'],
    ]);
    const pc = protect(aggregate(data, 3), { k: 3, roundingBase: null });
    const filtered = answer(pc, { dims: ['c0'], filters: { c1: 'x' } });
    const full = answer(pc, { dims: ['c0', 'c1'], filters: {} });
    for (const cell of filtered.cells) {
      const same = full.cells.find((c) => c.values[0] === cell.values[0] && c.values[1] === 'x')!;
      expect(cell.count).toBe(same.count);
    }
    const byC1 = answer(pc, { dims: ['c1'], filters: {} });
    expect(filtered.total).toBe(byC1.cells.find((c) => c.values[0] === 'x')!.count);
  });

  it('rounds published numbers to the base', () => {
    const data = skewed('round', 500, [
      ['a', 'b', 'c'],
      ['x', 'y'],
    ]);
    const pc = protect(aggregate(data, 2), { k: 10, roundingBase: 5 });
    const result = answer(pc, { dims: ['c0', 'c1'], filters: {} });
    for (const cell of result.cells) if (cell.count !== null) expect(cell.count % 5).toBe(0);
    expect(result.total! % 5).toBe(0);
  });

  it('refuses unknown dims and values with a 400 naming the field', () => {
    const data = skewed('bad', 50, [
      ['a', 'b'],
      ['x', 'y'],
      ['p', 'q'],
      ['u', 'v'],
    ]);
    const pc = protect(aggregate(data, 3), { k: 3, roundingBase: null });
    const fields = (query: TableQuery) => {
      try {
        answer(pc, query);
      } catch (error) {
        return (error as { statusCode: number; fields: { field: string }[] }).fields.map((f) => f.field);
      }
      return [];
    };
    expect(fields({ dims: ['nope'], filters: {} })).toEqual(['dims']);
    expect(fields({ dims: ['c0'], filters: { c1: 'zzz' } })).toEqual(['c1']);
    expect(fields({ dims: ['c0'], filters: { other: 'x' } })).toEqual(['other']);
    expect(fields({ dims: ['c0', 'c1', 'c2'], filters: { c3: 'u' } })).toEqual(['dims']);
  });
});

const ctdcAvailable = sharedFileAvailable(CTDC_VP_FILE);

describe.skipIf(!ctdcAvailable)('disclosure control on samples of the CTDC file', () => {
  // Samples of 250 records over four published columns (a cube of linked tables of three): as sparse as small
  // municipalities get. The LP attack must find no cell below k. (With five columns a scan found leaks in 2 of
  // 8 samples: that is why a data set's published columns are chosen, see the README.)
  it.each([
    [['gender', 'majorityStatus', 'isForcedLabour', 'UN_COE_Region']],
    [['yearRegister', 'gender', 'IP_Relation', 'isSexualExploit']],
  ])('withstands the attack on %j', (columns) => {
    const parsed = parseDataset('ctdc-vp', readFileSync(CTDC_VP_FILE, 'utf8'));
    if (!parsed.ok) throw new Error('the CTDC file did not parse');
    const index = columns.map((c) => parsed.data.columns.findIndex((x) => x.name === c));
    let attacked = 0;
    for (let i = 0; i < 4; i++) {
      const rng = seededRng(`ctdc-sample-${i}`);
      const rows: string[][] = [];
      for (let n = 0; n < 250; n++) {
        const record = recordAt(parsed.data, rng.int(parsed.data.rows));
        rows.push(index.map((j) => record[j]!));
      }
      const data = microdataFrom(columns, rows);
      const pc = protect(aggregate(data, 3), { k: 10, roundingBase: null });
      const result = attack(pc, data);
      attacked += result.attacked;
      expect(result.leaks).toEqual([]);
    }
    expect(attacked).toBeGreaterThan(0);
  });
});
