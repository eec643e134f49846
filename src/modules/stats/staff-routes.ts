// Staff pages (data_steward, admin): settings and publishing, DP releases with their utility report, release
// downloads (also of unpublished data sets), refreshing and exporting the registrations. Every change and
// export is audited by the service; every form carries the CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireRole } from '../../platform/auth/index.js';
import { staffNav } from '../../platform/auth/http.js';
import { HttpError, type FieldProblem } from '../../platform/http/errors.js';
import {
  buttonForm,
  FormField,
  formBody,
  formPost,
  pathParams,
  postedValues,
  textQuery,
} from '../../platform/http/form-schema.js';
import { EXPLORER_QUERY, MANAGE_DATASET_QUERY } from './query-schemas.js';
import type { StatsService } from './service.js';
import type { TableAnswer } from './disclosure.js';
import type { FabricationMode } from './synthesis.js';
import { csvDialectOf } from '../../platform/csv.js';
import { choiceOf, tableCsv, TableCsvQuery, tableQueryOf } from './public-routes.js';
import { explorerPage } from './views/explorer.js';
import { manageDatasetPage, manageListPage, type ManageForm, type StaffContext } from './views/staff.js';

function field(body: unknown, name: string, max = 100): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
}

const num = (s: string) => (s === '' ? NaN : Number(s));

const NameParams = pathParams(['name']);
const SettingsForm = formBody({
  k: FormField.text(20),
  rounding_base: FormField.text(20),
  max_length: FormField.text(20),
  published: FormField.text(10),
  cube_columns: FormField.list({ maxItems: 100, maxLength: 100 }),
});
/** A posted `seed` is not declared: it reaches the service, which refuses it by name. */
const ReleaseForm = formBody({
  epsilon: FormField.text(20),
  delta: FormField.text(20),
  reporting_length: FormField.text(20),
  thresholds: FormField.text(200),
  fabrication: FormField.text(20),
});
const BudgetForm = formBody({
  budget_epsilon: FormField.text(20),
  budget_delta: FormField.text(20),
  budget_reason: FormField.text(600),
});

/** The page's error slots are named in camelCase (`rounding_base` -> `roundingBase`; the budget's reason `reason`). */
const errorSlot = (field: string) =>
  field === 'budget_reason' ? 'reason' : field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export async function statsStaffRoutes(app: FastifyInstance, options: { services: { stats: StatsService } }) {
  const stats = options.services.stats;
  app.addHook('preHandler', requireRole('data_steward', 'admin'));
  const pages = datasetPages(stats);
  datasetViewRoutes(app, stats, pages);
  datasetSettingsRoutes(app, stats, pages);
  releaseRoutes(app, stats, pages);
  registrationRoutes(app, stats);
}

type DatasetPages = ReturnType<typeof datasetPages>;

/** The staff pages' context, and a data set's page rendered again with a form's values and problems. */
function datasetPages(stats: StatsService) {
  const ctxOf = (request: FastifyRequest): StaffContext => ({
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    csrfToken: request.csrfToken(),
    role: request.user?.role ?? '',
  });

  /** A form that broke its schema: the data set's page again with what was posted and the problems (400). */
  async function invalidForm(request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) {
    const { name } = request.params as { name: string };
    const values = Object.fromEntries(
      Object.entries(postedValues(request)).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]),
    );
    const errors = Object.fromEntries(problems.map((p) => [errorSlot(p.field), request.t(p.key, p.params)]));
    return reply.page(await renderDataset(request, name, { values, errors }, 400), 400);
  }

  async function renderDataset(request: FastifyRequest, name: string, form: ManageForm, status = 200) {
    const ledger = await stats.ledger(name);
    return {
      title: ledger.dataset.title,
      body: manageDatasetPage(ctxOf(request), ledger.dataset, ledger, form),
      noindex: true,
      nav: staffNav(request),
      status,
    };
  }

  return { ctxOf, invalidForm, renderDataset };
}

