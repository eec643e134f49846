// requireRole on its own: a small app with the web platform and a stand-in for the session lookup.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webPlugin from '../http/web.js';
import { I18n } from '../i18n/index.js';
import { rewriteLocaleUrl } from '../http/locale.js';
import { requireRole, type Role } from './index.js';

describe('requireRole', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify({ rewriteUrl: rewriteLocaleUrl });
    await app.register(webPlugin, { i18n: new I18n() });
    app.decorateRequest('user', null);
    app.addHook('onRequest', async (request) => {
      const role = request.headers['x-test-role'];
      if (typeof role === 'string')
        request.user = { id: 'u1', email: 'u@example.nl', displayName: 'U', role: role as Role };
    });
    app.get('/api/v1/admin-thing', { preHandler: requireRole('admin') }, async () => ({ ok: true }));
    app.get('/admin/page', { preHandler: requireRole('admin') }, async () => 'page');
    app.post('/admin/page', { preHandler: requireRole('admin') }, async () => 'posted');
    app.get('/staff/page', { preHandler: requireRole() }, async () => 'staff');
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers 401 JSON on the API without a user', async () => {
    const res = await app.inject({ url: '/api/v1/admin-thing' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('answers 403 JSON on the API for the wrong role', async () => {
    const res = await app.inject({
      url: '/api/v1/admin-thing',
      headers: { 'x-test-role': 'directory_steward' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('lets the right role through', async () => {
    expect(
      (await app.inject({ url: '/api/v1/admin-thing', headers: { 'x-test-role': 'admin' } })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/staff/page', headers: { 'x-test-role': 'directory_steward' } })).body,
    ).toBe('staff');
  });

  it('sends a visitor of a page to the login page, keeping the page and the language', async () => {
    const res = await app.inject({ url: '/en/admin/page?tab=2', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/login?next=${encodeURIComponent('/en/admin/page?tab=2')}`);
  });

  it('sends a refused form post to the login page without a next', async () => {
    const res = await app.inject({ method: 'POST', url: '/admin/page', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
  });

  it('shows a 403 page for the wrong role', async () => {
    const res = await app.inject({
      url: '/admin/page',
      headers: { accept: 'text/html', 'x-test-role': 'directory_steward' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
