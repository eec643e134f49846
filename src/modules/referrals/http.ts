// What every referral page route shares: reading a form (`one`, `many`, `version`), who is asking, the page
// context for the views, the page frame, the role guard, and a form kept when the session ended. Each aggregate's
// routes (signals/, workflow/, referral/, placements/, capacity/, notifications/, privacy/, registration/, teams/)
// take this kit; routes.ts builds it once.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requireRole, type FormDrafts, type Role } from '../../platform/auth/index.js';
import { staffNav } from '../../platform/auth/http.js';
import { ValidationFailed } from '../../platform/errors.js';
import type { I18n } from '../../platform/i18n/index.js';
import type { SafeHtml } from '../../platform/web/html.js';
import type { AuditService } from '../../platform/audit/service.js';
import type { DirectoryService } from '../directory/index.js';
import type { ReferralService } from './service.js';
import type { ViewContext } from './views/common.js';

/** What the referral mechanism's routes use. */
export interface ReferralRouteServices {
  referrals: ReferralService;
  directory: DirectoryService;
  audit: AuditService;
  /** Forms kept when a session ended, given back after signing in again. */
  drafts: FormDrafts;
}

export const CASE_ROLES: Role[] = [
  'nrm_professional',
  'nrm_coordinator',
  'nrm_regional_lead',
  'nrm_national',
  'nrm_shelter',
];
export const MANAGERS: Role[] = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];

export type Body = Record<string, unknown>;
/** A query as its schema lets it through (textQuery: each parameter once, a string). */
export type Query = Record<string, string | undefined>;
export const one = (body: Body, name: string, max = 5000): string => {
  const v = body[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.slice(0, max) : '';
};
export const many = (body: Body, name: string): string[] => {
  const v = body[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').slice(0, 50);
};
export const version = (body: Body) => {
  const v = Number(one(body, 'version', 12));
  if (!Number.isInteger(v) || v < 1)
    throw new ValidationFailed([{ field: 'version', key: 'referrals.errors.version' }]);
  return v;
};
export const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Body;
export const userOf = (request: FastifyRequest) => ({ id: request.user!.id, role: request.user!.role });
/** A case form's name: its action below the case (`assess`, `referrals/<id>/respond`, …), from the route. */
export const formOf = (request: FastifyRequest) => {
  const params = request.params as Record<string, string>;
  return (request.routeOptions.url ?? '')
    .replace(/^\/nvm\/cases\/:id\//, '')
    .replace(/:(rid|pid|tid)/, (_m, name: string) => params[name] ?? '');
};

export type RouteKit = ReturnType<typeof routeKit>;

/** The pages' shared helpers, bound to the services the routes were given. */
export function routeKit(services: ReferralRouteServices, i18n: I18n) {
  const { referrals, drafts } = services;
  const ctxOf = (request: FastifyRequest): ViewContext => ({
    t: request.t,
    locale: request.locale,
    href: (p) => request.href(p),
    csrfToken: request.csrfToken(),
    role: request.user!.role,
    now: referrals.now(),
  });
  return {
    ...services,
    i18n,
    ctxOf,
    page: (reply: FastifyReply, title: string, body: SafeHtml, status = 200) =>
      reply.page({ title, body, noindex: true, nav: staffNav(reply.request) }, status),
    /** Who may use the route (checked before anything else runs). */
    guard: (...roles: Role[]) => ({ preHandler: requireRole(...roles) }),
    /** The form kept for this user when their session ended, if `?draft=` names one posted to a path `accept`s. */
    async draftOf(request: FastifyRequest, accept: (path: string) => boolean) {
      const id = (request.query as Record<string, unknown>).draft;
      if (typeof id !== 'string') return undefined;
      const draft = await drafts.take(request.user!.id, id.slice(0, 40), accept);
      return draft ? { state: 'back' as const, ...draft } : { state: 'gone' as const };
    },
  };
}
