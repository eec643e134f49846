// The expert pool's overview: for the coordinator the assignments, the pseudonymous profiles (with consent and
// retention dates), the rate card with its history, each expert's yearly total against the volunteer-allowance
// limit and the finance export; for a requesting organisation its own assignments and the request form. The
// member's page and an assignment's page are in pool-expert.ts and pool-assignment.ts.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { ExpertProfile } from '../pool/matching.js';
import { dutchAmount, euros, type AllowanceLimit, type YearTotal } from '../pool/money.js';
import type { Assignment, Rate } from '../pool/types.js';
import { type PageContext } from './page-context.js';
import {
  csrfField,
  notice,
  submitButton,
  table,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { formatDate } from './format.js';
import { errs, formLabel, needsFields, shown, summary, type PoolForm } from './pool-forms.js';

export type { PoolForm } from './pool-forms.js';

export function poolNav(ctx: PageContext, coordinator: boolean): SafeHtml {
  const { t } = ctx;
  return html`<nav class="samen-actions" aria-label="${t('monitor.pool.navLabel')}">
<a class="utrecht-link" href="${ctx.href('/monitor/pool')}">${t('monitor.pool.title')}</a>
${coordinator ? html`<a class="utrecht-link" href="${ctx.href('/monitor/mirror')}">${t('monitor.mirror.title')}</a>` : ''}
</nav>`;
}

export const expertise = (
  ctx: PageContext,
  e: { forms: string[]; minors: boolean; labourMigration: boolean; languages: string[] },
) =>
  [
    ...e.forms.map((x) => ctx.t(formLabel(x))),
    ...(e.minors ? [ctx.t('monitor.pool.field.minors')] : []),
    ...(e.labourMigration ? [ctx.t('monitor.pool.field.labour_migration')] : []),
    ...e.languages.map((l) => l.toUpperCase()),
  ].join(', ') || '—';

/** An assignment's fee in words: the amount fixed, and when paid the amount and day of payment. */
export function feeText(ctx: PageContext, a: Assignment): string {
  const { t, locale } = ctx;
  if (a.feeCents === null) return '—';
  if (a.paymentStatus === 'paid')
    return t('monitor.pool.paidOn', {
      amount: euros(a.paidCents, locale),
      date: a.paidOn ? formatDate(a.paidOn, locale) : t('monitor.pool.dateUnknown'),
    });
  return `${euros(a.feeCents, locale)} (${t(`monitor.pool.paymentStatus.${a.paymentStatus}`)})`;
}

function assignmentsTable(ctx: PageContext, list: Assignment[]): SafeHtml {
  const { t } = ctx;
  return table({
    id: 'assignments',
    caption: t('monitor.pool.assignmentsCaption', { count: list.length }),
    head: [
      t('monitor.pool.field.title'),
      t('monitor.owners.organisation'),
      t('monitor.pool.status'),
      t('monitor.pool.expert'),
      t('monitor.pool.fee'),
    ],
    rows: list.map((a) => ({
      head: html`<a class="utrecht-link" href="${ctx.href(`/monitor/pool/assignments/${a.id}`)}">${a.title}</a>`,
      cells: [
        a.organisation.name,
        t(`monitor.pool.assignmentStatus.${a.status}`),
        a.expert?.pseudonym ?? '—',
        feeText(ctx, a),
      ],
    })),
  });
}

function requesterPage(ctx: PageContext, o: { linked: boolean; assignments: Assignment[]; form: PoolForm }) {
  const { t } = ctx;
  const f = o.form;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  return html`<h1 class="utrecht-heading-1">${t('monitor.pool.requestTitle')}</h1>
${summary(ctx, f, label)}
${poolNav(ctx, false)}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.pool.requestIntro')}</p>
${assignmentsTable(ctx, o.assignments)}
${
  o.linked
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.newAssignment')}</h2>
<form method="post" action="${ctx.href('/monitor/pool/assignments')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'title', label: label('title'), value: shown(f, 'assignment', 'title'), errors: errs(ctx, f, 'assignment', 'title'), required: true }, ctx.t)}
${textareaField({ name: 'description', label: label('description'), description: t('monitor.pool.descriptionHelp'), value: shown(f, 'assignment', 'description'), errors: errs(ctx, f, 'assignment', 'description'), rows: 5 }, ctx.t)}
${needsFields(ctx, f, 'assignment')}
${textField({ name: 'hours_estimated', label: label('hours_estimated'), description: t('monitor.pool.quarterHoursHelp'), inputmode: 'decimal', value: shown(f, 'assignment', 'hours_estimated'), errors: errs(ctx, f, 'assignment', 'hours_estimated'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.submitAssignment'))}</p>
</form>`
    : html`<p class="utrecht-paragraph">${t('monitor.tasks.notLinked')}</p>`
}`;
}

function expertsSection(ctx: PageContext, experts: ExpertProfile[], f: PoolForm, today: string): SafeHtml {
  const { t, locale } = ctx;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  const retention = (e: ExpertProfile) =>
    e.retainUntil
      ? `${formatDate(e.retainUntil, locale)}${e.retainUntil < today ? ` — ${t('monitor.pool.retentionPassed')}` : ''}`
      : '—';
  return html`<h2 class="utrecht-heading-2">${t('monitor.pool.expertsTitle')}</h2>
${table({
  id: 'experts',
  caption: t('monitor.pool.expertsCaption', { count: experts.length }),
  head: [
    t('monitor.pool.field.pseudonym'),
    t('monitor.pool.expertise'),
    t('monitor.pool.field.available'),
    t('monitor.pool.field.consent_on'),
    t('monitor.pool.field.retain_until'),
  ],
  rows: experts.map((e) => ({
    head: html`<a class="utrecht-link" href="${ctx.href(`/monitor/pool/experts/${e.id}`)}">${e.pseudonym}</a>`,
    cells: e.erased
      ? [t('monitor.pool.erased'), '—', '—', '—']
      : [
          expertise(ctx, e),
          e.available ? t('monitor.compare.yes') : t('monitor.compare.no'),
          formatDate(e.consentOn, locale),
          retention(e),
        ],
  })),
})}
<h3 class="utrecht-heading-3">${t('monitor.pool.newExpert')}</h3>
<form method="post" action="${ctx.href('/monitor/pool/experts')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'pseudonym', label: label('pseudonym'), description: t('monitor.pool.pseudonymHelp'), value: shown(f, 'expert', 'pseudonym'), errors: errs(ctx, f, 'expert', 'pseudonym'), required: true }, ctx.t)}
${textField({ name: 'real_name', label: label('real_name'), description: t('monitor.pool.realNameHelp'), value: shown(f, 'expert', 'real_name'), errors: errs(ctx, f, 'expert', 'real_name'), required: true }, ctx.t)}
${textField({ name: 'contact', label: label('contact'), value: shown(f, 'expert', 'contact'), errors: errs(ctx, f, 'expert', 'contact') }, ctx.t)}
${needsFields(ctx, f, 'expert')}
${textField({ name: 'hours_per_month', label: label('hours_per_month'), inputmode: 'numeric', value: shown(f, 'expert', 'hours_per_month'), errors: errs(ctx, f, 'expert', 'hours_per_month') }, ctx.t)}
${textField({ name: 'consent_on', type: 'date', label: label('consent_on'), value: shown(f, 'expert', 'consent_on'), errors: errs(ctx, f, 'expert', 'consent_on') }, ctx.t)}
${textField({ name: 'retain_until', type: 'date', label: label('retain_until'), description: t('monitor.pool.retainHelp'), value: shown(f, 'expert', 'retain_until'), errors: errs(ctx, f, 'expert', 'retain_until') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.submitExpert'))}</p>
</form>`;
}

function ratesSection(ctx: PageContext, rates: Rate[], f: PoolForm, today: string): SafeHtml {
  const { t, locale } = ctx;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  const history = (r: Rate) =>
    [...r.periods]
      .reverse()
      .map((p) =>
        t(p.effectiveFrom <= today ? 'monitor.pool.rateFrom' : 'monitor.pool.rateFromFuture', {
          amount: euros(p.hourlyRateCents, locale),
          date: formatDate(p.effectiveFrom, locale),
        }),
      )
      .join('; ');
  return html`<h2 class="utrecht-heading-2">${t('monitor.pool.ratesTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.pool.ratesIntro')} ${t('monitor.pool.ratesHistoryIntro')}</p>
${table({
  id: 'rates',
  caption: t('monitor.pool.ratesCaption'),
  head: [t('monitor.pool.field.code'), t('monitor.pool.field.description'), t('monitor.pool.rateHistory')],
  rows: rates.map((r) => ({ head: r.code, cells: [r.description, history(r) || '—'] })),
})}
<form method="post" action="${ctx.href('/monitor/pool/rates')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'code', label: label('code'), description: t('monitor.pool.codeHelp'), value: shown(f, 'rate', 'code'), errors: errs(ctx, f, 'rate', 'code'), required: true }, ctx.t)}
${textField({ name: 'description', label: label('description'), value: shown(f, 'rate', 'description'), errors: errs(ctx, f, 'rate', 'description'), required: true }, ctx.t)}
${textField({ name: 'hourly_rate', label: label('hourly_rate'), inputmode: 'decimal', value: shown(f, 'rate', 'hourly_rate'), errors: errs(ctx, f, 'rate', 'hourly_rate'), required: true }, ctx.t)}
${textField({ name: 'effective_from', type: 'date', label: label('effective_from'), description: t('monitor.pool.effectiveFromHelp'), value: shown(f, 'rate', 'effective_from', today), errors: errs(ctx, f, 'rate', 'effective_from'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.submitRate'), { variant: 'secondary' })}</p>
</form>`;
}

function totalsSection(
  ctx: PageContext,
  o: { year: number; totals: YearTotal[]; limits: AllowanceLimit[]; form: PoolForm },
): SafeHtml {
  const { t, locale } = ctx;
  const f = o.form;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  const limit = o.limits.find((l) => l.year === o.year);
  const verdict = (x: YearTotal) =>
    !x.limit
      ? t('monitor.pool.noLimit')
      : x.overYear || x.overMonth
        ? t('monitor.pool.overLimit')
        : t('monitor.pool.withinLimit');
  const stored = (field: 'monthlyCents' | 'yearlyCents') => (limit ? dutchAmount(limit[field]) : '');
  return html`<h2 class="utrecht-heading-2" id="totals">${t('monitor.pool.totalsTitle', { year: String(o.year) })}</h2>
<p class="utrecht-paragraph">${
    limit
      ? t('monitor.pool.limitText', {
          year: String(o.year),
          monthly: euros(limit.monthlyCents, locale),
          yearly: euros(limit.yearlyCents, locale),
        })
      : t('monitor.pool.noLimitText', { year: String(o.year) })
  }</p>
<form method="get" action="${ctx.href('/monitor/pool')}" class="samen-inline-form">
${textField({ name: 'year', label: t('monitor.pool.field.year'), inputmode: 'numeric', value: String(o.year), errors: [] }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.showYear'), { variant: 'secondary' })}</p>
</form>
${table({
  id: 'year-totals',
  caption: t('monitor.pool.totalsCaption', { year: String(o.year) }),
  head: [
    t('monitor.pool.field.pseudonym'),
    t('monitor.pool.yearTotal'),
    t('monitor.pool.highestMonth'),
    t('monitor.pool.againstLimit'),
  ],
  rows: o.totals.map((x) => ({
    head: x.pseudonym,
    cells: [
      euros(x.totalCents, locale),
      `${euros(x.highestMonth.cents, locale)} (${x.highestMonth.month})`,
      verdict(x),
    ],
  })),
})}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href(`/monitor/pool/finance.csv?year=${o.year}`)}" download>${t('monitor.pool.financeExport', { year: String(o.year) })}</a></p>
<h3 class="utrecht-heading-3">${t('monitor.pool.limitTitle')}</h3>
<p class="utrecht-paragraph">${t('monitor.pool.limitSource')}</p>
<form method="post" action="${ctx.href('/monitor/pool/allowance')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'limit_year', label: label('limit_year'), inputmode: 'numeric', value: shown(f, 'allowance', 'limit_year', String(o.year)), errors: errs(ctx, f, 'allowance', 'limit_year'), required: true }, ctx.t)}
${textField({ name: 'monthly', label: label('monthly'), inputmode: 'decimal', value: shown(f, 'allowance', 'monthly', stored('monthlyCents')), errors: errs(ctx, f, 'allowance', 'monthly'), required: true }, ctx.t)}
${textField({ name: 'yearly', label: label('yearly'), inputmode: 'decimal', value: shown(f, 'allowance', 'yearly', stored('yearlyCents')), errors: errs(ctx, f, 'allowance', 'yearly'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.submitLimit'), { variant: 'secondary' })}</p>
</form>`;
}

export function poolPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    linked: boolean;
    experts: ExpertProfile[];
    assignments: Assignment[];
    rates: Rate[];
    year: number;
    today: string;
    totals: YearTotal[];
    limits: AllowanceLimit[];
    form: PoolForm;
  },
): SafeHtml {
  const { t } = ctx;
  const f = o.form;
  if (!o.coordinator) return requesterPage(ctx, o);
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  return html`<h1 class="utrecht-heading-1">${t('monitor.pool.title')}</h1>
${summary(ctx, f, label)}
${poolNav(ctx, true)}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.pool.intro')}</p>
<h2 class="utrecht-heading-2">${t('monitor.pool.assignmentsTitle')}</h2>
${assignmentsTable(ctx, o.assignments)}
${expertsSection(ctx, o.experts, f, o.today)}
${ratesSection(ctx, o.rates, f, o.today)}
${totalsSection(ctx, o)}`;
}
