// Admin only: GET /admin/users, GET /admin/users/new, POST /admin/users, POST /admin/users/:id/{disable,
// enable,unlock,reset-totp}. Every change is audited by the service.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../../config.js';
import type { AuthService } from '../service.js';
import { HttpError, ValidationFailed } from '../../http/errors.js';
import { requireRole } from '../index.js';
import { doneNotice, formField } from '../http.js';
import { newUserPage, userListPage } from '../views/users.js';
import {
  buttonForm,
  FormField,
  formBody,
  formPost,
  pathParams,
  postedValues,
} from '../../http/form-schema.js';

const NOTICES = {
  created: 'auth.notice.userCreated',
  disabled: 'auth.notice.userDisabled',
  enabled: 'auth.notice.userEnabled',
  unlocked: 'auth.notice.userUnlocked',
  totp_reset: 'auth.notice.totpReset',
};

const NewUserForm = formBody({
  email: FormField.text(320),
  displayName: FormField.text(1000),
  role: FormField.text(100),
  password: FormField.text(1024),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function userAdminRoutes(
  app: FastifyInstance,
  options: { services: { auth: AuthService }; config: Config },
) {
  const auth = options.services.auth;
  const adminOnly = { schema: { hide: true }, preHandler: requireRole('admin') } as const;

  function targetId(request: FastifyRequest): string {
    const id = (request.params as { id?: string }).id ?? '';
    if (!UUID.test(id)) throw new HttpError(404, 'not_found', 'errors.notFound');
    return id.toLowerCase();
  }

  app.get('/admin/users', adminOnly, async (request, reply) => {
    return reply.page(
      userListPage(request, await auth.listUsers(), { notice: doneNotice(request, NOTICES) }),
    );
  });

  app.get('/admin/users/new', adminOnly, async (request, reply) => {
    return reply.page(newUserPage(request, await auth.listRoles(), {}));
  });

  app.post(
    '/admin/users',
    formPost(
      {
        body: NewUserForm,
        preHandler: requireRole('admin'),
        invalid: async (request, reply, problems) => {
          const posted = postedValues(request);
          const one = (name: string) => {
            const value = posted[name];
            return ((Array.isArray(value) ? value[0] : value) ?? '').trim().slice(0, 1000);
          };
          const values = { email: one('email'), displayName: one('displayName'), role: one('role') };
          return reply.page(newUserPage(request, await auth.listRoles(), { values, errors: problems }), 400);
        },
      },
      async (request, reply) => {
        const values = {
          email: formField(request.body, 'email').trim(),
          displayName: formField(request.body, 'displayName').trim(),
          role: formField(request.body, 'role'),
        };
        const password = formField(request.body, 'password');
        try {
          await auth.createUser({ ...values, password, actorUserId: request.user!.id });
        } catch (error) {
          if (!(error instanceof ValidationFailed)) throw error;
          const errors = error.problems;
          return reply.page(newUserPage(request, await auth.listRoles(), { values, errors }), 400);
        }
        return reply.redirect(`${request.href('/admin/users')}?done=created`, 303);
      },
    ),
  );

  const actions: Record<string, (actor: string, id: string) => Promise<boolean>> = {
    disable: (actor, id) => auth.setUserDisabled(actor, id, true),
    enable: (actor, id) => auth.setUserDisabled(actor, id, false),
    unlock: (actor, id) => auth.unlockUser(actor, id),
    'reset-totp': (actor, id) => auth.resetTotp(actor, id),
  };
  const done: Record<string, string> = {
    disable: 'disabled',
    enable: 'enabled',
    unlock: 'unlocked',
    'reset-totp': 'totp_reset',
  };

  for (const [name, run] of Object.entries(actions)) {
    const schema = { hide: true, params: pathParams(['id'], 100), body: buttonForm };
    app.post(`/admin/users/:id/${name}`, { ...adminOnly, schema }, async (request, reply) => {
      const id = targetId(request);
      try {
        if (!(await run(request.user!.id, id))) throw new HttpError(404, 'not_found', 'errors.notFound');
      } catch (error) {
        if (!(error instanceof ValidationFailed)) throw error;
        const message = request.t(error.problems[0]?.key ?? 'auth.errors.generic');
        return reply.page(userListPage(request, await auth.listUsers(), { error: message }), 400);
      }
      return reply.redirect(`${request.href('/admin/users')}?done=${done[name]}`, 303);
    });
  }
}
