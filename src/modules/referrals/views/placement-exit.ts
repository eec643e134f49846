// The shelter's exit page: the person left; a reason from a closed list and an optional note (sealed). Saving
// ends the placement and gives the place back at once (placement-exit.ts).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { ProblemList, radioGroup, submitButton, textareaField } from '../../../platform/web/components.js';
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
${radioGroup({
  name: 'exitReason',
  id: 'exit-reason',
  legend: t('referrals.field.exitReason'),
  values: { exitReason: reason },
  problems: new ProblemList([], t),
  required: true,
  choices: EXIT_REASONS.map((r) => ({ value: r, label: t(`referrals.exitReason.${r}`) })),
})}
${textareaField({ name: 'exitNote', id: 'exit-note', label: t('referrals.field.exitNote'), description: t('referrals.exit.noteHint'), value: note, errors: [], rows: 3 }, t)}
${submitButton(t('referrals.exit.save'))}
</form>`;
}
