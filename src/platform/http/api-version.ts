// The version of the project's own API (/api/v1): its major version is in every path, and the full version (semver)
// is on every answer under /api/v1 as the `API-Version` header, as the NL GOV API Design Rules require
// (/core/uri-version, /core/version-header). Raise it with every change to the API: the patch for fixes, the minor
// for additions, the major (and with it the path, /api/v2) when a client would have to change.
import type { FastifyInstance } from 'fastify';

export const API_V1 = {
  prefix: '/api/v1',
  /** 1.1.0: errors as problem details (RFC 9457), the API-Version header, lowerCamelCase query keys. */
  version: '1.1.0',
} as const;

export const API_VERSION_HEADER = 'API-Version';

function underPrefix(url: string, prefix: string): boolean {
  return url.startsWith(prefix) && (url.length === prefix.length || '/?'.includes(url[prefix.length]!));
}

/** Every answer under /api/v1 (successes, errors, 304s, preflights) carries `API-Version: <semver>`. */
export function addApiVersionHeader(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (underPrefix(request.url, API_V1.prefix)) reply.header(API_VERSION_HEADER, API_V1.version);
    done();
  });
}

/** The header as documented on every 2xx and 3xx response of the API's OpenAPI document. */
export const apiVersionHeaderObject = {
  description: 'The full version of the API that answered (semantic versioning), e.g. 1.1.0.',
  required: true,
  schema: { type: 'string', examples: [API_V1.version] },
};
