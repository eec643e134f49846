// Open now, and when next: judged in Amsterdam time whatever the server's zone, across midnight and DST.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../directory/index.js';
import { amsterdamWeekTime, openingState } from './hours.js';

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
    expect(openingState([], new Date())).toEqual({ openNow: null });
    expect(openingState([schedule('MO,TU', null, null)], new Date())).toEqual({ openNow: null });
  });
});
