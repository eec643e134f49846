// The administrator's pages for the referral mechanism: teams and memberships, and the route check.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerStaffArea } from '../../../platform/auth/index.js';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { formBody, FormField, formPost, textQuery } from '../../../platform/http/form-schema.js';
import type { FormValues } from '../../../platform/web/components.js';
import { bodyOf, one, type Query, type RouteKit } from '../http.js';
import { adminPage } from '../views/admin.js';
import { routesPage } from '../views/admin-routes.js';

const TEAM_FORM = formBody({
  kind: FormField.text(40),
  name: FormField.text(200),
  organisationType: FormField.text(60),
  directoryServiceId: FormField.text(60),
  teamEmail: FormField.text(300),
});
const MEMBER_FORM = formBody({ email: FormField.text(300), teamId: FormField.text(60) });

export function teamRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, ctxOf, page, guard } = kit;
  registerStaffArea({ path: '/admin/nrm', labelKey: 'referrals.admin.nav', roles: ['admin'] });

  async function adminView(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { values?: FormValues; problems?: FieldProblem[]; notice?: string } = {},
    status = 200,
  ) {
    const teams = await referrals.teamOverview();
    return page(
      reply,
      request.t('referrals.admin.title'),
      adminPage(ctxOf(request), {
        teams,
        values: o.values ?? {},
        problems: o.problems ?? [],
        ...(o.notice ? { notice: o.notice } : {}),
      }),
      status,
    );
  }
  /** The admin page again with the form filled as posted and the problems in words (400). */
  const refused = (request: FastifyRequest, reply: FastifyReply, problems: FieldProblem[]) =>
    adminView(request, reply, { values: bodyOf(request) as FormValues, problems }, 400);

  app.get(
    '/admin/nrm',
    { ...guard('admin'), schema: { hide: true, querystring: textQuery(['done'], 20) } },
    async (request, reply) => {
      const done = (request.query as Query).done;
      return adminView(request, reply, done === 'team' || done === 'member' ? { notice: done } : {});
    },
  );
  app.get('/admin/nrm/routes', { ...guard('admin'), schema: { hide: true } }, async (request, reply) => {
    const findings = await referrals.routeCheck((kind) => request.t(`referrals.teamKind.${kind}`));
    return page(reply, request.t('referrals.check.title'), routesPage(ctxOf(request), findings));
  });
  app.post(
    '/admin/nrm/teams',
    formPost({ ...guard('admin'), body: TEAM_FORM, invalid: refused }, async (request, reply) => {
      const body = bodyOf(request);
      try {
        await referrals.createTeam(request.user!.id, {
          kind: one(body, 'kind'),
          name: one(body, 'name', 300),
          organisationType: one(body, 'organisationType'),
          directoryServiceId: one(body, 'directoryServiceId', 60),
          email: one(body, 'teamEmail', 300),
        });
      } catch (error) {
        if (error instanceof ValidationFailed)
          return refused(
            request,
            reply,
            error.problems.map((p) => (p.field === 'email' ? { ...p, field: 'teamEmail' } : p)),
          );
        throw error;
      }
      return reply.redirect(`${request.href('/admin/nrm')}?done=team`, 303);
    }),
  );
  app.post(
    '/admin/nrm/members',
    formPost({ ...guard('admin'), body: MEMBER_FORM, invalid: refused }, async (request, reply) => {
      const body = bodyOf(request);
      try {
        await referrals.setMembership(request.user!.id, {
          email: one(body, 'email', 300),
          teamId: one(body, 'teamId', 60),
        });
      } catch (error) {
        if (error instanceof ValidationFailed) return refused(request, reply, error.problems);
        throw error;
      }
      return reply.redirect(`${request.href('/admin/nrm')}?done=member`, 303);
    }),
  );
}
