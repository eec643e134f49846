// Open now, and when next: judged in Amsterdam time whatever the server's zone, across midnight and DST.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../directory/index.js';
import fc from 'fast-check';
import {
  amsterdamWeekTime,
  openingChangeMinutes,
  openingState,
  openingStateAt,
  periodStart,
} from './hours.js';

const schedule = (byday: string | null, opens: string | null, closes: string | null): Schedule => ({
  id: 'x',
  byday,
  freq: 'WEEKLY',
  opens_at: opens,
  closes_at: closes,
  valid_from: null,
  valid_to: null,
  description: null,
  timezone: null,
});
const officeHours = [schedule('MO,TU,WE,TH,FR', '09:00', '17:00')];

describe('openingState', () => {
  it('reads Amsterdam local time in winter (UTC+1) and summer (UTC+2)', () => {
    // Saturday 28 November 2026, 10:00 UTC = 11:00 in Amsterdam
    expect(amsterdamWeekTime(new Date('2026-11-28T10:00:00Z'))).toEqual({ day: 5, minutes: 11 * 60 });
    // Monday 1 June 2026, 07:30 UTC = 09:30 in Amsterdam
    expect(amsterdamWeekTime(new Date('2026-06-01T07:30:00Z'))).toEqual({ day: 0, minutes: 9 * 60 + 30 });
  });

  it('is open during office hours and closed outside them, with the next opening', () => {
    expect(openingState(officeHours, new Date('2026-06-01T07:30:00Z'))).toEqual({ openNow: true });
    // Monday 06:00 Amsterdam: opens later today
    expect(openingState(officeHours, new Date('2026-06-01T04:00:00Z'))).toEqual({
      openNow: false,
      next: { inDays: 0, day: 'MO', time: '09:00' },
    });
    // Friday 18:00 Amsterdam: opens Monday
    expect(openingState(officeHours, new Date('2026-06-05T16:00:00Z'))).toEqual({
      openNow: false,
      next: { inDays: 3, day: 'MO', time: '09:00' },
    });
  });

  it('knows 24/7 and overnight slots', () => {
    const always = [schedule('MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59')];
    expect(openingState(always, new Date('2026-11-28T23:30:00Z')).openNow).toBe(true);
    const night = [schedule('FR', '22:00', '02:00')];
    // Saturday 01:00 Amsterdam is still Friday night's slot
    expect(openingState(night, new Date('2026-11-28T00:00:00Z')).openNow).toBe(true);
    expect(openingState(night, new Date('2026-11-28T02:30:00Z')).openNow).toBe(false);
  });

  it('says nothing (null) when no times are published', () => {
    expect(openingState([], new Date('2026-11-28T10:00:00Z'))).toEqual({ openNow: null });
    expect(openingState([schedule('MO,TU', null, null)], new Date('2026-11-28T10:00:00Z'))).toEqual({
      openNow: null,
    });
  });
});

describe('openingChangeMinutes', () => {
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45, 59))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
  const anySchedule = fc
    .tuple(
      fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 }),
      fc.option(time, { nil: null }),
      fc.option(time, { nil: null }),
    )
    .map(([byday, opens, closes]) => schedule(byday.join(','), opens, closes));

  it('gives the same opening state at any minute as at the start of its period', () => {
    fc.assert(
      fc.property(
        fc.array(anySchedule, { maxLength: 5 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 24 * 60 - 1 }),
        (schedules, day, minutes) => {
          const start = periodStart(openingChangeMinutes(schedules), minutes);
          expect(start).toBeLessThanOrEqual(minutes);
          expect(openingStateAt(schedules, day, minutes)).toEqual(openingStateAt(schedules, day, start));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('starts the periods at midnight and at every opening and closing time', () => {
    const minutes = openingChangeMinutes([...officeHours, schedule('SA', '22:00', '02:00')]);
    expect(minutes).toEqual([0, 120, 540, 1020, 1320]);
    expect(periodStart(minutes, 0)).toBe(0);
    expect(periodStart(minutes, 539)).toBe(120);
    expect(periodStart(minutes, 540)).toBe(540);
    expect(periodStart(minutes, 1439)).toBe(1320);
  });
});
