// The case page's cards (views/cases.ts puts them in order): what is known, the person, the next step, the
// assessment and consent, referrals and placements. Each gets the one CaseForm: the page's data, what a refused
// form brought back (`v`, `vs`, `openIf`, `versionOf`) and the shelter's combined answer (`pair`, `together`).
import { checkboxField, submitButton, textareaField, textField } from '../../../platform/web/components.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import { type ReferralService } from '../service.js';
import {
  AGE_GROUPS,
  CLOSE_REASONS,
  CONSENTS,
  FORMS,
  GENDERS,
  METHODS_OF_CONTROL,
  NEEDS,
  RECRUITMENT,
  SECTORS,
  SERVICE_TYPES,
  SHELTER_CATEGORIES,
  SIGNALS,
} from '../model.js';
import { csrf, dateOnly, dateTime, duration, statusBadge, table, type ViewContext } from './common.js';
import type { FieldProblem } from '../../../platform/http/errors.js';
import { type Refill } from './form-state.js';
import { closeLooseEnds } from './closing.js';
import { openPair } from '../answers.js';
import { legalGroundText, minorCorrectionForm, minorText } from './derived.js';
import { recipientNotice, sharedNow } from './consent.js';
import { exportChooser } from './subject-access.js';
import { ageGroupText, countryText } from './words.js';
import { type ForwardedNotice } from './forwarded.js';
import { scopedPersonBlock } from './person-scope.js';
import { languageCheckboxes } from './languages.js';
import { outcomeForm, referralStatusText } from './casework.js';

import { checkboxes, dl, input, list, select, submit, textarea } from './case-controls.js';

export type CaseData = Awaited<ReturnType<ReferralService['getCase']>>;

/** The case page's options: a notice, a conflict, a refused form to fill in again, a draft brought back. */
export interface CasePageOptions {
  notice?: string;
  /** Who received a referral or placement request nobody at the chosen team could answer. */
  forwarded?: ForwardedNotice;
  conflict?: boolean;
  attempt?: [string, string][];
  problems?: FieldProblem[];
  /** The form to show again with what was typed (refused, or brought back after signing in again). */
  refill?: Refill;
  /** A form kept when the session ended: brought back, or no longer there. */
  draft?: 'back' | 'gone';
}

/** What every card of the case page is written from. */
export interface CaseForm {
  ctx: ViewContext;
  c: CaseData;
  o: CasePageOptions;
  r: CaseData['row'];
  t: ViewContext['t'];
  /** A field's value: what a refused form brought back, else what is stored. */
  v: (form: string, name: string, stored: string) => string;
  vs: (form: string, name: string, stored: readonly string[]) => string[];
  openIf: (form: string) => ReturnType<typeof attrIf>;
  versionOf: (form: string) => SafeHtml;
  base: string;
  pair: ReturnType<typeof openPair>;
  together: (id: string) => boolean | undefined;
  shelters: CaseData['teams'];
  referTargets: CaseData['teams'];
}

