// Form building blocks for the account pages (NL Design System / Utrecht classes): an error summary linking to
// the fields, text fields with their label, hint and error wired up through aria-describedby / aria-invalid.
import { translateOr, type Translate } from '../../i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../web/html.js';

/** A problem with one field, already translated; `field` is the input's id. */
export interface FormError {
  field: string;
  message: string;
}

export function fieldError(errors: FormError[], field: string): string | undefined {
  return errors.find((e) => e.field === field)?.message;
}

/** The error summary at the top of a form: every problem, each a link to its field. */
export function errorSummary(t: Translate, errors: FormError[]): SafeHtml {
  if (errors.length === 0) return html``;
  return html`<div
    class="samen-error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1"
  >
    <h2 class="utrecht-heading-2" id="error-summary-title">${t('auth.form.errorSummary')}</h2>
    <ul class="utrecht-unordered-list">
      ${errors.map((e) => html`<li><a class="utrecht-link" href="#${e.field}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

export function alert(
  type: 'error' | 'ok' | 'info' | 'warning',
  message: string,
  role?: 'alert' | 'status',
): SafeHtml {
  return html`<div class="utrecht-alert utrecht-alert--${type}" ${attrIf(Boolean(role), 'role', role)}>
    <div class="utrecht-alert__content">
      <p class="utrecht-alert__message utrecht-paragraph">${message}</p>
    </div>
  </div>`;
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}" />`;
}

export function hiddenField(name: string, value: string | undefined): SafeHtml {
  return value ? html`<input type="hidden" name="${name}" value="${value}" />` : html``;
}

export interface TextFieldOptions {
  id: string;
  name?: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete: string;
  value?: string;
  hint?: string;
  error?: string;
  inputmode?: 'numeric' | 'email' | 'text';
  required?: boolean;
  maxlength?: number;
}

export function textField(o: TextFieldOptions): SafeHtml {
  const describedBy = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const type = o.type ?? 'text';
  return html`<div
    class="utrecht-form-field utrecht-form-field--text${o.error ? ' utrecht-form-field--invalid' : ''}"
  >
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for="${o.id}">${o.label}</label>
    </div>
    ${
      o.hint
        ? html`<div class="utrecht-form-field__description utrecht-form-field-description" id="${o.id}-hint">
            ${o.hint}
          </div>`
        : ''
    }
    ${
      o.error
        ? html`<div
            class="utrecht-form-field__error-message utrecht-form-field-error-message"
            id="${o.id}-error"
          >
            ${o.error}
          </div>`
        : ''
    }
    <div class="utrecht-form-field__input">
      <input
        class="utrecht-textbox utrecht-textbox--html-input${o.error ? ' utrecht-textbox--invalid' : ''}${type === 'password' ? ' utrecht-textbox--password' : ''}${o.inputmode === 'numeric' ? ' utrecht-textbox--numeric' : ''}"
        id="${o.id}"
        name="${o.name ?? o.id}"
        type="${type}"
        autocomplete="${o.autocomplete}"
        ${attrIf(o.value !== undefined && type !== 'password', 'value', o.value)}
        ${attrIf(Boolean(o.inputmode), 'inputmode', o.inputmode)}
        ${attrIf(o.maxlength !== undefined, 'maxlength', String(o.maxlength))}
        ${attrIf(type === 'email' || type === 'password' || o.inputmode === 'numeric', 'spellcheck', 'false')}
        ${attrIf(o.inputmode === 'numeric', 'autocapitalize', 'off')}
        ${attrIf(o.required !== false, 'required')}
        ${attrIf(Boolean(describedBy), 'aria-describedby', describedBy)}
        ${attrIf(Boolean(o.error), 'aria-invalid', 'true')}
      />
    </div>
  </div>`;
}

export interface SelectFieldOptions {
  id: string;
  label: string;
  options: { value: string; label: string }[];
  value?: string;
  error?: string;
}

export function selectField(o: SelectFieldOptions): SafeHtml {
  return html`<div
    class="utrecht-form-field utrecht-form-field--text${o.error ? ' utrecht-form-field--invalid' : ''}"
  >
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for="${o.id}">${o.label}</label>
    </div>
    ${
      o.error
        ? html`<div
            class="utrecht-form-field__error-message utrecht-form-field-error-message"
            id="${o.id}-error"
          >
            ${o.error}
          </div>`
        : ''
    }
    <div class="utrecht-form-field__input">
      <select
        class="utrecht-select utrecht-select--html-select${o.error ? ' utrecht-select--invalid' : ''}"
        id="${o.id}"
        name="${o.id}"
        required
        ${attrIf(Boolean(o.error), 'aria-describedby', `${o.id}-error`)}
        ${attrIf(Boolean(o.error), 'aria-invalid', 'true')}
      >
        ${o.options.map((opt) => html`<option value="${opt.value}" ${attrIf(opt.value === o.value, 'selected')}>${opt.label}</option>`)}
      </select>
    </div>
  </div>`;
}

export function submitButton(label: string, variant: 'primary' | 'secondary' = 'primary'): SafeHtml {
  return html`<button class="utrecht-button utrecht-button--${variant}-action" type="submit">
    ${label}
  </button>`;
}

/** A role's name in the user's language; a role added to the table before its translation shows its code. */
export function roleLabel(t: Translate, role: string): string {
  return translateOr(t, `auth.role.${role}`, role);
}
