// What the pool's forms share (issue 21 point 4): a form opens with the stored values, and after a refusal with
// what was typed; the error summary stands at the top of the page, takes the focus (autofocus, so also without
// JavaScript) and links to each field, in the reader's language.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { EXPERT_FORMS } from '../pool/matching.js';
import { problemsFor, type PageContext } from './page-context.js';
import {
  checkboxField,
  checkboxGroup,
  errorSummary,
  fieldId,
  ProblemList,
  textField,
  type Choice,
} from '../../../platform/web/components.js';

export type PoolFormName =
  | 'expert'
  | 'expertEdit'
  | 'erase'
  | 'rate'
  | 'allowance'
  | 'assignment'
  | 'meeting'
  | 'advice'
  | 'respond'
  | 'assign'
  | 'answer'
  | 'reassign'
  | 'cancel'
  | 'withdraw'
  | 'hours'
  | 'paid'
  // Issue 21 point 3 (campaign and mirror-group corrections: views/campaign-detail.ts, views/mirror-roster.ts).
  | 'campaignEdit'
  | 'campaignWithdraw'
  | 'campaignRestore'
  | 'member'
  | 'memberEdit'
  | 'meetingEdit'
  | 'meetingWithdraw';

export interface PoolForm {
  form?: PoolFormName;
  /** For a form repeated on a page (one per meeting or advice): the row it was sent for. */
  target?: string;
  values: Record<string, string | string[]>;
  problems: FieldProblem[];
  notice?: string | undefined;
  /** The refusal was a conflict (409): the message heads the summary, what was typed stays in the form. */
  conflict?: string | undefined;
}

/** Whether this form (for this row, if repeated) is the one that was sent. */
export const sent = (f: PoolForm, form: PoolFormName, target?: string) =>
  f.form === form && (target === undefined || f.target === target);

/** The value a field shows: what was typed when this form was sent, otherwise the stored one. */
export function shown(
  f: PoolForm,
  form: PoolFormName,
  name: string,
  stored: string | string[] = '',
  target?: string,
): string {
  const v = sent(f, form, target) ? (f.values[name] ?? '') : stored;
  return Array.isArray(v) ? v.join('; ') : v;
}

export const errs = (ctx: PageContext, f: PoolForm, form: PoolFormName, name: string, target?: string) =>
  sent(f, form, target) ? problemsFor(f.problems, name, ctx.t) : [];

/** The id of a field, with the row for a repeated form: what the summary's links point at. */
export const idOf = (name: string, target?: string) => fieldId(target ? `${name}-${target}` : name);

/** The error summary for the page's top: a conflict's message and each problem, linked to its field. */
export function summary(ctx: PageContext, f: PoolForm, label: (field: string) => string): SafeHtml {
  if (!f.form || (f.problems.length === 0 && !f.conflict)) return html``;
  const { t } = ctx;
  // A step refused because the assignment moved on has no form left to hold the note: it is shown here.
  const note =
    f.conflict && typeof f.values.note === 'string' && f.values.note
      ? html`<p class="utrecht-paragraph">${t('monitor.pool.yourNote', { note: f.values.note })}</p>`
      : '';
  return errorSummary(new ProblemList(f.problems, t), label, t, {
    ...(f.conflict ? { lead: html`<p class="utrecht-paragraph">${f.conflict}</p>${note}` } : {}),
    href: (field) => idOf(field, f.target),
  });
}

export function checks(
  ctx: PageContext,
  name: string,
  options: readonly string[],
  labelKey: (o: string) => string,
  selected: string[],
  errors: string[],
  legend: string,
) {
  return boxes(
    name,
    legend,
    options.map((o) => ({ value: o, label: ctx.t(labelKey(o)) })),
    selected,
    errors,
  );
}

/**
 * The kit's group of checkboxes for errors already in words: the first box takes `fieldId(name)` (where the error
 * summary links), the group's error is `${fieldId(name)}-error`; a hint under the legend (no members to tick).
 */
export function boxes(
  name: string,
  legend: string,
  choices: Choice[],
  selected: string[],
  errors: string[],
  description?: string,
): SafeHtml {
  return checkboxGroup({
    name,
    legend,
    values: { [name]: selected },
    problems: new ProblemList(
      errors.map((key) => ({ field: name, key })),
      (message) => message,
    ),
    idPrefix: fieldId(name),
    firstId: fieldId(name),
    className: 'samen-multi-form',
    choices,
    ...(description ? { description } : {}),
  });
}

export const formLabel = (o: string) => `monitor.campaign.form.${o}`;

/** A yes/no box: checked as stored, or as sent. */
export function flag(
  ctx: PageContext,
  f: PoolForm,
  form: PoolFormName,
  name: string,
  stored: boolean,
): SafeHtml {
  const on = sent(f, form) ? f.values[name] === 'on' : stored;
  return checkboxField({
    name,
    id: fieldId(`${form}-${name}`),
    value: 'on',
    checked: on,
    label: ctx.t(`monitor.pool.field.${name}`),
  });
}

/** Expertise asked for or offered: forms of exploitation, minors, labour migration, languages. */
export function needsFields(
  ctx: PageContext,
  f: PoolForm,
  form: 'expert' | 'expertEdit' | 'assignment',
  stored: { forms: string[]; minors: boolean; labourMigration: boolean; languages: string[] } = {
    forms: [],
    minors: false,
    labourMigration: false,
    languages: [],
  },
): SafeHtml {
  const { t } = ctx;
  const selected = sent(f, form) ? ([] as string[]).concat(f.values.forms ?? []) : stored.forms;
  return html`${checks(ctx, 'forms', EXPERT_FORMS, formLabel, selected, errs(ctx, f, form, 'forms'), t('monitor.pool.field.forms'))}
${flag(ctx, f, form, 'minors', stored.minors)}
${flag(ctx, f, form, 'labour_migration', stored.labourMigration)}
${textField({ name: 'languages', label: t('monitor.pool.field.languages'), description: t('monitor.campaign.languagesHelp'), value: shown(f, form, 'languages', stored.languages.join('; ')), errors: errs(ctx, f, form, 'languages') }, ctx.t)}`;
}
