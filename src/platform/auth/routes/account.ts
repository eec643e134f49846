// GET /account, POST /account/password, GET/POST /account/totp (also for a user who must enrol before anything
// else), POST /account/totp/disable.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import type { Config } from '../../../config.js';
import type { AuthService } from '../service.js';
import { HttpError, type FieldProblem } from '../../http/errors.js';
import { FormField, formBody, formPost } from '../../http/form-schema.js';
import { requireRole, type AuthSession } from '../index.js';
import { doneNotice, formField, landingPath, queryField, safeNext, setSessionCookie } from '../http.js';
import type { TotpEnrolment } from '../service.js';
import { accountPage, enrolPage } from '../views/account.js';

const page = { schema: { hide: true } } as const;

const PasswordForm = formBody({
  currentPassword: FormField.text(1024),
  newPassword: FormField.text(1024),
  confirmPassword: FormField.text(1024),
});
const EnrolForm = formBody({
  enrolment: FormField.text(2000),
  code: FormField.text(50),
  next: FormField.text(2000),
});
const DisableForm = formBody({ password: FormField.text(1024) });

const NOTICES = {
  password_changed: 'auth.notice.passwordChanged',
  totp_enabled: 'auth.notice.totpEnabled',
  totp_disabled: 'auth.notice.totpDisabled',
};

/** Enrolment is open to signed-in users and to sessions that must enrol before they are signed in. */
async function requireEnrollable(request: FastifyRequest, reply: FastifyReply) {
  const session = request.authSession;
  if (session && (session.stage === 'complete' || session.stage === 'enrol')) return;
  return requireRole()(request, reply);
}

export async function accountRoutes(
  app: FastifyInstance,
  options: { services: { auth: AuthService }; config: Config },
) {
  const { services, config } = options;
  const auth = services.auth;

  async function currentUser(request: FastifyRequest) {
    const user = await auth.findUser(request.user!.id);
    if (!user) throw new HttpError(401, 'unauthorized', 'errors.unauthorized');
    return user;
  }

  async function renderEnrolment(
    request: FastifyRequest,
    reply: FastifyReply,
    enrolment: TotpEnrolment,
    session: AuthSession,
    state: { next?: string; errors?: FieldProblem[]; notice?: string },
    status = 200,
  ) {
    const qrSvg = await QRCode.toString(enrolment.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return reply.page(
      enrolPage(request, {
        qrSvg,
        secret: enrolment.secret,
        enrolmentToken: enrolment.enrolmentToken,
        required: session.totpRequired,
        ...state,
      }),
      status,
    );
  }

  app.get('/account', { ...page, preHandler: requireRole() }, async (request, reply) => {
    const user = await currentUser(request);
    return reply.page(accountPage(request, user, { notice: doneNotice(request, NOTICES) }));
  });

  app.post(
    '/account/password',
    formPost(
      {
        body: PasswordForm,
        preHandler: requireRole(),
        invalid: async (request, reply, problems) =>
          reply.page(
            accountPage(request, await currentUser(request), {
              passwordErrors: problems,
            }),
            400,
          ),
      },
      async (request, reply) => {
        const current = formField(request.body, 'currentPassword');
        const next = formField(request.body, 'newPassword');
        const confirm = formField(request.body, 'confirmPassword');
        if (next !== confirm) {
          const errors = [{ field: 'confirmPassword', key: 'auth.errors.passwordMismatch' }];
          return reply.page(
            accountPage(request, await currentUser(request), { passwordErrors: errors }),
            400,
          );
        }
        const result = await auth.changePassword(request.authSession!, current, next);
        if (result.ok) return reply.redirect(`${request.href('/account')}?done=password_changed`, 303);
        const errors = result.problems;
        return reply.page(accountPage(request, await currentUser(request), { passwordErrors: errors }), 400);
      },
    ),
  );

  app.get('/account/totp', { ...page, preHandler: requireEnrollable }, async (request, reply) => {
    const session = request.authSession!;
    const next = safeNext(queryField(request, 'next'));
    if (session.totpEnabled) return reply.redirect(request.href('/account'), 303);
    return renderEnrolment(request, reply, auth.beginTotpEnrolment(session.user), session, { next });
  });

  app.post(
    '/account/totp',
    formPost(
      {
        body: EnrolForm,
        preHandler: requireEnrollable,
        invalid: (request, reply, problems) => {
          const session = request.authSession!;
          if (session.totpEnabled) return reply.redirect(request.href('/account'), 303);
          const errors = problems;
          // A new secret: the posted enrolment token is not trusted when the form broke its schema.
          return renderEnrolment(
            request,
            reply,
            auth.beginTotpEnrolment(session.user),
            session,
            { errors },
            400,
          );
        },
      },
      async (request, reply) => {
        const { t } = request;
        const session = request.authSession!;
        const next = safeNext(formField(request.body, 'next'));
        if (session.totpEnabled) return reply.redirect(request.href('/account'), 303);
        const token = formField(request.body, 'enrolment');
        const code = formField(request.body, 'code');
        const reopened = auth.reopenTotpEnrolment(session.user, token);
        if (!reopened) {
          return renderEnrolment(
            request,
            reply,
            auth.beginTotpEnrolment(session.user),
            session,
            {
              next,
              notice: t('auth.enrol.expired'),
            },
            400,
          );
        }
        if (!code.trim()) {
          return renderEnrolment(
            request,
            reply,
            reopened,
            session,
            {
              next,
              errors: [{ field: 'code', key: 'auth.errors.codeRequired' }],
            },
            400,
          );
        }
        const result = await auth.confirmTotpEnrolment(session, token, code);
        if (!result.ok) {
          if (result.reason === 'enrolled') return reply.redirect(request.href('/account'), 303);
          return renderEnrolment(
            request,
            reply,
            reopened,
            session,
            {
              next,
              errors: [{ field: 'code', key: 'auth.enrol.wrong' }],
            },
            400,
          );
        }
        setSessionCookie(reply, result.session.token, config.secureCookies);
        if (session.stage === 'enrol')
          return reply.redirect(landingPath(request, next, session.user.role), 303);
        return reply.redirect(`${request.href('/account')}?done=totp_enabled`, 303);
      },
    ),
  );

  app.post(
    '/account/totp/disable',
    formPost(
      {
        body: DisableForm,
        preHandler: requireRole(),
        invalid: async (request, reply, problems) =>
          reply.page(
            accountPage(request, await currentUser(request), {
              disableErrors: problems,
            }),
            400,
          ),
      },
      async (request, reply) => {
        const result = await auth.disableTotp(request.user!.id, formField(request.body, 'password'));
        if (result.ok) return reply.redirect(`${request.href('/account')}?done=totp_disabled`, 303);
        const user = await currentUser(request);
        if (result.key === 'auth.account.totpRequired')
          throw new HttpError(403, 'forbidden', 'errors.forbidden');
        return reply.page(
          accountPage(request, user, {
            disableErrors: [{ field: 'password', key: result.key }],
          }),
          400,
        );
      },
    ),
  );
}
