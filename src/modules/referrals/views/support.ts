// The support and criminal-justice track on the case page: the recovery period with its days left (and the
// reflection period beside it, from the assessment), the aangifte, the B8 application and its outcome, the legal
// aid assigned; and, for the case's managers, the form that records them.
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import { hiddenField, selectField, submitButton, textField } from '../../../platform/web/components.js';
import { AANGIFTE, B8_OUTCOMES, RECOVERY_MIN_DAYS, type SupportView } from '../support/service.js';
import { csrf, dateOnly, type ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

export function supportSection(
  ctx: ViewContext,
  c: {
    caseId: string;
    version: number;
    support: SupportView;
    reflectionEndsOn: string | null;
    manage: boolean;
  },
  refill: Refill | undefined,
): SafeHtml {
  const { t } = ctx;
  const s = c.support;
  const day = (iso: string | null | undefined) => dateOnly(iso, ctx.locale) || '–';
  const recovery = s?.recoveryEndsOn
    ? t('referrals.support.recoveryRuns', {
        start: day(s.recoveryStartsOn),
        end: day(s.recoveryEndsOn),
      }) +
      (s.recoveryDaysLeft !== null && s.recoveryDaysLeft >= 0
        ? ` (${t('referrals.support.daysLeft', { count: s.recoveryDaysLeft })})`
        : ` (${t('referrals.support.ended')})`)
    : t('referrals.support.notRecorded');
  const hidden = t('referrals.hiddenReason');
  const items: [string, string][] = [
    [t('referrals.support.recovery'), recovery],
    [
      t('referrals.case.reflection'),
      c.reflectionEndsOn ? t('referrals.case.reflectionEnds', { date: day(c.reflectionEndsOn) }) : '–',
    ],
    [
      t('referrals.field.aangifte'),
      s?.aangifte
        ? [
            t(`referrals.support.aangifte.${s.aangifte}`),
            s.aangifteOn ? day(s.aangifteOn) : '',
            s.aangiftePlace ?? (s.hiddenText ? hidden : ''),
          ]
            .filter(Boolean)
            .join(', ')
        : '–',
    ],
    [
      t('referrals.support.b8'),
      s?.b8AppliedOn
        ? t('referrals.support.b8Applied', { date: day(s.b8AppliedOn) }) +
          (s.b8Outcome ? `; ${t(`referrals.support.b8Outcome.${s.b8Outcome}`)}` : '') +
          (s.b8DecidedOn ? ` (${day(s.b8DecidedOn)})` : '')
        : '–',
    ],
    [
      t('referrals.support.legalAid'),
      s?.legalAidOn
        ? [
            t('referrals.support.legalAidSince', { date: day(s.legalAidOn) }),
            s.legalAid ?? (s.hiddenText ? hidden : ''),
          ]
            .filter(Boolean)
            .join(', ')
        : t('referrals.support.noLegalAid'),
    ],
  ];
  const v = (name: string, stored: string | null | undefined) =>
    refilled(refill, 'support', name, stored ?? '');
  const input = (name: string, stored: string | null | undefined, hint = false) =>
    textField(
      {
        name,
        id: `s-${name}`,
        label: t(`referrals.field.${name}`),
        description: hint ? t('referrals.support.dateHint') : undefined,
        value: v(name, stored),
        errors: [],
        autocomplete: 'off',
      },
      t,
    );
  const select = (
    name: string,
    codes: readonly string[],
    prefix: string,
    stored: string | null | undefined,
  ) =>
    selectField(
      {
        name,
        id: `s-${name}`,
        label: t(`referrals.field.${name}`),
        value: v(name, stored),
        errors: [],
        choices: [
          { value: '', label: t('referrals.support.notKnown') },
          ...codes.map((code) => ({ value: code, label: t(`${prefix}.${code}`) })),
        ],
      },
      t,
    );
  const storedDays =
    s?.recoveryStartsOn && s.recoveryEndsOn
      ? String(Math.round((Date.parse(s.recoveryEndsOn) - Date.parse(s.recoveryStartsOn)) / 86_400_000))
      : String(RECOVERY_MIN_DAYS);
  const version = refill?.form === 'support' && refill.version ? refill.version : String(c.version);
  return html`<section class="samen-card" aria-labelledby="h-support"><h2 class="utrecht-heading-2" id="h-support">${t('referrals.support.title')}</h2>
<dl class="samen-dl">${items.map(([k, val]) => html`<dt>${k}</dt><dd>${val}</dd>`)}</dl>
${
  c.manage
    ? html`<details class="samen-details" ${attrIf(refill?.form === 'support', 'open')}><summary>${t('referrals.support.edit')}</summary>
<form method="post" action="${ctx.href(`/nvm/cases/${c.caseId}/support`)}">${csrf(ctx)}${hiddenField('version', version)}
${input('recoveryStart', s?.recoveryStartsOn, true)}${input('recoveryDays', storedDays)}
${select('aangifte', AANGIFTE, 'referrals.support.aangifte', s?.aangifte)}${input('aangifteOn', s?.aangifteOn, true)}${input('aangiftePlace', s?.aangiftePlace)}
${input('b8AppliedOn', s?.b8AppliedOn, true)}${select('b8Outcome', B8_OUTCOMES, 'referrals.support.b8Outcome', s?.b8Outcome)}${input('b8DecidedOn', s?.b8DecidedOn, true)}
${input('legalAidOn', s?.legalAidOn, true)}${input('legalAid', s?.legalAid)}
${submitButton(t('referrals.support.save'))}</form></details>`
    : ''
}
</section>`;
}

/** The bottleneck view's counts of the identification decisions and the track (no person data). */
export interface TrackFigures {
  decisionsOverdue: number;
  decided: number;
  decidedLate: number;
  reconsiderationsWaiting: number;
  reconsiderationsOverdue: number;
  recoveryRunning: number;
  aangifteConsidering: number;
  b8Pending: number;
  withoutLegalAid: number;
}

export function trackFigures(ctx: ViewContext, f: TrackFigures): SafeHtml {
  const { t } = ctx;
  const items: [string, number][] = [
    [t('referrals.bottlenecks.track.decisionsOverdue'), f.decisionsOverdue],
    [t('referrals.bottlenecks.track.decided'), f.decided],
    [t('referrals.bottlenecks.track.decidedLate'), f.decidedLate],
    [t('referrals.bottlenecks.track.reconsiderationsWaiting'), f.reconsiderationsWaiting],
    [t('referrals.bottlenecks.track.reconsiderationsOverdue'), f.reconsiderationsOverdue],
    [t('referrals.bottlenecks.track.recoveryRunning'), f.recoveryRunning],
    [t('referrals.bottlenecks.track.aangifteConsidering'), f.aangifteConsidering],
    [t('referrals.bottlenecks.track.b8Pending'), f.b8Pending],
    [t('referrals.bottlenecks.track.withoutLegalAid'), f.withoutLegalAid],
  ];
  return html`<h2 class="utrecht-heading-2">${t('referrals.bottlenecks.track.title')}</h2>
<dl class="samen-dl">${items.map(([k, n]) => html`<dt>${k}</dt><dd>${String(n)}</dd>`)}</dl>`;
}
