// The one time module: the Dutch calendar day across the clock changes and year ends, the working days with the
// public holidays the triage deadlines count, and dates in the reader's language. Every instant is written out:
// nothing here reads the wall clock, so the suite gives the same answers on any date.
import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addWorkingDays,
  amsterdamDate,
  amsterdamWeekTime,
  dutchHolidays,
  easter,
  formatCalendarDate,
  formatMoment,
  isIsoDate,
  isWorkingDay,
  weekdayName,
  weekdayOf,
} from './index.js';

const at = (iso: string) => new Date(iso);
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('the Dutch calendar day', () => {
  it('is the date in Amsterdam, not in UTC, on both sides of midnight in winter and summer time', () => {
    // Winter (UTC+1): 23:30 UTC is 00:30 the next day in Amsterdam.
    expect(amsterdamDate(at('2026-01-14T22:59:59Z'))).toBe('2026-01-14');
    expect(amsterdamDate(at('2026-01-14T23:00:00Z'))).toBe('2026-01-15');
    // Summer (UTC+2): the day starts at 22:00 UTC.
    expect(amsterdamDate(at('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(amsterdamDate(at('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('moves to the new year at midnight in Amsterdam, an hour before UTC does', () => {
    expect(amsterdamDate(at('2026-12-31T22:59:59.999Z'))).toBe('2026-12-31');
    expect(amsterdamDate(at('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
    expect(amsterdamDate(at('2027-01-01T00:30:00Z'))).toBe('2027-01-01');
  });

  it('keeps the right date on the nights the clocks change (29 March and 25 October 2026)', () => {
    expect(amsterdamDate(at('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
    expect(amsterdamDate(at('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(amsterdamDate(at('2026-03-29T21:59:00Z'))).toBe('2026-03-29'); // 23:59 summer time
    expect(amsterdamDate(at('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(amsterdamDate(at('2026-10-24T21:59:00Z'))).toBe('2026-10-24'); // 23:59 summer time
    expect(amsterdamDate(at('2026-10-24T22:00:00Z'))).toBe('2026-10-25');
    expect(amsterdamDate(at('2026-10-25T22:59:00Z'))).toBe('2026-10-25'); // 23:59 winter time
    expect(amsterdamDate(at('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('answers each instant for itself although it keeps the last answer (instants out of order)', () => {
    const winterLate = at('2026-01-14T23:10:00Z');
    const summerEarly = at('2026-07-01T05:00:00Z');
    expect(amsterdamDate(winterLate)).toBe('2026-01-15');
    expect(amsterdamDate(summerEarly)).toBe('2026-07-01');
    expect(amsterdamDate(at('2026-01-14T22:10:00Z'))).toBe('2026-01-14');
    expect(amsterdamDate(winterLate)).toBe('2026-01-15');
  });

  it('keeps many hours without mixing them up: every hour of two years, twice, past the kept limit', () => {
    // The kept answers are dropped when 8,192 hours are held; two years are 17,520 hours, asked twice over,
    // each checked against the date computed without any keeping.
    const fresh = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
    const start = at('2026-01-01T00:30:00Z').getTime();
    for (let round = 0; round < 2; round++)
      for (let h = 0; h < 17_520; h += round === 0 ? 1 : 7) {
        const instant = new Date(start + h * 3_600_000);
        expect(amsterdamDate(instant)).toBe(fresh.format(instant));
      }
  });

  it('does not depend on the server time zone', () => {
    process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
    expect(amsterdamDate(at('2026-05-01T21:30:00Z'))).toBe('2026-05-01');
    process.env.TZ = 'Pacific/Pago_Pago'; // UTC-11
    expect(amsterdamDate(at('2026-05-01T22:30:00Z'))).toBe('2026-05-02');
    expect(formatCalendarDate('2026-03-03', 'en-GB')).toBe('3 March 2026');
  });

  it('reads the weekday and minute in Amsterdam, across the hour that is skipped and the hour that repeats', () => {
    // Sunday 29 March 2026: 01:59 winter time, then 03:00 summer time.
    expect(amsterdamWeekTime(at('2026-03-29T00:59:00Z'))).toEqual({ day: 6, minutes: 119 });
    expect(amsterdamWeekTime(at('2026-03-29T01:00:00Z'))).toEqual({ day: 6, minutes: 180 });
    // Sunday 25 October 2026: 02:30 comes twice, an hour apart.
    expect(amsterdamWeekTime(at('2026-10-25T00:30:00Z'))).toEqual({ day: 6, minutes: 150 });
    expect(amsterdamWeekTime(at('2026-10-25T01:30:00Z'))).toEqual({ day: 6, minutes: 150 });
    // Late Sunday evening in UTC is already Monday in Amsterdam.
    expect(amsterdamWeekTime(at('2026-11-29T23:15:00Z'))).toEqual({ day: 0, minutes: 15 });
  });

  it('checks and moves ISO dates, leap days included, and names their weekday', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2100-02-29')).toBe(false); // not a leap year
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // across the clock change: whole days
    expect(weekdayOf('2026-11-30')).toBe(0); // Monday
    expect(weekdayOf('2026-11-29')).toBe(6); // Sunday
  });
});

describe('Dutch working days', () => {
  it('knows the public holidays: Easter Monday, King’s Day (the 26th when the 27th is a Sunday), Liberation Day in lustrum years, Ascension, Whit Monday, Christmas', () => {
    expect([...dutchHolidays(2026)].sort()).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(dutchHolidays(2025).has('2025-04-26')).toBe(true);
    expect(dutchHolidays(2025).has('2025-04-27')).toBe(false);
    expect(dutchHolidays(2025).has('2025-05-05')).toBe(true);
    expect(dutchHolidays(2026).has('2026-05-05')).toBe(false);
  });

  it('computes Easter for years far apart (2038: the late one; 2100)', () => {
    expect(easter(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(easter(2038).toISOString().slice(0, 10)).toBe('2038-04-25');
    expect(easter(2100).toISOString().slice(0, 10)).toBe('2100-03-28');
  });

  it('treats weekends and holidays as no working day', () => {
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-28')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-29')).toBe(false); // Sunday
    expect(isWorkingDay('2026-12-25')).toBe(false); // Christmas, a Friday
    expect(isWorkingDay('2026-04-27')).toBe(false); // King's Day, a Monday
  });

  it('counts working days from Friday over the weekend, keeping the time of day', () => {
    expect(addWorkingDays(at('2026-11-27T09:00:00Z'), 2).toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('counts over Christmas and the year end', () => {
    expect(addWorkingDays(at('2026-12-24T09:00:00Z'), 2).toISOString()).toBe('2026-12-29T09:00:00.000Z');
    expect(addWorkingDays(at('2026-12-31T10:00:00Z'), 1).toISOString()).toBe('2027-01-04T10:00:00.000Z');
  });

  it('counts whole 24-hour days over the clock change, so the deadline moves by that hour', () => {
    // Friday 27 March 2026 11:00 winter time + 1 working day = Monday 30 March 12:00 summer time.
    expect(addWorkingDays(at('2026-03-27T10:00:00Z'), 1).toISOString()).toBe('2026-03-30T10:00:00.000Z');
  });

  it('counts each day by its date in Amsterdam, not in UTC', () => {
    // 22:30 UTC on Thursday 26 November is 23:30 in Amsterdam (Thursday): the next working day is Friday.
    expect(addWorkingDays(at('2026-11-26T22:30:00Z'), 1).toISOString()).toBe('2026-11-27T22:30:00.000Z');
    // 23:30 UTC on Friday is Saturday 00:30 in Amsterdam: a day later is Sunday, two days later Monday 00:30
    // there (still Sunday in UTC), the first working day.
    expect(addWorkingDays(at('2026-11-27T23:30:00Z'), 1).toISOString()).toBe('2026-11-29T23:30:00.000Z');
  });

  it('answers from what it kept exactly as it computes: every seventh hour of 2026, one to nine working days, asked twice', () => {
    // The reference steps day by day with the calendar's own answers; addWorkingDays keeps its step counts per
    // UTC hour, so a second ask (and the minutes within an hour) must give the same moment.
    const amsterdam = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });
    const reference = (from: Date, days: number) => {
      let t = from.getTime();
      for (let left = days; left > 0;) {
        t += 86_400_000;
        if (isWorkingDay(amsterdam.format(t))) left--;
      }
      return t;
    };
    const start = at('2026-01-01T00:00:00Z').getTime();
    for (let h = 0; h < 8760; h += 7)
      for (const days of [1, 2, 5, 9]) {
        const from = new Date(start + h * 3_600_000 + ((h * 7) % 60) * 60_000);
        const expected = reference(from, days);
        expect(addWorkingDays(from, days).getTime()).toBe(expected);
        expect(addWorkingDays(new Date(from.getTime() + 59_000), days).getTime()).toBe(expected + 59_000);
      }
  });

  it('gives the same answers on a fixed clock far in the future (2100)', () => {
    const h2100 = dutchHolidays(2100);
    for (const day of ['2100-03-29', '2100-04-27', '2100-05-05', '2100-05-06', '2100-05-17'])
      expect(h2100.has(day)).toBe(true);
    expect(isWorkingDay('2100-04-27')).toBe(false); // King's Day, a Tuesday
    expect(isWorkingDay('2100-05-05')).toBe(false); // Liberation Day, lustrum year, a Wednesday
    // Friday 24 December 2100 + 1: Christmas falls on the weekend, Monday the 27th is a working day.
    expect(addWorkingDays(at('2100-12-24T09:00:00Z'), 1).toISOString()).toBe('2100-12-27T09:00:00.000Z');
    expect(addWorkingDays(at('2100-12-31T10:00:00Z'), 1).toISOString()).toBe('2101-01-03T10:00:00.000Z');
    expect(amsterdamDate(at('2100-12-31T23:00:00Z'))).toBe('2101-01-01');
  });
});

describe('dates in the reader’s language', () => {
  it('shows a calendar date as that day in every style, whatever the instant’s zone', () => {
    expect(formatCalendarDate('2026-03-03', 'nl')).toBe('3 maart 2026');
    expect(formatCalendarDate('2026-03-03', 'en-GB')).toBe('3 March 2026');
    expect(formatCalendarDate('2026-03-03', 'en')).toBe('March 3, 2026');
    expect(formatCalendarDate('2026-12-31T23:30:00Z', 'nl')).toBe('31 december 2026'); // the date part only
    expect(formatCalendarDate(new Date('2027-01-01T00:00:00Z'), 'nl')).toBe('1 januari 2027');
    expect(formatCalendarDate('2026-03-03', 'nl', 'dayMonthYear')).toBe('3 maart 2026');
    expect(formatCalendarDate('2026-03-03', 'nl', 'medium')).toMatch(/^3 mrt\.? 2026$/);
  });

  it('shows a moment in Dutch time, winter and summer', () => {
    expect(formatMoment('2026-11-28T10:00:00Z', 'nl')).toBe('28 november 2026 om 11:00');
    expect(formatMoment(new Date('2026-07-01T10:00:00Z'), 'nl')).toBe('1 juli 2026 om 12:00');
    // 23:30 UTC on New Year's Eve is already the next year in Amsterdam.
    expect(formatMoment('2026-12-31T23:30:00Z', 'en-GB')).toBe('1 January 2027 at 00:30');
    expect(formatMoment('2026-11-28T10:00:00Z', 'nl', 'medium')).toContain('11:00');
  });

  it('names weekdays in the reader’s language, Monday first', () => {
    expect(weekdayName(0, 'nl')).toBe('maandag');
    expect(weekdayName(6, 'en')).toBe('Sunday');
    expect(weekdayName(4, 'ar')).toBe('الجمعة');
  });

  it('keeps one formatter per locale and style: the same locale in another style gives that style', () => {
    expect(formatCalendarDate('2026-03-03', 'en', 'long')).toBe('March 3, 2026');
    expect(formatCalendarDate('2026-03-03', 'en', 'medium')).toBe('Mar 3, 2026');
    expect(formatCalendarDate('2026-03-03', 'en', 'long')).toBe('March 3, 2026');
  });
});
