// What the case page says about derived facts: whether "minor" was given, derived from the age or corrected, the
// legal ground with what it rests on, and the coordinator's correction form (with a reason, audited).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { hiddenField, selectField, submitButton, textareaField } from '../../../platform/web/components.js';
import { csrf, type ViewContext } from './common.js';

export function minorText(ctx: ViewContext, r: { minor: string; minor_source: string }): string {
  const value = ctx.t(`referrals.tri.${r.minor}`);
  return r.minor_source === 'given'
    ? value
    : `${value} (${ctx.t(`referrals.minorSource.${r.minor_source}`)})`;
}

export function legalGroundText(ctx: ViewContext, r: { legal_ground: string | null }): string {
  if (!r.legal_ground) return ctx.t('referrals.case.noGround');
  return `${ctx.t(`referrals.ground.${r.legal_ground}`)} (${ctx.t(`referrals.groundBasis.${r.legal_ground}`)})`;
}

export function minorCorrectionForm(
  ctx: ViewContext,
  r: { id: string; version: number; minor: string },
  /** What was typed into a refused correction (the form is shown open with it). */
  typed?: Record<string, string[]>,
): SafeHtml {
  const { t } = ctx;
  const minor = typed ? (typed.minor?.[0] ?? '') : r.minor;
  return html`<details class="samen-details"${typed ? html` open` : ''}><summary>${t('referrals.correct.title')}</summary>
<form method="post" action="${ctx.href(`/nvm/cases/${r.id}/minor`)}">${csrf(ctx)}${hiddenField('version', r.version)}
<p class="utrecht-paragraph">${t('referrals.correct.intro')}</p>
${selectField(
  {
    name: 'minor',
    id: 'm-minor',
    label: t('referrals.field.minor'),
    value: minor,
    errors: [],
    choices: ['unknown', 'yes', 'no'].map((v) => ({ value: v, label: t(`referrals.tri.${v}`) })),
  },
  t,
)}
${textareaField({ name: 'reason', id: 'm-reason', label: t('referrals.field.correctionReason'), value: typed?.reason?.[0] ?? '', errors: [], rows: 2, required: true }, t)}
${submitButton(t('referrals.correct.save'), { variant: 'secondary' })}</form></details>`;
}
