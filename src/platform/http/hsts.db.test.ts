// HSTS (issue 16): behind an https public origin every answer tells browsers to use nothing else for a year;
// over plain http (a laptop) it would be meaningless and is not sent.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('Strict-Transport-Security', () => {
  let https: TestApp;
  let http: TestApp;
  beforeAll(async () => {
    https = await createTestApp({
      config: { publicOrigin: 'https://samen.example.nl', secureCookies: true },
    });
    http = await createTestApp();
  });
  afterAll(async () => {
    for (const t of [https, http]) {
      await t?.app.close();
      await t?.database.destroy();
    }
  });

  it('is sent on pages, API answers and errors when the public origin is https', async () => {
    for (const url of ['/', '/login', '/api/v1/taxonomies', '/no-such-page', '/healthz']) {
      const res = await https.app.inject({ url, headers: { accept: 'text/html' } });
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
    }
  });

  it('is not sent over plain http', async () => {
    const res = await http.app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});
