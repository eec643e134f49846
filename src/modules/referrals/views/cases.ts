// The queue (cases a team works on, most urgent and oldest first, with deadlines) and the case page: what is
// known, the person (only where the consent gate allows), the timeline, and the actions the viewer may take.
import { translateOr } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alert,
  badge,
  hiddenField,
  notice,
  pagination,
  queryString,
  selectField,
  submitButton,
  textField,
} from '../../../platform/web/components.js';
import type { QueueRow } from '../repository.js';
import { NOTIFICATION_COUNT_CAP } from '../service.js';
import { csrf, dateOnly, dateTime, sectionNav, statusBadge, table, type ViewContext } from './common.js';
import { warnBefore } from '../deadlines.js';
import { draftNotice, refilled, refilledMany, refusedForm } from './form-state.js';
import { answerTogetherForm } from './answers.js';
import { openPair } from '../answers.js';
import { consentSection } from './consent.js';
import { stageOf } from '../consent.js';
import { eventReasonInWords } from '../event-reason.js';
import { noticeText } from './forwarded.js';
import { identificationSection } from './identification.js';
import { supportSection } from './support.js';
import { childRouteSection } from './children.js';
import { caseWorkSection } from './casework.js';
import type { CaseDecisions } from '../identification/queue.js';
import { typeName } from '../identification/words.js';

import {
  assessmentCards,
  moveCard,
  personCard,
  placementsCard,
  referralsCard,
  summaryCard,
  type CaseData,
  type CaseForm,
  type CasePageOptions,
} from './case-page-sections.js';
import { dl, submit, textarea } from './case-controls.js';

function dueCell(row: QueueRow, ctx: ViewContext): SafeHtml | string {
  if (row.status !== 'received' || !row.triage_due_at) return '';
  const left = new Date(row.triage_due_at).getTime() - ctx.now.getTime();
  if (left < 0)
    return html`${badge('danger', ctx.t('referrals.queue.overdue'))} ${dateTime(row.triage_due_at, ctx.locale)}${row.escalated_at ? html` <span class="samen-meta">(${ctx.t('referrals.queue.escalated')})</span>` : ''}`;
  // A warning on the last working day (the last hour for an acute signal).
  if (left < warnBefore(row.urgency))
    return html`${badge('warning', ctx.t('referrals.queue.dueSoon'))} ${dateTime(row.triage_due_at, ctx.locale)}`;
  return dateTime(row.triage_due_at, ctx.locale);
}

/** The next identification decision due: its type and date, overdue said in words (not colour only). */
function nextDecisionCell(d: CaseDecisions | undefined, ctx: ViewContext): SafeHtml | string {
  if (!d) return '';
  if (!d.next) return ctx.t('referrals.queue.noDecisionDue');
  const due = ctx.t('referrals.queue.decisionDue', {
    type: typeName(ctx.t, d.next.type),
    date: dateTime(d.next.dueAt, ctx.locale),
  });
  return d.next.overdue ? html`${badge('danger', ctx.t('referrals.queue.overdue'))} ${due}` : due;
}

/** What was decided last: type, outcome, by which role and team, when. */
function lastDecisionCell(d: CaseDecisions | undefined, ctx: ViewContext): string {
  if (!d) return '';
  if (!d.last) return ctx.t('referrals.queue.noDecision');
  const { t } = ctx;
  return t('referrals.queue.lastDecision', {
    type: typeName(t, d.last.type),
    outcome: t(`referrals.identification.outcome.${d.last.outcome}`),
    who:
      [d.last.role ? t(`auth.role.${d.last.role}`) : '', d.last.team ?? ''].filter(Boolean).join(', ') || '—',
    date: dateTime(d.last.at, ctx.locale),
  });
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
    /** The owning team's queue: per signal what was decided last and the next decision due. */
    decisions?: ReadonlyMap<string, CaseDecisions>;
  },
): SafeHtml {
  const { t } = ctx;
  const decisions = o.scope === 'owner' ? o.decisions : undefined;
  const tabs = o.scopes.map(
    (s) =>
      html`<li><a class="utrecht-link" href="${ctx.href(`/nvm${queryString({ scope: s })}`)}" ${attrIf(s === o.scope, 'aria-current', 'page')}>${t(`referrals.queue.scope.${s}`)}</a></li>`,
  );
  return html`${sectionNav(ctx, '/nvm')}
<h1 class="utrecht-heading-1">${t('referrals.queue.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.queue.team', { team: o.teamName })}</p>
${o.newNotifications > 0 ? alert('info', html`<a class="utrecht-link" href="${ctx.href('/nvm/notifications')}">${o.newNotifications > NOTIFICATION_COUNT_CAP ? t('referrals.notifications.newMany', { count: NOTIFICATION_COUNT_CAP }) : t('referrals.notifications.newCount', { count: o.newNotifications })}</a>`, 'status') : ''}
${ctx.role === 'nrm_professional' ? html`<p class="samen-actions"><a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="${ctx.href('/nvm/signal')}">${t('referrals.nav.newSignal')}</a> <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="${ctx.href('/nvm/signal?kind=consult')}">${t('referrals.nav.newConsult')}</a></p>` : ''}
<nav class="samen-subnav" aria-label="${t('referrals.queue.scopeLabel')}"><ul>${tabs}</ul></nav>
<form method="get" action="${ctx.href('/nvm')}" class="samen-filters">
${hiddenField('scope', o.scope)}
${selectField(
  {
    name: 'status',
    label: t('referrals.queue.status'),
    value: o.status,
    errors: [],
    choices: (o.scope === 'origin'
      ? ['open', 'received', 'closed']
      : ['open', 'received', 'triage', 'assessment', 'referral', 'placement', 'follow_up', 'closed']
    ).map((s) => ({
      value: s,
      label:
        s === 'open'
          ? t('referrals.queue.open')
          : o.scope === 'origin'
            ? t(`referrals.stage.${s}`)
            : t(`referrals.status.${s}`),
    })),
  },
  t,
)}
${submitButton(t('referrals.queue.filter'), { variant: 'secondary' })}
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
          ...(decisions
            ? [t('referrals.queue.col.nextDecision'), t('referrals.queue.col.lastDecision')]
            : []),
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
          ...(decisions
            ? [nextDecisionCell(decisions.get(r.id), ctx), lastDecisionCell(decisions.get(r.id), ctx)]
            : []),
          r.owner_name,
        ]),
      )
}
${pagination({ page: o.page, perPage: 50, total: o.total, href: (p) => ctx.href(`/nvm${queryString({ scope: o.scope, status: o.status, page: p })}`) }, t)}
<h2 class="utrecht-heading-2">${t('referrals.lookup.title')}</h2>
${
  ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'].includes(ctx.role)
    ? html`<form method="get" action="${ctx.href('/nvm/lookup')}" class="samen-filters">
${textField({ name: 'reference', label: t('referrals.lookup.reference'), value: '', errors: [], autocomplete: 'off' }, t)}
${submitButton(t('referrals.lookup.find'), { variant: 'secondary' })}</form>`
    : html`<p class="utrecht-paragraph">${t('referrals.lookup.onlyCoordinators')}</p>`
}`;
}

