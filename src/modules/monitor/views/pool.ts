// The expert pool's pages: the coordinator's overview (pseudonymous profiles, assignments, the rate card), a
// member's identity (coordinator only), an assignment with its ranked suggestions, a requesting organisation's
// assignments, and the mirror group's meetings with their advice and what was done with it.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import type { Expert, ExpertIdentity, Suggestion } from '../pool/matching.js';
import { EXPERT_FORMS } from '../pool/matching.js';
import { ADVICE_STATUSES, type Assignment, type MirrorMeeting, type Rate } from '../pool/types.js';
import type { ActionLine } from '../types.js';
import { lineHeading } from './annex.js';
import {
  button,
  csrf,
  errorSummary,
  fieldId,
  notice,
  problemsFor,
  selectField,
  table,
  textArea,
  textField,
  type PageContext,
} from './components.js';
import { formatDate, formatNumber } from './format.js';

export interface PoolForm {
  form?: 'expert' | 'rate' | 'assignment' | 'meeting' | 'advice' | 'respond' | 'assign' | 'hours';
  target?: string;
  values: Record<string, string | string[]>;
  problems: FieldProblem[];
  notice?: string | undefined;
}

const value = (f: PoolForm, name: string, form: PoolForm['form']) => {
  if (f.form !== form) return '';
  const v = f.values[name];
  return Array.isArray(v) ? v.join('; ') : (v ?? '');
};
const errs = (ctx: PageContext, f: PoolForm, form: PoolForm['form'], name: string) =>
  f.form === form ? problemsFor(f.problems, name, ctx.t) : [];

const money = (n: number | null, locale: string) =>
  n === null ? '—' : new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(n);

function poolNav(ctx: PageContext, coordinator: boolean): SafeHtml {
  const { t } = ctx;
  return html`<nav class="samen-actions" aria-label="${t('monitor.pool.navLabel')}">
<a class="utrecht-link" href="${ctx.href('/monitor/pool')}">${t('monitor.pool.title')}</a>
${coordinator ? html`<a class="utrecht-link" href="${ctx.href('/monitor/mirror')}">${t('monitor.mirror.title')}</a>` : ''}
</nav>`;
}

function checks(
  ctx: PageContext,
  name: string,
  options: readonly string[],
  labelKey: (o: string) => string,
  selected: string[],
  errors: string[],
  legend: string,
) {
  return html`<fieldset class="utrecht-form-fieldset samen-multi-form" id="${fieldId(name)}" ${attrIf(errors.length > 0, 'aria-describedby', `${fieldId(name)}-error`)}>
<legend class="utrecht-form-fieldset__legend">${legend}</legend>
${errors.length ? html`<div class="utrecht-form-field-error-message" id="${fieldId(name)}-error">${errors.join(' ')}</div>` : ''}
${options.map(
  (
    o,
  ) => html`<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${fieldId(`${name}-${o}`)}" name="${name}" value="${o}" ${attrIf(selected.includes(o), 'checked')}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${fieldId(`${name}-${o}`)}">${ctx.t(labelKey(o))}</label></div>`,
)}
</fieldset>`;
}

const formLabel = (o: string) => `monitor.campaign.form.${o}`;

function needsFields(ctx: PageContext, f: PoolForm, form: 'expert' | 'assignment'): SafeHtml {
  const { t } = ctx;
  const selected = f.form === form ? ([] as string[]).concat(f.values.forms ?? []) : [];
  const flag = (name: string) =>
    html`<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="${fieldId(`${form}-${name}`)}" name="${name}" value="on" ${attrIf(f.form === form && f.values[name] === 'on', 'checked')}>
<label class="utrecht-form-label utrecht-form-label--checkbox" for="${fieldId(`${form}-${name}`)}">${t(`monitor.pool.field.${name}`)}</label></div>`;
  return html`${checks(ctx, 'forms', EXPERT_FORMS, formLabel, selected, errs(ctx, f, form, 'forms'), t('monitor.pool.field.forms'))}
${flag('minors')}
${flag('labour_migration')}
${textField({ name: 'languages', label: t('monitor.pool.field.languages'), description: t('monitor.campaign.languagesHelp'), value: value(f, 'languages', form), errors: errs(ctx, f, form, 'languages') })}`;
}

