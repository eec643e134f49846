// The queue (cases a team works on, most urgent and oldest first, with deadlines) and the case page: what is
// known, the person (only where the consent gate allows), the timeline, and the actions the viewer may take.
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import { pagination, queryString } from '../../../platform/web/components.js';
import type { QueueRow } from '../repository.js';
import { NOTIFICATION_COUNT_CAP, type ReferralService } from '../service.js';
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
import {
  csrf,
  dateOnly,
  dateTime,
  duration,
  sectionNav,
  statusBadge,
  table,
  type ViewContext,
} from './common.js';
import { warnBefore } from '../deadlines.js';
import type { FieldProblem } from '../../../platform/http/errors.js';
import { draftNotice, refilled, refilledMany, refusedForm, type Refill } from './form-state.js';
import { closeLooseEnds } from './closing.js';
import { answerTogetherForm } from './answers.js';
import { openPair } from '../answers.js';
import { legalGroundText, minorCorrectionForm, minorText } from './derived.js';
import { consentSection, recipientNotice, sharedNow } from './consent.js';
import { stageOf } from '../consent.js';
import { exportChooser } from './subject-access.js';
import { ageGroupText, countryText } from './words.js';
import { eventReasonInWords } from '../event-reason.js';
import { noticeText, type ForwardedNotice } from './forwarded.js';
import { scopedPersonBlock } from './person-scope.js';
import { identificationSection } from './identification.js';
import { supportSection } from './support.js';
import { childRouteSection } from './children.js';
import { caseWorkSection, outcomeForm, referralStatusText } from './casework.js';

type CaseData = Awaited<ReturnType<ReferralService['getCase']>>;

function dueCell(row: QueueRow, ctx: ViewContext): SafeHtml | string {
  if (row.status !== 'received' || !row.triage_due_at) return '';
  const left = new Date(row.triage_due_at).getTime() - ctx.now.getTime();
  if (left < 0)
    return html`<span class="utrecht-status-badge utrecht-status-badge--danger">${ctx.t('referrals.queue.overdue')}</span> ${dateTime(row.triage_due_at, ctx.locale)}${row.escalated_at ? html` <span class="samen-meta">(${ctx.t('referrals.queue.escalated')})</span>` : ''}`;
  // A warning on the last working day (the last hour for an acute signal).
  if (left < warnBefore(row.urgency))
    return html`<span class="utrecht-status-badge utrecht-status-badge--warning">${ctx.t('referrals.queue.dueSoon')}</span> ${dateTime(row.triage_due_at, ctx.locale)}`;
  return dateTime(row.triage_due_at, ctx.locale);
}

