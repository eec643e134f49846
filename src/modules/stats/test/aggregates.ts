// Reads a release's published files back, as anyone downloading them would: the noisy marginals
// (aggregates.csv) as a cube and the synthetic file as microdata, on the same columns. Used to show that the
// public utility report is computed from these two files and nothing else.
import { parse } from 'csv-parse/sync';
import { makeTable, subsets, tableKey, type Cube } from '../cube.js';
import { canonicalMulti, microdataFrom, type Microdata } from '../microdata.js';

export function publishedRelease(
  aggregatesCsv: string,
  syntheticCsv: string,
  maxLength: number,
): { cube: Cube; synthetic: Microdata } {
  const aggregates = parse(aggregatesCsv) as string[][];
  const rows = parse(syntheticCsv) as string[][];
  const names = rows[0]!;
  const synthetic = microdataFrom(
    names,
    rows.slice(1).map((r) => r.map((v) => canonicalMulti(v.split(';')))),
  );
  // Every value either file shows, per column (code 0 missing).
  const columns = synthetic.columns.map((c, i) => {
    const values = new Set(c.values.slice(1));
    for (const row of aggregates.slice(2)) if (row[i]) values.add(row[i]!);
    return { name: c.name, values: ['', ...[...values].sort()] };
  });
  const tables = new Map<string, ReturnType<typeof makeTable>>();
  for (let length = 0; length <= maxLength; length++)
    for (const dims of subsets(names.length, length)) tables.set(tableKey(dims), makeTable(columns, dims));
  const total = Number(aggregates[1]!.at(-1));
  tables.get('')!.counts[0] = total;
  for (const row of aggregates.slice(2)) {
    const dims = names.flatMap((_, i) => (row[i] ? [i] : []));
    const table = tables.get(tableKey(dims))!;
    let cell = 0;
    dims.forEach((d, i) => (cell += columns[d]!.values.indexOf(row[d]!) * table.strides[i]!));
    table.counts[cell] = Number(row.at(-1));
  }
  return { cube: { columns, maxLength, tables, total }, synthetic };
}
