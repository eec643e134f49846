// The data hub's one door: its service (wired in src/services.ts), its routes (explorer, staff pages, API) and
// the input contract for the referral mechanism's registrations.
import type { FastifyInstance } from 'fastify';
import { registerStaffArea } from '../../platform/auth/index.js';
import type { StatsService } from './service.js';

/** What the data hub's routes use. */
export interface StatsRouteServices {
  stats: StatsService;
}

export { createStatsService, type StatsService, type StatsServiceDeps } from './service.js';
export { REGISTRATIONS_DATASET, registrationsToHtcdsCsv, type RegistrationRecord } from './registrations.js';

export async function statsRoutes(app: FastifyInstance, options: { services: StatsRouteServices }) {
  registerStaffArea({
    path: '/stats/manage',
    labelKey: 'stats.nav.manage',
    roles: ['data_steward', 'admin'],
  });
  // Loaded here, not at the top: a command that only needs the service (the CLI) does not load the pages.
  const [{ statsPublicRoutes }, { statsStaffRoutes }, { statsApiRoutes }] = await Promise.all([
    import('./public-routes.js'),
    import('./staff-routes.js'),
    import('./api-routes.js'),
  ]);
  await app.register(statsPublicRoutes, options);
  await app.register(statsStaffRoutes, options);
  await app.register(statsApiRoutes, options);
}