export function queuePage(
  ctx: ViewContext,
  o: {
    rows: QueueRow[];
    total: number;
    page: number;
    scope: string;
    status: string;
    scopes: string[];
    teamName: string;
    /** Notifications since the viewer last marked them seen. */
    newNotifications: number;
  },
): SafeHtml {
  const { t } = ctx;
  const tabs = o.scopes.map(
    (s) =>
      html`<li><a class="utrecht-link" href="${ctx.href(`/nvm${queryString({ scope: s })}`)}" ${attrIf(s === o.scope, 'aria-current', 'page')}>${t(`referrals.queue.scope.${s}`)}</a></li>`,
  );
  return html`${sectionNav(ctx, '/nvm')}
<h1 class="utrecht-heading-1">${t('referrals.queue.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.queue.team', { team: o.teamName })}</p>
${o.newNotifications > 0 ? html`<p class="samen-alert utrecht-alert" role="status"><a class="utrecht-link" href="${ctx.href('/nvm/notifications')}">${o.newNotifications > NOTIFICATION_COUNT_CAP ? t('referrals.notifications.newMany', { count: NOTIFICATION_COUNT_CAP }) : t('referrals.notifications.newCount', { count: o.newNotifications })}</a></p>` : ''}
${ctx.role === 'nrm_professional' ? html`<p class="samen-actions"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${ctx.href('/nvm/signal')}">${t('referrals.nav.newSignal')}</a> <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${ctx.href('/nvm/signal?kind=consult')}">${t('referrals.nav.newConsult')}</a></p>` : ''}
<nav class="samen-subnav" aria-label="${t('referrals.queue.scopeLabel')}"><ul>${tabs}</ul></nav>
<form method="get" action="${ctx.href('/nvm')}" class="samen-filters">
<input type="hidden" name="scope" value="${o.scope}">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="f-status">${t('referrals.queue.status')}</label>
<select class="utrecht-select utrecht-select--html-select" id="f-status" name="status">
${(o.scope === 'origin' ? ['open', 'received', 'closed'] : ['open', 'received', 'triage', 'assessment', 'referral', 'placement', 'follow_up', 'closed']).map((s) => html`<option value="${s}" ${attrIf(s === o.status, 'selected')}>${s === 'open' ? t('referrals.queue.open') : o.scope === 'origin' ? t(`referrals.stage.${s}`) : t(`referrals.status.${s}`)}</option>`)}
</select></div>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('referrals.queue.filter')}</button>
</form>
${
  o.rows.length === 0
    ? html`<p class="utrecht-paragraph">${t('referrals.queue.empty')}</p>`
    : table(
        'queue-caption',
        t('referrals.queue.caption', { count: o.total }),
        [
          t('referrals.col.reference'),
          t('referrals.col.status'),
          t('referrals.col.urgency'),
          t('referrals.col.municipality'),
          t('referrals.col.received'),
          t('referrals.col.triageDue'),
          t('referrals.col.owner'),
        ],
        o.rows.map((r) => [
          html`<a class="utrecht-link" href="${ctx.href(`/nvm/cases/${r.id}`)}">${r.reference}</a>${r.kind === 'consult' ? html` <span class="samen-meta">(${t('referrals.kind.consult')})</span>` : ''}${r.minor === 'yes' ? html` <span class="samen-meta">(${t('referrals.minorShort')})</span>` : ''}`,
          // The professional's own signals: the stage in words, never the step (no hint of a placement).
          o.scope === 'origin' ? t(`referrals.stage.${stageOf(r.status)}`) : statusBadge(r.status, t),
          t(`referrals.urgency.${r.urgency}`),
          r.municipality_name,
          dateTime(r.created_at, ctx.locale),
          dueCell(r, ctx),
          r.owner_name,
        ]),
      )
}
${pagination({ page: o.page, perPage: 50, total: o.total, href: (p) => ctx.href(`/nvm${queryString({ scope: o.scope, status: o.status, page: p })}`) }, t)}
<h2 class="utrecht-heading-2">${t('referrals.lookup.title')}</h2>
${
  ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'].includes(ctx.role)
    ? html`<form method="get" action="${ctx.href('/nvm/lookup')}" class="samen-filters">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="f-reference">${t('referrals.lookup.reference')}</label>
<input class="utrecht-textbox utrecht-textbox--html-input" id="f-reference" name="reference" autocomplete="off"></div>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('referrals.lookup.find')}</button></form>`
    : html`<p class="utrecht-paragraph">${t('referrals.lookup.onlyCoordinators')}</p>`
}`;
}

const list = (values: string[], prefix: string, ctx: ViewContext) =>
  values.length ? values.map((v) => ctx.t(`${prefix}.${v}`)).join(', ') : ctx.t('referrals.none');

function dl(items: [string, SafeHtml | string][]): SafeHtml {
  return html`<dl class="samen-dl">${items.map(([k, v]) => html`<dt>${k}</dt><dd>${v || '–'}</dd>`)}</dl>`;
}