/** The list of data sets, a data set's page, and the explorer's preview of a data set not yet published. */
function datasetViewRoutes(app: FastifyInstance, stats: StatsService, pages: DatasetPages) {
  const { ctxOf, renderDataset } = pages;

  app.get('/stats/manage', { schema: { hide: true } }, async (request, reply) => {
    const datasets = await stats.listDatasets({ publishedOnly: false });
    return reply.page({
      title: request.t('stats.manage.title'),
      body: manageListPage(ctxOf(request), datasets, stats.hasRegistrations()),
      noindex: true,
      nav: staffNav(request),
    });
  });

  app.get(
    '/stats/manage/:name',
    { schema: { hide: true, params: NameParams, querystring: MANAGE_DATASET_QUERY } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const query = request.query as Record<string, unknown>;
      const notice = field(query, 'done', 20);
      const page = await renderDataset(request, name, {
        values: {},
        errors: {},
        ...(notice === 'settings' || notice === 'release' || notice === 'budget' || notice === 'audit'
          ? { notice: request.t(`stats.manage.done.${notice}`) }
          : {}),
      });
      return reply.page(page, page.status);
    },
  );

  // The explorer on a data set that is not published yet: the same protected cube, for staff to check first.
  app.get(
    '/stats/manage/:name/preview',
    { schema: { hide: true, params: NameParams, querystring: EXPLORER_QUERY } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const dataset = await stats.dataset(name);
      const dimensions = await stats.dimensions(name);
      const choice = choiceOf(request.query as Record<string, unknown>, dimensions[0]?.name);
      let result: TableAnswer | undefined;
      let problems: { field: string; message: string }[] = [];
      try {
        result = await stats.table(name, tableQueryOf(choice));
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
        problems = error.fields.map((f) => ({ field: f.field, message: request.t(f.key, f.params) }));
      }
      const body = explorerPage(
        ctxOf(request),
        dataset,
        dimensions,
        choice,
        result,
        problems,
        [],
        `/stats/manage/${name}/preview`,
      );
      return reply.page(
        { title: dataset.title, body, noindex: true, nav: staffNav(request) },
        problems.length ? 400 : 200,
      );
    },
  );

  app.get(
    '/stats/manage/:name/preview/table.csv',
    { schema: { hide: true, params: NameParams, querystring: TableCsvQuery } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      const dimensions = await stats.dimensions(name);
      const choice = choiceOf(request.query as Record<string, unknown>, dimensions[0]?.name);
      const result = await stats.table(name, tableQueryOf(choice));
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="preview.csv"')
        .send(tableCsv(result, csvDialectOf((request.query as Record<string, unknown>).dialect)));
    },
  );
}

/** A data set's disclosure settings, and the suppression audit run on demand. */
function datasetSettingsRoutes(app: FastifyInstance, stats: StatsService, pages: DatasetPages) {
  const { invalidForm, renderDataset } = pages;

  app.post(
    '/stats/manage/:name/settings',
    formPost({ params: NameParams, body: SettingsForm, invalid: invalidForm }, async (request, reply) => {
      const { name } = request.params as { name: string };
      const body = request.body;
      const base = num(field(body, 'rounding_base'));
      const raw = (body as Record<string, unknown> | undefined)?.cube_columns;
      const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
        (c): c is string => typeof c === 'string',
      );
      const dataset = await stats.dataset(name);
      const all =
        dataset.columns.every((c) => chosen.includes(c)) && chosen.length === dataset.columns.length;
      try {
        await stats.updateSettings(
          name,
          {
            cubeColumns: all ? null : chosen,
            k: num(field(body, 'k')),
            roundingBase: Number.isNaN(base) || base === 0 ? null : base,
            maxLength: num(field(body, 'max_length')),
            published: field(body, 'published') === '1',
          },
          request.user!.id,
        );
      } catch (error) {
        // 409: the suppression audit could not protect the cube (the cells still exposed are named).
        if (!(error instanceof HttpError) || (error.statusCode !== 400 && error.statusCode !== 409))
          throw error;
        const errors = Object.fromEntries(error.fields.map((f) => [f.field, request.t(f.key, f.params)]));
        const values = {
          k: field(body, 'k'),
          rounding_base: field(body, 'rounding_base'),
          max_length: field(body, 'max_length'),
        };
        const page = await renderDataset(request, name, { values, errors }, error.statusCode);
        return reply.page(page, error.statusCode);
      }
      return reply.redirect(`${request.href(`/stats/manage/${name}`)}?done=settings`, 303);
    }),
  );

  // Runs the suppression audit now; the page shows its result (a published data set that fails goes offline).
  app.post(
    '/stats/manage/:name/audit',
    { schema: { hide: true, params: NameParams, body: buttonForm } },
    async (request, reply) => {
      const { name } = request.params as { name: string };
      try {
        await stats.auditDataset(name, request.user!.id);
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode !== 409) throw error;
        const errors = Object.fromEntries(error.fields.map((f) => [f.field, request.t(f.key, f.params)]));
        const page = await renderDataset(request, name, { values: {}, errors }, 409);
        return reply.page(page, 409);
      }
      return reply.redirect(`${request.href(`/stats/manage/${name}`)}?done=audit`, 303);
    },
  );
}

