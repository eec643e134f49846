// Reporting rounds' pages: the rounds, one round (review, lock and reminders for the team), an owner's update,
// the annex of a locked round (page, PDF, CSV) and two rounds side by side.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { html } from '../../../platform/web/html.js';
import {
  actorOf,
  type Body,
  CompareQuery,
  CsvQuery,
  idForm,
  idPage,
  many,
  one,
  roundActionPage,
  RoundQuery,
  routeKit,
} from '../http.js';
import type { MonitorService } from '../service.js';
import type { EntryInput } from './forms.js';
import { RoundLocked } from './rounds-service.js';
import {
  comparePage,
  entryFormValues,
  entryPage,
  roundPage,
  roundsPage,
  type EntryForm,
  type ReviewForm,
} from '../views/pages.js';
import { formPost } from '../../../platform/http/form-schema.js';
import { EntryBody, ReviewBody, RoundActionParams, RoundOpenBody } from './form-bodies.js';
import { annexBody } from '../views/annex.js';
import { registerWarnings } from '../views/register.js';
import { annexPdf } from '../annex-export.js';
import { annexCsv } from '../annex-csv.js';
import { csvDialectOf } from '../../../platform/csv.js';

/** What the owner typed, as the form shows it again (every row of indicator values too). */
const entryInput = (request: FastifyRequest): EntryInput => {
  const body = (request.body ?? {}) as Body;
  const periods = many(body, 'period');
  const values = many(body, 'value');
  return {
    status: one(body, 'status'),
    narrative: one(body, 'narrative'),
    confirmNarrative: one(body, 'confirm_narrative') === 'yes',
    values: many(body, 'indicator').map((indicatorId, i) => ({
      indicatorId,
      period: periods[i] ?? '',
      value: values[i] ?? '',
    })),
  };
};
const entryForm = (input: EntryInput): EntryForm => ({
  status: input.status,
  narrative: input.narrative,
  confirmNarrative: input.confirmNarrative === true,
  rows: input.values.map((v) => ({ indicatorId: v.indicatorId, period: v.period, value: v.value })),
});

