// What to do first: whether a desk can be reached at a given hour, and which desk comes first.
import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../directory/index.js';
import { chooseFirst, firstThenOthers, reachNow, type FirstCandidate } from './first-step.js';

const schedule = (byday: string, opens_at: string | null, closes_at: string | null): Schedule =>
  ({ id: 'x', byday, freq: 'WEEKLY', opens_at, closes_at, valid_from: null }) as unknown as Schedule;

const ALWAYS = [schedule('MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59')];
const OFFICE_DAYS = [schedule('MO,TU,WE,TH,FR', null, null)];
const NINE_TO_FIVE = [schedule('MO,TU,WE,TH,FR', '09:00', '17:00')];

// Amsterdam is UTC+1 in winter: 2026-11-30 is a Monday, 2026-11-29 a Sunday.
const MONDAY_10 = new Date('2026-11-30T09:00:00Z');
const MONDAY_03 = new Date('2026-11-30T02:00:00Z');
const MONDAY_18_30 = new Date('2026-11-30T17:30:00Z');
const SUNDAY_14 = new Date('2026-11-29T13:00:00Z');

describe('reachNow', () => {
  it('says a 24/7 desk is always reachable, at night and at the weekend', () => {
    for (const at of [MONDAY_10, MONDAY_03, SUNDAY_14]) expect(reachNow(ALWAYS, at)).toBe('always');
  });

  it('follows published hours', () => {
    expect(reachNow(NINE_TO_FIVE, MONDAY_10)).toBe('open');
    expect(reachNow(NINE_TO_FIVE, MONDAY_03)).toBe('closed');
    expect(reachNow(NINE_TO_FIVE, MONDAY_18_30)).toBe('closed');
    expect(reachNow(NINE_TO_FIVE, SUNDAY_14)).toBe('closed');
  });

  it('takes "office hours" without times as closed at night and on days it is not open, unknown within 08:00–19:00', () => {
    expect(reachNow(OFFICE_DAYS, MONDAY_10)).toBe('unknown');
    expect(reachNow(OFFICE_DAYS, MONDAY_03)).toBe('closed');
    expect(reachNow(OFFICE_DAYS, SUNDAY_14)).toBe('closed');
  });

  it('does not claim anything for a desk without hours', () => {
    expect(reachNow([], MONDAY_03)).toBe('unknown');
  });
});

describe('chooseFirst', () => {
  const desk = (live: boolean, reach: FirstCandidate['reach'], emergencyNumber = false): FirstCandidate => ({
    live,
    reach,
    emergencyNumber,
  });

  it('puts 112 first in danger, and never first otherwise', () => {
    const desks = [desk(true, 'always', true), desk(true, 'unknown')];
    expect(chooseFirst(desks, true)).toBe(0);
    expect(chooseFirst(desks, false)).toBe(1);
  });

  it('skips a desk without phone or chat (FairWork) for the next one reachable now', () => {
    expect(chooseFirst([desk(false, 'unknown'), desk(true, 'unknown')], false)).toBe(1);
  });

  it('skips a desk that is closed now', () => {
    expect(chooseFirst([desk(true, 'closed'), desk(false, 'unknown'), desk(true, 'always')], false)).toBe(2);
  });

  it('prefers a desk surely open now among the top three over one whose hours are unknown', () => {
    expect(chooseFirst([desk(true, 'unknown'), desk(true, 'open')], false)).toBe(1);
    const far = [desk(true, 'unknown'), desk(false, 'unknown'), desk(false, 'unknown'), desk(true, 'always')];
    expect(chooseFirst(far, false)).toBe(0);
  });

  it('falls back to the top desk when nobody can be reached now', () => {
    expect(chooseFirst([desk(true, 'closed'), desk(false, 'unknown')], false)).toBe(0);
    expect(chooseFirst([], false)).toBe(-1);
  });

  it('moves the chosen desk to the front and keeps the others in order', () => {
    expect(firstThenOthers(['a', 'b', 'c', 'd'], 2)).toEqual(['c', 'a', 'b', 'd']);
    expect(firstThenOthers(['a', 'b'], 0)).toEqual(['a', 'b']);
  });
});
