// Locking a round, confirmed: what will be frozen (the actions, the commitments' state, overdue milestones), the
// carried-over texts nobody confirmed or rewrote (they go to parliament marked as such), the commitments marked
// done while a linked action is not, and a box to tick before the round is locked for good.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { LockPreview } from '../plan/register-service.js';
import { type PageContext } from './page-context.js';
import {
  alert,
  checkboxField,
  csrfField,
  errorSummary,
  ProblemList,
  submitButton,
} from '../../../platform/web/components.js';
import { registerWarnings } from './register.js';

export function lockPage(
  ctx: PageContext,
  p: LockPreview,
  form: { confirmed: boolean; problems: FieldProblem[] },
): SafeHtml {
  const { t } = ctx;
  const r = p.round;
  const invalid = form.problems.some((x) => x.field === 'confirm');
  return html`<p><a class="utrecht-link" href="${ctx.href(`/monitor/rounds/${r.id}`)}">${t('monitor.back.round', { name: r.name })}</a></p>
<h1 class="utrecht-heading-1">${t('monitor.lock.title', { name: r.name })}</h1>
${errorSummary(new ProblemList(form.problems, ctx.t), (f) => (f === 'confirm' ? t('monitor.lock.field') : t('monitor.round.lockLabel')), ctx.t)}
<p class="utrecht-paragraph">${t('monitor.lock.intro')}</p>
${
  p.awaiting.length
    ? alert('warning', t('monitor.lock.awaiting', { codes: p.awaiting.map((e) => e.actionCode).join(', ') }))
    : ''
}
<h2 class="utrecht-heading-2">${t('monitor.lock.frozen')}</h2>
<ul class="utrecht-unordered-list">
<li>${t('monitor.lock.entries', { count: p.entries.length })}</li>
${p.notUpdated.length ? html`<li>${t('monitor.lock.notUpdated', { count: p.notUpdated.length })}</li>` : ''}
<li>${t('monitor.lock.register', { count: p.register.commitments.length })}</li>
<li>${t('monitor.lock.overdue', { count: p.register.overdue.length })}</li>
<li>${t('monitor.lock.statuses')}</li>
</ul>
${
  p.carried.length
    ? html`<h2 class="utrecht-heading-2" id="carried">${t('monitor.lock.carriedTitle', { count: p.carried.length })}</h2>
<p class="utrecht-paragraph">${t('monitor.lock.carriedHelp')}</p>
<ul class="utrecht-unordered-list">${p.carried.map(
        (e) =>
          html`<li><a class="utrecht-link" href="${ctx.href(`/monitor/rounds/${r.id}/actions/${e.actionId}`)}">${e.actionCode} ${e.actionTitle}</a> (${e.ownerName})</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph">${t('monitor.lock.carriedNone')}</p>`
}
${registerWarnings(t, p.register)}
<form method="post" action="${ctx.href(`/monitor/rounds/${r.id}/lock`)}" novalidate>
${csrfField(ctx.csrfToken)}
${checkboxField({
  name: 'confirm',
  checked: form.confirmed,
  label: t('monitor.lock.confirm'),
  ...(invalid ? { error: t('monitor.lock.confirmRequired') } : {}),
})}
<p class="samen-actions">${submitButton(t('monitor.lock.submit'))}
<a class="utrecht-link" href="${ctx.href(`/monitor/rounds/${r.id}`)}">${t('monitor.lock.cancel')}</a></p>
</form>`;
}
