// The data hub's JSON API: only published data sets, only disclosure-controlled tables, and the released
// synthetic files (the only record-level data that ever leaves, and it carries differential privacy).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ProblemDetails as ErrorResponse } from '../../platform/http/problem.js';
import { MISSING_TOKEN, type TableAnswer, type TableQuery } from './disclosure.js';
import {
  DatasetList,
  DatasetParams,
  ReleaseParams,
  ReleaseQuery,
  TableQuerystring,
  TableResponse,
  type DatasetOut,
} from './schemas.js';
import type { StatsService } from './service.js';
import type { DatasetRow } from './repository.js';

const tags = ['stats'];
const errors = { 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse };

/** `dims=a,b` and every other parameter as a filter. */
export function tableQuery(query: Record<string, unknown>): TableQuery {
  const dims = String(query.dims ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  const filters: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'dims') continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') filters[key] = first;
  }
  return { dims, filters };
}

export function tableJson(result: TableAnswer) {
  return {
    cells: result.cells.map((cell) => ({
      ...Object.fromEntries(result.dims.map((d, i) => [d, cell.values[i] ?? null])),
      count: cell.count,
      suppressed: cell.suppressed,
    })),
    k: result.k,
    rounding_base: result.roundingBase,
    total: result.total,
  };
}

export async function datasetOut(
  stats: StatsService,
  d: DatasetRow,
  prefix = '/api/v1/stats',
): Promise<DatasetOut> {
  const [dimensions, ledger] = await Promise.all([
    stats.dimensions(d.name),
    stats.ledger(d.name, { publicOnly: true }),
  ]);
  const { releases, budget, changes } = ledger;
  const totals = await stats.table(d.name, { dims: [dimensions[0]!.name], filters: {} });
  return {
    name: d.name,
    title: d.title,
    format: d.format,
    k: d.k,
    rounding_base: d.roundingBase,
    max_length: d.maxLength,
    total: totals.total,
    dimensions: dimensions.map((dim) => ({ name: dim.name, values: [...dim.values, MISSING_TOKEN] })),
    budget: {
      epsilon: budget.epsilon,
      delta: budget.delta,
      rho: budget.rho,
      spent_rho: budget.spentRho,
      spent_epsilon: budget.spentEpsilon,
      remaining_epsilon: budget.remainingEpsilon,
      changes: changes.map((c) => ({
        epsilon: c.epsilon,
        delta: c.delta,
        rho: c.rho,
        reason: c.reason,
        set_by: c.setBy?.role ?? null,
        created_at: c.createdAt.toISOString(),
      })),
    },
    releases: releases.map((r) => ({
      id: r.id,
      epsilon: r.epsilon,
      delta: r.delta,
      rho: r.rho,
      approved_by: r.createdBy?.role ?? null,
      reporting_length: r.reportingLength,
      records: r.recordCount,
      created_at: r.createdAt.toISOString(),
      utility: r.utility?.lengths ?? [],
      download: `${prefix}/datasets/${d.name}/releases/${r.id}/synthetic.csv`,
      aggregates: `${prefix}/datasets/${d.name}/releases/${r.id}/aggregates.csv`,
    })),
  };
}

export const statsApiRoutes: FastifyPluginAsyncTypebox<{ services: { stats: StatsService } }> = async (
  app,
  options,
) => {
  const stats = options.services.stats;

  app.get(
    '/api/v1/stats/datasets',
    {
      schema: {
        summary: 'Published data sets',
        description:
          'The data sets published in the data hub, with their columns and categories, disclosure-control settings and differentially private releases.',
        tags,
        response: { 200: DatasetList, 429: ErrorResponse },
      },
    },
    async () => {
      const datasets = await stats.listDatasets({ publishedOnly: true });
      return Promise.all(datasets.map((d) => datasetOut(stats, d)));
    },
  );

  app.get(
    '/api/v1/stats/datasets/:name/table',
    {
      schema: {
        summary: 'A disclosure-controlled table',
        description:
          'Counts for every combination of the values of up to three columns (`dims`), optionally filtered (`<column>=<value>`). Cells below k are suppressed, and further cells are suppressed so that no suppressed cell can be worked out from this or any other answer (margins, totals, differences of filters).',
        tags,
        params: DatasetParams,
        querystring: TableQuerystring,
        response: { 200: TableResponse, ...errors },
      },
    },
    async (request) => {
      const result = await stats.table(
        request.params.name,
        tableQuery(request.query as Record<string, unknown>),
        { publicOnly: true },
      );
      return tableJson(result);
    },
  );

  app.get(
    '/api/v1/stats/datasets/:name/releases/:id/aggregates.csv',
    {
      schema: {
        summary: "A release's noisy marginals",
        description:
          'Every attribute combination up to the reporting length with its differentially private count (CSV: one column per data set column, empty when not in the combination; then length and count). The first row is the noisy number of records.',
        tags,
        params: ReleaseParams,
        response: {
          200: Type.String({ description: 'The noisy counts as CSV.' }),
          404: ErrorResponse,
          400: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const csv = await stats.releaseCsv(request.params.name, request.params.id, {
        publicOnly: true,
        file: 'aggregates',
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${request.params.name}-aggregates-${request.params.id.slice(0, 8)}.csv"`,
        )
        .send(csv);
    },
  );

  app.get(
    '/api/v1/stats/datasets/:name/releases/:id/synthetic.csv',
    {
      schema: {
        summary: 'A released synthetic file',
        description:
          'Synthetic records sampled from differentially private marginals only (CSV, CTDC conventions: `;` between values, empty = missing).',
        tags,
        params: ReleaseParams,
        querystring: ReleaseQuery,
        produces: ['text/csv'],
        response: {
          200: Type.String({ description: 'The synthetic records as CSV.' }),
          404: ErrorResponse,
          400: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const csv = await stats.releaseCsv(request.params.name, request.params.id, {
        publicOnly: true,
        layout: request.query.layout ?? 'dataset',
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${request.params.name}-synthetic-${request.params.id.slice(0, 8)}.csv"`,
        )
        .send(csv);
    },
  );
};
