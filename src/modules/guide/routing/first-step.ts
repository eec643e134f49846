// "What to do now": every result opens with the one desk to contact first, reachable by phone or chat at this
// hour where one is, then the others. The same choice is made for the result page and the advice API (it is
// part of the advice view), so both say the same thing. Pure: the hour comes in as `now`.
import { days, isAlwaysOpen, type Schedule, type ServiceRecord } from '../../directory/index.js';
import { amsterdamWeekTime, openingStateAt } from '../hours.js';

/**
 * Whether a desk can be reached now: `always` (24/7), `open` (its published hours say so), `unknown` (it publishes
 * no times, or only "office hours" and it is within them) or `closed`.
 */
export type Reach = 'always' | 'open' | 'unknown' | 'closed';

const WEEK = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/**
 * "Office hours" without times (CoMensha, the Labour Inspectorate's TCI: the sources give days, not hours) are
 * taken as at most 08:00–19:00, the widest hours any source gives for them (routing-facts §1): outside that they
 * are closed, inside it not known.
 */
const OFFICE_OPENS = 8 * 60;
const OFFICE_CLOSES = 19 * 60;

/** Minutes of the day at which reachNow can change besides published opening times (for memoised views). */
export const REACH_CHANGE_MINUTES: readonly number[] = [OFFICE_OPENS, OFFICE_CLOSES];

export function reachNow(schedules: readonly Schedule[], now: Date): Reach {
  if (schedules.length === 0) return 'unknown';
  if (isAlwaysOpen(schedules)) return 'always';
  const { day, minutes } = amsterdamWeekTime(now);
  const state = openingStateAt(schedules, day, minutes);
  if (state.openNow === true) return 'open';
  if (state.openNow === false) return 'closed';
  // Only untimed schedules: the days are known, the times are not.
  const today = WEEK[day]!;
  const onToday = schedules.some((s) => days(s.byday).includes(today));
  if (!onToday || minutes < OFFICE_OPENS || minutes >= OFFICE_CLOSES) return 'closed';
  return 'unknown';
}

/** Phone, text message, WhatsApp or chat: a person can answer now. */
export function hasLiveChannel(record: ServiceRecord): boolean {
  return record.phones.length > 0 || record.urls.some((u) => u.channel === 'chat');
}

export interface FirstCandidate {
  live: boolean;
  reach: Reach;
  /** 112: first only when someone is in danger. */
  emergencyNumber: boolean;
}

/** How far down the ranking a desk that is surely open now may be taken over one whose hours are not known. */
const PREFER_OPEN_WITHIN = 3;

/**
 * The index of the desk to contact first. In danger: 112. Otherwise the best-ranked desk that can be reached
 * by phone or chat now: one that is surely open (24/7 or within its hours) among the top three, else the first
 * whose hours do not say it is closed, else the top desk (then nobody can be reached now, and the page says so).
 */
export function chooseFirst(desks: readonly FirstCandidate[], emergency: boolean): number {
  if (desks.length === 0) return -1;
  if (emergency) {
    const i = desks.findIndex((d) => d.emergencyNumber);
    return i >= 0 ? i : 0;
  }
  const pool = desks.map((d, i) => ({ d, i })).filter(({ d }) => !d.emergencyNumber);
  if (pool.length === 0) return 0;
  const sure = pool
    .slice(0, PREFER_OPEN_WITHIN)
    .find(({ d }) => d.live && (d.reach === 'always' || d.reach === 'open'));
  if (sure) return sure.i;
  const reachable = pool.find(({ d }) => d.live && d.reach !== 'closed');
  if (reachable) return reachable.i;
  return pool[0]!.i;
}

/** The desks with the chosen one first and the others in their ranked order. */
export function firstThenOthers<T>(desks: readonly T[], first: number): T[] {
  if (first <= 0) return [...desks];
  return [desks[first]!, ...desks.slice(0, first), ...desks.slice(first + 1)];
}
