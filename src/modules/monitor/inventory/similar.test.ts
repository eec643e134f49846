// Duplicates beyond exact names (issue 21 point 8): what counts as the same campaign (case, accents, punctuation,
// word order, a year in the name, near-equal names of the same organisation) only when the periods overlap, and
// what does not (other years, other organisations' near names, different campaigns).
import { describe, expect, it } from 'vitest';
import { editDistance, normaliseWords, similarPairs, similarity } from './similar.js';

const c = (name: string, organisation = 'FairWork', startYear = 2024, endYear: number | null = 2024) => ({
  name,
  organisation,
  startYear,
  endYear,
});

describe('look-alike campaigns', () => {
  it('normalises case, accents, punctuation, word order and a year in the name', () => {
    expect(normaliseWords('Campagne Arbeidsuitbuiting – Ééne 2024!')).toEqual([
      'arbeidsuitbuiting',
      'campagne',
      'eene',
    ]);
    expect(similarity(c('#GeenBUIT'), c('geenbuit', 'Defence for Children'), 2026)).toBe('same_name');
    expect(
      similarity(c('Online campagne arbeidsuitbuiting'), c('Arbeidsuitbuiting: online campagne'), 2026),
    ).toBe('same_name');
    expect(similarity(c('Zorg en uitbuiting'), c('Zorg én Uitbuiting (2024)'), 2026)).toBe('same_name');
  });

  it('catches a near-equal name of the same organisation with overlapping years', () => {
    expect(editDistance('escapetruck', 'escape truk')).toBe(2);
    expect(similarity(c('Escapetruck', 'Reshape'), c('Escape truk', 'Reshape', 2024, 2025), 2026)).toBe(
      'near_name',
    );
    expect(
      similarity(
        c('Online campagne arbeidsuitbuiting (Facebook, Instagram, TikTok)'),
        c('Online campagne arbeidsuitbuiting'),
        2026,
      ),
    ).toBe('near_name');
  });

  it('counts a running campaign as overlapping every year up to now', () => {
    expect(similarity(c('Escapetruck', 'R', 2023, null), c('Escapetruck', 'R', 2026, 2026), 2026)).toBe(
      'same_name',
    );
    expect(similarity(c('Escapetruck', 'R', 2023, null), c('Escapetruck', 'R', 2026, 2026), 2025)).toBeNull();
  });

  it('ATTACK: does not merge campaigns in other years, near names of other organisations, or different campaigns', () => {
    expect(similarity(c('Escapetruck', 'R', 2020, 2021), c('Escapetruck', 'R', 2024, 2024), 2026)).toBeNull();
    expect(similarity(c('Escapetruck', 'Reshape'), c('Escape truk', 'CoMensha'), 2026)).toBeNull();
    expect(similarity(c('Loverboys herkennen'), c('Arbeidsuitbuiting herkennen'), 2026)).toBeNull();
    expect(similarity(c('Zorg'), c('Bouw'), 2026)).toBeNull();
    expect(similarity(c('!!!'), c('???'), 2026)).toBeNull();
  });

  it('lists each look-alike pair once', () => {
    const pairs = similarPairs([c('A campagne'), c('Campagne A'), c('Iets anders geheel')], 2026);
    expect(pairs.map((p) => [p.a.name, p.b.name, p.why])).toEqual([
      ['A campagne', 'Campagne A', 'same_name'],
    ]);
  });
});
