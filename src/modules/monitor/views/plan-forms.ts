// Forms that edit the plan: a new action line and action (programme team), milestones (the action's owner or
// the team), and motions and commitments (programme team). Each form shows its own field problems; the refused
// form's error summary stands at the top of the page (`refusedSummary`), not above the form.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  ACTION_STATUSES,
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  type Action,
  type ActionLine,
  type Commitment,
  type Milestone,
  type Organisation,
} from '../types.js';
import { lineHeading } from './annex.js';
import { problemsFor, type PageContext } from './page-context.js';
import {
  csrfField,
  hiddenField,
  errorSummary,
  fieldId,
  ProblemList,
  selectField,
  submitButton,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { holderBox } from './carried.js';
import { formatDate } from './format.js';

export interface EditForm {
  form: string;
  target?: string;
  values: Record<string, string>;
  problems: FieldProblem[];
}

export const noForm: EditForm = { form: '', values: {}, problems: [] };

function bind(ctx: PageContext, f: EditForm, form: string, target = '') {
  const mine = f.form === form && (f.target ?? '') === target;
  const id = (name: string) => fieldId(target ? `${name}-${target}` : `${form}-${name}`);
  return {
    value: (name: string, fallback = '') => (mine ? (f.values[name] ?? '') : fallback),
    errors: (name: string) => (mine ? problemsFor(f.problems, name, ctx.t) : []),
    id,
  };
}

/**
 * The refused form's error summary (the kit's, its links pointing at that form's own field ids), rendered once
 * at the top of the page's main content, directly after the h1; nothing when no form was refused.
 */
export function refusedSummary(ctx: PageContext, f: EditForm): SafeHtml {
  if (!f.form || f.problems.length === 0) return html``;
  const { id } = bind(ctx, f, f.form, f.target ?? '');
  const label = (field: string) => ctx.t(`monitor.edit.field.${field}`);
  return errorSummary(new ProblemList(f.problems, ctx.t), label, ctx.t, { href: id });
}

export function planForms(
  ctx: PageContext,
  f: EditForm,
  lines: ActionLine[],
  organisations: Organisation[],
): SafeHtml {
  const { t } = ctx;
  const label = (field: string) => t(`monitor.edit.field.${field}`);
  const line = bind(ctx, f, 'line');
  const action = bind(ctx, f, 'action');
  const rename = bind(ctx, f, 'lineRename');
  return html`<h2 class="utrecht-heading-2">${t('monitor.edit.newAction')}</h2>
<form method="post" action="${ctx.href('/monitor/actions')}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'line', id: action.id('line'), label: label('line'), value: action.value('line'), errors: action.errors('line'), choices: lines.map((l) => ({ value: l.id, label: lineHeading(t, l) })) }, ctx.t)}
${textField({ name: 'code', id: action.id('code'), label: label('code'), description: t('monitor.edit.codeHelp'), value: action.value('code'), errors: action.errors('code'), required: true }, ctx.t)}
${textField({ name: 'title', id: action.id('title'), label: label('title'), value: action.value('title'), errors: action.errors('title'), required: true }, ctx.t)}
${textareaField({ name: 'description', id: action.id('description'), label: label('description'), value: action.value('description'), errors: action.errors('description'), rows: 4 }, ctx.t)}
${selectField({ name: 'owner', id: action.id('owner'), label: label('owner'), description: t('monitor.edit.ownerHelp'), value: action.value('owner'), errors: action.errors('owner'), choices: [{ value: '', label: t('monitor.edit.newOrganisation') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))] }, ctx.t)}
${textField({ name: 'owner_name', id: action.id('owner_name'), label: label('owner_name'), value: action.value('owner_name'), errors: action.errors('owner_name') }, ctx.t)}
${selectField({ name: 'status', id: action.id('status'), label: label('status'), value: action.value('status', 'planned'), errors: action.errors('status'), choices: ACTION_STATUSES.map((s) => ({ value: s, label: t(`monitor.status.${s}`) })) }, ctx.t)}
${textField({ name: 'source', id: action.id('source'), label: label('source'), description: t('monitor.edit.sourceHelp'), value: action.value('source'), errors: action.errors('source') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitAction'))}</p>
</form>
<h2 class="utrecht-heading-2">${t('monitor.edit.newLine')}</h2>
<form method="post" action="${ctx.href('/monitor/lines')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'code', id: line.id('code'), label: label('lineCode'), description: t('monitor.edit.lineCodeHelp'), value: line.value('code'), errors: line.errors('code'), required: true }, ctx.t)}
${textField({ name: 'title', id: line.id('title'), label: label('title'), value: line.value('title'), errors: line.errors('title'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitLine'), { variant: 'secondary' })}</p>
</form>
<h2 class="utrecht-heading-2">${t('monitor.edit.renameLine')}</h2>
<form method="post" action="${ctx.href('/monitor/lines/rename')}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'line', id: rename.id('line'), label: label('line'), value: rename.value('line'), errors: rename.errors('line'), choices: lines.map((l) => ({ value: l.id, label: lineHeading(t, l) })) }, ctx.t)}
${textField({ name: 'title', id: rename.id('title'), label: label('newTitle'), value: rename.value('title'), errors: rename.errors('title'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitRename'), { variant: 'secondary' })}</p>
</form>`;
}

export function milestoneForms(
  ctx: PageContext,
  f: EditForm,
  actionId: string,
  milestones: Milestone[],
): SafeHtml {
  const { t, locale } = ctx;
  const label = (field: string) => t(`monitor.edit.field.${field}`);
  const add = bind(ctx, f, 'milestone');
  return html`${milestones
    .filter((m) => !m.actualDate)
    .map((m) => {
      const b = bind(ctx, f, 'reached', m.id);
      return html`<form method="post" action="${ctx.href(`/monitor/milestones/${m.id}`)}" novalidate class="samen-card">
${csrfField(ctx.csrfToken)}
${textField({ name: 'actual_date', id: b.id('actual_date'), type: 'date', label: t('monitor.edit.reachedOn', { title: m.title }), description: m.plannedDate ? t('monitor.edit.plannedFor', { date: formatDate(m.plannedDate, locale) }) : '', value: b.value('actual_date'), errors: b.errors('actual_date') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitReached'), { variant: 'secondary' })}</p>
</form>`;
    })}
<h3 class="utrecht-heading-3">${t('monitor.edit.newMilestone')}</h3>
<form method="post" action="${ctx.href(`/monitor/actions/${actionId}/milestones`)}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'title', id: add.id('title'), label: label('milestone'), value: add.value('title'), errors: add.errors('title'), required: true }, ctx.t)}
${textField({ name: 'planned_date', id: add.id('planned_date'), type: 'date', label: label('planned_date'), value: add.value('planned_date'), errors: add.errors('planned_date') }, ctx.t)}
${textField({ name: 'actual_date', id: add.id('actual_date'), type: 'date', label: label('actual_date'), value: add.value('actual_date'), errors: add.errors('actual_date') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitMilestone'), { variant: 'secondary' })}</p>
</form>`;
}

export function commitmentForms(
  ctx: PageContext,
  f: EditForm,
  _list: Commitment[],
  organisations: Organisation[],
): SafeHtml {
  const { t } = ctx;
  const label = (field: string) => t(`monitor.edit.field.${field}`);
  const add = bind(ctx, f, 'commitment');
  // No separate status form: it opened with "in progress" and an empty "answered in" whatever was stored, and
  // saving it wiped the reference. A commitment's status is changed on its own edit page, which opens with the
  // stored values (the "change" link in each row of the table).
  return html`<h2 class="utrecht-heading-2">${t('monitor.edit.newCommitment')}</h2>
<form method="post" action="${ctx.href('/monitor/commitments')}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'kind', id: add.id('kind'), label: label('kind'), value: add.value('kind', 'motion'), errors: add.errors('kind'), choices: COMMITMENT_KINDS.map((k) => ({ value: k, label: t(`monitor.commitment.kind.${k}`) })) }, ctx.t)}
${textField({ name: 'number', id: add.id('number'), label: label('number'), description: t('monitor.edit.numberHelp'), value: add.value('number'), errors: add.errors('number') }, ctx.t)}
${textField({ name: 'title', id: add.id('title'), label: label('title'), value: add.value('title'), errors: add.errors('title'), required: true }, ctx.t)}
${textField({ name: 'made_on', id: add.id('made_on'), type: 'date', label: label('made_on'), value: add.value('made_on'), errors: add.errors('made_on') }, ctx.t)}
${textareaField({ name: 'summary', id: add.id('summary'), label: label('summary'), value: add.value('summary'), errors: add.errors('summary'), rows: 4 }, ctx.t)}
${selectField({ name: 'owner', id: add.id('owner'), label: label('owner'), value: add.value('owner'), errors: add.errors('owner'), choices: [{ value: '', label: '—' }, ...organisations.map((o) => ({ value: o.id, label: o.name }))] }, ctx.t)}
${selectField({ name: 'status', id: add.id('status'), label: label('commitmentStatus'), value: add.value('status', 'open'), errors: add.errors('status'), choices: COMMITMENT_STATUSES.map((s) => ({ value: s, label: t(`monitor.commitment.status.${s}`) })) }, ctx.t)}
${textField({ name: 'answered_in', id: add.id('answered_in'), label: label('answered_in'), value: add.value('answered_in'), errors: add.errors('answered_in') }, ctx.t)}
${textField({ name: 'actions', id: add.id('actions'), label: label('actions'), description: t('monitor.edit.actionsHelp'), value: add.value('actions'), errors: add.errors('actions') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitCommitment'))}</p>
</form>`;
}

export function actionExtraForms(
  ctx: PageContext,
  f: EditForm,
  actionId: string,
  o: { team: boolean; organisations: Organisation[] },
): SafeHtml {
  const { t } = ctx;
  const label = (field: string) => t(`monitor.edit.field.${field}`);
  const ind = bind(ctx, f, 'indicator');
  const partner = bind(ctx, f, 'partner');
  return html`<h3 class="utrecht-heading-3">${t('monitor.edit.newIndicator')}</h3>
<form method="post" action="${ctx.href(`/monitor/actions/${actionId}/indicators`)}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'name', id: ind.id('name'), label: label('indicator'), value: ind.value('name'), errors: ind.errors('name'), required: true }, ctx.t)}
${textField({ name: 'unit', id: ind.id('unit'), label: label('unit'), description: t('monitor.edit.unitHelp'), value: ind.value('unit'), errors: ind.errors('unit') }, ctx.t)}
${textField({ name: 'min', id: ind.id('min'), label: label('min'), inputmode: 'decimal', value: ind.value('min'), errors: ind.errors('min') }, ctx.t)}
${textField({ name: 'max', id: ind.id('max'), label: label('max'), inputmode: 'decimal', value: ind.value('max'), errors: ind.errors('max') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitIndicator'), { variant: 'secondary' })}</p>
</form>
${
  o.team
    ? html`<h3 class="utrecht-heading-3">${t('monitor.edit.newPartner')}</h3>
<form method="post" action="${ctx.href(`/monitor/actions/${actionId}/partners`)}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'partner', id: partner.id('partner'), label: label('partner'), description: t('monitor.edit.ownerHelp'), value: partner.value('partner'), errors: partner.errors('partner'), choices: [{ value: '', label: t('monitor.edit.newOrganisation') }, ...o.organisations.map((x) => ({ value: x.id, label: x.name }))] }, ctx.t)}
${textField({ name: 'partner_name', id: partner.id('partner_name'), label: label('partner_name'), value: partner.value('partner_name'), errors: partner.errors('partner_name') }, ctx.t)}
${holderBox(t, partner.id('holder'), partner.value('holder') === 'yes')}
<p class="samen-actions">${submitButton(t('monitor.edit.submitPartner'), { variant: 'secondary' })}</p>
</form>`
    : ''
}`;
}

/**
 * The programme team's corrections to an action (line, title, description, owner, source) and, for an action
 * that was never in a reporting round, its removal.
 */
export function actionEditForms(
  ctx: PageContext,
  f: EditForm,
  a: Action,
  o: { lines: ActionLine[]; organisations: Organisation[]; reported: boolean },
): SafeHtml {
  const { t } = ctx;
  const label = (field: string) => t(`monitor.edit.field.${field}`);
  const edit = bind(ctx, f, 'actionEdit', a.id);
  // Before a first submit, the form shows the action as it is.
  const value = (name: string, current: string) =>
    f.form === 'actionEdit' && f.target === a.id ? edit.value(name) : current;
  const partners = a.partners.length
    ? html`<h2 class="utrecht-heading-2">${t('monitor.edit.partners')}</h2>
<ul class="utrecht-unordered-list samen-partners">${a.partners.map(
        (p) => html`<li><form method="post" action="${ctx.href(`/monitor/actions/${a.id}/partners/remove`)}">
${csrfField(ctx.csrfToken)}${hiddenField('partner', p.id)}
<span>${p.name}</span>
${submitButton(html`${t('monitor.edit.remove')}<span class="samen-visually-hidden"> ${t('monitor.edit.removePartner', { name: p.name })}</span>`, { variant: 'secondary' })}
</form></li>`,
      )}</ul>`
    : '';
  return html`${partners}
<h2 class="utrecht-heading-2">${t('monitor.edit.editAction')}</h2>
<p class="utrecht-paragraph">${t('monitor.edit.editActionIntro')}</p>
<form method="post" action="${ctx.href(`/monitor/actions/${a.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'line', id: edit.id('line'), label: label('line'), value: value('line', a.lineId), errors: edit.errors('line'), choices: o.lines.map((l) => ({ value: l.id, label: lineHeading(t, l) })) }, ctx.t)}
${textField({ name: 'title', id: edit.id('title'), label: label('title'), value: value('title', a.title), errors: edit.errors('title'), required: true }, ctx.t)}
${textareaField({ name: 'description', id: edit.id('description'), label: label('description'), value: value('description', a.description), errors: edit.errors('description'), rows: 4 }, ctx.t)}
${selectField({ name: 'owner', id: edit.id('owner'), label: label('owner'), description: t('monitor.edit.ownerHelp'), value: value('owner', a.owner.id), errors: edit.errors('owner'), choices: [{ value: '', label: t('monitor.edit.newOrganisation') }, ...o.organisations.map((x) => ({ value: x.id, label: x.name }))] }, ctx.t)}
${textField({ name: 'owner_name', id: edit.id('owner_name'), label: label('owner_name'), value: value('owner_name', ''), errors: edit.errors('owner_name') }, ctx.t)}
${textField({ name: 'source', id: edit.id('source'), label: label('source'), description: t('monitor.edit.sourceHelp'), value: value('source', a.source), errors: edit.errors('source') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitEdit'))}</p>
</form>
${
  o.reported
    ? ''
    : html`<h2 class="utrecht-heading-2">${t('monitor.edit.removeAction')}</h2>
<p class="utrecht-paragraph">${t('monitor.edit.removeActionIntro')}</p>
<form method="post" action="${ctx.href(`/monitor/actions/${a.id}/remove`)}">
${csrfField(ctx.csrfToken)}
<p class="samen-actions">${submitButton(t('monitor.edit.submitRemove'), { variant: 'secondary' })}</p>
</form>`
}`;
}
