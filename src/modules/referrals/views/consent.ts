// Consent on the case page: the owner's list of consents per recipient and purpose (with who recorded it, when,
// how, and any withdrawal), the forms to record and withdraw; a recipient's line saying on which ground it sees
// the person or that consent was withdrawn; and the page a first-line professional gets once the case is handed
// over (the stage in words, nothing of the file).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alert,
  hiddenField,
  selectField,
  submitButton,
  textareaField,
} from '../../../platform/web/components.js';
import type { ConsentView, FirstLineStatus } from '../consent-service.js';
import { CONSENT_ANSWERS, CONSENT_METHODS, CONSENT_PURPOSES, type RecipientStanding } from '../consent.js';
import { csrf, dateTime, sectionNav, table, type ViewContext } from './common.js';
import { firstLineDecisions } from './identification.js';

function select(
  t: ViewContext['t'],
  id: string,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  selected = '',
): SafeHtml {
  return selectField({ name, id, label, value: selected, errors: [], choices: options, required: true }, t);
}

function note(id: string, label: string, hint: string, t: ViewContext['t']): SafeHtml {
  const o = { name: 'withdrawalNote', id, label, description: hint, value: '', errors: [] };
  return textareaField({ ...o, rows: 2, maxlength: 2000 }, t);
}

/** The owner's consent section: every consent with its history, and the forms to record and withdraw. */
export function consentSection(
  ctx: ViewContext,
  o: {
    caseId: string;
    version: number;
    consents: ConsentView[];
    teams: { id: string; name: string; kind: string }[];
  },
): SafeHtml {
  const { t } = ctx;
  const base = `/nvm/cases/${o.caseId}`;
  const version = hiddenField('version', o.version);
  const standing = o.consents.filter((c) => c.standing);
  const rows = o.consents.map((c) => [
    c.teamName,
    t(`referrals.serviceType.${c.purpose}`),
    c.standing
      ? t('referrals.consentState.standing')
      : c.withdrawnAt
        ? t('referrals.consentState.withdrawn', { when: dateTime(c.withdrawnAt, ctx.locale) })
        : t(`referrals.consentAnswer.${c.answer}`),
    html`${t(`referrals.consentMethod.${c.method}`)}<br><span class="samen-meta">${dateTime(c.recordedAt, ctx.locale)}${c.recordedBy ? `, ${c.recordedBy}` : ''}</span>`,
    c.withdrawnAt
      ? html`${c.withdrawnBy}${c.note ? html`<br><span class="samen-meta">${t('referrals.consent.noteLabel')}: ${c.note}</span>` : ''}`
      : c.standing
        ? html`<form method="post" action="${ctx.href(`${base}/consents/withdraw`)}">${csrf(ctx)}${version}${hiddenField('consentId', c.id)}${note(`wn-${c.id}`, t('referrals.field.withdrawalNote'), t('referrals.consent.noteHint'), t)}${submitButton(t('referrals.consent.withdrawOne', { team: c.teamName }), { variant: 'secondary' })}</form>`
        : '',
  ]);
  const recipients = o.teams.filter((x) => x.kind !== 'first_line');
  return html`<section class="samen-card" aria-labelledby="h-consents"><h2 class="utrecht-heading-2" id="h-consents">${t('referrals.consent.title')}</h2>
<p class="utrecht-paragraph">${t('referrals.consent.intro')}</p>
${
  rows.length
    ? table(
        'consents-caption',
        t('referrals.consent.caption'),
        [
          t('referrals.consent.recipient'),
          t('referrals.consent.purpose'),
          t('referrals.consent.state'),
          t('referrals.consent.how'),
          t('referrals.consent.withdrawal'),
        ],
        rows,
      )
    : html`<p class="utrecht-paragraph">${t('referrals.consent.none')}</p>`
}
<h3 class="utrecht-heading-3">${t('referrals.consent.recordTitle')}</h3>
<form method="post" action="${ctx.href(`${base}/consents`)}">${csrf(ctx)}${version}
${select(t, 'k-team', 'consentTeamId', t('referrals.field.consentTeamId'), [{ value: '', label: t('referrals.consent.chooseTeam') }, ...recipients.map((x) => ({ value: x.id, label: x.name }))])}
${select(
  t,
  'k-purpose',
  'consentPurpose',
  t('referrals.field.consentPurpose'),
  CONSENT_PURPOSES.map((x) => ({ value: x, label: t(`referrals.serviceType.${x}`) })),
  'shelter',
)}
${select(
  t,
  'k-answer',
  'consentAnswer',
  t('referrals.field.consentAnswer'),
  CONSENT_ANSWERS.map((x) => ({ value: x, label: t(`referrals.consentAnswer.${x}`) })),
  'given',
)}
${select(
  t,
  'k-method',
  'consentMethod',
  t('referrals.field.consentMethod'),
  CONSENT_METHODS.map((x) => ({ value: x, label: t(`referrals.consentMethod.${x}`) })),
  'in_person',
)}
${submitButton(t('referrals.consent.recordButton'))}</form>
${
  standing.length
    ? html`<h3 class="utrecht-heading-3">${t('referrals.consent.withdrawAllTitle')}</h3>
<form method="post" action="${ctx.href(`${base}/consents/withdraw`)}">${csrf(ctx)}${version}${hiddenField('consentId', 'all')}
${note('wn-all', t('referrals.field.withdrawalNote'), t('referrals.consent.noteHint'), t)}
${submitButton(t('referrals.consent.withdrawAll'), { variant: 'secondary' })}</form>`
    : ''
}
</section>`;
}

