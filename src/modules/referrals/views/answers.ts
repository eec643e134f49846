// A shelter with both a referral and a placement request open for the same person answers them together: one
// form, accept both (the place taken) or decline both with a reason (answers.ts).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { hiddenField, submitButton, textareaField } from '../../../platform/web/components.js';
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
${hiddenField('referral', o.referralId)}${hiddenField('placement', o.placementId)}
${textareaField({ name: 'reason', id: 'together-reason', label: t('referrals.field.responseReason'), description: t('referrals.together.reasonHint'), value: reason, errors: [], rows: 3 }, t)}
<p class="samen-actions">${submitButton(t('referrals.together.accept'), { name: 'answer', value: 'accept' })} ${submitButton(t('referrals.together.decline'), { variant: 'secondary', name: 'answer', value: 'decline' })}</p>
</form></section>`;
}