export function casePage(ctx: ViewContext, c: CaseData, o: CasePageOptions = {}): SafeHtml {
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
    hiddenField('version', o.refill?.form === form && o.refill.version ? o.refill.version : r.version);
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
    decisionType: (code: string) => typeName(t, { code, name: code }),
    supportFact: (code: string) => translateOr(t, `referrals.duplicates.fact.${code}`, code),
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
  const f: CaseForm = {
    ctx,
    c,
    o,
    r,
    t,
    v,
    vs,
    openIf,
    versionOf,
    base,
    pair,
    together,
    shelters,
    referTargets,
  };
  return html`${sectionNav(ctx, '/nvm')}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm')}">${t('referrals.case.back')}</a></p>
<h1 class="utrecht-heading-1">${t(r.kind === 'consult' ? 'referrals.case.consultTitle' : 'referrals.case.title', { reference: r.reference })}</h1>
${o.notice && noticeText(ctx, o.notice, o.forwarded, c.teams) ? notice(noticeText(ctx, o.notice, o.forwarded, c.teams)) : ''}
${o.conflict ? html`<div class="samen-error-summary" role="alert" tabindex="-1" autofocus><h2 class="utrecht-heading-2">${t('referrals.conflict.title')}</h2><p class="utrecht-paragraph">${t('referrals.conflict.text')}</p>${o.attempt?.length ? html`<h3 class="utrecht-heading-3">${t('referrals.conflict.yours')}</h3>${dl(o.attempt.map(([k, v]) => [t(`referrals.field.${k}`), k.endsWith('TeamId') ? (c.teams.find((x) => x.id === v)?.name ?? v) : v]))}` : ''}</div>` : ''}
${o.problems?.length ? refusedForm(ctx, o.problems, o.attempt ?? [], c.teams) : ''}
${o.draft ? draftNotice(ctx, o.draft) : ''}
${c.access.viaGrant ? alert('warning', t('referrals.case.viaGrant'), 'status') : ''}
${summaryCard(f)}
${personCard(f)}
${moveCard(f)}
${assessmentCards(f)}
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
${referralsCard(f)}
${placementsCard(f)}
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
${textarea(ctx, 'reason', t('referrals.field.breakGlassReason'), 'bg-reason', true)}
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
<p class="samen-actions">${submitButton(t('referrals.notifications.markSeen'), { variant: 'secondary' })}</p>
</form>`
          : ''
      }
${table(
  'notifications-caption',
  t('referrals.notifications.caption', { count: o.items.length }),
  [t('referrals.notifications.what'), t('referrals.col.reference'), t('referrals.notifications.when')],
  o.items.map((n) => [
    html`${n.isNew ? html`${badge('warning', t('referrals.notifications.new'))} ` : ''}${t(`referrals.notifications.kind.${n.kind}`)}${n.urgency !== 'normal' ? html` ${badge('danger', t(`referrals.urgency.${n.urgency}`))}` : ''}`,
    html`<a class="utrecht-link" href="${ctx.href(`/nvm/cases/${n.caseId}`)}">${n.reference}</a>`,
    dateTime(n.createdAt, ctx.locale),
  ]),
)}`
}`;
}
