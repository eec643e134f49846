// A shelter with both a referral and a placement request open for the same person answers them together: one
// form, accept both (the place taken) or decline both with a reason (answers.ts).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrf, type ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

export function answerTogetherForm(
  ctx: ViewContext,
  o: {
    caseId: string;
    referralId: string;
    placementId: string;
    serviceType: string;
    category: string;
    refill: Refill | undefined;
  },
): SafeHtml {
  const { t } = ctx;
  const reason = refilled(o.refill, 'answer-together', 'reason', '');
  return html`<section class="samen-card" aria-labelledby="h-together"><h2 class="utrecht-heading-2" id="h-together">${t('referrals.together.title')}</h2>
<p class="utrecht-paragraph">${t('referrals.together.intro', { service: t(`referrals.serviceType.${o.serviceType}`), category: t(`referrals.category.${o.category}`) })}</p>
<form method="post" action="${ctx.href(`/nvm/cases/${o.caseId}/answer-together`)}">${csrf(ctx)}
<input type="hidden" name="referral" value="${o.referralId}"><input type="hidden" name="placement" value="${o.placementId}">
<div class="utrecht-form-field"><label class="utrecht-form-label" for="together-reason">${t('referrals.field.responseReason')}</label><p class="utrecht-form-field-description" id="together-reason-d">${t('referrals.together.reasonHint')}</p><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="together-reason" name="reason" rows="3" aria-describedby="together-reason-d">${reason}</textarea></div>
<p class="samen-actions"><button class="utrecht-button utrecht-button--primary-action" type="submit" name="answer" value="accept">${t('referrals.together.accept')}</button> <button class="utrecht-button utrecht-button--secondary-action" type="submit" name="answer" value="decline">${t('referrals.together.decline')}</button></p>
</form></section>`;
}
