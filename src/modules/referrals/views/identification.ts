// Identification decisions on the case page: what has been decided (type, outcome that stands, by whom, when;
// the reasons only where the person may be seen), what is due next and by when (overdue marked), the form to
// decide for a role the type names, a reconsideration to ask for, and the letter for the person in their
// language. The first-line professional's status page gets the outcome and day only.
import { LOCALES } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import {
  badge,
  hiddenField,
  ProblemList,
  radioGroup,
  selectField,
  submitButton,
  textareaField,
} from '../../../platform/web/components.js';
import type { Identification } from '../identification/service.js';
import { OUTCOMES } from '../identification/steps.js';
import { typeName } from '../identification/words.js';
import { csrf, dateTime, table, type ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

/** A select of this section's forms: its own id, no problems of its own (a refusal lists them above). */
const select = (
  ctx: ViewContext,
  o: {
    id: string;
    name: string;
    label: string;
    value: string;
    choices: { value: string; label: string; lang?: string }[];
  },
) => selectField({ ...o, errors: [] }, ctx.t);

export function identificationSection(
  ctx: ViewContext,
  c: { caseId: string; version: number; identification: Identification; person: boolean },
  refill: Refill | undefined,
): SafeHtml {
  const { t } = ctx;
  const { due, decisions, types } = c.identification;
  const base = `/nvm/cases/${c.caseId}`;
  const nameOf = (code: string) => {
    const type = types.find((x) => x.code === code);
    return type ? typeName(t, type) : '';
  };
  const reconsidered = (id: string | null) => decisions.find((d) => d.id === id);
  const what = (d: (typeof decisions)[number]) =>
    d.reconsiders_id
      ? t('referrals.identification.reconsiderationOf', {
          decision: nameOf(reconsidered(d.reconsiders_id)?.type_code ?? ''),
        })
      : nameOf(d.type_code);
  const version = hiddenField(
    'version',
    refill?.form?.startsWith('decisions') && refill.version ? refill.version : c.version,
  );
  const decidable = due.filter((d) => d.mayDecide);
  const stepOf = (d: (typeof due)[number]) => (d.decisionId ? `reconsider:${d.decisionId}` : d.type.code);
  const dueName = (d: (typeof due)[number]) =>
    d.reconsidersId
      ? t('referrals.identification.reconsiderationOf', {
          decision: nameOf(reconsidered(d.reconsidersId)?.type_code ?? ''),
        })
      : typeName(t, d.type);
  const v = (name: string) => refilled(refill, 'decisions', name, '');
  const reconsiderable = decisions.filter((d) => d.mayReconsider);
  return html`<section class="samen-card" aria-labelledby="h-identification"><h2 class="utrecht-heading-2" id="h-identification">${t('referrals.identification.title')}</h2>
${
  due.length
    ? html`<h3 class="utrecht-heading-3">${t('referrals.identification.due')}</h3>
<ul class="utrecht-unordered-list">${due.map(
        (d) =>
          html`<li>${dueName(d)}: ${t('referrals.identification.dueBy', { date: dateTime(d.dueAt, ctx.locale), days: d.type.deadline_working_days })}${d.overdue ? html` ${badge('danger', t('referrals.identification.overdue'))}` : ''}</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph">${t('referrals.identification.nothingDue')}</p>`
}
${
  decisions.length
    ? table(
        'id-caption',
        t('referrals.identification.caption'),
        [
          t('referrals.identification.col.decision'),
          t('referrals.identification.col.outcome'),
          t('referrals.identification.col.when'),
          t('referrals.identification.col.who'),
          t('referrals.identification.col.reasons'),
        ],
        decisions.map((d) => [
          what(d),
          t(`referrals.identification.outcome.${d.outcome}`) +
            (d.standing !== d.outcome
              ? ` (${t('referrals.identification.nowStands', { outcome: t(`referrals.identification.outcome.${d.standing}`) })})`
              : ''),
          `${dateTime(d.decided_at, ctx.locale)}${d.decided_at && d.decided_at > d.due_at ? ` (${t('referrals.identification.late')})` : ''}`,
          [d.decider_name, d.decider_team].filter(Boolean).join(', '),
          c.person ? (d.reasons ?? '') : t('referrals.hiddenReason'),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.identification.none')}</p>`
}
${
  decidable.length
    ? html`<details class="samen-details" ${attrIf(refill?.form === 'decisions', 'open')}><summary>${t('referrals.identification.decide')}</summary>
<form method="post" action="${ctx.href(`${base}/decisions`)}">${csrf(ctx)}${version}
${select(ctx, { id: 'd-step', name: 'step', label: t('referrals.field.step'), value: v('step'), choices: decidable.map((d) => ({ value: stepOf(d), label: dueName(d) })) })}
${radioGroup({
  name: 'outcome',
  id: 'd-outcome',
  legend: t('referrals.field.outcome'),
  values: { outcome: v('outcome') },
  problems: new ProblemList([], t),
  choices: OUTCOMES.map((o) => ({ value: o, label: t(`referrals.identification.outcome.${o}`) })),
})}
${textareaField({ name: 'reasons', id: 'd-reasons', label: t('referrals.field.reasons'), value: v('reasons'), errors: [] }, t)}
${submitButton(t('referrals.identification.decideButton'))}</form></details>`
    : ''
}
${
  reconsiderable.length
    ? html`<form method="post" action="${ctx.href(`${base}/decisions/reconsider`)}" class="samen-filters">${csrf(ctx)}${version}
${select(ctx, { id: 'd-reconsider', name: 'decision', label: t('referrals.field.decision'), value: '', choices: reconsiderable.map((d) => ({ value: d.id, label: `${what(d)}, ${dateTime(d.decided_at, ctx.locale)}` })) })}
${submitButton(t('referrals.identification.reconsiderButton'), { variant: 'secondary' })}</form>`
    : ''
}
${
  c.person && decisions.length
    ? letterChooser(
        ctx,
        base,
        decisions.map((d) => ({
          id: d.id,
          label: `${what(d)}: ${t(`referrals.identification.outcome.${d.outcome}`)}`,
        })),
      )
    : ''
}
</section>`;
}

function letterChooser(ctx: ViewContext, base: string, decisions: { id: string; label: string }[]): SafeHtml {
  const { t } = ctx;
  return html`<h3 class="utrecht-heading-3">${t('referrals.identification.letter')}</h3>
<ul class="utrecht-unordered-list">${decisions.map(
    (
      d,
    ) => html`<li><form method="get" action="${ctx.href(`${base}/decisions/${d.id}/letter.pdf`)}" class="samen-filters">
${select(ctx, { id: `l-${d.id}`, name: 'lang', label: t('referrals.identification.letterLanguage', { decision: d.label }), value: ctx.locale, choices: LOCALES.map((l) => ({ value: l.code, label: l.name, lang: l.code })) })}
${submitButton(t('referrals.identification.letterButton'), { variant: 'secondary' })}</form></li>`,
  )}</ul>`;
}

/** The first responder's view: which decision stands, and since when; nothing else. */
export function firstLineDecisions(
  ctx: ViewContext,
  decisions: { type: { code: string; name: string }; outcome: string; decidedAt: Date }[],
): SafeHtml {
  const { t } = ctx;
  return html`<h3 class="utrecht-heading-3">${t('referrals.identification.title')}</h3>
<dl class="samen-dl">${decisions.map((d) => html`<dt>${typeName(t, d.type)}</dt><dd>${t(`referrals.identification.outcome.${d.outcome}`)}, ${dateTime(d.decidedAt, ctx.locale)}</dd>`)}</dl>`;
}
