import { describe, expect, it } from 'vitest';
import { addDays, amsterdamDate, isStale, staleBefore } from './dates.js';

describe('verification dates', () => {
  it('takes today in Amsterdam, not UTC', () => {
    expect(amsterdamDate(new Date('2026-11-28T22:59:59Z'))).toBe('2026-11-28');
    expect(amsterdamDate(new Date('2026-11-28T23:00:00Z'))).toBe('2026-11-29');
    expect(amsterdamDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
  it('stays right around the changes of summer time and when the clock goes back and forth', () => {
    // 29 March 2026: 01:00 UTC becomes 03:00 in Amsterdam; 25 October 2026: 01:00 UTC becomes 02:00.
    const cases: [string, string][] = [
      ['2026-03-28T22:59:59Z', '2026-03-28'],
      ['2026-03-28T23:00:00Z', '2026-03-29'],
      ['2026-03-29T21:59:59Z', '2026-03-29'],
      ['2026-03-29T22:00:00Z', '2026-03-30'],
      ['2026-10-24T21:59:59Z', '2026-10-24'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
      ['2026-10-25T22:59:59Z', '2026-10-25'],
      ['2026-10-25T23:00:00Z', '2026-10-26'],
    ];
    for (const [instant, date] of [...cases, ...[...cases].reverse()]) {
      expect(amsterdamDate(new Date(instant)), instant).toBe(date);
    }
  });
  it('counts whole days across months and years', () => {
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(staleBefore('2026-11-28')).toBe('2026-06-01');
  });
  it('is stale after more than 180 days, or when never verified', () => {
    expect(isStale(null, '2026-11-28')).toBe(true);
    expect(isStale('2026-06-01', '2026-11-28')).toBe(false);
    expect(isStale('2026-05-31', '2026-11-28')).toBe(true);
    expect(isStale('2026-11-28', addDays('2026-11-28', 180))).toBe(false);
    expect(isStale('2026-11-28', addDays('2026-11-28', 181))).toBe(true);
  });
});