function checkboxes(
  name: string,
  legend: string,
  all: readonly string[],
  checked: string[],
  prefix: string,
  ctx: ViewContext,
): SafeHtml {
  const set = new Set(checked);
  return html`<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samen-checkboxes"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${legend}</legend>
${all.map((v, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="a-${name}-${i}" name="${name}" value="${v}" ${attrIf(set.has(v), 'checked')}><label class="utrecht-form-label utrecht-form-label--checkbox" for="a-${name}-${i}">${ctx.t(`${prefix}.${v}`)}</label></div>`)}
</fieldset>`;
}

function select(
  name: string,
  label: string,
  options: { value: string; label: string }[],
  selected: string,
  id = `a-${name}`,
): SafeHtml {
  return html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>
<select class="utrecht-select utrecht-select--html-select" id="${id}" name="${name}">${options.map((o) => html`<option value="${o.value}" ${attrIf(o.value === selected, 'selected')}>${o.label}</option>`)}</select></div>`;
}

function textarea(name: string, label: string, id: string, required = false, value = ''): SafeHtml {
  return html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>
<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="${id}" name="${name}" rows="3" ${attrIf(required, 'required')}>${value}</textarea></div>`;
}

function input(name: string, label: string, value: string, hint?: string): SafeHtml {
  const id = `p-${name}`;
  return html`<div class="utrecht-form-field"><label class="utrecht-form-label" for="${id}">${label}</label>${hint ? html`<p class="utrecht-form-field-description" id="${id}-d">${hint}</p>` : ''}<input class="utrecht-textbox utrecht-textbox--html-input" id="${id}" name="${name}" value="${value}" autocomplete="off" ${hint ? html`aria-describedby="${id}-d"` : ''}></div>`;
}

const submit = (label: string, secondary = false) =>
  html`<button class="utrecht-button ${secondary ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}" type="submit">${label}</button>`;

export function casePage(
  ctx: ViewContext,
  c: CaseData,
  o: {
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
  } = {},
): SafeHtml {
  const { t } = ctx;
  const r = c.row;
  const v = (form: string, name: string, stored: string) => refilled(o.refill, form, name, stored);
  const vs = (form: string, name: string, stored: readonly string[]) =>
    refilledMany(o.refill, form, name, stored);
  const openIf = (form: string) => attrIf(o.refill?.form === form, 'open');
  // A shelter with a referral and a placement request open for this person answers both in one form.
  const pair =
    c.access.respondReferral && c.access.respondPlacement
      ? openPair(c.referrals, c.placements, c.viewer.teamId)
      : undefined;
  const together = (id: string) => pair && (pair.referralId === id || pair.placementId === id);
  const base = `/nvm/cases/${r.id}`;
  // The version the user saw: a form brought back after signing in again keeps the one it was filled in on, so a
  // change made meanwhile answers 409 with the merge view instead of being overwritten.
  const versionOf = (form: string) =>
    html`<input type="hidden" name="version" value="${o.refill?.form === form && o.refill.version ? o.refill.version : r.version}">`;
  const shelters = c.teams.filter((tm) => tm.kind === 'shelter');
  const referTargets = c.teams.filter((tm) => tm.id !== r.owner_team_id && tm.kind !== 'first_line');
  // Codes a step wrote before what was typed (a referral's service, a closing's reason) are said in words.
  const reasonWords = {
    service: (code: string) => t(`referrals.serviceType.${code}`),
    category: (code: string) => t(`referrals.category.${code}`),
    close: (code: string) => t(`referrals.close.${code}`),
    consent: (code: string) => t(`referrals.consent.${code}`),
    ground: (code: string) => t(`referrals.ground.${code}`),
    day: (iso: string) => dateOnly(iso, ctx.locale),
  };
  const timeline = c.events.map((e) => [
    dateTime(e.at, ctx.locale),
    t(`referrals.event.${e.kind}`),
    e.from_status || e.to_status
      ? `${e.from_status ? t(`referrals.status.${e.from_status}`) : ''} → ${e.to_status ? t(`referrals.status.${e.to_status}`) : ''}`
      : '',
    [e.actor_name, e.team_name].filter(Boolean).join(', ') || t('referrals.system'),
    c.access.person
      ? (eventReasonInWords(e.kind, e.reason, reasonWords) ?? '')
      : e.reason
        ? t('referrals.hiddenReason')
        : '',
  ]);
  return html`${sectionNav(ctx, '/nvm')}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm')}">${t('referrals.case.back')}</a></p>
<h1 class="utrecht-heading-1">${t(r.kind === 'consult' ? 'referrals.case.consultTitle' : 'referrals.case.title', { reference: r.reference })}</h1>
${o.notice && noticeText(ctx, o.notice, o.forwarded, c.teams) ? html`<p class="samen-alert utrecht-alert" role="status">${noticeText(ctx, o.notice, o.forwarded, c.teams)}</p>` : ''}
${o.conflict ? html`<div class="samen-error-summary" role="alert" tabindex="-1" autofocus><h2 class="utrecht-heading-2">${t('referrals.conflict.title')}</h2><p class="utrecht-paragraph">${t('referrals.conflict.text')}</p>${o.attempt?.length ? html`<h3 class="utrecht-heading-3">${t('referrals.conflict.yours')}</h3>${dl(o.attempt.map(([k, v]) => [t(`referrals.field.${k}`), k.endsWith('TeamId') ? (c.teams.find((x) => x.id === v)?.name ?? v) : v]))}` : ''}</div>` : ''}
${o.problems?.length ? refusedForm(ctx, o.problems, o.attempt ?? [], c.teams) : ''}
${o.draft ? draftNotice(ctx, o.draft) : ''}
${c.access.viaGrant ? html`<p class="samen-alert utrecht-alert" role="status">${t('referrals.case.viaGrant')}</p>` : ''}
<section class="samen-card" aria-labelledby="h-summary"><h2 class="utrecht-heading-2" id="h-summary">${t('referrals.case.summary')}</h2>
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
</section>
<section class="samen-card" aria-labelledby="h-person"><h2 class="utrecht-heading-2" id="h-person">${t('referrals.case.person')}</h2>
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
${input('name', t('referrals.field.name'), v('person', 'name', c.person?.name ?? ''))}
${input('dateOfBirth', t('referrals.field.dateOfBirth'), v('person', 'dateOfBirth', c.person?.dateOfBirth ?? ''), t('referrals.signal.dateHint'))}
${input('contact', t('referrals.field.contact'), v('person', 'contact', c.person?.contact ?? ''))}
<div class="utrecht-form-field"><label class="utrecht-form-label" for="p-specialNotes">${t('referrals.field.specialNotes')}</label><p class="utrecht-form-field-description" id="p-specialNotes-d">${t('referrals.case.specialNotesHint')}</p><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="p-specialNotes" name="specialNotes" rows="3" aria-describedby="p-specialNotes-d">${v('person', 'specialNotes', c.person?.specialNotes ?? '')}</textarea></div>
${submit(t('referrals.case.saveRectify'), true)}</form></details>`
    : ''
}`
    : html`<p class="utrecht-paragraph">${t('referrals.case.personHidden')}</p>`
}
${recipientNotice(ctx, c.recipientStanding)}
</section>
${
  c.transitions.length
    ? html`<section class="samen-card" aria-labelledby="h-move"><h2 class="utrecht-heading-2" id="h-move">${t('referrals.case.move')}</h2>
<form method="post" action="${ctx.href(`${base}/transition`)}">${csrf(ctx)}${versionOf('transition')}
${select(
  'to',
  t('referrals.field.to'),
  c.transitions.map((s) => ({
    value: s,
    label: r.status === 'closed' ? t('referrals.case.reopen') : t(`referrals.status.${s}`),
  })),
  v('transition', 'to', c.transitions[0]!),
)}
${c.transitions.includes('closed') ? select('closeReason', t('referrals.field.closeReason'), [{ value: '', label: t('referrals.case.notClosing') }, ...CLOSE_REASONS.map((x) => ({ value: x, label: t(`referrals.close.${x}`) }))], v('transition', 'closeReason', '')) : ''}
${c.transitions.includes('closed') ? closeLooseEnds(ctx, c, o.refill) : ''}
${textarea('reason', t('referrals.field.reason'), 'move-reason', false, v('transition', 'reason', ''))}
${submit(t('referrals.case.moveButton'))}</form></section>`
    : ''
}
${
  c.access.manage && r.kind === 'signal'
    ? html`<section class="samen-card" aria-labelledby="h-assess"><h2 class="utrecht-heading-2" id="h-assess">${t('referrals.case.assessment')}</h2>
<form method="post" action="${ctx.href(`${base}/assess`)}">${csrf(ctx)}${versionOf('assess')}
${checkboxes('forms', t('referrals.field.forms'), FORMS, vs('assess', 'forms', r.forms), 'referrals.form', ctx)}
${checkboxes('signals', t('referrals.field.signals'), SIGNALS, vs('assess', 'signals', r.indicators), 'referrals.signalItem', ctx)}
${checkboxes('methodsOfControl', t('referrals.field.methodsOfControl'), METHODS_OF_CONTROL, vs('assess', 'methodsOfControl', r.methods_of_control), 'referrals.control', ctx)}
${checkboxes('recruitment', t('referrals.field.recruitment'), RECRUITMENT, vs('assess', 'recruitment', r.recruitment), 'referrals.recruitment', ctx)}
${checkboxes('needs', t('referrals.field.needs'), NEEDS, vs('assess', 'needs', r.needs), 'referrals.need', ctx)}
${select('sector', t('referrals.field.sector'), [{ value: '', label: t('referrals.unknown') }, ...SECTORS.map((x) => ({ value: x, label: t(`referrals.sector.${x}`) }))], v('assess', 'sector', r.sector ?? ''))}
${select(
  'gender',
  t('referrals.field.gender'),
  GENDERS.map((x) => ({ value: x, label: t(`referrals.gender.${x}`) })),
  v('assess', 'gender', r.gender),
)}
${select(
  'ageGroup',
  t('referrals.field.ageGroup'),
  AGE_GROUPS.map((x) => ({
    value: x,
    label: ageGroupText(ctx, x),
  })),
  v('assess', 'ageGroup', r.age_group),
)}
<div class="utrecht-form-field"><label class="utrecht-form-label" for="a-citizenship">${t('referrals.field.citizenship')}</label><input class="utrecht-textbox utrecht-textbox--html-input samen-input--small" id="a-citizenship" name="citizenship" value="${v('assess', 'citizenship', r.citizenship)}" autocomplete="off"></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="a-reflection">${t('referrals.field.reflectionStart')}</label><p class="utrecht-form-field-description" id="a-reflection-d">${t('referrals.case.reflectionHint')}</p><input class="utrecht-textbox utrecht-textbox--html-input samen-input--small" id="a-reflection" name="reflectionStart" value="${v('assess', 'reflectionStart', '')}" aria-describedby="a-reflection-d" autocomplete="off"></div>
${submit(t('referrals.case.saveAssessment'))}</form></section>
<section class="samen-card" aria-labelledby="h-consent"><h2 class="utrecht-heading-2" id="h-consent">${t('referrals.signal.consent')}</h2>
<form method="post" action="${ctx.href(`${base}/consent`)}">${csrf(ctx)}${versionOf('consent')}
${select(
  'consent',
  t('referrals.field.consent'),
  CONSENTS.map((x) => ({ value: x, label: t(`referrals.consent.${x}`) })),
  v('consent', 'consent', r.consent),
)}
<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="c-vital" name="vitalInterest" value="yes" ${attrIf(o.refill?.form === 'consent' ? v('consent', 'vitalInterest', '') === 'yes' : r.legal_ground === 'vital_interest', 'checked')}><label class="utrecht-form-label utrecht-form-label--checkbox" for="c-vital">${t('referrals.signal.vitalInterest')}</label></div>
${submit(t('referrals.case.saveConsent'), true)}</form></section>`
    : ''
}
${c.children && r.minor === 'yes' ? childRouteSection(ctx, { caseId: r.id, version: r.version, children: c.children, manage: c.access.manage && c.access.person, dutch: r.citizenship === 'NL' }, o.refill) : ''}
${c.access.manage && r.kind === 'signal' && !(c.children && r.minor === 'yes' && c.consents.length === 0) ? consentSection(ctx, { caseId: r.id, version: r.version, consents: c.consents, teams: c.teams }) : ''}
${
  pair
    ? answerTogetherForm(ctx, {
        caseId: r.id,
        ...pair,
        serviceType: c.referrals.find((x) => x.id === pair.referralId)!.service_type,
        category: c.placements.find((x) => x.id === pair.placementId)!.category,
        refill: o.refill,
      })
    : ''
}
<section class="samen-card" aria-labelledby="h-referrals"><h2 class="utrecht-heading-2" id="h-referrals">${t('referrals.case.referrals')}</h2>
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
                ? html`<form method="post" action="${ctx.href(`${base}/referrals/${x.id}/respond`)}">${csrf(ctx)}${textarea('reason', t('referrals.field.responseReason'), `rr-${x.id}`, false, v(`referrals/${x.id}/respond`, 'reason', ''))}<button class="utrecht-button utrecht-button--primary-action" type="submit" name="answer" value="accept">${t('referrals.accept')}</button> <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="answer" value="decline">${t('referrals.decline')}</button></form>`
                : c.access.manage &&
                    (x.status === 'pending' || x.status === 'accepted') &&
                    x.from_team_id === r.owner_team_id
                  ? html`${x.status === 'accepted' && !x.outcome ? outcomeForm(ctx, r.id, x.id) : ''}<form method="post" action="${ctx.href(`${base}/referrals/${x.id}/withdraw`)}">${csrf(ctx)}${submit(t('referrals.withdraw'), true)}</form>`
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
  'kind',
  t('referrals.field.referKind'),
  [
    { value: 'refer', label: t('referrals.kind.refer') },
    { value: 'transfer', label: t('referrals.kind.transfer') },
  ],
  v('refer', 'kind', 'refer'),
)}
${select(
  'toTeamId',
  t('referrals.field.toTeam'),
  referTargets.map((x) => ({ value: x.id, label: x.name })),
  v('refer', 'toTeamId', ''),
)}
${select(
  'serviceType',
  t('referrals.field.serviceType'),
  SERVICE_TYPES.map((x) => ({ value: x, label: t(`referrals.serviceType.${x}`) })),
  v('refer', 'serviceType', 'care'),
)}
<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="r-share" name="sharePersonalData" value="yes" aria-describedby="r-share-d" ${attrIf(v('refer', 'sharePersonalData', '') === 'yes', 'checked')}><label class="utrecht-form-label utrecht-form-label--checkbox" for="r-share">${t('referrals.field.sharePersonalData')}</label></div>
<p class="utrecht-form-field-description" id="r-share-d">${r.minor === 'yes' || r.vital_interest ? t('referrals.case.shareAllowed', { ground: t(`referrals.ground.${r.minor === 'yes' ? 'minor' : 'vital_interest'}`) }) : t('referrals.consent.shareNeedsConsent')}</p>
${textarea('reason', t('referrals.field.reason'), 'refer-reason', false, v('refer', 'reason', ''))}
${submit(t('referrals.case.referButton'))}</form>`
    : ''
}
</section>
<section class="samen-card" aria-labelledby="h-placements"><h2 class="utrecht-heading-2" id="h-placements">${t('referrals.case.placements')}</h2>
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
              ? html`<form method="post" action="${ctx.href(`${base}/placements/${p.id}/respond`)}">${csrf(ctx)}${textarea('reason', t('referrals.field.responseReason'), `pr-${p.id}`, false, v(`placements/${p.id}/respond`, 'reason', ''))}<button class="utrecht-button utrecht-button--primary-action" type="submit" name="answer" value="accept">${t('referrals.accept')}</button> <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="answer" value="decline">${t('referrals.decline')}</button></form>`
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
  'category',
  t('referrals.field.category'),
  SHELTER_CATEGORIES.map((x) => ({ value: x, label: t(`referrals.category.${x}`) })),
  v('placements', 'category', r.minor === 'yes' ? 'minors' : 'women'),
)}
${select('shelterTeamId', t('referrals.field.shelter'), [{ value: '', label: t('referrals.case.waitingListOption') }, ...shelters.map((x) => ({ value: x.id, label: x.name }))], v('placements', 'shelterTeamId', ''))}
${textarea('reason', t('referrals.field.reason'), 'placement-reason', false, v('placements', 'reason', ''))}
${submit(t('referrals.case.placementButton'))}</form>`
    : ''
}
</section>
${identificationSection(ctx, { caseId: r.id, version: r.version, identification: c.identification, person: c.access.person }, o.refill)}
${supportSection(ctx, { caseId: r.id, version: r.version, support: c.support, reflectionEndsOn: r.reflection_ends_on, manage: c.access.manage && c.access.person }, o.refill)}
${caseWorkSection(ctx, { caseId: r.id, version: r.version, work: c.caseWork }, o.refill)}
<section class="samen-card" aria-labelledby="h-timeline"><h2 class="utrecht-heading-2" id="h-timeline">${t('referrals.case.timeline')}</h2>
${table('tl-caption', t('referrals.case.timelineCaption'), [t('referrals.col.when'), t('referrals.col.what'), t('referrals.col.step'), t('referrals.col.who'), t('referrals.col.why')], timeline)}
</section>`;
}

export function lookupPage(
  ctx: ViewContext,
  o: { reference: string; found?: { id: string; reference: string } },
): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm')}
<h1 class="utrecht-heading-1">${t('referrals.lookup.title')}</h1>
${
  o.found
    ? html`<p class="utrecht-paragraph">${t('referrals.lookup.outside', { reference: o.found.reference })}</p>