/** What is known of the case, and the correction of "minor" for its managers. */
export function summaryCard(f: CaseForm): SafeHtml {
  const { ctx, c, o, r, t } = f;
  return html`<section class="samen-card" aria-labelledby="h-summary"><h2 class="utrecht-heading-2" id="h-summary">${t('referrals.case.summary')}</h2>
${dl([
  [t('referrals.col.status'), statusBadge(r.status, t)],
  [t('referrals.col.urgency'), t(`referrals.urgency.${r.urgency}`)],
  [t('referrals.col.municipality'), c.municipalityName],
  [t('referrals.col.owner'), c.ownerName],
  [t('referrals.case.origin'), c.originName],
  [t('referrals.col.received'), dateTime(r.created_at, ctx.locale)],
  [
    t('referrals.col.triageDue'),
    r.status === 'received'
      ? `${dateTime(r.triage_due_at, ctx.locale)} (${t(`referrals.urgency.${r.urgency}`)}: ${t(c.triageRule.key, c.triageRule.params)})`
      : t('referrals.case.triagedAfter', { time: duration(r.created_at, r.triaged_at, t) }),
  ],
  [t('referrals.field.minor'), minorText(ctx, r)],
  [t('referrals.field.consent'), t(`referrals.consent.${r.consent}`)],
  [t('referrals.case.legalGround'), legalGroundText(ctx, r)],
  [t('referrals.field.forms'), list(r.forms, 'referrals.form', ctx)],
  [t('referrals.field.signals'), list(r.indicators, 'referrals.signalItem', ctx)],
  [t('referrals.field.methodsOfControl'), list(r.methods_of_control, 'referrals.control', ctx)],
  [t('referrals.field.needs'), list(r.needs, 'referrals.need', ctx)],
  [t('referrals.field.sector'), r.sector ? t(`referrals.sector.${r.sector}`) : ''],
  [t('referrals.field.gender'), t(`referrals.gender.${r.gender}`)],
  [t('referrals.field.ageGroup'), ageGroupText(ctx, r.age_group)],
  [t('referrals.field.citizenship'), countryText(ctx, r.citizenship)],
  [
    t('referrals.case.reflection'),
    r.reflection_ends_on
      ? t('referrals.case.reflectionEnds', { date: dateOnly(r.reflection_ends_on, ctx.locale) })
      : t('referrals.none'),
  ],
  ...(r.closed_reason
    ? [[t('referrals.field.closeReason'), t(`referrals.close.${r.closed_reason}`)] as [string, string]]
    : []),
])}
${c.access.manage && r.kind === 'signal' ? minorCorrectionForm(ctx, { ...r, version: o.refill?.form === 'minor' && o.refill.version ? Number(o.refill.version) : r.version }, o.refill?.form === 'minor' ? o.refill.values : undefined) : ''}
</section>`;
}

/** The person (only where the consent gate and the scopes allow), the export and the rectification form. */
export function personCard(f: CaseForm): SafeHtml {
  const { ctx, c, r, t, v, openIf, versionOf, base } = f;
  return html`<section class="samen-card" aria-labelledby="h-person"><h2 class="utrecht-heading-2" id="h-person">${t('referrals.case.person')}</h2>
${
  c.access.person
    ? html`${c.summary ? html`<h3 class="utrecht-heading-3">${t('referrals.field.summary')}</h3><p class="utrecht-paragraph samen-pre">${c.summary}</p>` : ''}
${scopedPersonBlock(ctx, c.person, c.personFields)}
${
  c.access.manage
    ? html`<h3 class="utrecht-heading-3">${t('referrals.case.exportHeading')}</h3>
<p class="utrecht-paragraph">${t('referrals.case.exportIntro')} <a class="utrecht-link" href="${ctx.href(`${base}/export.json`)}">${t('referrals.case.exportJson')}</a></p>
${exportChooser(ctx, r.id)}
<details class="samen-details" ${openIf('person')}><summary>${t('referrals.case.rectify')}</summary>
<form method="post" action="${ctx.href(`${base}/person`)}">${csrf(ctx)}${versionOf('person')}
${input(ctx, 'name', t('referrals.field.name'), v('person', 'name', c.person?.name ?? ''))}
${input(ctx, 'dateOfBirth', t('referrals.field.dateOfBirth'), v('person', 'dateOfBirth', c.person?.dateOfBirth ?? ''), t('referrals.signal.dateHint'))}
${input(ctx, 'contact', t('referrals.field.contact'), v('person', 'contact', c.person?.contact ?? ''))}
${textareaField({ name: 'specialNotes', id: 'p-specialNotes', label: t('referrals.field.specialNotes'), description: t('referrals.case.specialNotesHint'), value: v('person', 'specialNotes', c.person?.specialNotes ?? ''), errors: [], rows: 3 }, t)}
${languageCheckboxes(ctx, c.person?.languages)}
${submit(t('referrals.case.saveRectify'), true)}</form></details>`
    : ''
}`
    : html`<p class="utrecht-paragraph">${t('referrals.case.personHidden')}</p>`
}
${recipientNotice(ctx, c.recipientStanding)}
</section>`;
}

