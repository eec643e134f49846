// A staff form that was refused keeps the user's work: the page comes back with an error summary in words (the
// field's label and the reason in the reader's language, never an internal field name) and what they typed,
// each value in words (a team by its name, a choice by its label), so nothing is lost.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { translateOr } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { alert } from '../../../platform/web/components.js';
import type { ViewContext } from './common.js';

/** Choice fields and the catalogue prefix of their values. */
const CHOICES: Record<string, string> = {
  to: 'referrals.status',
  closeReason: 'referrals.close',
  cancelReason: 'referrals.casework.cancelReason',
  category: 'referrals.category',
  minor: 'referrals.tri',
  consent: 'referrals.consent',
  urgency: 'referrals.urgency',
  serviceType: 'referrals.serviceType',
  kind: 'referrals.kind',
  sector: 'referrals.sector',
  gender: 'referrals.gender',
  forms: 'referrals.form',
  signals: 'referrals.signalItem',
  methodsOfControl: 'referrals.control',
  recruitment: 'referrals.recruitment',
  needs: 'referrals.need',
  consentPurpose: 'referrals.serviceType',
  consentAnswer: 'referrals.consentAnswer',
  consentMethod: 'referrals.consentMethod',
};

export function typedValue(
  ctx: ViewContext,
  field: string,
  value: string,
  teams: readonly { id: string; name: string }[],
): string {
  if (field.endsWith('TeamId')) return teams.find((x) => x.id === value)?.name ?? value;
  if (field === 'answer') return translateOr(ctx.t, `referrals.${value}`, value);
  if (value === 'yes' && !CHOICES[field]) return ctx.t('referrals.tri.yes');
  const prefix = CHOICES[field];
  return prefix && value
    ? value
        .split(', ')
        .map((v) => translateOr(ctx.t, `${prefix}.${v}`, v))
        .join(', ')
    : value;
}

/** What the user typed into a refused form, as [field, value] pairs (no CSRF token, no version). */
export function attemptOf(body: Record<string, unknown>): [string, string][] {
  const attempt: [string, string][] = [];
  for (const [k, v] of Object.entries(body))
    if (k !== '_csrf' && k !== 'version' && k !== 'submission')
      attempt.push([k, (Array.isArray(v) ? v : [v]).map(String).join(', ')]);
  return attempt;
}

export function refusedForm(
  ctx: ViewContext,
  problems: FieldProblem[],
  attempt: [string, string][],
  teams: readonly { id: string; name: string }[],
): SafeHtml {
  const { t } = ctx;
  // Only fields with a label in words (a field the form does not have is not shown as a code).
  const label = (field: string) => translateOr(t, `referrals.field.${field}`, '');
  const typed = attempt.filter(([k, v]) => v !== '' && label(k) !== '');
  return html`<div class="samen-error-summary" role="alert" tabindex="-1" autofocus>
<h2 class="utrecht-heading-2">${t('referrals.refused.title')}</h2>
<ul class="utrecht-unordered-list">${problems.map((p) => html`<li>${label(p.field) ? `${label(p.field)}: ` : ''}${t(p.key, p.params)}</li>`)}</ul>
${
  typed.length
    ? html`<h3 class="utrecht-heading-3">${t('referrals.refused.typed')}</h3>
<dl class="samen-dl">${typed.map(([k, v]) => html`<dt>${label(k)}</dt><dd class="samen-pre">${typedValue(ctx, k, v, teams)}</dd>`)}</dl>
<p class="utrecht-paragraph">${t('referrals.refused.again')}</p>`
    : ''
}
</div>`;
}

/**
 * A form to show again with what was typed: after a refusal, or brought back after signing in again. `form` names
 * the form by its action below the case (`assess`, `person`, `placements/<id>/respond`, …).
 */
export interface Refill {
  form: string;
  values: Record<string, string[]>;
  /** The case version the form was filled in on (a stale one still answers 409). */
  version?: string;
}

/** The notice above a form kept when the session ended: back to check and send, or no longer kept. */
export function draftNotice(ctx: ViewContext, state: 'back' | 'gone'): SafeHtml {
  return state === 'back'
    ? alert('info', ctx.t('auth.draft.back'), 'status', { focus: true })
    : alert('warning', ctx.t('auth.draft.gone'), 'status');
}

/** A kept form's values as a refill of the form posted to `path` below `prefix` (its version kept aside). */
export function refillFromDraft(
  prefix: string,
  draft: { path: string; values: Record<string, string[]> },
): Refill {
  const { version, _csrf, submission, ...values } = draft.values;
  void _csrf;
  void submission;
  return {
    form: draft.path.slice(prefix.length),
    values,
    ...(version?.[0] && /^\d{1,9}$/.test(version[0]) ? { version: version[0] } : {}),
  };
}

/** The body of a posted form as lists of strings (no CSRF token, no version, no one-time token). */
export function refillValues(body: Record<string, unknown>): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || k === 'version' || k === 'submission') continue;
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    if (list.length) values[k] = list.slice(0, 50);
  }
  return values;
}

/** One field of a form: what was typed when this form is being refilled, else the stored value. */
export function refilled(refill: Refill | undefined, form: string, name: string, fallback: string): string {
  if (refill?.form !== form) return fallback;
  return refill.values[name]?.[0] ?? '';
}

/** A multiple choice of a form: what was ticked when this form is being refilled, else the stored values. */
export function refilledMany(
  refill: Refill | undefined,
  form: string,
  name: string,
  fallback: readonly string[],
): string[] {
  if (refill?.form !== form) return [...fallback];
  return refill.values[name] ?? [];
}
