// (bootstrap) Replaced by the directory implementation.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../../platform/audit/service.js';
import type { Services } from '../../services.js';

export function createDirectoryService(deps: { db: Kysely<Database>; clock: () => Date; config: Config; audit: AuditService }) {
  return {
    async countServices() {
      const row = await deps.db.selectFrom('service').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async loadSampleDirectory() {
      return { organizations: 0, services: 0 };
    },
  };
}

export async function directoryRoutes(_app: FastifyInstance, _options: { services: Services }) {}
