// The release CSV writer (now the platform's, src/platform/csv.ts) against csv-stringify, and the release files it writes.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvText } from '../../platform/csv.js';
import { aggregatesCsv, noisyMarginals } from './dp.js';
import { microdataFrom } from './microdata.js';
import { microdataToCsv } from './registrations.js';

// Values that need quoting, that look like they might and that do not (csv-stringify's defaults decide).
const AWKWARD = [
  '',
  'plain',
  'a,b',
  'say "hi"',
  '"',
  'line\nbreak',
  'carriage\rreturn',
  '\r\n',
  ' spaced ',
  '=SUM(A1)',
  '-1',
  "it's",
  'tab\there',
  'Ārābiyya العربية',
  ';semi;',
];

describe('the release CSV writer', () => {
  it('writes what csv-stringify writes, for awkward text and numbers', () => {
    const rows = [AWKWARD, [...AWKWARD].reverse(), [0, 1, -2, 3.5, 1e21, Number.NaN, 'x'], ['only']];
    expect(csvText(rows)).toBe(stringify(rows));
    expect(csvText([])).toBe(stringify([]));
  });

  it('writes a synthetic file as csv-stringify would, header and every record', () => {
    const columns = ['name, with comma', 'say "x"', 'multi\nline'];
    const records = Array.from({ length: 40 }, (_, r) => [
      AWKWARD[r % AWKWARD.length]!,
      AWKWARD[(r * 7) % AWKWARD.length]!,
      String(r % 3),
    ]);
    const data = microdataFrom(columns, records);
    const expected = stringify([columns, ...records.map((row) => row.map((v) => v))]);
    expect(microdataToCsv(data)).toBe(expected);
  });

  it('writes the noisy aggregates as csv-stringify would', () => {
    const data = microdataFrom(
      ['a', 'b,c'],
      Array.from({ length: 200 }, (_, r) => [`v"${r % 3}`, r % 2 ? 'x,y' : 'z']),
    );
    const release = noisyMarginals(data, { rho: 50, reportingLength: 2 });
    const csv = aggregatesCsv(release);
    const rows = parse(csv) as string[][];
    expect(rows.length).toBeGreaterThan(3);
    expect(rows[0]).toEqual(['a', 'b,c', 'length', 'count']);
    expect(rows.some((row) => row.includes('x,y'))).toBe(true);
    expect(csv).toBe(stringify(rows));
  });
});
