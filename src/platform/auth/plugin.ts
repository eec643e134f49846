// (bootstrap) Replaced by the accounts implementation.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';

export const authPlugin = fp(async (_app: FastifyInstance, _options: { services: Services; config: Config; clock: () => Date }) => {}, {
  name: 'samen-auth',
});
