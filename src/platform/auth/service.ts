// (bootstrap) Replaced by the accounts implementation.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../db/schema.js';
import type { AuditService } from '../audit/service.js';
import type { PageContext } from '../web/layout.js';

export function createAuthService(_deps: { db: Kysely<Database>; clock: () => Date; config: Config; audit: AuditService }) {
  return {
    layoutState(_request: FastifyRequest): PageContext['signedIn'] {
      return undefined;
    },
  };
}