/** The next steps the case may take, closing with its loose ends. */
export function moveCard(f: CaseForm): SafeHtml | string {
  const { ctx, c, o, r, t, v, versionOf, base } = f;
  return c.transitions.length
    ? html`<section class="samen-card" aria-labelledby="h-move"><h2 class="utrecht-heading-2" id="h-move">${t('referrals.case.move')}</h2>
<form method="post" action="${ctx.href(`${base}/transition`)}">${csrf(ctx)}${versionOf('transition')}
${select(
  ctx,
  'to',
  t('referrals.field.to'),
  c.transitions.map((s) => ({
    value: s,
    label: r.status === 'closed' ? t('referrals.case.reopen') : t(`referrals.status.${s}`),
  })),
  v('transition', 'to', c.transitions[0]!),
)}
${c.transitions.includes('closed') ? select(ctx, 'closeReason', t('referrals.field.closeReason'), [{ value: '', label: t('referrals.case.notClosing') }, ...CLOSE_REASONS.map((x) => ({ value: x, label: t(`referrals.close.${x}`) }))], v('transition', 'closeReason', '')) : ''}
${c.transitions.includes('closed') ? closeLooseEnds(ctx, c, o.refill) : ''}
${textarea(ctx, 'reason', t('referrals.field.reason'), 'move-reason', false, v('transition', 'reason', ''))}
${submit(t('referrals.case.moveButton'))}</form></section>`
    : '';
}

/** The assessment and the signal's consent, for the owner's managers. */
export function assessmentCards(f: CaseForm): SafeHtml | string {
  const { ctx, c, o, r, t, v, vs, versionOf, base } = f;
  return c.access.manage && r.kind === 'signal'
    ? html`<section class="samen-card" aria-labelledby="h-assess"><h2 class="utrecht-heading-2" id="h-assess">${t('referrals.case.assessment')}</h2>
<form method="post" action="${ctx.href(`${base}/assess`)}">${csrf(ctx)}${versionOf('assess')}
${checkboxes('forms', t('referrals.field.forms'), FORMS, vs('assess', 'forms', r.forms), 'referrals.form', ctx)}
${checkboxes('signals', t('referrals.field.signals'), SIGNALS, vs('assess', 'signals', r.indicators), 'referrals.signalItem', ctx)}
${checkboxes('methodsOfControl', t('referrals.field.methodsOfControl'), METHODS_OF_CONTROL, vs('assess', 'methodsOfControl', r.methods_of_control), 'referrals.control', ctx)}
${checkboxes('recruitment', t('referrals.field.recruitment'), RECRUITMENT, vs('assess', 'recruitment', r.recruitment), 'referrals.recruitment', ctx)}
${checkboxes('needs', t('referrals.field.needs'), NEEDS, vs('assess', 'needs', r.needs), 'referrals.need', ctx)}
${select(ctx, 'sector', t('referrals.field.sector'), [{ value: '', label: t('referrals.unknown') }, ...SECTORS.map((x) => ({ value: x, label: t(`referrals.sector.${x}`) }))], v('assess', 'sector', r.sector ?? ''))}
${select(
  ctx,
  'gender',
  t('referrals.field.gender'),
  GENDERS.map((x) => ({ value: x, label: t(`referrals.gender.${x}`) })),
  v('assess', 'gender', r.gender),
)}
${select(
  ctx,
  'ageGroup',
  t('referrals.field.ageGroup'),
  AGE_GROUPS.map((x) => ({
    value: x,
    label: ageGroupText(ctx, x),
  })),
  v('assess', 'ageGroup', r.age_group),
)}
${textField({ name: 'citizenship', id: 'a-citizenship', label: t('referrals.field.citizenship'), value: v('assess', 'citizenship', r.citizenship), errors: [], size: 'small', autocomplete: 'off' }, t)}
${textField({ name: 'reflectionStart', id: 'a-reflection', label: t('referrals.field.reflectionStart'), description: t('referrals.case.reflectionHint'), value: v('assess', 'reflectionStart', ''), errors: [], size: 'small', autocomplete: 'off' }, t)}
${submit(t('referrals.case.saveAssessment'))}</form></section>
<section class="samen-card" aria-labelledby="h-consent"><h2 class="utrecht-heading-2" id="h-consent">${t('referrals.signal.consent')}</h2>
<form method="post" action="${ctx.href(`${base}/consent`)}">${csrf(ctx)}${versionOf('consent')}
${select(
  ctx,
  'consent',
  t('referrals.field.consent'),
  CONSENTS.map((x) => ({ value: x, label: t(`referrals.consent.${x}`) })),
  v('consent', 'consent', r.consent),
)}
${checkboxField({ name: 'vitalInterest', id: 'c-vital', label: t('referrals.signal.vitalInterest'), checked: o.refill?.form === 'consent' ? v('consent', 'vitalInterest', '') === 'yes' : r.legal_ground === 'vital_interest' })}
${submit(t('referrals.case.saveConsent'), true)}</form></section>`
    : '';
}

