// Matching fixtures for the expert pool: who is suggested first, why, and who is left out.
import { describe, expect, it } from 'vitest';
import { rankExperts, type Expert } from './matching.js';

const expert = (pseudonym: string, o: Partial<Expert> = {}): Expert => ({
  id: pseudonym,
  pseudonym,
  forms: [],
  minors: false,
  labourMigration: false,
  languages: ['nl'],
  available: true,
  hoursPerMonth: null,
  ...o,
});

const POOL = [
  expert('Amber', { forms: ['sexual'], minors: true }),
  expert('Berk', { forms: ['labour'], labourMigration: true, languages: ['nl', 'pl'] }),
  expert('Ceder', { forms: ['labour', 'criminal'], labourMigration: true, languages: ['pl'] }),
  expert('Den', { forms: ['labour'], labourMigration: true, languages: ['pl'], available: false }),
  expert('Es', { forms: ['criminal'], minors: true, languages: ['en'] }),
];

describe('ranked suggestions', () => {
  it('puts the best match for a labour assignment in Polish first, with its reasons', () => {
    const ranked = rankExperts(
      { forms: ['labour'], minors: false, labourMigration: true, languages: ['pl'] },
      POOL,
      new Map(),
    );
    expect(ranked.map((s) => [s.expert.pseudonym, s.eligible, s.score])).toEqual([
      ['Berk', true, 8],
      ['Ceder', true, 8],
      ['Den', false, 8],
      ['Amber', false, 0],
      ['Es', false, 0],
    ]);
    expect(ranked[0]!.reasons.map((r) => r.key)).toEqual([
      'monitor.pool.reason.forms',
      'monitor.pool.reason.labourMigration',
      'monitor.pool.reason.languages',
    ]);
    expect(ranked[2]!.reasons[0]!.key).toBe('monitor.pool.reason.unavailable');
    expect(ranked[3]!.reasons.map((r) => r.key)).toContain('monitor.pool.reason.noLanguage');
  });

  it('spreads the work: an expert with running assignments drops below an equal one', () => {
    const ranked = rankExperts(
      { forms: ['labour'], minors: false, labourMigration: true, languages: ['pl'] },
      POOL,
      new Map([['Berk', 2]]),
    );
    expect(ranked.slice(0, 2).map((s) => [s.expert.pseudonym, s.score])).toEqual([
      ['Ceder', 8],
      ['Berk', 6],
    ]);
  });

  it('matches minors and criminal exploitation without a language requirement', () => {
    const ranked = rankExperts(
      { forms: ['criminal'], minors: true, labourMigration: false, languages: [] },
      POOL,
      new Map(),
    );
    expect(ranked[0]!.expert.pseudonym).toBe('Es');
    expect(ranked[0]!.score).toBe(6);
    expect(ranked.filter((s) => s.eligible)).toHaveLength(4);
  });

  it('never suggests an expert who declined this assignment again, and says why', () => {
    const ranked = rankExperts(
      { forms: ['labour'], minors: false, labourMigration: true, languages: ['pl'] },
      POOL,
      new Map(),
      new Set(['Berk']),
    );
    const berk = ranked.find((s) => s.expert.pseudonym === 'Berk')!;
    expect(berk.eligible).toBe(false);
    expect(berk.reasons.map((r) => r.key)).toContain('monitor.pool.reason.declined');
  });
});
