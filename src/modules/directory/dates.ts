// Calendar dates for verification. A verification date is a day in the Netherlands, whatever the server's
// time zone, so "today" is computed in Europe/Amsterdam from the injected clock.

/** Days without verification after which a service counts as stale. */
export const STALE_AFTER_DAYS = 180;

const amsterdamDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// Amsterdam is a whole number of hours from UTC, so its date is the same throughout a UTC hour: the last
// answer is kept per UTC hour (this runs for every coverage API request).
let lastHour = Number.NaN;
let lastDate = '';

/** The date (YYYY-MM-DD) it is in Amsterdam at `instant`. */
export function amsterdamDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  if (hour !== lastHour) {
    lastDate = amsterdamDay.format(instant);
    lastHour = hour;
  }
  return lastDate;
}

/** Adds (or with a negative number subtracts) whole days to an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** A service verified before this date (or never) is stale on `today`. */
export function staleBefore(today: string): string {
  return addDays(today, -STALE_AFTER_DAYS);
}

/** Stale: never verified, or last verified more than 180 days before `today`. */
export function isStale(assuredDate: string | null, today: string): boolean {
  return assuredDate === null || assuredDate < staleBefore(today);
}
