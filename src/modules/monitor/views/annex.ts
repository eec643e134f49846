// The annex as HTML: the body shown in the app's layout, and a standalone document (for `samen monitor annex
// --format html`) with its own small stylesheet. Grouped by action line; a summary chart with its data table;
// what changed since the previous round is marked in words, not by colour alone.
import { table } from '../../../platform/web/components.js';
import { html, raw, type SafeHtml } from '../../../platform/web/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { Annex, AnnexAction, AnnexLine } from '../annex.js';
import { ACTION_STATUSES } from '../types.js';
import { statusChart } from './chart.js';
import { formatDate, formatNumber } from './format.js';
import { registerSection } from './register.js';

export interface AnnexContext {
  t: Translate;
  locale: string;
}

export function lineHeading(t: Translate, line: { code: string; title: string }): string {
  return /^\d+$/.test(line.code)
    ? t('monitor.annex.lineHeading', { code: line.code, title: line.title })
    : line.title;
}

export function changeText(ctx: AnnexContext, a: AnnexAction, previousName: string): string {
  const { t } = ctx;
  const parts = a.changes.map((c) =>
    c === 'status' && a.previousStatus
      ? t('monitor.change.statusFromTo', {
          from: t(`monitor.status.${a.previousStatus}`),
          to: t(`monitor.status.${a.status}`),
        })
      : t(`monitor.change.${c}`),
  );
  return t('monitor.annex.changedSince', { round: previousName, changes: parts.join(', ') });
}

function summaryTable(ctx: AnnexContext, annex: Annex, id: string): SafeHtml {
  const { t } = ctx;
  const changed = (n: number) => (annex.previous ? [n] : []);
  return table({
    id,
    caption: t('monitor.annex.summaryCaption'),
    head: [
      t('monitor.annex.line'),
      ...ACTION_STATUSES.map((s) => t(`monitor.status.${s}`)),
      t('monitor.annex.total'),
      ...(annex.previous ? [t('monitor.annex.changed')] : []),
    ],
    rows: [
      ...annex.lines.map((line) => ({
        head: lineHeading(t, line),
        cells: [...ACTION_STATUSES.map((s) => line.counts[s]), line.actions.length, ...changed(line.changed)],
      })),
      {
        head: t('monitor.annex.total'),
        cells: [
          ...ACTION_STATUSES.map((s) => annex.totals[s]),
          annex.actionCount,
          ...changed(annex.changedCount),
        ],
      },
    ],
  });
}

function indicatorTable(ctx: AnnexContext, a: AnnexAction): SafeHtml {
  const { t, locale } = ctx;
  if (a.indicators.length === 0) return html``;
  const id = `ind-${a.actionId}`;
  return table({
    id,
    captionId: id,
    caption: t('monitor.annex.indicatorsOf', { code: a.code }),
    head: [t('monitor.indicator.name'), t('monitor.indicator.period'), t('monitor.indicator.value')],
    rows: a.indicators.map((v) => ({
      head: v.name,
      cells: [v.period, `${formatNumber(v.value, locale)} ${v.unit}`],
    })),
  });
}

export const holdersLabel = (t: Translate, a: AnnexAction) =>
  a.holders.length > 1 ? t('monitor.annex.holders') : t('monitor.action.owner');

/** "Aantal meldingen (2025): 21 → 44": every indicator value that changed, with its old and new value. */
export function indicatorChangeTexts(ctx: AnnexContext, a: AnnexAction): string[] {
  const { t, locale } = ctx;
  const n = (v: number | null, unit: string) =>
    v === null ? '—' : `${formatNumber(v, locale)} ${unit}`.trim();
  return a.indicatorChanges.map((c) =>
    t('monitor.annex.indicatorChange', {
      name: c.name,
      period: c.period,
      from: n(c.from, c.unit),
      to: n(c.to, c.unit),
    }),
  );
}

function indicatorChangeList(ctx: AnnexContext, a: AnnexAction): SafeHtml {
  const texts = indicatorChangeTexts(ctx, a);
  if (texts.length === 0) return html``;
  return html`<p class="utrecht-paragraph"><strong>${ctx.t('monitor.annex.indicatorChanges')}</strong></p>
<ul class="utrecht-unordered-list">${texts.map((x) => html`<li>${x}</li>`)}</ul>`;
}

export function overdueTexts(ctx: AnnexContext, a: AnnexAction): string[] {
  return a.overdue.map((m) =>
    ctx.t('monitor.annex.overdueItem', { title: m.title, date: formatDate(m.plannedDate, ctx.locale) }),
  );
}

function overdueList(ctx: AnnexContext, a: AnnexAction): SafeHtml {
  const texts = overdueTexts(ctx, a);
  if (texts.length === 0) return html``;
  return html`<p class="utrecht-paragraph"><strong>${ctx.t('monitor.annex.overdue')}</strong></p>
<ul class="utrecht-unordered-list">${texts.map((x) => html`<li>${x}</li>`)}</ul>`;
}

