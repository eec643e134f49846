// The Dutch calendar day. Samen's dates are days in the Netherlands (a deadline, a verification, a reporting
// round), whatever the server's time zone: "today" is the date in Europe/Amsterdam at the injected clock's
// instant, never the machine's local date and never the wall clock.

/** The time zone of every Dutch calendar day and every local time (opening hours carry no zone of their own). */
export const DUTCH_TIME_ZONE = 'Europe/Amsterdam';

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: DUTCH_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Amsterdam is a whole number of hours from UTC and changes its offset on a whole UTC hour, so its date is the
// same throughout a UTC hour: answers are kept per UTC hour. Intl's format costs microseconds and this runs for
// every coverage API request and for every day a working-day deadline steps over (a dashboard of 50 cases steps
// over hundreds), so the last hours asked are kept, not only the last one (at most 8,192: almost a year of hours).
const HOURS_KEPT = 8192;
const dateOfHour = new Map<number, string>();

/** The date (YYYY-MM-DD) it is in Amsterdam at `instant`. */
export function amsterdamDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  let date = dateOfHour.get(hour);
  if (date === undefined) {
    if (dateOfHour.size >= HOURS_KEPT) dateOfHour.clear();
    date = amsterdamDay.format(instant);
    dateOfHour.set(hour, date);
  }
  return date;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD (no 31 February). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Adds (or with a negative number subtracts) whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Day of the week of an ISO date: 0 = Monday … 6 = Sunday. */
export function weekdayOf(isoDate: string): number {
  return (new Date(`${isoDate}T12:00:00Z`).getUTCDay() + 6) % 7;
}

const amsterdamClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: DUTCH_TIME_ZONE,
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const SHORT_DAY: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

// formatToParts is slow and this runs per request: the answer changes once a minute, so keep the last one.
let lastMinute = Number.NaN;
let lastWeekTime = { day: 0, minutes: 0 };

/** Weekday (0 = Monday) and minutes since midnight in Amsterdam at `instant`: where opening hours are read. */
export function amsterdamWeekTime(instant: Date): { day: number; minutes: number } {
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute === lastMinute) return lastWeekTime;
  const parts = Object.fromEntries(amsterdamClock.formatToParts(instant).map((p) => [p.type, p.value]));
  lastWeekTime = {
    day: SHORT_DAY[parts.weekday!] ?? 0,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
  lastMinute = minute;
  return lastWeekTime;
}
