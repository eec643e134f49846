// What the monitor's pages add to the platform's kit (src/platform/web/components.ts, whose error summary, tables
// and field ids they use): the page context, and labelled fields that take their value and translated errors
// directly (the kit's take the form's values and problems), buttons and notices.
import type { FieldProblem } from '../../../platform/http/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { fieldId } from '../../../platform/web/components.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';

export interface PageContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
  csrfToken: string;
}

export const csrf = (ctx: PageContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;

export function problemsFor(problems: FieldProblem[], field: string, t: Translate): string[] {
  return problems.filter((p) => p.field === field).map((p) => t(p.key, p.params));
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
