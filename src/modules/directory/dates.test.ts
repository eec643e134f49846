import { describe, expect, it } from 'vitest';
import { addDays, amsterdamDate, isStale, staleBefore } from './dates.js';

describe('verification dates', () => {
  it('takes today in Amsterdam, not UTC', () => {
    expect(amsterdamDate(new Date('2026-11-28T22:59:59Z'))).toBe('2026-11-28');
    expect(amsterdamDate(new Date('2026-11-28T23:00:00Z'))).toBe('2026-11-29');
    expect(amsterdamDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
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
