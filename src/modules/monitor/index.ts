// The monitor module's one door: its service (wiring, CLI, other modules) and its staff pages.
import type { FastifyInstance } from 'fastify';
import { registerStaffArea } from '../../platform/auth/index.js';
import type { AuthService } from '../../platform/auth/index.js';
import type { MonitorService } from './service.js';
import { POOL_ROLES, READ_ROLES } from './rules.js';

/** What the monitor's routes use. */
export interface MonitorRouteServices {
  monitor: MonitorService;
  auth: AuthService;
}

export { createMonitorService, type MonitorService } from './service.js';
export { MONITOR_DEMO_ACCOUNTS } from './demo.js';
export type * from './types.js';

export async function monitorRoutes(app: FastifyInstance, options: { services: MonitorRouteServices }) {
  // The pool first: a pool coordinator lands on the pool after signing in, a requesting organisation only has it.
  registerStaffArea({ path: '/monitor/pool', labelKey: 'monitor.pool.title', roles: POOL_ROLES });
  registerStaffArea({ path: '/monitor', labelKey: 'monitor.nav.area', roles: READ_ROLES });
  // Loaded here, when the server registers them: a CLI run, which needs only the service, never loads them.
  const [{ monitorRoutes: pages }, { poolRoutes }] = await Promise.all([
    import('./routes.js'),
    import('./pool/routes.js'),
  ]);
  await app.register(pages, options);
  await app.register(poolRoutes, options);
}
