// Pages that correct or remove one part of the plan: a milestone or an indicator (the action's owner or the
// team) and a motion or commitment (the team). Each page shows the item as it is, or as submitted with its
// problems, and a separate form to remove it where removal is allowed.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  type Action,
  type Commitment,
  type Indicator,
  type Milestone,
  type Organisation,
} from '../types.js';
import { problemsFor, type PageContext } from './page-context.js';
import {
  csrfField,
  hiddenField,
  errorSummary,
  notice,
  ProblemList,
  selectField,
  submitButton,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { formatNumber } from './format.js';

/** What was submitted and what was wrong with it; before a first submit, no values (the item as it is). */
export interface ItemForm {
  values?: Record<string, string>;
  problems: FieldProblem[];
}

export const freshForm: ItemForm = { problems: [] };

function binder(ctx: PageContext, form: ItemForm) {
  return {
    value: (name: string, current: string) => (form.values ? (form.values[name] ?? '') : current),
    errors: (name: string) => problemsFor(form.problems, name, ctx.t),
  };
}

const back = (ctx: PageContext, action: Action) =>
  html`<p><a class="utrecht-link" href="${ctx.href(`/monitor/actions/${action.id}`)}">${ctx.t('monitor.edit.backToAction', { code: action.code })}</a></p>`;

function removeSection(
  ctx: PageContext,
  o: { heading: string; intro: string; action: string; submit: string },
) {
  return html`<h2 class="utrecht-heading-2">${o.heading}</h2>
<p class="utrecht-paragraph">${o.intro}</p>
<form method="post" action="${ctx.href(o.action)}">
${csrfField(ctx.csrfToken)}
<p class="samen-actions">${submitButton(o.submit, { variant: 'secondary' })}</p>
</form>`;
}

export function milestoneEditPage(
  ctx: PageContext,
  action: Action,
  milestone: Milestone,
  form: ItemForm,
): SafeHtml {
  const { t } = ctx;
  const f = binder(ctx, form);
  const label = (field: string) => t(`monitor.edit.field.${field === 'title' ? 'milestone' : field}`);
  return html`${back(ctx, action)}
<h1 class="utrecht-heading-1">${t('monitor.edit.milestonePage', { code: action.code })}</h1>
${errorSummary(new ProblemList(form.problems, ctx.t), label, ctx.t)}
<form method="post" action="${ctx.href(`/monitor/milestones/${milestone.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'title', label: label('title'), value: f.value('title', milestone.title), errors: f.errors('title'), required: true }, ctx.t)}
${textField({ name: 'planned_date', type: 'date', label: label('planned_date'), value: f.value('planned_date', milestone.plannedDate ?? ''), errors: f.errors('planned_date') }, ctx.t)}
${textField({ name: 'actual_date', type: 'date', label: label('actual_date'), description: t('monitor.edit.actualHelp'), value: f.value('actual_date', milestone.actualDate ?? ''), errors: f.errors('actual_date') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitEdit'))}</p>
</form>
${removeSection(ctx, {
  heading: t('monitor.edit.removeMilestone'),
  intro: t('monitor.edit.removeMilestoneIntro', { title: milestone.title }),
  action: `/monitor/milestones/${milestone.id}/remove`,
  submit: t('monitor.edit.submitRemoveMilestone'),
})}`;
}

/** What the range must keep holding: the one value recorded, or the lowest and highest of several. */
function recordedValues(ctx: PageContext, indicator: Indicator): SafeHtml | '' {
  const { t, locale } = ctx;
  const values = indicator.values;
  if (values.length === 0) return '';
  if (values.length === 1)
    return html`<p class="utrecht-paragraph">${t('monitor.edit.indicatorValue', {
      value: formatNumber(values[0]!.value, locale),
      period: values[0]!.period,
    })}</p>`;
  return html`<p class="utrecht-paragraph">${t('monitor.edit.indicatorValues', {
    count: values.length,
    lowest: formatNumber(Math.min(...values.map((v) => v.value)), locale),
    highest: formatNumber(Math.max(...values.map((v) => v.value)), locale),
  })}</p>`;
}

export function indicatorEditPage(
  ctx: PageContext,
  action: Action,
  indicator: Indicator,
  locked: boolean,
  form: ItemForm,
): SafeHtml {
  const { t } = ctx;
  const f = binder(ctx, form);
  const label = (field: string) => t(`monitor.edit.field.${field}`);
  const number = (n: number | null) => (n === null ? '' : String(n));
  // Reported in a locked round, the name and unit are part of an annex sent to parliament: shown, not editable
  // (sent along unchanged, so the range can still be corrected).
  const nameAndUnit = locked
    ? html`${notice(t('monitor.edit.indicatorLocked'))}
<dl class="samen-dl">
<dt>${label('name')}</dt><dd>${indicator.name}</dd>
<dt>${label('unit')}</dt><dd>${indicator.unit || '—'}</dd>
</dl>
${hiddenField('name', indicator.name)}
${hiddenField('unit', indicator.unit)}`
    : html`${textField({ name: 'name', label: label('name'), value: f.value('name', indicator.name), errors: f.errors('name'), required: true }, ctx.t)}
${textField({ name: 'unit', label: label('unit'), description: t('monitor.edit.unitHelp'), value: f.value('unit', indicator.unit), errors: f.errors('unit') }, ctx.t)}`;
  const values = indicator.values.length;
  return html`${back(ctx, action)}
<h1 class="utrecht-heading-1">${t('monitor.edit.indicatorPage', { code: action.code })}</h1>
${errorSummary(new ProblemList(form.problems, ctx.t), label, ctx.t)}
<form method="post" action="${ctx.href(`/monitor/indicators/${indicator.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${nameAndUnit}
${textField({ name: 'min', label: label('min'), inputmode: 'decimal', value: f.value('min', number(indicator.min)), errors: f.errors('min') }, ctx.t)}
${textField({ name: 'max', label: label('max'), inputmode: 'decimal', value: f.value('max', number(indicator.max)), errors: f.errors('max') }, ctx.t)}
${recordedValues(ctx, indicator)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitEdit'))}</p>
</form>
${
  locked
    ? html`<h2 class="utrecht-heading-2">${t('monitor.edit.removeIndicator')}</h2>
<p class="utrecht-paragraph">${t('monitor.edit.indicatorLockedRemove')}</p>`
    : removeSection(ctx, {
        heading: t('monitor.edit.removeIndicator'),
        intro: t('monitor.edit.removeIndicatorIntro', { name: indicator.name, count: values }),
        action: `/monitor/indicators/${indicator.id}/remove`,
        submit: t('monitor.edit.submitRemoveIndicator'),
      })
}`;
}

export function commitmentEditPage(
  ctx: PageContext,
  commitment: Commitment,
  organisations: Organisation[],
  form: ItemForm,
): SafeHtml {
  const { t } = ctx;
  const f = binder(ctx, form);
  const label = (field: string) => t(`monitor.edit.field.${field === 'status' ? 'commitmentStatus' : field}`);
  return html`<p><a class="utrecht-link" href="${ctx.href('/monitor/commitments')}">${t('monitor.edit.backToCommitments')}</a></p>
<h1 class="utrecht-heading-1">${t('monitor.edit.commitmentPage')}</h1>
${errorSummary(new ProblemList(form.problems, ctx.t), label, ctx.t)}
<form method="post" action="${ctx.href(`/monitor/commitments/${commitment.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'kind', label: label('kind'), value: f.value('kind', commitment.kind), errors: f.errors('kind'), choices: COMMITMENT_KINDS.map((k) => ({ value: k, label: t(`monitor.commitment.kind.${k}`) })) }, ctx.t)}
${textField({ name: 'number', label: label('number'), description: t('monitor.edit.numberHelp'), value: f.value('number', commitment.number), errors: f.errors('number') }, ctx.t)}
${textField({ name: 'title', label: label('title'), value: f.value('title', commitment.title), errors: f.errors('title'), required: true }, ctx.t)}
${textField({ name: 'made_on', type: 'date', label: label('made_on'), value: f.value('made_on', commitment.madeOn ?? ''), errors: f.errors('made_on') }, ctx.t)}
${textareaField({ name: 'summary', label: label('summary'), value: f.value('summary', commitment.summary), errors: f.errors('summary'), rows: 4 }, ctx.t)}
${selectField({ name: 'owner', label: label('owner'), value: f.value('owner', commitment.owner?.id ?? ''), errors: f.errors('owner'), choices: [{ value: '', label: '—' }, ...organisations.map((o) => ({ value: o.id, label: o.name }))] }, ctx.t)}
${selectField({ name: 'status', label: label('status'), value: f.value('status', commitment.status), errors: f.errors('status'), choices: COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`monitor.commitment.status.${s}`) })) }, ctx.t)}
${textField({ name: 'answered_in', label: label('answered_in'), value: f.value('answered_in', commitment.answeredIn), errors: f.errors('answered_in') }, ctx.t)}
${textField({ name: 'actions', label: label('actions'), description: t('monitor.edit.actionsHelp'), value: f.value('actions', commitment.actionCodes.join(', ')), errors: f.errors('actions') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitEdit'))}</p>
</form>
${removeSection(ctx, {
  heading: t('monitor.edit.removeCommitment'),
  intro: t('monitor.edit.removeCommitmentIntro', { title: commitment.title }),
  action: `/monitor/commitments/${commitment.id}/remove`,
  submit: t('monitor.edit.submitRemoveCommitment'),
})}`;
}
