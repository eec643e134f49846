// Building blocks for the monitor's pages on the NL Design System (Utrecht) classes: the page context, labelled
// fields with their errors tied in by aria-describedby, an error summary that links to each field, tables.
import type { FieldProblem } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';

export interface PageContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
}

export const csrf = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;

/** `values[0].value` -> `f-values-0-value`. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_]+/g, '-').replace(/-$/, '')}`;
}

export function problemsFor(problems: FieldProblem[], field: string, t: Translate): string[] {
  return problems.filter((p) => p.field === field).map((p) => t(p.key, p.params));
}

export function errorSummary(ctx: PageContext, problems: FieldProblem[], label: (field: string) => string) {
  if (problems.length === 0) return html``;
  const { t } = ctx;
  return html`<div class="samen-error-summary utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary" autofocus>
<h2 class="utrecht-heading-2">${t('monitor.form.problems')}</h2>
<ul class="utrecht-unordered-list">${problems.map(
    (p) =>
      html`<li><a class="utrecht-link" href="#${fieldId(p.field)}">${label(p.field)}: ${t(p.key, p.params)}</a></li>`,
  )}</ul>
</div>`;
}

function describedBy(id: string, description: boolean, errors: boolean): SafeHtml {
  const ids = [description ? `${id}-description` : '', errors ? `${id}-error` : ''].filter(Boolean);
  return attrIf(ids.length > 0, 'aria-describedby', ids.join(' '));
}

export interface FieldOptions {
  name: string;
  label: string;
  value: string;
  errors: string[];
  description?: string;
  type?: 'text' | 'date' | 'number';
  required?: boolean;
  /** For repeated fields: the id differs from the name. */
  id?: string;
  inputmode?: 'decimal' | 'numeric' | 'text';
}

function frame(
  id: string,
  o: { label: string; description?: string | undefined; errors: string[] },
  control: SafeHtml,
) {
  return html`<div class="utrecht-form-field utrecht-form-field--text ${o.errors.length ? 'utrecht-form-field--invalid' : ''}">
<div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${o.label}</label></div>
${o.description ? html`<div class="utrecht-form-field-description" id="${id}-description">${o.description}</div>` : ''}
${o.errors.length ? html`<div class="utrecht-form-field-error-message" id="${id}-error">${o.errors.join(' ')}</div>` : ''}
<div class="utrecht-form-field__input">${control}</div>
</div>`;
}

export function textField(o: FieldOptions): SafeHtml {
  const id = o.id ?? fieldId(o.name);
  return frame(
    id,
    o,
    html`<input class="utrecht-textbox utrecht-textbox--html-input ${o.errors.length ? 'utrecht-textbox--invalid' : ''}" id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value}" ${attrIf(Boolean(o.required), 'required')} ${attrIf(o.errors.length > 0, 'aria-invalid', 'true')} ${attrIf(Boolean(o.inputmode), 'inputmode', o.inputmode)} ${describedBy(id, Boolean(o.description), o.errors.length > 0)}>`,
  );
}

export function textArea(o: FieldOptions & { rows?: number }): SafeHtml {
  const id = o.id ?? fieldId(o.name);
  return frame(
    id,
    o,
    html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea ${o.errors.length ? 'utrecht-textarea--invalid' : ''}" id="${id}" name="${o.name}" rows="${o.rows ?? 6}" ${attrIf(o.errors.length > 0, 'aria-invalid', 'true')} ${describedBy(id, Boolean(o.description), o.errors.length > 0)}>${o.value}</textarea>`,
  );
}

export function selectField(o: FieldOptions & { options: { value: string; label: string }[] }): SafeHtml {
  const id = o.id ?? fieldId(o.name);
  return frame(
    id,
    o,
    html`<select class="utrecht-select utrecht-select--html-select ${o.errors.length ? 'utrecht-select--invalid' : ''}" id="${id}" name="${o.name}" ${attrIf(o.errors.length > 0, 'aria-invalid', 'true')} ${describedBy(id, Boolean(o.description), o.errors.length > 0)}>
${o.options.map((opt) => html`<option value="${opt.value}" ${attrIf(opt.value === o.value, 'selected')}>${opt.label}</option>`)}
</select>`,
  );
}

export function table(o: {
  id: string;
  caption: string;
  head: (string | SafeHtml)[];
  rows: { head: string | SafeHtml; cells: (string | number | SafeHtml)[] }[];
}): SafeHtml {
  return html`<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="${o.id}-caption">
<table class="utrecht-table">
<caption class="utrecht-table__caption" id="${o.id}-caption">${o.caption}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${o.head.map((h) => html`<th class="utrecht-table__header-cell" scope="col">${h}</th>`)}</tr></thead>
<tbody class="utrecht-table__body">
${o.rows.map(
  (r) =>
    html`<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="row">${r.head}</th>${r.cells.map(
      (c) => html`<td class="utrecht-table__cell">${c}</td>`,
    )}</tr>`,
)}
</tbody></table></div>`;
}

export function button(
  label: string,
  kind: 'primary' | 'secondary' = 'primary',
  name?: string,
  value?: string,
) {
  return html`<button type="submit" class="utrecht-button utrecht-button--${kind}-action" ${attrIf(Boolean(name), 'name', name)} ${attrIf(Boolean(value), 'value', value)}>${label}</button>`;
}

export function notice(text: string): SafeHtml {
  return html`<p class="samen-alert utrecht-alert" role="status">${text}</p>`;
}
