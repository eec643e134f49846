// The team's notifications page, and marking them seen.
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../../../platform/errors.js';
import { buttonForm, formPost } from '../../../platform/http/form-schema.js';
import { CASE_ROLES, userOf, type RouteKit } from '../http.js';
import { notificationsPage } from '../views/cases.js';

export function notificationRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, ctxOf, page, guard } = kit;

  app.get(
    '/nvm/notifications',
    { ...guard(...CASE_ROLES), schema: { hide: true } },
    async (request, reply) => {
      const result = await referrals.notifications(userOf(request));
      return page(
        reply,
        request.t('referrals.notifications.title'),
        notificationsPage(ctxOf(request), {
          items: result.items,
          newCount: result.newCount,
          teamName: result.team?.name ?? request.t('referrals.noTeam'),
        }),
      );
    },
  );

  app.post(
    '/nvm/notifications/seen',
    formPost(
      {
        ...guard(...CASE_ROLES),
        body: buttonForm,
        // Only the CSRF token: a broken one is refused as bad input (400, the field named), never ignored.
        invalid: (_request, _reply, problems) => {
          throw new ValidationFailed(problems);
        },
      },
      async (request, reply) => {
        await referrals.markNotificationsSeen(userOf(request));
        return reply.redirect(request.href('/nvm/notifications'), 303);
      },
    ),
  );
}
