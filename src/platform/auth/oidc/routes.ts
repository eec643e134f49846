// POST /login/oidc (start at a provider), GET /login/oidc/callback (the provider's redirect back),
// POST /login/oidc/backchannel-logout/:provider (the provider ends a session; server to server).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import { PRESESSION_COOKIE, parseCookies, serializeCookie } from '../cookies.js';
import { formField, landingPath, safeNext, setSessionCookie } from '../http.js';
import { randomToken, isWellFormedToken } from '../tokens.js';
import type { AuthService } from '../service.js';
import { LOGIN_RATE_LIMIT } from '../routes/login.js';
import { BACKCHANNEL_PATH, CALLBACK_PATH, type OidcService } from './service.js';
import { refusedPage, sendOnward } from './views.js';
import { Type } from '@sinclair/typebox';
import { FormField, formBody, pathParams } from '../../http/form-schema.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The one route without a CSRF token: the provider's back-channel logout, posted server to server, whose body
     * is a logout token signed by the provider (verified before anything is done).
     */
    csrfExemptBecause?: 'signed-logout-token';
  }
}

const page = { schema: { hide: true } } as const;

/** The sign-in page's provider button: which provider, and the page to go back to. */
const StartForm = formBody({ provider: FormField.text(200), next: FormField.text(2000) });
/**
 * Back-Channel Logout 1.0: the provider posts the logout token alone (no CSRF token: it is signed). A missing
 * token still reaches the handler, which answers the OAuth error the specification asks for.
 */
const LogoutTokenBody = Type.Object({ logout_token: Type.Optional(Type.String({ maxLength: 16_384 })) });
const ProviderParams = pathParams(['provider'], 200);

export async function oidcRoutes(
  app: FastifyInstance,
  options: { services: { auth: AuthService; oidc: OidcService }; config: Config },
) {
  const { auth, oidc } = options.services;
  const secure = options.config.secureCookies;
  const origin = options.config.publicOrigin.replace(/\/$/, '');

  function refused(request: FastifyRequest, reply: FastifyReply, reason: string) {
    const status =
      reason === 'no_access' || reason === 'access_withdrawn' || reason === 'disabled' ? 403 : 400;
    return reply.page(refusedPage(request, reason), status);
  }

  app.post(
    '/login/oidc',
    { schema: { hide: true, body: StartForm }, config: { rateLimit: LOGIN_RATE_LIMIT } },
    async (request, reply) => {
      const providerId = formField(request.body, 'provider');
      const next = safeNext(formField(request.body, 'next'));
      // The state is bound to this browser's pre-session: set one when the form came from a signed-in page.
      let presession = parseCookies(request.headers.cookie).get(PRESESSION_COOKIE);
      if (!isWellFormedToken(presession)) {
        presession = randomToken();
        reply.header('set-cookie', serializeCookie(PRESESSION_COOKIE, presession, { secure }));
      }
      const started = await oidc.beginSignIn(providerId, presession, next, request.ip);
      if (!started.ok) return refused(request, reply, started.reason);
      return sendOnward(reply, request, { ...started, purpose: 'signin' });
    },
  );

  app.get(CALLBACK_PATH, { ...page, config: { rateLimit: LOGIN_RATE_LIMIT } }, async (request, reply) => {
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const presession = parseCookies(request.headers.cookie).get(PRESESSION_COOKIE);
    const result = await oidc.completeSignIn(
      new URL(`${origin}${CALLBACK_PATH}${query}`),
      isWellFormedToken(presession) ? presession : undefined,
      request.ip,
    );
    if (!result.ok) return refused(request, reply, result.reason);
    if (request.authSession) await auth.endSession(request.authSession.idHash);
    setSessionCookie(reply, result.session.token, secure);
    const next = safeNext(result.next);
    const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
    if (result.stage === 'totp') return reply.redirect(withNext(request.href('/login/totp')), 303);
    if (result.stage === 'enrol') return reply.redirect(withNext(request.href('/account/totp')), 303);
    return reply.redirect(landingPath(request, next, result.role), 303);
  });

  app.post(
    `${BACKCHANNEL_PATH}/:provider`,
    {
      schema: { hide: true, params: ProviderParams, body: LogoutTokenBody },
      config: { csrfExemptBecause: 'signed-logout-token', rateLimit: LOGIN_RATE_LIMIT },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { provider } = request.params as { provider: string };
      const result = await oidc.backchannelLogout(provider, formField(request.body, 'logout_token'));
      // Back-Channel Logout 1.0, section 2.8: 200 when done, 400 with an OAuth error otherwise.
      if (!result.ok)
        return reply.code(400).send({ error: 'invalid_request', error_description: result.reason });
      return reply.code(200).send({ ok: true });
    },
  );
}
