// An assignment's page and its steps: the coordinator assigns, records the expert's answer, reassigns, cancels,
// records (or corrects) the hours and the payment; the requesting organisation withdraws its own request. Who may
// do what is the service's rule (403 for another organisation's assignment, 409 for a step its state forbids).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireRole } from '../../../platform/auth/index.js';
import type { MonitorService } from '../service.js';
import { actorOf, idForm, idPage, PoolQuery, routeKit } from '../http.js';
import { headerNav } from '../nav.js';
import { amsterdamDate, POOL_ROLES } from '../rules.js';
import { assignmentPage } from '../views/pool-assignment.js';
import type { PoolForm, PoolFormName } from '../views/pool-forms.js';
import { attempt, noticeOf } from './page-kit.js';

export async function assignmentRoutes(
  app: FastifyInstance,
  options: { services: { monitor: MonitorService } },
) {
  const { monitor } = options.services;
  const { ctxOf } = routeKit(monitor);
  const pool = { preHandler: requireRole(...POOL_ROLES), schema: { hide: true } };

  async function renderAssignment(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: PoolForm,
    status = 200,
  ) {
    const actor = actorOf(request);
    const coordinator = actor.role === 'pool_coordinator';
    const [{ assignment, suggestions, history }, rates] = await Promise.all([
      monitor.assignment(id, actor),
      coordinator ? monitor.rates() : Promise.resolve([]),
    ]);
    return reply.page(
      {
        title: assignment.title,
        body: assignmentPage(ctxOf(request), {
          coordinator,
          assignment,
          suggestions,
          history,
          rates,
          today: amsterdamDate(monitor.now()),
          form,
        }),
        noindex: true,
        nav: headerNav(request),
      },
      status,
    );
  }

  app.get(
    '/monitor/pool/assignments/:id',
    { ...pool, schema: { ...idPage, querystring: PoolQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      return renderAssignment(request, reply, id, { values: {}, problems: [], notice: noticeOf(request) });
    },
  );

  // Each step: its form's name, the service's call, the notice after it, and whether the form's fields carry the
  // step in their ids (forms that share field names on one page).
  const steps: [
    PoolFormName,
    (id: string, v: Record<string, unknown>, request: FastifyRequest) => Promise<unknown>,
    string,
    boolean,
  ][] = [
    ['assign', (id, v, r) => monitor.assign(id, String(v.expert ?? ''), actorOf(r)), 'assigned', false],
    ['answer', (id, v, r) => monitor.answer(id, v, actorOf(r)), 'answered', true],
    ['reassign', (id, v, r) => monitor.reassign(id, v, actorOf(r)), 'assigned', true],
    ['cancel', (id, v, r) => monitor.cancel(id, v, actorOf(r)), 'cancelled', true],
    ['withdraw', (id, v, r) => monitor.withdraw(id, v, actorOf(r)), 'withdrawn', true],
    ['hours', (id, v, r) => monitor.recordHours(id, v, actorOf(r)), 'saved', false],
    ['paid', (id, v, r) => monitor.markPaid(id, v, actorOf(r)), 'paid', false],
  ];
  for (const [step, change, done, targeted] of steps)
    app.post(`/monitor/pool/assignments/:id/${step}`, { ...pool, schema: idForm }, async (request, reply) => {
      const { id } = request.params as { id: string };
      return attempt(
        request,
        reply,
        step,
        (v) => change(id, v, request),
        `/monitor/pool/assignments/${id}?${done}=1`,
        (f) => renderAssignment(request, reply, id, f, reply.statusCode),
        targeted ? step : undefined,
      );
    });
}
