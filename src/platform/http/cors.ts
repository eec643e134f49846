// CORS for the read-only public APIs (the wegwijzer's advice API, the HSDS API, the directory's /api/v1 reads),
// so partner sites can call them from the browser. Only GET and HEAD, from any origin, never with credentials:
// `Access-Control-Allow-Origin: *` (which browsers never combine with cookies) and no
// `Access-Control-Allow-Credentials`. A preflight for any other method, or asking for headers beyond
// Accept-Language, gets a 403 without CORS headers, so the browser does not send the request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface PublicCorsOptions {
  /** Path prefixes (without the query) that are read-only public APIs. */
  prefixes: readonly string[];
}

/** Request headers a page may send besides the CORS-safelisted ones. */
const ALLOWED_HEADERS = ['accept-language'];
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);
const MAX_AGE = String(24 * 60 * 60);

function isPublicApi(url: string, prefixes: readonly string[]): boolean {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return prefixes.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
}

function preflight(request: FastifyRequest, reply: FastifyReply): void {
  const method = String(request.headers['access-control-request-method'] ?? '').toUpperCase();
  const asked = String(request.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const ok =
    (method === 'GET' || method === 'HEAD') &&
    asked.every((h) => SAFELISTED.has(h) || ALLOWED_HEADERS.includes(h));
  if (!ok) {
    void reply.code(403).header('cache-control', 'no-store').send();
    return;
  }
  void reply
    .code(204)
    .header('access-control-allow-origin', '*')
    .header('access-control-allow-methods', 'GET, HEAD')
    .header('access-control-allow-headers', ALLOWED_HEADERS.join(', '))
    .header('access-control-max-age', MAX_AGE)
    .send();
}

export function registerPublicCors(app: FastifyInstance, options: PublicCorsOptions): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (!isPublicApi(request.url, options.prefixes)) return done();
    if (request.method === 'GET' || request.method === 'HEAD') {
      reply.header('access-control-allow-origin', '*');
      reply.header('access-control-expose-headers', 'content-language, api-version');
      return done();
    }
    // A CORS preflight (OPTIONS with Access-Control-Request-Method); a plain OPTIONS goes on to a 404.
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined)
      return preflight(request, reply);
    done();
  });
}
