// The public explorer: /stats (published data sets), /stats/:name (the GET form, table and chart) and
// /stats/:name/table.csv. Unpublished or unknown data sets are a 404; bad choices a 400 page naming them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from '../../platform/http/errors.js';
import { pathParams, textQuery } from '../../platform/http/form-schema.js';
import { csvDialectOf, csvLocale, peopleCsv, type CsvDialect } from '../../platform/csv.js';
import { I18n, type Translate } from '../../platform/i18n/index.js';
import { EXPLORER_QUERY } from './query-schemas.js';
import type { StatsService } from './service.js';
import type { TableAnswer, TableQuery } from './disclosure.js';
import { ledgerSection } from './views/ledger.js';
import { html } from '../../platform/web/html.js';
import {
  columnLabel,
  datasetsPage,
  explorerPage,
  valueLabel,
  type ExplorerChoice,
  type ExplorerContext,
} from './views/explorer.js';

function text(value: unknown, max = 200): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
}

/** The form's choice from the query string: d1..d3 (columns), f1..f2 (`column=value`). */
export function choiceOf(query: Record<string, unknown>, defaultDim: string | undefined): ExplorerChoice {
  const dims = ['d1', 'd2', 'd3'].map((k) => text(query[k], 100)).filter(Boolean);
  const filters = ['f1', 'f2'].map((k) => text(query[k])).filter(Boolean);
  if (dims.length === 0 && defaultDim) dims.push(defaultDim);
  return { dims, filters };
}

export function tableQueryOf(choice: ExplorerChoice): TableQuery {
  const filters: Record<string, string> = {};
  for (const f of choice.filters) {
    const at = f.indexOf('=');
    if (at > 0) filters[f.slice(0, at)] = f.slice(at + 1);
    else filters[f] = '';
  }
  return { dims: [...new Set(choice.dims)], filters };
}

let i18n: I18n | undefined;
/** The catalogue of a CSV dialect's language, whatever language the page was asked in. */
const translatorFor = (dialect: CsvDialect): Translate =>
  (i18n ??= new I18n()).translator(csvLocale(dialect));

/**
 * A table as CSV for people (src/platform/csv.ts): the columns' names and the values in the dialect's language
 * (nl, the default: Dutch under Dutch headers, semicolons, a byte-order mark; en: English with commas), the
 * count empty where it is suppressed.
 */
export function tableCsv(
  result: TableAnswer,
  dialect: CsvDialect = 'nl',
  t: Translate = translatorFor(dialect),
) {
  const header = [
    ...result.dims.map((d) => columnLabel(d, t)),
    t('stats.table.count'),
    t('stats.suppressed'),
  ];
  const rows = result.cells.map((cell) => [
    ...cell.values.map((v, i) => valueLabel(v, t, result.dims[i])),
    cell.count ?? '',
    t(cell.suppressed ? 'stats.flag.yes' : 'stats.flag.no'),
  ]);
  return peopleCsv(header, rows, dialect);
}

/** The query of a table's CSV: the explorer's choice and the dialect (nl or en). */
export const TableCsvQuery = textQuery(['d1', 'd2', 'd3', 'f1', 'f2', 'dialect'], 300);

export async function statsPublicRoutes(
  app: FastifyInstance,
  options: { services: { stats: StatsService } },
) {
  const stats = options.services.stats;
  const ctxOf = (request: FastifyRequest): ExplorerContext => ({
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
  });

  app.get('/stats', { schema: { hide: true } }, async (request, reply) => {
    const datasets = await stats.listDatasets({ publishedOnly: true });
    return reply.page({ title: request.t('stats.title'), body: datasetsPage(ctxOf(request), datasets) });
  });

  app.get(
    '/stats/:name',
    { schema: { hide: true, params: pathParams(['name']), querystring: EXPLORER_QUERY } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const dataset = await stats.dataset(name, { publicOnly: true });
      const [dimensions, releases] = await Promise.all([
        stats.dimensions(name, { publicOnly: true }),
        stats.releases(name, { publicOnly: true }),
      ]);
      const choice = choiceOf(request.query as Record<string, unknown>, dimensions[0]?.name);
      let result: TableAnswer | undefined;
      let problems: { field: string; message: string }[] = [];
      try {
        result = await stats.table(name, tableQueryOf(choice), { publicOnly: true });
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
        problems = error.fields.map((f) => ({ field: f.field, message: request.t(f.key, f.params) }));
      }
      return reply.page(
        {
          title: dataset.title,
          body: explorerPage(ctxOf(request), dataset, dimensions, choice, result, problems, releases),
        },
        problems.length ? 400 : 200,
      );
    },
  );

  // The public budget ledger: the ceiling, every change (by which role, why) and every release with its cost.
  app.get(
    '/stats/:name/ledger',
    { schema: { hide: true, params: pathParams(['name']) } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const ledger = await stats.ledger(name, { publicOnly: true });
      const t = request.t;
      return reply.page({
        title: t('stats.ledger.pageTitle', { title: ledger.dataset.title }),
        body: html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${request.href(`/stats/${name}`)}">${ledger.dataset.title}</a></p>
        <h1 class="utrecht-heading-1">${t('stats.ledger.pageTitle', { title: ledger.dataset.title })}</h1>
        ${ledgerSection(ctxOf(request), ledger, { names: false })}`,
      });
    },
  );

  app.get(
    '/stats/:name/table.csv',
    { schema: { hide: true, params: pathParams(['name']), querystring: TableCsvQuery } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const dimensions = await stats.dimensions(name, { publicOnly: true });
      const choice = choiceOf(request.query as Record<string, unknown>, dimensions[0]?.name);
      const result = await stats.table(name, tableQueryOf(choice), { publicOnly: true });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${`${name}-${result.dims.join('-')}`.replace(/[^A-Za-z0-9_-]/g, '_')}.csv"`,
        )
        .send(tableCsv(result, csvDialectOf((request.query as Record<string, unknown>).dialect)));
    },
  );
}