/** Differentially private releases: making one, the privacy budget's ceiling, and downloading a release. */
function releaseRoutes(app: FastifyInstance, stats: StatsService, pages: DatasetPages) {
  const { invalidForm, renderDataset } = pages;

  app.post(
    '/stats/manage/:name/releases',
    formPost({ params: NameParams, body: ReleaseForm, invalid: invalidForm }, async (request, reply) => {
      const { name } = request.params as { name: string };
      const body = request.body;
      const delta = field(body, 'delta');
      // A posted seed reaches the service, which refuses it by name (the noise cannot be chosen).
      const seed = (body as Record<string, unknown> | undefined)?.seed;
      const thresholds = field(body, 'thresholds');
      const fabrication = field(body, 'fabrication', 20);
      try {
        await stats.createRelease(
          name,
          {
            epsilon: num(field(body, 'epsilon')),
            ...(delta ? { delta: num(delta) } : {}),
            reportingLength: num(field(body, 'reporting_length')),
            ...(thresholds ? { thresholds: thresholds.split(',').map((x) => num(x.trim())) } : {}),
            ...(fabrication ? { fabrication: fabrication as FabricationMode } : {}),
            ...(seed !== undefined ? ({ seed } as object) : {}),
          },
          request.user!.id,
        );
      } catch (error) {
        if (!(error instanceof HttpError) || (error.statusCode !== 400 && error.statusCode !== 409))
          throw error;
        const errors = Object.fromEntries(error.fields.map((f) => [f.field, request.t(f.key, f.params)]));
        const values = {
          epsilon: field(body, 'epsilon'),
          delta,
          reporting_length: field(body, 'reporting_length'),
          thresholds,
          fabrication,
        };
        const page = await renderDataset(request, name, { values, errors }, error.statusCode);
        return reply.page(page, error.statusCode);
      }
      return reply.redirect(`${request.href(`/stats/manage/${name}`)}?done=release`, 303);
    }),
  );

  // The ceiling: the service allows an administrator only (a data steward gets 403), with a reason.
  app.post(
    '/stats/manage/:name/budget',
    formPost({ params: NameParams, body: BudgetForm, invalid: invalidForm }, async (request, reply) => {
      const { name } = request.params as { name: string };
      const body = request.body;
      try {
        await stats.setBudget(
          name,
          {
            epsilon: num(field(body, 'budget_epsilon')),
            delta: num(field(body, 'budget_delta')),
            reason: field(body, 'budget_reason', 600),
          },
          { id: request.user!.id, role: request.user!.role },
        );
      } catch (error) {
        if (!(error instanceof HttpError) || error.statusCode !== 400) throw error;
        const names: Record<string, string> = {
          epsilon: 'budgetEpsilon',
          delta: 'budgetDelta',
          reason: 'reason',
        };
        const errors = Object.fromEntries(
          error.fields.map((f) => [names[f.field] ?? f.field, request.t(f.key, f.params)]),
        );
        const values = {
          budget_epsilon: field(body, 'budget_epsilon'),
          budget_delta: field(body, 'budget_delta'),
          budget_reason: field(body, 'budget_reason', 600),
        };
        const page = await renderDataset(request, name, { values, errors }, 400);
        return reply.page(page, 400);
      }
      return reply.redirect(`${request.href(`/stats/manage/${name}`)}?done=budget`, 303);
    }),
  );

  app.get(
    '/stats/manage/:name/releases/:file',
    { schema: { hide: true, params: pathParams(['name', 'file']), querystring: textQuery(['layout'], 50) } },
    async (request, reply) => {
      const { name, file } = request.params as { name: string; file: string };
      const layout = field(request.query, 'layout') === 'ctdc-global' ? 'ctdc-global' : 'dataset';
      const aggregates = file.endsWith('-aggregates.csv');
      const csv = await stats.releaseCsv(name, file.replace(/(-aggregates)?\.csv$/, ''), {
        layout,
        file: aggregates ? 'aggregates' : 'synthetic',
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="${name}-${aggregates ? 'aggregates' : 'synthetic'}-${file.slice(0, 8)}.csv"`,
        )
        .send(csv);
    },
  );
}

/** The national registrations data set: rebuilt from the referral mechanism, exported as HTCDS 2.0 CSV. */
function registrationRoutes(app: FastifyInstance, stats: StatsService) {
  app.post(
    '/stats/manage/registrations/refresh',
    { schema: { hide: true, body: buttonForm } },
    async (request, reply) => {
      await stats.refreshRegistrations();
      return reply.redirect(request.href('/stats/manage'), 303);
    },
  );

  app.post(
    '/stats/manage/registrations/htcds.csv',
    { schema: { hide: true, body: buttonForm } },
    async (request, reply) => {
      const csv = await stats.exportHtcds(request.user!.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="nl-registrations-htcds-2.0.csv"')
        .send(csv);
    },
  );
}
