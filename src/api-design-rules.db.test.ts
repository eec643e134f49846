// The NL GOV API Design Rules as behaviour, not just as documentation: every route under /api/v1 answers bad input
// with problem details (RFC 9457) naming each invalid parameter in the caller's language, every answer under
// /api/v1 carries API-Version, and the API's own OpenAPI document has the versioned server URL of the configured
// origin. (That document passing Logius's linter is checked by scripts/check-api-design-rules.mjs in `npm run lint`.)
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../test/app.js';
import { describeDb } from '../test/db-suite.js';
import { createOrganization, createSteward, draft } from './modules/directory/test/helpers.js';
import { API_V1 } from './platform/http/api-version.js';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  invalidParams?: { name: string; in?: string; reason: string }[];
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

const ORIGIN = 'https://samen.example.nl';

describeDb('the API under /api/v1 follows the API Design Rules', () => {
  const t = useTestApp({
    config: {
      publicOrigin: ORIGIN,
      apiContact: { name: 'Team Samen', email: 'api@samen.example.nl', url: '' },
    },
  });
  let serviceId: string;

  beforeAll(async () => {
    const steward = await createSteward(t.services);
    const org = await createOrganization(t.services, steward, 'CoMensha');
    serviceId = (
      await t.services.directory.createService(draft(org, { name: 'Landelijk meldpunt' }), steward.actor)
    ).id;
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'nl', ...headers } });

  function expectProblem(res: Awaited<ReturnType<typeof get>>, status: number, path: string): Problem {
    expect(res.statusCode, path).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['api-version']).toBe(API_V1.version);
    const body = res.json<Problem>();
    expect(body.status).toBe(status);
    expect(body.instance).toBe(path);
    expect(body.type).toBe(`${ORIGIN}/api/docs#problem-${body.code}`);
    for (const member of [body.title, body.detail]) {
      expect(member.length).toBeGreaterThan(0);
      expect(member).not.toMatch(/^(errors|directory|guide|stats)\./);
    }
    // The deprecated earlier form says the same.
    expect(body.error.code).toBe(body.code);
    return body;
  }

  // [url, status, invalid parameter (name, in) or null]
  const badInput: [string, number, [string, string] | null][] = [
    [`/api/v1/municipalities?q=${'x'.repeat(101)}`, 400, ['q', 'query']],
    ['/api/v1/municipalities?colour=red', 400, ['colour', 'query']],
    ['/api/v1/municipalities/amsterdam/services', 400, ['code', 'path']],
    ['/api/v1/municipalities/GM9999/services', 400, ['municipality', '']],
    ['/api/v1/services?perPage=101', 400, ['perPage', 'query']],
    ['/api/v1/services?taxonomyTermId=nope', 400, ['taxonomyTermId.0', 'query']],
    ['/api/v1/services?stale=maybe', 400, ['stale', 'query']],
    ['/api/v1/services/not-a-uuid', 400, ['id', 'path']],
    ['/api/v1/services/00000000-0000-4000-8000-000000000000', 404, null],
    ['/api/v1/taxonomies?x=1', 400, ['x', 'query']],
    ['/api/v1/guide/advice?audience=alien', 400, ['audience', 'query']],
    ['/api/v1/guide/advice?lang=xx', 400, ['lang', 'query']],
    ['/api/v1/stats/datasets/Not%20A%20Name/table?dims=gender', 400, ['name', 'path']],
    ['/api/v1/stats/datasets/ctdc-vp/table', 400, ['dims', 'query']],
    ['/api/v1/stats/datasets/no-such-set/table?dims=gender', 404, null],
    ['/api/v1/stats/datasets/ctdc-vp/releases/not-a-uuid/aggregates.csv', 400, ['id', 'path']],
    ['/api/v1/stats/datasets/ctdc-vp/releases/not-a-uuid/synthetic.csv?layout=x', 400, ['id', 'path']],
    [
      '/api/v1/stats/datasets/ctdc-vp/releases/00000000-0000-4000-8000-000000000000/synthetic.csv?layout=x',
      400,
      ['layout', 'query'],
    ],
    ['/api/v1/no-such-route', 404, null],
  ];

  it.each(badInput)(
    'answers %s with a %i as problem details naming the parameter',
    async (url, status, param) => {
      const path = url.split('?')[0]!;
      for (const language of ['nl', 'en']) {
        const res = await get(url, { 'accept-language': language });
        const body = expectProblem(res, status, path);
        expect(res.headers['content-language']).toBe(language);
        if (param === null) {
          expect(body.invalidParams).toBeUndefined();
          continue;
        }
        const [name, where] = param;
        const entry = body.invalidParams?.find((p) => p.name === name);
        expect(entry, `${url}: ${JSON.stringify(body.invalidParams)}`).toBeDefined();
        expect(entry!.in ?? '').toBe(where);
        expect(entry!.reason).not.toMatch(/^(errors|directory|guide|stats)\./);
        // The detail names every invalid parameter too, for a reader who only shows `detail`.
        for (const p of body.invalidParams!) expect(body.detail).toContain(p.name);
      }
    },
  );

  it('says what is wrong in the language of Accept-Language', async () => {
    const nl = (await get('/api/v1/services?perPage=101', { 'accept-language': 'nl' })).json<Problem>();
    const en = (await get('/api/v1/services?perPage=101', { 'accept-language': 'en' })).json<Problem>();
    expect(en.title).toBe('Something in what you sent is not right');
    expect(en.invalidParams).toEqual([{ name: 'perPage', in: 'query', reason: 'must be at most 100' }]);
    expect(en.detail).toBe('Something in what you sent is not right: perPage must be at most 100.');
    expect(nl.invalidParams![0]!.reason).not.toBe(en.invalidParams![0]!.reason);
  });

  it('answers the wegwijzer API in the language asked for with lang, which its answers also use', async () => {
    const res = await get('/api/v1/guide/advice?audience=alien&lang=fr', { 'accept-language': 'en' });
    const body = expectProblem(res, 400, '/api/v1/guide/advice');
    expect(res.headers['content-language']).toBe('fr');
    expect(body.invalidParams![0]!.reason).toContain('n’est pas une valeur connue');
  });

  it('never repeats the query (someone’s answers) in the problem', async () => {
    const res = await get('/api/v1/guide/advice?audience=alien&form=sexual&minor=yes');
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('sexual');
    expect(res.json<Problem>().instance).toBe('/api/v1/guide/advice');
  });

  it('answers a request over the rate limit with problem details too', async () => {
    // The limit counts per client address: this one is used by no other test.
    const url = '/api/v1/services/not-a-uuid';
    let res = await t.app.inject({ url, remoteAddress: '203.0.113.7' });
    for (let i = 0; i < 700 && res.statusCode !== 429; i++)
      res = await t.app.inject({ url, remoteAddress: '203.0.113.7' });
    expectProblem(res, 429, url);
  });

  it('sends the full API version on every successful answer under /api/v1, and on a 304', async () => {
    for (const url of [
      '/api/v1/municipalities?q=amster',
      '/api/v1/municipalities/GM0363/services',
      '/api/v1/services?perPage=1',
      `/api/v1/services/${serviceId}`,
      '/api/v1/taxonomies',
      '/api/v1/guide/advice?audience=self',
      '/api/v1/stats/datasets',
      '/api/v1/openapi.json',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['api-version'], url).toBe(API_V1.version);
      expect(API_V1.version).toMatch(/^\d+\.\d+\.\d+$/);
    }
    const first = await get('/api/v1/municipalities/GM0363/services');
    const again = await get('/api/v1/municipalities/GM0363/services', {
      'if-none-match': String(first.headers.etag),
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers['api-version']).toBe(API_V1.version);
    // Partner sites may read it from the browser.
    expect(String(first.headers['access-control-expose-headers'])).toContain('api-version');
    // The HSDS API is versioned by HSDS, not by this header.
    expect((await get('/api/hsds/services')).headers['api-version']).toBeUndefined();
    expect((await get('/api/v1x')).headers['api-version']).toBeUndefined();
  });

  it('keeps the earlier snake_case query keys working, marked deprecated', async () => {
    const snake = await get('/api/v1/services?per_page=1');
    expect(snake.statusCode).toBe(200);
    expect(snake.headers.deprecation).toMatch(/^@\d+$/);
    expect(snake.json()).toEqual((await get('/api/v1/services?perPage=1')).json());
    // Both names at once: the old one is refused rather than one of the two silently chosen.
    const both = await get('/api/v1/services?perPage=1&per_page=50');
    expect(both.json<Problem>().invalidParams).toEqual([
      expect.objectContaining({ name: 'per_page', in: 'query' }),
    ]);
  });

  describe('the OpenAPI document of /api/v1', () => {
    interface Doc {
      info: { version: string; contact: Record<string, string> };
      servers: { url: string }[];
      paths: Record<
        string,
        Record<string, { responses: Record<string, { headers?: object; content?: Record<string, object> }> }>
      >;
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    }

    it('has its own versioned https server URL from the configured origin, its version and contact', async () => {
      const doc = (await get('/api/v1/openapi.json')).json<Doc>();
      expect(doc.servers).toEqual([{ url: `${ORIGIN}/api/v1`, description: expect.any(String) }]);
      expect(doc.info.version).toBe(API_V1.version);
      expect(doc.info.contact).toEqual({
        name: 'Team Samen',
        email: 'api@samen.example.nl',
        url: `${ORIGIN}/api/docs`,
      });
      expect(Object.keys(doc.paths).sort()).toEqual([
        '/guide/advice',
        '/municipalities',
        '/municipalities/{code}/services',
        '/services',
        '/services/{id}',
        '/stats/datasets',
        '/stats/datasets/{name}/releases/{id}/aggregates.csv',
        '/stats/datasets/{name}/releases/{id}/synthetic.csv',
        '/stats/datasets/{name}/table',
        '/taxonomies',
      ]);
    });

    it('documents problem details for every error and API-Version on every success', async () => {
      const doc = (await get('/api/v1/openapi.json')).json<Doc>();
      expect(Object.keys(doc.components.schemas.Problem!.properties)).toEqual(
        expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'invalidParams']),
      );
      let errors = 0;
      for (const [path, operations] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(operations))
          for (const [status, response] of Object.entries(op.responses)) {
            const where = `${method} ${path} ${status}`;
            if (status.startsWith('2')) expect(response.headers, where).toHaveProperty('API-Version');
            if (/^[45]/.test(status)) {
              errors++;
              expect(Object.keys(response.content ?? {}), where).toEqual(['application/problem+json']);
            }
          }
      expect(errors).toBeGreaterThanOrEqual(24);
    });

    it('names its query keys in lowerCamelCase', async () => {
      const doc = (await get('/api/v1/openapi.json')).json<{
        paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
      }>();
      const names = Object.values(doc.paths).flatMap((ops) =>
        Object.values(ops).flatMap((op) =>
          (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        ),
      );
      expect(names).toContain('perPage');
      for (const name of names) expect(name).toMatch(/^[a-z][a-z\d]*([A-Z][a-z\d]*)*$/);
    });
  });
});
