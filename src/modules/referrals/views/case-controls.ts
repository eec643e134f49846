// The case pages' own small form controls (the queue, the case page and its cards, the lookup), on the platform's
// kit (src/platform/web/components.ts): what they add is the ids the case page's forms and tests use.
import {
  checkboxGroup,
  ProblemList,
  selectField,
  submitButton,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
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
  return checkboxGroup({
    name,
    legend,
    values: { [name]: checked },
    problems: new ProblemList([], ctx.t),
    idPrefix: `a-${name}`,
    choices: all.map((v) => ({ value: v, label: ctx.t(`${prefix}.${v}`) })),
  });
}

export function select(
  ctx: ViewContext,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  selected: string,
  id = `a-${name}`,
): SafeHtml {
  return selectField({ name, id, label, value: selected, errors: [], choices: options }, ctx.t);
}

export function textarea(
  ctx: ViewContext,
  name: string,
  label: string,
  id: string,
  required = false,
  value = '',
): SafeHtml {
  return textareaField({ name, id, label, value, errors: [], required, rows: 3 }, ctx.t);
}

export function input(ctx: ViewContext, name: string, label: string, value: string, hint?: string): SafeHtml {
  return textField(
    { name, id: `p-${name}`, label, value, errors: [], description: hint, autocomplete: 'off' },
    ctx.t,
  );
}

export const submit = (label: string, secondary = false) =>
  submitButton(label, { variant: secondary ? 'secondary' : 'primary' });
