// The person block of the case page, as far as the viewer's per-field scope allows (field-scopes.ts): each field
// it may read with its value, and the ones it may not named as not shared with its organisation.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { PersonData } from '../core/context.js';
import type { PersonField } from '../field-scopes.js';
import type { ViewContext } from './common.js';
import { languagesText } from './languages.js';

const SHOWN: [PersonField, keyof PersonData, string][] = [
  ['name', 'name', 'referrals.field.name'],
  ['date_of_birth', 'dateOfBirth', 'referrals.field.dateOfBirth'],
  ['contact', 'contact', 'referrals.field.contact'],
  ['special_notes', 'specialNotes', 'referrals.field.specialNotes'],
  ['languages', 'languages', 'referrals.field.languages'],
];

export function scopedPersonBlock(
  ctx: ViewContext,
  person: PersonData | null,
  fields: ReadonlySet<PersonField>,
): SafeHtml {
  const { t } = ctx;
  const hidden = [...SHOWN.filter(([f]) => !fields.has(f)).map(([, , label]) => t(label))];
  if (!fields.has('summary')) hidden.push(t('referrals.field.summary'));
  const notShared = hidden.length
    ? html`<p class="utrecht-paragraph">${t('referrals.scopes.notShared', { fields: hidden.join(', ') })}</p>`
    : '';
  if (!person) return html`<p class="utrecht-paragraph">${t('referrals.case.noPerson')}</p>${notShared}`;
  const shown = SHOWN.filter(([f]) => fields.has(f));
  return html`<dl class="samen-dl">${shown.map(([, key, label]) => html`<dt>${t(label)}</dt><dd>${(key === 'languages' ? languagesText(ctx, person.languages) : person[key]) || '–'}</dd>`)}</dl>${notShared}`;
}
