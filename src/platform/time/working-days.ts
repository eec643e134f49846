// Dutch working days: Monday to Friday except the public holidays on which care coordination is closed. The
// referral mechanism's triage deadlines ("high" and "normal" urgency) count them.
import { amsterdamDate } from './calendar.js';

/**
 * The version of the rules below (the holidays and how days are counted). Deadlines computed from them are stored
 * (the referral module keeps each case's next decision due): raise this whenever a rule here changes, and the
 * stored moments are recomputed on the next start.
 */
export const WORKING_DAYS_CALENDAR_VERSION = 1;

/** Easter Sunday (Gregorian, anonymous algorithm), as UTC midnight of that date. */
export function easter(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const holidayCache = new Map<number, Set<string>>();

/**
 * Dutch public holidays on which care coordination is closed: New Year, Easter Monday, King's Day (the 26th when
 * the 27th is a Sunday), Liberation Day in lustrum years, Ascension, Whit Monday, Christmas. Easter and Whit
 * Sunday are Sundays anyway.
 */
export function dutchHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const plus = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
  const e = easter(year);
  const kingsDay = new Date(Date.UTC(year, 3, 27));
  const days = [
    `${year}-01-01`,
    iso(plus(e, 1)),
    iso(kingsDay.getUTCDay() === 0 ? plus(kingsDay, -1) : kingsDay),
    iso(plus(e, 39)),
    iso(plus(e, 50)),
    `${year}-12-25`,
    `${year}-12-26`,
  ];
  if (year % 5 === 0) days.push(`${year}-05-05`);
  const set = new Set(days);
  holidayCache.set(year, set);
  return set;
}

/** Whether an ISO date is a Dutch working day. */
export function isWorkingDay(isoDate: string): boolean {
  const d = new Date(`${isoDate}T12:00:00Z`);
  const weekday = d.getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(d.getUTCFullYear()).has(isoDate);
}

/**
 * The moment `days` working days after `from`: the same time of day, on the n-th following working day in
 * Amsterdam (a signal on Friday 10:00 with 2 working days is due Tuesday 10:00). Whole days are counted in
 * 24-hour steps, so across a change to or from summer time the deadline moves by that hour.
 */
export function addWorkingDays(from: Date, days: number): Date {
  if (days <= 0) return new Date(from.getTime());
  // The days stepped over depend only on the UTC hour `from` is in (Amsterdam's date is the same throughout a UTC
  // hour, see calendar.ts), so the count of 24-hour steps is kept per hour and number of days: a dashboard asks
  // this for each of its 50 cases on every load.
  const key = Math.floor(from.getTime() / 3_600_000) * 64 + days;
  let steps = days < 64 ? stepsKept.get(key) : undefined;
  if (steps === undefined) {
    steps = 0;
    let at = from.getTime();
    let left = days;
    while (left > 0) {
      at += 86_400_000;
      steps++;
      if (isWorkingDay(amsterdamDate(new Date(at)))) left--;
    }
    if (days < 64) {
      if (stepsKept.size >= STEPS_KEPT) stepsKept.clear();
      stepsKept.set(key, steps);
    }
  }
  return new Date(from.getTime() + steps * 86_400_000);
}

/** Kept counts of 24-hour steps per (UTC hour, working days), at most this many. */
const STEPS_KEPT = 16_384;
const stepsKept = new Map<number, number>();