/** Referrals: their answers, outcomes and withdrawal, and a new referral. */
export function referralsCard(f: CaseForm): SafeHtml {
  const { ctx, c, r, t, v, versionOf, base, together, referTargets } = f;
  return html`<section class="samen-card" aria-labelledby="h-referrals"><h2 class="utrecht-heading-2" id="h-referrals">${t('referrals.case.referrals')}</h2>
${
  c.referrals.length
    ? table(
        'ref-caption',
        t('referrals.case.referralsCaption'),
        [
          t('referrals.col.kind'),
          t('referrals.col.to'),
          t('referrals.col.serviceType'),
          t('referrals.col.status'),
          t('referrals.col.personalData'),
          t('referrals.col.action'),
        ],
        c.referrals.map((x) => [
          t(`referrals.kind.${x.kind}`),
          x.toName,
          t(`referrals.serviceType.${x.service_type}`),
          referralStatusText(ctx, x),
          sharedNow(ctx, x.shares_personal_data, x.groundNow),
          together(x.id)
            ? html`<a class="utrecht-link" href="#h-together">${t('referrals.together.answerAbove')}</a>`
            : x.status === 'accepted' && !x.outcome && x.to_team_id === c.viewer.teamId
              ? outcomeForm(ctx, r.id, x.id)
              : x.status === 'pending' && x.to_team_id === c.viewer.teamId && c.access.respondReferral
                ? html`<form method="post" action="${ctx.href(`${base}/referrals/${x.id}/respond`)}">${csrf(ctx)}${textarea(ctx, 'reason', t('referrals.field.responseReason'), `rr-${x.id}`, false, v(`referrals/${x.id}/respond`, 'reason', ''))}${submitButton(t('referrals.accept'), { name: 'answer', value: 'accept' })} ${submitButton(t('referrals.decline'), { variant: 'secondary', name: 'answer', value: 'decline' })}</form>`
                : c.access.manage &&
                    (x.status === 'pending' || x.status === 'accepted') &&
                    x.from_team_id === r.owner_team_id
                  ? html`${x.status === 'accepted' && !x.outcome ? outcomeForm(ctx, r.id, x.id) : ''}<form method="post" action="${ctx.href(`${base}/referrals/${x.id}/withdraw`)}">${csrf(ctx)}${submit(t('referrals.withdraw'), true)}</form>`
                  : // The owner's managers record any accepted referral's outcome (also one a team before them
                    // made): the close form links here (closing.ts).
                    c.access.manage && x.status === 'accepted' && !x.outcome
                    ? outcomeForm(ctx, r.id, x.id)
                    : (x.response_reason ?? ''),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.none')}</p>`
}
${
  c.access.manage && r.kind === 'signal' && r.status !== 'closed'
    ? html`<h3 class="utrecht-heading-3">${t('referrals.case.newReferral')}</h3>
<form method="post" action="${ctx.href(`${base}/refer`)}">${csrf(ctx)}${versionOf('refer')}
${select(
  ctx,
  'kind',
  t('referrals.field.referKind'),
  [
    { value: 'refer', label: t('referrals.kind.refer') },
    { value: 'transfer', label: t('referrals.kind.transfer') },
  ],
  v('refer', 'kind', 'refer'),
)}
${select(
  ctx,
  'toTeamId',
  t('referrals.field.toTeam'),
  referTargets.map((x) => ({ value: x.id, label: x.name })),
  v('refer', 'toTeamId', ''),
)}
${select(
  ctx,
  'serviceType',
  t('referrals.field.serviceType'),
  SERVICE_TYPES.map((x) => ({ value: x, label: t(`referrals.serviceType.${x}`) })),
  v('refer', 'serviceType', 'care'),
)}
${checkboxField({
  name: 'sharePersonalData',
  id: 'r-share',
  label: t('referrals.field.sharePersonalData'),
  checked: v('refer', 'sharePersonalData', '') === 'yes',
  description:
    r.minor === 'yes' || r.vital_interest
      ? t('referrals.case.shareAllowed', {
          ground: t(`referrals.ground.${r.minor === 'yes' ? 'minor' : 'vital_interest'}`),
        })
      : t('referrals.consent.shareNeedsConsent'),
})}
${textarea(ctx, 'reason', t('referrals.field.reason'), 'refer-reason', false, v('refer', 'reason', ''))}
${submit(t('referrals.case.referButton'))}</form>`
    : ''
}
</section>`;
}

/** Shelter placements: answers and exits, and a new placement request. */
export function placementsCard(f: CaseForm): SafeHtml {
  const { ctx, c, r, t, v, versionOf, base, together, shelters } = f;
  return html`<section class="samen-card" aria-labelledby="h-placements"><h2 class="utrecht-heading-2" id="h-placements">${t('referrals.case.placements')}</h2>
