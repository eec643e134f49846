// A horizontal bar chart as SVG, rendered on the server (no script). It repeats the table beside it, which is
// what screen readers read: the chart is one labelled image.
import { html, type SafeHtml } from '../../../platform/web/html.js';

export interface Bar {
  label: string;
  count: number | null;
}

export const MAX_BARS = 60;

export function barChart(
  bars: Bar[],
  options: { title: string; suppressedLabel: string; locale: string },
): SafeHtml {
  const shown = bars.slice(0, MAX_BARS);
  const max = Math.max(1, ...shown.map((b) => b.count ?? 0));
  // Each row: its label on one line, the bar below it, so the chart stays legible on a phone.
  const rowHeight = 38;
  const barWidth = 300;
  const width = 400;
  const height = shown.length * rowHeight + 6;
  const number = new Intl.NumberFormat(options.locale);
  const short = (text: string) => (text.length > 52 ? `${text.slice(0, 50)}…` : text);
  return html`<svg
    class="samen-stats-chart"
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${width} ${height}"
    width="100%"
    role="img"
    aria-labelledby="chart-title"
  >
    <title id="chart-title">${options.title}</title>
    ${shown.map((bar, i) => {
      const y = 4 + i * rowHeight;
      const w =
        bar.count === null ? 0 : Math.max(bar.count > 0 ? 1 : 0, Math.round((bar.count / max) * barWidth));
      return html`<g>
        <text x="0" y="${y + 12}" font-size="13" fill="currentColor">${short(bar.label)}</text>
        ${
          bar.count === null
            ? html`<rect x="0.5" y="${y + 17.5}" width="40" height="15" fill="none" stroke="currentColor" stroke-dasharray="3 3" />
                <text x="48" y="${y + 29}" font-size="13" fill="currentColor">${options.suppressedLabel}</text>`
            : html`<rect x="0" y="${y + 17}" width="${w}" height="16" fill="#1d4f91" />
                <text x="${w + 6}" y="${y + 29}" font-size="13" fill="currentColor">${number.format(bar.count)}</text>`
        }
      </g>`;
    })}
  </svg>`;
}
