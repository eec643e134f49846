// The web platform as a visitor and an API client meet it: headers, CSP nonces, locale, error pages and JSON
// errors, body limits, compression, caching, health checks. Runs on the real app (buildApp) with two probe
// routes of its own, so it does not depend on what the modules serve.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../../test/app.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { testConfig } from '../../../test/app.js';
import { anonymousAgent } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';

const HTML = { accept: 'text/html,application/xhtml+xml' };

function nonceOfCsp(csp: string | undefined): string {
  const nonce = /'nonce-([^']+)'/.exec(csp ?? '')?.[1];
  if (!nonce) throw new Error(`no nonce in CSP: ${csp}`);
  return nonce;
}

function htmlAttr(body: string, pattern: RegExp): string | undefined {
  return pattern.exec(body)?.[1];
}

describeDb('web platform', () => {
  let app: FastifyInstance;
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app } = await buildApp({ config: testConfig(), database, logger: false }));
    app.post(
      '/api/v1/_probe',
      { schema: { body: Type.Object({ name: Type.String({ maxLength: 10 }), age: Type.Integer() }) } },
      async () => ({ ok: true }),
    );
    app.get('/api/v1/_boom', async () => {
      throw new Error('secret internal detail');
    });
    app.get('/_boom', async () => {
      throw new Error('secret internal detail');
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('sends the security headers and a strict CSP with no third-party origin on pages', async () => {
    const res = await app.inject({ url: '/', headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
    expect(res.headers['permissions-policy']).toContain('camera=()');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends JSON answers the headers that apply to them, and not those that only govern documents', async () => {
    for (const url of ['/api/v1/taxonomies', '/api/v1/municipalities/GM9999/services', '/healthz']) {
      const res = await app.inject({ url });
      // JSON or, for the error, problem details (RFC 9457).
      expect(res.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'cross-origin-resource-policy': 'same-origin',
        'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      });
      for (const header of [
        'referrer-policy',
        'cross-origin-opener-policy',
        'permissions-policy',
        'x-dns-prefetch-control',
      ])
        expect(res.headers[header], `${url} ${header}`).toBeUndefined();
    }
    // Anything else a browser may show as a document keeps them (here a 404 page, and a stylesheet).
    for (const url of ['/no-such-page', app.assets.css.url]) {
      const res = await app.inject({ url, headers: HTML });
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['permissions-policy'], url).toContain('camera=()');
    }
  });

  it('uses a fresh nonce on every response, the same one in the CSP and on the script tag', async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const res = await app.inject({ url: '/', headers: HTML });
      const nonce = nonceOfCsp(res.headers['content-security-policy'] as string);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      const scripts = [...res.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(res.body).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>\s*\S/);
      expect(res.body).not.toMatch(/\sstyle="/);
      nonces.add(nonce);
    }
    expect(nonces.size).toBe(3);
  });

  it('locks down JSON responses with their own CSP', async () => {
    const res = await app.inject({ url: '/healthz' });
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves Dutch by default, with lang and dir on the html element', async () => {
    const res = await app.inject({ url: '/', headers: HTML });
    expect(htmlAttr(res.body, /<html[^>]*\blang="([^"]+)"/)).toBe('nl');
    expect(htmlAttr(res.body, /<html[^>]*\bdir="([^"]+)"/)).toBe('ltr');
    expect(res.headers['content-language']).toBe('nl');
    expect(res.headers.vary).toMatch(/accept-language/i);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('selects the locale from Accept-Language when the URL has none', async () => {
    const res = await app.inject({
      url: '/',
      headers: { ...HTML, 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' },
    });
    expect(htmlAttr(res.body, /<html[^>]*\blang="([^"]+)"/)).toBe('en');
    expect(res.headers['content-language']).toBe('en');
  });

  it('selects the locale from the URL over Accept-Language, and keeps it in links', async () => {
    const res = await app.inject({ url: '/en', headers: { ...HTML, 'accept-language': 'nl' } });
    expect(res.statusCode).toBe(200);
    expect(htmlAttr(res.body, /<html[^>]*\blang="([^"]+)"/)).toBe('en');
    expect(res.body).toContain('href="/en/directory"');
    expect(res.headers['set-cookie']).toBeUndefined();
    const nl = await app.inject({ url: '/nl/', headers: { ...HTML, 'accept-language': 'en' } });
    expect(htmlAttr(nl.body, /<html[^>]*\blang="([^"]+)"/)).toBe('nl');
  });

  it('offers a language switch that keeps the path and query', async () => {
    const res = await app.inject({ url: '/en/no/such/page?x=1', headers: HTML });
    expect(res.body).toContain('href="/nl/no/such/page?x=1"');
    expect(res.body).toContain('href="/en/no/such/page?x=1"');
    expect(res.body).toMatch(/<a [^>]*hreflang="en"[^>]*aria-current="true"/);
  });

  it('renders a 404 page in the visitor’s language', async () => {
    const en = await app.inject({ url: '/en/does-not-exist', headers: HTML });
    expect(en.statusCode).toBe(404);
    expect(en.headers['content-type']).toMatch(/^text\/html/);
    expect(en.body).toContain('This page does not exist');
    expect(htmlAttr(en.body, /<html[^>]*\blang="([^"]+)"/)).toBe('en');
    expect(en.body).toContain('<meta name="robots" content="noindex, nofollow">');

    const nl = await app.inject({ url: '/does-not-exist', headers: HTML });
    expect(nl.statusCode).toBe(404);
    expect(nl.body).toContain('Deze pagina bestaat niet');
  });

  it('answers JSON errors under /api, in the language of Accept-Language', async () => {
    const en = await app.inject({
      url: '/api/v1/nothing-here',
      headers: { ...HTML, 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(404);
    expect(en.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(en.headers['content-language']).toBe('en');
    expect(en.json()).toEqual({
      type: 'http://localhost:3000/api/docs#problem-not_found',
      title: 'This page does not exist',
      status: 404,
      detail: 'This page does not exist',
      instance: '/api/v1/nothing-here',
      code: 'not_found',
      error: { code: 'not_found', message: 'This page does not exist' },
    });
    const nl = await app.inject({ url: '/api/v1/nothing-here?secret=answer' });
    expect(nl.json()).toMatchObject({
      title: 'Deze pagina bestaat niet',
      instance: '/api/v1/nothing-here',
      error: { code: 'not_found', message: 'Deze pagina bestaat niet' },
    });
  });

  it('answers broken JSON with a 400 naming the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/_probe',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"name": "x",',
    });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('bad_request');
    expect(error.fields).toEqual([{ field: 'body', message: 'is not valid JSON' }]);
  });

  it('answers wrong types and missing fields with a 400 naming each field and the reason', async () => {
    // CSRF protection comes first: a client holding a token gets as far as validation.
    const agent = await anonymousAgent(app);
    const res = await agent.postJson(
      '/api/v1/_probe',
      { name: 'far too long a name', age: 'old' },
      { 'accept-language': 'en' },
    );
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { field: string; message: string }[];
    expect(fields).toEqual(
      expect.arrayContaining([
        { field: 'body.name', message: 'must be at most 10 characters long' },
        { field: 'body.age', message: 'must be of type integer' },
      ]),
    );
    const missing = await agent.postJson('/api/v1/_probe', {});
    expect(missing.json().error.fields.map((f: { field: string }) => f.field)).toEqual(
      expect.arrayContaining(['body.name', 'body.age']),
    );
  });

  it('answers an oversized body with 413 and an unsupported one with 415', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/v1/_probe',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x', age: 1, pad: 'x'.repeat(1024 * 1024 + 1) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('payload_too_large');

    const xml = await app.inject({
      method: 'POST',
      url: '/api/v1/_probe',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.code).toBe('unsupported_media_type');
  });

  it('hides the details of a 500, as JSON and as a page', async () => {
    const api = await app.inject({ url: '/api/v1/_boom', headers: { 'accept-language': 'en' } });
    expect(api.statusCode).toBe(500);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.json()).toEqual({
      type: 'http://localhost:3000/api/docs#problem-internal',
      title: 'Something went wrong on our side',
      status: 500,
      detail: 'Something went wrong on our side',
      instance: '/api/v1/_boom',
      code: 'internal',
      error: { code: 'internal', message: 'Something went wrong on our side' },
    });
    const page = await app.inject({ url: '/en/_boom', headers: HTML });
    expect(page.statusCode).toBe(500);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Something went wrong on our side');
    expect(page.body).not.toContain('secret internal detail');
  });

  it('compresses pages with brotli or gzip', async () => {
    const plain = await app.inject({ url: '/', headers: { ...HTML, 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const br = await app.inject({ url: '/', headers: { ...HTML, 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toContain('<!doctype html>');
    const gz = await app.inject({ url: '/', headers: { ...HTML, 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toContain('<!doctype html>');
    expect(String(gz.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('sends an ETag on public pages and answers 304 when the page has not changed', async () => {
    const first = await app.inject({ url: '/en', headers: HTML });
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await app.inject({ url: '/en', headers: { ...HTML, 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The cached page keeps working: the CSP sent with the 304 carries the nonce of the cached page.
    expect(nonceOfCsp(again.headers['content-security-policy'] as string)).toBe(
      nonceOfCsp(first.headers['content-security-policy'] as string),
    );
    const other = await app.inject({ url: '/en', headers: { ...HTML, 'if-none-match': '"something-else"' } });
    expect(other.statusCode).toBe(200);
  });

  it('serves fingerprinted assets cached immutable, with ETag and 304', async () => {
    const page = await app.inject({ url: '/', headers: HTML });
    const css = htmlAttr(page.body, /<link rel="stylesheet" href="([^"]+)"/)!;
    const js = htmlAttr(page.body, /<script src="([^"]+)"/)!;
    expect(css).toMatch(/^\/assets\/app\.[0-9a-f]{12}\.css$/);
    expect(js).toMatch(/^\/assets\/app\.[0-9a-f]{12}\.js$/);
    for (const url of [css, js]) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.body.length).toBeGreaterThan(100);
      const etag = res.headers.etag as string;
      expect(etag).toBeTruthy();
      const cached = await app.inject({ url, headers: { 'if-none-match': etag } });
      expect(cached.statusCode).toBe(304);
      const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gz.rawPayload).toString()).toBe(res.body);
    }
    const cssRes = await app.inject({ url: css });
    expect(cssRes.headers['content-type']).toMatch(/^text\/css/);
    expect((await app.inject({ url: '/assets/app.000000000000.css' })).statusCode).toBe(404);
  });

  it('answers /healthz and /readyz, never to be kept by a cache (a stored "ready" would hide an outage)', async () => {
    const health = await app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
    for (const res of [health, ready]) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
  });
});

describeDb('the API rate limit', () => {
  it('limits the API per client address (429 past the limit), and leaves the pages alone', async () => {
    const database = await createTestDatabase();
    const { app } = await buildApp({ config: testConfig(), database, logger: false, apiRateLimit: 3 });
    await app.ready();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await app.inject({ url: '/api/openapi.json', headers: { 'accept-language': 'en' } });
        statuses.push(res.statusCode);
        if (i === 0) expect(res.headers['x-ratelimit-limit']).toBe('3');
        if (i === 3) expect(res.json().error.code).toBe('too_many_requests');
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Pages, health checks and assets have no limiter at all (the sign-in forms have their own).
      for (let i = 0; i < 5; i++) {
        const page = await app.inject({ url: '/', headers: HTML });
        expect(page.statusCode).toBe(200);
        expect(page.headers['x-ratelimit-limit']).toBeUndefined();
        expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      }
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});

describeDb('readiness without a database', () => {
  it('answers /readyz with 503 when the database is gone, while /healthz stays up', async () => {
    const database = await createTestDatabase();
    const { app } = await buildApp({ config: testConfig(), database, logger: false });
    await app.ready();
    try {
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      await database.close();
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({ status: 'unavailable' });
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await database.destroy().catch(() => {});
    }
  });
});
