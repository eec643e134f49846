// The expert pool's pages (pool coordinator, requesting organisations) and the mirror group's page (everyone
// who reads the monitor; the coordinator records meetings and advice, the programme team the follow-up). An
// assignment's own page and its steps are in assignment-routes.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireRole } from '../../../platform/auth/index.js';
import { csvDialectOf } from '../../../platform/csv.js';
import type { MonitorService } from '../service.js';
import { textQuery } from '../../../platform/http/form-schema.js';
import { actorOf, idForm, idPage, MirrorQuery, plainForm, PoolQuery, routeKit } from '../http.js';
import { headerNav } from '../nav.js';
import { amsterdamDate, POOL_ROLES, READ_ROLES } from '../rules.js';
import { subnav } from '../views/pages.js';
import { poolPage, type PoolForm } from '../views/pool.js';
import { expertPage } from '../views/pool-expert.js';
import { mirrorPage } from '../views/pool-mirror.js';
import { assignmentRoutes } from './assignment-routes.js';
import { attempt, noticeOf } from './page-kit.js';
import { rosterRoutes } from './roster-routes.js';

/** The year asked for in `?year=` (the current one otherwise). */
function yearOf(request: FastifyRequest, today: string): number {
  const raw = (request.query as Record<string, string | undefined>).year ?? '';
  const year = Number(raw);
  return /^\d{4}$/.test(raw) && year >= 2000 && year <= 2100 ? year : Number(today.slice(0, 4));
}

