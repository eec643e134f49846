// Staff pages in words (issue 18 point 9), without a database: every entry of the processing register has its
// table and fields described in Dutch and English (a new table or entry without words fails here, rather than
// showing its column names to the privacy officer), and age groups and countries read as words.
import { describe, expect, it } from 'vitest';
import { I18n, loadCatalogues } from '../../../platform/i18n/index.js';
import { AGE_GROUPS } from '../model.js';
import { PROCESSING_REGISTER } from '../register.js';
import { ageGroupText, countryText } from './words.js';

const catalogues = loadCatalogues();
const i18n = new I18n(catalogues);

describe('staff words', () => {
  it('describe every table and entry of the processing register in nl and en', () => {
    const missing: string[] = [];
    for (const locale of ['nl', 'en']) {
      const catalogue = catalogues.get(locale) ?? {};
      for (const e of PROCESSING_REGISTER)
        for (const key of [
          `referrals.register.table.${e.table}`,
          `referrals.register.fields.${e.table}.${e.category}`,
        ])
          if (!catalogue[key]) missing.push(`${locale}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('say age groups as ages and countries by name', () => {
    const ctx = { t: i18n.translator('nl'), locale: 'nl' };
    expect(AGE_GROUPS.map((a) => ageGroupText(ctx, a))).not.toContain('48+');
    expect(ageGroupText(ctx, '48+')).toBe('48 of ouder');
    expect(ageGroupText(ctx, '0--8')).toBe('0–8');
    expect(countryText(ctx, 'BG')).toBe('Bulgarije');
    expect(countryText({ t: i18n.translator('en'), locale: 'en' }, 'NG')).toBe('Nigeria');
    expect(countryText(ctx, 'unknown')).toBe('Onbekend');
  });
});
