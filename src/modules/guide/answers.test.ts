// Reading the route's answers from a query string: repeated and comma-separated values, contradictions settled,
// manipulated parameters refused with the parameter named.
import { describe, expect, it } from 'vitest';
import { answersQueryString, parseAnswers, placeOf } from './answers.js';

describe('parseAnswers', () => {
  it('reads every parameter, multi-valued ones repeated or comma-separated, in a fixed order', () => {
    const { answers, problems } = parseAnswers({
      audience: 'self',
      form: ['labour', 'sexual,criminal'],
      danger: 'no',
      municipality: 'gm0363',
      minor: 'yes',
      need: 'rights,talk',
    });
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      audience: 'self',
      forms: ['sexual', 'labour', 'criminal'],
      danger: 'no',
      municipality: 'GM0363',
      minor: 'yes',
      needs: ['talk', 'rights'],
    });
    expect(answersQueryString(answers)).toBe(
      '?audience=self&form=sexual&form=labour&form=criminal&danger=no&municipality=GM0363&minor=yes&need=talk&need=rights',
    );
  });

  it('treats every parameter as optional', () => {
    expect(parseAnswers({})).toEqual({ answers: { forms: [], needs: [] }, problems: [] });
  });

  it('drops "unknown" when a real form is also chosen, and collapses duplicates', () => {
    expect(parseAnswers({ form: 'unknown,labour,labour' }).answers.forms).toEqual(['labour']);
    expect(parseAnswers({ form: 'unknown' }).answers.forms).toEqual(['unknown']);
  });

  it('accepts the same single value twice but refuses two different ones', () => {
    expect(parseAnswers({ audience: ['self', 'self'] }).problems).toEqual([]);
    expect(parseAnswers({ audience: ['self', 'worried'] }).problems).toEqual([
      { field: 'audience', key: 'guide.errors.repeated' },
    ]);
  });

  it('names the parameter of an unknown value, a too long value or too many values', () => {
    const { problems } = parseAnswers({
      minor: 'maybe',
      municipality: 'Amsterdam',
      danger: 'x'.repeat(500),
      need: Array.from({ length: 11 }, () => 'talk'),
    });
    expect(problems.map((p) => [p.field, p.key])).toEqual([
      ['danger', 'guide.errors.tooLong'],
      ['municipality', 'guide.errors.unknownValue'],
      ['minor', 'guide.errors.unknownValue'],
      ['need', 'guide.errors.tooMany'],
    ]);
  });

  it('knows where it happens: a municipality, abroad, or not said', () => {
    expect(placeOf({ forms: [], needs: [], municipality: 'GM0193' })).toBe('netherlands');
    expect(placeOf({ forms: [], needs: [], municipality: 'abroad' })).toBe('abroad');
    expect(placeOf({ forms: [], needs: [], municipality: 'unknown' })).toBe('unknown');
    expect(placeOf({ forms: [], needs: [] })).toBe('unknown');
  });
});
