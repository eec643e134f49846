// (bootstrap) Replaced by the accounts implementation; the request decorations are the contract.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import './index.js';

export const authPlugin = fp(
  async (app: FastifyInstance, _options: { services: Services; config: Config; clock: () => Date }) => {
    app.decorateRequest('user', null);
    app.decorateRequest('csrfToken', () => '');
  },
  { name: 'samen-auth' },
);
