// The pool's money arithmetic: whole cents, quarter hours as typed, the rate in force on a day, yearly totals
// against the volunteer-allowance limit, and the Dutch CSV dialect.
import { describe, expect, it } from 'vitest';
import type { FieldProblem } from '../../../platform/errors.js';
import {
  dutchAmount,
  dutchDate,
  dutchHours,
  feeCents,
  parseCents,
  parseQuarterHours,
  rateOn,
  yearTotals,
} from './money.js';

describe('hours and amounts as typed', () => {
  it('keeps quarter hours exactly and refuses finer ones with a reason instead of rounding', () => {
    const problems: FieldProblem[] = [];
    expect(parseQuarterHours('4,25', 'hours_worked', problems, { min: 0, max: 1000 })).toBe(4.25);
    expect(parseQuarterHours('6.5', 'hours_worked', problems, { min: 0, max: 1000 })).toBe(6.5);
    expect(problems).toEqual([]);
    expect(parseQuarterHours('4,3', 'hours_worked', problems, { min: 0, max: 1000 })).toBeNull();
    expect(parseQuarterHours('1.333', 'hours_worked', problems, { min: 0, max: 1000 })).toBeNull();
    expect(parseQuarterHours('-1', 'hours_worked', problems, { min: 0, max: 1000 })).toBeNull();
    expect(parseQuarterHours('1e2', 'hours_worked', problems, { min: 0, max: 1000 })).toBeNull();
    expect(problems.map((p) => p.key)).toEqual([
      'monitor.error.quarterHours',
      'monitor.error.quarterHours',
      'monitor.error.range',
      'monitor.error.range',
    ]);
  });

  it('reads euros into whole cents and refuses a third decimal', () => {
    const problems: FieldProblem[] = [];
    expect(parseCents('62,50', 'rate', problems, { min: 1, max: 1000 })).toBe(6250);
    expect(parseCents('65', 'rate', problems, { min: 1, max: 1000 })).toBe(6500);
    expect(parseCents('€ 65.5', 'rate', problems, { min: 1, max: 1000 })).toBe(6550);
    expect(problems).toEqual([]);
    expect(parseCents('65,005', 'rate', problems, { min: 1, max: 1000 })).toBeNull();
    expect(parseCents('0', 'rate', problems, { min: 1, max: 1000 })).toBeNull();
    expect(parseCents('abc', 'rate', problems, { min: 1, max: 1000 })).toBeNull();
    expect(problems.map((p) => p.key)).toEqual([
      'monitor.error.cents',
      'monitor.error.range',
      'monitor.error.amount',
    ]);
  });
});

describe('the fee', () => {
  it('is the issue’s 6.5 hours at EUR 65 = EUR 422.50, exact to the cent', () => {
    expect(feeCents(6.5, 6500)).toBe(42250);
    expect(feeCents(4.25, 6250)).toBe(26563); // 265.625 -> half a cent up, once
    expect(feeCents(0.25, 6501)).toBe(1625); // 1625.25 -> 1625
    expect(feeCents(1000, 100000)).toBe(100_000_000);
  });

  it('takes the rate in force on the day the work was done', () => {
    const periods = [
      { effectiveFrom: '2026-01-01', hourlyRateCents: 6500 },
      { effectiveFrom: '2026-07-01', hourlyRateCents: 7000 },
    ];
    expect(rateOn(periods, '2025-12-31')).toBeUndefined();
    expect(rateOn(periods, '2026-06-30')!.hourlyRateCents).toBe(6500);
    expect(rateOn(periods, '2026-07-01')!.hourlyRateCents).toBe(7000);
  });
});

describe('yearly totals against the volunteer-allowance limit', () => {
  it('adds each expert’s fees of the year, finds the highest month and flags what is over', () => {
    const fees = [
      { expertId: 'b', pseudonym: 'Berk', workedOn: '2026-03-02', feeCents: 150_000 },
      { expertId: 'b', pseudonym: 'Berk', workedOn: '2026-03-20', feeCents: 80_000 },
      { expertId: 'a', pseudonym: 'Amber', workedOn: '2026-05-01', feeCents: 10_000 },
      { expertId: 'a', pseudonym: 'Amber', workedOn: '2025-05-01', feeCents: 999_999 },
    ];
    const limit = { year: 2026, monthlyCents: 22_000, yearlyCents: 220_000 };
    const totals = yearTotals(fees, 2026, limit);
    expect(totals.map((t) => [t.pseudonym, t.totalCents, t.overYear, t.overMonth])).toEqual([
      ['Amber', 10_000, false, false],
      ['Berk', 230_000, true, true],
    ]);
    expect(totals[1]!.highestMonth).toEqual({ month: '2026-03', cents: 230_000 });
    // Without a known limit nothing is claimed.
    expect(yearTotals(fees, 2026, null).every((t) => !t.overYear && !t.overMonth && t.limit === null)).toBe(
      true,
    );
  });
});

describe('the Dutch spreadsheet dialect', () => {
  it('writes Dutch numbers and dates (the file itself: src/platform/csv.test.ts)', () => {
    expect(dutchAmount(42250)).toBe('422,50');
    expect(dutchAmount(5)).toBe('0,05');
    expect(dutchHours(4.25)).toBe('4,25');
    expect(dutchDate('2026-11-28')).toBe('28-11-2026');
  });
});
