// One campaign's page and its corrections (issue 21 point 3): every reader sees the campaign and its history; the
// programme team corrects it (409 when it changed meanwhile, with what was typed kept), withdraws it with a reason
// and puts it back. A refused form comes back with the reasons at the top (400 or 409).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { textQuery } from '../../../platform/http/form-schema.js';
import { actorOf, idForm, idPage, routeKit } from '../http.js';
import { attempt } from '../pool/page-kit.js';
import type { MonitorService } from '../service.js';
import { campaignDetailPage } from '../views/campaign-detail.js';
import { subnav } from '../views/pages.js';
import type { PoolForm } from '../views/pool-forms.js';

export async function campaignRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, viewerOf, page, teamOnly } = routeKit(monitor);

  async function render(request: FastifyRequest, reply: FastifyReply, id: string, form: PoolForm) {
    const viewer = await viewerOf(request);
    const { campaign, history } = await monitor.campaign(id);
    return page(
      reply,
      campaign.name,
      campaignDetailPage(ctxOf(request), {
        team: viewer.team,
        nav: subnav(ctxOf(request), viewer),
        campaign,
        history,
        form,
      }),
      reply.statusCode,
    );
  }

  app.get(
    '/monitor/campaigns/:id',
    { schema: { ...idPage, querystring: textQuery(['saved', 'withdrawn', 'restored'], 10) } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = request.query as Record<string, string | undefined>;
      const done = ['saved', 'withdrawn', 'restored'].find((k) => query[k] !== undefined);
      return render(request, reply, id, {
        values: {},
        problems: [],
        ...(done ? { notice: request.t(`monitor.campaign.notice.${done}`) } : {}),
      });
    },
  );

  const steps = [
    ['edit', 'campaignEdit', 'saved', 'editCampaign'],
    ['withdraw', 'campaignWithdraw', 'withdrawn', 'withdrawCampaign'],
    ['restore', 'campaignRestore', 'restored', 'restoreCampaign'],
  ] as const;
  for (const [path, form, done, method] of steps)
    app.post(`/monitor/campaigns/:id/${path}`, { schema: idForm }, async (request, reply) => {
      teamOnly(request);
      const { id } = request.params as { id: string };
      return attempt(
        request,
        reply,
        form,
        (v) => monitor[method](id, v, actorOf(request)),
        `/monitor/campaigns/${id}?${done}=1`,
        (f) => render(request, reply, id, f),
      );
    });
}
