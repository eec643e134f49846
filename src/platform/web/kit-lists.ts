// The kit's lists: tables (column and row headers, numeric columns, an empty row), pagination (with a total or
// only a next page) and status badges. Part of the one kit; import it from components.ts.
import type { Translate } from '../i18n/index.js';
import { html, SafeHtml } from './html.js';

export function pagination(
  o: {
    page: number;
    href: (page: number) => string;
    /** What the pages are of, when a page has more than one list with pages (names each navigation apart). */
    label?: string;
  } & (
    { perPage: number; total: number; hasNext?: never } | { hasNext: boolean; perPage?: never; total?: never }
  ),
  t: Translate,
): SafeHtml {
  // Without a total (a list read one row beyond its page), the next page is known to exist, not how many follow.
  const pages = o.total === undefined ? undefined : Math.max(1, Math.ceil(o.total / o.perPage));
  const hasNext = pages === undefined ? o.hasNext : o.page < pages;
  if (o.page <= 1 && !hasNext) return html``;
  return html`<nav class="samen-pagination" aria-label="${o.label ?? t('kit.pagination.label')}">
    <ul>
      ${o.page > 1 ? html`<li><a class="utrecht-link" rel="prev" href="${o.href(o.page - 1)}">${t('kit.pagination.previous')}</a></li>` : ''}
      <li><span aria-current="page">${pages === undefined ? t('kit.pagination.page', { page: o.page }) : t('kit.pagination.status', { page: o.page, pages })}</span></li>
      ${hasNext ? html`<li><a class="utrecht-link" rel="next" href="${o.href(o.page + 1)}">${t('kit.pagination.next')}</a></li>` : ''}
    </ul>
  </nav>`;
}

/** A query string from the non-empty values, for links that keep the current filters. */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** A column of a table: its header, and whether its cells are numbers (aligned to the end). */
export interface TableColumn {
  label: string | SafeHtml;
  numeric?: boolean;
}

/** A cell's content, or the content with another class (a long value that may wrap anywhere). */
export type TableCell = string | number | SafeHtml | { value: string | number | SafeHtml; className: string };

/** A row: its header cell (none: data cells only), its cells, and an id when a link points at the row. */
export interface TableRow {
  head?: string | SafeHtml;
  cells: TableCell[];
  id?: string;
}

const numericClass = (numeric: boolean | undefined, kind: 'cell' | 'header-cell') =>
  numeric ? `utrecht-table__${kind}--numeric` : '';

/**
 * A table with column headers, scrollable on its own on a small screen. It is named by its caption
 * (`${id}-caption`), or, under a heading that already names it, by that heading's id (`labelledBy`). A row with a
 * `head` starts with that header cell (the first column); a row without one is data cells only (a list where no
 * column names the row). Columns given as TableColumn may be numeric. With no rows and `empty`, one row spanning
 * every column says so in words.
 */
export function table(
  o: {
    id: string;
    head: (string | SafeHtml | TableColumn)[];
    rows: TableRow[];
    className?: string;
    empty?: string | SafeHtml;
    /** The caption's id when it is not `${id}-caption` (an id that links and tests already point at). */
    captionId?: string;
  } & ({ caption: string | SafeHtml; labelledBy?: never } | { caption?: never; labelledBy: string }),
): SafeHtml {
  const columns = o.head.map((h): TableColumn =>
    typeof h === 'string' || h instanceof SafeHtml ? { label: h } : h,
  );
  const captionId = o.captionId ?? `${o.id}-caption`;
  const named = o.caption === undefined ? o.labelledBy : captionId;
  const cell = (c: TableCell, column: TableColumn | undefined) => {
    const plain = typeof c === 'object' && !(c instanceof SafeHtml) ? c : { value: c, className: '' };
    const classes = ['utrecht-table__cell', numericClass(column?.numeric, 'cell'), plain.className];
    return html`<td class="${classes.filter(Boolean).join(' ')}">${plain.value}</td>`;
  };
  const row = (r: TableRow) => {
    const offset = r.head === undefined ? 0 : 1;
    const head =
      r.head === undefined
        ? ''
        : html`<th class="${['utrecht-table__header-cell', numericClass(columns[0]?.numeric, 'header-cell')].filter(Boolean).join(' ')}" scope="row">${r.head}</th>`;
    return html`<tr class="utrecht-table__row"${r.id ? html` id="${r.id}"` : ''}>${head}${r.cells.map((c, i) => cell(c, columns[i + offset]))}</tr>`;
  };
  const body =
    o.rows.length === 0 && o.empty !== undefined
      ? html`<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="${columns.length}">${o.empty}</td></tr>`
      : o.rows.map(row);
  return html`<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="${named}">
<table class="${['utrecht-table', o.className].filter(Boolean).join(' ')}">
${o.caption === undefined ? '' : html`<caption class="utrecht-table__caption" id="${captionId}">${o.caption}</caption>`}
<thead class="utrecht-table__header"><tr class="utrecht-table__row">${columns.map((h) => html`<th class="${['utrecht-table__header-cell', numericClass(h.numeric, 'header-cell')].filter(Boolean).join(' ')}" scope="col">${h.label}</th>`)}</tr></thead>
<tbody class="utrecht-table__body">
${body}
</tbody></table></div>`;
}

/** A status badge: its words, and a colour for the kind of state (the words carry the meaning, not the colour). */
export function badge(kind: 'success' | 'warning' | 'danger' | 'neutral', label: string): SafeHtml {
  return html`<span class="utrecht-status-badge utrecht-status-badge--${kind}">${label}</span>`;
}
