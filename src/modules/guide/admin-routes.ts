// Admin pages for the routing rules (role admin, which also means a second factor): the active rules in a
// table, every published version with rollback, an editor that checks a draft and tries it on any answers
// (the ranked result with the rules that fired), and publishing with a note. Every publish and activation is
// audited; a publish based on an outdated version is refused with a 409 rather than overwriting someone's rules.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound, type FieldProblem } from '../../platform/http/errors.js';
import {
  buttonForm,
  FormField,
  formBody,
  formPost,
  pathParams,
  postedValues,
  textQuery,
} from '../../platform/http/form-schema.js';
import type { I18n } from '../../platform/i18n/index.js';
import type { SafeHtml } from '../../platform/web/html.js';
import type { DirectoryService } from '../directory/index.js';
import type { GuideService } from './service.js';
import type { Actor } from '../directory/index.js';
import { registerStaffArea, requireRole } from '../../platform/auth/index.js';
import { parseAnswers, type RawQuery } from './answers.js';
import { presentAdvice } from './present.js';
import { RuleSetConflict, RuleSetInvalid, type Advice } from './service.js';
import type { RuleProblem } from './rules/schema.js';
import { editorPage, overviewPage, versionPage, type AdminContext } from './views/admin.js';

function actorOf(request: FastifyRequest): Actor {
  const user = request.user!;
  return { id: user.id, email: user.email, displayName: user.displayName };
}

function field(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.slice(0, max) : '';
}

const MAX_SOURCE = 200_000;

/** The editor's form: the rules, the publish note, the version they are based on and the try panel's answers. */
const EditorForm = formBody({
  source: FormField.text(MAX_SOURCE),
  note: FormField.text(500),
  based_on: FormField.digits(10),
  audience: FormField.text(100),
  form: FormField.list({ maxItems: 20, maxLength: 100 }),
  danger: FormField.text(100),
  municipality: FormField.text(100),
  minor: FormField.text(100),
  need: FormField.list({ maxItems: 20, maxLength: 100 }),
});
const VersionParams = pathParams(['version'], 20);

