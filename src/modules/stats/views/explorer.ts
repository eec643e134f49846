// The public explorer: the published data sets, and for one of them a GET form (up to three columns and
// filters, works without script), the table, the chart beside it and the CSV download. Every number comes from
// the protected cube.
import { translateOr, type Translate } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
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

function select(id: string, name: string, label: string, options: SafeHtml): SafeHtml {
  return html`<div class="utrecht-form-field">
    <div class="utrecht-form-field__label">
      <label class="utrecht-form-label" for="${id}">${label}</label>
    </div>
    <div class="utrecht-form-field__input">
      <select class="utrecht-select utrecht-select--html-select" id="${id}" name="${name}">
        ${options}
      </select>
    </div>
  </div>`;
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
  const dimOptions = (selected: string | undefined, allowNone: boolean) =>
    html`${allowNone ? html`<option value="" ${attrIf(!selected, 'selected')}>${t('stats.form.none')}</option>` : ''}
      ${dimensions.map((d) => html`<option value="${d.name}" ${attrIf(selected === d.name, 'selected')}>${columnLabel(d.name, t)}</option>`)}`;
  const filterOptions = (selected: string | undefined) =>
    html`<option value="" ${attrIf(!selected, 'selected')}>${t('stats.form.noFilter')}</option>
      ${dimensions.map(
        (d) => html`<optgroup label="${columnLabel(d.name, t)}">
          ${[...d.values, MISSING_TOKEN].map((v) => {
            const value = `${d.name}=${v}`;
            return html`<option value="${value}" ${attrIf(selected === value, 'selected')}>
              ${columnLabel(d.name, t)}: ${valueLabel(v, t, d.name)}
            </option>`;
          })}
        </optgroup>`,
      )}`;
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
      ${select('d1', 'd1', t('stats.form.dim', { n: 1 }), dimOptions(choice.dims[0], false))}
      ${select('d2', 'd2', t('stats.form.dim', { n: 2 }), dimOptions(choice.dims[1], true))}
      ${select('d3', 'd3', t('stats.form.dim', { n: 3 }), dimOptions(choice.dims[2], true))}
      ${select('f1', 'f1', t('stats.form.filter', { n: 1 }), filterOptions(choice.filters[0]))}
      ${select('f2', 'f2', t('stats.form.filter', { n: 2 }), filterOptions(choice.filters[1]))}
      <div class="samen-actions">
        <button class="utrecht-button utrecht-button--primary-action" type="submit">${t('stats.form.show')}</button>
      </div>
    </form>
    ${
      problems.length
        ? html`<div class="utrecht-alert utrecht-alert--error samen-alert" role="alert">
            <ul class="utrecht-unordered-list">
              ${problems.map((p) => html`<li>${p.message}</li>`)}
            </ul>
          </div>`
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
      <div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="table-caption">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption" id="table-caption">${caption}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              ${result.dims.map((d) => html`<th class="utrecht-table__header-cell" scope="col">${columnLabel(d, t)}</th>`)}
              <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">${t('stats.table.count')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            ${result.cells.map(
              (c) => html`<tr class="utrecht-table__row">
                ${c.values.map((v, i) => html`<td class="utrecht-table__cell">${valueLabel(v, t, result.dims[i])}</td>`)}
                <td class="utrecht-table__cell utrecht-table__cell--numeric">
                  ${c.count === null ? t('stats.suppressed') : number.format(c.count)}
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
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
  return html`<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="${id}-caption">
    <table class="utrecht-table">
      <caption class="utrecht-table__caption" id="${id}-caption">${caption}</caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          <th class="utrecht-table__header-cell" scope="col">${t('stats.utility.length')}</th>
          <th class="utrecht-table__header-cell" scope="col">${t('stats.utility.suppressed')}</th>
          <th class="utrecht-table__header-cell" scope="col">${t('stats.utility.fabricated')}</th>
          <th class="utrecht-table__header-cell" scope="col">${t('stats.utility.mae')}</th>
          <th class="utrecht-table__header-cell" scope="col">${t('stats.utility.mpe')}</th>
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        ${report.lengths.map(
          (l) => html`<tr class="utrecht-table__row">
            <td class="utrecht-table__cell">${l.length}</td>
            <td class="utrecht-table__cell">${pct(l.suppressedShare)}</td>
            <td class="utrecht-table__cell">${pct(l.fabricatedShare)}</td>
            <td class="utrecht-table__cell">${l.meanAbsoluteError.toFixed(1)}</td>
            <td class="utrecht-table__cell">${pct(l.meanProportionalError)}</td>
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Staff only: the exact report against the sensitive data and SDS's leakage figures. */
function exactSection(ctx: ExplorerContext, id: string, report: ExactReport): SafeHtml {
  const { t } = ctx;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const th = (label: string) => html`<th class="utrecht-table__header-cell" scope="col">${label}</th>`;
  const td = (value: string | number) => html`<td class="utrecht-table__cell">${value}</td>`;
  const { leakage } = report;
  return html`<h4 class="utrecht-heading-4">${t('stats.exact.title')}</h4>
    <p class="utrecht-paragraph">${t('stats.exact.intro')}</p>
    ${utilityTable(ctx, `${id}-exact`, t('stats.exact.caption'), report)}
    ${
      leakage
        ? html`<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="${id}-leak-caption">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption" id="${id}-leak-caption">${t('stats.leakage.caption', { rare: leakage.rareBelow })}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                  ${th(t('stats.utility.length'))}${th(t('stats.leakage.rare'))}${th(t('stats.leakage.leaked'))}${th(t('stats.leakage.syntheticRare'))}
                </tr></thead>
                <tbody class="utrecht-table__body">
                  ${leakage.lengths.map(
                    (l) => html`<tr class="utrecht-table__row">
                      ${td(l.length)}${td(`${l.rare} (${pct(l.rareShare)})`)}${td(`${l.leaked} (${pct(l.leakedShare)})`)}${td(`${l.syntheticRare} (${pct(l.syntheticRareShare)})`)}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="${id}-bucket-caption">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption" id="${id}-bucket-caption">${t('stats.leakage.buckets')}</caption>
                <thead class="utrecht-table__header"><tr class="utrecht-table__row">
                  ${th(t('stats.leakage.bucket'))}${th(t('stats.leakage.combinations'))}${th(t('stats.leakage.ratio'))}${th(t('stats.utility.mpe'))}
                </tr></thead>
                <tbody class="utrecht-table__body">
                  ${leakage.buckets.map(
                    (b) => html`<tr class="utrecht-table__row">
                      ${td(b.to === null ? `≥ ${b.from}` : `${b.from}–${b.to - 1}`)}${td(b.combinations)}${td(`${b.meanRatio.toFixed(2)}×`)}${td(pct(b.meanProportionalError))}
                    </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="utrecht-paragraph">${t('stats.leakage.unique', { copied: leakage.uniqueCopied, unique: leakage.uniqueRecords })}</p>`
        : ''
    }`;
}
