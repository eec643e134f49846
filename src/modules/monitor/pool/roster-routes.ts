// The mirror group's roster and a meeting's page (issue 21 point 3), read by every reader of the monitor; the pool
// coordinator adds and corrects members, records attendance and corrects or withdraws a meeting. A refused form
// comes back with what was typed and the reasons at the top (400 bad input, 409 changed meanwhile).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../../platform/errors.js';
import { requireRole } from '../../../platform/auth/index.js';
import { actorOf, idForm, idPage, MirrorQuery, plainForm, routeKit } from '../http.js';
import { READ_ROLES } from '../rules.js';
import type { MonitorService } from '../service.js';
import { meetingPage, rosterPage } from '../views/mirror-roster.js';
import { subnav } from '../views/pages.js';
import type { PoolForm } from '../views/pool-forms.js';
import { attempt } from './page-kit.js';

export async function rosterRoutes(app: FastifyInstance, options: { services: { monitor: MonitorService } }) {
  const { monitor } = options.services;
  const { ctxOf, viewerOf, page } = routeKit(monitor);
  const readers = { preHandler: requireRole(...READ_ROLES) };
  const coordinator = (request: FastifyRequest) => request.user!.role === 'pool_coordinator';
  const noticeOf = (request: FastifyRequest) =>
    (request.query as Record<string, string | undefined>).saved !== undefined
      ? request.t('monitor.pool.notice.saved')
      : undefined;

  async function renderRoster(request: FastifyRequest, reply: FastifyReply, form: PoolForm) {
    const viewer = await viewerOf(request);
    const roster = await monitor.mirrorRoster();
    return page(
      reply,
      request.t('monitor.roster.title'),
      rosterPage(ctxOf(request), {
        coordinator: coordinator(request),
        nav: subnav(ctxOf(request), viewer),
        ...roster,
        form,
      }),
      reply.statusCode,
    );
  }

  async function renderMeeting(request: FastifyRequest, reply: FastifyReply, id: string, form: PoolForm) {
    const viewer = await viewerOf(request);
    const { members, meetings } = await monitor.mirrorRoster();
    const meeting = meetings.find((m) => m.id === id);
    if (!meeting) throw new NotFound();
    return page(
      reply,
      request.t('monitor.roster.meetingTitle'),
      meetingPage(ctxOf(request), {
        coordinator: coordinator(request),
        nav: subnav(ctxOf(request), viewer),
        meeting,
        members,
        history: await monitor.mirrorHistory('monitor_mirror_meeting', id),
        form,
      }),
      reply.statusCode,
    );
  }

  app.get(
    '/monitor/mirror/roster',
    { ...readers, schema: { hide: true, querystring: MirrorQuery } },
    async (request, reply) =>
      renderRoster(request, reply, { values: {}, problems: [], notice: noticeOf(request) }),
  );

  app.get(
    '/monitor/mirror/meetings/:id',
    { ...readers, schema: { ...idPage, querystring: MirrorQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return renderMeeting(request, reply, id, { values: {}, problems: [], notice: noticeOf(request) });
    },
  );

  app.post('/monitor/mirror/members', { ...readers, schema: plainForm }, async (request, reply) =>
    attempt(
      request,
      reply,
      'member',
      (v) => monitor.addMember(v, actorOf(request)),
      '/monitor/mirror/roster?saved=1',
      (f) => renderRoster(request, reply, f),
    ),
  );

  app.post('/monitor/mirror/members/:id/edit', { ...readers, schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'memberEdit',
      (v) => monitor.editMember(id, v, actorOf(request)),
      '/monitor/mirror/roster?saved=1',
      (f) => renderRoster(request, reply, f),
      id,
    );
  });

  for (const [step, form, method] of [
    ['edit', 'meetingEdit', 'editMeeting'],
    ['withdraw', 'meetingWithdraw', 'withdrawMeeting'],
  ] as const)
    app.post(
      `/monitor/mirror/meetings/:id/${step}`,
      { ...readers, schema: idForm },
      async (request, reply) => {
        const { id } = request.params as { id: string };
        return attempt(
          request,
          reply,
          form,
          (v) => monitor[method](id, v, actorOf(request)),
          `/monitor/mirror/meetings/${id}?saved=1`,
          (f) => renderMeeting(request, reply, id, f),
        );
      },
    );
}