<form method="post" action="${ctx.href(`/nvm/cases/${o.found.id}/break-glass`)}">${csrf(ctx)}
${textarea('reason', t('referrals.field.breakGlassReason'), 'bg-reason', true)}
${submit(t('referrals.lookup.breakGlass'))}</form>`
    : html`<p class="utrecht-paragraph">${t('referrals.lookup.notFound')}</p>`
}`;
}

export interface NotificationItem {
  kind: string;
  caseId: string;
  reference: string;
  urgency: string;
  createdAt: Date;
  isNew: boolean;
}

/** The team's notifications: what happened to which case, newest first, the new ones marked. */
export function notificationsPage(
  ctx: ViewContext,
  o: { items: NotificationItem[]; newCount: number; teamName: string },
): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm/notifications')}
<h1 class="utrecht-heading-1">${t('referrals.notifications.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.notifications.intro', { team: o.teamName })}</p>
${
  o.items.length === 0
    ? html`<p class="utrecht-paragraph">${t('referrals.notifications.none')}</p>`
    : html`${
        o.newCount > 0
          ? html`<form method="post" action="${ctx.href('/nvm/notifications/seen')}">
${csrf(ctx)}
<p class="samen-actions"><button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('referrals.notifications.markSeen')}</button></p>
</form>`
          : ''
      }
${table(
  'notifications-caption',
  t('referrals.notifications.caption', { count: o.items.length }),
  [t('referrals.notifications.what'), t('referrals.col.reference'), t('referrals.notifications.when')],
  o.items.map((n) => [
    html`${n.isNew ? html`<span class="utrecht-status-badge utrecht-status-badge--warning">${t('referrals.notifications.new')}</span> ` : ''}${t(`referrals.notifications.kind.${n.kind}`)}${n.urgency !== 'normal' ? html` <span class="utrecht-status-badge utrecht-status-badge--danger">${t(`referrals.urgency.${n.urgency}`)}</span>` : ''}`,
    html`<a class="utrecht-link" href="${ctx.href(`/nvm/cases/${n.caseId}`)}">${n.reference}</a>`,
    dateTime(n.createdAt, ctx.locale),
  ]),
)}`
}`;
}
