// The register of motions and commitments as CSV, and locking a round with a confirmation: the team sees what
// will be frozen (and the carried-over texts nobody confirmed) and ticks a box before the round is locked.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Conflict, type FieldProblem } from '../../../platform/errors.js';
import { formPost } from '../../../platform/http/form-schema.js';
import { actorOf, type Body, idPage, one, routeKit } from '../http.js';
import { IdParams, LockBody } from './form-bodies.js';
import type { MonitorService } from '../service.js';
import { lockPage } from '../views/lock.js';
import { registerCsv } from '../views/register.js';

export async function registerRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, page } = routeKit(monitor);

  // Motions and commitments hold no personal data and no draft: every reader of the register may export it.
  app.get('/monitor/commitments.csv', { schema: { hide: true } }, async (request, reply) => {
    const register = await monitor.commitmentRegister();
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="moties-en-toezeggingen.csv"')
      .send(registerCsv({ t: request.t, locale: request.locale }, register));
  });

  async function renderLock(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: { confirmed: boolean; problems: FieldProblem[] },
    status = 200,
  ) {
    const preview = await monitor.lockPreview(id, actorOf(request));
    return page(
      reply,
      request.t('monitor.lock.title', { name: preview.round.name }),
      lockPage(ctxOf(request), preview, form),
      status,
    );
  }

  app.get('/monitor/rounds/:id/lock', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderLock(request, reply, id, { confirmed: false, problems: [] });
  });

  app.post(
    '/monitor/rounds/:id/lock',
    formPost(
      {
        params: IdParams,
        body: LockBody,
        invalid: (request, reply, problems) => {
          const { id } = request.params as { id: string };
          return renderLock(request, reply, id, { confirmed: false, problems }, 400);
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        const confirmed = one((request.body ?? {}) as Body, 'confirm', 10) === 'yes';
        if (!confirmed)
          return renderLock(
            request,
            reply,
            id,
            { confirmed, problems: [{ field: 'confirm', key: 'monitor.lock.confirmRequired' }] },
            400,
          );
        try {
          await monitor.lockRound(id, actorOf(request));
        } catch (error) {
          if (error instanceof Conflict && error.problems.length)
            return renderLock(
              request,
              reply,
              id,
              { confirmed, problems: error.problems.map((f) => ({ ...f, field: 'round' })) },
              409,
            );
          throw error;
        }
        return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?locked=1`, 303);
      },
    ),
  );
}
