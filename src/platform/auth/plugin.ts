// The accounts platform in the request cycle: resolves the session cookie (onRequest), sends users whose role
// needs a second factor they lack to enrolment, checks the CSRF token of every state-changing request
// (preValidation, before any schema or handler sees the body), and registers the account pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { HttpError } from '../http/errors.js';
import { PRESESSION_COOKIE, SESSION_COOKIE, parseCookies, serializeCookie } from './cookies.js';
import { clearSessionCookie } from './http.js';
import './index.js';
import { accountRoutes } from './routes/account.js';
import { loginRoutes } from './routes/login.js';
import { userAdminRoutes } from './routes/users.js';
import { isWellFormedToken, randomToken } from './tokens.js';

export interface AuthPluginOptions {
  services: Services;
  config: Config;
  clock: () => Date;
}

interface RequestState {
  reply: FastifyReply;
  /** The pre-session id from the cookie, or the one issued in this response. */
  presession?: string;
  /** The response carries a CSRF token (a form): it must not be cached. */
  csrfIssued?: boolean;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Requests that never need the session: no lookup for them. */
const SESSIONLESS = /^\/(assets\/|healthz$|readyz$)/;
/** What a user who must first enrol a second factor may still open. */
const ENROLMENT_PATHS = new Set(['/account/totp', '/logout']);

/** The token a form or API client sent: the `_csrf` field or the `x-csrf-token` header. */
function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string' && header) return header;
  const body = request.body;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const field = (body as Record<string, unknown>)._csrf;
    const value = Array.isArray(field) ? field[0] : field;
    if (typeof value === 'string') return value;
    // A multipart field parsed into an object ({ value }).
    if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'string') {
      return (value as { value: string }).value;
    }
  }
  return undefined;
}

function presessionBinding(id: string): string {
  return `pre:${id}`;
}

export const authPlugin = fp(
  async (app: FastifyInstance, options: AuthPluginOptions) => {
    const { services, config } = options;
    const auth = services.auth;
    const states = new WeakMap<FastifyRequest, RequestState>();

    app.decorateRequest('user', null);
    app.decorateRequest('authSession', null);
    app.decorateRequest('csrfToken', function (this: FastifyRequest): string {
      const state = states.get(this);
      if (!state) throw new Error('csrfToken() called outside a request');
      state.csrfIssued = true;
      if (this.authSession) return auth.csrfToken(this.authSession.idHash);
      if (!state.presession) {
        // Only now, for a page that shows a form without a session, does the visitor get a cookie.
        state.presession = randomToken();
        state.reply.header(
          'set-cookie',
          serializeCookie(PRESESSION_COOKIE, state.presession, { secure: config.secureCookies }),
        );
      }
      return auth.csrfToken(presessionBinding(state.presession));
    });

    app.addHook('onRequest', async (request, reply) => {
      const state: RequestState = { reply };
      states.set(request, state);
      const path = request.url.split('?')[0]!;
      if (SESSIONLESS.test(path)) return;
      const cookies = parseCookies(request.headers.cookie);
      const presession = cookies.get(PRESESSION_COOKIE);
      if (isWellFormedToken(presession)) state.presession = presession;
      const token = cookies.get(SESSION_COOKIE);
      if (token === undefined) return;
      const session = await auth.resolveSession(token);
      if (!session) {
        clearSessionCookie(reply, config.secureCookies);
        return;
      }
      request.authSession = session;
      if (session.stage === 'complete') request.user = session.user;
      if (
        session.stage === 'enrol' &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !request.url.startsWith('/api/') &&
        !ENROLMENT_PATHS.has(path)
      ) {
        return reply.redirect(request.href('/account/totp'), 303);
      }
    });

    // No exemptions: every state-changing request carries a token bound to its session or pre-session.
    app.addHook('preValidation', async (request) => {
      if (!STATE_CHANGING.has(request.method)) return;
      const binding = request.authSession
        ? request.authSession.idHash
        : states.get(request)?.presession
          ? presessionBinding(states.get(request)!.presession!)
          : undefined;
      const token = submittedCsrfToken(request);
      if (!binding || !token || !auth.verifyCsrf(binding, token)) {
        throw new HttpError(403, 'csrf', 'errors.csrf');
      }
    });

    // Pages for a session or with a pre-session form are personal: never stored by a cache.
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.authSession || states.get(request)?.csrfIssued) {
        reply.header('cache-control', 'no-store');
      }
      return payload;
    });

    app.addHook('onReady', () => auth.warmUp());

    await app.register(loginRoutes, { services, config });
    await app.register(accountRoutes, { services, config });
    await app.register(userAdminRoutes, { services, config });
  },
  { name: 'samen-auth', dependencies: ['samen-web'] },
);