function actionBlock(ctx: AnnexContext, annex: Annex, a: AnnexAction): SafeHtml {
  const { t } = ctx;
  return html`<section class="monitor-action" aria-labelledby="action-${a.actionId}">
<h3 class="utrecht-heading-3" id="action-${a.actionId}">${a.code} ${a.title}</h3>
${
  a.changes.length && annex.previous
    ? html`<p class="monitor-change"><strong>${t('monitor.annex.changedLabel')}</strong> ${changeText(ctx, a, annex.previous.name)}</p>`
    : ''
}
<dl class="samen-dl">
<dt>${holdersLabel(t, a)}</dt><dd>${a.holders.join(', ')}</dd>
<dt>${t('monitor.action.status')}</dt><dd>${t(`monitor.status.${a.status}`)}</dd>
</dl>
${a.narrative ? html`<p class="utrecht-paragraph">${a.narrative}</p>` : ''}
${a.narrativeCarried ? html`<p class="monitor-review-mark"><strong>${t('monitor.carried.mark')}</strong></p>` : ''}
${a.carriedOver ? html`<p class="samen-meta">${t('monitor.annex.carriedOver')}</p>` : ''}
${indicatorTable(ctx, a)}
${indicatorChangeList(ctx, a)}
${overdueList(ctx, a)}
</section>`;
}

function lineSection(ctx: AnnexContext, annex: Annex, line: AnnexLine): SafeHtml {
  const { t } = ctx;
  const counts = ACTION_STATUSES.filter((s) => line.counts[s] > 0)
    .map((s) => `${line.counts[s]} ${t(`monitor.status.${s}`).toLowerCase()}`)
    .join(', ');
  return html`<section class="monitor-line" aria-labelledby="line-${line.code}">
<h2 class="utrecht-heading-2" id="line-${line.code}">${lineHeading(t, line)}</h2>
<p class="utrecht-paragraph">${t('monitor.annex.lineSummary', { count: line.actions.length, counts })}${
    annex.previous ? ` ${t('monitor.annex.lineChanged', { count: line.changed })}` : ''
  }</p>
${line.actions.map((a) => actionBlock(ctx, annex, a))}
</section>`;
}

/** The annex content (one h1), for the app's layout or the standalone document. */
export function annexBody(ctx: AnnexContext, annex: Annex, extra: SafeHtml = html``): SafeHtml {
  const { t, locale } = ctx;
  const r = annex.round;
  return html`<h1 class="utrecht-heading-1">${t('monitor.annex.title')}</h1>
<p class="utrecht-paragraph">${t('monitor.annex.intro', { round: r.name, letter: r.letter || '—' })}</p>
<p class="samen-meta">${r.lockedAt ? t('monitor.annex.lockedOn', { date: formatDate(r.lockedAt.toISOString().slice(0, 10), locale) }) : ''} ${
    annex.previous
      ? t('monitor.annex.comparedWith', { round: annex.previous.name })
      : t('monitor.annex.noPrevious')
  }</p>
${extra}
<h2 class="utrecht-heading-2">${t('monitor.annex.summary')}</h2>
${statusChart(
  'annex-chart',
  t,
  annex.lines.map((l) => ({ label: l.code, counts: l.counts })),
  t('monitor.annex.chartTitle'),
)}
${summaryTable(ctx, annex, 'annex-summary')}
${annex.lines.map((line) => lineSection(ctx, annex, line))}
${registerSection(ctx, annex.register)}`;
}

// Fits a 360 px screen: nothing wider than the page; wide tables scroll inside their own focusable region, long
// words (organisation names, Kamerstuk references) wrap, the chart scales down.
const DOCUMENT_CSS = `*,*::before,*::after{box-sizing:border-box}
body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1f23;max-width:60rem;margin:2rem auto;padding:0 1rem;overflow-wrap:anywhere}
main{min-width:0}.samen-table-wrap{max-width:100%;overflow-x:auto}svg{max-width:100%;height:auto}
.monitor-review-mark{border-inline-start:6px solid #1b1f23;background:#eef1f4;padding:.25rem 1rem}
table{border-collapse:collapse;margin-block:1rem}th,td{border:1px solid #8a96a3;padding:.25rem .5rem;text-align:start}
caption{text-align:start;font-weight:bold}.monitor-change{border-inline-start:6px solid #8a3b00;background:#fff4d6;padding:.5rem 1rem}
.samen-meta{color:#4a5560}.samen-dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}.samen-dl dt{font-weight:bold}
.samen-dl dd{margin:0}.monitor-chart{max-width:min(40rem,100%)}
@media (max-width:30rem){.samen-dl{grid-template-columns:1fr}.samen-dl dd{margin-block-end:.5rem}}`;

/** A complete HTML document of the annex, to be saved as a file and opened anywhere. */
export function annexDocument(ctx: AnnexContext, annex: Annex): string {
  const { t } = ctx;
  return html`<!doctype html>
<html lang="${ctx.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('monitor.annex.title')} · ${annex.round.name}</title>
<style>${raw(DOCUMENT_CSS)}</style></head>
<body><main>${annexBody(ctx, annex)}</main></body></html>`.value;
}
