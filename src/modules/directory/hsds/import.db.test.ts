// The HSDS import against a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set): what it
// writes, that it changes only what changed, and that a broken or dry import writes nothing at all.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeDb, useTestDatabase } from '../../../../test/db-suite.js';
import { createAuditService } from '../../../platform/audit/service.js';
import { readServiceRecords } from '../repository.js';
import { exportTabular, importDirectory, loadSampleDirectory, type ImportResult } from './index.js';
import type { ImportProblem } from './model.js';
import { fixtureFiles, id, minimalService, ORG, organization, service, TERMS } from './test/fixtures.js';

const clock = () => new Date('2026-11-28T10:00:00Z');
const TABLES = [
  'organization',
  'service',
  'location',
  'address',
  'service_at_location',
  'service_area',
  'contact',
  'phone',
  'url',
  'schedule',
  'language',
  'unit',
  'service_capacity',
  'attribute',
  'metadata',
  'audit_event',
] as const;

function problems(result: ImportResult): ImportProblem[] {
  if (result.ok)
    throw new Error(`expected problems, the import succeeded: ${JSON.stringify(result.changes)}`);
  return result.problems;
}

function ok(result: ImportResult) {
  if (!result.ok) throw new Error(`import failed:\n${JSON.stringify(result.problems, null, 2)}`);
  return result;
}

