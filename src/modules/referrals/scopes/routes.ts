// The administrator's view of the per-field scopes (configuration, no case content). Changing a row is done
// through the service (`setFieldScope`, audited); this page shows what each recipient receives.
import type { FastifyInstance } from 'fastify';
import type { RouteKit } from '../http.js';
import { scopesPage } from '../views/scopes.js';

export function scopeRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, ctxOf, page, guard } = kit;
  app.get('/admin/nrm/scopes', { ...guard('admin'), schema: { hide: true } }, async (request, reply) =>
    page(
      reply,
      request.t('referrals.scopes.title'),
      scopesPage(ctxOf(request), await referrals.fieldScopeRows()),
    ),
  );
}