${
  c.placements.length
    ? table(
        'pl-caption',
        t('referrals.case.placementsCaption'),
        [
          t('referrals.col.shelter'),
          t('referrals.col.category'),
          t('referrals.col.status'),
          t('referrals.col.requested'),
          t('referrals.col.action'),
        ],
        c.placements.map((p) => [
          p.shelterName || t('referrals.waitingList'),
          t(`referrals.category.${p.category}`),
          t(`referrals.placementStatus.${p.status}`),
          dateTime(p.requested_at, ctx.locale),
          together(p.id)
            ? html`<a class="utrecht-link" href="#h-together">${t('referrals.together.answerAbove')}</a>`
            : p.status === 'requested' && p.shelter_team_id === c.viewer.teamId && c.access.respondPlacement
              ? html`<form method="post" action="${ctx.href(`${base}/placements/${p.id}/respond`)}">${csrf(ctx)}${textarea(ctx, 'reason', t('referrals.field.responseReason'), `pr-${p.id}`, false, v(`placements/${p.id}/respond`, 'reason', ''))}${submitButton(t('referrals.accept'), { name: 'answer', value: 'accept' })} ${submitButton(t('referrals.decline'), { variant: 'secondary', name: 'answer', value: 'decline' })}</form>`
              : p.status === 'accepted' && p.shelter_team_id === c.viewer.teamId && c.access.respondPlacement
                ? html`<a class="utrecht-link" href="${ctx.href(`${base}/placements/${p.id}/exit`)}">${t('referrals.exit.link')}</a>`
                : p.status === 'exited'
                  ? `${t(`referrals.exitReason.${p.exit_reason ?? 'other'}`)}${p.exitNote ? `: ${p.exitNote}` : ''}`
                  : (p.reason ?? ''),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.none')}</p>`
}
${
  c.access.manage && r.kind === 'signal' && r.status !== 'closed'
    ? html`<h3 class="utrecht-heading-3">${t('referrals.case.newPlacement')}</h3>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm/places')}">${t('referrals.case.seePlaces')}</a></p>
<form method="post" action="${ctx.href(`${base}/placements`)}">${csrf(ctx)}${versionOf('placements')}
${select(
  ctx,
  'category',
  t('referrals.field.category'),
  SHELTER_CATEGORIES.map((x) => ({ value: x, label: t(`referrals.category.${x}`) })),
  v('placements', 'category', r.minor === 'yes' ? 'minors' : 'women'),
)}
${select(ctx, 'shelterTeamId', t('referrals.field.shelter'), [{ value: '', label: t('referrals.case.waitingListOption') }, ...shelters.map((x) => ({ value: x.id, label: x.name }))], v('placements', 'shelterTeamId', ''))}
${textarea(ctx, 'reason', t('referrals.field.reason'), 'placement-reason', false, v('placements', 'reason', ''))}
${submit(t('referrals.case.placementButton'))}</form>`
    : ''
}
</section>`;
}
