// Correcting or removing one milestone, indicator, partner or commitment, the commitments page, and who reports
// for which organisation. The service decides who may (the action's owner or the team; the team for partners,
// commitments and owners) and answers 404 for unknown ids.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { actorOf, type Body, idForm, idPage, one, OwnersQuery, plainForm, routeKit } from '../http.js';
import type { AuthService } from '../../../platform/auth/service.js';
import type { MonitorService } from '../service.js';
import { registerTop } from '../views/register.js';
import { formPost } from '../../../platform/http/form-schema.js';
import { CommitmentBody, CommitmentUpdateBody, IdParams } from './form-bodies.js';
import { ownersPage } from '../views/owners.js';
import { noForm, type EditForm } from '../views/plan-forms.js';
import {
  commitmentEditPage,
  freshForm,
  indicatorEditPage,
  milestoneEditPage,
  type ItemForm,
} from '../views/plan-edit.js';
import { commitmentsPage } from '../views/pages.js';

export async function correctionRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, viewerOf, page, attempt, formValues, teamOnly } = routeKit(monitor);
  async function renderMilestone(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: ItemForm,
    status = 200,
  ) {
    const { milestone, action } = await monitor.milestoneForEdit(id, actorOf(request));
    return page(
      reply,
      request.t('monitor.edit.milestonePage', { code: action.code }),
      milestoneEditPage(ctxOf(request), action, milestone, form),
      status,
    );
  }

  app.get('/monitor/milestones/:id/edit', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderMilestone(request, reply, id, freshForm);
  });

  app.post('/monitor/milestones/:id/edit', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'milestonesEdit',
      (v) => monitor.editMilestone(id, v, actorOf(request)),
      (actionId) => `/monitor/actions/${String(actionId)}`,
      (f) => renderMilestone(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/milestones/:id/remove', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const actionId = await monitor.removeMilestone(id, actorOf(request));
    return reply.redirect(request.href(`/monitor/actions/${actionId}`), 303);
  });

  async function renderIndicator(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: ItemForm,
    status = 200,
  ) {
    const { indicator, action, locked } = await monitor.indicatorForEdit(id, actorOf(request));
    return page(
      reply,
      request.t('monitor.edit.indicatorPage', { code: action.code }),
      indicatorEditPage(ctxOf(request), action, indicator, locked, form),
      status,
    );
  }

  app.get('/monitor/indicators/:id/edit', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderIndicator(request, reply, id, freshForm);
  });

  app.post('/monitor/indicators/:id/edit', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'indicatorsEdit',
      (v) => monitor.editIndicator(id, v, actorOf(request)),
      (actionId) => `/monitor/actions/${String(actionId)}`,
      (f) => renderIndicator(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/indicators/:id/remove', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const actionId = await monitor.removeIndicator(id, actorOf(request));
    return reply.redirect(request.href(`/monitor/actions/${actionId}`), 303);
  });

  app.post('/monitor/actions/:id/partners/remove', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const partner = one((request.body ?? {}) as Body, 'partner', 100);
    await monitor.removePartner(id, partner, actorOf(request));
    return reply.redirect(request.href(`/monitor/actions/${id}`), 303);
  });

  async function renderCommitment(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: ItemForm,
    status = 200,
  ) {
    const commitment = await monitor.commitmentForEdit(id, actorOf(request));
    return page(
      reply,
      request.t('monitor.edit.commitmentPage'),
      commitmentEditPage(ctxOf(request), commitment, await monitor.organisations(), form),
      status,
    );
  }

  app.get('/monitor/commitments/:id/edit', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderCommitment(request, reply, id, freshForm);
  });

  app.post(
    '/monitor/commitments/:id/edit',
    formPost(
      {
        params: IdParams,
        body: CommitmentBody,
        invalid: (request, reply, problems) => {
          const { id } = request.params as { id: string };
          const values = formValues((request.body ?? {}) as Body);
          return renderCommitment(request, reply, id, { values, problems }, 400);
        },
      },
      async (request, reply) => {
        const { id } = request.params;
        return attempt(
          request,
          reply,
          'commitmentsEdit',
          (v) => monitor.editCommitment(id, v, actorOf(request)),
          () => '/monitor/commitments',
          (f) => renderCommitment(request, reply, id, f, 400),
        );
      },
    ),
  );

  app.post('/monitor/commitments/:id/remove', { schema: idForm }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await monitor.removeCommitment(id, actorOf(request));
    return reply.redirect(request.href('/monitor/commitments'), 303);
  });

  async function renderCommitments(
    request: FastifyRequest,
    reply: FastifyReply,
    form: EditForm,
    status = 200,
  ) {
    const viewer = await viewerOf(request);
    const organisations = viewer.team ? await monitor.organisations() : [];
    // The warning (done while a linked action is not completed) and the export, above the register.
    const top = registerTop(ctxOf(request), await monitor.commitmentRegister());
    return page(
      reply,
      request.t('monitor.commitment.pageTitle'),
      commitmentsPage(ctxOf(request), viewer, await monitor.commitments(), { form, organisations }, top),
      status,
    );
  }

  app.get('/monitor/commitments', { schema: { hide: true } }, async (request, reply) =>
    renderCommitments(request, reply, noForm),
  );

  /** A refused team form: shown again to the team only (403 for others, as with valid input). */
  const invalidTeamForm =
    (form: string) => (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) => {
      teamOnly(request);
      const values = formValues((request.body ?? {}) as Body);
      return renderCommitments(request, reply, { form, values, problems }, 400);
    };

  app.post(
    '/monitor/commitments',
    formPost({ body: CommitmentBody, invalid: invalidTeamForm('commitment') }, async (request, reply) =>
      attempt(
        request,
        reply,
        'commitment',
        (v) => monitor.addCommitment(v, actorOf(request)),
        () => '/monitor/commitments',
        (f) => renderCommitments(request, reply, f, 400),
      ),
    ),
  );

  app.post(
    '/monitor/commitments/update',
    formPost(
      { body: CommitmentUpdateBody, invalid: invalidTeamForm('commitmentUpdate') },
      async (request, reply) =>
        attempt(
          request,
          reply,
          'commitmentUpdate',
          (v) => monitor.updateCommitment(v.id ?? '', v, actorOf(request)),
          () => '/monitor/commitments',
          (f) => renderCommitments(request, reply, f, 400),
        ),
    ),
  );
}

