// Reading HSDS without a database: the JSON shapes an import accepts, schema problems with their paths, CSV
// rows that cannot be parsed, and how problems are printed.
import { describe, expect, it } from 'vitest';
import { emptyBundle, parseAreaUri, type Bundle } from './bundle.js';
import { CsvReader } from './from-csv.js';
import { JsonReader } from './from-json.js';
import { formatProblem } from './problems.js';
import { csvRowSchema, inputObjectSchema } from './schema.js';
import { ORG, id, minimalService, organization, parentOrganization, service } from './test/fixtures.js';

function readJson(...docs: unknown[]): Bundle {
  const bundle = emptyBundle();
  const reader = new JsonReader(bundle);
  docs.forEach((doc, i) => reader.read(`file${i}.json`, doc));
  return bundle;
}

function readCsv(files: Record<string, string>): Bundle {
  const bundle = emptyBundle();
  const reader = new CsvReader(bundle);
  for (const [name, content] of Object.entries(files)) reader.read(name, content);
  reader.finish();
  return bundle;
}

const problemsOf = (b: Bundle) =>
  b.problems
    .map((p) => ({ file: p.file, row: p.row, field: p.field, key: p.key }))
    .sort((x, y) => x.file.localeCompare(y.file) || (x.row ?? 0) - (y.row ?? 0));

