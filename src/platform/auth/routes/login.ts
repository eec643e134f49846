// GET/POST /login, GET/POST /login/totp, POST /logout.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../../config.js';
import type { Services } from '../../../services.js';
import {
  clearSessionCookie,
  doneNotice,
  formField,
  landingPath,
  queryField,
  safeNext,
  setSessionCookie,
} from '../http.js';
import { loginPage, totpPage } from '../views/login.js';

/**
 * Per client address, on top of the per-account lockout. The global limiter hooks into API routes only
 * (routeDefaults), so these pages name their own limit.
 */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

const page = { schema: { hide: true } } as const;

export async function loginRoutes(app: FastifyInstance, options: { services: Services; config: Config }) {
  const { services, config } = options;
  const auth = services.auth;
  const secure = config.secureCookies;

  function nextWithQuery(path: string, next: string | undefined) {
    return next ? `${path}?next=${encodeURIComponent(next)}` : path;
  }

  app.get('/login', page, async (request, reply) => {
    const next = safeNext(queryField(request, 'next'));
    if (request.user) return reply.redirect(landingPath(request, next, request.user.role), 303);
    if (request.authSession?.stage === 'totp') {
      return reply.redirect(nextWithQuery(request.href('/login/totp'), next), 303);
    }
    return reply.page(
      loginPage(request, { next, notice: doneNotice(request, { signed_out: 'auth.login.signedOut' }) }),
    );
  });

  app.post('/login', { ...page, config: { rateLimit: LOGIN_RATE_LIMIT } }, async (request, reply) => {
    const { t } = request;
    const email = formField(request.body, 'email').trim();
    const password = formField(request.body, 'password');
    const next = safeNext(formField(request.body, 'next'));
    const errors = [];
    if (!email) errors.push({ field: 'email', message: t('auth.errors.emailRequired') });
    if (!password) errors.push({ field: 'password', message: t('auth.errors.passwordRequired') });
    if (errors.length > 0) return reply.page(loginPage(request, { email, next, errors }), 400);

    const result = await auth.login(email, password);
    if (!result.ok) return reply.page(loginPage(request, { email, next, failed: true }), 401);

    if (request.authSession) await auth.endSession(request.authSession.idHash);
    const session = await auth.startSession(result.userId, { mfaPassed: false });
    setSessionCookie(reply, session.token, secure);
    if (result.stage === 'totp') return reply.redirect(nextWithQuery(request.href('/login/totp'), next), 303);
    if (result.stage === 'enrol')
      return reply.redirect(nextWithQuery(request.href('/account/totp'), next), 303);
    return reply.redirect(landingPath(request, next, result.role), 303);
  });

  app.get('/login/totp', page, async (request, reply) => {
    const next = safeNext(queryField(request, 'next'));
    if (request.user) return reply.redirect(landingPath(request, next, request.user.role), 303);
    if (request.authSession?.stage !== 'totp') return reply.redirect(request.href('/login'), 303);
    return reply.page(totpPage(request, { next }));
  });

  app.post('/login/totp', { ...page, config: { rateLimit: LOGIN_RATE_LIMIT } }, async (request, reply) => {
    const { t } = request;
    const next = safeNext(formField(request.body, 'next'));
    const session = request.authSession;
    if (session?.stage !== 'totp') return reply.redirect(request.href('/login'), 303);
    const code = formField(request.body, 'code');
    if (!code.trim()) {
      return reply.page(
        totpPage(request, { next, errors: [{ field: 'code', message: t('auth.errors.codeRequired') }] }),
        400,
      );
    }
    const result = await auth.verifyLoginTotp(session, code);
    if (result.ok) {
      setSessionCookie(reply, result.session.token, secure);
      return reply.redirect(landingPath(request, next, session.user.role), 303);
    }
    if (result.locked) {
      // The pending session is gone; start over with the same message as any failed sign-in.
      clearSessionCookie(reply, secure);
      request.authSession = null;
      return reply.page(loginPage(request, { next, failed: true }), 401);
    }
    return reply.page(
      totpPage(request, { next, errors: [{ field: 'code', message: t('auth.totp.wrong') }] }),
      401,
    );
  });

  app.post('/logout', page, async (request, reply) => {
    const session = request.authSession;
    if (session) await auth.endSession(session.idHash, session.user.id);
    clearSessionCookie(reply, secure);
    return reply.redirect(`${request.href('/login')}?done=signed_out`, 303);
  });
}
