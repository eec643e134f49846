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
export { REGISTRATIONS_DATASET, type RegistrationRecord } from './registrations.js';
export { registrationsToHtcdsCsv } from './exchange.js';

export async function statsRoutes(app: FastifyInstance, options: { services: StatsRouteServices }) {
  registerStaffArea({
    path: '/stats/manage',
    labelKey: 'stats.nav.manage',
    roles: ['data_steward', 'admin'],
  });
  // Loaded here, when the server registers them: a CLI run, which needs only the service, never loads them.
  const [{ statsApiRoutes }, { statsPublicRoutes }, { statsStaffRoutes }] = await Promise.all([
    import('./api-routes.js'),
    import('./public-routes.js'),
    import('./staff-routes.js'),
  ]);
  await app.register(statsPublicRoutes, options);
  await app.register(statsStaffRoutes, options);
  await app.register(statsApiRoutes, options);
}
