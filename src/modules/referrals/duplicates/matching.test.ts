// The matching rules of duplicate detection: names normalised (diacritics, transliteration, particles, order),
// sound-alike spellings blocked together, and the score: the same person spelled differently scores high, two
// people with one common name and different dates of birth score low, two look-alike places are not one.
import { describe, expect, it } from 'vitest';
import {
  blockingKeys,
  jaroWinkler,
  nameWords,
  scorePair,
  SHOWN_FROM,
  soundCode,
  type MatchPerson,
} from './matching.js';

const person = (over: Partial<MatchPerson>): MatchPerson => ({
  name: 'Anna de Vries',
  dateOfBirth: '1990-04-12',
  citizenship: 'NL',
  gender: 'female',
  municipalityCode: 'GM0363',
  safetyRegionCode: 'VR13',
  ...over,
});
const shared = (a: MatchPerson, b: MatchPerson) => blockingKeys(a).filter((k) => blockingKeys(b).includes(k));

describe('names', () => {
  it('drops diacritics, particles and punctuation, and transliterates Cyrillic', () => {
    expect(nameWords('Zoë Bénédicte van der Berg-Ünal')).toEqual(['zoe', 'benedicte', 'berg', 'unal']);
    expect(nameWords('Ołena Kowalczyk')).toEqual(['olena', 'kowalczyk']);
    expect(nameWords('Олена Шевченко')).toEqual(['olena', 'shevchenko']);
    expect(nameWords('')).toEqual([]);
  });

  it('gives sound-alike spellings one code', () => {
    expect(soundCode('mohammed')).toBe(soundCode('muhammad'));
    expect(soundCode('mohamed')).toBe(soundCode('muhammad'));
    expect(soundCode('jansen')).toBe(soundCode('janssen'));
    expect(soundCode('shevchenko')).toBe(soundCode('schevtsjenko'.replace('tsj', 'ch')));
    expect(soundCode('anna')).not.toBe(soundCode('ahmed'));
  });

  it('scores Jaro-Winkler as the textbook examples', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });
});

describe('blocking keys', () => {
  it('meet for a name with and without diacritics, in another order, with day and month swapped', () => {
    const a = person({ name: 'Zoë Ünal', dateOfBirth: '2001-03-07' });
    expect(shared(a, person({ name: 'Zoe Unal', dateOfBirth: '2001-03-07' })).length).toBeGreaterThan(0);
    expect(shared(a, person({ name: 'Unal Zoe', dateOfBirth: null })).length).toBeGreaterThan(0);
    expect(shared(a, person({ name: 'Zoe Ünall', dateOfBirth: '2001-07-03' })).length).toBeGreaterThan(0);
  });

  it('hold no name or date in the clear only after the caller hashes them; a lone first name blocks nothing', () => {
    expect(blockingKeys({ name: 'Anna', dateOfBirth: null })).toEqual([]);
    expect(blockingKeys({ name: null, dateOfBirth: '1990-01-01' })).toEqual([]);
  });
});

describe('the score', () => {
  it('is high for one person spelled with and without diacritics', () => {
    const { score, reasons } = scorePair(
      person({ name: 'Zoë Bénédicte Ünal' }),
      person({ name: 'Zoe Benedicte Unal', municipalityCode: 'GM0599', safetyRegionCode: 'VR17' }),
    );
    expect(score).toBeGreaterThanOrEqual(90);
    expect(reasons).toEqual(expect.arrayContaining(['name_same', 'dob_same', 'region_other']));
  });

  it('is high for names in another order and a swapped day and month', () => {
    const { score, reasons } = scorePair(
      person({ name: 'Mohammed Al Hassan', dateOfBirth: '1998-05-11' }),
      person({ name: 'Hassan Muhammad', dateOfBirth: '1998-11-05' }),
    );
    expect(score).toBeGreaterThanOrEqual(SHOWN_FROM);
    expect(reasons).toEqual(expect.arrayContaining(['name_order', 'dob_transposed']));
  });

  it('is low for two people with one common name and different dates of birth', () => {
    const { score, reasons } = scorePair(
      person({ name: 'Mohamed Ahmed', dateOfBirth: '1985-02-14', citizenship: 'MA', gender: 'male' }),
      person({ name: 'Mohamed Ahmed', dateOfBirth: '1993-09-30', citizenship: 'MA', gender: 'male' }),
    );
    expect(score).toBeLessThan(SHOWN_FROM);
    expect(score).toBeLessThanOrEqual(30);
    expect(reasons).toContain('dob_differs');
  });

  it('asks for more than a common name when a date of birth is missing, not when it is the same', () => {
    const a = person({ name: 'Mohamed Ahmed', gender: 'male', citizenship: 'MA' });
    const noDate = person({ name: 'Mohamed Ahmed', gender: 'male', citizenship: 'MA', dateOfBirth: null });
    expect(scorePair(a, noDate).score).toBeGreaterThanOrEqual(SHOWN_FROM);
    const common = scorePair(a, noDate, { commonName: true });
    expect(common.score).toBeLessThan(SHOWN_FROM);
    expect(common.reasons).toContain('name_common');
    expect(scorePair(a, { ...a }, { commonName: true }).score).toBeGreaterThanOrEqual(90);
  });

  it('is low for different names with the same date of birth', () => {
    expect(scorePair(person({}), person({ name: 'Petra Jansen' })).score).toBeLessThan(SHOWN_FROM);
  });

  it('does not call names with different initials the same ("Maria K." and "Maria P."); an initial fits its name', () => {
    // Initials make no blocking key (too common), but they are part of the name when two names are compared.
    expect(nameWords('Maria K.')).toEqual(['maria']);
    expect(nameWords('Maria K.', { initials: true })).toEqual(['maria', 'k']);
    const initials = scorePair(
      person({ name: 'Voorbeeld Persoon B', dateOfBirth: null }),
      person({ name: 'Voorbeeld Persoon C', dateOfBirth: null }),
    );
    expect(initials.reasons).not.toContain('name_same');
    expect(initials.reasons).not.toContain('name_similar');
    expect(initials.score).toBeLessThan(SHOWN_FROM);
    expect(scorePair(person({ name: 'Maria K.' }), person({ name: 'Maria P.' })).reasons).not.toContain(
      'name_same',
    );
    // The same initial, or an initial and the name it stands for: still alike.
    expect(scorePair(person({ name: 'Maria K.' }), person({ name: 'Maria K' })).reasons).toContain(
      'name_same',
    );
    const short = scorePair(person({ name: 'A. de Vries' }), person({}));
    expect(short.reasons).toContain('name_similar');
    expect(short.score).toBeGreaterThanOrEqual(SHOWN_FROM);
  });

  it('does not take two places with look-alike names for one (Bergen NH and Bergen L)', () => {
    const { reasons } = scorePair(
      person({ municipalityCode: 'GM0373', safetyRegionCode: 'VR10' }),
      person({ municipalityCode: 'GM0893', safetyRegionCode: 'VR23' }),
    );
    expect(reasons).toContain('region_other');
    expect(reasons).not.toContain('place_same');
  });
});
