// A small exact-enough linear programming solver for the attack tests: the bounds an attacker can put on a
// cell from every published number (A x = b, x >= 0 over the full underlying table). Dense two-phase simplex
// with Bland's rule after removing dependent equations; fine for a few hundred variables.
const EPS = 1e-9;
/** Pivots smaller than this are not used: they only amplify rounding errors. */
const PIVOT = 1e-7;

/** Removes linearly dependent rows of [A | b]; throws when the system is inconsistent. */
function independentRows(A: number[][], b: number[]): { A: number[][]; b: number[] } {
  const rows = A.map((row, i) => [...row, b[i]!]);
  const n = A[0]?.length ?? 0;
  let rank = 0;
  const pivotRows: number[][] = [];
  const kept: number[] = [];
  // Gaussian elimination on a copy to find which original rows are independent.
  const work = rows.map((r) => [...r]);
  const used = new Array<boolean>(work.length).fill(false);
  for (let col = 0; col < n && rank < work.length; col++) {
    let best = -1;
    for (let r = 0; r < work.length; r++) {
      if (used[r]) continue;
      if (
        Math.abs(work[r]![col]!) > EPS &&
        (best < 0 || Math.abs(work[r]![col]!) > Math.abs(work[best]![col]!))
      )
        best = r;
    }
    if (best < 0) continue;
    used[best] = true;
    kept.push(best);
    const pivot = work[best]!;
    for (let r = 0; r < work.length; r++) {
      if (r === best || Math.abs(work[r]![col]!) <= EPS) continue;
      const f = work[r]![col]! / pivot[col]!;
      for (let c = col; c <= n; c++) work[r]![c]! -= f * pivot[c]!;
    }
    pivotRows.push(pivot);
    rank++;
  }
  for (let r = 0; r < work.length; r++) {
    if (!used[r] && Math.abs(work[r]![n]!) > 1e-6) throw new Error('inconsistent equations');
  }
  return { A: kept.map((r) => A[r]!), b: kept.map((r) => b[r]!) };
}

class Tableau {
  t: number[][];
  basis: number[];
  constructor(
    A: number[][],
    b: number[],
    readonly n: number,
  ) {
    const m = A.length;
    this.t = A.map((row, i) => {
      const sign = b[i]! < 0 ? -1 : 1;
      const artificial = new Array<number>(m).fill(0);
      artificial[i] = 1;
      return [...row.map((v) => v * sign), ...artificial, b[i]! * sign];
    });
    this.basis = A.map((_, i) => n + i);
  }
  get width() {
    return this.t[0]!.length - 1;
  }
  pivot(row: number, col: number) {
    const p = this.t[row]!;
    const v = p[col]!;
    for (let c = 0; c < p.length; c++) p[c]! /= v;
    for (let r = 0; r < this.t.length; r++) {
      if (r === row) continue;
      const f = this.t[r]![col]!;
      if (Math.abs(f) <= EPS) continue;
      const rr = this.t[r]!;
      for (let c = 0; c < rr.length; c++) {
        const x = rr[c]! - f * p[c]!;
        // The data are small integers: anything this close to zero is zero.
        rr[c] = Math.abs(x) < EPS ? 0 : x;
      }
    }
    this.basis[row] = col;
  }
  /** Minimises cost·x over the allowed columns; returns the minimum (or -Infinity when unbounded). */
  minimise(cost: number[], allowed: (col: number) => boolean): number {
    for (let iteration = 0; iteration < 100_000; iteration++) {
      let entering = -1;
      for (let j = 0; j < this.width; j++) {
        if (!allowed(j) || this.basis.includes(j)) continue;
        let reduced = cost[j] ?? 0;
        for (let i = 0; i < this.t.length; i++) reduced -= (cost[this.basis[i]!] ?? 0) * this.t[i]![j]!;
        if (reduced < -EPS) {
          entering = j;
          break;
        }
      }
      if (entering < 0) break;
      let leave = -1;
      let ratio = Infinity;
      for (let i = 0; i < this.t.length; i++) {
        const a = this.t[i]![entering]!;
        if (a > PIVOT) {
          const r = this.t[i]![this.width]! / a;
          if (r < ratio - EPS || (Math.abs(r - ratio) <= EPS && this.basis[i]! < this.basis[leave]!)) {
            ratio = r;
            leave = i;
          }
        }
      }
      if (leave < 0) return -Infinity;
      this.pivot(leave, entering);
    }
    let value = 0;
    for (let i = 0; i < this.t.length; i++) value += (cost[this.basis[i]!] ?? 0) * this.t[i]![this.width]!;
    return value;
  }
}

/**
 * Variables in an equation whose right-hand side is 0 are 0 (x >= 0): they are dropped (kept at 0) before the
 * simplex, which removes most of the degeneracy that makes floating-point simplex unreliable.
 */
export function dropZeros(A: number[][], b: number[]): { A: number[][]; b: number[]; keep: number[] } {
  const n = A[0]!.length;
  const zero = new Array<boolean>(n).fill(false);
  A.forEach((row, i) => {
    if (Math.abs(b[i]!) < 1e-9) row.forEach((v, j) => v !== 0 && (zero[j] = true));
  });
  const keep = zero.flatMap((z, j) => (z ? [] : [j]));
  const rows: number[][] = [];
  const rhs: number[] = [];
  A.forEach((row, i) => {
    if (Math.abs(b[i]!) < 1e-9) return;
    rows.push(keep.map((j) => row[j]!));
    rhs.push(b[i]!);
  });
  return { A: rows, b: rhs, keep };
}

/** The feasible tableau for A x = b, x >= 0 (after phase 1), to optimise different objectives from. */
export function feasible(Ain: number[][], bin: number[]): Tableau {
  const { A, b } = independentRows(Ain, bin);
  const n = Ain[0]!.length;
  const tab = new Tableau(A, b, n);
  const phase1 = new Array<number>(n + A.length).fill(0).map((_, j) => (j >= n ? 1 : 0));
  const infeasibility = tab.minimise(phase1, () => true);
  if (infeasibility > 1e-6) throw new Error('infeasible');
  for (let i = 0; i < tab.t.length; i++) {
    if (tab.basis[i]! < n) continue;
    const col = tab.t[i]!.findIndex((v, j) => j < n && Math.abs(v) > EPS);
    if (col >= 0) tab.pivot(i, col);
  }
  return tab;
}

/** The smallest and largest value of x[j] subject to A x = b, x >= 0. */
export function bounds(tab: Tableau, j: number): { min: number; max: number } {
  const snapshot = () => ({ t: tab.t.map((r) => [...r]), basis: [...tab.basis] });
  const restore = (s: { t: number[][]; basis: number[] }) => {
    tab.t = s.t.map((r) => [...r]);
    tab.basis = [...s.basis];
  };
  const start = snapshot();
  const onlyReal = (col: number) => col < tab.n;
  const cost = new Array<number>(tab.n).fill(0);
  cost[j] = 1;
  const min = tab.minimise(cost, onlyReal);
  restore(start);
  cost[j] = -1;
  const max = -tab.minimise(cost, onlyReal);
  restore(start);
  return { min, max };
}
