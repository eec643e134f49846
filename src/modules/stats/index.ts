// The data hub's one door: its service (wired in src/services.ts), its routes (explorer, staff pages, API) and
// the input contract for the referral mechanism's registrations.
import type { FastifyInstance } from 'fastify';
import { registerStaffArea } from '../../platform/auth/index.js';
import type { StatsService } from './service.js';
import { statsApiRoutes } from './api-routes.js';
import { statsPublicRoutes } from './public-routes.js';
import { statsStaffRoutes } from './staff-routes.js';

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
  await app.register(statsPublicRoutes, options);
  await app.register(statsStaffRoutes, options);
  await app.register(statsApiRoutes, options);
}
