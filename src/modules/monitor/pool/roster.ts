// The mirror group's rhythm and size as the letter names them (issue 21 point 3): 6 to 8 members, meeting every
// quarter. Which members were in the group on a day, how many are in it today, and every quarter from the group's
// first meeting (or first member) up to today's without a meeting. Pure; days are ISO calendar days.
import type { RosterMeeting, RosterMember } from './roster-repository.js';

export const GROUP_SIZE = { min: 6, max: 8 } as const;

/** A member on `day`: joined on or before it and not left before it. */
export const memberOn = (m: RosterMember, day: string) =>
  m.joinedOn <= day && (m.leftOn === null || m.leftOn >= day);

export const quarterOf = (day: string) =>
  `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;

function nextQuarter(q: string): string {
  const [year, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
  return n === 4 ? `${year + 1}-Q1` : `${year}-Q${n + 1}`;
}

export interface RosterStatus {
  /** Members in the group today. */
  current: RosterMember[];
  /** Today's size outside 6–8: 'under' or 'over' (null: within). */
  size: 'under' | 'over' | null;
  /** Each quarter from the first to today's, with the meetings held in it (withdrawn meetings do not count). */
  quarters: { quarter: string; meetings: number }[];
  /** Quarters that ended without a meeting. */
  missed: string[];
  /** Today's quarter has had no meeting yet. */
  currentWithout: boolean;
}

export function rosterStatus(
  members: RosterMember[],
  meetings: RosterMeeting[],
  today: string,
): RosterStatus {
  const held = meetings.filter((m) => m.withdrawnAt === null && m.heldOn <= today);
  const current = members.filter((m) => memberOn(m, today));
  const size = current.length < GROUP_SIZE.min ? 'under' : current.length > GROUP_SIZE.max ? 'over' : null;
  const starts = [...held.map((m) => m.heldOn), ...members.map((m) => m.joinedOn)].filter((d) => d <= today);
  if (starts.length === 0) return { current, size, quarters: [], missed: [], currentWithout: false };
  const now = quarterOf(today);
  const quarters: { quarter: string; meetings: number }[] = [];
  for (let q = quarterOf(starts.sort()[0]!); q <= now; q = nextQuarter(q))
    quarters.push({ quarter: q, meetings: held.filter((m) => quarterOf(m.heldOn) === q).length });
  const missed = quarters.filter((q) => q.quarter !== now && q.meetings === 0).map((q) => q.quarter);
  const currentWithout = quarters.at(-1)!.meetings === 0;
  return { current, size, quarters, missed, currentWithout };
}
