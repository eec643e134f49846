// The monitor's staff pages. Input is read and passed on; the rules (who may change what, locked rounds,
// validation) live in the service. Every page is noindex and every form carries the CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import { requireRole, type Role } from '../../platform/auth/index.js';
import { html, type SafeHtml } from '../../platform/web/html.js';
import type { AuthService } from '../../platform/auth/index.js';
import type { MonitorService } from './service.js';
import { annexCsv, annexPdf } from './annex-export.js';
import { headerNav } from './nav.js';
import { isTeam, READ_ROLES, TEAM_ROLES, type EntryInput } from './service.js';
import type { MonitorActor, Round } from './types.js';
import { CSV_COLUMNS, MAX_IMPORT_BYTES, type CampaignFields } from './campaigns.js';
import { annexBody } from './views/annex.js';
import { desksPage } from './views/desks.js';
import { noForm, type EditForm } from './views/plan-forms.js';
import {
  commitmentEditPage,
  freshForm,
  indicatorEditPage,
  milestoneEditPage,
  type ItemForm,
} from './views/plan-edit.js';
import { campaignsPage, type CampaignFormState } from './views/campaigns.js';
import type { PageContext } from './views/components.js';
import {
  actionPage,
  commitmentsPage,
  comparePage,
  entryFormValues,
  entryPage,
  ownersPage,
  planPage,
  roundPage,
  roundsPage,
  subnav,
  type EntryForm,
  type Viewer,
} from './views/pages.js';

type Body = Record<string, string | string[] | undefined>;

function one(body: Body, name: string, max = 10_000): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, max) : '';
}

function many(body: Body, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x).slice(0, 200));
}

const actorOf = (request: FastifyRequest): MonitorActor => ({
  id: request.user!.id,
  role: request.user!.role,
});

