// Query keys renamed to lowerCamelCase (NL GOV API Design Rules, /core/query-keys-camel-case) keep their earlier
// snake_case names as deprecated aliases for one major version, so a client that still sends `per_page` gets the
// same answer, told by a `Deprecation` header (RFC 9745) that the name is on its way out. An old and a new name
// for the same parameter in one request leave the old one in place, where validation rejects it as unknown (a 400
// naming it) rather than silently picking one.
import type { preValidationHookHandler } from 'fastify';

/** When the aliases were deprecated: API version 1.1.0 (RFC 9745: `@` and seconds since the epoch). */
export const ALIASES_DEPRECATED_AT = '@1796515200';

export function deprecatedQueryAliases(aliases: Record<string, string>): preValidationHookHandler {
  return (request, reply, done) => {
    const query = request.query as Record<string, unknown> | undefined;
    if (query === undefined || query === null) return done();
    let used = false;
    for (const [old, current] of Object.entries(aliases)) {
      if (!Object.hasOwn(query, old) || Object.hasOwn(query, current)) continue;
      query[current] = query[old];
      delete query[old];
      used = true;
    }
    if (used) reply.header('deprecation', ALIASES_DEPRECATED_AT);
    done();
  };
}
