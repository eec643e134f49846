// Attack: tell two neighbouring data sets apart from the public utility report. The old report was computed
// exactly from the sensitive data, so removing one record changed it with certainty (issue 14: 912 → 911). The
// public report now takes only the noisy marginals and the synthetic file: for two data sets one record apart,
// the same noisy marginals (which the mechanism produces from either with probabilities within e^ε of each
// other) give the very same report, so it adds nothing to what the noise already hides.
import { describe, expect, it } from 'vitest';
import { aggregate, subsets, tableKey, type Cube } from './cube.js';
import { cdpRho, postProcess, rawNoisyCube } from './dp.js';
import { evaluate, evaluateAgainstMarginals } from './evaluate.js';
import { microdataFrom, type Microdata } from './microdata.js';
import { seededRng } from './random.js';
import { synthesize } from './synthesis.js';
import { seededSource } from './test/random.js';

function sample(seed: string, rows: number): Microdata {
  const rng = seededRng(seed);
  const records: string[][] = [];
  for (let r = 0; r < rows; r++) {
    const gender = rng.next() < 0.55 ? 'Female' : rng.next() < 0.9 ? 'Male' : '';
    const minor = rng.next() < 0.15 ? 'Minor' : 'Adult';
    const labour = gender === 'Male' ? (rng.next() < 0.8 ? '1' : '') : rng.next() < 0.3 ? '1' : '';
    const region = ['Africa', 'Asia', 'Europe', 'Oceania', ''][rng.int(5)]!;
    records.push([gender, minor, labour, region]);
  }
  return microdataFrom(['gender', 'majorityStatus', 'isForcedLabour', 'region'], records);
}

function without(data: Microdata, row: number): Microdata {
  return {
    columns: data.columns,
    codes: data.codes.map((c) => Uint16Array.from([...c.slice(0, row), ...c.slice(row + 1)])),
    rows: data.rows - 1,
  };
}

const copyCube = (cube: Cube): Cube => ({
  ...cube,
  tables: new Map([...cube.tables].map(([k, t]) => [k, { ...t, counts: Float64Array.from(t.counts) }])),
});

describe('the public utility report', () => {
  it('attack: does not change when one record is removed, beyond what the noise gives', () => {
    const data = sample('neighbours', 3000);
    const neighbour = without(data, 17);
    const params = { rho: cdpRho(4, 1e-6), reportingLength: 3 };
    const raw = rawNoisyCube(data, params, seededSource('neighbours'));
    // The noise that makes the neighbour give the very same raw noisy cube: the drawn noise plus one in each
    // cell the removed record falls in (C(m, ℓ) cells per length; a draw as likely as the first within e^ε).
    const exactData = aggregate(data, 3);
    const exactNeighbour = aggregate(neighbour, 3);
    let shifted = 0;
    for (const { length } of raw.plan)
      for (const dims of subsets(4, length)) {
        const noisy = raw.cube.tables.get(tableKey(dims))!.counts;
        const a = exactData.tables.get(tableKey(dims))!.counts;
        const b = exactNeighbour.tables.get(tableKey(dims))!.counts;
        for (let i = 0; i < noisy.length; i++) {
          const difference = noisy[i]! - b[i]! - (noisy[i]! - a[i]!);
          expect(difference === 0 || difference === 1).toBe(true);
          shifted += difference;
        }
      }
    expect(shifted).toBe(4 + 6 + 4);
    const release = postProcess({ cube: copyCube(raw.cube), plan: raw.plan });
    const releaseNeighbour = postProcess({ cube: copyCube(raw.cube), plan: raw.plan });
    const synthetic = synthesize(release.cube, release.records);
    const syntheticNeighbour = synthesize(releaseNeighbour.cube, releaseNeighbour.records);
    const report = evaluateAgainstMarginals(release.cube, synthetic, 3);
    expect(evaluateAgainstMarginals(releaseNeighbour.cube, syntheticNeighbour, 3)).toEqual(report);
    expect(report.basis).toBe('noisy');
    expect(report.records.sensitive).toBe(release.records);
    // Control: the exact report (the old public one) tells the two apart with certainty, whatever the noise.
    const exact = evaluate(data, synthetic, 3);
    const exactNeighbourReport = evaluate(neighbour, synthetic, 3);
    expect(exact.records.sensitive - exactNeighbourReport.records.sensitive).toBe(1);
    expect(exact.lengths).not.toEqual(exactNeighbourReport.lengths);
  });
});
