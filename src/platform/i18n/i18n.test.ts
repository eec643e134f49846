// A shipped locale must be complete: this file fails when a catalogue lacks a key that another locale has, when
// placeholders differ between languages, or when a plural message lacks its `other` form.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LOCALE,
  I18n,
  isLocale,
  isPublicKey,
  LOCALES,
  loadCatalogues,
  localeInfo,
  negotiateLocale,
  type Catalogue,
  type Message,
} from './index.js';

const catalogues = loadCatalogues();
const shipped = LOCALES.map((l) => l.code);

function placeholders(message: Message): string[] {
  const texts = typeof message === 'string' ? [message] : Object.values(message);
  const names = new Set<string>();
  for (const text of texts) for (const m of (text ?? '').matchAll(/\{(\w+)\}/g)) names.add(m[1]!);
  return [...names].sort();
}

describe('message catalogues', () => {
  it('ship Dutch first (the default) and English', () => {
    expect(shipped[0]).toBe(DEFAULT_LOCALE);
    expect(shipped).toContain('en');
    for (const code of shipped) expect(catalogues.has(code), `catalogue for ${code}`).toBe(true);
  });

  it('give every complete locale every key that any shipped locale has', () => {
    const allKeys = new Set(shipped.flatMap((code) => Object.keys(catalogues.get(code) ?? {})));
    expect(allKeys.size).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const { code } of LOCALES.filter((l) => l.coverage === 'complete')) {
      const catalogue = catalogues.get(code) ?? {};
      for (const key of allKeys) if (catalogue[key] === undefined) missing.push(`${code}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('give every public locale every key of the public pages (layout, errors, the wegwijzer)', () => {
    const publicKeys = Object.keys(catalogues.get('en') ?? {}).filter(isPublicKey);
    expect(publicKeys.length).toBeGreaterThan(100);
    const missing: string[] = [];
    for (const { code } of LOCALES.filter((l) => l.coverage === 'public')) {
      const catalogue = catalogues.get(code) ?? {};
      for (const key of publicKeys) if (catalogue[key] === undefined) missing.push(`${code}: ${key}`);
    }
    expect(missing).toEqual([]);
  });

  it('ship Arabic right-to-left and every other language left-to-right', () => {
    expect(LOCALES.filter((l) => l.dir === 'rtl').map((l) => l.code)).toEqual(['ar']);
  });

  it('have no empty messages', () => {
    const empty: string[] = [];
    for (const code of shipped) {
      for (const [key, message] of Object.entries(catalogues.get(code) ?? {})) {
        const texts = typeof message === 'string' ? [message] : Object.values(message);
        if (texts.some((t) => !t || !t.trim())) empty.push(`${code}: ${key}`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('use the same placeholders in every language', () => {
    const reference = catalogues.get(DEFAULT_LOCALE) as Catalogue;
    const mismatches: string[] = [];
    for (const code of shipped.filter((c) => c !== DEFAULT_LOCALE)) {
      const catalogue = catalogues.get(code) ?? {};
      for (const [key, message] of Object.entries(reference)) {
        const other = catalogue[key];
        if (other === undefined) continue;
        const a = placeholders(message).join(',');
        const b = placeholders(other).join(',');
        if (a !== b) mismatches.push(`${key}: ${DEFAULT_LOCALE} {${a}} vs ${code} {${b}}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('give every plural message an `other` form, only valid plural categories, and a {count}', () => {
    const categories = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
    const problems: string[] = [];
    for (const code of shipped) {
      for (const [key, message] of Object.entries(catalogues.get(code) ?? {})) {
        if (typeof message === 'string') continue;
        if (!message.other) problems.push(`${code}: ${key} has no "other"`);
        for (const form of Object.keys(message)) {
          if (!categories.has(form)) problems.push(`${code}: ${key} has unknown plural form "${form}"`);
        }
        if (!placeholders(message).includes('count')) problems.push(`${code}: ${key} has no {count}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('give every error title a help text', () => {
    const keys = Object.keys(catalogues.get(DEFAULT_LOCALE) ?? {});
    const titles = keys.filter((k) => /^errors\.[a-zA-Z]+$/.test(k) && k !== 'errors.backHome');
    const missing = titles.filter((k) => !keys.includes(`${k}.help`));
    expect(missing).toEqual([]);
  });
});

describe('I18n', () => {
  const i18n = new I18n(
    new Map<string, Catalogue>([
      ['nl', { greet: 'Hallo {name}', items: { one: '{count} dienst', other: '{count} diensten' } }],
      [
        'en',
        { greet: 'Hello {name}', items: { one: '{count} service', other: '{count} services' }, onlyEn: 'x' },
      ],
    ]),
  );

  it('fills placeholders and keeps unknown ones', () => {
    expect(i18n.translator('nl')('greet', { name: 'Ada' })).toBe('Hallo Ada');
    expect(i18n.translator('nl')('greet')).toBe('Hallo {name}');
  });

  it('chooses plural forms with the language rules and formats numbers for the locale', () => {
    const nl = i18n.translator('nl');
    expect(nl('items', { count: 1 })).toBe('1 dienst');
    expect(nl('items', { count: 0 })).toBe('0 diensten');
    expect(nl('items', { count: 1500 })).toBe('1.500 diensten');
    expect(i18n.translator('en')('items', { count: 1500 })).toBe('1,500 services');
  });

  it('falls back to English for a key missing in a locale, and throws on an unknown key', () => {
    expect(i18n.translator('nl')('onlyEn')).toBe('x');
    expect(() => i18n.translator('nl')('nope')).toThrow(/Unknown message key: nope/);
  });

  it('translates every key of the shipped catalogues in every shipped locale', () => {
    const real = new I18n(catalogues);
    for (const code of shipped) {
      const t = real.translator(code);
      for (const key of Object.keys(catalogues.get(code) ?? {}))
        expect(typeof t(key, { count: 2 })).toBe('string');
    }
  });
});

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'nl'],
    ['', 'nl'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['EN-us', 'en'],
    ['de-DE,de;q=0.9,en;q=0.8', 'en'],
    ['de, fr;q=0.5', 'fr'],
    ['de, sv;q=0.5', 'nl'],
    ['ar-EG,ar;q=0.9', 'ar'],
    ['en;q=0.5, nl;q=0.8', 'nl'],
    ['nl;q=0, en', 'en'],
    ['*', 'nl'],
    [`${'xx,'.repeat(50)}en`, 'nl'],
  ])('Accept-Language %j selects %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('locale info', () => {
  it('knows the shipped locales, their names and direction', () => {
    expect(isLocale('nl')).toBe(true);
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
    for (const l of LOCALES) expect(['ltr', 'rtl']).toContain(localeInfo(l.code).dir);
    expect(localeInfo('xx').code).toBe(DEFAULT_LOCALE);
  });
});
