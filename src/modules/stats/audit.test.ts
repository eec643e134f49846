// The suppression audit attacked and checked: on a small synthetic cube (fast) its findings are compared with an
// independent LP built from every answer the API gives (test/lp.ts, its own simplex), and on the CTDC file it
// must find the cell issue 14 names (pinned to exactly 1) before protection and none after.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyAudit, auditCube, AuditTooLargeError, cubeFingerprint } from './audit.js';
import { aggregate, subsets } from './cube.js';
import {
  answer,
  MISSING_TOKEN,
  PRIMARY,
  protect,
  PUBLISHED,
  SECONDARY,
  type ProtectedCube,
  type TableQuery,
} from './disclosure.js';
import { parseDataset } from './formats.js';
import { microdataFrom, type Microdata } from './microdata.js';
import { CTDC_VP_FILE, sharedFileAvailable } from './test/shared.js';
import { dropZeros, feasible } from './test/lp.js';

/** A small skewed data set (deterministic, its own generator): many small cells, some rare combinations. */
function fixture(rows = 90): Microdata {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const cats = [
    ['a', 'b', 'c'],
    ['x', 'y', 'z', ''],
    ['p', 'q', 'r'],
  ];
  const records: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const first = Math.floor(next() * 3);
    records.push(
      cats.map((values, c) =>
        next() < 0.7 ? values[(first + c) % values.length]! : values[Math.floor(next() * values.length)]!,
      ),
    );
  }
  return microdataFrom(['c0', 'c1', 'c2'], records);
}

/** The protected cube with only the threshold rule (secondary suppression undone): the attack must succeed. */
function thresholdOnly(pc: ProtectedCube): ProtectedCube {
  for (const flags of pc.status.values()) flags.forEach((f, i) => f === SECONDARY && (flags[i] = PUBLISHED));
  return { ...pc, secondary: 0 };
}

/** Every query the API can answer: each set of dims with each combination of filter values. */
function everyQuery(pc: ProtectedCube): TableQuery[] {
  const { columns, maxLength } = pc.cube;
  const queries: TableQuery[] = [];
  for (let length = 1; length <= maxLength; length++) {
    for (const chosen of subsets(columns.length, length)) {
      for (let mask = 0; mask < 1 << chosen.length; mask++) {
        const dims = chosen.filter((_, i) => !(mask & (1 << i)));
        const filterCols = chosen.filter((_, i) => mask & (1 << i));
        if (!dims.length) continue;
        const combos = filterCols.reduce<string[][]>(
          (acc, c) =>
            acc.flatMap((prefix) => columns[c]!.values.map((v) => [...prefix, v === '' ? MISSING_TOKEN : v])),
          [[]],
        );
        for (const values of combos)
          queries.push({
            dims: dims.map((d) => columns[d]!.name),
            filters: Object.fromEntries(filterCols.map((c, i) => [columns[c]!.name, values[i]!])),
          });
      }
    }
  }
  return queries;
}

/**
 * The attacker's LP, built independently of audit.ts: every published number of every answer as an equation
 * over the full table, solved with the test simplex. Returns the bounds of every suppressed non-zero cell.
 */