const expertise = (
  ctx: PageContext,
  e: { forms: string[]; minors: boolean; labourMigration: boolean; languages: string[] },
) =>
  [
    ...e.forms.map((x) => ctx.t(formLabel(x))),
    ...(e.minors ? [ctx.t('monitor.pool.field.minors')] : []),
    ...(e.labourMigration ? [ctx.t('monitor.pool.field.labour_migration')] : []),
    ...e.languages.map((l) => l.toUpperCase()),
  ].join(', ') || '—';

function assignmentsTable(ctx: PageContext, list: Assignment[]): SafeHtml {
  const { t, locale } = ctx;
  return table({
    id: 'assignments',
    caption: t('monitor.pool.assignmentsCaption', { count: list.length }),
    head: [
      t('monitor.pool.field.title'),
      t('monitor.owners.organisation'),
      t('monitor.pool.status'),
      t('monitor.pool.expert'),
      t('monitor.pool.fee'),
      t('monitor.pool.payment'),
    ],
    rows: list.map((a) => ({
      head: html`<a class="utrecht-link" href="${ctx.href(`/monitor/pool/assignments/${a.id}`)}">${a.title}</a>`,
      cells: [
        a.organisation.name,
        t(`monitor.pool.assignmentStatus.${a.status}`),
        a.expert?.pseudonym ?? '—',
        money(a.fee, locale),
        t(`monitor.pool.paymentStatus.${a.paymentStatus}`),
      ],
    })),
  });
}

export function poolPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    linked: boolean;
    experts: Expert[];
    assignments: Assignment[];
    rates: Rate[];
    form: PoolForm;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const f = o.form;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  if (!o.coordinator)
    return html`<h1 class="utrecht-heading-1">${t('monitor.pool.requestTitle')}</h1>
${poolNav(ctx, false)}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.pool.requestIntro')}</p>
${assignmentsTable(ctx, o.assignments)}
${
  o.linked
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.newAssignment')}</h2>
${f.form === 'assignment' ? errorSummary(ctx, f.problems, label) : ''}
<form method="post" action="${ctx.href('/monitor/pool/assignments')}" novalidate>
${csrf(ctx)}
${textField({ name: 'title', label: label('title'), value: value(f, 'title', 'assignment'), errors: errs(ctx, f, 'assignment', 'title'), required: true })}
${textArea({ name: 'description', label: label('description'), description: t('monitor.pool.descriptionHelp'), value: value(f, 'description', 'assignment'), errors: errs(ctx, f, 'assignment', 'description'), rows: 5 })}
${needsFields(ctx, f, 'assignment')}
${textField({ name: 'hours_estimated', label: label('hours_estimated'), inputmode: 'decimal', value: value(f, 'hours_estimated', 'assignment'), errors: errs(ctx, f, 'assignment', 'hours_estimated'), required: true })}
<p class="samen-actions">${button(t('monitor.pool.submitAssignment'))}</p>
</form>`
    : html`<p class="utrecht-paragraph">${t('monitor.tasks.notLinked')}</p>`
}`;
  return html`<h1 class="utrecht-heading-1">${t('monitor.pool.title')}</h1>
