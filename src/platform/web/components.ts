// The component kit of every page, on the NL Design System (Utrecht) classes: labelled text fields, textareas,
// selects, checkbox and radio groups with their error messages tied in by aria-describedby, an error summary that
// links to each field, tables, pagination, badges, alerts, submit buttons and hidden (CSRF) fields: the one kit of
// the platform's and the modules' pages (issue 19). Everything is escaped by the html template. Field names follow
// the services' field names (`phones[0].number`); ids are derived from them. Problems come as FieldProblems (a
// message key and its parameters, from a service or from a form's schema, platform/http/form-schema.ts).
import type { FieldProblem } from '../http/errors.js';
import type { Translate } from '../i18n/index.js';
import { attrIf, html, SafeHtml } from './html.js';

export type FormValues = Record<string, string | string[] | undefined>;

/** `phones[0].number` -> `f-phones-0-number`: a valid, stable HTML id. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^a-zA-Z0-9_]+/g, '-').replace(/-$/, '')}`;
}

export function valueOf(values: FormValues, name: string): string {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

export function valuesOf(values: FormValues, name: string): string[] {
  const v = values[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export class ProblemList {
  constructor(
    readonly problems: FieldProblem[],
    private readonly t: Translate,
  ) {}

  for(name: string): string[] {
    return this.problems.filter((p) => p.field === name).map((p) => this.message(p));
  }

  /** A problem's message in the list's language (or as a route already wrote it, `ofMessages`). */
  message(problem: FieldProblem): string {
    return this.t(problem.key, problem.params);
  }

  has(name: string): boolean {
    return this.problems.some((p) => p.field === name);
  }

  get empty(): boolean {
    return this.problems.length === 0;
  }

  /** Problems whose messages a route has already put in the user's language, by field name. */
  static ofMessages(messages: Record<string, string | undefined>): ProblemList {
    const problems = Object.entries(messages).flatMap(([field, message]) =>
      message === undefined ? [] : [{ field, key: message }],
    );
    return new ProblemList(problems, (message) => message);
  }
}

/**
 * Where a field's value and problems come from: the form's values and problems (the field's `name` picks them out),
 * or, for a page that holds them per field already, the value and the problems in words.
 */
export type FieldSource =
  | { values: FormValues; problems: ProblemList }
  | { value: string; errors: string[]; values?: never; problems?: never };

/** What every labelled field has. */
export type FieldBase = FieldSource & {
  name: string;
  label: string;
  /** The id when it is not `fieldId(name)`: a form repeated on a page, or an id other pages link to. */
  id?: string | undefined;
  description?: string | SafeHtml | undefined;
  required?: boolean | undefined;
  maxlength?: number | undefined;
  /** Another class on the control (a code editor's monospace textarea). */
  className?: string;
  /** Off for text that is not prose (rules, codes); email, password and numeric fields are off by default. */
  spellcheck?: boolean;
  /** `data-*` attributes the page's script reads (`{ 'place-suggest': url }`). */
  data?: Record<string, string>;
};

export type FieldOptions = FieldBase & {
  type?: 'text' | 'email' | 'url' | 'tel' | 'number' | 'time' | 'search' | 'date' | 'password';
  /** An autocomplete token (`username`, `current-password`, `one-time-code`, `off`). */
  autocomplete?: string | undefined;
  inputmode?: 'numeric' | 'decimal' | 'tel' | 'email' | 'url' | 'text' | undefined;
  size?: 'small' | 'medium';
  list?: string;
  /** Bounds and step of a number field. */
  min?: number;
  max?: number;
  step?: number | 'any';
  /** The id of a problem shown elsewhere (an alert listing choices): the field is invalid and described by it. */
  errorId?: string;
};

/** The attributes a control may carry beyond its name, id and value: length, bounds, spelling, data. */
function limits(o: FieldBase & { min?: number; max?: number; step?: number | 'any' }): SafeHtml {
  return html`${attrIf(o.maxlength !== undefined, 'maxlength', String(o.maxlength))}
    ${attrIf(o.min !== undefined, 'min', String(o.min))} ${attrIf(o.max !== undefined, 'max', String(o.max))}
    ${attrIf(o.step !== undefined, 'step', String(o.step))}
    ${attrIf(o.spellcheck !== undefined, 'spellcheck', String(o.spellcheck))}
    ${Object.entries(o.data ?? {}).map(([name, value]) => attrIf(/^[a-z][a-z0-9-]*$/.test(name), `data-${name}`, value))}`;
}

