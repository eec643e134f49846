// Reporting points and knowledge centres: the directory's live counts next to the letter's reference figures,
// per region, and the regions without a regional reporting point.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { DESK_TYPES, type DeskInventory } from '../inventory/desks.js';
import { type PageContext } from './page-context.js';
import { table } from '../../../platform/web/components.js';

export function desksPage(ctx: PageContext, nav: SafeHtml, d: DeskInventory): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('monitor.desks.title')}</h1>
${nav}
<p class="utrecht-paragraph">${t('monitor.desks.intro')}</p>
${d.sample ? html`<p class="samen-sample-notice">${t('monitor.desks.sample')}</p>` : ''}
${table({
  id: 'desk-counts',
  caption: t('monitor.desks.countsCaption'),
  head: [
    t('monitor.desks.kind'),
    t('monitor.desks.national'),
    t('monitor.desks.regional'),
    t('monitor.annex.total'),
  ],
  rows: DESK_TYPES.flatMap((desk) => [
    {
      head: `${t(`monitor.desks.type.${desk}`)} · ${t('monitor.desks.live')}`,
      cells: [d.live[desk].national, d.live[desk].regional, d.live[desk].total],
    },
    {
      head: `${t(`monitor.desks.type.${desk}`)} · ${t('monitor.desks.letter')}`,
      cells: [d.reference[desk].national, d.reference[desk].regional, d.reference[desk].total],
    },
  ]),
})}
<h2 class="utrecht-heading-2">${t('monitor.desks.byRegion')}</h2>
${table({
  id: 'desk-regions',
  caption: t('monitor.desks.regionsCaption'),
  head: [
    t('monitor.desks.region'),
    t('monitor.desks.type.reporting_point'),
    t('monitor.desks.type.knowledge_centre'),
  ],
  rows: d.byRegion.map((r) => ({
    head: r.unit.name,
    cells: [
      r.counts.reporting_point === 0
        ? html`<span class="monitor-dashboard-gap">0<span class="samen-visually-hidden"> (${t('monitor.desks.missing')})</span></span>`
        : r.counts.reporting_point,
      r.counts.knowledge_centre,
    ],
  })),
})}
<h2 class="utrecht-heading-2">${t('monitor.desks.withoutTitle')}</h2>
${
  d.regionsWithoutReportingPoint.length
    ? html`<ul class="utrecht-unordered-list">${d.regionsWithoutReportingPoint.map((u) => html`<li>${u.name}</li>`)}</ul>`
    : html`<p class="utrecht-paragraph">${t('monitor.desks.allCovered')}</p>`
}`;
}
