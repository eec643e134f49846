// The administrator's route check (/admin/nrm/routes, as `samen nrm check`): every route that would reach nobody,
// and every route that reaches only the next level, in words. No case content.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { RouteFinding } from '../routing.js';
import type { ViewContext } from './common.js';

export function routesPage(ctx: ViewContext, findings: RouteFinding[]): SafeHtml {
  const { t } = ctx;
  const nobody = findings.filter((f) => f.severity === 'nobody');
  const fallback = findings.filter((f) => f.severity === 'fallback');
  const list = (items: RouteFinding[]) =>
    html`<ul class="utrecht-unordered-list">${items.map((f) => html`<li>${t(f.key, f.params)}</li>`)}</ul>`;
  return html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/admin/nrm')}">${t('referrals.check.back')}</a></p>
<h1 class="utrecht-heading-1">${t('referrals.check.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.check.intro')}</p>
<h2 class="utrecht-heading-2">${t('referrals.check.nobodyTitle', { count: nobody.length })}</h2>
${nobody.length ? list(nobody) : html`<p class="utrecht-paragraph">${t('referrals.check.noneNobody')}</p>`}
<h2 class="utrecht-heading-2">${t('referrals.check.fallbackTitle', { count: fallback.length })}</h2>
${fallback.length ? list(fallback) : html`<p class="utrecht-paragraph">${t('referrals.check.noneFallback')}</p>`}`;
}
