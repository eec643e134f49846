// createApp(services, deps): platform plugins first (security, locale, assets, errors, auth), then each module's
// routes, built from the services passed in (as hmpps-template-typescript's createApp(services) does), so a route
// test can supply a partial set. buildApp(deps) wires the whole set (src/services.ts) and builds the app from it.
// Everything the app needs from outside (config, database, clock) comes in as a parameter, so tests build the
// same app on a throwaway database with a controlled clock.
import { hash } from 'node:crypto';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/connect.js';
import { apiDocsPlugin, registerOpenApi } from './platform/http/openapi.js';
import { loggerOptions } from './platform/http/logging.js';
import { routeDefaults } from './platform/http/route-defaults.js';
import { AJV_OPTIONS } from './platform/http/form-schema.js';
import { registerPublicCors } from './platform/http/cors.js';
import { rewriteLocaleUrl } from './platform/http/locale.js';
import webPlugin from './platform/http/web.js';
import { refuseNulBytes } from './platform/http/nul.js';
import { securityTxtPlugin } from './platform/http/security-txt.js';
import { accessibilityPlugin } from './platform/accessibility/index.js';
import { I18n, loadCatalogues } from './platform/i18n/index.js';
import { createServices, type Services } from './services.js';
import type { AuditService } from './platform/audit/service.js';
import type { AuthService, FormDrafts, OidcService } from './platform/auth/index.js';
import type { MailTransport } from './platform/mail/index.js';
import { authPlugin } from './platform/auth/plugin.js';
import { directoryRoutes, type DirectoryService } from './modules/directory/index.js';
import { guideRoutes, type GuideService } from './modules/guide/index.js';
import { referralRoutes, type ReferralService } from './modules/referrals/index.js';
import { statsRoutes, type StatsService } from './modules/stats/index.js';
import { monitorRoutes, type MonitorService } from './modules/monitor/index.js';

export type Clock = () => Date;

// Where it lived first: the log options are the platform's (src/platform/http/logging.ts).
export { loggerOptions };

/** What createApp needs from outside besides the services. */
export interface AppOptions {
  config: Config;
  /** For /readyz (the app itself never queries: its services do). */
  database: Pick<DatabaseHandle, 'db'>;
  clock?: Clock;
  /** Pass false to silence request logs (tests); otherwise pino at config.logLevel. */
  logger?: FastifyServerOptions['logger'];
  i18n?: I18n;
  /** Requests per minute per client on the API (default 600); benchmarks raise it. */
  apiRateLimit?: number;
  /** Sees every route as it is registered, with its options (the route-table test reads the schemas so). */
  onRoute?: (route: RouteOptions) => void;
}

export interface AppDeps extends AppOptions {
  database: DatabaseHandle;
  /** How mail leaves (default: from the configuration; tests pass their own). */
  mailTransport?: MailTransport | null;
}

/**
 * The services the app's routes use. The platform's sign-in is always there; a module's routes are registered when
 * its services are given (buildApp gives them all), so a route test builds the app with only what it needs.
 */
export interface AppServices {
  auth: AuthService;
  /** Forms posted after their session ended, kept for the person (platform/auth/drafts.ts); without it, a 403. */
  drafts?: FormDrafts;
  /** Sign-in through identity providers (platform/auth/oidc); without it, local accounts only. */
  oidc?: OidcService;
  audit?: AuditService;
  directory?: DirectoryService;
  guide?: GuideService;
  monitor?: MonitorService;
  referrals?: ReferralService;
  stats?: StatsService;
}

export interface App {
  app: FastifyInstance;
  services: Services;
}

/** The whole app: every service wired (src/services.ts), the app built from them. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  const services = createServices({
    db: database.db,
    clock,
    config,
    engine: database.engine,
    mailTransport: deps.mailTransport,
  });
  const app = await createApp(services, { ...deps, clock });
  return { app, services };
}

/** A module whose routes need another module's service, given without it, is a wiring mistake: said at once. */
function required<T>(service: T | undefined, what: string): T {
  if (service === undefined) throw new Error(`createApp: ${what}`);
  return service;
}

/** The app built from the services passed in (see AppServices: a partial set registers only its modules' routes). */
export async function createApp(services: AppServices, deps: AppOptions): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? (() => new Date());
  // The server reads every catalogue at start, so a broken one stops it there (an I18n reads them on first use).
  const i18n = deps.i18n ?? new I18n(loadCatalogues());

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
    ajv: { customOptions: { ...AJV_OPTIONS } },
    return503OnClosing: true,
  });

  // Which routes the global plugins below hook into (rate limit: the API; decompression: routes with a body).
  app.addHook('onRoute', routeDefaults);
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
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
  await app.register(authPlugin, {
    services: {
      auth: services.auth,
      ...(services.drafts ? { drafts: services.drafts } : {}),
      ...(services.oidc ? { oidc: services.oidc } : {}),
    },
    config,
    clock,
  });
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
  // Each module's routes get only the services they use.
  const { auth, audit, directory, drafts, guide, monitor, referrals, stats } = services;
  if (directory) await app.register(directoryRoutes, { services: { directory } });
  if (guide) {
    const services = { guide, directory: required(directory, "the wegwijzer's routes need the directory") };
    await app.register(guideRoutes, { services, i18n, publicOrigin: config.publicOrigin });
  }
  if (monitor) await app.register(monitorRoutes, { services: { monitor, auth } });
  if (referrals) {
    const services = {
      referrals,
      directory: required(directory, "the referral mechanism's routes need the directory"),
      audit: required(audit, "the referral mechanism's routes need the audit trail"),
      drafts: required(drafts, "the referral mechanism's routes need the form drafts"),
    };
    await app.register(referralRoutes, { services, i18n });
  }
  if (stats) await app.register(statsRoutes, { services: { stats } });
  await app.register(apiDocsPlugin);

  return app;
}
