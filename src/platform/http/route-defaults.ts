// Per-route defaults for the global plugins, decided once when a route is registered instead of on every
// request. buildApp adds this onRoute hook before registering the plugins it configures (their own onRoute
// hooks read what it sets):
// - the API rate limit hooks into routes under /api/ only; a page carries no limiter hook at all (before, every
//   request ran the limiter only for its allowList to let pages through). A route with its own
//   `config.rateLimit` (the sign-in forms) keeps it.
// - GET and HEAD requests have no body, so their routes skip the request-decompression hook.
import type { RouteOptions } from 'fastify';

export const API_PREFIX = '/api/';

export function isApiRoute(url: string): boolean {
  return url.startsWith(API_PREFIX);
}

export function routeDefaults(route: RouteOptions): void {
  const config = route.config ?? {};
  if (config.rateLimit === undefined && !isApiRoute(route.url)) {
    route.config = { ...config, rateLimit: false };
  }
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (route.decompress === undefined && methods.every((m) => m === 'GET' || m === 'HEAD')) {
    route.decompress = false;
  }
}