/** A field's id, value and problems in words, from either source. */
function stateOf(o: FieldBase): { id: string; value: string; errors: string[] } {
  const id = o.id ?? fieldId(o.name);
  if (o.problems === undefined) return { id, value: o.value, errors: o.errors };
  return { id, value: valueOf(o.values, o.name), errors: o.problems.for(o.name) };
}

function describedBy(id: string, hasDescription: boolean, hasError: boolean, elsewhere = ''): SafeHtml {
  const ids = [hasDescription ? `${id}-description` : '', hasError ? `${id}-error` : '', elsewhere].filter(
    Boolean,
  );
  return attrIf(ids.length > 0, 'aria-describedby', ids.join(' '));
}

function fieldFrame(
  id: string,
  label: string | SafeHtml,
  required: boolean,
  description: string | SafeHtml | undefined,
  errors: string[],
  control: SafeHtml,
  t: Translate,
): SafeHtml {
  return html`<div
    class="utrecht-form-field utrecht-form-field--text ${errors.length ? 'utrecht-form-field--invalid' : ''}"
  >
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for="${id}"
        >${label}${required ? html` <span class="samen-required">(${t('kit.form.required')})</span>` : ''}</label
      >
    </div>
    ${description ? html`<div class="utrecht-form-field-description utrecht-form-field__description" id="${id}-description">${description}</div>` : ''}
    ${
      errors.length
        ? html`<div
            class="utrecht-form-field-error-message utrecht-form-field__error-message"
            id="${id}-error"
          >
            ${errors.map((e) => html`<p class="samen-error-line"><span class="samen-visually-hidden">${t('kit.form.errorPrefix')}</span>${e}</p>`)}
          </div>`
        : ''
    }
    <div class="utrecht-form-field__input">${control}</div>
  </div>`;
}

export function textField(o: FieldOptions, t: Translate): SafeHtml {
  const { id, value, errors } = stateOf(o);
  const type = o.type ?? 'text';
  // Words a spelling checker or capitals would spoil: addresses, passwords, codes.
  const literal = type === 'email' || type === 'password' || o.inputmode === 'numeric';
  const invalid = errors.length > 0 || Boolean(o.errorId);
  const control = html`<input
    class="utrecht-textbox utrecht-textbox--html-input ${invalid ? 'utrecht-textbox--invalid' : ''} ${o.size ? `samen-input--${o.size}` : ''} ${o.className ?? ''}"
    type="${type}"
    id="${id}"
    name="${o.name}"
    ${attrIf(type !== 'password', 'value', value)}
    ${attrIf(Boolean(o.required), 'required')}
    ${attrIf(invalid, 'aria-invalid', 'true')}
    ${attrIf(Boolean(o.autocomplete), 'autocomplete', o.autocomplete)}
    ${attrIf(Boolean(o.inputmode), 'inputmode', o.inputmode)}
    ${attrIf(literal && o.spellcheck === undefined, 'spellcheck', 'false')}
    ${attrIf(literal, 'autocapitalize', 'off')}
    ${attrIf(Boolean(o.list), 'list', o.list)}
    ${limits(o)}
    ${describedBy(id, Boolean(o.description), errors.length > 0, o.errorId)}
  />`;
  return fieldFrame(id, o.label, Boolean(o.required), o.description, errors, control, t);
}

/** A textarea; a value that starts with a line break gets one more, which the HTML parser drops. */
export function textareaField(o: FieldBase & { rows?: number }, t: Translate): SafeHtml {
  const { id, value, errors } = stateOf(o);
  const control = html`<textarea
    class="utrecht-textarea utrecht-textarea--html-textarea ${errors.length ? 'utrecht-textarea--invalid' : ''} ${o.className ?? ''}"
    id="${id}"
    name="${o.name}"
    rows="${o.rows ?? 4}"
    ${limits(o)}
    ${attrIf(Boolean(o.required), 'required')}
    ${attrIf(errors.length > 0, 'aria-invalid', 'true')}
    ${describedBy(id, Boolean(o.description), errors.length > 0)}
  >${value.startsWith('\n') ? '\n' : ''}${value}</textarea>`;
  return fieldFrame(id, o.label, Boolean(o.required), o.description, errors, control, t);
}

