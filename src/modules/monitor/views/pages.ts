// The monitor's staff pages: the plan, an action, motions and commitments, the rounds, one round (with review,
// lock and reminders for the programme team), an owner's update form, the comparison of two rounds, and who
// reports for which organisation.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { carriedNarrativeBox } from './carried.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { ComparisonRow } from '../annex.js';
import type { RoundView } from '../plan/rounds-service.js';
import {
  ACTION_STATUSES,
  type Action,
  type ActionDetail,
  type ActionLine,
  type Commitment,
  type Indicator,
  type Organisation,
  type Round,
  type RoundEntry,
  type RoundIndicatorValue,
  type RoundProgress,
} from '../types.js';
import { lineHeading } from './annex.js';
import { statusChart } from './chart.js';
import { problemsFor, type PageContext } from './page-context.js';
import {
  csrfField,
  hiddenField,
  errorSummary,
  fieldId,
  notice,
  ProblemList,
  selectField,
  submitButton,
  table,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { formatDate, formatNumber } from './format.js';
import {
  actionEditForms,
  actionExtraForms,
  commitmentForms,
  milestoneForms,
  noForm,
  planForms,
  refusedSummary,
  type EditForm,
} from './plan-forms.js';

export interface Viewer {
  team: boolean;
  owner: Organisation | undefined;
  role: string;
}

const link = (ctx: PageContext, path: string, text: string) =>
  html`<a class="utrecht-link" href="${ctx.href(path)}">${text}</a>`;

export function subnav(ctx: PageContext, viewer: Viewer): SafeHtml {
  const { t } = ctx;
  return html`<nav class="samen-actions" aria-label="${t('monitor.nav.label')}">
${link(ctx, '/monitor', t('monitor.nav.plan'))}
${link(ctx, '/monitor/rounds', t('monitor.nav.rounds'))}
${link(ctx, '/monitor/commitments', t('monitor.nav.commitments'))}
${link(ctx, '/monitor/campaigns', t('monitor.nav.campaigns'))}
${link(ctx, '/monitor/desks', t('monitor.nav.desks'))}
${link(ctx, '/monitor/mirror', t('monitor.mirror.title'))}
${viewer.role === 'pool_coordinator' ? link(ctx, '/monitor/pool', t('monitor.pool.title')) : ''}
${viewer.team ? link(ctx, '/monitor/owners', t('monitor.nav.owners')) : ''}
</nav>`;
}

const status = (ctx: PageContext, s: string) => ctx.t(`monitor.status.${s}`);

/** "from 0 to 8 inclusive", "at least 0" or "at most 8". */
function rangeText(t: PageContext['t'], min: number | null, max: number | null): string {
  if (min !== null && max !== null) return t('monitor.indicator.range', { min, max });
  return min !== null ? t('monitor.indicator.min', { min }) : t('monitor.indicator.max', { max: max ?? '' });
}

export function planPage(
  ctx: PageContext,
  viewer: Viewer,
  plan: { line: ActionLine; actions: Action[] }[],
  tasks: { round: Round; open: number }[],
  edit: { form: EditForm; organisations: Organisation[] } = { form: noForm, organisations: [] },
  overdue: { actionId: string; actionCode: string; title: string; plannedDate: string }[] = [],
  message?: string,
): SafeHtml {
  const { t } = ctx;
  const rows = plan.map(({ line, actions }) => ({
    line,
    counts: Object.fromEntries(
      ACTION_STATUSES.map((s) => [s, actions.filter((a) => a.status === s).length]),
    ) as Record<(typeof ACTION_STATUSES)[number], number>,
  }));
  return html`<h1 class="utrecht-heading-1">${t('monitor.plan.title')}</h1>
${viewer.team ? refusedSummary(ctx, edit.form) : ''}
${subnav(ctx, viewer)}
${message ? notice(message) : ''}
<p class="utrecht-paragraph">${t('monitor.plan.intro')}</p>
<h2 class="utrecht-heading-2">${t('monitor.plan.now')}</h2>
${statusChart(
  'plan-chart',
  t,
  rows.map((r) => ({ label: r.line.code, counts: r.counts })),
  t('monitor.plan.chartTitle'),
)}
${table({
  id: 'plan-counts',
  caption: t('monitor.annex.summaryCaption'),
  head: [t('monitor.annex.line'), ...ACTION_STATUSES.map((s) => status(ctx, s))],
  rows: rows.map((r) => ({ head: lineHeading(t, r.line), cells: ACTION_STATUSES.map((s) => r.counts[s]) })),
})}
${
  overdue.length
    ? html`<h2 class="utrecht-heading-2">${t('monitor.plan.overdue')}</h2>
<ul class="utrecht-unordered-list">${overdue.map(
        (m) =>
          html`<li>${link(ctx, `/monitor/actions/${m.actionId}`, m.actionCode)}: ${m.title} (${t('monitor.plan.plannedFor', { date: formatDate(m.plannedDate, ctx.locale) })})</li>`,
      )}</ul>`
    : ''
}
<h2 class="utrecht-heading-2">${t('monitor.plan.actions')}</h2>
${
  viewer.role === 'action_owner'
    ? html`<section aria-labelledby="tasks"><h2 class="utrecht-heading-2" id="tasks">${t('monitor.tasks.title')}</h2>
${
  !viewer.owner
    ? html`<p class="utrecht-paragraph">${t('monitor.tasks.notLinked')}</p>`
    : tasks.length === 0
      ? html`<p class="utrecht-paragraph">${t('monitor.tasks.none', { organisation: viewer.owner.name })}</p>`
      : html`<ul class="utrecht-unordered-list">${tasks.map(
          (task) =>
            html`<li>${link(ctx, `/monitor/rounds/${task.round.id}`, task.round.name)}: ${t('monitor.tasks.open', { count: task.open, deadline: formatDate(task.round.deadline, ctx.locale) })}</li>`,
        )}</ul>`
}</section>`
    : ''
}
${plan.map(({ line, actions }) =>
  table({
    id: `line-${line.code}`,
    caption: lineHeading(t, line),
    head: [t('monitor.action.title'), t('monitor.action.owner'), t('monitor.action.status')],
    rows: actions.map((a) => ({
      head: link(ctx, `/monitor/actions/${a.id}`, `${a.code} ${a.title}`),
      cells: [a.owner.name, status(ctx, a.status)],
    })),
  }),
)}
${
  viewer.team
    ? planForms(
        ctx,
        edit.form,
        plan.map((p) => p.line),
        edit.organisations,
      )
    : ''
}`;
}

/** A "change" link whose accessible name says what it changes. */
const changeLink = (ctx: PageContext, path: string, what: string) =>
  html`<a class="utrecht-link" href="${ctx.href(path)}">${ctx.t('monitor.edit.change')}<span class="samen-visually-hidden"> ${what}</span></a>`;

function indicatorList(
  ctx: PageContext,
  indicators: Indicator[],
  rounds: Round[],
  canEdit: boolean,
): SafeHtml {
  const { t, locale } = ctx;
  if (indicators.length === 0) return html`<p class="utrecht-paragraph">${t('monitor.indicator.none')}</p>`;
  return html`${indicators.map(
    (i) =>
      html`${table({
        id: `ind-${i.id}`,
        caption: `${i.name}${i.unit ? ` (${i.unit})` : ''}${
          i.min !== null || i.max !== null ? ` · ${rangeText(t, i.min, i.max)}` : ''
        }`,
        head: [t('monitor.indicator.period'), t('monitor.indicator.value'), t('monitor.indicator.round')],
        rows: i.values.map((v) => ({
          head: v.period,
          cells: [formatNumber(v.value, locale), rounds.find((r) => r.id === v.roundId)?.name ?? '—'],
        })),
      })}${
        canEdit
          ? html`<p class="utrecht-paragraph">${changeLink(ctx, `/monitor/indicators/${i.id}/edit`, i.name)}</p>`
          : ''
      }`,
  )}`;
}

export function actionPage(
  ctx: PageContext,
  viewer: Viewer,
  a: ActionDetail,
  rounds: Round[],
  history: RoundEntry[],
  edit: {
    canEdit: boolean;
    form: EditForm;
    organisations?: Organisation[];
    lines?: ActionLine[];
  } = {
    canEdit: false,
    form: noForm,
  },
): SafeHtml {
  const { t, locale } = ctx;
  return html`<p>${link(ctx, '/monitor', t('monitor.back.plan'))}</p>
<h1 class="utrecht-heading-1">${a.code} ${a.title}</h1>
${edit.canEdit ? refusedSummary(ctx, edit.form) : ''}
<dl class="samen-dl">
<dt>${t('monitor.annex.line')}</dt><dd>${lineHeading(t, a.line)}</dd>
<dt>${t('monitor.action.owner')}</dt><dd>${a.owner.name}</dd>
<dt>${t('monitor.action.partners')}</dt><dd>${a.partners.length ? a.partners.map((p) => p.name).join(', ') : '—'}</dd>
<dt>${t('monitor.action.status')}</dt><dd>${status(ctx, a.status)}</dd>
<dt>${t('monitor.action.source')}</dt><dd>${a.source || '—'}</dd>
</dl>
<p class="utrecht-paragraph">${a.description}</p>
<h2 class="utrecht-heading-2">${t('monitor.milestone.title')}</h2>
${
  a.milestones.length
    ? table({
        id: 'milestones',
        caption: t('monitor.milestone.caption', { code: a.code }),
        head: [t('monitor.milestone.name'), t('monitor.milestone.planned'), t('monitor.milestone.actual')],
        // The change link sits under the title, so that it stays in view on a narrow screen.
        rows: a.milestones.map((m) => ({
          head: edit.canEdit
            ? html`${m.title}<br>${changeLink(ctx, `/monitor/milestones/${m.id}/edit`, m.title)}`
            : m.title,
          cells: [formatDate(m.plannedDate, locale), formatDate(m.actualDate, locale)],
        })),
      })
    : html`<p class="utrecht-paragraph">${t('monitor.milestone.none')}</p>`
}
${edit.canEdit ? milestoneForms(ctx, edit.form, a.id, a.milestones) : ''}
<h2 class="utrecht-heading-2">${t('monitor.indicator.title')}</h2>
${indicatorList(ctx, a.indicators, rounds, edit.canEdit)}
${edit.canEdit ? actionExtraForms(ctx, edit.form, a.id, { team: viewer.team, organisations: edit.organisations ?? [] }) : ''}
${edit.canEdit && viewer.team ? actionEditForms(ctx, edit.form, a, { lines: edit.lines ?? [], organisations: edit.organisations ?? [], reported: history.length > 0 }) : ''}
<h2 class="utrecht-heading-2">${t('monitor.commitment.title')}</h2>
${
  a.commitments.length
    ? html`<ul class="utrecht-unordered-list">${a.commitments.map((c) => html`<li>${c.title} (${t(`monitor.commitment.status.${c.status}`)})</li>`)}</ul>`
    : html`<p class="utrecht-paragraph">${t('monitor.commitment.none')}</p>`
}
<h2 class="utrecht-heading-2">${t('monitor.history.title')}</h2>
${table({
  id: 'history',
  caption: t('monitor.history.caption', { code: a.code }),
  head: [t('monitor.round.name'), t('monitor.action.status'), t('monitor.entry.narrative')],
  rows: history.map((e) => ({
    head: rounds.find((r) => r.id === e.roundId)?.name ?? '',
    cells: [status(ctx, e.status), e.narrative],
  })),
})}
`;
}

export function commitmentsPage(
  ctx: PageContext,
  viewer: Viewer,
  list: Commitment[],
  edit: { form: EditForm; organisations: Organisation[] } = { form: noForm, organisations: [] },
  top: SafeHtml = html``,
): SafeHtml {
  const { t, locale } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('monitor.commitment.pageTitle')}</h1>
${viewer.team ? refusedSummary(ctx, edit.form) : ''}
${subnav(ctx, viewer)}
${top}
${table({
  id: 'commitments',
  caption: t('monitor.commitment.caption', { count: list.length }),
  head: [
    t('monitor.commitment.name'),
    t('monitor.commitment.kind'),
    t('monitor.commitment.date'),
    t('monitor.commitment.summary'),
    t('monitor.action.owner'),
    t('monitor.commitment.statusLabel'),
    t('monitor.commitment.answeredIn'),
    t('monitor.commitment.actions'),
  ],
  rows: list.map((c) => ({
    head: html`${c.title}${c.number ? html`<br><span class="samen-meta">${c.number}</span>` : ''}${
      viewer.team ? html`<br>${changeLink(ctx, `/monitor/commitments/${c.id}/edit`, c.title)}` : ''
    }`,
    cells: [
      t(`monitor.commitment.kind.${c.kind}`),
      formatDate(c.madeOn, locale),
      c.summary,
      c.owner?.name ?? '—',
      t(`monitor.commitment.status.${c.status}`),
      c.answeredIn || '—',
      c.actionCodes.join(', ') || '—',
    ],
  })),
})}
${viewer.team ? commitmentForms(ctx, edit.form, list, edit.organisations) : ''}`;
}

function progressText(ctx: PageContext, p: RoundProgress): string {
  return ctx.t('monitor.round.progress', {
    accepted: p.byReview.accepted,
    submitted: p.byReview.submitted,
    changes: p.byReview.changes_requested,
    pending: p.byReview.pending,
    total: p.total,
  });
}

export function roundsPage(
  ctx: PageContext,
  viewer: Viewer,
  rounds: (Round & { progress: RoundProgress })[],
  form: { values: Record<string, string>; problems: FieldProblem[] },
): SafeHtml {
  const { t, locale } = ctx;
  const label = (f: string) => t(`monitor.round.field.${f}`);
  return html`<h1 class="utrecht-heading-1">${t('monitor.round.pageTitle')}</h1>
${viewer.team ? errorSummary(new ProblemList(form.problems, ctx.t), label, ctx.t) : ''}
${subnav(ctx, viewer)}
${table({
  id: 'rounds',
  caption: t('monitor.round.caption'),
  head: [
    t('monitor.round.name'),
    t('monitor.round.letter'),
    t('monitor.round.deadline'),
    t('monitor.round.state'),
    t('monitor.round.progressLabel'),
  ],
  rows: [...rounds].reverse().map((r) => ({
    head: link(ctx, `/monitor/rounds/${r.id}`, r.name),
    cells: [
      r.letter || '—',
      formatDate(r.deadline, locale),
      t(`monitor.round.status.${r.status}`),
      progressText(ctx, r.progress),
    ],
  })),
})}
${
  rounds.length >= 2
    ? html`<h2 class="utrecht-heading-2">${t('monitor.compare.title')}</h2>
<form method="get" action="${ctx.href('/monitor/compare')}" class="samen-filters">
${selectField({ name: 'left', label: t('monitor.compare.left'), value: rounds[rounds.length - 2]!.id, errors: [], choices: rounds.map((r) => ({ value: r.id, label: r.name })) }, ctx.t)}
${selectField({ name: 'right', label: t('monitor.compare.right'), value: rounds[rounds.length - 1]!.id, errors: [], choices: rounds.map((r) => ({ value: r.id, label: r.name })) }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.compare.submit'), { variant: 'secondary' })}</p>
</form>`
    : ''
}
${
  viewer.team
    ? html`<h2 class="utrecht-heading-2" id="open">${t('monitor.round.openTitle')}</h2>
<form method="post" action="${ctx.href('/monitor/rounds')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'name', label: label('name'), description: t('monitor.round.nameHelp'), value: form.values.name ?? '', errors: problemsFor(form.problems, 'name', t), required: true }, ctx.t)}
${textField({ name: 'deadline', type: 'date', label: label('deadline'), value: form.values.deadline ?? '', errors: problemsFor(form.problems, 'deadline', t), required: true }, ctx.t)}
${textField({ name: 'letter', label: label('letter'), description: t('monitor.round.letterHelp'), value: form.values.letter ?? '', errors: problemsFor(form.problems, 'letter', t) }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.round.openSubmit'))}</p>
</form>`
    : ''
}`;
}

export function roundPage(
  ctx: PageContext,
  viewer: Viewer,
  view: RoundView & { ownerOnly: boolean; draftsHidden?: boolean },
  o: { notice?: string; problems?: FieldProblem[] },
): SafeHtml {
  const { t, locale } = ctx;
  const r = view.round;
  const open = r.status === 'open';
  return html`<p>${link(ctx, '/monitor/rounds', t('monitor.back.rounds'))}</p>
<h1 class="utrecht-heading-1">${t('monitor.round.title', { name: r.name })}</h1>
${o.problems?.length ? errorSummary(new ProblemList(o.problems, ctx.t), () => t('monitor.round.lockLabel'), ctx.t) : ''}
${o.notice ? notice(o.notice) : ''}
<dl class="samen-dl">
<dt>${t('monitor.round.state')}</dt><dd>${t(`monitor.round.status.${r.status}`)}</dd>
<dt>${t('monitor.round.deadline')}</dt><dd>${formatDate(r.deadline, locale)}</dd>
<dt>${t('monitor.round.letter')}</dt><dd>${r.letter || '—'}</dd>
<dt>${t('monitor.round.progressLabel')}</dt><dd>${progressText(ctx, view.progress)}</dd>
</dl>
${
  !open
    ? html`<p class="samen-actions">${link(ctx, `/monitor/rounds/${r.id}/annex`, t('monitor.annex.viewHtml'))}
<a class="utrecht-link" href="${ctx.href(`/monitor/rounds/${r.id}/annex.pdf`)}" download>${t('monitor.annex.downloadPdf')}</a>
<a class="utrecht-link" href="${ctx.href(`/monitor/rounds/${r.id}/annex.csv`)}" download>${t('monitor.annex.downloadCsv')}</a></p>`
    : ''
}
${
  open && viewer.team
    ? html`<div class="samen-actions">
<form method="post" action="${ctx.href(`/monitor/rounds/${r.id}/remind`)}" class="samen-inline-form">${csrfField(ctx.csrfToken)}${submitButton(t('monitor.round.remind'), { variant: 'secondary' })}</form>
<a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${ctx.href(`/monitor/rounds/${r.id}/lock`)}">${t('monitor.round.lock')}</a>
</div><p class="samen-meta">${t('monitor.round.lockHelp')}</p>`
    : ''
}
${view.ownerOnly ? html`<p class="utrecht-paragraph">${t('monitor.round.ownerOnly')}</p>` : ''}
${view.draftsHidden ? html`<p class="utrecht-paragraph">${t('monitor.round.draftsHidden')}</p>` : ''}
${open && viewer.team ? ownerProgress(ctx, view.entries) : ''}
${table({
  id: 'entries',
  caption: t('monitor.round.entries', { count: view.entries.length }),
  head: [
    t('monitor.action.title'),
    t('monitor.action.owner'),
    t('monitor.action.status'),
    t('monitor.entry.review'),
  ],
  rows: view.entries.map((e) => ({
    head: link(ctx, `/monitor/rounds/${r.id}/actions/${e.actionId}`, `${e.actionCode} ${e.actionTitle}`),
    cells: [e.ownerName, status(ctx, e.status), t(`monitor.review.${e.reviewState}`)],
  })),
})}`;
}

/** Per action owner: how many of their actions are in each review state (who still has to report). */
function ownerProgress(ctx: PageContext, entries: RoundEntry[]): SafeHtml {
  const { t } = ctx;
  const owners = [...new Set(entries.map((e) => e.ownerName))].sort((a, b) => a.localeCompare(b, 'nl'));
  const states = ['pending', 'changes_requested', 'submitted', 'accepted'] as const;
  return table({
    id: 'owner-progress',
    caption: t('monitor.round.byOwner'),
    head: [t('monitor.action.owner'), ...states.map((s) => t(`monitor.review.${s}`))],
    rows: owners.map((owner) => ({
      head: owner,
      cells: states.map((s) => entries.filter((e) => e.ownerName === owner && e.reviewState === s).length),
    })),
  });
}

/** The team's review form as typed (after a refusal) and its problems. */
export interface ReviewForm {
  note: string;
  problems: FieldProblem[];
}

export interface EntryForm {
  status: string;
  narrative: string;
  confirmNarrative?: boolean;
  rows: { indicatorId: string; period: string; value: string }[];
}

export function entryFormValues(
  entry: RoundEntry,
  indicators: Indicator[],
  values: RoundIndicatorValue[],
): EntryForm {
  const rows = indicators.flatMap((i) => [
    ...values
      .filter((v) => v.indicatorId === i.id)
      .map((v) => ({ indicatorId: i.id, period: v.period, value: String(v.value) })),
    { indicatorId: i.id, period: '', value: '' },
  ]);
  return { status: entry.status, narrative: entry.narrative, rows };
}

export function entryPage(
  ctx: PageContext,
  viewer: Viewer,
  data: {
    round: Round;
    entry: RoundEntry;
    indicators: Indicator[];
    values: RoundIndicatorValue[];
    canEdit: boolean;
  },
  form: EntryForm,
  problems: FieldProblem[],
  reviewForm: ReviewForm = { note: '', problems: [] },
): SafeHtml {
  const { t, locale } = ctx;
  const { round, entry, indicators } = data;
  const label = (field: string) => {
    const m = /^values\[(\d+)\]\.(\w+)$/.exec(field);
    if (m) {
      const row = form.rows[Number(m[1])];
      const ind = indicators.find((i) => i.id === row?.indicatorId);
      return `${ind?.name ?? ''} (${t(`monitor.indicator.${m[2] === 'period' ? 'period' : 'value'}`)})`;
    }
    return t(`monitor.entry.field.${field}`);
  };
  const review = html`<p class="utrecht-paragraph"><strong>${t('monitor.entry.review')}:</strong> ${t(`monitor.review.${entry.reviewState}`)}${
    entry.reviewNote ? html`<br>${t('monitor.entry.reviewNote')}: ${entry.reviewNote}` : ''
  }</p>`;
  const readOnly = html`<dl class="samen-dl">
<dt>${t('monitor.action.status')}</dt><dd>${status(ctx, entry.status)}</dd>
<dt>${t('monitor.entry.narrative')}</dt><dd>${entry.narrative || '—'}${entry.narrativeCarried ? html`<br><span class="samen-meta">${t('monitor.carried.mark')}</span>` : ''}</dd>
</dl>
${
  data.values.length
    ? table({
        id: 'values',
        caption: t('monitor.entry.valuesCaption'),
        head: [t('monitor.indicator.name'), t('monitor.indicator.period'), t('monitor.indicator.value')],
        rows: data.values.map((v) => ({
          head: v.name,
          cells: [v.period, `${formatNumber(v.value, locale)} ${v.unit}`],
        })),
      })
    : ''
}`;
  const editForm = html`<form method="post" action="${ctx.href(`/monitor/rounds/${round.id}/actions/${entry.actionId}`)}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField(
  {
    name: 'status',
    label: t('monitor.entry.field.status'),
    value: form.status,
    errors: problemsFor(problems, 'status', t),
    choices: ACTION_STATUSES.map((s) => ({ value: s, label: status(ctx, s) })),
  },
  ctx.t,
)}
${textareaField(
  {
    name: 'narrative',
    label: t('monitor.entry.field.narrative'),
    description: t('monitor.entry.narrativeHelp'),
    value: form.narrative,
    errors: problemsFor(problems, 'narrative', t),
    rows: 8,
  },
  ctx.t,
)}
${entry.narrativeCarried ? carriedNarrativeBox(t, form.confirmNarrative === true) : ''}
${
  indicators.length
    ? html`<fieldset class="utrecht-form-fieldset samen-multi-form"><legend class="utrecht-form-fieldset__legend">${t('monitor.entry.indicators')}</legend>
<p class="samen-meta">${t('monitor.entry.indicatorsHelp')}</p>
${form.rows.map((row, i) => {
  const ind = indicators.find((x) => x.id === row.indicatorId);
  if (!ind) return '';
  const range = ind.min !== null || ind.max !== null ? rangeText(t, ind.min, ind.max) : undefined;
  return html`<div class="samen-card"><p class="utrecht-paragraph"><strong>${ind.name}</strong>${ind.unit ? ` (${ind.unit})` : ''}</p>
${hiddenField('indicator', ind.id)}
${textField({ name: 'period', id: fieldId(`values[${i}].period`), label: t('monitor.indicator.period'), description: t('monitor.entry.periodHelp'), value: row.period, errors: problemsFor(problems, `values[${i}].period`, t) }, ctx.t)}
${textField({ name: 'value', id: fieldId(`values[${i}].value`), label: t('monitor.indicator.value'), inputmode: 'decimal', ...(range ? { description: range } : {}), value: row.value, errors: problemsFor(problems, `values[${i}].value`, t) }, ctx.t)}
</div>`;
})}
</fieldset>`
    : ''
}
<p class="samen-actions">${submitButton(t('monitor.entry.submit'))}</p>
</form>`;
  return html`<p>${link(ctx, `/monitor/rounds/${round.id}`, t('monitor.back.round', { name: round.name }))}</p>