export async function roundRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, viewerOf, page, formValues, teamOnly } = routeKit(monitor);
  const textValues = (request: FastifyRequest) => formValues((request.body ?? {}) as Body);
  /** Refused input is shown again only to who may change it: others get 403, a locked round 409, as when valid. */
  const mayReport = async (request: FastifyRequest, id: string, actionId: string, review = false) => {
    if (review) teamOnly(request);
    const data = await monitor.entry(id, actionId, actorOf(request));
    if (data.round.status === 'locked') throw RoundLocked();
    if (!data.canEdit && !review) throw new Forbidden();
  };
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

  app.post(
    '/monitor/rounds',
    formPost(
      {
        body: RoundOpenBody,
        invalid: (request, reply, problems) => {
          teamOnly(request);
          return renderRounds(request, reply, { values: textValues(request), problems }, 400);
        },
      },
      async (request, reply) => {
        teamOnly(request);
        const values = textValues(request);
        try {
          const round = await monitor.openRound(
            { name: values.name ?? '', deadline: values.deadline ?? '', letter: values.letter ?? '' },
            actorOf(request),
          );
          return reply.redirect(`${request.href(`/monitor/rounds/${round.id}`)}?opened=1`, 303);
        } catch (error) {
          if (error instanceof ValidationFailed)
            return renderRounds(request, reply, { values, problems: error.problems }, 400);
          throw error;
        }
      },
    ),
  );

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

  app.get(
    '/monitor/rounds/:id',
    { schema: { ...idPage, querystring: RoundQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const query = request.query as Record<string, string | undefined>;
      const key = ['opened', 'locked', 'reminded', 'saved', 'reviewed'].find((k) => query[k] !== undefined);
      const notice = key ? request.t(`monitor.notice.${key}`, { count: Number(query[key]) || 0 }) : undefined;
      return renderRound(request, reply, id, notice ? { notice } : {});
    },
  );

  app.post('/monitor/rounds/:id/remind', { schema: idForm }, async (request, reply) => {
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
    review: ReviewForm = { note: '', problems: [] },
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
        review,
      ),
      status,
    );
  }

  app.get('/monitor/rounds/:id/actions/:actionId', { schema: roundActionPage }, async (request, reply) => {
    const { id, actionId } = request.params as { id: string; actionId: string };
    return renderEntry(request, reply, id, actionId, undefined, []);
  });

  app.post(
    '/monitor/rounds/:id/actions/:actionId',
    formPost(
      {
        params: RoundActionParams,
        body: EntryBody,
        invalid: async (request, reply, problems) => {
          const { id, actionId } = request.params as { id: string; actionId: string };
          await mayReport(request, id, actionId);
          return renderEntry(request, reply, id, actionId, entryForm(entryInput(request)), problems, 400);
        },
      },
      async (request, reply) => {
        const { id, actionId } = request.params;
        const input = entryInput(request);
        try {
          await monitor.saveEntry(id, actionId, input, actorOf(request));
        } catch (error) {
          if (error instanceof ValidationFailed)
            return renderEntry(request, reply, id, actionId, entryForm(input), error.problems, 400);
          throw error;
        }
        return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?saved=1`, 303);
      },
    ),
  );

  const reviewOf = (request: FastifyRequest, problems: FieldProblem[]): ReviewForm => ({
    note: one((request.body ?? {}) as Body, 'note'),
    problems,
  });

  app.post(
    '/monitor/rounds/:id/actions/:actionId/review',
    formPost(
      {
        params: RoundActionParams,
        body: ReviewBody,
        invalid: async (request, reply, problems) => {
          const { id, actionId } = request.params as { id: string; actionId: string };
          await mayReport(request, id, actionId, true);
          return renderEntry(request, reply, id, actionId, undefined, [], 400, reviewOf(request, problems));
        },
      },
      async (request, reply) => {
        const { id, actionId } = request.params;
        const body = (request.body ?? {}) as Body;
        try {
          await monitor.review(
            id,
            actionId,
            { decision: one(body, 'decision'), note: one(body, 'note') },
            actorOf(request),
          );
        } catch (error) {
          if (error instanceof ValidationFailed)
            return renderEntry(
              request,
              reply,
              id,
              actionId,
              undefined,
              [],
              400,
              reviewOf(request, error.problems),
            );
          throw error;
        }
        return reply.redirect(`${request.href(`/monitor/rounds/${id}`)}?reviewed=1`, 303);
      },
    ),
  );
}

export async function annexRoutes(app: FastifyInstance, options: { monitor: MonitorService }) {
  const { monitor } = options;
  const { ctxOf, viewerOf, page } = routeKit(monitor);
  app.get('/monitor/rounds/:id/annex', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const annex = await monitor.annex(id);
    const t = request.t;
    const links = html`<p class="samen-actions">
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}`)}">${t('monitor.back.round', { name: annex.round.name })}</a>
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}/annex.pdf`)}" download>${t('monitor.annex.downloadPdf')}</a>
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}/annex.csv`)}" download>${t('monitor.annex.downloadCsv')}</a>
<a class="utrecht-link" href="${request.href(`/monitor/rounds/${id}/annex.csv`)}?dialect=en" download>${t('monitor.annex.downloadCsvEn')}</a>
${annex.previous ? html`<a class="utrecht-link" href="${request.href(`/monitor/compare?left=${annex.previous.id}&right=${id}`)}">${t('monitor.annex.compareLink', { round: annex.previous.name })}</a>` : ''}
</p>
${registerWarnings(t, annex.register)}`;
    return page(reply, t('monitor.annex.title'), annexBody({ t, locale: request.locale }, annex, links));
  });

  app.get('/monitor/rounds/:id/annex.pdf', { schema: idPage }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const annex = await monitor.annex(id);
    const pdf = await annexPdf({ t: request.t, locale: request.locale }, annex);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="bijlage-1-${slug(annex.round.name)}.pdf"`)
      .send(pdf);
  });

  app.get(
    '/monitor/rounds/:id/annex.csv',
    { schema: { ...idPage, querystring: CsvQuery } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const annex = await monitor.annex(id);
      const dialect = csvDialectOf((request.query as Record<string, unknown>).dialect);
      const name = dialect === 'nl' ? 'bijlage-1' : 'annex-1';
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}-${slug(annex.round.name)}.csv"`)
        .send(annexCsv(annex, dialect));
    },
  );

  app.get(
    '/monitor/compare',
    { schema: { hide: true, querystring: CompareQuery } },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      const problems: FieldProblem[] = [];
      if (!query.left) problems.push({ field: 'query.left', key: 'errors.validation.required' });
      if (!query.right) problems.push({ field: 'query.right', key: 'errors.validation.required' });
      if (problems.length) throw new ValidationFailed(problems);
      const data = await monitor.compare(query.left!, query.right!, actorOf(request));
      return page(
        reply,
        request.t('monitor.compare.pageTitle', { left: data.left.name, right: data.right.name }),
        comparePage(ctxOf(request), await viewerOf(request), data),
      );
    },
  );
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
