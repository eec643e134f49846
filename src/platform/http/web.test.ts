import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../i18n/index.js';
import { routeDefaults } from './route-defaults.js';
import { LocaleNegotiator, NonceSource } from './web.js';
import type { RouteOptions } from 'fastify';

describe('CSP nonces', () => {
  it('are 16 random bytes in base64, never the same twice, also across the blocks they are cut from', () => {
    const source = new NonceSource();
    const nonces = Array.from({ length: 1000 }, () => source.next());
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    }
    expect(new Set(nonces).size).toBe(nonces.length);
  });
});

describe('locale negotiation per request', () => {
  it('answers as negotiateLocale does, remembering at most its limit of distinct headers', () => {
    const negotiator = new LocaleNegotiator(3);
    const long = `${'x-long;q=0.1, '.repeat(30)}en`;
    const headers = ['en-GB,en;q=0.9', 'nl', 'de, en;q=0.5', 'fr', 'en;q=0, nl;q=0.1', undefined, '', long];
    for (let round = 0; round < 2; round++) {
      for (const header of headers) expect(negotiator.negotiate(header)).toBe(negotiateLocale(header));
    }
  });
});

describe('route defaults', () => {
  const route = (url: string, method: RouteOptions['method'], config?: object): RouteOptions =>
    ({ url, method, handler: () => undefined, ...(config ? { config } : {}) }) as RouteOptions;

  it('hooks the API rate limit into /api/ routes only, and keeps a route’s own limit', () => {
    const api = route('/api/v1/services', 'GET');
    routeDefaults(api);
    expect(api.config?.rateLimit).toBeUndefined();
    const page = route('/directory', 'GET', { api: false });
    routeDefaults(page);
    expect(page.config).toEqual({ api: false, rateLimit: false });
    const login = route('/login', 'POST', { rateLimit: { max: 10 } });
    routeDefaults(login);
    expect(login.config?.rateLimit).toEqual({ max: 10 });
  });

  it('skips request decompression on routes without a body', () => {
    const get = route('/api/v1/services', ['GET', 'HEAD']);
    routeDefaults(get);
    expect(get.decompress).toBe(false);
    const post = route('/api/v1/import', 'POST');
    routeDefaults(post);
    expect(post.decompress).toBeUndefined();
  });
});
