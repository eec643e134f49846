// An assignment's page: what is asked, the expert (pseudonym) and their answer, the fee as fixed and the payment,
// the history of every step, and what may be done next: for the coordinator assign (ranked suggestions with
// reasons), record the expert's answer, reassign, cancel, record or correct the hours, record the payment; for the
// requesting organisation withdraw its request. Forms open with the stored values or, after a refusal, as typed.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { Suggestion } from '../pool/matching.js';
import { euros } from '../pool/money.js';
import type { Assignment, AssignmentEvent, Rate } from '../pool/types.js';
import { type PageContext } from './page-context.js';
import {
  csrfField,
  notice,
  selectField,
  submitButton,
  table,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { formatDate, formatNumber } from './format.js';
import { errs, idOf, shown, summary, type PoolForm, type PoolFormName } from './pool-forms.js';
import { expertise, feeText } from './pool.js';

interface AssignmentView {
  coordinator: boolean;
  assignment: Assignment;
  suggestions: Suggestion[];
  history: AssignmentEvent[];
  rates: Rate[];
  today: string;
  form: PoolForm;
}

const post = (ctx: PageContext, a: Assignment, step: string, body: SafeHtml) =>
  html`<form method="post" action="${ctx.href(`/monitor/pool/assignments/${a.id}/${step}`)}" novalidate>
${csrfField(ctx.csrfToken)}
${body}
</form>`;

function noteField(ctx: PageContext, f: PoolForm, form: PoolFormName): SafeHtml {
  return textareaField(
    {
      name: 'note',
      id: idOf('note', form),
      label: ctx.t('monitor.pool.field.note'),
      description: ctx.t('monitor.pool.noteHelp'),
      value: shown(f, form, 'note'),
      errors: errs(ctx, f, form, 'note'),
      rows: 2,
    },
    ctx.t,
  );
}

function expertChoice(ctx: PageContext, o: AssignmentView, form: 'assign' | 'reassign'): SafeHtml {
  const eligible = o.suggestions.filter((s) => s.eligible);
  if (!eligible.length) return html`<p class="utrecht-paragraph">${ctx.t('monitor.pool.noneEligible')}</p>`;
  return selectField(
    {
      name: 'expert',
      id: form === 'assign' ? 'f-expert' : 'f-expert-reassign',
      label: ctx.t('monitor.pool.field.expert'),
      value: shown(o.form, form, 'expert'),
      errors: errs(ctx, o.form, form, 'expert'),
      choices: eligible.map((s) => ({ value: s.expert.id, label: `${s.expert.pseudonym} (${s.score})` })),
    },
    ctx.t,
  );
}

function suggestionsTable(ctx: PageContext, suggestions: Suggestion[]): SafeHtml {
  const { t } = ctx;
  return table({
    id: 'suggestions',
    caption: t('monitor.pool.suggestionsCaption'),
    head: [t('monitor.pool.field.pseudonym'), t('monitor.pool.score'), t('monitor.pool.reasons')],
    rows: suggestions.map((s) => ({
      head: s.expert.pseudonym,
      cells: [
        s.eligible ? s.score : t('monitor.pool.notEligible'),
        s.reasons.map((r) => t(r.key, r.params)).join('; ') || '—',
      ],
    })),
  });
}

function historyList(ctx: PageContext, history: AssignmentEvent[]): SafeHtml {
  const { t, locale } = ctx;
  if (!history.length) return html``;
  return html`<h2 class="utrecht-heading-2">${t('monitor.pool.historyTitle')}</h2>
<ol class="utrecht-ordered-list">${history.map(
    (e) =>
      html`<li>${formatDate(e.at.toISOString(), locale)}: ${t(`monitor.pool.event.${e.kind}`, { expert: e.expert?.pseudonym ?? '—' })}${e.note ? ` — ${e.note}` : ''}</li>`,
  )}</ol>`;
}

/** The coordinator's next steps for the assignment's state. */
function coordinatorSteps(ctx: PageContext, o: AssignmentView): SafeHtml {
  const { t, locale } = ctx;
  const a = o.assignment;
  const f = o.form;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  const open = a.status === 'requested' || a.status === 'assigned';
  const hoursOpen =
    (a.status === 'assigned' && a.expertAnswer === 'accepted') ||
    (a.status === 'completed' && a.paymentStatus === 'due');
  return html`${
    a.status === 'requested'
      ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.suggestions')}</h2>
${suggestionsTable(ctx, o.suggestions)}
${post(ctx, a, 'assign', html`${expertChoice(ctx, o, 'assign')}<p class="samen-actions">${submitButton(t('monitor.pool.assign'))}</p>`)}`
      : ''
  }
${
  a.status === 'assigned' && a.expertAnswer === 'pending'
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.answerTitle', { expert: a.expert?.pseudonym ?? '—' })}</h2>
${post(
  ctx,
  a,
  'answer',
  html`${selectField(
    {
      name: 'answer',
      id: idOf('answer', 'answer'),
      label: label('answer'),
      value: shown(f, 'answer', 'answer'),
      errors: errs(ctx, f, 'answer', 'answer'),
      choices: [
        { value: '', label: t('monitor.mirror.choose') },
        { value: 'accepted', label: t('monitor.pool.answer.accepted') },
        { value: 'declined', label: t('monitor.pool.answer.declined') },
      ],
    },
    ctx.t,
  )}
${noteField(ctx, f, 'answer')}
<p class="samen-actions">${submitButton(t('monitor.pool.submitAnswer'))}</p>`,
)}`
    : ''
}
${
  hoursOpen
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.hoursTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.pool.ratesIntro')} ${t('monitor.pool.feeFixedIntro')}</p>
${
  o.rates.length
    ? post(
        ctx,
        a,
        'hours',
        html`${textField({ name: 'hours_worked', label: label('hours_worked'), description: t('monitor.pool.quarterHoursHelp'), inputmode: 'decimal', value: shown(f, 'hours', 'hours_worked', a.hoursWorked === null ? '' : formatNumber(a.hoursWorked, locale)), errors: errs(ctx, f, 'hours', 'hours_worked'), required: true }, ctx.t)}
${textField({ name: 'worked_on', type: 'date', label: label('worked_on'), value: shown(f, 'hours', 'worked_on', a.workedOn ?? o.today), errors: errs(ctx, f, 'hours', 'worked_on'), required: true }, ctx.t)}
${selectField({ name: 'rate_code', label: label('rate_code'), value: shown(f, 'hours', 'rate_code', a.rateCode ?? ''), errors: errs(ctx, f, 'hours', 'rate_code'), choices: o.rates.map((r) => ({ value: r.code, label: r.description })) }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.submitHours'))}</p>`,
      )
    : html`<p class="utrecht-paragraph">${t('monitor.pool.noRates')}</p>`
}`
    : ''
}
${
  a.paymentStatus === 'due'
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.payTitle', { amount: euros(a.feeCents, locale) })}</h2>
${post(
  ctx,
  a,
  'paid',
  html`${textField({ name: 'paid_on', type: 'date', label: label('paid_on'), value: shown(f, 'paid', 'paid_on', o.today), errors: errs(ctx, f, 'paid', 'paid_on'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.markPaid'), { variant: 'secondary' })}</p>`,
)}`
    : ''
}
${
  a.status === 'assigned'
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.reassignTitle')}</h2>
${post(ctx, a, 'reassign', html`${expertChoice(ctx, o, 'reassign')}${noteField(ctx, f, 'reassign')}<p class="samen-actions">${submitButton(t('monitor.pool.reassign'), { variant: 'secondary' })}</p>`)}`
    : ''
}
${
  open
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.cancelTitle')}</h2>
${post(ctx, a, 'cancel', html`${noteField(ctx, f, 'cancel')}<p class="samen-actions">${submitButton(t('monitor.pool.cancel'), { variant: 'secondary', confirm: t('monitor.pool.cancelConfirm') })}</p>`)}`
    : ''
}`;
}

export function assignmentPage(ctx: PageContext, o: AssignmentView): SafeHtml {
  const { t, locale } = ctx;
  const a = o.assignment;
  const f = o.form;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  const answer = a.expert && a.expertAnswer ? ` (${t(`monitor.pool.answer.${a.expertAnswer}`)})` : '';
  const rate =
    a.rateCents === null
      ? ''
      : ` — ${t('monitor.pool.feeBasis', {
          hours: formatNumber(a.hoursWorked ?? 0, locale),
          rate: euros(a.rateCents, locale),
          since: formatDate(a.rateEffectiveFrom, locale),
        })}`;
  return html`<p><a class="utrecht-link" href="${ctx.href('/monitor/pool')}">${t('monitor.pool.back')}</a></p>
<h1 class="utrecht-heading-1">${a.title}</h1>
${summary(ctx, f, label)}
${f.notice ? notice(f.notice) : ''}
<dl class="samen-dl">
<dt>${t('monitor.owners.organisation')}</dt><dd>${a.organisation.name}</dd>
<dt>${t('monitor.pool.status')}</dt><dd>${t(`monitor.pool.assignmentStatus.${a.status}`)}</dd>
<dt>${t('monitor.pool.needs')}</dt><dd>${expertise(ctx, a)}</dd>
<dt>${t('monitor.pool.field.hours_estimated')}</dt><dd>${formatNumber(a.hoursEstimated, locale)}</dd>
<dt>${t('monitor.pool.expert')}</dt><dd>${a.expert?.pseudonym ?? '—'}${answer}</dd>
<dt>${t('monitor.pool.field.hours_worked')}</dt><dd>${a.hoursWorked === null ? '—' : formatNumber(a.hoursWorked, locale)}${a.workedOn ? ` (${formatDate(a.workedOn, locale)})` : ''}</dd>
<dt>${t('monitor.pool.fee')}</dt><dd>${feeText(ctx, a)}${rate}</dd>
</dl>
${a.description ? html`<p class="utrecht-paragraph">${a.description}</p>` : ''}
${o.coordinator ? coordinatorSteps(ctx, o) : ''}
${
  !o.coordinator && (a.status === 'requested' || a.status === 'assigned')
    ? html`<h2 class="utrecht-heading-2">${t('monitor.pool.withdrawTitle')}</h2>
${post(ctx, a, 'withdraw', html`${noteField(ctx, f, 'withdraw')}<p class="samen-actions">${submitButton(t('monitor.pool.withdraw'), { variant: 'secondary', confirm: t('monitor.pool.withdrawConfirm') })}</p>`)}`
    : ''
}
${historyList(ctx, o.history)}`;
}
