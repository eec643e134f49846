// HSDS exports: they validate against the published HSDS 3.1 schemas, and an export imported into an empty
// database (or into the same one) gives back the same directory, as JSON and as the CSV package.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/db.js';
import { describeDb, useTestDatabase } from '../../../../test/db-suite.js';
import { stableId } from '../ids.js';
import { readServiceRecords } from '../repository.js';
import { writeServiceRecord } from '../write-repository.js';
import type { ServiceRecord } from '../types.js';
import { OBJECTS, objectByPath } from './fields.js';
import {
  comparableRecord,
  exportJsonAll,
  exportOrganizations,
  exportServiceJson,
  exportServiceList,
  exportTabular,
  exportTaxonomyTerms,
  importDirectory,
  loadSampleDirectory,
  sameServiceRecords,
  type ImportResult,
} from './index.js';
import { readSnapshot } from './read-repository.js';
import { fixtureFiles, id, TERMS } from './test/fixtures.js';
import {
  errorsOf,
  pageValidator,
  STANDARD_DIR,
  standardAvailable,
  standardObjectValidator,
  standardValidator,
} from './test/standard.js';

const clock = () => new Date('2026-11-28T10:00:00Z');

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed:\n${JSON.stringify(result.problems.slice(0, 20), null, 2)}`);
  return result;
}

function expectValid(validate: ReturnType<typeof standardValidator>, value: unknown, what: string) {
  const valid = validate(value);
  expect(valid ? [] : errorsOf(validate).map((e) => `${what}: ${e}`)).toEqual([]);
}

describeDb('HSDS export', () => {
  const source = useTestDatabase();
  const db = () => source.handle.db;
  let serviceIds: string[] = [];

  beforeAll(async () => {
    await loadSampleDirectory(db(), { clock });
    ok(await importDirectory(db(), { format: 'json', files: fixtureFiles() }, { actorUserId: null, clock }));
    // A service as a steward saves it (the directory's own writer): local time zone, stable child ids.
    const [main] = await readServiceRecords(db(), [id('service:main')]);
    const sid = id('service:steward');
    const sub = (name: string) => stableId(`steward:${name}`);
    await db()
      .transaction()
      .execute((trx) =>
        writeServiceRecord(trx, {
          ...main!,
          id: sid,
          name: 'Door een steward bewaard',
          phones: main!.phones.map((p) => ({ ...p, id: sub(p.id) })),
          urls: main!.urls.map((u) => ({ ...u, id: sub(u.id) })),
          schedules: main!.schedules.map((s) => ({ ...s, id: sub(s.id), timezone: 'Europe/Amsterdam' })),
          service_areas: main!.service_areas.map((a) => ({ ...a, id: sub(a.id) })),
          languages: main!.languages.map((l) => ({ ...l, id: sub(l.id) })),
          locations: [],
          capacities: [],
          contacts: [],
          last_modified: clock().toISOString(),
        }),
      );
    serviceIds = (await db().selectFrom('service').select('id').orderBy('id').execute()).map((r) => r.id);
  });

  describe.skipIf(!standardAvailable())(`against the HSDS 3.1 schemas (${STANDARD_DIR})`, () => {
    it('every service validates against compiled/service_with_definitions.json', async () => {
      const validate = standardValidator('compiled/service_with_definitions.json');
      expect(serviceIds.length).toBeGreaterThan(50);
      for (const sid of serviceIds) expectValid(validate, await exportServiceJson(db(), sid), sid);
      const main = await exportServiceJson(db(), id('service:main'));
      expect(main).toMatchObject({ id: id('service:main'), organization: { id: expect.any(String) } });
      expect((main!.metadata as unknown[]).length).toBeGreaterThan(0);
    });

    it('service pages validate against the Page and compiled/service_list.json, full ones per service', async () => {
      const item = standardValidator('compiled/service_list.json');
      const full = standardValidator('compiled/service_with_definitions.json');
      const page = pageValidator();
      const first = await exportServiceList(db(), { page: 1, perPage: 20 });
      expectValid(page, first, 'page');
      expect(first).toMatchObject({
        page_number: 1,
        size: 20,
        first_page: true,
        last_page: false,
        total_items: serviceIds.length,
      });
      for (const s of first.contents) expectValid(item, s, String(s.id));
      const withTerm = await exportServiceList(db(), {
        page: 1,
        perPage: 100,
        taxonomyTermId: TERMS.whatsapp,
        full: true,
      });
      expect(withTerm.contents.map((s) => s.id)).toEqual(
        expect.arrayContaining([id('service:main'), id('service:second')]),
      );
      for (const s of withTerm.contents) expectValid(full, s, String(s.id));
    });

    it('organisation pages validate against compiled/organization_list.json', async () => {
      const item = standardValidator('compiled/organization_list.json');
      const orgs = await exportOrganizations(db(), { page: 1, perPage: 100 });
      expectValid(pageValidator(), orgs, 'page');
      expect(orgs.total_items).toBeGreaterThan(50);
      for (const o of orgs.contents) expectValid(item, o, String(o.id));
    });

    it('taxonomy terms validate against taxonomy_term.json', async () => {
      const terms = await exportTaxonomyTerms(db(), { page: 1, perPage: 100 });
      expect(terms.total_items).toBeGreaterThan(40);
      for (const t of terms.contents) expectValid(standardObjectValidator('taxonomy_term'), t, String(t.id));
      const needs = await exportTaxonomyTerms(db(), { page: 1, perPage: 100, taxonomy: 'need' });
      expect(needs.contents.every((t) => t.taxonomy === 'need')).toBe(true);
    });

    it('the JSON export validates: organisations, terms, taxonomies and services', async () => {
      const doc = await exportJsonAll(db(), { now: clock() });
      for (const o of doc.organizations as Record<string, unknown>[])
        expectValid(standardObjectValidator('organization'), o, String(o.id));
      for (const t of doc.taxonomy_terms as Record<string, unknown>[])
        expectValid(standardObjectValidator('taxonomy_term'), t, String(t.id));
      for (const t of doc.taxonomies as Record<string, unknown>[])
        expectValid(standardObjectValidator('taxonomy'), t, String(t.id));
      const service = standardValidator('compiled/service_with_definitions.json');
      for (const s of doc.services as Record<string, unknown>[]) expectValid(service, s, String(s.id));
    });

    it('the CSV package has the HSDS files with the HSDS columns', async () => {
      const files = await exportTabular(db(), { now: clock() });
      const tabular = JSON.parse(
        readFileSync(path.join(STANDARD_DIR, 'compiled', 'tabular.json'), 'utf8'),
      ) as {
        properties: Record<
          string,
          { items: { path: string; properties: Record<string, { type?: string }> } }
        >;
      };
      const scalar = (props: Record<string, { type?: string }>) =>
        Object.entries(props)
          .filter(([, p]) => p.type !== 'array' && p.type !== undefined)
          .map(([name]) => name);
      for (const [name, content] of Object.entries(files)) {
        if (name === 'datapackage.json') continue;
        const header = (parse(content, { to_line: 1 }) as string[][])[0]!;
        const object = objectByPath(name)!;
        const standard = Object.values(tabular.properties).find((t) => t.items.path === name);
        // url.csv, units.csv and service_capacity.csv are not in compiled/tabular.json: their own schemas say.
        const columns = standard
          ? scalar(standard.items.properties)
          : scalar(
              (
                JSON.parse(readFileSync(path.join(STANDARD_DIR, `${object.name}.json`), 'utf8')) as {
                  properties: Record<string, { type?: string }>;
                }
              ).properties,
            );
        expect(
          header.filter((h) => !(object.name === 'attribute' && h === 'label')),
          name,
        ).toEqual(columns);
      }
      const pkg = JSON.parse(files['datapackage.json']!) as {
        profile: string;
        resources: { path: string; schema: { fields: unknown[] } }[];
      };
      expect(pkg.profile).toBe('tabular-data-package');
      expect(pkg.resources.map((r) => r.path).sort()).toEqual(
        Object.keys(files)
          .filter((f) => f.endsWith('.csv'))
          .sort(),
      );
    });
  });

  describe('round trip', () => {
    let target: TestDatabase;
    beforeAll(async () => {
      target = await createTestDatabase();
    });
    afterAll(async () => {
      await target?.destroy();
    });

    async function expectSameDirectory(other: TestDatabase, options: { verifier?: string } = {}) {
      // The HSDS CSV package has no column for who verified: a CSV copy says its file did (checked here).
      const verifiedBy = <T extends Pick<ServiceRecord, 'assured_date' | 'assured_by'>>(r: T): T =>
        options.verifier && r.assured_date ? { ...r, assured_by: options.verifier } : r;
      const a = (await readServiceRecords(db(), serviceIds)).map(verifiedBy);
      const b = await readServiceRecords(other.db, serviceIds);
      expect(b.map(comparableRecord)).toEqual(a.map(comparableRecord));
      expect(sameServiceRecords(a, b)).toBe(true);
      // Row by row too, for what service records do not show (organisation phones, location details, ...).
      // Provenance is the copy's own: it came from the export file (checked in the tests below).
      const strip = ({
        lastModified: _l,
        history: _h,
        provenance: _p,
        ...rest
      }: Awaited<ReturnType<typeof readSnapshot>>) => rest;
      const rowsA0 = strip(await readSnapshot(db(), { services: 'all', allOrganizations: true }));
      const rowsA = { ...rowsA0, service: rowsA0.service.map(verifiedBy) };
      const rowsB = strip(await readSnapshot(other.db, { services: 'all', allOrganizations: true }));
      expect(rowsB).toEqual(rowsA);
    }

    it('a JSON export imported into an empty database gives the same directory', async () => {
      const doc = await exportJsonAll(db(), { now: clock() });
      const result = ok(
        await importDirectory(
          target.db,
          { format: 'json', files: [{ name: 'export.json', content: JSON.stringify(doc) }] },
          { actorUserId: null, clock },
        ),
      );
      expect(result.changes.services.created).toBe(serviceIds.length);
      await expectSameDirectory(target);
      // Every copied record names the file it came from and keeps who verified it.
      const copies = await readServiceRecords(target.db, serviceIds);
      const originals = await readServiceRecords(db(), serviceIds);
      expect(new Set(copies.map((r) => `${r.source_type} ${r.source_name}`))).toEqual(
        new Set(['file export.json']),
      );
      expect(copies.map((r) => r.assured_by)).toEqual(originals.map((r) => r.assured_by));
      // And the import's export is the export (history, modification times and the source are the new
      // database's own).
      const again = await exportJsonAll(target.db, { now: clock() });
      const bookkeeping = new Set([
        'metadata',
        'last_modified',
        'source_type',
        'source_name',
        'source_imported_at',
      ]);
      const withoutBookkeeping = (d: Record<string, unknown>) =>
        JSON.parse(JSON.stringify(d, (key, value: unknown) => (bookkeeping.has(key) ? undefined : value)));
      expect(withoutBookkeeping(again)).toEqual(withoutBookkeeping(doc));
    });

    it('a CSV export imported into an empty database gives the same directory', async () => {
      const fresh = await createTestDatabase();
      try {
        const files = await exportTabular(db(), { now: clock() });
        const result = ok(
          await importDirectory(
            fresh.db,
            { format: 'csv', files: Object.entries(files).map(([name, content]) => ({ name, content })) },
            { actorUserId: null, clock },
          ),
        );
        expect(result.changes.services.created).toBe(serviceIds.length);
        await expectSameDirectory(fresh, { verifier: 'services.csv' });
        const again = await exportTabular(fresh.db, { now: clock() });
        for (const name of Object.keys(files)) {
          if (name === 'metadata.csv' || name === 'services.csv') continue;
          expect(again[name], name).toBe(files[name]);
        }
      } finally {
        await fresh.destroy();
      }
    });

    it('an export imported into the same database changes nothing', async () => {
      const doc = await exportJsonAll(db(), { now: clock() });
      const json = ok(
        await importDirectory(
          db(),
          { format: 'json', files: [{ name: 'export.json', content: JSON.stringify(doc) }] },
          { actorUserId: null, clock },
        ),
      );
      expect(json.changes.services).toEqual({ created: 0, updated: 0, unchanged: serviceIds.length });
      expect(json.changes.organizations.updated).toBe(0);
      const files = await exportTabular(db(), { now: clock() });
      const csv = ok(
        await importDirectory(
          db(),
          { format: 'csv', files: Object.entries(files).map(([name, content]) => ({ name, content })) },
          { actorUserId: null, clock },
        ),
      );
      expect(csv.changes.services).toEqual({ created: 0, updated: 0, unchanged: serviceIds.length });
      expect(
        csv.changes.locations.updated + csv.changes.units.updated + csv.changes.organizations.updated,
      ).toBe(0);
    });
  });

  it('leaves out what HSDS has no place for and keeps it as attributes', async () => {
    const main = (await exportServiceJson(db(), id('service:main')))!;
    const phones = main.phones as {
      id: string;
      attributes: { taxonomy_term_id: string }[];
      extension?: number;
    }[];
    expect(
      phones
        .map((p) => p.attributes.map((a) => a.taxonomy_term_id))
        .flat()
        .sort(),
    ).toEqual([TERMS.sms, TERMS.voice, TERMS.whatsapp].sort());
    expect(phones.find((p) => p.id === id('service:main:phone:voice'))!.extension).toBe(5);
    const attributes = main.attributes as { taxonomy_term_id: string; taxonomy_term: { id: string } }[];
    expect(attributes.map((a) => a.taxonomy_term_id)).toContain(TERMS.sample);
    expect(attributes.every((a) => a.taxonomy_term.id === a.taxonomy_term_id)).toBe(true);
    const steward = (await exportServiceJson(db(), id('service:steward')))!;
    expect((steward.schedules as Record<string, unknown>[]).every((s) => !('timezone' in s))).toBe(true);
    for (const field of Object.keys(main)) {
      expect(
        OBJECTS.service.fields.some((f) => f.name === field) ||
          OBJECTS.service.children.some((c) => c.name === field),
        field,
      ).toBe(true);
    }
  });
});
