// The mirror group's rhythm and size (issue 21 point 3): quarters without a meeting are flagged from the first
// meeting or member up to today's quarter (a withdrawn meeting does not count), and a group outside 6–8 members.
import { describe, expect, it } from 'vitest';
import type { RosterMeeting, RosterMember } from './roster-repository.js';
import { memberOn, quarterOf, rosterStatus } from './roster.js';

const member = (i: number, joinedOn = '2025-01-15', leftOn: string | null = null): RosterMember => ({
  id: `m${i}`,
  pseudonym: `Lid ${i}`,
  joinedOn,
  leftOn,
  version: 1,
});
const meeting = (heldOn: string, withdrawn = false): RosterMeeting => ({
  id: heldOn,
  heldOn,
  participants: 6,
  topics: '',
  version: 1,
  withdrawnAt: withdrawn ? new Date('2026-01-01T00:00:00Z') : null,
  withdrawnReason: withdrawn ? 'dubbel ingevoerd' : '',
  attended: [],
});

describe('the mirror group’s rhythm and size', () => {
  it('names the quarter of a day', () => {
    expect(['2025-01-01', '2025-03-31', '2025-04-01', '2025-12-31'].map(quarterOf)).toEqual([
      '2025-Q1',
      '2025-Q1',
      '2025-Q2',
      '2025-Q4',
    ]);
  });

  it('flags every ended quarter without a meeting, up to today’s, and today’s quarter while it has none', () => {
    const members = Array.from({ length: 7 }, (_, i) => member(i));
    const s = rosterStatus(
      members,
      [meeting('2025-02-10'), meeting('2025-08-01'), meeting('2025-11-20', true)],
      '2026-05-06',
    );
    expect(s.quarters.map((q) => `${q.quarter}:${q.meetings}`)).toEqual([
      '2025-Q1:1',
      '2025-Q2:0',
      '2025-Q3:1',
      '2025-Q4:0',
      '2026-Q1:0',
      '2026-Q2:0',
    ]);
    expect(s.missed).toEqual(['2025-Q2', '2025-Q4', '2026-Q1']);
    expect(s.currentWithout).toBe(true);
    expect(s.size).toBeNull();
  });

  it('ATTACK: a group with nobody in it, or too few or too many today, is flagged; leavers do not count', () => {
    expect(rosterStatus([], [], '2026-05-06')).toMatchObject({ size: 'under', quarters: [], missed: [] });
    const five = [...Array.from({ length: 5 }, (_, i) => member(i)), member(9, '2025-01-01', '2026-01-31')];
    expect(rosterStatus(five, [], '2026-05-06').size).toBe('under');
    expect(rosterStatus(five, [], '2026-01-31').current).toHaveLength(6);
    const nine = Array.from({ length: 9 }, (_, i) => member(i));
    expect(rosterStatus(nine, [], '2026-05-06').size).toBe('over');
    expect(memberOn(member(1, '2026-06-01'), '2026-05-06')).toBe(false);
  });
});
