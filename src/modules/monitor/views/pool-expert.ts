// A member of the pool, for the coordinator only: the real identity (the look is audited), the profile's edit
// form opened with the stored values (and the version it was opened on, so a stale edit is refused and keeps what
// was typed), and erasure. An erased member shows the pseudonym and that it was erased, nothing else.
import { csrfField, hiddenField, notice, submitButton, textField } from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { ExpertIdentity, ExpertProfile } from '../pool/matching.js';
import { type PageContext } from './page-context.js';
import { formatDate } from './format.js';
import { errs, flag, needsFields, shown, summary, type PoolForm } from './pool-forms.js';
import { expertise } from './pool.js';

export function expertPage(ctx: PageContext, e: ExpertProfile & ExpertIdentity, f: PoolForm): SafeHtml {
  const { t, locale } = ctx;
  const label = (field: string) => t(`monitor.pool.field.${field}`);
  const back = html`<p><a class="utrecht-link" href="${ctx.href('/monitor/pool')}">${t('monitor.pool.back')}</a></p>`;
  if (e.erased)
    return html`${back}
<h1 class="utrecht-heading-1">${e.pseudonym}</h1>
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.pool.erasedText')}</p>`;
  // After a conflict the form carries the version now stored: what was typed stays, and saving it again is a
  // choice made with the stored values in view (above). After a plain refusal it keeps the version it was opened on.
  const version = f.form === 'expertEdit' && !f.conflict ? String(f.values.version ?? '') : String(e.version);
  return html`${back}
<h1 class="utrecht-heading-1">${e.pseudonym}</h1>
${summary(ctx, f, label)}
${f.notice ? notice(f.notice) : ''}
<p class="samen-sample-notice">${t('monitor.pool.identityNotice')}</p>
<dl class="samen-dl">
<dt>${t('monitor.pool.field.real_name')}</dt><dd>${e.realName}</dd>
<dt>${t('monitor.pool.field.contact')}</dt><dd>${e.contact || '—'}</dd>
<dt>${t('monitor.pool.expertise')}</dt><dd>${expertise(ctx, e)}</dd>
<dt>${t('monitor.pool.field.available')}</dt><dd>${e.available ? t('monitor.compare.yes') : t('monitor.compare.no')}</dd>
<dt>${t('monitor.pool.field.consent_on')}</dt><dd>${formatDate(e.consentOn, locale)}</dd>
<dt>${t('monitor.pool.field.retain_until')}</dt><dd>${formatDate(e.retainUntil, locale)}</dd>
</dl>
<h2 class="utrecht-heading-2">${t('monitor.pool.editExpert')}</h2>
<form method="post" action="${ctx.href(`/monitor/pool/experts/${e.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', version)}
${textField({ name: 'pseudonym', label: label('pseudonym'), description: t('monitor.pool.pseudonymHelp'), value: shown(f, 'expertEdit', 'pseudonym', e.pseudonym), errors: errs(ctx, f, 'expertEdit', 'pseudonym'), required: true }, ctx.t)}
${textField({ name: 'real_name', label: label('real_name'), description: t('monitor.pool.realNameHelp'), value: shown(f, 'expertEdit', 'real_name', e.realName), errors: errs(ctx, f, 'expertEdit', 'real_name'), required: true }, ctx.t)}
${textField({ name: 'contact', label: label('contact'), value: shown(f, 'expertEdit', 'contact', e.contact), errors: errs(ctx, f, 'expertEdit', 'contact') }, ctx.t)}
${needsFields(ctx, f, 'expertEdit', e)}
${flag(ctx, f, 'expertEdit', 'available', e.available)}
${textField({ name: 'hours_per_month', label: label('hours_per_month'), inputmode: 'numeric', value: shown(f, 'expertEdit', 'hours_per_month', e.hoursPerMonth === null ? '' : String(e.hoursPerMonth)), errors: errs(ctx, f, 'expertEdit', 'hours_per_month') }, ctx.t)}
${textField({ name: 'consent_on', type: 'date', label: label('consent_on'), value: shown(f, 'expertEdit', 'consent_on', e.consentOn ?? ''), errors: errs(ctx, f, 'expertEdit', 'consent_on') }, ctx.t)}
${textField({ name: 'retain_until', type: 'date', label: label('retain_until'), description: t('monitor.pool.retainHelp'), value: shown(f, 'expertEdit', 'retain_until', e.retainUntil ?? ''), errors: errs(ctx, f, 'expertEdit', 'retain_until') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.pool.saveExpert'))}</p>
</form>
<h2 class="utrecht-heading-2">${t('monitor.pool.eraseTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.pool.eraseText')}</p>
<form method="post" action="${ctx.href(`/monitor/pool/experts/${e.id}/erase`)}" novalidate>
${csrfField(ctx.csrfToken)}
<p class="samen-actions">${submitButton(t('monitor.pool.erase'), { variant: 'secondary', confirm: t('monitor.pool.eraseConfirm', { pseudonym: e.pseudonym }) })}</p>
</form>`;
}
