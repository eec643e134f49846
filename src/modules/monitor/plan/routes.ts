// The plan's pages: the plan by line, an action with its milestones, indicators and partners, and the forms that
// add to them. Input is read and passed on; the rules (who may change what) live in the service.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, NotFound, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { formPost } from '../../../platform/http/form-schema.js';
import { actorOf, type Body, idForm, idPage, PlanQuery, routeKit } from '../http.js';
import {
  ActionBody,
  IdParams,
  IndicatorBody,
  LineBody,
  LineRenameBody,
  MilestoneBody,
  PartnerBody,
} from './form-bodies.js';
import type { MonitorService } from '../service.js';
import type { Round } from '../types.js';
import { noForm, type EditForm } from '../views/plan-forms.js';
import { actionPage, planPage } from '../views/pages.js';

export async function planRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, viewerOf, page, formValues, attempt, teamOnly } = routeKit(monitor);
  const textValues = (request: FastifyRequest) => formValues((request.body ?? {}) as Body);
  async function renderPlan(
    request: FastifyRequest,
    reply: FastifyReply,
    form: EditForm,
    status = 200,
    message?: string,
  ) {
    const viewer = await viewerOf(request);
    const plan = await monitor.plan();
    const tasks: { round: Round; open: number }[] = [];
    if (viewer.owner) {
      const rounds = (await monitor.rounds()).filter((r) => r.status === 'open');
      for (const round of rounds) {
        const view = await monitor.round(round.id, actorOf(request));
        const open = view.entries.filter(
          (e) => e.reviewState === 'pending' || e.reviewState === 'changes_requested',
        ).length;
        tasks.push({ round, open });
      }
    }
    const organisations = viewer.team ? await monitor.organisations() : [];
    return page(
      reply,
      request.t('monitor.plan.title'),
      planPage(
        ctxOf(request),
        viewer,
        plan,
        tasks,
        { form, organisations },
        await monitor.overdueMilestones(),
        message,
      ),
      status,
    );
  }

  app.get('/monitor', { schema: { hide: true, querystring: PlanQuery } }, async (request, reply) => {
    const removed = (request.query as Record<string, string | undefined>).removed;
    const message =
      removed && /^[A-Za-z0-9.]{1,20}$/.test(removed)
        ? request.t('monitor.edit.removed', { code: removed })
        : undefined;
    return renderPlan(request, reply, noForm, 200, message);
  });

  /** A refused plan form: the plan again with what was typed (the team only, as with valid input). */
  const teamForm = (form: string) => ({
    invalid: (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) => {
      teamOnly(request);
      return renderPlan(request, reply, { form, values: textValues(request), problems }, 400);
    },
  });

  app.post(
    '/monitor/lines',
    formPost({ body: LineBody, ...teamForm('line') }, async (request, reply) =>
      attempt(
        request,
        reply,
        'line',
        (v) => monitor.addLine(v, actorOf(request)),
        () => '/monitor',
        (f) => renderPlan(request, reply, f, 400),
      ),
    ),
  );

  app.post(
    '/monitor/lines/rename',
    formPost({ body: LineRenameBody, ...teamForm('lineRename') }, async (request, reply) =>
      attempt(
        request,
        reply,
        'lineRename',
        (v) => monitor.renameLine(v, actorOf(request)),
        () => '/monitor',
        (f) => renderPlan(request, reply, f, 400),
      ),
    ),
  );

  app.post(
    '/monitor/actions',
    formPost({ body: ActionBody, ...teamForm('action') }, async (request, reply) =>
      attempt(
        request,
        reply,
        'action',
        (v) => monitor.addAction(v, actorOf(request)),
        (id) => `/monitor/actions/${String(id)}`,
        (f) => renderPlan(request, reply, f, 400),
      ),
    ),
  );

  await actionRoutes(app, monitor);
}

