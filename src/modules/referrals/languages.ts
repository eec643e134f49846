// The languages the person speaks (issue 20, point 4: a shelter sees them): ISO 639-1 codes of the languages the
// platform ships (the people it serves speak them) and "other". Stored sealed like the other person fields, as the
// codes in order, comma-separated (`nrm_person.languages_enc`, bound to the case); said in words with the
// language's name in the reader's language (Intl.DisplayNames).
import type { FieldProblem } from '../../platform/errors.js';
import { LOCALES } from '../../platform/i18n/index.js';

export const PERSON_LANGUAGES: readonly string[] = [...LOCALES.map((l) => l.code), 'other'];

/** The chosen codes, checked, without repeats, in the list's order; a problem for a code not in the list. */
export function pickLanguages(problems: FieldProblem[], field: string, values: readonly string[]): string[] {
  if (values.some((v) => !PERSON_LANGUAGES.includes(v)))
    problems.push({ field, key: 'referrals.errors.unknownValue' });
  return PERSON_LANGUAGES.filter((code) => values.includes(code));
}

/** The stored form (comma-separated codes), or null when none was chosen. */
export const storedLanguages = (codes: readonly string[]): string | null =>
  codes.length ? codes.join(',') : null;

/** The codes of a stored (opened) value. */
export const languageCodes = (stored: string | null | undefined): string[] =>
  stored ? stored.split(',').filter((c) => PERSON_LANGUAGES.includes(c)) : [];

/** The languages in words in `locale`: each name in that language, "other" by the given word, as a list. */
export function languagesInWords(locale: string, stored: string | null | undefined, other: string): string {
  const names = new Intl.DisplayNames([locale], { type: 'language' });
  const words = languageCodes(stored).map((c) => (c === 'other' ? other : (names.of(c) ?? c)));
  return new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(words);
}
