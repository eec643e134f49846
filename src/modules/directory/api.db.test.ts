import { gunzipSync } from 'node:zlib';
import { Value } from 'typebox/value';
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { CoverageResponse, ServiceDetail, ServicesPage, TaxonomyList } from './schemas.js';
import { areas, createOrganization, createSteward, draft, TERM } from './test/helpers.js';

interface ApiError {
  error: { code: string; message: string; fields?: { field: string; message: string }[] };
}

describeDb('directory API /api/v1', () => {
  const t = useTestApp();
  let serviceId: string;

  beforeAll(async () => {
    const steward = await createSteward(t.services);
    const org = await createOrganization(t.services, steward, 'CoMensha');
    const national = await t.services.directory.createService(
      draft(org, {
        name: 'Landelijk meldpunt',
        schedules: [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '23:59' }],
        taxonomy_term_ids: [TERM.reportingPoint, TERM.sexual],
      }),
      steward.actor,
    );
    serviceId = national.id;
    await t.services.directory.verifyService(national.id, steward.actor);
    await t.services.directory.createService(
      draft(org, {
        name: 'Veilig Thuis Amsterdam-Amstelland',
        service_areas: areas(['safety_region', 'VR13']),
        taxonomy_term_ids: [TERM.victim],
      }),
      steward.actor,
    );
    await t.services.directory.createService(
      draft(org, { name: 'Groningen', service_areas: areas(['municipality', 'GM0014']) }),
      steward.actor,
    );
  });

  const get = (url: string, language = 'nl') =>
    t.app.inject({ method: 'GET', url, headers: { 'accept-language': language } });

  it('lists and searches municipalities', async () => {
    const all = await get('/api/v1/municipalities');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toHaveLength(342);
    const found = (await get('/api/v1/municipalities?q=amster')).json<
      { code: string; safety_region: { code: string }; police_unit: { code: string } }[]
    >();
    expect(found[0]).toMatchObject({
      code: 'GM0363',
      safety_region: { code: 'VR13' },
      police_unit: { code: 'PE-amsterdam' },
    });
    expect((await get('/api/v1/municipalities?q=GM0014')).json()).toHaveLength(1);
  });

  it('answers which services cover a municipality, with an ETag', async () => {
    const response = await get('/api/v1/municipalities/GM0363/services');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json<CoverageResponse>();
    expect(Value.Check(CoverageResponse, body)).toBe(true);
    expect(body.municipality.name).toBe('Amsterdam');
    expect(body.services.map((s) => s.name)).toEqual([
      'Landelijk meldpunt',
      'Veilig Thuis Amsterdam-Amstelland',
    ]);
    const national = body.services[0]!;
    expect(national).toMatchObject({
      covers_via: 'country',
      open_24_7: true,
      stale: false,
      organization: { name: 'CoMensha' },
    });
    expect(body.services[1]!.covers_via).toBe('safety_region');
    expect(national.terms).toEqual({ desk_type: ['reporting_point'], exploitation_form: ['sexual'] });
    expect(body.services[1]!.stale).toBe(true);
    const gzipped = await t.app.inject({
      method: 'GET',
      url: '/api/v1/municipalities/GM0363/services',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(String(gzipped.headers.vary)).toContain('Accept-Encoding');
    expect(JSON.parse(gunzipSync(gzipped.rawPayload).toString())).toEqual(body);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/v1/municipalities/GM0363/services',
      headers: { 'if-none-match': String(response.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('searches services with filters and paging', async () => {
    const page = (await get('/api/v1/services?municipality=GM0014&per_page=1')).json<ServicesPage>();
    expect(Value.Check(ServicesPage, page)).toBe(true);
    expect(page).toMatchObject({ total: 2, page: 1, per_page: 1 });
    const byTerm = (await get(`/api/v1/services?taxonomy_term_id=${TERM.victim}`)).json<ServicesPage>();
    expect(byTerm.items.map((s) => s.name)).toEqual(['Veilig Thuis Amsterdam-Amstelland']);
    // The lowerCamelCase names (API 1.1.0) give the same answers as the deprecated snake_case ones.
    const camel = await get(`/api/v1/services?taxonomyTermId=${TERM.victim}&perPage=1`);
    expect(camel.headers.deprecation).toBeUndefined();
    expect(camel.json<ServicesPage>().items.map((s) => s.name)).toEqual([
      'Veilig Thuis Amsterdam-Amstelland',
    ]);
    const snake = await get('/api/v1/services?municipality=GM0014&per_page=1');
    expect(snake.headers.deprecation).toBe('@1796515200');
    expect(snake.json<ServicesPage>()).toEqual(
      (await get('/api/v1/services?municipality=GM0014&perPage=1')).json(),
    );
    const stale = (await get('/api/v1/services?stale=true')).json<ServicesPage>();
    expect(stale.items.map((s) => s.name).sort()).toEqual(['Groningen', 'Veilig Thuis Amsterdam-Amstelland']);
    const q = (await get('/api/v1/services?q=meldpunt')).json<ServicesPage>();
    expect(q.items.map((s) => s.name)).toEqual(['Landelijk meldpunt']);
  });

  it('gives one service in full, and the taxonomies', async () => {
    const response = await get(`/api/v1/services/${serviceId}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json<ServiceDetail>();
    expect(Value.Check(ServiceDetail, detail)).toBe(true);
    expect(detail).toMatchObject({ id: serviceId, name: 'Landelijk meldpunt', version: 2 });
    expect(detail.taxonomy_terms.map((x) => [x.taxonomy, x.code, x.name_en]).sort()).toEqual([
      ['desk_type', 'reporting_point', 'Reporting point'],
      ['exploitation_form', 'sexual', 'Sexual exploitation'],
    ]);
    const taxonomies = (await get('/api/v1/taxonomies')).json<TaxonomyList>();
    expect(Value.Check(TaxonomyList, taxonomies)).toBe(true);
    expect(taxonomies.find((x) => x.code === 'desk_type')!.terms.map((term) => term.code)).toContain(
      'reporting_point',
    );
  });

  const badInput: [string, string, string][] = [
    ['/api/v1/municipalities/GM9999/services', 'municipality', 'er bestaat geen gemeente met code GM9999'],
    ['/api/v1/municipalities/amsterdam/services', 'params.code', 'heeft niet de juiste vorm'],
    [`/api/v1/municipalities?q=${'x'.repeat(101)}`, 'querystring.q', 'mag hoogstens 100 tekens lang zijn'],
    ['/api/v1/municipalities?foo=1', 'querystring.foo', ''],
    ['/api/v1/services?perPage=101', 'querystring.perPage', ''],
    // The earlier snake_case name (deprecated alias) is checked as the parameter it stands for.
    ['/api/v1/services?per_page=101', 'querystring.perPage', ''],
    ['/api/v1/services?perPage=5&per_page=5', 'querystring.per_page', ''],
    ['/api/v1/services?page=abc', 'querystring.page', ''],
    ['/api/v1/services?page=0', 'querystring.page', ''],
    ['/api/v1/services?stale=maybe', 'querystring.stale', ''],
    ['/api/v1/services?taxonomyTermId=nope', 'querystring.taxonomyTermId.0', ''],
    ['/api/v1/services?taxonomy_term_id=nope', 'querystring.taxonomyTermId.0', ''],
    ['/api/v1/services?municipality=GM9999', 'municipality', ''],
    ['/api/v1/services?municipality=Amsterdam', 'querystring.municipality', ''],
    ['/api/v1/services?status=open', 'querystring.status.0', ''],
    ['/api/v1/services/not-a-uuid', 'params.id', ''],
    ['/api/v1/taxonomies?x=1', 'querystring.x', ''],
  ];

  it.each(badInput)('answers bad input %s with a 400 naming %s', async (url, field, dutch) => {
    for (const language of ['nl', 'en']) {
      const response = await get(url, language);
      expect(response.statusCode, `${url} (${language})`).toBe(400);
      const body = response.json<ApiError>();
      expect(body.error.code).toBe('bad_request');
      expect(body.error.fields?.map((f) => f.field)).toContain(field);
      expect(
        body.error.fields?.every(
          (f) =>
            f.message.length > 0 && !f.message.startsWith('errors.') && !f.message.startsWith('directory.'),
        ),
      ).toBe(true);
      if (dutch && language === 'nl')
        expect(body.error.fields?.find((f) => f.field === field)?.message).toBe(dutch);
    }
  });

  it('explains a bad request in the language of Accept-Language', async () => {
    const nl = (await get('/api/v1/municipalities/GM9999/services', 'nl')).json<ApiError>();
    const en = (await get('/api/v1/municipalities/GM9999/services', 'en-GB,en;q=0.9')).json<ApiError>();
    expect(nl.error.fields![0]!.message).toBe('er bestaat geen gemeente met code GM9999');
    expect(en.error.fields![0]!.message).toBe('there is no municipality with code GM9999');
    const perPage = (await get('/api/v1/services?per_page=101', 'en')).json<ApiError>();
    expect(perPage.error.fields![0]!.message).toBe('must be at most 100');
  });

  it('answers an unknown service with a 404 in JSON', async () => {
    const response = await get('/api/v1/services/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
    expect(response.json<ApiError>().error.code).toBe('not_found');
  });

  it('documents every route in OpenAPI with a summary, description and the directory tag', async () => {
    const spec = (await get('/api/openapi.json')).json<{
      paths: Record<
        string,
        Record<
          string,
          { tags?: string[]; summary?: string; description?: string; responses?: Record<string, unknown> }
        >
      >;
    }>();
    const paths = [
      '/api/v1/municipalities',
      '/api/v1/municipalities/{code}/services',
      '/api/v1/services',
      '/api/v1/services/{id}',
      '/api/v1/taxonomies',
    ];
    for (const path of paths) {
      const op = spec.paths[path]?.get;
      expect(op, path).toBeDefined();
      expect(op!.tags).toEqual(['directory']);
      expect(op!.summary).toBeTruthy();
      expect(op!.description).toBeTruthy();
      expect(Object.keys(op!.responses ?? {})).toContain('200');
    }
    expect(Object.keys(spec.paths).some((p) => p.startsWith('/steward') || p.startsWith('/directory'))).toBe(
      false,
    );
  });
});