/** An action's page and the forms on it (corrections, milestones, indicators, partners, a milestone reached). */
async function actionRoutes(app: FastifyInstance, monitor: MonitorService) {
  const { ctxOf, viewerOf, page, formValues, attempt, teamOnly } = routeKit(monitor);
  const textValues = (request: FastifyRequest) => formValues((request.body ?? {}) as Body);
  async function renderAction(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: EditForm,
    status = 200,
  ) {
    const actor = actorOf(request);
    const action = await monitor.action(id, actor);
    if (!action) throw new NotFound();
    const rounds = await monitor.rounds();
    // Need-to-know: another organisation's draft in an open round is not part of the history shown.
    const history = await monitor.actionHistory(id, actor);
    const viewer = await viewerOf(request);
    const canEdit = viewer.team || (viewer.owner !== undefined && viewer.owner.id === action.owner.id);
    return page(
      reply,
      `${action.code} ${action.title}`,
      actionPage(ctxOf(request), viewer, action, rounds, history, {
        canEdit,
        form,
        organisations: viewer.team ? await monitor.organisations() : [],
        lines: viewer.team ? await monitor.lines() : [],
      }),
      status,
    );
  }

  app.get('/monitor/actions/:id', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderAction(request, reply, id, noForm);
  });

  /**
   * A refused form on an action's page: the page again with what was typed, for who may send it (the team, or
   * for milestones and indicators also the action's owner; 403 otherwise, as with valid input).
   */
  const actionForm = (form: string, who: 'team' | 'owner', target = false) => ({
    params: IdParams,
    invalid: async (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) => {
      const { id } = request.params as { id: string };
      if (who === 'team') teamOnly(request);
      else await mayEditAction(request, id);
      const values = textValues(request);
      return renderAction(
        request,
        reply,
        id,
        { form, values, problems, ...(target ? { target: id } : {}) },
        400,
      );
    },
  });
  const mayEditAction = async (request: FastifyRequest, id: string) => {
    const action = await monitor.action(id);
    if (!action) throw new NotFound();
    const viewer = await viewerOf(request);
    if (!viewer.team && viewer.owner?.id !== action.owner.id) throw new Forbidden();
  };

  app.post(
    '/monitor/actions/:id/edit',
    formPost({ body: ActionBody, ...actionForm('actionEdit', 'team', true) }, async (request, reply) => {
      const { id } = request.params;
      return attempt(
        request,
        reply,
        'actionEdit',
        (v) => monitor.editAction(id, v, actorOf(request)),
        () => `/monitor/actions/${id}`,
        (f) => renderAction(request, reply, id, f, 400),
        id,
      );
    }),
  );

  app.post('/monitor/actions/:id/remove', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const action = await monitor.action(id);
    if (!action) throw new NotFound();
    await monitor.removeAction(id, actorOf(request));
    return reply.redirect(request.href(`/monitor?removed=${encodeURIComponent(action.code)}`), 303);
  });

  app.post(
    '/monitor/actions/:id/milestones',
    formPost({ body: MilestoneBody, ...actionForm('milestone', 'owner') }, async (request, reply) => {
      const { id } = request.params;
      return attempt(
        request,
        reply,
        'milestone',
        (v) => monitor.addMilestone(id, v, actorOf(request)),
        () => `/monitor/actions/${id}`,
        (f) => renderAction(request, reply, id, f, 400),
      );
    }),
  );

  app.post(
    '/monitor/actions/:id/indicators',
    formPost({ body: IndicatorBody, ...actionForm('indicator', 'owner') }, async (request, reply) => {
      const { id } = request.params;
      return attempt(
        request,
        reply,
        'indicator',
        (v) => monitor.addIndicator(id, v, actorOf(request)),
        () => `/monitor/actions/${id}`,
        (f) => renderAction(request, reply, id, f, 400),
      );
    }),
  );

  app.post(
    '/monitor/actions/:id/partners',
    formPost({ body: PartnerBody, ...actionForm('partner', 'team') }, async (request, reply) => {
      const { id } = request.params;
      return attempt(
        request,
        reply,
        'partner',
        (v) => monitor.addPartner(id, v, actorOf(request)),
        () => `/monitor/actions/${id}`,
        (f) => renderAction(request, reply, id, f, 400),
      );
    }),
  );

  app.post('/monitor/milestones/:id', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const values = formValues((request.body ?? {}) as Body);
    try {
      const actionId = await monitor.setMilestoneDate(id, values, actorOf(request));
      return reply.redirect(request.href(`/monitor/actions/${actionId}`), 303);
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      const actionId = await monitor.milestoneAction(id);
      return renderAction(
        request,
        reply,
        actionId,
        { form: 'reached', target: id, values, problems: error.problems },
        400,
      );
    }
  });
}