/** A recipient's line: on which ground it sees the person, or that consent for it was withdrawn. */
export function recipientNotice(ctx: ViewContext, standing: RecipientStanding | null): SafeHtml | '' {
  if (!standing) return '';
  const { t } = ctx;
  if (standing.kind === 'withdrawn')
    return alert(
      'warning',
      t('referrals.consent.withdrawnForYou', { when: dateTime(standing.at, ctx.locale) }),
      'status',
    );
  if (standing.kind === 'ground')
    return html`<p class="utrecht-paragraph">${t('referrals.consent.seenOnGround', { ground: t(`referrals.ground.${standing.ground}`) })}</p>`;
  return '';
}

/** What a referral's "personal data" column says: shared on which ground now, or no longer shared. */
export function sharedNow(ctx: ViewContext, shares: boolean, ground: string | null): string {
  const { t } = ctx;
  if (!shares) return t('referrals.tri.no');
  return ground
    ? t('referrals.consent.sharedOn', { ground: t(`referrals.ground.${ground}`) })
    : t('referrals.consent.noLongerShared');
}

/** The first-line professional's page once the case is handed over: the stage in words, nothing of the file. */
export function firstLineStatusPage(ctx: ViewContext, s: FirstLineStatus): SafeHtml {
  const { t } = ctx;
  return html`${sectionNav(ctx, '/nvm')}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/nvm')}">${t('referrals.case.back')}</a></p>
<h1 class="utrecht-heading-1">${t(s.kind === 'consult' ? 'referrals.case.consultTitle' : 'referrals.case.title', { reference: s.reference })}</h1>
<section class="samen-card" aria-labelledby="h-stage"><h2 class="utrecht-heading-2" id="h-stage">${t('referrals.firstLine.stageTitle')}</h2>
<p class="utrecht-paragraph"><strong>${t(`referrals.stage.${s.stage}`)}</strong></p>
<p class="utrecht-paragraph">${t(`referrals.firstLine.stageText.${s.stage}`)}</p>
<dl class="samen-dl"><dt>${t('referrals.col.received')}</dt><dd>${dateTime(s.receivedAt, ctx.locale)}</dd>${s.closedAt ? html`<dt>${t('referrals.firstLine.closedAt')}</dt><dd>${dateTime(s.closedAt, ctx.locale)}</dd>` : ''}</dl>
${s.decisions?.length ? firstLineDecisions(ctx, s.decisions) : ''}
<p class="utrecht-paragraph">${t('referrals.firstLine.why')}</p>
</section>`;
}