${poolNav(ctx, true)}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.pool.intro')}</p>
<h2 class="utrecht-heading-2">${t('monitor.pool.assignmentsTitle')}</h2>
${assignmentsTable(ctx, o.assignments)}
<h2 class="utrecht-heading-2">${t('monitor.pool.expertsTitle')}</h2>
${table({
  id: 'experts',
  caption: t('monitor.pool.expertsCaption', { count: o.experts.length }),
  head: [
    t('monitor.pool.field.pseudonym'),
    t('monitor.pool.expertise'),
    t('monitor.pool.field.available'),
    t('monitor.pool.field.hours_per_month'),
  ],
  rows: o.experts.map((e) => ({
    head: html`<a class="utrecht-link" href="${ctx.href(`/monitor/pool/experts/${e.id}`)}">${e.pseudonym}</a>`,
    cells: [
      expertise(ctx, e),
      e.available ? t('monitor.compare.yes') : t('monitor.compare.no'),
      e.hoursPerMonth ?? '—',
    ],
  })),
})}
<h3 class="utrecht-heading-3">${t('monitor.pool.newExpert')}</h3>
${f.form === 'expert' ? errorSummary(ctx, f.problems, label) : ''}
<form method="post" action="${ctx.href('/monitor/pool/experts')}" novalidate>
${csrf(ctx)}
${textField({ name: 'pseudonym', label: label('pseudonym'), description: t('monitor.pool.pseudonymHelp'), value: value(f, 'pseudonym', 'expert'), errors: errs(ctx, f, 'expert', 'pseudonym'), required: true })}
${textField({ name: 'real_name', label: label('real_name'), description: t('monitor.pool.realNameHelp'), value: value(f, 'real_name', 'expert'), errors: errs(ctx, f, 'expert', 'real_name'), required: true })}
${textField({ name: 'contact', label: label('contact'), value: value(f, 'contact', 'expert'), errors: errs(ctx, f, 'expert', 'contact') })}
${needsFields(ctx, f, 'expert')}
${textField({ name: 'hours_per_month', label: label('hours_per_month'), inputmode: 'numeric', value: value(f, 'hours_per_month', 'expert'), errors: errs(ctx, f, 'expert', 'hours_per_month') })}
<p class="samen-actions">${button(t('monitor.pool.submitExpert'))}</p>
</form>
<h2 class="utrecht-heading-2">${t('monitor.pool.ratesTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.pool.ratesIntro')}</p>
${table({
  id: 'rates',
  caption: t('monitor.pool.ratesCaption'),
  head: [
    t('monitor.pool.field.code'),
    t('monitor.pool.field.description'),
    t('monitor.pool.field.hourly_rate'),
  ],
  rows: o.rates.map((r) => ({ head: r.code, cells: [r.description, money(r.hourlyRate, locale)] })),
})}
${f.form === 'rate' ? errorSummary(ctx, f.problems, label) : ''}
<form method="post" action="${ctx.href('/monitor/pool/rates')}" novalidate>
${csrf(ctx)}
${textField({ name: 'code', label: label('code'), description: t('monitor.pool.codeHelp'), value: value(f, 'code', 'rate'), errors: errs(ctx, f, 'rate', 'code'), required: true })}
${textField({ name: 'description', label: label('description'), value: value(f, 'description', 'rate'), errors: errs(ctx, f, 'rate', 'description'), required: true })}
${textField({ name: 'hourly_rate', label: label('hourly_rate'), inputmode: 'decimal', value: value(f, 'hourly_rate', 'rate'), errors: errs(ctx, f, 'rate', 'hourly_rate'), required: true })}
<p class="samen-actions">${button(t('monitor.pool.submitRate'), 'secondary')}</p>
</form>`;
}

export function expertPage(ctx: PageContext, e: Expert & ExpertIdentity): SafeHtml {
  const { t } = ctx;
  return html`<p><a class="utrecht-link" href="${ctx.href('/monitor/pool')}">${t('monitor.pool.back')}</a></p>
<h1 class="utrecht-heading-1">${e.pseudonym}</h1>
<p class="samen-sample-notice">${t('monitor.pool.identityNotice')}</p>
<dl class="samen-dl">
<dt>${t('monitor.pool.field.real_name')}</dt><dd>${e.realName}</dd>
<dt>${t('monitor.pool.field.contact')}</dt><dd>${e.contact || '—'}</dd>
<dt>${t('monitor.pool.expertise')}</dt><dd>${expertise(ctx, e)}</dd>
<dt>${t('monitor.pool.field.available')}</dt><dd>${e.available ? t('monitor.compare.yes') : t('monitor.compare.no')}</dd>
</dl>`;
}

export function assignmentPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    assignment: Assignment;
    suggestions: Suggestion[];
    rates: Rate[];
    form: PoolForm;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const a = o.assignment;
  const f = o.form;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  return html`<p><a class="utrecht-link" href="${ctx.href('/monitor/pool')}">${t('monitor.pool.back')}</a></p>