function independentBounds(pc: ProtectedCube) {
  const { columns } = pc.cube;
  const radices = columns.map((c) => c.values.length);
  const size = radices.reduce((a, b) => a * b, 1);
  const full: number[][] = [];
  for (let i = 0; i < size; i++) {
    let rest = i;
    const codes = new Array<number>(radices.length);
    for (let c = radices.length - 1; c >= 0; c--) {
      codes[c] = rest % radices[c]!;
      rest = Math.floor(rest / radices[c]!);
    }
    full.push(codes);
  }
  const index = new Map(columns.map((c, i) => [c.name, i]));
  const codeOf = (c: number, label: string | null) =>
    columns[c]!.values.indexOf(label === null || label === MISSING_TOKEN ? '' : label);
  const A: number[][] = [];
  const b: number[] = [];
  const add = (fixed: Map<number, number>, value: number) => {
    A.push(full.map((codes) => ([...fixed].every(([c, v]) => codes[c] === v) ? 1 : 0)));
    b.push(value);
  };
  for (const query of everyQuery(pc)) {
    const result = answer(pc, query);
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
  const reduced = dropZeros(A, b);
  const cells = reduced.keep.map((j) => full[j]!);
  const tab = feasible(reduced.A, reduced.b);
  const out: { key: string; values: (string | null)[]; count: number; min: number; max: number }[] = [];
  for (const [key, flags] of pc.status) {
    const table = pc.cube.tables.get(key)!;
    flags.forEach((flag, cell) => {
      const count = table.counts[cell]!;
      if (flag === PUBLISHED || count === 0) return;
      const codes = table.radices.map((r, i) => Math.floor(cell / table.strides[i]!) % r);
      const cost = new Array<number>(tab.n).fill(0);
      cells.forEach((c, j) => table.dims.every((d, i) => c[d] === codes[i]) && (cost[j] = 1));
      const start = { t: tab.t.map((r) => [...r]), basis: [...tab.basis] };
      const restore = () => {
        tab.t = start.t.map((r) => [...r]);
        tab.basis = [...start.basis];
      };
      const min = tab.minimise(cost, (c) => c < tab.n);
      restore();
      const max = -tab.minimise(
        cost.map((c) => -c),
        (c) => c < tab.n,
      );
      restore();
      out.push({
        key,
        values: table.dims.map((d, i) => columns[d]!.values[codes[i]!] || null),
        count,
        min,
        max,
      });
    });
  }
  return out;
}

describe('the suppression audit on a small synthetic cube', () => {
  const data = fixture();
  const rules = { k: 5, roundingBase: null };

  it('finds cells an attacker pins or bounds below k when only the threshold rule is applied, as the independent LP does', async () => {
    const pc = thresholdOnly(protect(aggregate(data, 2), rules));
    const outcome = await auditCube(pc, data, { timeLimitSeconds: 60, protect: false });
    expect(outcome.ok).toBe(false);
    expect(outcome.smallCells).toBeGreaterThan(0);
    expect(outcome.exposed.length).toBeGreaterThan(0);
    expect(outcome.added).toEqual([]);
    // Some cell is pinned exactly (a line with one suppressed cell).
    expect(outcome.exposed.some((c) => c.lower === c.upper)).toBe(true);
    const independent = independentBounds(pc);
    const exposedIndependently = independent.filter(
      (c) => c.count < rules.k && Math.floor(c.max + 1e-6) - Math.ceil(c.min - 1e-6) < rules.k,
    );
    // The same cells, with intervals at least as tight as the LP's (integer bounds may be tighter).
    expect(outcome.exposed.length).toBe(exposedIndependently.length);
    for (const cell of outcome.exposed) {
      const match = independent.find(
        (c) =>
          JSON.stringify(c.values) === JSON.stringify(cell.values) &&
          c.key.split(',').length === cell.columns.length &&
          c.key
            .split(',')
            .map((d) => pc.cube.columns[Number(d)]!.name)
            .join() === cell.columns.join(),
      )!;
      expect(match).toBeDefined();
      expect(cell.lower).toBeLessThanOrEqual(match.count);
      expect(cell.upper).toBeGreaterThanOrEqual(match.count);
      expect(cell.lower).toBeGreaterThanOrEqual(Math.ceil(match.min - 1e-6));
      expect(cell.upper).toBeLessThanOrEqual(Math.floor(match.max + 1e-6));
    }
  });

  it('adds suppression until no small cell is exposed, proved by the independent LP over every answer', async () => {
    const pc = thresholdOnly(protect(aggregate(data, 2), rules));
    const outcome = await auditCube(pc, data, { timeLimitSeconds: 60 });
    expect(outcome.exposedBefore.length).toBeGreaterThan(0);
    expect(outcome.ok).toBe(true);
    expect(outcome.exposed).toEqual([]);
    expect(outcome.added.length).toBeGreaterThan(0);
    for (const [key, cell] of outcome.added) expect(pc.status.get(key)![cell]).toBe(SECONDARY);
    // Threshold: every published number is 0 or at least k; every primary cell stays suppressed.
    for (const [key, flags] of pc.status) {
      const counts = pc.cube.tables.get(key)!.counts;
      flags.forEach((flag, cell) => {
        if (flag === PUBLISHED) expect(counts[cell] === 0 || counts[cell]! >= rules.k).toBe(true);
        if (counts[cell]! > 0 && counts[cell]! < rules.k) expect(flag).not.toBe(PUBLISHED);
      });
    }
    const small = independentBounds(pc).filter((c) => c.count < rules.k);
    expect(small.length).toBeGreaterThan(0);
    for (const c of small) {
      expect(Math.floor(c.max + 1e-6) - Math.ceil(c.min - 1e-6), JSON.stringify(c)).toBeGreaterThanOrEqual(
        rules.k,
      );
    }
    // Auditing the protected cube again finds nothing and adds nothing.
    const again = await auditCube(pc, data, { timeLimitSeconds: 60 });
    expect(again).toMatchObject({ ok: true, exposedBefore: [], added: [] });
  });

  it('re-applies a stored audit to a fresh cube of the same numbers; one changed record changes the fingerprint', async () => {
    const pc = protect(aggregate(data, 2), rules);
    const fresh = protect(aggregate(data, 2), rules);
    expect(cubeFingerprint(fresh)).toBe(cubeFingerprint(pc));
    const outcome = await auditCube(thresholdOnly(pc), data, { timeLimitSeconds: 60 });
    const replay = applyAudit(thresholdOnly(fresh), outcome.added);
    for (const [key, flags] of pc.status) expect([...replay.status.get(key)!]).toEqual([...flags]);
    const records = Array.from({ length: data.rows }, (_, r) =>
      data.columns.map((c, i) => c.values[data.codes[i]![r]!]!),
    );
    records[0] = records[0]!.map((v, i) => (i === 2 ? (v === 'p' ? 'q' : 'p') : v));
    const changed = microdataFrom(['c0', 'c1', 'c2'], records);
    expect(cubeFingerprint(protect(aggregate(changed, 2), rules))).not.toBe(cubeFingerprint(pc));
    expect(cubeFingerprint(protect(aggregate(data, 2), { k: 6, roundingBase: null }))).not.toBe(
      cubeFingerprint(pc),
    );
  });

  it('gives up at the time limit: not ok, and names every small cell it did not prove protected', async () => {
    const pc = thresholdOnly(protect(aggregate(data, 2), rules));
    const outcome = await auditCube(pc, data, { timeLimitSeconds: 0 });
    expect(outcome.ok).toBe(false);
    expect(outcome.timedOut).toBe(true);
    expect(outcome.exposed.length).toBeGreaterThan(0);
    expect(outcome.exposed.length).toBeLessThanOrEqual(outcome.smallCells);
    for (const cell of outcome.exposed) expect(cell.columns.length).toBeGreaterThan(0);
  });

  it('refuses a cube with more possible cells than it may hold', async () => {
    const pc = protect(aggregate(data, 2), rules);
    await expect(auditCube(pc, data, { timeLimitSeconds: 60, maxVariables: 5 })).rejects.toBeInstanceOf(
      AuditTooLargeError,
    );
  });

  it('bounds rounded numbers by their rounding interval, not as exact', async () => {
    // Read as exact, the rounded numbers would contradict each other (margins no longer add up) and the LP
    // would be infeasible; as intervals of width 5 the attacker learns less than from exact numbers.
    const exact = await auditCube(thresholdOnly(protect(aggregate(data, 2), rules)), data, {
      timeLimitSeconds: 60,
      protect: false,
    });
    const rounded = await auditCube(
      thresholdOnly(protect(aggregate(data, 2), { k: 5, roundingBase: 5 })),
      data,
      { timeLimitSeconds: 60, protect: false },
    );
    expect(rounded.timedOut).toBe(false);
    expect(rounded.exposed.length).toBeLessThan(exact.exposed.length);
  });
});

const ctdcAvailable = sharedFileAvailable(CTDC_VP_FILE);

describe.skipIf(!ctdcAvailable)('the suppression audit on the CTDC victim–perpetrator file', () => {
  const columns = ['yearRegister', 'UN_COO_Region', 'IP_ageBroad', 'IP_citizen_UNRegion'];
  const load = () => {
    const parsed = parseDataset('ctdc-vp', readFileSync(CTDC_VP_FILE, 'utf8'));
    if (!parsed.ok) throw new Error('the CTDC file did not parse');
    const keep = columns.map((c) => parsed.data.columns.findIndex((x) => x.name === c));
    return {
      columns: keep.map((i) => parsed.data.columns[i]!),
      codes: keep.map((i) => parsed.data.codes[i]!),
      rows: parsed.data.rows,
    };
  };

  it(
    'finds 2021–2022 × Europe × perpetrators from Asia;Europe pinned to exactly 1 before protection, and nothing after',
    async () => {
      const data = load();
      const rules = { k: 10, roundingBase: null };
      // The threshold and line rules with the hypercube step, as published before this audit existed.
      const before = protect(aggregate(data, 3), rules);
      const report = await auditCube(before, data, { timeLimitSeconds: 300, protect: false });
      expect(report.ok).toBe(false);
      expect(report.exposed).toContainEqual({
        columns: ['yearRegister', 'UN_COO_Region', 'IP_citizen_UNRegion'],
        values: ['2021--2022', 'Europe', 'Asia;Europe'],
        lower: 1,
        upper: 1,
      });
      // The attack: one pinned, 15 more bounded below k.
      expect(report.exposed.length).toBe(16);
      expect(report.exposed.filter((c) => c.upper < 10).length).toBe(16);

      const pc = protect(aggregate(data, 3), rules);
      const outcome = await auditCube(pc, data, { timeLimitSeconds: 300 });
      expect(outcome.ok).toBe(true);
      expect(outcome.exposed).toEqual([]);
      expect(outcome.added.length).toBeGreaterThan(0);
      // The attacker's view of the protected cube: no small cell exposed, the named one included.
      const after = await auditCube(pc, data, { timeLimitSeconds: 300, protect: false });
      expect(after).toMatchObject({ ok: true, exposed: [], exposedBefore: [] });
      // Every published number is still 0 or at least k; the named cell stays suppressed.
      for (const [key, flags] of pc.status) {
        const counts = pc.cube.tables.get(key)!.counts;
        flags.forEach((flag, cell) => {
          if (flag === PUBLISHED) expect(counts[cell] === 0 || counts[cell]! >= 10).toBe(true);
          else if (counts[cell]! > 0 && counts[cell]! < 10) expect(flag).toBe(PRIMARY);
        });
      }
    },
    15 * 60_000,
  );
});