export interface Choice {
  value: string;
  label: string;
  /** Options grouped under this heading (optgroup). */
  group?: string;
  /** The language of the label when it is not the page's (a language named in itself). */
  lang?: string;
}

export function selectControl(
  name: string,
  choices: Choice[],
  selected: string,
  options: {
    id?: string;
    invalid?: boolean;
    describedBy?: SafeHtml;
    label?: string;
    required?: boolean;
  } = {},
): SafeHtml {
  const groups: { group: string | undefined; items: Choice[] }[] = [];
  for (const c of choices) {
    const last = groups.at(-1);
    if (last && last.group === c.group) last.items.push(c);
    else groups.push({ group: c.group, items: [c] });
  }
  const option = (c: Choice) =>
    html`<option value="${c.value}" ${attrIf(c.value === selected, 'selected')}${c.lang ? html` lang="${c.lang}"` : ''}>${c.label}</option>`;
  return html`<select
    class="utrecht-select utrecht-select--html-select ${options.invalid ? 'utrecht-select--invalid' : ''}"
    id="${options.id ?? fieldId(name)}"
    name="${name}"
    ${attrIf(Boolean(options.required), 'required')}
    ${attrIf(Boolean(options.invalid), 'aria-invalid', 'true')}
    ${attrIf(Boolean(options.label), 'aria-label', options.label)}
    ${options.describedBy ?? ''}
  >
    ${groups.map((g) => (g.group ? html`<optgroup label="${g.group}">${g.items.map(option)}</optgroup>` : g.items.map(option)))}
  </select>`;
}

export function selectField(o: FieldBase & { choices: Choice[] }, t: Translate): SafeHtml {
  const { id, value, errors } = stateOf(o);
  const control = selectControl(o.name, o.choices, value, {
    id,
    invalid: errors.length > 0,
    required: Boolean(o.required),
    describedBy: describedBy(id, Boolean(o.description), errors.length > 0),
  });
  return fieldFrame(id, o.label, Boolean(o.required), o.description, errors, control, t);
}

/** A fieldset of checkboxes sharing one name; `indent` marks narrower terms. */
export function checkboxGroup(o: {
  name: string;
  legend: string;
  values: FormValues;
  problems: ProblemList;
  idPrefix: string;
  choices: (Choice & { indent?: boolean })[];
  /** A hint under the legend (`${idPrefix}-description`), tied to the fieldset like its errors. */
  description?: string;
  /** The first box's id, where an error summary's link lands (`fieldId(name)`); the others stay `${idPrefix}-${i}`. */
  firstId?: string;
  /** Another class on the fieldset (the week days in one row). */
  className?: string;
}): SafeHtml {
  const checked = new Set(valuesOf(o.values, o.name));
  const errors = o.problems.for(o.name);
  return html`<fieldset
    class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samen-checkboxes ${errors.length ? 'utrecht-form-fieldset--invalid' : ''} ${o.className ?? ''}"
    ${describedBy(o.idPrefix, Boolean(o.description), errors.length > 0)}
  >
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
      ${o.legend}
    </legend>
    ${o.description ? html`<p class="utrecht-form-field-description" id="${o.idPrefix}-description">${o.description}</p>` : ''}
    ${
      errors.length
        ? html`<div class="utrecht-form-field-error-message" id="${o.idPrefix}-error">
            ${errors.map((e) => html`<p class="samen-error-line">${e}</p>`)}
          </div>`
        : ''
    }
    ${o.choices.map((c, i) => {
      const id = i === 0 && o.firstId ? o.firstId : `${o.idPrefix}-${i}`;
      return html`<div
        class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox ${c.indent ? 'samen-checkbox--indent' : ''}"
      >
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id="${id}"
          name="${o.name}"
          value="${c.value}"
          ${attrIf(checked.has(c.value), 'checked')}
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">${c.label}</label>
      </div>`;
    })}
  </fieldset>`;
}

/**
 * One checkbox on its own (a yes/no setting or filter), its label beside it; an error above the row and a hint
 * after it, both tied to the box by aria-describedby. Neither sits inside the row: it is a flex line, where a
 * paragraph would run beside the label and widen a 360 px page.
 */
