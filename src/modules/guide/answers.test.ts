// Reading the route's answers from a query string: repeated and comma-separated values, contradictions settled,
// manipulated parameters refused with the parameter named.
import { describe, expect, it } from 'vitest';
import {
  AnswerReader,
  answersKey,
  answersQueryString,
  parseAnswers,
  placeOf,
  rawQueryOf,
} from './answers.js';

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

describe('AnswerReader', () => {
  it('reads a query string once and hands out the same frozen answers for it', () => {
    const reader = new AnswerReader();
    const first = reader.read('audience=self&form=sexual,labour', {
      audience: 'self',
      form: 'sexual,labour',
    });
    const again = reader.read('audience=self&form=sexual,labour', {
      audience: 'self',
      form: 'sexual,labour',
    });
    expect(again).toBe(first);
    expect(first.answers).toEqual({ audience: 'self', forms: ['sexual', 'labour'], needs: [] });
    expect(Object.isFrozen(first.answers)).toBe(true);
    expect(Object.isFrozen(first.answers.forms)).toBe(true);
    expect(answersKey(first.answers)).toBe('?audience=self&form=sexual&form=labour');
  });

  it('remembers problems too, and forgets everything once it holds its capacity', () => {
    const reader = new AnswerReader(2);
    const bad = reader.read('audience=alien', { audience: 'alien' });
    expect(bad.problems.map((p) => p.field)).toEqual(['audience']);
    expect(reader.read('audience=alien', { audience: 'alien' })).toBe(bad);
    reader.read('minor=yes', { minor: 'yes' });
    reader.read('minor=no', { minor: 'no' });
    expect(reader.read('audience=alien', { audience: 'alien' })).not.toBe(bad);
  });

  it('takes the query string from a request URL', () => {
    expect(rawQueryOf('/api/v1/guide/advice?audience=self')).toBe('audience=self');
    expect(rawQueryOf('/guide/result')).toBe('');
  });
});
