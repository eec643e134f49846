// The door of the accounts platform: what routes and modules may use.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';

export { ROLES, type AuthSession, type Role, type SessionStage, type SessionUser } from './types.js';
import type { AuthSession, Role, SessionUser } from './types.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The fully signed-in user, or null. */
    user: SessionUser | null;
    /** The session behind the cookie, also while the second factor is pending; null without one. */
    authSession: AuthSession | null;
    /** The CSRF token to put in every form of this response as <input type="hidden" name="_csrf">. */
    csrfToken(): string;
  }
}

export { SESSION_COOKIE, PRESESSION_COOKIE } from './cookies.js';
export type { AuthService, UserSummary } from './service.js';
export type { OidcService } from './oidc/service.js';
export { registerDraftForm, DRAFT_TTL_MS, type DraftValues, type FormDrafts } from './drafts.js';

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.routeOptions.config?.api === true;
}

/**
 * preHandler: only signed-in users with one of these roles get through (no roles: any signed-in user). Pages
 * send the visitor to the login page (keeping where they wanted to go); the API answers 401/403 as JSON.
 */
export function requireRole(...roles: Role[]) {
  return async function checkRole(request: FastifyRequest, reply: FastifyReply) {
    if (!request.user) {
      if (isApi(request)) throw new HttpError(401, 'unauthorized', 'errors.unauthorized');
      // Only a page can be returned to; after a refused form post the user starts from the login page.
      if (request.method !== 'GET') return reply.redirect(request.href('/login'), 303);
      const next = encodeURIComponent(`${request.localePrefix}${request.url}`);
      return reply.redirect(`${request.href('/login')}?next=${next}`, 303);
    }
    if (roles.length > 0 && !roles.includes(request.user.role)) {
      throw new HttpError(403, 'forbidden', 'errors.forbidden');
    }
  };
}

/** A staff area a module offers (e.g. the directory's steward dashboard): shown in the staff header and used as
 * the landing page after sign-in. Modules register theirs; the platform does not import modules. */
export interface StaffArea {
  path: string;
  labelKey: string;
  roles: readonly Role[];
}

const staffAreas: StaffArea[] = [];

export function registerStaffArea(area: StaffArea) {
  if (!staffAreas.some((a) => a.path === area.path)) staffAreas.push(area);
}

export function staffAreasFor(role: Role | undefined): StaffArea[] {
  return role ? staffAreas.filter((a) => a.roles.includes(role)) : [];
}
