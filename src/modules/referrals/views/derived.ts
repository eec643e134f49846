// What the case page says about derived facts: whether "minor" was given, derived from the age or corrected, the
// legal ground with what it rests on, and the coordinator's correction form (with a reason, audited).
import { html, type SafeHtml } from '../../../platform/web/html.js';
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
<form method="post" action="${ctx.href(`/nvm/cases/${r.id}/minor`)}">${csrf(ctx)}<input type="hidden" name="version" value="${r.version}">
<p class="utrecht-paragraph">${t('referrals.correct.intro')}</p>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="m-minor">${t('referrals.field.minor')}</label>
<select class="utrecht-select utrecht-select--html-select" id="m-minor" name="minor">${['unknown', 'yes', 'no'].map((v) => html`<option value="${v}"${v === minor ? html` selected` : ''}>${t(`referrals.tri.${v}`)}</option>`)}</select></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="m-reason">${t('referrals.field.correctionReason')}</label>
<textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="m-reason" name="reason" rows="2" required>${typed?.reason?.[0] ?? ''}</textarea></div>
<button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('referrals.correct.save')}</button></form></details>`;
}
