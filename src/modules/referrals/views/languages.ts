// The person's languages on staff pages: the choices of the signal and rectification forms (each language by its
// name in the reader's language, then "other") and the stored codes in words.
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
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
  const checked = new Set(languageCodes(stored));
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samen-checkboxes"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${ctx.t('referrals.field.languages')}</legend>
${languageChoices(ctx).map((c, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="p-languages-${i}" name="languages" value="${c.value}" ${attrIf(checked.has(c.value), 'checked')}><label class="utrecht-form-label utrecht-form-label--checkbox" for="p-languages-${i}">${c.label}</label></div>`)}
</fieldset>`;
}
