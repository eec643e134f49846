// The campaign page's lists for issue 21 points 3 and 8: campaigns that look like one counted twice (so the team
// can withdraw the copy or confirm both), and the withdrawn campaigns with their reasons; each name links to the
// campaign's own page with its history.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { Campaign } from '../inventory/campaigns.js';
import type { SimilarPair } from '../inventory/similar.js';
import { campaignPeriod } from './campaign-detail.js';
import { type PageContext } from './page-context.js';
import { table } from '../../../platform/web/components.js';

export const campaignLink = (ctx: PageContext, c: Campaign): SafeHtml =>
  html`<a class="utrecht-link" href="${ctx.href(`/monitor/campaigns/${c.id}`)}">${c.name}</a>`;

const described = (ctx: PageContext, c: Campaign) =>
  html`${campaignLink(ctx, c)} (${c.organisation}, ${campaignPeriod(c)})`;

export function similarSection(ctx: PageContext, pairs: SimilarPair<Campaign>[]): SafeHtml {
  const { t } = ctx;
  if (pairs.length === 0) return html``;
  return html`<h2 class="utrecht-heading-2" id="similar">${t('monitor.campaign.similarTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.campaign.similarIntro')}</p>
<ul class="utrecht-unordered-list">${pairs.map(
    (p) =>
      html`<li>${described(ctx, p.a)} · ${described(ctx, p.b)}: ${t(`monitor.campaign.similar.${p.why}`)}</li>`,
  )}</ul>`;
}

export function withdrawnSection(ctx: PageContext, withdrawn: Campaign[]): SafeHtml {
  const { t } = ctx;
  if (withdrawn.length === 0) return html``;
  return html`<h2 class="utrecht-heading-2" id="withdrawn">${t('monitor.campaign.withdrawnTitle')}</h2>
${table({
  id: 'withdrawn-campaigns',
  caption: t('monitor.campaign.withdrawnCaption', { count: withdrawn.length }),
  head: [
    t('monitor.campaign.field.name'),
    t('monitor.campaign.field.organisation'),
    t('monitor.campaign.period'),
    t('monitor.campaign.field.reason'),
  ],
  rows: withdrawn.map((c) => ({
    head: campaignLink(ctx, c),
    cells: [c.organisation, campaignPeriod(c), c.withdrawnReason],
  })),
})}`;
}
