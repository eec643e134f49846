// Is a desk open now, and if not, when does it open next? Opening hours are local Dutch time (the directory's
// schedules carry no time zone, see seed/directory/README.md), so "now" is read in Europe/Amsterdam.
import { amsterdamWeekTime } from '../../platform/time/index.js';
import { days, type Schedule } from '../directory/index.js';

/** Weekday (0 = Monday) and minutes since midnight in Amsterdam: the platform's time module's. */
export { amsterdamWeekTime } from '../../platform/time/index.js';

const WEEK = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export interface OpeningState {
  /** null when the desk publishes no opening times. */
  openNow: boolean | null;
  /** When it is closed: the next opening, as days from today (0 = later today), weekday and time. */
  next?: { inDays: number; day: (typeof WEEK)[number]; time: string };
}

export function openingState(schedules: readonly Schedule[], now: Date): OpeningState {
  const { day, minutes } = amsterdamWeekTime(now);
  return openingStateAt(schedules, day, minutes);
}

/**
 * The minutes of the day at which the opening state of any of these schedules can change: every opening and
 * closing time, and midnight. Between two of them (on one day) openingState gives the same answer, so advice
 * in words needs making again only when one passes, not every minute. Sorted, starting with 0.
 */
export function openingChangeMinutes(schedules: Iterable<Schedule>): number[] {
  const minutes = new Set([0]);
  for (const s of schedules) {
    if (!s.opens_at || !s.closes_at) continue;
    minutes.add(minutesOf(s.opens_at) % (24 * 60));
    minutes.add(s.closes_at === '23:59' ? 0 : minutesOf(s.closes_at) % (24 * 60));
  }
  return [...minutes].sort((a, b) => a - b);
}

/** The start of the period (see openingChangeMinutes) that holds `minutes`. */
export function periodStart(changeMinutes: readonly number[], minutes: number): number {
  let low = 0;
  let high = changeMinutes.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (changeMinutes[mid]! <= minutes) low = mid;
    else high = mid - 1;
  }
  return changeMinutes[low]!;
}

/** openingState on weekday `day` (0 = Monday) at `minutes` after midnight, Amsterdam time. */
export function openingStateAt(schedules: readonly Schedule[], day: number, minutes: number): OpeningState {
  const timed = schedules.filter((s) => s.opens_at && s.closes_at);
  if (timed.length === 0) return { openNow: null };
  const slots = timed.map((s) => {
    const opens = minutesOf(s.opens_at!);
    // 23:59 means "until midnight"; a closing time at or before the opening time runs past midnight.
    let closes = s.closes_at === '23:59' ? 24 * 60 : minutesOf(s.closes_at!);
    if (closes <= opens) closes += 24 * 60;
    return { days: days(s.byday).map((d) => WEEK.indexOf(d as (typeof WEEK)[number])), opens, closes };
  });
  const openAt = (d: number, m: number) =>
    slots.some(
      (s) =>
        (s.days.includes(d) && m >= s.opens && m < s.closes) ||
        // the part after midnight of yesterday's slot
        (s.closes > 24 * 60 && s.days.includes((d + 6) % 7) && m + 24 * 60 < s.closes),
    );
  if (openAt(day, minutes)) return { openNow: true };
  for (let inDays = 0; inDays <= 7; inDays++) {
    const d = (day + inDays) % 7;
    const opens = slots
      .filter((s) => s.days.includes(d) && (inDays > 0 || s.opens > minutes))
      .map((s) => s.opens)
      .sort((a, b) => a - b)[0];
    if (opens !== undefined) {
      const time = `${String(Math.floor(opens / 60)).padStart(2, '0')}:${String(opens % 60).padStart(2, '0')}`;
      return { openNow: false, next: { inDays, day: WEEK[d]!, time } };
    }
  }
  return { openNow: false };
}
