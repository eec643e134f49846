// The national registration (CoMensha) and the bottleneck view (no person data on either).
import type { FastifyInstance } from 'fastify';
import { MANAGERS, type RouteKit } from '../http.js';
import { bottlenecksPage, registrationsPage } from '../views/overview.js';

export function registrationRoutes(app: FastifyInstance, kit: RouteKit) {
  const { referrals, directory, ctxOf, page, guard } = kit;

  app.get(
    '/nvm/registrations',
    { ...guard('nrm_national'), schema: { hide: true } },
    async (request, reply) => {
      const rows = await referrals.registrations(request.user!);
      const regions = await directory.regions();
      const regionNames = Object.fromEntries(
        [...new Set(rows.map((r) => r.safety_region_code))].map((code) => [
          code,
          regions.safetyRegion(code)?.name ?? request.t('referrals.unknown'),
        ]),
      );
      return page(
        reply,
        request.t('referrals.registrations.title'),
        registrationsPage(ctxOf(request), regionNames, rows),
      );
    },
  );

  app.get('/nvm/bottlenecks', { ...guard(...MANAGERS), schema: { hide: true } }, async (request, reply) => {
    const data = await referrals.bottleneckView(request.user!);
    return page(reply, request.t('referrals.bottlenecks.title'), bottlenecksPage(ctxOf(request), data));
  });
}