export async function ownerRoutes(
  app: FastifyInstance,
  options: { monitor: MonitorService; auth: Pick<AuthService, 'listUsers'> },
) {
  const { monitor, auth } = options;
  const { ctxOf, viewerOf, page, teamOnly } = routeKit(monitor);
  async function renderOwners(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { problems: FieldProblem[]; values?: Record<string, string>; notice?: string },
    status = 200,
  ) {
    teamOnly(request);
    const [organisations, linked, users] = await Promise.all([
      monitor.organisations(),
      monitor.owners(),
      auth.listUsers(),
    ]);
    const candidates = users
      .filter((u) => (u.role === 'action_owner' || u.role === 'requesting_organisation') && !u.disabled)
      .map((u) => ({ id: u.id, displayName: u.displayName, email: u.email }));
    return page(
      reply,
      request.t('monitor.owners.title'),
      ownersPage(ctxOf(request), await viewerOf(request), { organisations, linked, candidates }, form),
      status,
    );
  }

  app.get('/monitor/owners', { schema: { hide: true, querystring: OwnersQuery } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    return renderOwners(request, reply, {
      problems: [],
      ...(query.linked !== undefined ? { notice: request.t('monitor.notice.linked') } : {}),
    });
  });

  app.post('/monitor/owners', { schema: plainForm }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    const values = { user: one(body, 'user', 64), organisation: one(body, 'organisation', 64) };
    try {
      await monitor.linkOwner(values.user, values.organisation, actorOf(request));
    } catch (error) {
      // Refused: the form again with the person and organisation chosen, the reasons on top.
      if (error instanceof ValidationFailed)
        return renderOwners(request, reply, { problems: error.problems, values }, 400);
      throw error;
    }
    return reply.redirect(`${request.href('/monitor/owners')}?linked=1`, 303);
  });
}
