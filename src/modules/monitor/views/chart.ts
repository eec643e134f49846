// A horizontal stacked bar chart of actions by status per action line, as SVG drawn on the server. The chart is
// an image with a title and description; the same numbers are always in a data table next to it (the table is
// the accessible form, the chart the glance). Colours have at least 3:1 contrast on white and every segment
// also carries its count as text, so colour is never the only carrier.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { ACTION_STATUSES, type ActionStatus } from '../types.js';

export const STATUS_COLOURS: Record<ActionStatus, string> = {
  planned: '#5a6b7b',
  running: '#1d5aa6',
  delayed: '#a34f00',
  completed: '#2b7a33',
  stopped: '#7a2d8c',
};

export interface ChartRow {
  label: string;
  counts: Record<ActionStatus, number>;
}

export function statusChart(id: string, t: Translate, rows: ChartRow[], title: string): SafeHtml {
  const longest = Math.max(1, ...rows.map((r) => Math.min(22, r.label.length)));
  const labelWidth = Math.round(Math.min(150, 16 + longest * 7.5));
  const barWidth = 440;
  const rowHeight = 30;
  const top = 34;
  const height = top + rows.length * rowHeight + 8;
  const max = Math.max(1, ...rows.map((r) => ACTION_STATUSES.reduce((n, s) => n + r.counts[s], 0)));
  // The legend shares the chart's width, so every status (also the last) stays inside the viewBox.
  const legendStep = Math.floor((labelWidth + barWidth + 20) / ACTION_STATUSES.length);
  const legend = ACTION_STATUSES.map((s, i) => {
    const x = i * legendStep;
    return html`<rect x="${x}" y="4" width="14" height="14" fill="${STATUS_COLOURS[s]}"></rect><text x="${x + 18}" y="16" font-size="12" fill="#1a1a1a">${t(`monitor.status.${s}`)}</text>`;
  });
  const bars = rows.map((row, i) => {
    const y = top + i * rowHeight;
    let x = labelWidth;
    const segments = ACTION_STATUSES.filter((s) => row.counts[s] > 0).map((s) => {
      const w = (row.counts[s] / max) * barWidth;
      const seg = html`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="20" fill="${STATUS_COLOURS[s]}"></rect>${
        w >= 16
          ? html`<text x="${(x + w / 2).toFixed(1)}" y="${y + 14}" font-size="12" fill="#ffffff" text-anchor="middle">${row.counts[s]}</text>`
          : ''
      }`;
      x += w;
      return seg;
    });
    const label = row.label.length > 22 ? `${row.label.slice(0, 21)}…` : row.label;
    return html`<text x="0" y="${y + 14}" font-size="12" fill="#1a1a1a">${label}</text>${segments}`;
  });
  return html`<svg class="monitor-chart" id="${id}" viewBox="0 0 ${labelWidth + barWidth + 20} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${t('monitor.chart.desc')}</desc>
<g aria-hidden="true">${legend}${bars}</g>
</svg>`;
}