describeDb('HSDS import', () => {
  const database = useTestDatabase();
  const db = () => database.handle.db;
  const json = (name: string, doc: unknown) => ({ name, content: JSON.stringify(doc) });
  const audit = () => createAuditService({ db: db(), clock, config: { auditKey: Buffer.alloc(32, 5) } });
  const run = (
    files: { name: string; content: string }[],
    options: { dryRun?: boolean; actorUserId?: string | null } = {},
  ) =>
    importDirectory(
      db(),
      { format: 'json', files },
      { actorUserId: options.actorUserId ?? null, clock, dryRun: options.dryRun ?? false, audit: audit() },
    );

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await sql<{ n: number }>`select count(*)::int8 as n from ${sql.table(table)}`.execute(db());
      out[table] = Number(row.rows[0]!.n);
    }
    return out;
  }

  async function snapshotRows(): Promise<string> {
    const parts: unknown[] = [];
    for (const table of TABLES) {
      parts.push((await sql`select * from ${sql.table(table)} order by 1`.execute(db())).rows);
    }
    return JSON.stringify(parts);
  }

  describe('a valid import', () => {
    it('writes services with their organisation, channels, coverage, places, capacity and sample flag', async () => {
      const result = ok(await run(fixtureFiles()));
      expect(result).toMatchObject({ organizations: 2, services: 2, dryRun: false });
      expect(result.changes.services).toEqual({ created: 2, updated: 0, unchanged: 0 });
      expect(result.changes.organizations).toEqual({ created: 2, updated: 0, unchanged: 0 });

      const [record] = await readServiceRecords(db(), [id('service:main')]);
      expect(record).toBeDefined();
      const r = record!;
      expect(r.is_sample).toBe(true);
      expect(r.organization).toMatchObject({
        id: ORG,
        is_sample: true,
        parent_organization_id: id('org:parent'),
        year_incorporated: 1999,
      });
      expect(r.phones.map((p) => [p.number, p.channel, p.extension]).sort()).toEqual([
        ['+31 6 8765 4321', 'whatsapp', null],
        ['06 1234 5678', 'sms', null],
        ['0800 1234', 'voice', '5'],
      ]);
      expect(r.phones.find((p) => p.channel === 'voice')!.languages.sort()).toEqual(['en', 'nl']);
      expect(r.urls.map((u) => u.channel).sort()).toEqual(['chat', 'web_form']);
      expect(r.service_areas.map((a) => `${a.area_type}:${a.area_code}`).sort()).toEqual([
        'country:NL',
        'municipality:GM0363',
        'police_unit:PE-amsterdam',
        'safety_region:VR13',
      ]);
      expect([...r.taxonomy_term_ids].sort()).toEqual(
        [TERMS.sexual, TERMS.shelter, TERMS.talk, TERMS.victim].sort(),
      );
      expect(r.locations[0]).toMatchObject({ location_id: id('location:office'), name: 'Kantoor Amsterdam' });
      expect(r.locations[0]!.addresses[0]).toMatchObject({ city: 'Amsterdam', postal_code: '1012 JS' });
      expect(r.capacities[0]).toMatchObject({
        unit_name: 'plaatsen',
        available: 3,
        maximum: 10,
        updated: '2026-11-01T09:30:00.000Z',
      });
      expect(r.schedules.find((s) => s.byday === 'MO,TU,WE,TH,FR')).toMatchObject({
        opens_at: '09:00',
        closes_at: '17:00',
        timezone: 'Europe/Amsterdam',
      });
      expect(r.version).toBe(1);
      expect(r.last_modified).toBe(clock().toISOString());

      // The organisation's own phone, website, contact (with its phone) and the sample attribute as a column.
      const orgPhones = await db()
        .selectFrom('phone')
        .select(['number', 'contact_id'])
        .where('organization_id', '=', ORG)
        .execute();
      expect(orgPhones).toEqual([{ number: '020 123 45 67', contact_id: null }]);
      const contactPhone = await db()
        .selectFrom('phone')
        .select('extension')
        .where('contact_id', '=', id('org:contact'))
        .executeTakeFirst();
      expect(contactPhone?.extension).toBe('12');
      const stored = await db()
        .selectFrom('attribute')
        .select('taxonomy_term_id')
        .where('link_id', '=', ORG)
        .execute();
      expect(stored).toEqual([]);

      const history = await db()
        .selectFrom('metadata')
        .select(['resource_type', 'last_action_type', 'field_name', 'updated_by'])
        .where('resource_id', '=', id('service:main'))
        .execute();
      expect(history).toEqual([
        { resource_type: 'service', last_action_type: 'import', field_name: 'record', updated_by: 'system' },
      ]);
    });

    it('changes nothing when the same files come again', async () => {
      const before = await snapshotRows();
      const result = ok(await run(fixtureFiles()));
      expect(result.changes.services).toEqual({ created: 0, updated: 0, unchanged: 2 });
      expect(result.changes.organizations).toEqual({ created: 0, updated: 0, unchanged: 2 });
      expect(await snapshotRows()).toBe(before);
    });

    it('replaces the children of a changed service, bumps its version and records what changed', async () => {
      const changed = service('main');
      const phones = changed.phones as Record<string, unknown>[];
      changed.phones = [{ ...phones[0], number: '0800 9999' }, phones[2]];
      const result = ok(
        await run([
          fixtureFiles()[0]!,
          json('services.json', [changed, service('second', { name: 'Chat voorbeeld' })]),
        ]),
      );
      expect(result.changes.services).toEqual({ created: 0, updated: 1, unchanged: 1 });
      expect(result.changes.organizations.updated).toBe(0);
      const [main, second] = await readServiceRecords(db(), [id('service:main'), id('service:second')]);
      expect(main!.version).toBe(2);
      expect(second!.version).toBe(1);
      expect(main!.phones.map((p) => p.number).sort()).toEqual(['+31 6 8765 4321', '0800 9999']);
      const history = await db()
        .selectFrom('metadata')
        .select(['field_name', 'previous_value', 'replacement_value'])
        .where('resource_id', '=', id('service:main'))
        .where('field_name', '=', 'phones')
        .orderBy('last_action_date')
        .orderBy('id')
        .execute();
      expect(history.at(-1)!.previous_value).toContain('06 1234 5678');
      expect(history.at(-1)!.replacement_value).toContain('0800 9999');
    });

    it('keeps what an organisation has when it comes without that collection', async () => {
      const { phones: _p, contacts: _c, additional_websites: _w, attributes: _a, ...bare } = organization();
      ok(await run([json('one.json', minimalService('bare-org', { organization: bare }))]));
      const phones = await db()
        .selectFrom('phone')
        .select('number')
        .where('organization_id', '=', ORG)
        .execute();
      expect(phones).toEqual([{ number: '020 123 45 67' }]);
      const org = await db()
        .selectFrom('organization')
        .select('is_sample')
        .where('id', '=', ORG)
        .executeTakeFirstOrThrow();
      expect(org.is_sample).toBe(true);
    });

    it('records the importing account in the history and the audit trail', async () => {
      const userId = id('user:steward');
      await db()
        .insertInto('app_user')
        .values({
          id: userId,
          email: 'steward@example.nl',
          display_name: 'Steward',
          role: 'directory_steward',
        })
        .execute();
      ok(await run([json('new.json', minimalService('by-steward'))], { actorUserId: userId }));
      const history = await db()
        .selectFrom('metadata')
        .select('updated_by')
        .where('resource_id', '=', id('service:by-steward'))
        .execute();
      expect(history.length).toBeGreaterThan(0);
      expect(history.every((h) => h.updated_by === userId)).toBe(true);
      const audit = await db()
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'directory.import')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_user_id: userId, entity_type: 'directory' });
      expect(audit[0]!.detail).toMatchObject({ format: 'json', services_created: 1, services_unchanged: 0 });
    });
  });

  describe('a dry run', () => {
    beforeAll(async () => void (await run(fixtureFiles())));

    it('checks everything and reports the changes, but writes nothing', async () => {
      const before = await snapshotRows();
      const result = ok(
        await run([json('dry.json', [minimalService('dry'), service('main', { name: 'Nieuwe naam' })])], {
          dryRun: true,
        }),
      );
      expect(result.dryRun).toBe(true);
      expect(result.changes.services).toEqual({ created: 1, updated: 1, unchanged: 0 });
      expect(await snapshotRows()).toBe(before);
    });

    it('reports problems like a real import', async () => {
      const result = await run([json('dry.json', minimalService('dry', { email: 'nope' }))], {
        dryRun: true,
      });
      expect(problems(result).map((p) => p.field)).toEqual(['email']);
    });
  });

  describe('a broken import', () => {
    beforeAll(async () => void (await run(fixtureFiles())));

    it('changes nothing and names every bad record in JSON', async () => {
      const before = await snapshotRows();
      const areas = (code: string) => [
        { id: id(`area:${code}`), uri: `urn:samen:area:municipality:${code}` },
      ];
      const bad = [
        minimalService('new-ok'),
        minimalService('new-ok', { name: 'Zelfde id', service_areas: [] }),
        minimalService('unknown-gm', { service_areas: areas('GM9999') }),
        minimalService('bad-email', { email: 'info@' }),
        minimalService('unknown-term', {
          attributes: [{ id: id('attr:unknown'), taxonomy_term_id: '00000000-0000-4000-8000-000000000000' }],
        }),
        minimalService('ages', { minimum_age: 50, maximum_age: 10 }),
        minimalService('no-org', { organization_id: id('org:missing') }),
      ];
      const result = await run([
        json('services.json', bad),
        { name: 'broken.json', content: '[{"id": "x",\n  "name": }]' },
      ]);
      const found = problems(result).map((p) =>
        `${p.file}${p.row ? `:${p.row}` : ''} ${p.field} ${p.key} ${p.record ?? ''}`.trim(),
      );
      expect(found).toEqual([
        'broken.json:2  hsds.json.syntax',
        `services.json [1].id hsds.id.duplicate ${id('service:new-ok')}`,
        `services.json [2].service_areas[0].uri hsds.serviceArea.unknownCode ${id('service:unknown-gm')}`,
        `services.json [3].email errors.validation.format ${id('service:bad-email')}`,
        `services.json [4].attributes[0].taxonomy_term_id hsds.taxonomyTerm.unknown ${id('service:unknown-term')}`,
        `services.json [5].maximum_age hsds.service.ageRange ${id('service:ages')}`,
        `services.json [6].organization_id hsds.reference.unknown ${id('service:no-org')}`,
      ]);
      expect(await snapshotRows()).toBe(before);
    });

    it('changes nothing and names every bad row of a CSV package', async () => {
      const files = await exportTabular(db());
      const before = await snapshotRows();
      const table = (name: string) => parse(files[name]!, { columns: true }) as Record<string, string>[];
      const put = (name: string, rows: Record<string, string>[]) => {
        files[name] = stringify(rows, { header: true, columns: Object.keys(rows[0]!) });
      };
      // Line numbers: the header is line 1, and none of these rows spans lines.
      const services = table('services.csv').map((r): Record<string, string> => ({
        ...r,
        description: r.description!.replace(/\n/g, ' '),
      }));
      const first = services[0]!;
      put('services.csv', [
        ...services,
        { ...first },
        { ...first, id: id('csv:bad-email'), email: 'not-an-email' },
      ]);
      const areas = table('service_areas.csv');
      put('service_areas.csv', [
        ...areas,
        { ...areas[0]!, id: id('csv:area'), uri: 'urn:samen:area:municipality:GM9999' },
      ]);
      const attributes = table('attributes.csv');
      put('attributes.csv', [
        ...attributes,
        {
          ...attributes[0]!,
          id: id('csv:attr'),
          link_entity: 'service',
          link_id: first.id!,
          taxonomy_term_id: '00000000-0000-4000-8000-000000000000',
        },
      ]);
      const phones = files['phones.csv']!.trimEnd().split('\n');
      files['phones.csv'] = [
        ...phones,
        `${id('csv:phone')},,${first.id},,,,0800,,voice,,one cell too many`,
      ].join('\n');

      const result = await importDirectory(
        db(),
        { format: 'csv', files: Object.entries(files).map(([name, content]) => ({ name, content })) },
        { actorUserId: null, clock },
      );
      const found = problems(result).map((p) => `${p.file}:${p.row} ${p.field} ${p.key}`);
      expect(found).toEqual([
        `attributes.csv:${attributes.length + 2} taxonomy_term_id hsds.taxonomyTerm.unknown`,
        `phones.csv:${phones.length + 1}  hsds.csv.brokenRow`,
        `service_areas.csv:${areas.length + 2} uri hsds.serviceArea.unknownCode`,
        `services.csv:${services.length + 2} id hsds.id.duplicate`,
        `services.csv:${services.length + 3} email errors.validation.format`,
      ]);
      expect(await snapshotRows()).toBe(before);
    });

    it('refuses an id that belongs to another record', async () => {
      const taken = minimalService('thief', {
        phones: [{ id: id('service:main:phone:voice'), number: '1' }],
      });
      const found = problems(await run([json('thief.json', taken)]));
      expect(found).toEqual([
        expect.objectContaining({ field: 'phones[0].id', key: 'hsds.id.taken', record: id('service:thief') }),
      ]);
    });

    it('refuses places and units that exist nowhere', async () => {
      const s = minimalService('nowhere', {
        service_at_locations: [{ id: id('nowhere:sal'), location_id: id('location:missing') }],
        capacities: [
          {
            id: id('nowhere:cap'),
            unit_id: id('unit:missing'),
            available: 1,
            updated: '2026-01-01T00:00:00Z',
          },
        ],
      });
      const found = problems(await run([json('nowhere.json', s)])).map((p) => [p.field, p.key]);
      expect(found).toEqual([
        ['capacities[0].unit_id', 'hsds.reference.unknown'],
        ['service_at_locations[0].location_id', 'hsds.reference.unknown'],
      ]);
    });

    it('stops at the size limits with a clear problem', async () => {
      const tooMany = await importDirectory(
        db(),
        { format: 'json', files: [json('many.json', [minimalService('a1'), minimalService('a2')])] },
        { actorUserId: null, clock, limits: { services: 1 } },
      );
      expect(problems(tooMany)).toEqual([
        expect.objectContaining({ key: 'hsds.import.tooManyServices', params: { count: 2, limit: 1 } }),
      ]);
      const tooLarge = await importDirectory(
        db(),
        { format: 'json', files: [json('big.json', [minimalService('a1')])] },
        { actorUserId: null, clock, limits: { fileBytes: 100 } },
      );
      expect(problems(tooLarge)).toEqual([
        expect.objectContaining({ file: 'big.json', key: 'hsds.file.tooLarge' }),
      ]);
      const empty = await run([json('empty.json', [])]);
      expect(problems(empty)).toEqual([
        expect.objectContaining({ file: 'empty.json', key: 'hsds.import.empty' }),
      ]);
    });
  });

  describe('the sample directory', () => {
    it('loads every file of a directory, marked as sample data, and again without changes', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'samen-sample-'));
      try {
        writeFileSync(path.join(dir, 'a.json'), JSON.stringify([minimalService('sample-a')]));
        writeFileSync(path.join(dir, 'b.json'), JSON.stringify(minimalService('sample-b')));
        expect(await loadSampleDirectory(db(), { clock, dir })).toEqual({ organizations: 0, services: 2 });
        const rows = await db()
          .selectFrom('service')
          .select(['is_sample', 'version'])
          .where('id', 'in', [id('service:sample-a'), id('service:sample-b')])
          .execute();
        expect(rows).toEqual([
          { is_sample: true, version: 1 },
          { is_sample: true, version: 1 },
        ]);
        expect(await loadSampleDirectory(db(), { clock, dir })).toEqual({ organizations: 0, services: 2 });
        writeFileSync(
          path.join(dir, 'c.json'),
          JSON.stringify(minimalService('sample-c', { status: 'open' })),
        );
        await expect(loadSampleDirectory(db(), { clock, dir })).rejects.toThrow(
          /c\.json: status: must be one of these values/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('loads the project sample directory (seed/directory)', async () => {
      const before = await counts();
      const result = await loadSampleDirectory(db(), { clock });
      expect(result.services).toBeGreaterThan(50);
      const after = await counts();
      expect(after.service! - before.service!).toBe(result.services);
      const notSample = await db()
        .selectFrom('service')
        .select('id')
        .where('is_sample', '=', false)
        .where('id', 'not in', [
          id('service:main'),
          id('service:second'),
          id('service:bare-org'),
          id('service:by-steward'),
        ])
        .execute();
      expect(notSample).toEqual([]);
    });
  });
});
