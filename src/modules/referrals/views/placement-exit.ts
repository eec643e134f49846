// The shelter's exit page: the person left; a reason from a closed list and an optional note (sealed). Saving
// ends the placement and gives the place back at once (placement-exit.ts).
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import type { FieldProblem } from '../../../platform/http/errors.js';
import { EXIT_REASONS } from '../placement-exit.js';
import { csrf, sectionNav, type ViewContext } from './common.js';
import { draftNotice, refilled, refusedForm, type Refill } from './form-state.js';

export function exitPage(
  ctx: ViewContext,
  o: {
    caseId: string;
    reference: string;
    placementId: string;
    shelterName: string;
    category: string;
    problems?: FieldProblem[];
    attempt?: [string, string][];
    refill?: Refill;
    draft?: 'back' | 'gone';
  },
): SafeHtml {
  const { t } = ctx;
  const form = `placements/${o.placementId}/exit`;
  const reason = refilled(o.refill, form, 'exitReason', '');
  const note = refilled(o.refill, form, 'exitNote', '');
  return html`${sectionNav(ctx, '/nvm')}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href(`/nvm/cases/${o.caseId}`)}">${t('referrals.exit.back', { reference: o.reference })}</a></p>
<h1 class="utrecht-heading-1">${t('referrals.exit.title', { reference: o.reference })}</h1>
${o.problems?.length ? refusedForm(ctx, o.problems, o.attempt ?? [], []) : ''}
${o.draft ? draftNotice(ctx, o.draft) : ''}
<p class="utrecht-paragraph">${t('referrals.exit.intro', { shelter: o.shelterName, category: t(`referrals.category.${o.category}`) })}</p>
<form method="post" action="${ctx.href(`/nvm/cases/${o.caseId}/${form}`)}">${csrf(ctx)}
<fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset"><legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${t('referrals.field.exitReason')}</legend>
${EXIT_REASONS.map((r) => html`<div class="utrecht-form-field utrecht-form-field--radio samen-checkbox"><input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id="exit-${r}" name="exitReason" value="${r}" ${attrIf(r === reason, 'checked')} required><label class="utrecht-form-label utrecht-form-label--radio" for="exit-${r}">${t(`referrals.exitReason.${r}`)}</label></div>`)}
</fieldset>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="exit-note">${t('referrals.field.exitNote')}</label><p class="utrecht-form-field-description" id="exit-note-d">${t('referrals.exit.noteHint')}</p><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="exit-note" name="exitNote" rows="3" aria-describedby="exit-note-d">${note}</textarea></div>
<button class="utrecht-button utrecht-button--primary-action" type="submit">${t('referrals.exit.save')}</button>
</form>`;
}
