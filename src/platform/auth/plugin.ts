// The accounts platform in the request cycle: resolves the session cookie (onRequest), sends users whose role
// needs a second factor they lack to enrolment, checks the CSRF token of every state-changing request
// (preValidation, before any schema or handler sees the body), and registers the account pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { AuthService } from './service.js';
import { HttpError } from '../http/errors.js';
import { PRESESSION_COOKIE, SESSION_COOKIE, parseCookies, serializeCookie } from './cookies.js';
import { clearSessionCookie } from './http.js';
import './index.js';
import { accountRoutes } from './routes/account.js';
import { loginRoutes } from './routes/login.js';
import { userAdminRoutes } from './routes/users.js';
import { isWellFormedToken, randomToken } from './tokens.js';
import { sessionEnded } from './routes/session-ended.js';
import { draftPageFor, type FormDrafts } from './drafts.js';
import { oidcRoutes } from './oidc/routes.js';
import type { OidcService } from './oidc/service.js';

export interface AuthPluginOptions {
  /** `drafts` keeps a form posted after its session ended (drafts.ts). */
  services: { auth: AuthService; drafts?: FormDrafts; oidc?: OidcService };
  config: Config;
  clock: () => Date;
}

/** Per-request state, kept on the request itself (no per-request allocation or WeakMap entry). */
const REPLY = Symbol('samenAuthReply');
const PRESESSION = Symbol('samenPresession');
const CSRF_ISSUED = Symbol('samenCsrfIssued');
const ENDED = Symbol('samenEndedSession');

interface RequestState {
  [REPLY]: FastifyReply | null;
  /** The pre-session id from the cookie, or the one issued in this response. */
  [PRESESSION]: string | undefined;
  /** The response carries a CSRF token (a form): it must not be cached. */
  [CSRF_ISSUED]: boolean;
  /** A state-changing request whose cookie names a session that ended (drafts.ts). */
  [ENDED]?: { idHash: string; userId: string } | undefined;
}

function stateOf(request: FastifyRequest): RequestState {
  return request as unknown as RequestState;
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

    app.decorateRequest('user', null);
    app.decorateRequest('authSession', null);
    app.decorateRequest(REPLY, null);
    app.decorateRequest(PRESESSION, undefined);
    app.decorateRequest(CSRF_ISSUED, false);
    app.decorateRequest('csrfToken', function (this: FastifyRequest): string {
      const state = stateOf(this);
      const reply = state[REPLY];
      if (!reply) throw new Error('csrfToken() called outside a request');
      state[CSRF_ISSUED] = true;
      if (this.authSession) return auth.csrfToken(this.authSession.idHash);
      if (!state[PRESESSION]) {
        // Only now, for a page that shows a form without a session, does the visitor get a cookie.
        state[PRESESSION] = randomToken();
        reply.header(
          'set-cookie',
          serializeCookie(PRESESSION_COOKIE, state[PRESESSION], { secure: config.secureCookies }),
        );
      }
      return auth.csrfToken(presessionBinding(state[PRESESSION]));
    });

    // Hooks in callback style, so a request without cookies (every public page and API call) costs no promise.
    app.addHook('onRequest', (request, reply, done) => {
      const state = stateOf(request);
      state[REPLY] = reply;
      const header = request.headers.cookie;
      if (!header) return done();
      const path = request.url.split('?')[0]!;
      if (SESSIONLESS.test(path)) return done();
      const cookies = parseCookies(header);
      const presession = cookies.get(PRESESSION_COOKIE);
      if (isWellFormedToken(presession)) state[PRESESSION] = presession;
      const token = cookies.get(SESSION_COOKIE);
      if (token === undefined) return done();
      resolveSession(request, reply, token, path).then((answered) => {
        if (!answered) done();
      }, done);
    });

    /** Sets the request's session; true when it answered the request itself (a redirect to enrolment). */
    async function resolveSession(
      request: FastifyRequest,
      reply: FastifyReply,
      token: string,
      path: string,
    ): Promise<boolean> {
      const session = await auth.resolveSession(token);
      if (!session) {
        clearSessionCookie(reply, config.secureCookies);
        // A form posted after its session ended: whose it was, so what was typed can be kept (drafts.ts).
        if (STATE_CHANGING.has(request.method)) stateOf(request)[ENDED] = await auth.endedSessionOf(token);
        return false;
      }
      request.authSession = session;
      // Set now, not only on send: a page that will not be stored needs no ETag (web.ts skips computing one).
      reply.header('cache-control', 'no-store');
      if (session.stage === 'complete') request.user = session.user;
      if (
        session.stage === 'enrol' &&
        (request.method === 'GET' || request.method === 'HEAD') &&
        !request.url.startsWith('/api/') &&
        !ENROLMENT_PATHS.has(path)
      ) {
        void reply.redirect(request.href('/account/totp'), 303);
        return true;
      }
      return false;
    }

    // No exemptions: every state-changing request carries a token bound to its session or pre-session.
    app.addHook('preValidation', (request, reply, done) => {
      if (!STATE_CHANGING.has(request.method)) return done();
      // Except the provider's back-channel logout: no browser, and its body is a signed token (oidc/routes.ts).
      if (request.routeOptions.config?.csrfExemptBecause === 'signed-logout-token') return done();
      const presession = stateOf(request)[PRESESSION];
      const binding = request.authSession
        ? request.authSession.idHash
        : presession
          ? presessionBinding(presession)
          : undefined;
      const token = submittedCsrfToken(request);
      if (!binding || !token || !auth.verifyCsrf(binding, token)) {
        // The form's token is the ended session's own: the person's form, posted too late. Keep it for them
        // and ask them to sign in again (nothing is done with it until they send it again themselves).
        const ended = stateOf(request)[ENDED];
        if (
          services.drafts &&
          ended &&
          token &&
          draftPageFor(request.url.split('?')[0]!) &&
          auth.verifyCsrf(ended.idHash, token)
        ) {
          sessionEnded(request, reply, ended.userId, services.drafts).catch(done);
          return;
        }
        return done(new HttpError(403, 'csrf', 'errors.csrf'));
      }
      done();
    });

    // Pages for a session or with a pre-session form are personal: never stored by a cache.
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.authSession || stateOf(request)[CSRF_ISSUED]) {
        reply.header('cache-control', 'no-store');
      }
      done(null, payload);
    });

    app.addHook('onReady', () => auth.warmUp());

    await app.register(loginRoutes, { services, config });
    if (services.oidc) await app.register(oidcRoutes, { services: { auth, oidc: services.oidc }, config });
    await app.register(accountRoutes, { services, config });
    await app.register(userAdminRoutes, { services, config });
  },
  { name: 'samen-auth', dependencies: ['samen-web'] },
);
