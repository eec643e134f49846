// The expert pool's pages (pool coordinator, requesting organisations) and the mirror group's page (everyone
// who reads the monitor; the coordinator records meetings and advice, the programme team the follow-up).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireRole } from '../../../platform/auth/index.js';
import { ValidationFailed } from '../../../platform/errors.js';
import type { MonitorService } from '../service.js';
import { actorOf, idForm, idPage, plainForm, routeKit } from '../http.js';
import { headerNav } from '../nav.js';
import { POOL_ROLES, READ_ROLES } from '../rules.js';
import { subnav } from '../views/pages.js';
import { assignmentPage, expertPage, mirrorPage, poolPage, type PoolForm } from '../views/pool.js';

type Body = Record<string, string | string[] | undefined>;

function flatten(body: Body): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf' || v === undefined) continue;
    out[k] =
      k === 'forms'
        ? ([] as string[]).concat(v).map((x) => String(x).slice(0, 40))
        : String(Array.isArray(v) ? v[0] : v).slice(0, 5000);
  }
  return out;
}

/** Runs a change; on bad input the page comes back with the problems and the input (400). */
async function attempt(
  request: FastifyRequest,
  reply: FastifyReply,
  form: NonNullable<PoolForm['form']>,
  change: (values: Record<string, string | string[]>) => Promise<unknown>,
  done: string,
  render: (form: PoolForm) => Promise<unknown>,
  target?: string,
) {
  const values = flatten((request.body ?? {}) as Body);
  try {
    await change(values);
  } catch (error) {
    if (error instanceof ValidationFailed) {
      reply.code(400);
      return render({ form, values, problems: error.problems, ...(target ? { target } : {}) });
    }
    throw error;
  }
  return reply.redirect(request.href(done), 303);
}

export async function poolRoutes(app: FastifyInstance, options: { services: { monitor: MonitorService } }) {
  const { monitor } = options.services;
  const { ctxOf } = routeKit(monitor);
  const pool = { preHandler: requireRole(...POOL_ROLES), schema: { hide: true } };
  // The mirror group's page is read by everyone who reads the monitor (its own roles, per route).
  await app.register(mirrorRoutes, options);

  async function renderPool(request: FastifyRequest, reply: FastifyReply, form: PoolForm, status = 200) {
    const actor = actorOf(request);
    const coordinator = actor.role === 'pool_coordinator';
    const [experts, assignments, rates, org] = await Promise.all([
      coordinator ? monitor.experts(actor) : Promise.resolve([]),
      monitor.assignments(actor),
      monitor.rates(),
      monitor.organisationOf(actor),
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
          form,
        }),
        noindex: true,
        nav: headerNav(request),
      },
      status,
    );
  }

  const noticeOf = (request: FastifyRequest) => {
    const query = request.query as Record<string, string | undefined>;
    const key = ['saved', 'assigned', 'requested', 'paid'].find((k) => query[k] !== undefined);
    return key ? request.t(`monitor.pool.notice.${key}`) : undefined;
  };

  app.get('/monitor/pool', pool, async (request, reply) =>
    renderPool(request, reply, { values: {}, problems: [], notice: noticeOf(request) }),
  );

  app.post('/monitor/pool/experts', { ...pool, schema: plainForm }, async (request, reply) =>
    attempt(
      request,
      reply,
      'expert',
      (v) => monitor.addExpert(v, actorOf(request)),
      '/monitor/pool?saved=1',
      (f) => renderPool(request, reply, f, 400),
    ),
  );

  app.post('/monitor/pool/rates', { ...pool, schema: plainForm }, async (request, reply) =>
    attempt(
      request,
      reply,
      'rate',
      (v) => monitor.setRate(v, actorOf(request)),
      '/monitor/pool?saved=1',
      (f) => renderPool(request, reply, f, 400),
    ),
  );

  app.post('/monitor/pool/assignments', { ...pool, schema: plainForm }, async (request, reply) =>
    attempt(
      request,
      reply,
      'assignment',
      (v) => monitor.requestAssignment(v, actorOf(request)),
      '/monitor/pool?requested=1',
      (f) => renderPool(request, reply, f, 400),
    ),
  );

  app.get('/monitor/pool/experts/:id', { ...pool, schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const expert = await monitor.expertIdentity(id, actorOf(request));
    // Personal data: never kept by a browser or proxy.
    reply.header('cache-control', 'no-store');
    return reply.page({
      title: expert.pseudonym,
      body: expertPage(ctxOf(request), expert),
      noindex: true,
      nav: headerNav(request),
    });
  });

  async function renderAssignment(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: PoolForm,
    status = 200,
  ) {
    const actor = actorOf(request);
    const [{ assignment, suggestions }, rates] = await Promise.all([
      monitor.assignment(id, actor),
      monitor.rates(),
    ]);
    return reply.page(
      {
        title: assignment.title,
        body: assignmentPage(ctxOf(request), {
          coordinator: actor.role === 'pool_coordinator',
          assignment,
          suggestions,
          rates,
          form,
        }),
        noindex: true,
        nav: headerNav(request),
      },
      status,
    );
  }

  app.get('/monitor/pool/assignments/:id', { ...pool, schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderAssignment(request, reply, id, { values: {}, problems: [], notice: noticeOf(request) });
  });

  app.post('/monitor/pool/assignments/:id/assign', { ...pool, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'assign',
      (v) => monitor.assign(id, String(v.expert ?? ''), actorOf(request)),
      `/monitor/pool/assignments/${id}?assigned=1`,
      (f) => renderAssignment(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/pool/assignments/:id/hours', { ...pool, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'hours',
      (v) => monitor.recordHours(id, v, actorOf(request)),
      `/monitor/pool/assignments/${id}?saved=1`,
      (f) => renderAssignment(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/pool/assignments/:id/paid', { ...pool, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await monitor.markPaid(id, actorOf(request));
    return reply.redirect(request.href(`/monitor/pool/assignments/${id}?paid=1`), 303);
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

  app.get('/monitor/mirror', readers, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    return renderMirror(request, reply, {
      values: {},
      problems: [],
      ...(query.saved !== undefined ? { notice: request.t('monitor.pool.notice.saved') } : {}),
    });
  });

  app.post('/monitor/mirror/meetings', { ...readers, schema: plainForm }, async (request, reply) =>
    attempt(
      request,
      reply,
      'meeting',
      (v) => monitor.addMeeting(v, actorOf(request)),
      '/monitor/mirror?saved=1',
      (f) => renderMirror(request, reply, f, 400),
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
      (f) => renderMirror(request, reply, f, 400),
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
      (f) => renderMirror(request, reply, f, 400),
      id,
    );
  });
}
