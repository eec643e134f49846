// The public explorer: the published data sets, and for one of them a GET form (up to three columns and
// filters, works without script), the table, the chart beside it and the CSV download. Every number comes from
// the protected cube.
import { translateOr, type Translate } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alertBlock,
  ProblemList,
  selectField,
  submitButton,
  table,
  type Choice,
  type FormValues,
} from '../../../platform/web/components.js';
import { MISSING_TOKEN, type TableAnswer } from '../disclosure.js';
import { FLAG_COLUMNS } from '../formats.js';
import type { DatasetRow, ReleaseRow } from '../repository.js';
import type { ExactReport, UtilityReport } from '../evaluate.js';
import { barChart, MAX_BARS } from './chart.js';

export interface ExplorerContext {
  t: Translate;
  locale: string;
  href: (path: string) => string;
}

export interface ExplorerChoice {
  dims: string[];
  /** `column=value` pairs, as the form sends them. */
  filters: string[];
}

export function datasetsPage(ctx: ExplorerContext, datasets: DatasetRow[]): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('stats.title')}</h1>
    <p class="utrecht-paragraph utrecht-paragraph--lead">${t('stats.intro')}</p>
    ${
      datasets.length
        ? html`<ul class="samen-plain-list">
            ${datasets.map(
              (d) => html`<li class="samen-card">
                <h2 class="utrecht-heading-3">
                  <a class="utrecht-link" href="${ctx.href(`/stats/${d.name}`)}">${d.title}</a>
                </h2>
                <p class="utrecht-paragraph">${t(`stats.format.${d.format}`)}</p>
                <p class="samen-meta">${t('stats.protection', { k: d.k })}</p>
              </li>`,
            )}
          </ul>`
        : html`<p class="utrecht-paragraph">${t('stats.none')}</p>`
    }
    <p class="utrecht-paragraph">${t('stats.apiNote')} <a class="utrecht-link" href="/api/docs">/api/docs</a></p>`;
}

/** A column's name for people, where the catalogue has one (HTCDS extension columns keep their name). */
export function columnLabel(name: string, t: Translate): string {
  return translateOr(t, `stats.column.${name}`, name);
}

/** A value for people: a flag's 1 and 0 as yes and no (in the column it belongs to), an empty value as missing. */
export function valueLabel(value: string | null, t: Translate, column?: string): string {
  if (value === null || value === '' || value === MISSING_TOKEN) return t('stats.missing');
  if (column !== undefined && FLAG_COLUMNS.has(column)) {
    if (value === '1') return t('stats.flag.yes');
    if (value === '0') return t('stats.flag.no');
  }
  return value;
}

export function queryOf(choice: ExplorerChoice): string {
  const params = new URLSearchParams();
  choice.dims.forEach((d, i) => params.set(`d${i + 1}`, d));
  choice.filters.forEach((f, i) => params.set(`f${i + 1}`, f));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function explorerPage(
  ctx: ExplorerContext,
  dataset: DatasetRow,
  dimensions: { name: string; values: string[] }[],
  choice: ExplorerChoice,
  result: TableAnswer | undefined,
  problems: { field: string; message: string }[],
  releases: ReleaseRow[],
  /** Where the form and the CSV live: the public page, or the staff preview of an unpublished data set. */
  base = `/stats/${dataset.name}`,
): SafeHtml {
  const { t } = ctx;
  const number = new Intl.NumberFormat(ctx.locale);
  const dimChoices = (allowNone: boolean): Choice[] => [
    ...(allowNone ? [{ value: '', label: t('stats.form.none') }] : []),
    ...dimensions.map((d) => ({ value: d.name, label: columnLabel(d.name, t) })),
  ];
  const filterChoices: Choice[] = [
    { value: '', label: t('stats.form.noFilter') },
    ...dimensions.flatMap((d) =>
      [...d.values, MISSING_TOKEN].map((v) => ({
        value: `${d.name}=${v}`,
        label: `${columnLabel(d.name, t)}: ${valueLabel(v, t, d.name)}`,
        group: columnLabel(d.name, t),
      })),
    ),
  ];
  // The form's own names (d1..d3, f1, f2) are its ids too: the page's script and tests select them.
  const values: FormValues = {
    d1: choice.dims[0],
    d2: choice.dims[1] ?? '',
    d3: choice.dims[2] ?? '',
    f1: choice.filters[0] ?? '',
    f2: choice.filters[1] ?? '',
  };
  const f = { values, problems: new ProblemList([], t) };
  const select = (name: string, label: string, choices: Choice[]) =>
    selectField({ ...f, name, id: name, label, choices }, t);
  const q = queryOf(choice);
  return html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/stats')}">${t('stats.back')}</a></p>
    <h1 class="utrecht-heading-1">${dataset.title}</h1>
    <p class="utrecht-paragraph">${t(`stats.format.${dataset.format}`)}</p>
    <p class="utrecht-paragraph">
      ${t('stats.protection', { k: dataset.k })}
      ${dataset.roundingBase ? t('stats.rounding', { base: dataset.roundingBase }) : ''}
      ${t('stats.maxLength', { max: dataset.maxLength })}
    </p>
    ${base === `/stats/${dataset.name}` ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href(`/stats/${dataset.name}/ledger`)}">${t('stats.ledger.link')}</a></p>` : ''}
    <form class="samen-filters" method="get" action="${ctx.href(base)}" aria-label="${t('stats.form.label')}">
      ${select('d1', t('stats.form.dim', { n: 1 }), dimChoices(false))}
      ${select('d2', t('stats.form.dim', { n: 2 }), dimChoices(true))}
      ${select('d3', t('stats.form.dim', { n: 3 }), dimChoices(true))}
      ${select('f1', t('stats.form.filter', { n: 1 }), filterChoices)}
      ${select('f2', t('stats.form.filter', { n: 2 }), filterChoices)}
      <div class="samen-actions">
        ${submitButton(t('stats.form.show'))}
      </div>
    </form>
    ${
      problems.length
        ? alertBlock('error', {
            role: 'alert',
            more: html`<ul class="utrecht-unordered-list">
              ${problems.map((p) => html`<li>${p.message}</li>`)}
            </ul>`,
          })
        : ''
    }
    ${result ? resultSection(ctx, result, `${base}/table.csv${q}`, number) : ''}
    ${
      releases.length
        ? html`<section aria-labelledby="releases-title">
            <h2 class="utrecht-heading-2" id="releases-title">${t('stats.releases.title')}</h2>
            <p class="utrecht-paragraph">${t('stats.releases.intro')}</p>
            ${releases.map((r) =>
              releaseCard(
                ctx,
                dataset,
                r,
                `/api/v1/stats/datasets/${dataset.name}/releases/${r.id}/synthetic.csv`,
                `/api/v1/stats/datasets/${dataset.name}/releases/${r.id}/aggregates.csv`,
              ),
            )}
          </section>`
        : ''
    }`;
}

function resultSection(
  ctx: ExplorerContext,
  result: TableAnswer,
  csv: string,
  number: Intl.NumberFormat,
): SafeHtml {
  const { t } = ctx;
  const caption = t('stats.table.caption', {
    dims: result.dims.map((d) => columnLabel(d, t)).join(' × '),
    filters:
      Object.entries(result.filters)
        .map(([k, v]) => `${columnLabel(k, t)} = ${valueLabel(v, t, k)}`)
        .join(', ') || t('stats.table.noFilters'),
  });
  const bars = result.cells.map((c) => ({
    label: c.values.map((v, i) => valueLabel(v, t, result.dims[i])).join(' · '),
    count: c.count,
  }));
  return html`<section aria-labelledby="result-title">
    <h2 class="utrecht-heading-2" id="result-title">${t('stats.table.title')}</h2>
    <p class="utrecht-paragraph">
      ${t('stats.table.total')}: ${result.total === null ? t('stats.suppressed') : number.format(result.total)}.
      ${t('stats.table.suppressedNote', { k: result.k })}
    </p>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="${ctx.href(csv)}" download>${t('stats.table.download')}</a>
    </p>
    <div class="samen-stats-result">
      <div class="samen-stats-figure">
        ${barChart(bars, { title: caption, suppressedLabel: t('stats.suppressed'), locale: ctx.locale })}
        ${bars.length > MAX_BARS ? html`<p class="samen-meta">${t('stats.chart.truncated', { max: MAX_BARS })}</p>` : ''}
      </div>
      ${table({
        id: 'table',
        caption,
        head: [
          ...result.dims.map((d) => columnLabel(d, t)),
          { label: t('stats.table.count'), numeric: true },
        ],
        rows: result.cells.map((c) => ({
          head: valueLabel(c.values[0] ?? null, t, result.dims[0]),
          cells: [
            ...c.values.slice(1).map((v, i) => valueLabel(v, t, result.dims[i + 1])),
            c.count === null ? t('stats.suppressed') : number.format(c.count),
          ],
        })),
      })}
    </div>
  </section>`;
}

export function releaseCard(
  ctx: ExplorerContext,
  dataset: DatasetRow,
  r: ReleaseRow,
  download: string,
  aggregates: string,
): SafeHtml {
  const { t } = ctx;
  const id = `release-${r.id.slice(0, 8)}`;
  return html`<div class="samen-card">
    <h3 class="utrecht-heading-3" id="${id}">
      ${t('stats.releases.name', { date: r.createdAt.toISOString().slice(0, 10), epsilon: r.epsilon })}
    </h3>
    <p class="utrecht-paragraph">
      ${t('stats.releases.params', { epsilon: r.epsilon, delta: r.delta.toExponential(2), length: r.reportingLength, records: r.recordCount })}
    </p>
    ${
      r.utility
        ? utilityTable(ctx, `${id}-public`, t('stats.utility.caption'), r.utility)
        : html`<p class="utrecht-paragraph">${t('stats.utility.none')}</p>`
    }
    ${r.exactUtility ? exactSection(ctx, id, r.exactUtility) : ''}
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="${download}" download>${t('stats.releases.download')}</a>
      ${
        dataset.format === 'registrations'
          ? html` · <a class="utrecht-link" href="${download}?layout=ctdc-global" download>${t('stats.releases.downloadCtdc')}</a>`
          : ''
      }
    </p>
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="${aggregates}" download>${t('stats.releases.aggregates')}</a>
    </p>
  </div>`;
}

function utilityTable(ctx: ExplorerContext, id: string, caption: string, report: UtilityReport): SafeHtml {
  const { t } = ctx;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return table({
    id,
    caption,
    head: [
      t('stats.utility.length'),
      t('stats.utility.suppressed'),
      t('stats.utility.fabricated'),
      t('stats.utility.mae'),
      t('stats.utility.mpe'),
    ].map((label) => ({ label, numeric: true })),
    rows: report.lengths.map((l) => ({
      head: String(l.length),
      cells: [
        pct(l.suppressedShare),
        pct(l.fabricatedShare),
        l.meanAbsoluteError.toFixed(1),
        pct(l.meanProportionalError),
      ],
    })),
  });
}

/** Staff only: the exact report against the sensitive data and SDS's leakage figures. */
function exactSection(ctx: ExplorerContext, id: string, report: ExactReport): SafeHtml {
  const { t } = ctx;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const numeric = (label: string) => ({ label, numeric: true });
  const { leakage } = report;
  return html`<h4 class="utrecht-heading-4">${t('stats.exact.title')}</h4>
    <p class="utrecht-paragraph">${t('stats.exact.intro')}</p>
    ${utilityTable(ctx, `${id}-exact`, t('stats.exact.caption'), report)}
    ${
      leakage
        ? html`${table({
            id: `${id}-leak`,
            caption: t('stats.leakage.caption', { rare: leakage.rareBelow }),
            head: [
              t('stats.utility.length'),
              t('stats.leakage.rare'),
              t('stats.leakage.leaked'),
              t('stats.leakage.syntheticRare'),
            ].map(numeric),
            rows: leakage.lengths.map((l) => ({
              head: String(l.length),
              cells: [
                `${l.rare} (${pct(l.rareShare)})`,
                `${l.leaked} (${pct(l.leakedShare)})`,
                `${l.syntheticRare} (${pct(l.syntheticRareShare)})`,
              ],
            })),
          })}
            ${table({
              id: `${id}-bucket`,
              caption: t('stats.leakage.buckets'),
              head: [
                t('stats.leakage.bucket'),
                numeric(t('stats.leakage.combinations')),
                numeric(t('stats.leakage.ratio')),
                numeric(t('stats.utility.mpe')),
              ],
              rows: leakage.buckets.map((b) => ({
                head: b.to === null ? `≥ ${b.from}` : `${b.from}–${b.to - 1}`,
                cells: [b.combinations, `${b.meanRatio.toFixed(2)}×`, pct(b.meanProportionalError)],
              })),
            })}
            <p class="utrecht-paragraph">${t('stats.leakage.unique', { copied: leakage.uniqueCopied, unique: leakage.uniqueRecords })}</p>`
        : ''
    }`;
}