export async function monitorRoutes(
  app: FastifyInstance,
  options: { services: { monitor: MonitorService; auth: AuthService } },
) {
  const { monitor, auth } = options.services;
  app.addHook('preHandler', requireRole(...READ_ROLES));

  const ctxOf = (request: FastifyRequest): PageContext => ({
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    csrfToken: request.csrfToken(),
  });
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => {
    const actor = actorOf(request);
    return {
      team: isTeam(actor.role),
      role: actor.role,
      owner: actor.role === 'action_owner' ? await monitor.organisationOf(actor) : undefined,
    };
  };
  const page = (reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    reply.page({ title, body, noindex: true, nav: headerNav(reply.request) }, status);
  const teamOnly = (request: FastifyRequest) => {
    if (!TEAM_ROLES.includes(request.user!.role as Role))
      throw new HttpError(403, 'forbidden', 'errors.forbidden');
  };

  const formValues = (body: Body): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body))
      if (k !== '_csrf' && v !== undefined) out[k] = one(body, k, 5000);
    return out;
  };

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

  app.get('/monitor', { schema: { hide: true } }, async (request, reply) => {
    const removed = (request.query as Record<string, string | undefined>).removed;
    const message =
      removed && /^[A-Za-z0-9.]{1,20}$/.test(removed)
        ? request.t('monitor.edit.removed', { code: removed })
        : undefined;
    return renderPlan(request, reply, noForm, 200, message);
  });

  /** Runs a change from a form; bad input renders the page again with the problems (400). */
  async function attempt(
    request: FastifyRequest,
    reply: FastifyReply,
    form: string,
    change: (values: Record<string, string>) => Promise<unknown>,
    done: (result: unknown) => string,
    render: (form: EditForm) => Promise<unknown>,
    target?: string,
  ) {
    const values = formValues((request.body ?? {}) as Body);
    let result: unknown;
    try {
      result = await change(values);
    } catch (error) {
      if (error instanceof ValidationFailed)
        return render({ form, values, problems: error.problems, ...(target ? { target } : {}) });
      throw error;
    }
    return reply.redirect(request.href(done(result)), 303);
  }

  app.post('/monitor/lines', { schema: { hide: true } }, async (request, reply) =>
    attempt(
      request,
      reply,
      'line',
      (v) => monitor.addLine(v, actorOf(request)),
      () => '/monitor',
      (f) => renderPlan(request, reply, f, 400),
    ),
  );

  app.post('/monitor/lines/rename', { schema: { hide: true } }, async (request, reply) =>
    attempt(
      request,
      reply,
      'lineRename',
      (v) => monitor.renameLine(v, actorOf(request)),
      () => '/monitor',
      (f) => renderPlan(request, reply, f, 400),
    ),
  );

  app.post('/monitor/actions', { schema: { hide: true } }, async (request, reply) =>
    attempt(
      request,
      reply,
      'action',
      (v) => monitor.addAction(v, actorOf(request)),
      (id) => `/monitor/actions/${String(id)}`,
      (f) => renderPlan(request, reply, f, 400),
    ),
  );

  async function renderAction(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    form: EditForm,
    status = 200,
  ) {
    const action = await monitor.action(id);
    if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
    const rounds = await monitor.rounds();
    const history = (
      await Promise.all(
        rounds.map((r) => monitor.roundView(r).then((v) => v.entries.filter((e) => e.actionId === id))),
      )
    ).flat();
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

  app.get('/monitor/actions/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderAction(request, reply, id, noForm);
  });

  app.post('/monitor/actions/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'actionEdit',
      (v) => monitor.editAction(id, v, actorOf(request)),
      () => `/monitor/actions/${id}`,
      (f) => renderAction(request, reply, id, f, 400),
      id,
    );
  });

  app.post('/monitor/actions/:id/remove', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const action = await monitor.action(id);
    if (!action) throw new HttpError(404, 'not_found', 'errors.notFound');
    await monitor.removeAction(id, actorOf(request));
    return reply.redirect(request.href(`/monitor?removed=${encodeURIComponent(action.code)}`), 303);
  });

  app.post('/monitor/actions/:id/milestones', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'milestone',
      (v) => monitor.addMilestone(id, v, actorOf(request)),
      () => `/monitor/actions/${id}`,
      (f) => renderAction(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/actions/:id/indicators', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'indicator',
      (v) => monitor.addIndicator(id, v, actorOf(request)),
      () => `/monitor/actions/${id}`,
      (f) => renderAction(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/actions/:id/partners', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'partner',
      (v) => monitor.addPartner(id, v, actorOf(request)),
      () => `/monitor/actions/${id}`,
      (f) => renderAction(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/milestones/:id', { schema: { hide: true } }, async (request, reply) => {
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

  // Correcting or removing one milestone, indicator, partner or commitment. The service decides who may (the
  // action's owner or the team; the team for partners and commitments) and answers 404 for unknown ids.
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

  app.get('/monitor/milestones/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderMilestone(request, reply, id, freshForm);
  });

  app.post('/monitor/milestones/:id/edit', { schema: { hide: true } }, async (request, reply) => {
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

  app.post('/monitor/milestones/:id/remove', { schema: { hide: true } }, async (request, reply) => {
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

  app.get('/monitor/indicators/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderIndicator(request, reply, id, freshForm);
  });

  app.post('/monitor/indicators/:id/edit', { schema: { hide: true } }, async (request, reply) => {
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

  app.post('/monitor/indicators/:id/remove', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const actionId = await monitor.removeIndicator(id, actorOf(request));
    return reply.redirect(request.href(`/monitor/actions/${actionId}`), 303);
  });

  app.post('/monitor/actions/:id/partners/remove', { schema: { hide: true } }, async (request, reply) => {
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

  app.get('/monitor/commitments/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderCommitment(request, reply, id, freshForm);
  });

  app.post('/monitor/commitments/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return attempt(
      request,
      reply,
      'commitmentsEdit',
      (v) => monitor.editCommitment(id, v, actorOf(request)),
      () => '/monitor/commitments',
      (f) => renderCommitment(request, reply, id, f, 400),
    );
  });

  app.post('/monitor/commitments/:id/remove', { schema: { hide: true } }, async (request, reply) => {
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
    return page(
      reply,
      request.t('monitor.commitment.pageTitle'),
      commitmentsPage(ctxOf(request), viewer, await monitor.commitments(), { form, organisations }),
      status,
    );
  }

  app.get('/monitor/commitments', { schema: { hide: true } }, async (request, reply) =>
    renderCommitments(request, reply, noForm),
  );

  app.post('/monitor/commitments', { schema: { hide: true } }, async (request, reply) =>
    attempt(
      request,
      reply,
      'commitment',
      (v) => monitor.addCommitment(v, actorOf(request)),
      () => '/monitor/commitments',
      (f) => renderCommitments(request, reply, f, 400),
    ),
  );

  app.post('/monitor/commitments/update', { schema: { hide: true } }, async (request, reply) =>
    attempt(
      request,
      reply,
      'commitmentUpdate',
      (v) => monitor.updateCommitment(v.id ?? '', v, actorOf(request)),
      () => '/monitor/commitments',
      (f) => renderCommitments(request, reply, f, 400),
    ),
  );

  async function renderRounds(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: Record<string, string>; problems: FieldProblem[] },
    status = 200,
  ) {
    return page(
      reply,
      request.t('monitor.round.pageTitle'),
      roundsPage(ctxOf(request), await viewerOf(request), await monitor.rounds(), form),
      status,
    );
  }

  app.get('/monitor/rounds', { schema: { hide: true } }, async (request, reply) =>
    renderRounds(request, reply, { values: {}, problems: [] }),
  );

  app.post('/monitor/rounds', { schema: { hide: true } }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    const values = {
      name: one(body, 'name', 200),
      deadline: one(body, 'deadline', 20),
      letter: one(body, 'letter', 300),
    };
    try {
      const round = await monitor.openRound(values, actorOf(request));
      return reply.redirect(`${request.href(`/monitor/rounds/${round.id}`)}?opened=1`, 303);
    } catch (error) {
      if (error instanceof ValidationFailed)
        return renderRounds(request, reply, { values, problems: error.problems }, 400);
      throw error;
    }
  });

  async function renderRound(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    o: { notice?: string; problems?: FieldProblem[] },
    status = 200,
  ) {
    const view = await monitor.round(id, actorOf(request));
    return page(
      reply,
      request.t('monitor.round.title', { name: view.round.name }),
      roundPage(ctxOf(request), await viewerOf(request), view, o),
      status,
    );
  }

  app.get('/monitor/rounds/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = request.query as Record<string, string | undefined>;
    const key = ['opened', 'locked', 'reminded', 'saved', 'reviewed'].find((k) => query[k] !== undefined);
    const notice = key ? request.t(`monitor.notice.${key}`, { count: Number(query[key]) || 0 }) : undefined;
    return renderRound(request, reply, id, notice ? { notice } : {});
  });

  app.post('/monitor/rounds/:id/lock', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await monitor.lockRound(id, actorOf(request));
    } catch (error) {
      if (error instanceof HttpError && error.code === 'conflict' && error.fields.length)
        return renderRound(
          request,
          reply,
          id,
          { problems: error.fields.map((f) => ({ ...f, field: 'round' })) },
          409,
        );
      throw error;
    }
    return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?locked=1`, 303);
  });

  app.post('/monitor/rounds/:id/remind', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const result = await monitor.sendReminders({ roundId: id, actor: actorOf(request) });
    return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?reminded=${result.mails}`, 303);
  });

  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    roundId: string,
    actionId: string,
    form: EntryForm | undefined,
    problems: FieldProblem[],
    status = 200,
  ) {
    const data = await monitor.entry(roundId, actionId, actorOf(request));
    return page(
      reply,
      `${data.entry.actionCode} ${data.entry.actionTitle}`,
      entryPage(
        ctxOf(request),
        await viewerOf(request),
        data,
        form ?? entryFormValues(data.entry, data.indicators, data.values),
        problems,
      ),
      status,
    );
  }

  app.get('/monitor/rounds/:id/actions/:actionId', { schema: { hide: true } }, async (request, reply) => {
    const { id, actionId } = request.params as { id: string; actionId: string };
    return renderEntry(request, reply, id, actionId, undefined, []);
  });

  app.post('/monitor/rounds/:id/actions/:actionId', { schema: { hide: true } }, async (request, reply) => {
    const { id, actionId } = request.params as { id: string; actionId: string };
    const body = (request.body ?? {}) as Body;
    const indicators = many(body, 'indicator');
    const periods = many(body, 'period');
    const values = many(body, 'value');
    const input: EntryInput = {
      status: one(body, 'status', 40),
      narrative: one(body, 'narrative', 10_000),
      values: indicators.map((indicatorId, i) => ({
        indicatorId,
        period: periods[i] ?? '',
        value: values[i] ?? '',
      })),
    };
    try {
      await monitor.saveEntry(id, actionId, input, actorOf(request));
    } catch (error) {
      if (error instanceof ValidationFailed)
        return renderEntry(
          request,
          reply,
          id,
          actionId,
          {
            status: input.status,
            narrative: input.narrative,
            rows: input.values.map((v) => ({ indicatorId: v.indicatorId, period: v.period, value: v.value })),
          },
          error.problems,
          400,
        );
      throw error;
    }
    return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?saved=1`, 303);
  });

  app.post(
    '/monitor/rounds/:id/actions/:actionId/review',
    { schema: { hide: true } },
    async (request, reply) => {
      const { id, actionId } = request.params as { id: string; actionId: string };
      const body = (request.body ?? {}) as Body;
      await monitor.review(
        id,
        actionId,
        { decision: one(body, 'decision', 40), note: one(body, 'note', 4000) },
        actorOf(request),
      );
      return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?reviewed=1`, 303);
    },
  );

  app.get('/monitor/rounds/:id/annex', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const annex = await monitor.annex(id);
    const t = request.t;
    const links = html`<p class="samen-actions">
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}`)}">${t('monitor.back.round', { name: annex.round.name })}</a>
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}/annex.pdf`)}" download>${t('monitor.annex.downloadPdf')}</a>
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}/annex.csv`)}" download>${t('monitor.annex.downloadCsv')}</a>
${annex.previous ? html`<a class="utrecht-link" href="${request.href(`/monitor/compare?left=${annex.previous.id}&right=${id}`)}">${t('monitor.annex.compareLink', { round: annex.previous.name })}</a>` : ''}
</p>`;
    return page(reply, t('monitor.annex.title'), annexBody({ t, locale: request.locale }, annex, links));
  });

  app.get('/monitor/rounds/:id/annex.pdf', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const annex = await monitor.annex(id);
    const pdf = await annexPdf({ t: request.t, locale: request.locale }, annex);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="bijlage-1-${slug(annex.round.name)}.pdf"`)
      .send(pdf);
  });

  app.get('/monitor/rounds/:id/annex.csv', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const annex = await monitor.annex(id);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="bijlage-1-${slug(annex.round.name)}.csv"`)
      .send(annexCsv(request.t, annex));
  });

  app.get('/monitor/compare', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const problems: FieldProblem[] = [];
    if (!query.left) problems.push({ field: 'query.left', key: 'errors.validation.required' });
    if (!query.right) problems.push({ field: 'query.right', key: 'errors.validation.required' });
    if (problems.length) throw new ValidationFailed(problems);
    const data = await monitor.compare(query.left!, query.right!);
    return page(
      reply,
      request.t('monitor.compare.pageTitle', { left: data.left.name, right: data.right.name }),
      comparePage(ctxOf(request), await viewerOf(request), data),
    );
  });

  app.get('/monitor/desks', { schema: { hide: true } }, async (request, reply) => {
    const viewer = await viewerOf(request);
    return page(
      reply,
      request.t('monitor.desks.title'),
      desksPage(ctxOf(request), subnav(ctxOf(request), viewer), await monitor.desks()),
    );
  });

  async function renderCampaigns(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Partial<CampaignFormState>,
    status = 200,
  ) {
    const viewer = await viewerOf(request);
    const [dashboard, campaigns] = await Promise.all([monitor.campaignDashboard(), monitor.campaigns()]);
    return page(
      reply,
      request.t('monitor.campaign.title'),
      campaignsPage(ctxOf(request), {
        team: viewer.team,
        nav: subnav(ctxOf(request), viewer),
        dashboard,
        campaigns,
        form: { values: {}, problems: [], importText: '', importProblems: [], ...form },
      }),
      status,
    );
  }

  app.get('/monitor/campaigns', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const notice =
      query.imported !== undefined
        ? request.t('monitor.notice.imported', { count: Number(query.imported) || 0 })
        : query.added !== undefined
          ? request.t('monitor.notice.added')
          : undefined;
    return renderCampaigns(request, reply, { notice });
  });

  app.post('/monitor/campaigns', { schema: { hide: true } }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    const values: Record<string, string | string[]> = {};
    for (const k of CSV_COLUMNS)
      values[k] = k === 'forms' || k === 'audiences' ? many(body, k) : one(body, k, 1000);
    const fields = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]),
    ) as Partial<CampaignFields>;
    try {
      await monitor.addCampaign(fields, actorOf(request));
    } catch (error) {
      if (error instanceof ValidationFailed)
        return renderCampaigns(request, reply, { values, problems: error.problems }, 400);
      throw error;
    }
    return reply.redirect(`${request.href('/monitor/campaigns')}?added=1`, 303);
  });

  app.post('/monitor/campaigns/import', { schema: { hide: true } }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    const csv = one(body, 'csv', MAX_IMPORT_BYTES + 1);
    try {
      const result = await monitor.importCampaigns(csv, actorOf(request));
      return reply.redirect(`${request.href('/monitor/campaigns')}?imported=${result.imported}`, 303);
    } catch (error) {
      if (error instanceof ValidationFailed)
        return renderCampaigns(
          request,
          reply,
          { importText: csv.slice(0, 20_000), importProblems: error.problems },
          400,
        );
      throw error;
    }
  });

  async function renderOwners(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { problems: FieldProblem[]; notice?: string },
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

  app.get('/monitor/owners', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    return renderOwners(request, reply, {
      problems: [],
      ...(query.linked !== undefined ? { notice: request.t('monitor.notice.linked') } : {}),
    });
  });

  app.post('/monitor/owners', { schema: { hide: true } }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    try {
      await monitor.linkOwner(one(body, 'user', 64), one(body, 'organisation', 64), actorOf(request));
    } catch (error) {
      if (error instanceof ValidationFailed)
        return renderOwners(request, reply, { problems: error.problems }, 400);
      throw error;
    }
    return reply.redirect(`${request.href('/monitor/owners')}?linked=1`, 303);
  });
}

function slug(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'ronde'
  );
}