export async function guideAdminRoutes(
  app: FastifyInstance,
  options: { services: { guide: GuideService; directory: DirectoryService }; i18n: I18n },
) {
  const { guide, directory } = options.services;
  registerStaffArea({ path: '/admin/guide', labelKey: 'guide.admin.nav', roles: ['admin'] });
  // Encapsulated: the hook guards the routes of this plugin only.
  app.addHook('preHandler', requireRole('admin'));

  const ctxOf = (request: FastifyRequest): AdminContext => ({
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    csrfToken: request.csrfToken(),
  });
  const page = (request: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
    reply.page({ title, body, noindex: true }, status);

  app.get(
    '/admin/guide',
    { schema: { hide: true, querystring: textQuery(['published', 'activated'], 20) } },
    async (request, reply) => {
      const [active, versions] = await Promise.all([guide.activeRules(), guide.versions()]);
      const query = request.query as RawQuery;
      const notice = field(query, 'published', 10) || field(query, 'activated', 10);
      return page(
        request,
        reply,
        request.t('guide.admin.title'),
        overviewPage(ctxOf(request), active, versions, {
          ...(notice
            ? { notice: { kind: query.published ? 'published' : 'activated', version: notice } }
            : {}),
        }),
      );
    },
  );

  app.get(
    '/admin/guide/versions/:version',
    { schema: { hide: true, params: VersionParams } },
    async (request, reply) => {
      const { version } = request.params as { version: string };
      const found = /^\d{1,9}$/.test(version) ? await guide.version(Number(version)) : undefined;
      if (!found) throw notFound();
      return page(
        request,
        reply,
        request.t('guide.admin.versionTitle', { version }),
        versionPage(ctxOf(request), found),
      );
    },
  );

  app.post(
    '/admin/guide/versions/:version/activate',
    { schema: { hide: true, params: VersionParams, body: buttonForm } },
    async (request, reply) => {
      const { version } = request.params as { version: string };
      if (!/^\d{1,9}$/.test(version)) throw notFound();
      await guide.activate(Number(version), actorOf(request));
      return reply.redirect(`${request.href('/admin/guide')}?activated=${version}`, 303);
    },
  );

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    o: {
      source: string;
      note: string;
      basedOn: number;
      problems?: RuleProblem[];
      advice?: Advice;
      tryQuery?: RawQuery;
      conflict?: number;
    },
    status = 200,
  ) {
    const ctx = ctxOf(request);
    const tried = o.advice
      ? presentAdvice(o.advice, {
          t: request.t,
          locale: request.locale,
          now: guide.now(),
          terms: await directory.termMap(),
        })
      : undefined;
    return page(
      request,
      reply,
      request.t('guide.admin.editTitle'),
      editorPage(ctx, {
        ...o,
        answers: parseAnswers(o.tryQuery ?? {}).answers,
        ...(tried && o.advice ? { tried: { view: tried, advice: o.advice } } : {}),
      }),
      status,
    );
  }

  app.get('/admin/guide/edit', { schema: { hide: true } }, async (request, reply) => {
    const active = await guide.activeRules();
    const stored = await guide.version(active.version);
    return renderEditor(request, reply, { source: stored!.source, note: '', basedOn: active.version });
  });

  /** The answers of the try panel, from the form fields named like the API's parameters. */
  function tryQueryOf(body: Record<string, unknown>): RawQuery {
    const out: RawQuery = {};
    for (const name of ['audience', 'form', 'danger', 'municipality', 'minor', 'need']) {
      const value = body[name];
      if (value !== undefined && value !== '') out[name] = value;
    }
    return out;
  }

  /** The editor again with what was posted and the problems the schema found (400). */
  const invalidEditor = (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) => {
    const values = postedValues(request);
    const one = (name: string, max: number) => field(values, name, max);
    return renderEditor(
      request,
      reply,
      {
        source: one('source', MAX_SOURCE + 1),
        note: one('note', 500),
        basedOn: Number(one('based_on', 10)) || 0,
        problems: problems.map((p) => ({
          path: p.field,
          key: p.key,
          ...(p.params ? { params: p.params } : {}),
        })),
        tryQuery: tryQueryOf(values),
      },
      400,
    );
  };

  app.post(
    '/admin/guide/try',
    formPost({ body: EditorForm, invalid: invalidEditor }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const source = field(body, 'source', MAX_SOURCE + 1);
      const note = field(body, 'note', 500);
      const basedOn = Number(field(body, 'based_on', 10)) || 0;
      const tryQuery = tryQueryOf(body);
      const { problems: answerProblems } = parseAnswers(tryQuery);
      if (answerProblems.length) throw badRequest(answerProblems);
      try {
        const advice = await guide.tryRules(source, parseAnswers(tryQuery).answers);
        return renderEditor(request, reply, { source, note, basedOn, advice, tryQuery });
      } catch (error) {
        if (error instanceof RuleSetInvalid)
          return renderEditor(
            request,
            reply,
            { source, note, basedOn, problems: error.problems, tryQuery },
            400,
          );
        throw error;
      }
    }),
  );

  app.post(
    '/admin/guide/publish',
    formPost({ body: EditorForm, invalid: invalidEditor }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const source = field(body, 'source', MAX_SOURCE + 1);
      const note = field(body, 'note', 500).trim();
      const basedOn = Number(field(body, 'based_on', 10)) || 0;
      if (!note) {
        const problems: RuleProblem[] = [{ path: 'note', key: 'guide.admin.noteRequired' }];
        return renderEditor(request, reply, { source, note, basedOn, problems }, 400);
      }
      // The service checks the rules themselves (syntax, schema, terms) and says what is wrong.
      try {
        const version = await guide.publish({ source, note, basedOn }, actorOf(request));
        return reply.redirect(`${request.href('/admin/guide')}?published=${version}`, 303);
      } catch (error) {
        if (error instanceof RuleSetInvalid)
          return renderEditor(request, reply, { source, note, basedOn, problems: error.problems }, 400);
        if (error instanceof RuleSetConflict)
          return renderEditor(request, reply, { source, note, basedOn, conflict: error.activeVersion }, 409);
        throw error;
      }
    }),
  );
}
