// The contract: Open Referral's own API description for HSDS 3.1 (../shared/standards/hsds-3.1/openapi.json) drives
// the real app. Every path it defines answers under /api/hsds; every parameter it defines for a path is accepted
// and does what it says; every answer validates against the description's own schemas (its Page, the compiled
// list schemas, the object schemas); its write operations answer 405. The paths and parameters are read from the
// description, so a path or parameter the app drops fails here. Without ../shared the test skips with a message
// (fails in CI).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import { createSteward } from '../test/helpers.js';
import { fixtureFiles, id } from './test/fixtures.js';
import {
  errorsOf,
  mergePatch,
  pageValidator,
  profiledObjectValidator,
  STANDARD_DIR,
  standardAvailable,
  standardObjectValidator,
  standardValidator,
} from './test/standard.js';

type Json = Record<string, unknown>;
interface Page {
  total_items: number;
  total_pages: number;
  size: number;
  contents: Json[];
}
interface Parameter {
  name?: string;
  $ref?: string;
  in?: string;
}
interface Description {
  paths: Record<string, Record<string, { parameters?: Parameter[] } | Parameter[]>>;
  components: { parameters: Record<string, Parameter> };
}

const available = standardAvailable();

describeDb('HSDS 3.1 API contract (Open Referral’s openapi.json)', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });
  let description: Description;
  /** Real ids to put in parameters and paths. */
  const ids: Record<string, string> = {};

  const validatorFor = (apiPath: string) => {
    switch (apiPath) {
      case '/services':
        return standardValidator('compiled/service_list.json');
      case '/organizations':
        return standardValidator('compiled/organization_list.json');
      case '/service_at_locations':
        return standardValidator('compiled/service_at_location_list.json');
      case '/taxonomies':
      case '/taxonomies/{id}':
        return standardObjectValidator('taxonomy');
      case '/taxonomy_terms':
      case '/taxonomy_terms/{id}':
        return standardObjectValidator('taxonomy_term');
      case '/services/{id}':
        return standardValidator('compiled/service_with_definitions.json');
      case '/organizations/{id}':
        return standardObjectValidator('organization');
      case '/service_at_locations/{id}':
        return standardObjectValidator('service_at_location');
      default:
        return undefined;
    }
  };
  const check = (validate: ReturnType<typeof standardValidator>, value: unknown, what: string) => {
    const valid = validate(value);
    expect(valid ? [] : errorsOf(validate).map((e) => `${what}: ${e}`)).toEqual([]);
  };

  /** A value that exercises the parameter (a real id, a date before every record, a flag set). */
  const valueFor = (name: string): string => {
    switch (name) {
      case 'search':
        return 'slachtoffers';
      case 'page':
        return '1';
      case 'per_page':
        return '7';
      case 'format':
        return 'json';
      case 'minimal':
      case 'full':
      case 'full_service':
      case 'top_only':
        return 'true';
      case 'modified_after':
        return '2000-01-01T00:00:00Z';
      case 'postcode':
        return '1012 AB';
      case 'taxonomy_term_id':
      case 'taxonomy_id':
      case 'organization_id':
      case 'parent_id':
        return ids[name]!;
      default:
        throw new Error(`the description has a parameter this test does not know: ${name}`);
    }
  };

  const parametersOf = (apiPath: string): string[] => {
    const item = description.paths[apiPath]!;
    const get = item.get as { parameters?: Parameter[] };
    return [...((item.parameters as Parameter[] | undefined) ?? []), ...(get.parameters ?? [])]
      .map((p) => (p.$ref ? description.components.parameters[p.$ref.split('/').pop()!]! : p))
      .filter((p) => p.in === 'query')
      .map((p) => p.name!);
  };

  beforeAll(async () => {
    if (!available) return;
    description = JSON.parse(readFileSync(path.join(STANDARD_DIR, 'openapi.json'), 'utf8')) as Description;
    await t.services.directory.loadSampleDirectory();
    const result = await t.services.directory.importHsds(
      { format: 'json', files: fixtureFiles() },
      { actorUserId: null },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const terms = (await (await get('/api/hsds/taxonomy_terms?per_page=100')).json()) as Page;
    const child = terms.contents.find((x) => x.parent_id);
    const anyTerm = (await (await get('/api/hsds/taxonomy_terms?taxonomy=need')).json()) as Page;
    ids.taxonomy_term_id = String(anyTerm.contents[0]!.id);
    ids.taxonomy_id = String(anyTerm.contents[0]!.taxonomy_id);
    ids.parent_id = String(child?.parent_id ?? anyTerm.contents[0]!.id);
    ids.organization_id = String(
      ((await (await get(`/api/hsds/services/${id('service:main')}`)).json()) as Json).organization_id,
    );
    const sal = (await (await get('/api/hsds/service_at_locations?per_page=1')).json()) as Page;
    ids.service_at_location = String(sal.contents[0]?.id ?? '');
  });

  describe.skipIf(!available)('every path and parameter', () => {
    it('answers every GET path of the description, and each answer validates against its schemas', async () => {
      const concrete: Record<string, string> = {
        '/services/{id}': id('service:main'),
        '/organizations/{id}': ids.organization_id!,
        '/taxonomies/{id}': ids.taxonomy_id!,
        '/taxonomy_terms/{id}': ids.taxonomy_term_id!,
        '/service_at_locations/{id}': ids.service_at_location!,
      };
      const paths = Object.keys(description.paths).filter((p) => description.paths[p]!.get);
      expect(paths.length).toBe(11);
      for (const apiPath of paths) {
        const url = `/api/hsds${apiPath === '/' ? '' : apiPath.replace('{id}', concrete[apiPath] ?? 'x')}`;
        const res = await get(url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        const body = res.json<Json>();
        if (apiPath === '/') {
          expect(body).toMatchObject({
            version: '3.1',
            profile: expect.any(String),
            openapi_url: expect.any(String),
          });
          continue;
        }
        const validate = validatorFor(apiPath)!;
        if (apiPath.endsWith('{id}')) {
          check(validate, body, url);
        } else {
          check(pageValidator(), body, `${url} page`);
          expect((body as unknown as Page).size, url).toBeGreaterThan(0);
          for (const item of (body as unknown as Page).contents)
            check(validate, item, `${url} ${String(item.id)}`);
        }
      }
    });

    it('accepts every query parameter the description defines for a path, with answers that still validate', async () => {
      for (const apiPath of Object.keys(description.paths).filter((p) => !p.includes('{') && p !== '/')) {
        for (const name of parametersOf(apiPath)) {
          if (name === 'proximity') continue; // not offered: its own test below
          const url = `/api/hsds${apiPath}?${name}=${encodeURIComponent(valueFor(name))}`;
          const res = await get(url);
          expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
          const body = res.json<Page>();
          check(pageValidator(), body, url);
          if (name === 'minimal') {
            for (const item of body.contents)
              expect(Object.keys(item).sort(), url).toEqual(['id', 'last_modified']);
            continue;
          }
          const validate = validatorFor(apiPath)!;
          for (const item of body.contents) check(validate, item, `${url} ${String(item.id)}`);
        }
      }
      for (const apiPath of ['/organizations/{id}']) {
        for (const name of parametersOf(apiPath)) {
          const res = await get(`/api/hsds/organizations/${ids.organization_id}?${name}=${valueFor(name)}`);
          expect(res.statusCode, res.body).toBe(200);
          check(validatorFor(apiPath)!, res.json(), `organization ${name}`);
        }
      }
    });

    it('answers the description’s write operations with 405 and Allow: GET', async () => {
      const writes = Object.entries(description.paths).filter(([, item]) => item.post);
      expect(writes.length).toBeGreaterThan(0);
      for (const [apiPath] of writes) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/hsds${apiPath}`,
          headers: { 'content-type': 'application/json', 'accept-language': 'en' },
          payload: '{}',
        });
        expect(res.statusCode, `${apiPath}: ${res.body}`).toBe(405);
        expect(res.headers.allow).toContain('GET');
        expect(res.body).toContain('read-only');
      }
    });
  });

  describe.skipIf(!available)('what the parameters do', () => {
    it('filters by taxonomy: every service listed carries a term of it, and none carrying one is left out', async () => {
      const lines = async (url: string) =>
        (await get(url)).body
          .trimEnd()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Json);
      const all = await lines('/api/hsds/services?format=ndjson&full=true');
      const taxonomies = ((await (await get('/api/hsds/taxonomies?per_page=100')).json()) as Page).contents;
      expect(taxonomies.length).toBeGreaterThan(1);
      let partial = 0;
      for (const taxonomy of taxonomies) {
        const listed = await lines(
          `/api/hsds/services?format=ndjson&full=true&taxonomy_id=${String(taxonomy.id)}`,
        );
        // A term reaches a service as its own attribute, or (contact channels) as an attribute of a phone or web
        // address of it.
        type Attributed = { attributes?: { taxonomy_term?: { taxonomy_id?: string } }[] };
        const carries = (s: Json) =>
          [
            s as Attributed,
            ...((s.phones as Attributed[]) ?? []),
            ...((s.additional_urls as Attributed[]) ?? []),
          ]
            .flatMap((x) => x.attributes ?? [])
            .some((a) => a.taxonomy_term?.taxonomy_id === taxonomy.id);
        const name = String(taxonomy.name);
        expect(listed.every(carries), name).toBe(true);
        expect(
          all
            .filter(carries)
            .map((s) => s.id)
            .sort(),
          name,
        ).toEqual(listed.map((s) => s.id).sort());
        if (listed.length > 0 && listed.length < all.length) partial++;
      }
      // The filter is not trivially "everything" or "nothing" for every taxonomy.
      expect(partial).toBeGreaterThan(0);
    });

    it('follows the feed with modified_after: on or after the moment, never before, and a date that does not exist is a 400', async () => {
      const minimal = (await (await get('/api/hsds/services?minimal=true&per_page=10000')).json()) as Page;
      expect(minimal.size).toBe(minimal.total_items);
      const moments = minimal.contents.map((x) => String(x.last_modified)).sort();
      const newest = moments.at(-1)!;
      const since = (await (
        await get(
          `/api/hsds/services?minimal=true&per_page=10000&modified_after=${encodeURIComponent(newest)}`,
        )
      ).json()) as Page;
      expect(since.total_items).toBe(moments.filter((m) => m >= newest).length);
      expect(since.contents.every((x) => String(x.last_modified) >= newest)).toBe(true);
      const future = (await (await get('/api/hsds/services?modified_after=2999-01-01')).json()) as Page;
      expect(future.total_items).toBe(0);
      for (const bad of ['2026-02-30', 'yesterday', '2026-13-01T00:00:00Z']) {
        const res = await get(`/api/hsds/services?modified_after=${bad}`);
        expect(res.statusCode, bad).toBe(400);
        expect(res.body).toContain('modified_after');
      }
    });

    it('gives every match as NDJSON with format=ndjson, one record a line, the same records as the pages', async () => {
      const paged = (await (await get('/api/hsds/services?per_page=100')).json()) as Page;
      const res = await get('/api/hsds/services?format=ndjson');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/x-ndjson');
      const lines = res.body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Json);
      expect(lines.length).toBe(paged.total_items);
      for (const item of lines) check(standardValidator('compiled/service_list.json'), item, String(item.id));
      const orgs = await get('/api/hsds/organizations?format=ndjson');
      expect(orgs.body.trimEnd().split('\n').length).toBe(
        ((await (await get('/api/hsds/organizations')).json()) as Page).total_items,
      );
    });

    it('lists services at locations by postcode coverage, refuses an unknown postcode and proximity with a 400 naming it', async () => {
      const amsterdam = (await (
        await get('/api/hsds/service_at_locations?postcode=1012&per_page=100')
      ).json()) as Page;
      expect(amsterdam.total_items).toBeGreaterThan(0);
      for (const [query, field] of [
        ['postcode=0000', 'postcode'],
        ['postcode=Amsterdam', 'postcode'],
        ['postcode=1012&proximity=500', 'proximity'],
      ] as const) {
        const res = await get(`/api/hsds/service_at_locations?${query}`);
        expect(res.statusCode, query).toBe(400);
        expect(res.body).toContain(field);
      }
    });

    it('nests an organisation’s services as ids and names, fully with full_service, and answers an unknown one 404', async () => {
      const plain = (await (await get(`/api/hsds/organizations/${ids.organization_id}`)).json()) as Json;
      const services = plain.services as Json[];
      expect(services.length).toBeGreaterThan(0);
      expect(services.every((s) => !('phones' in s))).toBe(true);
      const nested = (await (
        await get(`/api/hsds/organizations/${ids.organization_id}?full_service=true`)
      ).json()) as Json;
      expect((nested.services as Json[]).every((s) => Array.isArray(s.phones))).toBe(true);
      expect((await get('/api/hsds/organizations/7a4b1d0e-9d1c-4c4e-8f60-2b1b6c0f4a11')).statusCode).toBe(
        404,
      );
      expect((await get('/api/hsds/taxonomy_terms/7a4b1d0e-9d1c-4c4e-8f60-2b1b6c0f4a11')).statusCode).toBe(
        404,
      );
      expect(
        (await get('/api/hsds/service_at_locations/7a4b1d0e-9d1c-4c4e-8f60-2b1b6c0f4a11')).statusCode,
      ).toBe(404);
    });

    it('shows a follower what changed since its last read: an edit and a retirement, with the retirement as status defunct', async () => {
      const before = (await (await get('/api/hsds/services?minimal=true&per_page=10000')).json()) as Page;
      const newest = before.contents
        .map((x) => String(x.last_modified))
        .sort()
        .at(-1)!;
      t.clock.advance(60_000);
      const steward = await createSteward(t.services);
      const [first, second] = before.contents.map((x) => String(x.id));
      await t.services.directory.retireService(first!, 'Bestaat niet meer', steward.actor);
      await t.services.directory.verifyService(second!, steward.actor);
      const after = (await (
        await get(`/api/hsds/services?per_page=100&modified_after=${encodeURIComponent(newest)}`)
      ).json()) as Page;
      const changed = new Map(after.contents.map((x) => [String(x.id), x]));
      expect(changed.get(first!)).toMatchObject({ status: 'defunct' });
      expect(String(changed.get(first!)!.last_modified) > newest).toBe(true);
      expect(changed.has(second!)).toBe(true);
      // The retired service stays readable by id: a follower can tell "retired" from "never existed".
      expect((await get(`/api/hsds/services/${first}`)).json()).toMatchObject({ status: 'defunct' });
    });

    it('answers an unchanged list with 304 to If-None-Match, on every list path', async () => {
      for (const apiPath of Object.keys(description.paths).filter((p) => !p.includes('{'))) {
        const url = `/api/hsds${apiPath === '/' ? '' : apiPath}`;
        const first = await get(url);
        const etag = first.headers.etag;
        expect(etag, url).toBeTruthy();
        const again = await t.app.inject({
          method: 'GET',
          url,
          headers: { 'accept-language': 'en', 'if-none-match': String(etag) },
        });
        expect(again.statusCode, url).toBe(304);
      }
    });

    it('names its publisher, the data licence and its profile on /, and every answer holds to the profile’s patches', async () => {
      const about = (await (await get('/api/hsds')).json()) as Json;
      expect(about).toMatchObject({
        publisher: { name: expect.any(String) },
        licence: expect.stringMatching(/^https:\/\//),
      });
      const profileUrl = new URL(String(about.profile));
      const profile = (await (await get(profileUrl.pathname)).json()) as {
        patches: Record<string, string>;
        taxonomies: { id: string; terms_url: string }[];
      };
      expect(profile.taxonomies.length).toBeGreaterThan(1);
      const patches: Record<string, unknown> = {};
      for (const [name, url] of Object.entries(profile.patches)) {
        const res = await get(new URL(url).pathname);
        expect(res.statusCode, url).toBe(200);
        patches[name] = res.json();
        // A patch is a patch of something: the object exists in the standard and the result is still a schema.
        expect(mergePatch(standardObjectValidator(name).schema, patches[name]), name).toHaveProperty(
          'properties',
        );
      }
      expect(Object.keys(patches)).toEqual(
        expect.arrayContaining(['service', 'service_area', 'organization']),
      );
      const services = (await get('/api/hsds/services?format=ndjson&full=true')).body
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Json);
      for (const service of services) {
        check(profiledObjectValidator('service', patches), service, `profile: ${String(service.id)}`);
        // Every record says where it came from (the fixtures and the sample data were imported from files).
        expect(service, String(service.id)).toMatchObject({
          source_type: 'file',
          source_name: expect.any(String),
        });
      }
      // The provenance the profile documents is checked, not decoration: an unknown kind of source fails it.
      const profiled = profiledObjectValidator('service', patches);
      expect(profiled({ ...services[0], source_type: 'rumour' })).toBe(false);
      const org = (await (
        await get(`/api/hsds/organizations/${ids.organization_id}?full_service=true`)
      ).json()) as Json;
      check(profiledObjectValidator('organization', patches), org, 'profile: organization');
      // The profile's coverage pattern is not a formality: a foreign area URI fails it.
      const area = profiledObjectValidator('service_area', patches);
      expect(
        area({ id: '7a4b1d0e-9d1c-4c4e-8f60-2b1b6c0f4a11', uri: 'urn:samen:area:municipality:GM0363' }),
      ).toBe(true);
      expect(area({ id: '7a4b1d0e-9d1c-4c4e-8f60-2b1b6c0f4a11', uri: 'https://example.org/area/1' })).toBe(
        false,
      );
      expect((await get('/api/hsds/profile/unknown.json')).statusCode).toBe(404);
    });

    it('allows more than 100 a page only for minimal listings', async () => {
      expect((await get('/api/hsds/services?per_page=101')).statusCode).toBe(400);
      expect((await get('/api/hsds/services?per_page=101&minimal=true')).statusCode).toBe(200);
      expect((await get('/api/hsds/services?per_page=10001&minimal=true')).statusCode).toBe(400);
    });
  });
});
