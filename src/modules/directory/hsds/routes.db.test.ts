// The read-only HSDS API on the real app: paging, the taxonomy term and municipality filters, clear 400s for bad
// parameters, a JSON 404 for an unknown service, and answers that validate against the HSDS 3.1 schemas.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import { fixtureFiles, id, minimalService, TERMS } from './test/fixtures.js';
import {
  errorsOf,
  pageValidator,
  standardAvailable,
  standardObjectValidator,
  standardValidator,
} from './test/standard.js';

interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Record<string, unknown>[];
}

describeDb('HSDS API', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
  const page = async (url: string): Promise<Page> => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  let total = 0;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    const local = minimalService('amsterdam-only', {
      service_areas: [{ id: id('amsterdam-only:area'), uri: 'urn:samen:area:municipality:GM0363' }],
    });
    const files = [...fixtureFiles(), { name: 'local.json', content: JSON.stringify(local) }];
    const result = await t.services.directory.importHsds({ format: 'json', files }, { actorUserId: null });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    total = Number(
      (await sql<{ n: number }>`select count(*)::int8 as n from service`.execute(t.database.db)).rows[0]!.n,
    );
  });

  describe('GET /api/hsds/services', () => {
    it('pages through every service by name, 50 by default', async () => {
      const first = await page('/api/hsds/services');
      expect(first).toMatchObject({
        total_items: total,
        page_number: 1,
        size: 50,
        first_page: true,
        last_page: false,
        empty: false,
      });
      expect(first.total_pages).toBe(Math.ceil(total / 50));
      const seen: string[] = [];
      for (let n = 1; n <= Math.ceil(total / 25); n++) {
        const p = await page(`/api/hsds/services?page=${n}&per_page=25`);
        expect(p.page_number).toBe(n);
        expect(p.last_page).toBe(n === Math.ceil(total / 25));
        seen.push(...p.contents.map((s) => String(s.id)));
      }
      expect(new Set(seen).size).toBe(total);
      const names = first.contents.map((s) => String(s.name));
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl')));
      const beyond = await page(`/api/hsds/services?page=${Math.ceil(total / 25) + 1}&per_page=25`);
      expect(beyond).toMatchObject({ empty: true, size: 0, contents: [], last_page: true });
    });

    it('filters by taxonomy term, including the channels and the sample flag HSDS shows as attributes', async () => {
      const shelter = await page(`/api/hsds/services?taxonomy_term_id=${TERMS.shelter}&per_page=100`);
      const expected = await t.database.db
        .selectFrom('attribute')
        .select('link_id')
        .where('link_entity', '=', 'service')
        .where('taxonomy_term_id', '=', TERMS.shelter)
        .execute();
      expect(shelter.contents.map((s) => s.id).sort()).toEqual(expected.map((r) => r.link_id).sort());
      const whatsapp = await page(`/api/hsds/services?taxonomy_term_id=${TERMS.whatsapp}&per_page=100`);
      expect(whatsapp.contents.map((s) => s.id)).toEqual(
        expect.arrayContaining([id('service:main'), id('service:second')]),
      );
      const sample = await page(`/api/hsds/services?taxonomy_term_id=${TERMS.sample}&per_page=100`);
      // Everything but the minimal service without the sample attribute is sample data.
      expect(sample.total_items).toBe(total - 1);
      expect(sample.contents.map((s) => s.id)).not.toContain(id('service:amsterdam-only'));
    });

    it('gives only the active services covering a municipality', async () => {
      const amsterdam = await page('/api/hsds/services?municipality=GM0363&per_page=100');
      const expected = await sql<{ id: string }>`
        select distinct s.id from service s join service_area a on a.service_id = s.id
        where s.status = 'active' and ((a.area_type = 'country' and a.area_code = 'NL')
          or (a.area_type = 'police_unit' and a.area_code = 'PE-amsterdam')
          or (a.area_type = 'safety_region' and a.area_code = 'VR13')
          or (a.area_type = 'municipality' and a.area_code = 'GM0363'))`.execute(t.database.db);
      expect(amsterdam.contents.map((s) => s.id).sort()).toEqual(expected.rows.map((r) => r.id).sort());
      expect(amsterdam.contents.map((s) => s.id)).toEqual(
        expect.arrayContaining([id('service:main'), id('service:amsterdam-only')]),
      );
      const groningen = await page('/api/hsds/services?municipality=GM0014&per_page=100');
      expect(groningen.contents.map((s) => s.id)).toContain(id('service:main'));
      expect(groningen.contents.map((s) => s.id)).not.toContain(id('service:amsterdam-only'));
      const both = await page(`/api/hsds/services?municipality=GM0363&taxonomy_term_id=${TERMS.whatsapp}`);
      expect(both.contents.map((s) => s.id).sort()).toEqual(
        [id('service:main'), id('service:second')].sort(),
      );
    });

    it('sends the same page compressed when asked, with its own ETag, and a 304 for an unchanged copy', async () => {
      const url = '/api/hsds/services?municipality=GM0363&per_page=100';
      const plain = await get(url);
      for (const [encoding, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        // Twice: the second answer comes from the prepared bytes without building anything.
        for (let i = 0; i < 2; i++) {
          const res = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': encoding } });
          expect(res.headers['content-encoding']).toBe(encoding);
          expect(String(res.headers.vary)).toContain('Accept-Encoding');
          expect(res.headers.etag).not.toBe(plain.headers.etag);
          expect(JSON.parse(decode(res.rawPayload).toString())).toEqual(plain.json());
        }
      }
      const again = await t.app.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': String(plain.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
    });

    it('shows a change to the directory on the next request to a page it had prepared', async () => {
      const url = '/api/hsds/services?municipality=GM0363&per_page=100';
      const before = await page(url);
      const original = before.contents.find((s) => s.id === id('service:amsterdam-only'))!.name as string;
      const rename = (name: string) =>
        sql`update service set name = ${name} where id = ${id('service:amsterdam-only')}`.execute(
          t.database.db,
        );
      await rename('Renamed for the test');
      t.services.directory.invalidateCoverage();
      const after = await page(url);
      expect(after.contents.find((s) => s.id === id('service:amsterdam-only'))!.name).toBe(
        'Renamed for the test',
      );
      await rename(original);
      t.services.directory.invalidateCoverage();
      expect((await page(url)).contents.find((s) => s.id === id('service:amsterdam-only'))!.name).toBe(
        original,
      );
    });

    it.each([
      ['page=0', 'querystring.page'],
      ['per_page=101', 'querystring.per_page'],
      ['per_page=many', 'querystring.per_page'],
      ['taxonomy_term_id=shelter', 'querystring.taxonomy_term_id'],
      ['municipality=Amsterdam', 'querystring.municipality'],
      ['municipality=GM9999', 'municipality'],
      ['colour=red', 'querystring.colour'],
    ])('answers %s with a 400 naming the parameter', async (query, field) => {
      const res = await get(`/api/hsds/services?${query}`);
      expect(res.statusCode).toBe(400);
      // Problem details (RFC 9457) as everywhere under /api; the parameter keeps HSDS's own name.
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json<{ error: { code: string; fields: { field: string; message: string }[] } }>();
      expect(body.error.code).toBe('bad_request');
      expect(body.error.fields.map((f) => f.field)).toContain(field);
    });
  });

  describe('GET /api/hsds/services/{id}', () => {
    it('gives one service fully nested', async () => {
      const res = await get(`/api/hsds/services/${id('service:main')}`);
      expect(res.statusCode).toBe(200);
      const s = res.json<Record<string, unknown>>();
      expect(s).toMatchObject({ id: id('service:main'), organization: { id: expect.any(String) } });
      expect((s.phones as unknown[]).length).toBe(3);
      expect((s.service_areas as { uri: string }[]).map((a) => a.uri)).toContain(
        'urn:samen:area:municipality:GM0363',
      );
    });

    it('answers an unknown id with a JSON 404 and a malformed one with a 400', async () => {
      const missing = await get('/api/hsds/services/7a4b1d0e-9d1c-4c4e-8f60-2b1b6c0f4a11');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
      const malformed = await get('/api/hsds/services/not-a-uuid');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json<{ error: { fields: { field: string }[] } }>().error.fields[0]!.field).toBe(
        'params.id',
      );
    });
  });

  describe('organisations and taxonomy terms', () => {
    it('pages organisations', async () => {
      const orgs = await page('/api/hsds/organizations?per_page=5&page=2');
      const count = Number(
        (await sql<{ n: number }>`select count(*)::int8 as n from organization`.execute(t.database.db))
          .rows[0]!.n,
      );
      expect(orgs).toMatchObject({ total_items: count, page_number: 2, size: 5 });
      expect((await get('/api/hsds/organizations?per_page=0')).statusCode).toBe(400);
    });

    it('pages taxonomy terms, by taxonomy', async () => {
      const needs = await page('/api/hsds/taxonomy_terms?taxonomy=need&per_page=100');
      expect(needs.total_items).toBe(8);
      expect(needs.contents.every((term) => term.taxonomy === 'need')).toBe(true);
      expect((await get('/api/hsds/taxonomy_terms?taxonomy=Need!')).statusCode).toBe(400);
    });
  });

  describe.skipIf(!standardAvailable())('answers that validate against HSDS 3.1', () => {
    it('service pages, full services, organisations and terms', async () => {
      const check = (validate: ReturnType<typeof standardValidator>, value: unknown, what: string) => {
        const valid = validate(value);
        expect(valid ? [] : errorsOf(validate).map((e) => `${what}: ${e}`)).toEqual([]);
      };
      const list = await page('/api/hsds/services?per_page=100');
      check(pageValidator(), list, 'page');
      for (const s of list.contents) check(standardValidator('compiled/service_list.json'), s, String(s.id));
      const full = await page('/api/hsds/services?per_page=100&full=true');
      for (const s of full.contents)
        check(standardValidator('compiled/service_with_definitions.json'), s, String(s.id));
      const one = (await get(`/api/hsds/services/${id('service:main')}`)).json();
      check(standardValidator('compiled/service_with_definitions.json'), one, 'one');
      const orgs = await page('/api/hsds/organizations?per_page=100');
      for (const o of orgs.contents)
        check(standardValidator('compiled/organization_list.json'), o, String(o.id));
      const terms = await page('/api/hsds/taxonomy_terms?per_page=100');
      for (const term of terms.contents)
        check(standardObjectValidator('taxonomy_term'), term, String(term.id));
    });
  });

  it('documents every HSDS route in the OpenAPI description', async () => {
    const spec = (await get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, { tags?: string[] }>>;
    }>();
    for (const path of [
      '/api/hsds/services',
      '/api/hsds/services/{id}',
      '/api/hsds/organizations',
      '/api/hsds/taxonomy_terms',
    ]) {
      expect(spec.paths[path]?.get?.tags, path).toEqual(['hsds']);
    }
  });
});
