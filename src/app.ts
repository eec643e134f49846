// buildApp(deps): platform plugins first (security, locale, assets, errors, auth), then each module's routes.
// Everything the app needs from outside (config, database, clock) comes in as a parameter, so tests build the
// same app on a throwaway database with a controlled clock.
import { hash } from 'node:crypto';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/connect.js';
import { apiDocsPlugin, registerOpenApi } from './platform/http/openapi.js';
import { routeDefaults } from './platform/http/route-defaults.js';
import { registerPublicCors } from './platform/http/cors.js';
import { rewriteLocaleUrl } from './platform/http/locale.js';
import webPlugin from './platform/http/web.js';
import { refuseNulBytes } from './platform/http/nul.js';
import { securityTxtPlugin } from './platform/http/security-txt.js';
import { accessibilityPlugin } from './platform/accessibility/index.js';
import { I18n } from './platform/i18n/index.js';
import { createServices, type Services } from './services.js';
import type { MailTransport } from './platform/mail/index.js';
import { authPlugin } from './platform/auth/plugin.js';
import { directoryRoutes } from './modules/directory/index.js';
import { guideRoutes } from './modules/guide/index.js';
import { referralRoutes } from './modules/referrals/index.js';
import { statsRoutes } from './modules/stats/index.js';
import { monitorRoutes } from './modules/monitor/index.js';

export type Clock = () => Date;

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock?: Clock;
  /** Pass false to silence request logs (tests); otherwise pino at config.logLevel. */
  logger?: FastifyServerOptions['logger'];
  i18n?: I18n;
  /** Requests per minute per client on the API (default 600); benchmarks raise it. */
  apiRateLimit?: number;
  /** How mail leaves (default: from the configuration; tests pass their own). */
  mailTransport?: MailTransport | null;
}

export interface App {
  app: FastifyInstance;
  services: Services;
}

/** Log lines carry method, route and status only: query strings and bodies can hold personal data. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      remove: true,
    },
    serializers: {
      req: (req: { method: string; url: string; routeOptions?: { url?: string } }) => ({
        method: req.method,
        route: req.routeOptions?.url ?? req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  const i18n = deps.i18n ?? new I18n();
  const services = createServices({
    db: database.db,
    clock,
    config,
    engine: database.engine,
    mailTransport: deps.mailTransport,
  });

  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.logLevel),
    rewriteUrl: rewriteLocaleUrl,
    // Only declared proxies may name the client (TRUST_PROXY); by default the client is the socket's peer, so a
    // forged X-Forwarded-For changes nothing (login throttling, rate limits and audit addresses use request.ip).
    // (A hop count as a function: Fastify's types do not take the number its runtime accepts.)
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(config.trustProxy)
        : (config.trustProxy ?? false),
    bodyLimit: 1024 * 1024,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
    return503OnClosing: true,
  });

  // Which routes the global plugins below hook into (rate limit: the API; decompression: routes with a body).
  app.addHook('onRoute', routeDefaults);
  // Partner sites may read the public, read-only APIs from the browser (GET/HEAD, no credentials).
  registerPublicCors(app, {
    prefixes: [
      '/api/v1/guide/advice',
      '/api/hsds',
      '/api/v1/municipalities',
      '/api/v1/services',
      '/api/v1/taxonomies',
    ],
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(formbody, { bodyLimit: 1024 * 1024 });
  // A NUL in any field: 400 naming it, before validation (PostgreSQL cannot store it; it used to answer 500).
  refuseNulBytes(app);
  // Behind HTTPS, browsers are told to use nothing else for a year (not includeSubDomains: other hosts under the
  // same domain are not ours to decide for).
  if (config.publicOrigin.startsWith('https:')) {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.header('strict-transport-security', 'max-age=31536000');
      done();
    });
  }
  await app.register(rateLimit, {
    global: true,
    max: deps.apiRateLimit ?? config.apiRateLimit ?? 600,
    timeWindow: '1 minute',
    // Only the API is limited globally (routeDefaults hooks it into /api/ routes only); pages have their own
    // limits where it matters (login).
  });
  await registerOpenApi(app, config);
  await app.register(webPlugin, {
    i18n,
    signedInFor: (request) => services.auth.layoutState(request),
    demoAccounts: () => services.auth.publishedAccountsActive(),
  });
  await app.register(authPlugin, { services, config, clock });
  // After the auth plugin, whose onSend marks signed-in pages no-store, so those are skipped too.
  // ETags (sha1, computed in one call) and 304s, as @fastify/etag does, but never for a response marked
  // no-store: a page or answer that carries someone's answers is not kept, so it is never revalidated either.
  app.addHook('onSend', (request, reply, payload, done) => {
    let tag = reply.getHeader('etag') as string | undefined;
    if (tag === undefined) {
      if (
        !(typeof payload === 'string' || Buffer.isBuffer(payload)) ||
        String(reply.getHeader('cache-control') ?? '').includes('no-store')
      )
        return done(null, payload);
      tag = `"${hash('sha1', payload, 'base64')}"`;
      reply.header('etag', tag);
    }
    const match = request.headers['if-none-match'];
    if (match !== undefined && (match === tag || match === `W/${tag}` || `W/${match}` === tag)) {
      reply.code(304);
      return done(null, '');
    }
    done(null, payload);
  });

  // Health answers are never stored: a cache in front of the app that kept "ready" would hide an outage. (no-store
  // also spares the ETag hook a hash per probe.)
  app.get('/healthz', { schema: { hide: true }, compress: false }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { hide: true }, compress: false }, async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`select 1`.execute(database.db);
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  await app.register(securityTxtPlugin, { config, clock });
  await app.register(accessibilityPlugin, { contact: config.accessibilityContact });
  await app.register(directoryRoutes, { services });
  await app.register(guideRoutes, { services, i18n, publicOrigin: config.publicOrigin });
  await app.register(monitorRoutes, { services });
  await app.register(referralRoutes, { services, i18n });
  await app.register(statsRoutes, { services });
  await app.register(apiDocsPlugin);

  return { app, services };
}
