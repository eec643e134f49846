// The inventories' pages: reporting points and knowledge centres from the directory, and the campaign inventory
// (register one, import a CSV, the dashboard).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../../../platform/errors.js';
import { I18n } from '../../../platform/i18n/index.js';
import { actorOf, type Body, many, CampaignsQuery, one, plainForm, routeKit } from '../http.js';
import type { MonitorService } from '../service.js';
import { CSV_COLUMNS, MAX_IMPORT_BYTES, type CampaignFields } from './campaigns.js';
import { campaignsPage, type CampaignFormState } from '../views/campaigns.js';
import { desksPage } from '../views/desks.js';
import { subnav } from '../views/pages.js';
import { campaignRoutes } from './campaign-routes.js';

let headerNames: Record<string, string> | undefined;
/**
 * The column headers a person may write in a campaign CSV: the form's labels in Dutch and in English (`Beginjaar`,
 * `Start year`), lower case, to the CSV names; the CSV names themselves are always read.
 */
function campaignHeaderNames(): Record<string, string> {
  if (headerNames) return headerNames;
  const i18n = new I18n();
  headerNames = {};
  for (const locale of ['nl', 'en'])
    for (const c of CSV_COLUMNS)
      headerNames[i18n.translator(locale)(`monitor.campaign.field.${c}`).trim().toLowerCase()] = c;
  return headerNames;
}

export async function inventoryRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, viewerOf, page, teamOnly } = routeKit(monitor);
  await app.register(campaignRoutes, { monitor });
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
    const [dashboard, campaigns, withdrawn] = await Promise.all([
      monitor.campaignDashboard(),
      monitor.campaigns(),
      monitor.withdrawnCampaigns(),
    ]);
    return page(
      reply,
      request.t('monitor.campaign.title'),
      campaignsPage(ctxOf(request), {
        team: viewer.team,
        nav: subnav(ctxOf(request), viewer),
        dashboard,
        campaigns,
        withdrawn,
        form: { values: {}, problems: [], importText: '', importProblems: [], ...form },
      }),
      status,
    );
  }

  app.get(
    '/monitor/campaigns',
    { schema: { hide: true, querystring: CampaignsQuery } },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const notice =
        query.imported !== undefined
          ? request.t('monitor.notice.imported', { count: Number(query.imported) || 0 })
          : query.added !== undefined
            ? request.t('monitor.notice.added')
            : undefined;
      return renderCampaigns(request, reply, { notice });
    },
  );

  app.post('/monitor/campaigns', { schema: plainForm }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    const values: Record<string, string | string[]> = {};
    for (const k of CSV_COLUMNS)
      values[k] = k === 'forms' || k === 'audiences' ? many(body, k) : one(body, k, 1000);
    values.distinct = one(body, 'distinct', 3);
    const fields = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(';') : v]),
    ) as Partial<CampaignFields>;
    try {
      await monitor.addCampaign(fields, actorOf(request), { distinct: one(body, 'distinct') === 'yes' });
    } catch (error) {
      if (error instanceof ValidationFailed)
        return renderCampaigns(request, reply, { values, problems: error.problems }, 400);
      throw error;
    }
    return reply.redirect(`${request.href('/monitor/campaigns')}?added=1`, 303);
  });

  app.post('/monitor/campaigns/import', { schema: plainForm }, async (request, reply) => {
    teamOnly(request);
    const body = (request.body ?? {}) as Body;
    const csv = one(body, 'csv', MAX_IMPORT_BYTES + 1);
    try {
      const result = await monitor.importCampaigns(csv, actorOf(request), {
        allowSimilar: one(body, 'distinct') === 'yes',
        headerNames: campaignHeaderNames(),
      });
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
}