<h1 class="utrecht-heading-1">${a.title}</h1>
${f.notice ? notice(f.notice) : ''}
<dl class="samen-dl">
<dt>${t('monitor.owners.organisation')}</dt><dd>${a.organisation.name}</dd>
<dt>${t('monitor.pool.status')}</dt><dd>${t(`monitor.pool.assignmentStatus.${a.status}`)}</dd>
<dt>${t('monitor.pool.needs')}</dt><dd>${expertise(ctx, a)}</dd>
<dt>${t('monitor.pool.field.hours_estimated')}</dt><dd>${formatNumber(a.hoursEstimated, locale)}</dd>
<dt>${t('monitor.pool.expert')}</dt><dd>${a.expert?.pseudonym ?? '—'}</dd>
<dt>${t('monitor.pool.field.hours_worked')}</dt><dd>${a.hoursWorked === null ? '—' : formatNumber(a.hoursWorked, locale)}</dd>
<dt>${t('monitor.pool.fee')}</dt><dd>${money(a.fee, locale)} (${t(`monitor.pool.paymentStatus.${a.paymentStatus}`)})</dd>
</dl>
${a.description ? html`<p class="utrecht-paragraph">${a.description}</p>` : ''}
${
  o.coordinator && a.status === 'requested'
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.suggestions')}</h2>
${table({
  id: 'suggestions',
  caption: t('monitor.pool.suggestionsCaption'),
  head: [t('monitor.pool.field.pseudonym'), t('monitor.pool.score'), t('monitor.pool.reasons')],
  rows: o.suggestions.map((s) => ({
    head: s.expert.pseudonym,
    cells: [
      s.eligible ? s.score : t('monitor.pool.notEligible'),
      s.reasons.map((r) => t(r.key, r.params)).join('; ') || '—',
    ],
  })),
})}
${f.form === 'assign' ? errorSummary(ctx, f.problems, label) : ''}
${
  o.suggestions.some((s) => s.eligible)
    ? html`<form method="post" action="${ctx.href(`/monitor/pool/assignments/${a.id}/assign`)}" novalidate>
${csrf(ctx)}
${selectField({ name: 'expert', label: label('expert'), value: '', errors: errs(ctx, f, 'assign', 'expert'), options: o.suggestions.filter((s) => s.eligible).map((s) => ({ value: s.expert.id, label: `${s.expert.pseudonym} (${s.score})` })) })}
<p class="samen-actions">${button(t('monitor.pool.assign'))}</p>
</form>`
    : html`<p class="utrecht-paragraph">${t('monitor.pool.noneEligible')}</p>`
}`
    : ''
}
${
  o.coordinator && (a.status === 'assigned' || (a.status === 'completed' && a.paymentStatus === 'due'))
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.hoursTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.pool.ratesIntro')}</p>
${f.form === 'hours' ? errorSummary(ctx, f.problems, label) : ''}
${
  o.rates.length
    ? html`<form method="post" action="${ctx.href(`/monitor/pool/assignments/${a.id}/hours`)}" novalidate>
${csrf(ctx)}
${textField({ name: 'hours_worked', label: label('hours_worked'), inputmode: 'decimal', value: value(f, 'hours_worked', 'hours'), errors: errs(ctx, f, 'hours', 'hours_worked'), required: true })}
${selectField({ name: 'rate_code', label: label('rate_code'), value: a.rateCode ?? '', errors: errs(ctx, f, 'hours', 'rate_code'), options: o.rates.map((r) => ({ value: r.code, label: `${r.description} (${money(r.hourlyRate, locale)})` })) })}
<p class="samen-actions">${button(t('monitor.pool.submitHours'))}</p>
</form>`
    : html`<p class="utrecht-paragraph">${t('monitor.pool.noRates')}</p>`
}`
    : ''
}
${
  o.coordinator && a.paymentStatus === 'due'
    ? html`<form method="post" action="${ctx.href(`/monitor/pool/assignments/${a.id}/paid`)}" class="samen-inline-form">${csrf(ctx)}${button(t('monitor.pool.markPaid'), 'secondary')}</form>`
    : ''
}`;
}

export function mirrorPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    team: boolean;
    meetings: MirrorMeeting[];
    lines: ActionLine[];
    nav: SafeHtml;
    form: PoolForm;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const f = o.form;
  const label = (field: string) => t(`monitor.mirror.field.${field}`);
  const lineName = (id: string | null) => {
    const line = o.lines.find((l) => l.id === id);
    return line ? lineHeading(t, line) : t('monitor.mirror.general');
  };
  return html`<h1 class="utrecht-heading-1">${t('monitor.mirror.title')}</h1>