describe('reading HSDS JSON', () => {
  it('accepts one service, an array, an HSDS page and a Samen export', () => {
    const single = readJson(service('a'));
    const array = readJson([minimalService('b'), minimalService('c')]);
    const page = readJson({ total_items: 1, page_number: 1, contents: [minimalService('d')] });
    const all = readJson({
      format: 'samen-hsds-export',
      organizations: [parentOrganization(), organization()],
      services: [minimalService('e')],
    });
    for (const b of [single, array, page, all]) expect(b.problems).toEqual([]);
    expect(single.service).toHaveLength(1);
    expect(array.service).toHaveLength(2);
    expect(page.service).toHaveLength(1);
    expect(all.organization.map((e) => e.row.id)).toEqual([id('org:parent'), ORG]);
  });

  it('takes the nested rows with the links their nesting gives them', () => {
    const b = readJson(service('a'));
    const sid = id('service:a');
    expect(b.service[0]!.row).toMatchObject({ id: sid, organization_id: ORG, is_sample: false });
    const phone = b.phone.find((e) => e.row.id === id('service:a:phone:voice'))!.row;
    expect(phone).toMatchObject({ service_id: sid, organization_id: null, contact_id: null, extension: '5' });
    expect(b.phone.find((e) => e.row.id === id('service:a:contact:phone'))!.row.contact_id).toBe(
      id('service:a:contact'),
    );
    expect(b.schedule.find((e) => e.row.id === id('service:a:sal:schedule'))!.row).toMatchObject({
      service_at_location_id: id('service:a:sal'),
      service_id: null,
    });
    expect(b.schedule.find((e) => e.row.id === id('service:a:schedule:week'))!.row.closes_at).toBe('17:00');
    expect(b.schedule.find((e) => e.row.id === id('service:a:schedule:weekend'))!.row.timezone).toBe('1');
    expect(b.service_area.map((e) => [e.row.area_type, e.row.area_code])).toEqual([
      ['country', 'NL'],
      ['police_unit', 'PE-amsterdam'],
      ['safety_region', 'VR13'],
      ['municipality', 'GM0363'],
    ]);
    expect(b.language.find((e) => e.row.id === id('service:a:phone:voice:en'))!.row.phone_id).toBe(
      id('service:a:phone:voice'),
    );
    expect(b.replaces.has(`organization:${ORG}:phone`)).toBe(true);
    expect(b.replaces.has(`location:${id('location:office')}:address`)).toBe(true);
  });

  it('reads a shared organisation once and keeps collections it is given without', () => {
    const { phones: _phones, contacts: _contacts, ...withoutPhones } = organization();
    const b = readJson([service('a'), service('b', { organization: withoutPhones })]);
    expect(b.problems).toEqual([]);
    expect(b.organization).toHaveLength(1);
    expect(b.phone.filter((e) => e.row.organization_id === ORG)).toHaveLength(1);
  });

  it('reports an organisation given twice with different content', () => {
    const b = readJson([service('a'), service('b', { organization: { ...organization(), name: 'Anders' } })]);
    expect(problemsOf(b)).toEqual([
      { file: 'file0.json', row: undefined, field: '[1].organization.id', key: 'hsds.id.conflict' },
    ]);
    expect(b.problems[0]!.params).toMatchObject({ id: ORG, first: 'file0.json: [0].organization' });
  });

  it('names the path, the record and the reason of every schema problem', () => {
    const bad = service('a', {
      email: 'not-an-email',
      status: 'open',
      minimum_age: 'twelve',
      url: 'javascript:alert(1)',
      surprise: true,
      phones: [{ id: 'not-a-uuid' }],
    });
    const b = readJson([bad]);
    const fields = Object.fromEntries(b.problems.map((p) => [p.field, p.key]));
    expect(fields).toMatchObject({
      '[0].email': 'errors.validation.format',
      '[0].status': 'errors.validation.enum',
      '[0].minimum_age': 'errors.validation.type',
      '[0].url': 'hsds.field.http',
      '[0].surprise': 'errors.validation.additionalProperties',
      '[0].phones[0].id': 'errors.validation.format',
      '[0].phones[0].number': 'errors.validation.required',
    });
    expect(b.problems.every((p) => p.record === id('service:a'))).toBe(true);
    expect(b.service).toEqual([]);
  });

  it('refuses HSDS data Samen does not store rather than dropping it', () => {
    const b = readJson(
      minimalService('a', {
        fees: '10 euro',
        funding: [{ id: id('funding'), source: 'gemeente' }],
        program_id: id('p'),
      }),
    );
    expect(problemsOf(b).map((p) => [p.field, p.key])).toEqual([
      ['program_id', 'hsds.field.unsupported'],
      ['fees', 'hsds.field.unsupported'],
      ['funding', 'hsds.field.unsupported'],
    ]);
  });

  it('reports links that contradict the nesting and coverage it cannot place', () => {
    const b = readJson(
      minimalService('a', {
        organization: { ...organization(), id: id('other') },
        phones: [{ id: id('p'), number: '1', service_id: id('elsewhere') }],
        service_areas: [{ id: id('area'), uri: 'https://example.org/amsterdam' }],
      }),
    );
    expect(problemsOf(b).map((p) => [p.field, p.key])).toEqual([
      ['organization.id', 'hsds.link.mismatch'],
      // the organisation's own attribute still names the organisation it was copied from
      ['organization.attributes[0].link_id', 'hsds.link.mismatch'],
      ['phones[0].service_id', 'hsds.link.mismatch'],
      ['service_areas[0].uri', 'hsds.serviceArea.uri'],
    ]);
  });

  it('says what is wrong with a document that is no HSDS at all', () => {
    expect(problemsOf(readJson('hello'))).toEqual([
      { file: 'file0.json', row: undefined, field: '', key: 'hsds.json.shape' },
    ]);
    expect(problemsOf(readJson({ services: [], extra: 1 }))[0]).toMatchObject({
      field: 'extra',
      key: 'errors.validation.additionalProperties',
    });
  });
});

