// Open data for other sites: HSDS `/` (version and profile), `/taxonomies`, `/taxonomies/{id}` and `search=` on
// /services, validated against the HSDS 3.1 schemas; CORS on the read-only public APIs (GET/HEAD from any
// origin, never with credentials, no preflight for other methods); and the attack: a steward verifies a
// service, and the steward's login e-mail appears in no public output.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { createUser, signIn } from '../../../../test/auth.js';
import { describeDb } from '../../../../test/db-suite.js';
import {
  errorsOf,
  pageValidator,
  STANDARD_DIR,
  standardAvailable,
  standardObjectValidator,
  standardValidator,
} from './test/standard.js';

interface Page {
  total_items: number;
  contents: Record<string, unknown>[];
}

describeDb('HSDS open data and CORS', () => {
  const t = useTestApp();
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en', ...headers } });
  const page = async (url: string): Promise<Page> => {
    const res = await get(url);
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json<Page>();
  };

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  describe('HSDS /, /taxonomies and search', () => {
    it('says which HSDS version and profile it implements, who publishes it and under which licence at / (with and without the slash)', async () => {
      for (const url of ['/api/hsds', '/api/hsds/']) {
        const body = (await get(url, { host: 'samen.example' })).json();
        expect(body).toEqual({
          version: '3.1',
          profile: 'http://samen.example/api/hsds/profile',
          openapi_url: 'http://samen.example/api/openapi.json',
          publisher: { name: 'Samen' },
          licence: 'https://creativecommons.org/publicdomain/zero/1.0/',
        });
      }
    });

    it('lists the taxonomies, finds them by search, and gives one by id (400 malformed, 404 unknown)', async () => {
      const all = await page('/api/hsds/taxonomies?per_page=100');
      expect(all.total_items).toBe(8);
      const need = all.contents.find((x) => x.name === 'Hulpvraag')!;
      expect(need).toBeDefined();
      const found = await page('/api/hsds/taxonomies?search=hulpvraag');
      expect(found.contents.map((x) => x.id)).toEqual([need.id]);
      expect((await page('/api/hsds/taxonomies?search=no-such-word')).total_items).toBe(0);
      const one = await get(`/api/hsds/taxonomies/${String(need.id)}`);
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual(need);
      expect((await get('/api/hsds/taxonomies/not-a-uuid')).statusCode).toBe(400);
      expect((await get('/api/hsds/taxonomies/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    });

    it('searches services by every word, ignoring case and accents, and pages the result', async () => {
      const lkha = await page('/api/hsds/services?search=Huwelijksdwang');
      expect(lkha.contents.map((s) => s.name)).toEqual([
        'Landelijk Knooppunt Huwelijksdwang en Achterlating: advies bij gedwongen huwelijk',
      ]);
      const accents = await page('/api/hsds/services?search=ZORGCOORDINATIE%20amsterdam');
      expect(accents.total_items).toBeGreaterThan(0);
      for (const s of accents.contents) expect(String(s.name).toLowerCase()).toContain('zorgcoördinatie');
      const both = await page('/api/hsds/services?search=comensha%20opvang&per_page=1');
      expect(both.contents).toHaveLength(1);
      expect(both.total_items).toBeGreaterThan(1);
      expect((await page('/api/hsds/services?search=xyzzy')).total_items).toBe(0);
      // Combined with a filter, and the same page again from memory.
      const inAmsterdam = await page('/api/hsds/services?municipality=GM0363&search=politie');
      expect(inAmsterdam.contents.map((s) => s.name)).toContain(
        'Politie eenheid Amsterdam: mensenhandel (AVIM)',
      );
      expect(await page('/api/hsds/services?municipality=GM0363&search=politie')).toEqual(inAmsterdam);
      expect((await get(`/api/hsds/services?search=${'x'.repeat(201)}`)).statusCode).toBe(400);
    });

    describe.skipIf(!standardAvailable())('against the HSDS 3.1 schemas', () => {
      const check = (validate: ReturnType<typeof standardValidator>, value: unknown, what: string) => {
        const valid = validate(value);
        expect(valid ? [] : errorsOf(validate).map((e) => `${what}: ${e}`)).toEqual([]);
      };

      it('validates /, the taxonomies and a searched page of services', async () => {
        const openapi = JSON.parse(readFileSync(path.join(STANDARD_DIR, 'openapi.json'), 'utf8')) as {
          paths: Record<
            string,
            { get: { responses: Record<string, { content: Record<string, { schema: object }> }> } }
          >;
        };
        const rootSchema = openapi.paths['/']!.get.responses['200']!.content['application/json']!.schema;
        const root = (await get('/api/hsds')).json();
        const { Ajv } = await import('ajv');
        const addFormats = (await import('ajv-formats')).default;
        const ajv = new Ajv({ strict: false, allErrors: true });
        addFormats.default(ajv);
        const validateRoot = ajv.compile({ ...rootSchema, required: ['version', 'profile', 'openapi_url'] });
        check(validateRoot, root, '/');
        const taxonomies = await page('/api/hsds/taxonomies?per_page=100');
        check(pageValidator(), taxonomies, 'taxonomies page');
        for (const x of taxonomies.contents) check(standardObjectValidator('taxonomy'), x, String(x.id));
        const one = (await get(`/api/hsds/taxonomies/${String(taxonomies.contents[0]!.id)}`)).json();
        check(standardObjectValidator('taxonomy'), one, 'one taxonomy');
        const searched = await page('/api/hsds/services?search=mensenhandel&per_page=100');
        check(pageValidator(), searched, 'services page');
        for (const s of searched.contents)
          check(standardValidator('compiled/service_list.json'), s, String(s.id));
      });
    });

    it('knows where the standard is (or skips the schema checks with a message)', () => {
      expect(existsSync(STANDARD_DIR) || process.env.CI !== 'true').toBe(true);
    });
  });

  describe('CORS on the read-only public APIs', () => {
    const PUBLIC = [
      '/api/v1/guide/advice?audience=self&form=labour',
      '/api/hsds',
      '/api/hsds/services?per_page=1',
      '/api/hsds/taxonomies',
      '/api/v1/services?per_page=1',
      '/api/v1/taxonomies',
    ];

    it('allows any origin to GET and HEAD, without credentials', async () => {
      for (const url of PUBLIC) {
        for (const method of ['GET', 'HEAD'] as const) {
          const res = await t.app.inject({
            method,
            url,
            headers: { origin: 'https://partner.example', cookie: 'samen_session=stolen' },
          });
          expect(res.statusCode, `${method} ${url}`).toBe(200);
          expect(res.headers['access-control-allow-origin'], url).toBe('*');
          expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
          // A stale session cookie is only cleared, never answered with a session.
          expect(String(res.headers['set-cookie'] ?? ''), url).not.toMatch(/samen_session=[^;]/);
        }
      }
      // Error answers too, so an embedding page can read why.
      const bad = await get('/api/v1/guide/advice?audience=alien', { origin: 'https://partner.example' });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['access-control-allow-origin']).toBe('*');
    });

    it('answers a preflight for GET, and refuses one for any other method or for extra headers', async () => {
      const preflight = (url: string, method: string, headers = '') =>
        t.app.inject({
          method: 'OPTIONS',
          url,
          headers: {
            origin: 'https://partner.example',
            'access-control-request-method': method,
            ...(headers ? { 'access-control-request-headers': headers } : {}),
          },
        });
      const ok = await preflight('/api/v1/guide/advice', 'GET', 'accept-language');
      expect(ok.statusCode).toBe(204);
      expect(ok.headers['access-control-allow-origin']).toBe('*');
      expect(ok.headers['access-control-allow-methods']).toBe('GET, HEAD');
      expect(ok.headers['access-control-allow-credentials']).toBeUndefined();
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const res = await preflight('/api/hsds/services', method);
        expect(res.statusCode, method).toBe(403);
        expect(res.headers['access-control-allow-origin'], method).toBeUndefined();
        expect(res.headers['access-control-allow-methods'], method).toBeUndefined();
      }
      for (const headers of ['authorization', 'cookie', 'content-type', 'x-csrf-token']) {
        const res = await preflight('/api/hsds/services', 'GET', headers);
        expect(res.statusCode, headers).toBe(403);
        expect(res.headers['access-control-allow-origin'], headers).toBeUndefined();
      }
    });

    it('sends no CORS headers on pages, staff routes or other APIs', async () => {
      for (const url of ['/', '/guide/result?audience=self', '/directory', '/login', '/api/openapi.json']) {
        const res = await get(url, { origin: 'https://partner.example' });
        expect(res.headers['access-control-allow-origin'], url).toBeUndefined();
      }
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/steward/services',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe("the steward's login e-mail", () => {
    it('appears in no public output after the steward verifies a service (attack)', async () => {
      const steward = await createUser(t.services, {
        role: 'directory_steward',
        email: 'steward.private.9f3a@samen.test',
      });
      const agent = await signIn(t, steward);
      const services = await page('/api/hsds/services?per_page=100&search=comensha%20helpdesk');
      const serviceId = String(services.contents[0]!.id);
      const verify = await agent.post(`/steward/services/${serviceId}/verify`);
      expect(verify.statusCode).toBe(303);
      const record = await t.services.directory.publishedService(serviceId);
      expect(record?.assured_by_user_id).toBe(steward.id);

      const secret = /steward\.private\.9f3a/i;
      const urls = [
        `/api/hsds/services/${serviceId}`,
        '/api/hsds/services?per_page=100',
        '/api/hsds/services?per_page=100&full=true',
        '/api/hsds/services?per_page=100&page=2&full=true',
        '/api/hsds/services?municipality=GM0363&full=true&per_page=100',
        `/api/hsds/services?search=comensha&full=true`,
        '/api/hsds/organizations?per_page=100',
        '/api/hsds/taxonomy_terms?per_page=100',
        '/api/hsds/taxonomies',
        '/api/hsds',
        `/api/v1/services/${serviceId}`,
        '/api/v1/services?per_page=100',
        '/api/v1/municipalities/GM0363/services',
        '/api/v1/guide/advice?audience=professional&municipality=GM0363',
        '/guide/result?audience=professional&municipality=GM0363',
        `/directory/services/${serviceId}`,
        '/directory?q=comensha',
        '/guide/offline',
        '/',
      ];
      for (const url of urls) {
        for (const encoding of ['identity']) {
          const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
          expect(res.statusCode, url).toBe(200);
          expect(secret.test(res.body), url).toBe(false);
        }
      }
      // Nor in the stored record the HSDS API renders.
      expect(record?.assurer_email ?? null).toBeNull();
    });
  });
});
