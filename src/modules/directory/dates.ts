// Calendar dates for verification. A verification date is a day in the Netherlands, whatever the server's
// time zone, so "today" is computed in Europe/Amsterdam from the injected clock (the platform's time module).
import { addDays } from '../../platform/time/index.js';

export { addDays, amsterdamDate } from '../../platform/time/index.js';

/** Days without verification after which a service counts as stale. */
export const STALE_AFTER_DAYS = 180;

/** A service verified before this date (or never) is stale on `today`. */
export function staleBefore(today: string): string {
  return addDays(today, -STALE_AFTER_DAYS);
}

/** Stale: never verified, or last verified more than 180 days before `today`. */
export function isStale(assuredDate: string | null, today: string): boolean {
  return assuredDate === null || assuredDate < staleBefore(today);
}
