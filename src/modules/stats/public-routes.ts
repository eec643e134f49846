// The public explorer: /stats (published data sets), /stats/:name (the GET form, table and chart) and
// /stats/:name/table.csv. Unpublished or unknown data sets are a 404; bad choices a 400 page naming them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { HttpError } from '../../platform/http/errors.js';
import { pathParams } from '../../platform/http/form-schema.js';
import { EXPLORER_QUERY } from './query-schemas.js';
import type { StatsService } from './service.js';
import type { TableAnswer, TableQuery } from './disclosure.js';
import { ledgerSection } from './views/ledger.js';
import { html } from '../../platform/web/html.js';
import {
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

export function tableCsv(result: TableAnswer, t: (key: string) => string): string {
  const rows: (string | number)[][] = [[...result.dims, 'count', 'suppressed']];
  for (const cell of result.cells) {
    rows.push([
      ...cell.values.map((v, i) => valueLabel(v, t, result.dims[i])),
      cell.count ?? '',
      cell.suppressed ? 'true' : 'false',
    ]);
  }
  return stringify(rows);
}

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
    { schema: { hide: true, params: pathParams(['name']) } },
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
        .send(tableCsv(result, request.t));
    },
  );
}
