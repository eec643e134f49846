// The workflow's transitions, working-day deadlines with Dutch holidays, and the reflection period.
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  ageOn,
  ageRangeOf,
  allowedTransitions,
  byAge,
  dutchHolidays,
  isWorkingDay,
  reflectionEnd,
  STATUSES,
} from './model.js';
import { bottlenecks, percentile } from './bottlenecks.js';

describe('case workflow', () => {
  it('goes forward step by step and only reopens a closed case to assessment', () => {
    expect(allowedTransitions('signal', 'received')).toEqual(['triage', 'closed']);
    expect(allowedTransitions('signal', 'received')).not.toContain('placement');
    expect(allowedTransitions('signal', 'closed')).toEqual(['assessment']);
    expect(allowedTransitions('consult', 'received')).toEqual(['closed']);
    expect(allowedTransitions('consult', 'closed')).toEqual([]);
  });

  it('lets every open case be closed', () => {
    for (const s of STATUSES) if (s !== 'closed') expect(allowedTransitions('signal', s)).toContain('closed');
  });
});

describe('working days', () => {
  it('knows the moving Dutch holidays', () => {
    const h2026 = dutchHolidays(2026);
    expect(h2026.has('2026-04-06')).toBe(true); // Easter Monday
    expect(h2026.has('2026-05-14')).toBe(true); // Ascension
    expect(h2026.has('2026-05-25')).toBe(true); // Whit Monday
    expect(h2026.has('2026-04-27')).toBe(true); // King's Day (Monday)
    expect(dutchHolidays(2025).has('2025-04-26')).toBe(true); // 27th was a Sunday
    expect(dutchHolidays(2025).has('2025-05-05')).toBe(true); // lustrum year
    expect(dutchHolidays(2026).has('2026-05-05')).toBe(false);
  });

  it('skips the weekend: Friday 10:00 plus two working days is Tuesday 10:00', () => {
    const due = addWorkingDays(new Date('2026-11-27T09:00:00Z'), 2);
    expect(due.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('skips Christmas', () => {
    expect(isWorkingDay('2026-12-25')).toBe(false);
    const due = addWorkingDays(new Date('2026-12-24T09:00:00Z'), 2);
    expect(due.toISOString()).toBe('2026-12-29T09:00:00.000Z');
  });
});

describe('reflection period', () => {
  it('ends three months after it starts, at the end of a shorter month', () => {
    expect(reflectionEnd('2026-01-15')).toBe('2026-04-15');
    expect(reflectionEnd('2026-11-30')).toBe('2027-02-28');
  });
});

describe('bottleneck figures', () => {
  it('uses the nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('groups per region and month and counts only steps that happened', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 10, 1) + h * 3_600_000);
    const rows = bottlenecks([
      {
        region: 'Twente',
        month: '2026-11',
        signalAt: at(0),
        triageAt: at(4),
        firstReferralAt: at(10),
        placementAt: null,
      },
      {
        region: 'Twente',
        month: '2026-11',
        signalAt: at(0),
        triageAt: at(8),
        firstReferralAt: null,
        placementAt: null,
      },
      {
        region: 'Utrecht',
        month: '2026-11',
        signalAt: at(0),
        triageAt: null,
        firstReferralAt: null,
        placementAt: null,
      },
    ]);
    const twente = rows.find((r) => r.region === 'Twente')!;
    expect(twente.signals).toBe(2);
    expect(twente.triage).toEqual({ count: 2, medianHours: 4, p90Hours: 8 });
    expect(twente.referral.count).toBe(1);
    expect(twente.placement).toEqual({ count: 0, medianHours: null, p90Hours: null });
  });
});

describe('routing by age', () => {
  const on = '2026-11-28';

  it('counts whole years from the date of birth (the birthday itself counts)', () => {
    expect(ageOn('2003-11-28', on)).toBe(23);
    expect(ageOn('2003-11-29', on)).toBe(22);
    expect(ageOn('2010-02-28', on)).toBe(16);
  });

  it('reads the age as precisely as the signal gives it: date of birth, age group, minor, or nothing', () => {
    const base = { ageGroup: 'unknown', minor: 'unknown', on };
    expect(ageRangeOf({ ...base, dateOfBirth: '1996-05-01', ageGroup: '9--17' })).toEqual({
      from: 30,
      to: 30,
    });
    expect(ageRangeOf({ ...base, ageGroup: '21--23' })).toEqual({ from: 21, to: 23 });
    expect(ageRangeOf({ ...base, ageGroup: '48+' })).toEqual({ from: 48, to: 130 });
    expect(ageRangeOf({ ...base, minor: 'yes' })).toEqual({ from: 0, to: 17 });
    expect(ageRangeOf({ ...base, minor: 'no' })).toEqual({ from: 18, to: 130 });
    expect(ageRangeOf(base)).toBeUndefined();
    // A date of birth in the future says nothing usable: the rest decides.
    expect(ageRangeOf({ ...base, dateOfBirth: '2030-01-01', minor: 'yes' })).toEqual({ from: 0, to: 17 });
  });

  // Noord-Oost Gelderland in the sample directory: MEE-Veluwe under 23, Moviera from 23, and a province-wide
  // coordination without an age limit.
  const mee = { name: 'MEE', minimumAge: null, maximumAge: 22 };
  const moviera = { name: 'Moviera', minimumAge: 23, maximumAge: null };
  const province = { name: 'Province', minimumAge: null, maximumAge: null };
  const teams = [province, moviera, mee];
  const route = (range: Parameters<typeof byAge>[1]) => byAge(teams, range, (t) => t).map((t) => t.name);

  it('gives the case to the coordination for the age, the age-specific one first', () => {
    expect(route({ from: 16, to: 16 })).toEqual(['MEE', 'Province']);
    expect(route({ from: 30, to: 30 })).toEqual(['Moviera', 'Province']);
    expect(route({ from: 23, to: 23 })).toEqual(['Moviera', 'Province']);
    expect(route({ from: 22, to: 22 })).toEqual(['MEE', 'Province']);
  });

  it('keeps every coordination an uncertain age could belong to, and all of them when the age is unknown', () => {
    expect(route({ from: 21, to: 23 })).toEqual(['Moviera', 'MEE', 'Province']);
    expect(route(undefined)).toEqual(['Province', 'Moviera', 'MEE']);
    // None fits (only age-limited ones, none for this age): all of them, so the signal still lands somewhere.
    expect(byAge([mee], { from: 40, to: 40 }, (t) => t).map((t) => t.name)).toEqual(['MEE']);
  });
});
