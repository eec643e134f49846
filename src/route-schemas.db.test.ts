// Every route of the whole app declares a schema for the parts of the request it uses: its path parameters when
// its path has any, its body when it takes one (POST, PUT, PATCH), its querystring when its handler reads one. The routes are read as the app registers them
// (an onRoute observer), so a route added later is checked too. What a route accepts is then checked in one
// place, before the handler runs, instead of being mapped by hand from an untyped body.
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, testConfig } from '../test/app.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { buildApp } from './app.js';

/**
 * Routes not yet given their schemas, to be removed from this list as they get them (it may only shrink). Empty:
 * the referral routes were the last (they declare theirs through platform/http/form-schema.ts).
 */
const NOT_YET: RegExp[] = [];

/**
 * HSDS's POST on its lists answers 405 in onRequest, before the body is read or the CSRF token checked (nothing
 * there can change state), so it declares no body.
 */
const REFUSED_UNREAD = (r: { method: string; url: string }) =>
  r.method === 'POST' && r.url.startsWith('/api/hsds/');

/**
 * GET routes that read a querystring without a schema yet (`METHOD /path`), to be removed from this list as they
 * get one (it may only shrink): a bad querystring there is still read by hand. The directory's pages and the
 * referral mechanism's have theirs.
 */
const QUERY_NOT_YET: RegExp[] = [];

interface SeenRoute {
  method: string;
  url: string;
  schema: Record<string, unknown>;
  /** The handler reads `request.query` (seen in its source; a handler that hands the request to a helper that reads it is not seen). */
  readsQuery?: boolean;
}

/**
 * What a route lacks: `params` when its path has parameters, `body` when its method takes one, `querystring` when
 * its handler reads one.
 */
export function missingParts(route: SeenRoute): string[] {
  const missing: string[] = [];
  if (/[:*]/.test(route.url) && route.schema.params === undefined) missing.push('params');
  if (['POST', 'PUT', 'PATCH'].includes(route.method) && route.schema.body === undefined)
    missing.push('body');
  if (route.readsQuery && route.schema.querystring === undefined) missing.push('querystring');
  return missing;
}

/** Whether a handler reads the querystring: `request.query`, `req.query` or a destructured `{ query }`. */
export function readsQuery(handler: unknown): boolean {
  return (
    typeof handler === 'function' &&
    /\.query\b(?!\s*\()|\{\s*[^}]*\bquery\b[^}]*\}\s*=\s*req/.test(String(handler))
  );
}

describe('a schema on every route', () => {
  let database: TestDatabase;
  const seen: SeenRoute[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const { app } = await buildApp({
      config: testConfig(),
      database,
      clock: new TestClock().read,
      logger: false,
      onRoute: (route: RouteOptions) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods)
          seen.push({
            method,
            url: route.url,
            schema: (route.schema ?? {}) as Record<string, unknown>,
            readsQuery: readsQuery(route.handler),
          });
      },
    });
    await app.ready();
    await app.close();
  });
  afterAll(() => database?.destroy());

  it('sees the whole app: the routes of the platform and of every module', () => {
    const urls = new Set(seen.map((r) => r.url));
    for (const url of ['/login', '/guide', '/directory', '/stats', '/monitor', '/api/hsds/services'])
      expect(
        [...urls].some((u) => u === url || u.startsWith(`${url}/`)),
        url,
      ).toBe(true);
    expect(seen.length).toBeGreaterThan(150);
  });

  it('finds a route without its params or body schema (the check itself can fail)', () => {
    expect(missingParts({ method: 'POST', url: '/x/:id', schema: { hide: true } })).toEqual([
      'params',
      'body',
    ]);
    expect(missingParts({ method: 'GET', url: '/x/:id', schema: { params: {} } })).toEqual([]);
    expect(missingParts({ method: 'GET', url: '/x', schema: {}, readsQuery: true })).toEqual(['querystring']);
    expect(missingParts({ method: 'GET', url: '/x', schema: { querystring: {} }, readsQuery: true })).toEqual(
      [],
    );
  });

  it('sees a handler read the querystring, and not a query builder', () => {
    expect(readsQuery((request: { query: unknown }) => request.query)).toBe(true);
    expect(readsQuery((req: { query: { q?: string } }) => req.query.q)).toBe(true);
    expect(readsQuery((db: { query: (s: string) => unknown }) => db.query('select 1'))).toBe(false);
    expect(readsQuery(() => 'no query here')).toBe(false);
  });

  it('every route declares the params and body it uses', () => {
    const lacking = seen
      .filter(
        (r) => r.method !== 'HEAD' && !REFUSED_UNREAD(r) && !NOT_YET.some((pattern) => pattern.test(r.url)),
      )
      .map((r) =>
        QUERY_NOT_YET.some((pattern) => pattern.test(`${r.method} ${r.url}`))
          ? { ...r, readsQuery: false }
          : r,
      )
      .map((r) => ({ route: `${r.method} ${r.url}`, missing: missingParts(r) }))
      .filter((r) => r.missing.length > 0)
      .map((r) => `${r.route}: ${r.missing.join(', ')}`);
    expect(lacking).toEqual([]);
  });

  it('the list of querystrings not yet done holds only routes that exist and still read one without a schema', () => {
    for (const pattern of QUERY_NOT_YET) {
      const matching = seen.filter((r) => r.method !== 'HEAD' && pattern.test(`${r.method} ${r.url}`));
      expect(matching.length, String(pattern)).toBeGreaterThan(0);
      expect(
        matching.some((r) => missingParts(r).includes('querystring')),
        `${String(pattern)}: all have querystring schemas, remove it`,
      ).toBe(true);
    }
  });

  it('the list of routes not yet done holds only routes that exist and still lack a schema', () => {
    for (const pattern of NOT_YET) {
      const matching = seen.filter((r) => r.method !== 'HEAD' && pattern.test(r.url));
      expect(matching.length, String(pattern)).toBeGreaterThan(0);
      expect(
        matching.some((r) => missingParts(r).length > 0),
        `${String(pattern)}: all have schemas, remove it`,
      ).toBe(true);
    }
  });
});
