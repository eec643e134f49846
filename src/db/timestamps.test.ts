// The fast timestamptz reader gives exactly what node-postgres's general parser gives, for every form the server
// sends and for the forms it leaves to the general parser.
import fc from 'fast-check';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseIsoTimestamptz, timestamptzParser } from './timestamps.js';

// Read before anything sets our parser: the general one node-postgres ships (postgres-date).
const general = pg.types.getTypeParser(1184, 'text') as (value: string) => Date | number | null;
const parse = timestamptzParser(general);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

describe('timestamptz reader', () => {
  it('reads what PostgreSQL sends (any time, fraction length and offset form) as the general parser does', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0100-01-01T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999_999 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: -15 * 3600, max: 15 * 3600 }),
        fc.constantFrom('hours', 'minutes', 'seconds'),
        (date, micros, fractionDigits, anyOffset, offsetForm) => {
          // The text the server would send for this instant at this offset (whole hours for the short form).
          const offsetSeconds =
            offsetForm === 'hours'
              ? Math.trunc(anyOffset / 3600) * 3600
              : offsetForm === 'minutes'
                ? Math.trunc(anyOffset / 60) * 60
                : anyOffset;
          const local = new Date(date.getTime() + offsetSeconds * 1000);
          const fraction = fractionDigits ? `.${pad(micros, 6).slice(0, fractionDigits)}` : '';
          const abs = Math.abs(offsetSeconds);
          let offset = `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600), 2)}`;
          if (offsetForm !== 'hours') offset += `:${pad(Math.floor((abs % 3600) / 60), 2)}`;
          if (offsetForm === 'seconds') offset += `:${pad(abs % 60, 2)}`;
          const text =
            `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)} ` +
            `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}${fraction}${offset}`;
          const expected = (general(text) as Date).getTime();
          expect((parse(text) as Date).getTime(), text).toBe(expected);
          // The fast path takes every such text from year 100 on (earlier years go to the general parser).
          if (local.getUTCFullYear() >= 100)
            expect(parseIsoTimestamptz(text)?.getTime(), text).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('leaves infinity, BC dates, long years and unexpected text to the general parser', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '2026-11-28 21:05:51+00 BC',
      '12026-11-28 21:05:51+00',
      '0050-01-01 00:00:00+00',
      '2026-11-28T21:05:51+00',
      '2026-11-28 21:05:51',
      '2026-11-28 21:05:51.+00',
      '2026-1x-28 21:05:51+00',
    ]) {
      expect(parseIsoTimestamptz(text), text).toBeUndefined();
      const expected = general(text);
      const actual = parse(text);
      if (expected instanceof Date) expect((actual as Date).getTime()).toEqual(expected.getTime());
      else expect(actual).toEqual(expected);
    }
  });
});
