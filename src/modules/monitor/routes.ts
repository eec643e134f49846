// The monitor's staff pages, registered in one place behind the readers' roles: the plan and its corrections,
// the reporting rounds and the annex, and the inventories (the pool has its own roles: pool/routes.ts). Every
// page is noindex and every form carries the CSRF token.
import type { FastifyInstance } from 'fastify';
import { requireRole } from '../../platform/auth/index.js';
import type { AuthService } from '../../platform/auth/index.js';
import type { MonitorService } from './service.js';
import { inventoryRoutes } from './inventory/routes.js';
import { correctionRoutes, ownerRoutes } from './plan/corrections-routes.js';
import { planRoutes } from './plan/routes.js';
import { registerRoutes } from './plan/register-routes.js';
import { annexRoutes, roundRoutes } from './plan/rounds-routes.js';
import { READ_ROLES } from './rules.js';

export async function monitorRoutes(
  app: FastifyInstance,
  options: { services: { monitor: MonitorService; auth: AuthService } },
) {
  const { monitor, auth } = options.services;
  app.addHook('preHandler', requireRole(...READ_ROLES));
  await app.register(planRoutes, { monitor });
  await app.register(correctionRoutes, { monitor });
  await app.register(ownerRoutes, { monitor, auth });
  await app.register(roundRoutes, { monitor });
  await app.register(annexRoutes, { monitor });
  await app.register(registerRoutes, { monitor });
  await app.register(inventoryRoutes, { monitor });
}