<h1 class="utrecht-heading-1">${entry.actionCode} ${entry.actionTitle}</h1>
${data.canEdit ? errorSummary(new ProblemList(problems, ctx.t), label, ctx.t) : ''}
${viewer.team && round.status === 'open' ? errorSummary(new ProblemList(reviewForm.problems, ctx.t), (f) => (f === 'note' ? t('monitor.review.note') : t('monitor.review.title')), ctx.t) : ''}
<p class="samen-meta">${t('monitor.entry.meta', { round: round.name, owner: entry.ownerName, deadline: formatDate(round.deadline, locale) })}</p>
${review}
${data.canEdit ? editForm : readOnly}
${
  viewer.team && round.status === 'open'
    ? html`<h2 class="utrecht-heading-2">${t('monitor.review.title')}</h2>
<form method="post" action="${ctx.href(`/monitor/rounds/${round.id}/actions/${entry.actionId}/review`)}" novalidate>
${csrfField(ctx.csrfToken)}
${textareaField({ name: 'note', label: t('monitor.review.note'), description: t('monitor.review.noteHelp'), value: reviewForm.note, errors: problemsFor(reviewForm.problems, 'note', t), rows: 3 }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.review.accept'), { name: 'decision', value: 'accept' })} ${submitButton(t('monitor.review.requestChanges'), { variant: 'secondary', name: 'decision', value: 'request_changes' })}</p>
</form>`
    : ''
}`;
}

export function comparePage(
  ctx: PageContext,
  viewer: Viewer,
  data: { left: Round; right: Round; rows: ComparisonRow[] },
): SafeHtml {
  const { t } = ctx;
  const cell = (e: RoundEntry | null) =>
    e
      ? html`<strong>${status(ctx, e.status)}</strong><br>${e.narrative}`
      : html`<span class="samen-meta">${t('monitor.compare.absent')}</span>`;
  return html`<p>${link(ctx, '/monitor/rounds', t('monitor.back.rounds'))}</p>
<h1 class="utrecht-heading-1">${t('monitor.compare.pageTitle', { left: data.left.name, right: data.right.name })}</h1>
${subnav(ctx, viewer)}
<p class="utrecht-paragraph">${t('monitor.compare.summary', { changed: data.rows.filter((r) => r.changed).length, total: data.rows.length })}</p>
${table({
  id: 'compare',
  caption: t('monitor.compare.caption'),
  head: [t('monitor.action.title'), data.left.name, data.right.name, t('monitor.compare.changed')],
  rows: data.rows.map((r) => ({
    head: `${r.code} ${r.title}`,
    cells: [cell(r.left), cell(r.right), r.changed ? t('monitor.compare.yes') : t('monitor.compare.no')],
  })),
})}`;
}
