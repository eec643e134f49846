// The door of the accounts platform: what routes and modules may use.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../http/errors.js';

export type Role = 'admin' | 'directory_steward';
export const ROLES: readonly Role[] = ['admin', 'directory_steward'];

/** The signed-in user as routes see it (after password and, where required, the second factor). */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The fully signed-in user, or null. */
    user: SessionUser | null;
    /** The CSRF token to put in every form of this response as <input type="hidden" name="_csrf">. */
    csrfToken(): string;
  }
}

/**
 * preHandler: only signed-in users with one of these roles get through. Pages send the visitor to the login
 * page (keeping where they wanted to go); the API answers 401/403 as JSON.
 */
export function requireRole(...roles: Role[]) {
  return async function checkRole(request: FastifyRequest, reply: FastifyReply) {
    if (!request.user) {
      if (request.url.startsWith('/api/')) throw new HttpError(401, 'unauthorized', 'errors.unauthorized');
      const next = encodeURIComponent(`${request.localePrefix}${request.url}`);
      return reply.redirect(`${request.href('/login')}?next=${next}`, 303);
    }
    if (roles.length > 0 && !roles.includes(request.user.role)) {
      throw new HttpError(403, 'forbidden', 'errors.forbidden');
    }
  };
}