${o.nav}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.mirror.intro')}</p>
${o.meetings.length === 0 ? html`<p class="utrecht-paragraph">${t('monitor.mirror.none')}</p>` : ''}
${o.meetings.map(
  (m) => html`<section aria-labelledby="meeting-${m.id}">
<h2 class="utrecht-heading-2" id="meeting-${m.id}">${t('monitor.mirror.meeting', { date: formatDate(m.heldOn, locale) })}</h2>
<p class="utrecht-paragraph">${t('monitor.mirror.participants', { count: m.participants })}${m.topics ? ` ${m.topics}` : ''}</p>
${m.advice.map(
  (a) => html`<div class="samen-card">
<p class="utrecht-paragraph"><strong>${a.solicited ? t('monitor.mirror.solicited') : t('monitor.mirror.unsolicited')} · ${lineName(a.lineId)}</strong></p>
<p class="utrecht-paragraph">${a.summary}</p>
<p class="utrecht-paragraph">${t('monitor.mirror.responseLabel')}: ${t(`monitor.mirror.status.${a.responseStatus}`)}${a.response ? ` — ${a.response}` : ''}${a.respondedOn ? ` (${formatDate(a.respondedOn, locale)})` : ''}</p>
${
  o.team
    ? html`<form method="post" action="${ctx.href(`/monitor/mirror/advice/${a.id}/respond`)}" novalidate>
${csrf(ctx)}
${selectField({ name: 'response_status', id: fieldId(`response_status-${a.id}`), label: label('response_status'), value: a.responseStatus === 'open' ? 'adopted' : a.responseStatus, errors: f.target === a.id ? errs(ctx, f, 'respond', 'response_status') : [], options: ADVICE_STATUSES.filter((s) => s !== 'open').map((s) => ({ value: s, label: t(`monitor.mirror.status.${s}`) })) })}
${textArea({ name: 'response', id: fieldId(`response-${a.id}`), label: label('response'), value: f.target === a.id ? value(f, 'response', 'respond') : a.response, errors: f.target === a.id ? errs(ctx, f, 'respond', 'response') : [], rows: 3 })}
<p class="samen-actions">${button(t('monitor.mirror.submitResponse'), 'secondary')}</p>
</form>`
    : ''
}
</div>`,
)}
${
  o.coordinator
    ? html`<form method="post" action="${ctx.href(`/monitor/mirror/meetings/${m.id}/advice`)}" novalidate>
${csrf(ctx)}
${textArea({ name: 'summary', id: fieldId(`summary-${m.id}`), label: label('summary'), value: f.target === m.id ? value(f, 'summary', 'advice') : '', errors: f.target === m.id ? errs(ctx, f, 'advice', 'summary') : [], rows: 3 })}
${selectField({ name: 'line_id', id: fieldId(`line-${m.id}`), label: label('line_id'), value: '', errors: [], options: [{ value: '', label: t('monitor.mirror.general') }, ...o.lines.map((l) => ({ value: l.id, label: lineHeading(t, l) }))] })}
${selectField({
  name: 'solicited',
  id: fieldId(`solicited-${m.id}`),
  label: label('solicited'),
  value: 'yes',
  errors: [],
  options: [
    { value: 'yes', label: t('monitor.mirror.solicited') },
    { value: 'no', label: t('monitor.mirror.unsolicited') },
  ],
})}
<p class="samen-actions">${button(t('monitor.mirror.submitAdvice'), 'secondary')}</p>
</form>`
    : ''
}
</section>`,
)}
${
  o.coordinator
    ? html`<h2 class="utrecht-heading-2">${t('monitor.mirror.newMeeting')}</h2>
${f.form === 'meeting' ? errorSummary(ctx, f.problems, label) : ''}
<form method="post" action="${ctx.href('/monitor/mirror/meetings')}" novalidate>
${csrf(ctx)}
${textField({ name: 'held_on', type: 'date', label: label('held_on'), value: value(f, 'held_on', 'meeting'), errors: errs(ctx, f, 'meeting', 'held_on'), required: true })}
${textField({ name: 'participants', label: label('participants'), description: t('monitor.mirror.participantsHelp'), inputmode: 'numeric', value: value(f, 'participants', 'meeting'), errors: errs(ctx, f, 'meeting', 'participants'), required: true })}
${textArea({ name: 'topics', label: label('topics'), value: value(f, 'topics', 'meeting'), errors: errs(ctx, f, 'meeting', 'topics'), rows: 3 })}
<p class="samen-actions">${button(t('monitor.mirror.submitMeeting'))}</p>
</form>`
    : ''
}`;
}