export function checkboxField(o: {
  name: string;
  label: string | SafeHtml;
  checked: boolean;
  value?: string;
  id?: string;
  /** A hint under the box and its label (`${id}-description`). */
  description?: string | SafeHtml;
  error?: string;
  className?: string;
}): SafeHtml {
  const id = o.id ?? fieldId(o.name);
  const error = Boolean(o.error);
  return html`${error ? html`<p class="utrecht-form-field-error-message" id="${id}-error">${o.error}</p>` : ''}<div
    class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox ${error ? 'utrecht-form-field--invalid' : ''} ${o.className ?? ''}"
  >
    <input
      class="utrecht-checkbox utrecht-checkbox--html-input"
      type="checkbox"
      id="${id}"
      name="${o.name}"
      value="${o.value ?? 'yes'}"
      ${attrIf(o.checked, 'checked')}
      ${attrIf(error, 'aria-invalid', 'true')}
      ${describedBy(id, Boolean(o.description), error)}
    />
    <label class="utrecht-form-label utrecht-form-label--checkbox" for="${id}">${o.label}</label>
  </div>${o.description ? html`<p class="utrecht-form-field-description" id="${id}-description">${o.description}</p>` : ''}`;
}

/**
 * The list of problems at the top of a form; each links to its field. It takes the focus when the page loads
 * (`id="error-summary"`, one per page: only the form that was sent shows one). Options: another heading, a lead
 * paragraph above the list (a conflict's message; shown even without field problems), and where a field's link
 * points when its id is not `fieldId(name)` (a form repeated on a page).
 */
export function errorSummary(
  problems: ProblemList,
  labelFor: (field: string) => string,
  t: Translate,
  options: { title?: string; lead?: SafeHtml; href?: (field: string) => string } = {},
): SafeHtml {
  if (problems.empty && !options.lead) return html``;
  const href = options.href ?? fieldId;
  return html`<div
    class="samen-error-summary"
    role="alert"
    aria-labelledby="error-summary-title"
    tabindex="-1" id="error-summary" autofocus
  >
    <h2 class="utrecht-heading-2" id="error-summary-title">${options.title ?? t('kit.form.errorSummary')}</h2>
    ${options.lead ?? ''}
    ${
      problems.empty
        ? ''
        : html`<ul class="utrecht-unordered-list">
            ${problems.problems.map(
              (p) =>
                html`<li>
                  <a class="utrecht-link" href="#${href(p.field)}"
                    >${labelFor(p.field)}: ${problems.message(p)}</a
                  >
                </li>`,
            )}
          </ul>`
    }
  </div>`;
}

/** A radio group: one choice of several, in a fieldset whose legend is the question. */
export function radioGroup(o: {
  name: string;
  legend: string;
  values: FormValues;
  problems: ProblemList;
  choices: Choice[];
  /** The first radio's id when it is not `fieldId(name)` (a form repeated on a page); the others `${id}-${i}`. */
  id?: string;
  required?: boolean;
}): SafeHtml {
  const chosen = valueOf(o.values, o.name);
  const errors = o.problems.for(o.name);
  const id = o.id ?? fieldId(o.name);
  return html`<fieldset
    class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset ${errors.length ? 'utrecht-form-fieldset--invalid' : ''}"
    ${attrIf(errors.length > 0, 'aria-describedby', `${id}-error`)}
  >
    <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${o.legend}</legend>
    ${
      errors.length
        ? html`<div class="utrecht-form-field-error-message" id="${id}-error">
            ${errors.map((e) => html`<p class="samen-error-line">${e}</p>`)}
          </div>`
        : ''
    }
    ${o.choices.map(
      (c, i) => html`<div class="utrecht-form-field utrecht-form-field--radio">
        <input
          class="utrecht-radio-button utrecht-radio-button--html-input"
          type="radio"
          id="${i === 0 ? id : `${id}-${i}`}"
          name="${o.name}"
          value="${c.value}"
          ${attrIf(c.value === chosen, 'checked')}
          ${attrIf(Boolean(o.required), 'required')}
        />
        <label class="utrecht-form-label utrecht-form-label--radio" for="${i === 0 ? id : `${id}-${i}`}"
          >${c.label}</label
        >
      </div>`,
    )}
  </fieldset>`;
}

// The kit's lists (tables, pagination, badges) and actions (alerts, buttons, hidden fields), each in its own file.
export * from './kit-lists.js';
export * from './kit-actions.js';
