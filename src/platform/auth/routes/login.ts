// GET/POST /login, GET/POST /login/totp, POST /logout.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import type { AuthService } from '../service.js';
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
import { buttonForm, FormField, formBody, formPost, postedValues } from '../../http/form-schema.js';
import type { FieldProblem } from '../../http/errors.js';
import { DEVICE_COOKIE, parseCookies, serializeCookie } from '../cookies.js';
import { DEVICE_COOKIE_MAX_AGE_SECONDS, type ClientContext } from '../throttle.js';
import type { OidcService } from '../oidc/service.js';
import { providerChoice, sendOnward } from '../oidc/views.js';

/**
 * Per client address, on top of the per-account lockout. The global limiter hooks into API routes only
 * (routeDefaults), so these pages name their own limit.
 */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;
// (The per-account and per-address delays are in throttle.ts.)

const page = { schema: { hide: true } } as const;

// Outer limits: an address (RFC 5321: 254), a passphrase, a code and the page to go back to.
const LoginForm = formBody({
  email: FormField.text(320),
  password: FormField.text(1024),
  next: FormField.text(2000),
});
const TotpForm = formBody({ code: FormField.text(50), next: FormField.text(2000) });

/** The schema's problems as the sign-in pages show them (translated, each tied to its field). */
/** One posted value (the first of several), to fill a field again; never the password. */
function posted(request: FastifyRequest, name: string): string {
  const value = postedValues(request)[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export async function loginRoutes(
  app: FastifyInstance,
  options: { services: { auth: AuthService; oidc?: OidcService | undefined }; config: Config },
) {
  const { services, config } = options;
  const { auth, oidc } = services;
  const secure = config.secureCookies;

  /** request.ip is the socket's peer, or the first hop not in TRUST_PROXY: a forged header cannot change it. */
  function clientContext(request: FastifyRequest): ClientContext {
    return { address: request.ip, device: parseCookies(request.headers.cookie).get(DEVICE_COOKIE) };
  }

  function setDeviceCookie(reply: FastifyReply, value: string | undefined) {
    if (!value) return;
    reply.header(
      'set-cookie',
      serializeCookie(DEVICE_COOKIE, value, { secure, maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS }),
    );
  }

  /** The providers to sign in with, and whether passwords are for administrators only (identity providers). */
  async function signInChoices(request: FastifyRequest, next: string | undefined) {
    if (!oidc) return { providers: '' as const, localOff: false };
    const providers = providerChoice(request, await oidc.listProviders(), next);
    return { providers, localOff: (await oidc.localSignIn()) === 'admins' };
  }

  async function throttledPage(
    request: FastifyRequest,
    reply: FastifyReply,
    retryAfterMs: number,
    email: string,
  ) {
    reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
    const next = safeNext(formField(request.body, 'next'));
    const choices = await signInChoices(request, next);
    return reply.page(loginPage(request, { email, next, throttled: true, ...choices }), 429);
  }

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
      loginPage(request, {
        next,
        notice: doneNotice(request, { signed_out: 'auth.login.signedOut' }),
        ...(await signInChoices(request, next)),
      }),
    );
  });

  app.post(
    '/login',
    formPost(
      {
        body: LoginForm,
        config: { rateLimit: LOGIN_RATE_LIMIT },
        invalid: (request, reply, problems) =>
          reply.page(
            loginPage(request, {
              email: posted(request, 'email').slice(0, 320),
              next: safeNext(posted(request, 'next')),
              errors: problems,
            }),
            400,
          ),
      },
      async (request, reply) => {
        const email = formField(request.body, 'email').trim();
        const password = formField(request.body, 'password');
        const next = safeNext(formField(request.body, 'next'));
        const errors: FieldProblem[] = [];
        if (!email) errors.push({ field: 'email', key: 'auth.errors.emailRequired' });
        if (!password) errors.push({ field: 'password', key: 'auth.errors.passwordRequired' });
        if (errors.length > 0) return reply.page(loginPage(request, { email, next, errors }), 400);

        // Local passwords may be switched off for all but administrators (`samen idp local-signin admins`): then
        // another role's password is refused before it is checked, with the answer every failure gets.
        const choices = await signInChoices(request, next);
        const localSignIn = choices.localOff ? 'admins' : 'everyone';
        const result = await auth.login(email, password, clientContext(request), { localSignIn });
        if (!result.ok && result.throttled) return throttledPage(request, reply, result.retryAfterMs, email);
        if (!result.ok) return reply.page(loginPage(request, { email, next, failed: true, ...choices }), 401);
        setDeviceCookie(reply, result.deviceCookie);

        if (request.authSession) await auth.endSession(request.authSession.idHash);
        const session = await auth.startSession(result.userId, { mfaPassed: false });
        setSessionCookie(reply, session.token, secure);
        if (result.stage === 'totp')
          return reply.redirect(nextWithQuery(request.href('/login/totp'), next), 303);
        if (result.stage === 'enrol')
          return reply.redirect(nextWithQuery(request.href('/account/totp'), next), 303);
        return reply.redirect(landingPath(request, next, result.role), 303);
      },
    ),
  );

  app.get('/login/totp', page, async (request, reply) => {
    const next = safeNext(queryField(request, 'next'));
    if (request.user) return reply.redirect(landingPath(request, next, request.user.role), 303);
    if (request.authSession?.stage !== 'totp') return reply.redirect(request.href('/login'), 303);
    return reply.page(totpPage(request, { next }));
  });

  app.post(
    '/login/totp',
    formPost(
      {
        body: TotpForm,
        config: { rateLimit: LOGIN_RATE_LIMIT },
        invalid: (request, reply, problems) =>
          request.authSession?.stage !== 'totp'
            ? reply.redirect(request.href('/login'), 303)
            : reply.page(
                totpPage(request, {
                  next: safeNext(posted(request, 'next')),
                  errors: problems,
                }),
                400,
              ),
      },
      async (request, reply) => {
        const next = safeNext(formField(request.body, 'next'));
        const session = request.authSession;
        if (session?.stage !== 'totp') return reply.redirect(request.href('/login'), 303);
        const code = formField(request.body, 'code');
        if (!code.trim()) {
          return reply.page(
            totpPage(request, { next, errors: [{ field: 'code', key: 'auth.errors.codeRequired' }] }),
            400,
          );
        }
        const result = await auth.verifyLoginTotp(session, code, clientContext(request));
        if (result.ok) {
          setSessionCookie(reply, result.session.token, secure);
          setDeviceCookie(reply, result.deviceCookie);
          return reply.redirect(landingPath(request, next, session.user.role), 303);
        }
        if (result.throttled) {
          reply.header('retry-after', String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))));
          return reply.page(
            totpPage(request, { next, errors: [{ field: 'code', key: 'auth.login.throttled' }] }),
            429,
          );
        }
        return reply.page(
          totpPage(request, { next, errors: [{ field: 'code', key: 'auth.totp.wrong' }] }),
          401,
        );
      },
    ),
  );

  app.post('/logout', { schema: { hide: true, body: buttonForm } }, async (request, reply) => {
    const session = request.authSession;
    // A session an identity provider started ends there too (RP-initiated logout), after it ended here.
    const atProvider =
      session && oidc ? await oidc.endSessionUrl(session.idHash, session.user.id) : undefined;
    if (session) await auth.endSession(session.idHash, session.user.id);
    clearSessionCookie(reply, secure);
    if (atProvider) return sendOnward(reply, request, { ...atProvider, purpose: 'signout' });
    return reply.redirect(`${request.href('/login')}?done=signed_out`, 303);
  });
}
