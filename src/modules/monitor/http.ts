// What every monitor page route shares: who is asking, the page context for the views, the page frame, and
// running a change from a form (bad input renders the page again with the problems, 400; otherwise 303).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pathParams, textFieldsBody, textQuery } from '../../platform/http/form-schema.js';
import { Forbidden, ValidationFailed } from '../../platform/errors.js';
import type { Role } from '../../platform/auth/index.js';
import type { SafeHtml } from '../../platform/web/html.js';
import { headerNav } from './nav.js';
import { isTeam, TEAM_ROLES } from './rules.js';
import type { MonitorService } from './service.js';
import type { MonitorActor } from './types.js';
import type { PageContext } from './views/page-context.js';
import type { EditForm } from './views/plan-forms.js';
import type { Viewer } from './views/pages.js';

export type Body = Record<string, string | string[] | undefined>;

export function one(body: Body, name: string, max = 10_000): string {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, max) : '';
}

export function many(body: Body, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x).slice(0, 200));
}

export const actorOf = (request: FastifyRequest): MonitorActor => ({
  id: request.user!.id,
  role: request.user!.role,
});

/** The pages' shared helpers, bound to the monitor's service. */
export function routeKit(monitor: MonitorService) {
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
    if (!TEAM_ROLES.includes(request.user!.role as Role)) throw new Forbidden();
  };

  const formValues = (body: Body): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body))
      if (k !== '_csrf' && v !== undefined) out[k] = one(body, k, 5000);
    return out;
  };

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

  return { ctxOf, viewerOf, page, teamOnly, formValues, attempt };
}

/**
 * The shape of every monitor form: fields of text (at most 10,000 characters; `one()` reads 5,000 of them) and
 * checkbox lists; what each field means the services check, and their problems re-render the form.
 */
export const MonitorFormBody = textFieldsBody({ maxLength: 10_000, maxItems: 500 });

/** The schemas of the monitor's routes: by the path parameters they have and whether they take a form. */
const IdParams = pathParams(['id']);
const RoundActionParams = pathParams(['id', 'actionId']);
export const idPage = { hide: true, params: IdParams };
/** A CSV download's query: its dialect (nl, the default, or en: src/platform/csv.ts). */
export const CsvQuery = textQuery(['dialect'], 10);
export const plainForm = { hide: true, body: MonitorFormBody };

/**
 * The querystrings of the monitor's pages: the notice a redirect asks for (`?saved=1`, `?imported=12`), the year,
 * the rounds compared. Each value one short string (sent twice or longer: a 400 naming it); others pass unread.
 */
export const PlanQuery = textQuery(['removed'], 20);
export const OwnersQuery = textQuery(['linked'], 10);
export const RoundQuery = textQuery(['opened', 'locked', 'reminded', 'saved', 'reviewed'], 10);
export const CompareQuery = textQuery(['left', 'right'], 100);
export const CampaignsQuery = textQuery(['imported', 'added'], 10);
export const MirrorQuery = textQuery(['saved'], 10);
/** The pool's pages: the notice after a change (pool/page-kit.ts `noticeOf`) and the year of the totals. */
export const PoolQuery = textQuery(
  ['saved', 'assigned', 'requested', 'paid', 'erased', 'cancelled', 'withdrawn', 'answered', 'year'],
  10,
);
export const idForm = { hide: true, params: IdParams, body: MonitorFormBody };
export const roundActionPage = { hide: true, params: RoundActionParams };
export const roundActionForm = { hide: true, params: RoundActionParams, body: MonitorFormBody };
