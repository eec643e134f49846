// Identification decisions on the case page: what has been decided (type, outcome that stands, by whom, when;
// the reasons only where the person may be seen), what is due next and by when (overdue marked), the form to
// decide for a role the type names, a reconsideration to ask for, and the letter for the person in their
// language. The first-line professional's status page gets the outcome and day only.
import { LOCALES } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import type { Identification } from '../identification/service.js';
import { OUTCOMES } from '../identification/steps.js';
import { typeName } from '../identification/words.js';
import { csrf, dateTime, table, type ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

const field = (id: string, label: string, control: SafeHtml) =>
  html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>${control}</div>`;

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
  const version = html`<input type="hidden" name="version" value="${refill?.form?.startsWith('decisions') && refill.version ? refill.version : c.version}">`;
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
          html`<li>${dueName(d)}: ${t('referrals.identification.dueBy', { date: dateTime(d.dueAt, ctx.locale), days: d.type.deadline_working_days })}${d.overdue ? html` <span class="utrecht-status-badge utrecht-status-badge--danger">${t('referrals.identification.overdue')}</span>` : ''}</li>`,
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
${field('d-step', t('referrals.field.step'), html`<select class="utrecht-select utrecht-select--html-select" id="d-step" name="step">${decidable.map((d) => html`<option value="${stepOf(d)}" ${attrIf(v('step') === stepOf(d), 'selected')}>${dueName(d)}</option>`)}</select>`)}
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${t('referrals.field.outcome')}</legend>
${OUTCOMES.map((o) => html`<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="d-outcome-${o}" name="outcome" value="${o}" ${attrIf(v('outcome') === o, 'checked')}><label class="utrecht-form-label utrecht-form-label--radio" for="d-outcome-${o}">${t(`referrals.identification.outcome.${o}`)}</label></div>`)}
</fieldset>
${field('d-reasons', t('referrals.field.reasons'), html`<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="d-reasons" name="reasons" rows="4">${v('reasons')}</textarea>`)}
<button class="utrecht-button utrecht-button--primary-action" type="submit">${t('referrals.identification.decideButton')}</button></form></details>`
    : ''
}
${
  reconsiderable.length
    ? html`<form method="post" action="${ctx.href(`${base}/decisions/reconsider`)}" class="samen-filters">${csrf(ctx)}${version}
${field('d-reconsider', t('referrals.field.decision'), html`<select class="utrecht-select utrecht-select--html-select" id="d-reconsider" name="decision">${reconsiderable.map((d) => html`<option value="${d.id}">${what(d)}, ${dateTime(d.decided_at, ctx.locale)}</option>`)}</select>`)}
<button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('referrals.identification.reconsiderButton')}</button></form>`
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
${field(`l-${d.id}`, t('referrals.identification.letterLanguage', { decision: d.label }), html`<select class="utrecht-select utrecht-select--html-select" id="l-${d.id}" name="lang">${LOCALES.map((l) => html`<option value="${l.code}" lang="${l.code}" ${attrIf(l.code === ctx.locale, 'selected')}>${l.name}</option>`)}</select>`)}
<button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('referrals.identification.letterButton')}</button></form></li>`,
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
