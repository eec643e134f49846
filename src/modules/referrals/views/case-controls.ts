// The case pages' own small form controls (the queue, the case page and its cards, the lookup).
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import type { ViewContext } from './common.js';

export const list = (values: string[], prefix: string, ctx: ViewContext) =>
  values.length ? values.map((v) => ctx.t(`${prefix}.${v}`)).join(', ') : ctx.t('referrals.none');

export function dl(items: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="samen-dl">${items.map(([k, v]) => html`<dt>${k}</dt><dd>${v || '–'}</dd>`)}</dl>`;
}

export function checkboxes(
  name: string,
  legend: string,
  all: readonly string[],
  checked: string[],
  prefix: string,
  ctx: ViewContext,
): SafeHtml {
  const set = new Set(checked);
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samen-checkboxes"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${legend}</legend>
${all.map((v, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="a-${name}-${i}" name="${name}" value="${v}" ${attrIf(set.has(v), 'checked')}><label class="utrecht-form-label utrecht-form-label--checkbox" for="a-${name}-${i}">${ctx.t(`${prefix}.${v}`)}</label></div>`)}
</fieldset>`;
}

export function select(
  name: string,
  label: string,
  options: { value: string; label: string }[],
  selected: string,
  id = `a-${name}`,
): SafeHtml {
  return html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="${id}" name="${name}">${options.map((o) => html`<option value="${o.value}" ${attrIf(o.value === selected, 'selected')}>${o.label}</option>`)}</select></div>`;
}

export function textarea(name: string, label: string, id: string, required = false, value = ''): SafeHtml {
  return html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>
<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="${id}" name="${name}" rows="3" ${attrIf(required, 'required')}>${value}</textarea></div>`;
}

export function input(name: string, label: string, value: string, hint?: string): SafeHtml {
  const id = `p-${name}`;
  return html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>${hint ? html`<p class="utrecht-form-field-description" id="${id}-d">${hint}</p>` : ''}<input class="utrecht-textbox utrecht-textbox--html-input" id="${id}" name="${name}" value="${value}" autocomplete="off" ${hint ? html`aria-describedby="${id}-d"` : ''}></div>`;
}

export const submit = (label: string, secondary = false) =>
  html`<button class="utrecht-button ${secondary ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}" type="submit">${label}</button>`;