export async function poolRoutes(app: FastifyInstance, options: { services: { monitor: MonitorService } }) {
  const { monitor } = options.services;
  const { ctxOf } = routeKit(monitor);
  const pool = { preHandler: requireRole(...POOL_ROLES), schema: { hide: true } };
  // The mirror group's page is read by everyone who reads the monitor (its own roles, per route).
  await app.register(mirrorRoutes, options);
  await app.register(rosterRoutes, options);
  await app.register(assignmentRoutes, options);

  async function renderPool(request: FastifyRequest, reply: FastifyReply, form: PoolForm, status = 200) {
    const actor = actorOf(request);
    const coordinator = actor.role === 'pool_coordinator';
    const today = amsterdamDate(monitor.now());
    const year = yearOf(request, today);
    const [experts, assignments, rates, org, totals, limits] = await Promise.all([
      coordinator ? monitor.experts(actor) : Promise.resolve([]),
      monitor.assignments(actor),
      coordinator ? monitor.rates() : Promise.resolve([]),
      monitor.organisationOf(actor),
      coordinator ? monitor.yearTotals(year, actor) : Promise.resolve([]),
      coordinator ? monitor.allowanceLimits(actor) : Promise.resolve([]),
    ]);
    return reply.page(
      {
        title: request.t(coordinator ? 'monitor.pool.title' : 'monitor.pool.requestTitle'),
        body: poolPage(ctxOf(request), {
          coordinator,
          linked: Boolean(org),
          experts,
          assignments,
          rates,
          year,
          today,
          totals,
          limits,
          form,
        }),
        noindex: true,
        nav: headerNav(request),
      },
      status,
    );
  }

  app.get(
    '/monitor/pool',
    { ...pool, schema: { hide: true, querystring: PoolQuery } },
    async (request, reply) =>
      renderPool(request, reply, { values: {}, problems: [], notice: noticeOf(request) }),
  );

  for (const [path, form, change, done] of [
    ['/monitor/pool/experts', 'expert', monitor.addExpert, 'saved'],
    ['/monitor/pool/rates', 'rate', monitor.setRate, 'saved'],
    ['/monitor/pool/allowance', 'allowance', monitor.setAllowanceLimit, 'saved'],
    ['/monitor/pool/assignments', 'assignment', monitor.requestAssignment, 'requested'],
  ] as const)
    app.post(path, { ...pool, schema: plainForm }, async (request, reply) =>
      attempt(
        request,
        reply,
        form,
        (v) => change(v, actorOf(request)),
        `/monitor/pool?${done}=1`,
        (f) => renderPool(request, reply, f, reply.statusCode),
      ),
    );

  /** The fees of a year for the finance department (coordinator, audited): Dutch spreadsheet CSV (`?dialect=en`). */
  app.get(
    '/monitor/pool/finance.csv',
    { ...pool, schema: { hide: true, querystring: textQuery(['year', 'dialect'], 10) } },
    async (request, reply) => {
      const year = yearOf(request, amsterdamDate(monitor.now()));
      const dialect = csvDialectOf((request.query as Record<string, unknown>).dialect);
      const { filename, csv } = await monitor.financeExport(year, actorOf(request), dialect);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  async function renderExpert(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: PoolForm,
    status = 200,
  ) {
    const expert = await monitor.expertIdentity(id, actorOf(request));
    // Personal data: never kept by a browser or proxy.
    reply.header('cache-control', 'no-store');
    return reply.page(
      {
        title: expert.pseudonym,
        body: expertPage(ctxOf(request), expert, form),
        noindex: true,
        nav: headerNav(request),
      },
      status,
    );
  }

  app.get(
    '/monitor/pool/experts/:id',
    { ...pool, schema: { ...idPage, querystring: PoolQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return renderExpert(request, reply, id, { values: {}, problems: [], notice: noticeOf(request) });
    },
  );

  app.post('/monitor/pool/experts/:id/edit', { ...pool, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'expertEdit',
      (v) => monitor.updateExpert(id, v, actorOf(request)),
      `/monitor/pool/experts/${id}?saved=1`,
      (f) => renderExpert(request, reply, id, f, reply.statusCode),
    );
  });

  app.post('/monitor/pool/experts/:id/erase', { ...pool, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'erase',
      () => monitor.eraseExpert(id, actorOf(request)),
      `/monitor/pool/experts/${id}?erased=1`,
      (f) => renderExpert(request, reply, id, f, reply.statusCode),
    );
  });
}

export async function mirrorRoutes(app: FastifyInstance, options: { services: { monitor: MonitorService } }) {
  const { monitor } = options.services;
  const { ctxOf, viewerOf } = routeKit(monitor);
  const readers = { preHandler: requireRole(...READ_ROLES), schema: { hide: true } };

  // ---- the mirror group ---------------------------------------------------------------------------------------

  async function renderMirror(request: FastifyRequest, reply: FastifyReply, form: PoolForm, status = 200) {
    const actor = actorOf(request);
    const viewer = await viewerOf(request);
    const [meetings, lines] = await Promise.all([monitor.mirror(), monitor.lines()]);
    return reply.page(
      {
        title: request.t('monitor.mirror.title'),
        body: mirrorPage(ctxOf(request), {
          coordinator: actor.role === 'pool_coordinator',
          team: viewer.team,
          meetings,
          lines,
          nav: subnav(ctxOf(request), viewer),
          form,
        }),
        noindex: true,
        nav: headerNav(request),
      },
      status,
    );
  }

  app.get(
    '/monitor/mirror',
    { ...readers, schema: { hide: true, querystring: MirrorQuery } },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      return renderMirror(request, reply, {
        values: {},
        problems: [],
        ...(query.saved !== undefined ? { notice: request.t('monitor.pool.notice.saved') } : {}),
      });
    },
  );

  app.post('/monitor/mirror/meetings', { ...readers, schema: plainForm }, async (request, reply) =>
    attempt(
      request,
      reply,
      'meeting',
      (v) => monitor.addMeeting(v, actorOf(request)),
      '/monitor/mirror?saved=1',
      (f) => renderMirror(request, reply, f, reply.statusCode),
    ),
  );

  app.post('/monitor/mirror/meetings/:id/advice', { ...readers, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'advice',
      (v) => monitor.addAdvice(id, v, actorOf(request)),
      '/monitor/mirror?saved=1',
      (f) => renderMirror(request, reply, f, reply.statusCode),
      id,
    );
  });

  app.post('/monitor/mirror/advice/:id/respond', { ...readers, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'respond',
      (v) => monitor.respondAdvice(id, v, actorOf(request)),
      '/monitor/mirror?saved=1',
      (f) => renderMirror(request, reply, f, reply.statusCode),
      id,
    );
  });
}
