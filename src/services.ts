// Wiring: data -> services. Each module exposes one service object through its index.ts; routes and CLI
// commands use only these. Typed by ReturnType so adding a method needs no second declaration.
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Database } from './db/schema.js';
import { createAuditService } from './platform/audit/service.js';
import { createAuthService } from './platform/auth/service.js';
import { createDirectoryService } from './modules/directory/index.js';
import { createGuideService } from './modules/guide/index.js';

export interface ServiceDeps {
  db: Kysely<Database>;
  clock: () => Date;
  config: Config;
}

export function createServices(deps: ServiceDeps) {
  const audit = createAuditService(deps);
  const auth = createAuthService({ ...deps, audit });
  const directory = createDirectoryService({ ...deps, audit });
  const guide = createGuideService({ ...deps, audit, directory });
  return { audit, auth, directory, guide };
}

export type Services = ReturnType<typeof createServices>;
