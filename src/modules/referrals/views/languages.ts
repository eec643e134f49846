// The person's languages on staff pages: the choices of the signal and rectification forms (each language by its
// name in the reader's language, then "other") and the stored codes in words.
import type { SafeHtml } from '../../../platform/web/html.js';
import { checkboxGroup, ProblemList } from '../../../platform/web/components.js';
import { languageCodes, languagesInWords, PERSON_LANGUAGES } from '../languages.js';
import type { ViewContext } from './common.js';

export function languageChoices(ctx: ViewContext) {
  const names = new Intl.DisplayNames([ctx.locale], { type: 'language' });
  return PERSON_LANGUAGES.map((code) => ({
    value: code,
    label: code === 'other' ? ctx.t('referrals.language.other') : (names.of(code) ?? code),
  }));
}

export const languagesText = (ctx: ViewContext, stored: string | null | undefined) =>
  languagesInWords(ctx.locale, stored, ctx.t('referrals.language.other'));

/** The rectification form's checkboxes of the person's languages, the stored ones checked. */
export function languageCheckboxes(ctx: ViewContext, stored: string | null | undefined): SafeHtml {
  return checkboxGroup({
    name: 'languages',
    legend: ctx.t('referrals.field.languages'),
    values: { languages: languageCodes(stored) },
    problems: new ProblemList([], ctx.t),
    idPrefix: 'p-languages',
    choices: languageChoices(ctx),
  });
}