describe('reading the HSDS CSV package', () => {
  const header = 'id,organization_id,program_id,name,alternate_name,description,url,email,status';
  const orgs = `id,name,description\n${ORG},Hulp,Een organisatie\n`;

  it('types the cells and links child rows to their most specific parent', () => {
    const b = readCsv({
      'organizations.csv': orgs,
      'services.csv': `${header},minimum_age\n${id('s')},${ORG},,Dienst,,"Regel 1\nRegel 2",,,active,12\n`,
      'phones.csv': `id,service_id,organization_id,contact_id,number,extension\n${id('p')},${id('s')},${ORG},,0800,7\n`,
      'datapackage.json': '{}',
    });
    expect(b.problems).toEqual([]);
    expect(b.service[0]!.row).toMatchObject({ description: 'Regel 1\nRegel 2', minimum_age: 12 });
    expect(b.service[0]!.origin).toEqual({ file: 'services.csv', row: 3, path: '' });
    expect(b.phone[0]!.row).toMatchObject({ service_id: id('s'), organization_id: null, extension: '7' });
    expect(b.replaces.has(`organization:${ORG}:phone`)).toBe(true);
    expect(b.replaces.has(`organization:${ORG}:url`)).toBe(false);
  });

  it('names the line of every row it cannot parse and still reads the others', () => {
    const b = readCsv({
      'organizations.csv': orgs,
      'services.csv': [
        header,
        `${id('s1')},${ORG},,Een,,,,,active`,
        `${id('s2')},${ORG},,Twee,,,,,active,extra cell`,
        `${id('s3')},${ORG},,Drie,,,,not-an-email,active`,
        `${id('s4')},${ORG},,"Vier,,,,,active`,
      ].join('\n'),
    });
    expect(problemsOf(b)).toEqual([
      { file: 'services.csv', row: 3, field: '', key: 'hsds.csv.brokenRow' },
      { file: 'services.csv', row: 4, field: 'email', key: 'errors.validation.format' },
      { file: 'services.csv', row: 5, field: '', key: 'hsds.csv.brokenRow' },
    ]);
    expect(b.service.map((e) => e.row.name)).toEqual(['Een']);
  });

  it('reports unknown files, unknown and missing columns, and rows without a parent', () => {
    const b = readCsv({
      'organizations.csv': orgs,
      'notes.csv': 'a\n1\n',
      'funding.csv': `id,source\n${id('f')},gemeente\n`,
      'programs.csv': 'id,name\n',
      'services.csv': `${header},colour\n`,
      'languages.csv': 'name,code\nNederlands,nl\n',
      'url.csv': `id,url\n${id('u')},https://example.nl\n`,
    });
    expect(problemsOf(b)).toEqual([
      { file: 'funding.csv', row: undefined, field: '', key: 'hsds.csv.unsupportedFile' },
      { file: 'languages.csv', row: 1, field: 'id', key: 'hsds.csv.missingColumn' },
      { file: 'notes.csv', row: undefined, field: '', key: 'hsds.csv.unknownFile' },
      { file: 'services.csv', row: 1, field: 'colour', key: 'hsds.csv.unknownColumn' },
      { file: 'url.csv', row: 2, field: 'service_id, organization_id', key: 'hsds.csv.noParent' },
    ]);
  });
});

describe('schemas and problems', () => {
  it('parses our coverage uris and nothing else', () => {
    expect(parseAreaUri('urn:samen:area:municipality:GM0363')).toEqual({
      area_type: 'municipality',
      area_code: 'GM0363',
    });
    expect(parseAreaUri('urn:samen:area:country:NL')).toEqual({ area_type: 'country', area_code: 'NL' });
    expect(parseAreaUri('urn:samen:area:province:NH')).toBeUndefined();
    expect(parseAreaUri('urn:samen:area:municipality:GM0363:x')).toBeUndefined();
  });

  it('requires what HSDS requires and allows null for the rest', () => {
    const s = inputObjectSchema('service') as {
      required: string[];
      properties: Record<string, { type: unknown }>;
    };
    expect(s.required).toEqual(['id', 'name', 'status']);
    expect(s.properties.email!.type).toEqual(['string', 'null']);
    expect((csvRowSchema('service') as { required: string[] }).required).toEqual([
      'id',
      'organization_id',
      'name',
      'status',
    ]);
  });

  it('prints a problem as file:row: field: reason', () => {
    const t = (key: string, params?: Record<string, string | number>) =>
      `${key}${params ? JSON.stringify(params) : ''}`;
    expect(
      formatProblem(
        { file: 'services.csv', row: 4, record: 'abc', field: 'email', key: 'errors.validation.format' },
        t,
      ),
    ).toBe('services.csv:4: email: errors.validation.format (hsds.problem.record{"id":"abc"})');
    expect(
      formatProblem({
        file: 'services.csv',
        row: 4,
        field: 'email',
        key: 'errors.validation.format',
        params: { format: 'email' },
      }),
    ).toBe('services.csv:4: email: is not a valid email');
    expect(formatProblem({ file: 'a.json', field: '[0].name', key: 'errors.validation.required' })).toBe(
      'a.json: [0].name: is required',
    );
  });
});
