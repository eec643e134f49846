// The sample directory (seed/directory/*.json) that a fresh install loads: valid HSDS 3.1, stable ids, only terms
// and areas the migrations define, marked as sample data, and complete enough that every municipality finds a
// police desk, a Veilig Thuis, a national reporting point and care coordination.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { buildSampleDirectory, FILES, type HsdsService } from '../seed/directory/build.js';
import { loadRegions, loadTerms, REPO_ROOT, SEED_DIR } from '../seed/directory/lib.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TODAY = '2026-11-28';
const STALE_BEFORE = '2026-06-01'; // 180 days before TODAY

// ---- reference data, parsed here independently of the generator ------------------------------------------------

const regionsSql = readFileSync(join(REPO_ROOT, 'src/db/migrations/0002_regions.sql'), 'utf8');
const policeUnits = new Set([...regionsSql.matchAll(/\('(PE-[a-z-]+)',/g)].map((m) => m[1]!));
const safetyRegions = new Map(
  [...regionsSql.matchAll(/\('(VR\d{2})', '(?:[^']|'')*', '(PE-[a-z-]+)'\)/g)].map((m) => [m[1]!, m[2]!]),
);
const municipalities = [
  ...regionsSql.matchAll(/\('(GM\d{4})', '((?:[^']|'')*)', '(?:[^']|'')*', '(VR\d{2})'\)/g),
].map((m) => ({ code: m[1]!, name: m[2]!.replace(/''/g, "'"), region: m[3]! }));

const taxonomySql = readFileSync(join(REPO_ROOT, 'src/db/migrations/0004_taxonomies.sql'), 'utf8');
const termSection = taxonomySql.slice(taxonomySql.indexOf('insert into taxonomy_term'));
/** term id → { code, taxonomy } */
const terms = new Map(
  [...termSection.matchAll(/\('([0-9a-f-]{36})', '([a-z_]+)',.*?'(\w+)', '[0-9a-f-]{36}', 'nl'/g)].map(
    (m) => [m[1]!, { code: m[2]!, taxonomy: m[3]! }],
  ),
);

// ---- the sample files ------------------------------------------------------------------------------------------

const jsonFiles = readdirSync(SEED_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();
const parsed = new Map<string, unknown>(
  jsonFiles.map((f) => [f, JSON.parse(readFileSync(join(SEED_DIR, f), 'utf8'))]),
);
const services = [...parsed.values()].flat() as HsdsService[];

function termsOf(service: HsdsService, taxonomy: string): string[] {
  return service.attributes
    .map((a) => terms.get(a.taxonomy_term_id))
    .filter((t) => t?.taxonomy === taxonomy)
    .map((t) => t!.code);
}

function areas(service: HsdsService): { type: string; code: string }[] {
  return service.service_areas.map((a) => {
    const m = /^urn:samen:area:(country|police_unit|safety_region|municipality):(.+)$/.exec(a.uri);
    if (!m) throw new Error(`${service.name}: bad area uri ${a.uri}`);
    return { type: m[1]!, code: m[2]! };
  });
}

function covers(service: HsdsService, m: { code: string; region: string }): boolean {
  const unit = safetyRegions.get(m.region);
  return areas(service).some(
    (a) =>
      (a.type === 'country' && a.code === 'NL') ||
      (a.type === 'police_unit' && a.code === unit) ||
      (a.type === 'safety_region' && a.code === m.region) ||
      (a.type === 'municipality' && a.code === m.code),
  );
}

/** Every object with an `id` inside a value, with the path it was found at. */
function objectsWithIds(
  value: unknown,
  path: string,
  out: { path: string; obj: Record<string, unknown> }[] = [],
) {
  if (Array.isArray(value)) value.forEach((v, i) => objectsWithIds(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('id' in obj) out.push({ path, obj });
    for (const [k, v] of Object.entries(obj)) objectsWithIds(v, `${path}.${k}`, out);
  }
  return out;
}

describe('sample directory (seed/directory)', () => {
  it('reads the reference data it checks against', () => {
    expect(policeUnits.size).toBe(10);
    expect(safetyRegions.size).toBe(25);
    expect(municipalities).toHaveLength(342);
    expect(terms.size).toBeGreaterThan(30);
  });

  it('has exactly the generated files, each a JSON array of services', () => {
    expect(jsonFiles).toEqual([...FILES].sort());
    for (const [file, content] of parsed) {
      expect(Array.isArray(content), file).toBe(true);
      expect((content as unknown[]).length, file).toBeGreaterThan(0);
    }
  });

  it('is what build.ts generates from source.ts and the migrations (run `npx tsx seed/directory/build.ts`)', () => {
    const fresh = buildSampleDirectory(loadRegions(), loadTerms());
    for (const file of FILES) expect(parsed.get(file), file).toEqual(fresh[file]);
  });

  const schemaPath = join(
    REPO_ROOT,
    '..',
    'shared',
    'standards',
    'hsds-3.1',
    'compiled',
    'service_with_definitions.json',
  );
  const haveSchema = existsSync(schemaPath);
  const ci = process.env.CI === 'true';
  if (!haveSchema && !ci)
    console.log(`sample directory: ${schemaPath} not found; HSDS schema validation skipped`);

  it.skipIf(!haveSchema && !ci)('validates every service against the HSDS 3.1 service schema', () => {
    if (!haveSchema) throw new Error(`CI: the HSDS schemas are required at ${schemaPath}`);
    const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    // The compiled schema declares no $schema and uses `definitions`: draft-07, Ajv's default. It carries
    // non-validation keywords (constraints, example, datapackage_*), hence strict: false.
    expect(schema.$schema).toBeUndefined();
    const ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS; its function is also its own `default`, which is what TypeScript sees.
    addFormatsModule.default(ajv);
    const validate = ajv.compile(schema);
    const failures: string[] = [];
    for (const s of services) {
      const data: unknown = s;
      if (!validate(data)) failures.push(`${s.name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('uses UUIDs everywhere; ids are unique, and repeated organisations and units are identical', () => {
    const byId = new Map<string, { path: string; json: string }>();
    const problems: string[] = [];
    for (const [file, content] of parsed) {
      let repeat: string | undefined; // the path of an organisation or unit already seen: its children repeat too
      for (const { path, obj } of objectsWithIds(content, file)) {
        if (repeat && path.startsWith(`${repeat}.`)) continue;
        const id = obj.id as string;
        if (!UUID.test(id)) problems.push(`${path}: id ${id} is not a lower-case UUID`);
        const shared = /\.(organization|unit)$/.test(path);
        const json = JSON.stringify(obj);
        const seen = byId.get(id);
        if (seen && !(shared && /\.(organization|unit)$/.test(seen.path) && seen.json === json)) {
          problems.push(`${path}: id ${id} also used at ${seen.path}`);
        }
        if (!seen) byId.set(id, { path, json });
        else if (shared) repeat = path;
        for (const key of [
          'organization_id',
          'service_id',
          'link_id',
          'taxonomy_term_id',
          'parent_organization_id',
        ]) {
          if (key in obj && !UUID.test(String(obj[key]))) problems.push(`${path}.${key} is not a UUID`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(new Set(services.map((s) => s.id)).size).toBe(services.length);
  });

  it('links every nested record to its service and organisation', () => {
    for (const s of services) {
      expect(s.organization_id, s.name).toBe(s.organization.id);
      for (const list of [
        s.phones,
        s.additional_urls,
        s.schedules,
        s.service_areas,
        s.languages,
        s.capacities,
      ]) {
        for (const item of list) expect(item.service_id, s.name).toBe(s.id);
      }
      if (s.organization.parent_organization_id) {
        const parent = services.find((x) => x.organization.id === s.organization.parent_organization_id);
        expect(parent, `${s.organization.name}: parent organisation`).toBeDefined();
      }
    }
  });

  it('uses only taxonomy terms of 0004_taxonomies.sql, labelled with their code and linked to their record', () => {
    const problems: string[] = [];
    const check = (attrs: HsdsService['attributes'], linkId: string, entity: string, where: string) => {
      for (const a of attrs) {
        const term = terms.get(a.taxonomy_term_id);
        if (!term) problems.push(`${where}: unknown taxonomy term ${a.taxonomy_term_id}`);
        else if (a.label !== term.code) problems.push(`${where}: label ${a.label} is not ${term.code}`);
        if (a.link_id !== linkId || a.link_entity !== entity)
          problems.push(`${where}: attribute ${a.id} links elsewhere`);
      }
      if (new Set(attrs.map((a) => a.taxonomy_term_id)).size !== attrs.length)
        problems.push(`${where}: a term twice`);
    };
    for (const s of services) {
      check(s.attributes, s.id, 'service', s.name);
      check(s.organization.attributes, s.organization.id, 'organization', s.organization.name);
      for (const p of s.phones) {
        check(p.attributes, p.id, 'phone', `${s.name} ${p.number}`);
        const channels = p.attributes
          .map((a) => terms.get(a.taxonomy_term_id))
          .filter((t) => t?.taxonomy === 'contact_channel');
        if (channels.length !== 1 || !['voice', 'sms', 'whatsapp'].includes(channels[0]!.code)) {
          problems.push(`${s.name} ${p.number}: needs one phone channel`);
        }
      }
      for (const u of s.additional_urls) {
        check(u.attributes, u.id, 'url', `${s.name} ${u.url}`);
        const channels = u.attributes
          .map((a) => terms.get(a.taxonomy_term_id))
          .filter((t) => t?.taxonomy === 'contact_channel');
        if (channels.length !== 1 || !['website', 'chat', 'web_form'].includes(channels[0]!.code)) {
          problems.push(`${s.name} ${u.url}: needs one url channel`);
        }
      }
      for (const taxonomy of ['exploitation_form', 'need', 'audience', 'desk_type']) {
        if (termsOf(s, taxonomy).length === 0) problems.push(`${s.name}: no ${taxonomy} term`);
      }
      if (termsOf(s, 'scope').length !== 1) problems.push(`${s.name}: needs exactly one scope`);
    }
    expect(problems).toEqual([]);
  });

  it('covers only areas of 0002_regions.sql, with a scope that matches', () => {
    const municipalityCodes = new Set(municipalities.map((m) => m.code));
    const known: Record<string, (code: string) => boolean> = {
      country: (c) => c === 'NL',
      police_unit: (c) => policeUnits.has(c),
      safety_region: (c) => safetyRegions.has(c),
      municipality: (c) => municipalityCodes.has(c),
    };
    for (const s of services) {
      const list = areas(s);
      expect(list.length, s.name).toBeGreaterThan(0);
      for (const a of list) expect(known[a.type]!(a.code), `${s.name}: ${a.type} ${a.code}`).toBe(true);
      const national = list.some((a) => a.type === 'country');
      expect(termsOf(s, 'scope'), s.name).toEqual([national ? 'national' : 'regional']);
    }
  });

  it('gives every municipality a police desk, a Veilig Thuis, a national reporting point and care coordination', () => {
    const gaps: string[] = [];
    for (const m of municipalities) {
      const here = services.filter((s) => covers(s, m));
      const unitPolice = here.filter(
        (s) => termsOf(s, 'desk_type').includes('police') && areas(s).some((a) => a.type === 'police_unit'),
      );
      const veiligThuis = here.filter(
        (s) => s.organization.name.startsWith('Veilig Thuis') && areas(s).some((a) => a.code === m.region),
      );
      const nationalReporting = here.filter(
        (s) =>
          termsOf(s, 'desk_type').includes('reporting_point') && termsOf(s, 'scope').includes('national'),
      );
      const care = here.filter(
        (s) => termsOf(s, 'desk_type').includes('care') && termsOf(s, 'need').includes('shelter'),
      );
      const emergency = here.filter((s) => termsOf(s, 'need').includes('acute_danger'));
      if (unitPolice.length !== 1) gaps.push(`${m.code} ${m.name}: ${unitPolice.length} police-unit desks`);
      if (veiligThuis.length !== 1) gaps.push(`${m.code} ${m.name}: ${veiligThuis.length} Veilig Thuis`);
      if (nationalReporting.length === 0) gaps.push(`${m.code} ${m.name}: no national reporting point`);
      if (care.length === 0) gaps.push(`${m.code} ${m.name}: no care coordination`);
      if (emergency.length === 0) gaps.push(`${m.code} ${m.name}: no emergency number`);
    }
    expect(gaps).toEqual([]);
  });

  it('shows coverage at every level: country, police unit, safety region and municipality', () => {
    const types = new Set(services.flatMap((s) => areas(s).map((a) => a.type)));
    expect([...types].sort()).toEqual(['country', 'municipality', 'police_unit', 'safety_region']);
    // One Veilig Thuis per safety region, and its national number.
    const veiligThuis = services.filter((s) => s.organization.name.startsWith('Veilig Thuis'));
    const veiligThuisAreas = new Set(veiligThuis.flatMap((s) => areas(s).map((a) => a.code)));
    expect(veiligThuisAreas.size).toBe(26);
    expect(veiligThuisAreas.has('NL')).toBe(true);
    const avim = services.filter((s) => s.name.includes('(AVIM)'));
    expect(new Set(avim.flatMap((s) => areas(s).map((a) => a.code)))).toEqual(policeUnits);
    const riec = services.filter((s) => s.organization.name.startsWith('RIEC '));
    expect(new Set(riec.flatMap((s) => areas(s).map((a) => a.code)))).toEqual(policeUnits);
  });

  it('marks every service and organisation as sample data, with a verification date and who verified it', () => {
    for (const s of services) {
      expect(termsOf(s, 'record_status'), s.name).toEqual(['sample']);
      const orgSample = s.organization.attributes.some(
        (a) => terms.get(a.taxonomy_term_id)?.code === 'sample',
      );
      expect(orgSample, s.organization.name).toBe(true);
      expect(s.assured_date, s.name).toMatch(/^2026-\d{2}-\d{2}$/);
      expect(Number.isNaN(Date.parse(s.assured_date)), s.name).toBe(false);
      expect(s.assured_date < TODAY, s.name).toBe(true);
      expect(s.assurer_email, s.name).toBe('sample-data@samen.invalid');
      expect(s.status, s.name).toBe('active');
    }
    const stale = services.filter((s) => s.assured_date < STALE_BEFORE);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(services.length / 4);
  });

  it('contains the national organisations a Dutch user expects', () => {
    const names = new Set(services.map((s) => s.organization.name));
    for (const expected of [
      'CoMensha',
      'Politie',
      'Meld Misdaad Anoniem',
      'FairWork',
      'Fier',
      'Centrum Kinderhandel Mensenhandel (CKM)',
      'Nederlandse Arbeidsinspectie',
      'Slachtofferhulp Nederland',
      'Defence for Children – ECPAT Nederland',
      'Het Juridisch Loket',
      'Immigratie- en Naturalisatiedienst (IND)',
      'Centraal Orgaan opvang asielzoekers (COA)',
      'Meldpunt Uitbuiting Minderjarigen',
      'Nidos',
      'Koninklijke Marechaussee',
      'Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)',
      'Slachtofferloket',
      'Veilig Thuis',
    ]) {
      expect(names.has(expected), expected).toBe(true);
    }
    const numbers = (s: HsdsService) => s.phones.map((p) => p.number);
    const find = (name: string) => services.filter((s) => s.name.includes(name));
    expect(find('112 Alarmnummer').flatMap(numbers)).toEqual(['112']);
    expect(find('Politie: mensenhandel melden').flatMap(numbers)).toEqual(['0900 8844']);
    expect(find('Meld Misdaad Anoniem').flatMap(numbers)).toEqual(['0800 7000']);
    expect(find('CoMensha Helpdesk').flatMap(numbers)).toEqual(['033 448 11 86']);
    expect(find('Veilig Thuis').flatMap(numbers)).toEqual(Array(26).fill('0800 2000'));
  });

  it('has 24/7 schedules only as 00:00–23:59 on all seven days', () => {
    for (const s of services) {
      for (const sch of s.schedules) {
        if (sch.description === '24/7') {
          expect(sch, s.name).toMatchObject({
            byday: 'MO,TU,WE,TH,FR,SA,SU',
            opens_at: '00:00',
            closes_at: '23:59',
          });
        }
      }
    }
    expect(services.find((s) => s.name.startsWith('112'))!.schedules[0]!.description).toBe('24/7');
  });

  it('keeps shelter addresses secret and gives shelters their places', () => {
    const shelters = services.filter((s) => termsOf(s, 'desk_type').includes('shelter'));
    for (const s of shelters) expect(s.service_at_locations, s.name).toEqual([]);
    const cosm = services.find((s) => s.name.startsWith('COSM'))!;
    expect(cosm.capacities[0]).toMatchObject({ maximum: 40, unit: { name: 'plaatsen' } });
    const omm = services.filter((s) => s.name.startsWith('OMM-opvang'));
    expect(omm).toHaveLength(6);
    for (const s of omm) {
      expect(s.capacities, s.name).toHaveLength(1);
      expect(
        areas(s).map((a) => a.type),
        s.name,
      ).toEqual(['municipality']);
    }
  });

  it('gives every service a way to reach it', () => {
    for (const s of services) {
      expect(s.phones.length + s.additional_urls.length + (s.url ? 1 : 0), s.name).toBeGreaterThan(0);
    }
  });

  it('only uses phone numbers from the routing facts and the care-coordination list (nothing unconfirmed)', () => {
    const allowed = new Set([
      '112',
      '0900 8844',
      '0800 7000',
      '033 448 11 86',
      '0800 2000',
      '0800 5151',
      '+31 70 333 44 44',
      '0900 0101',
      '0900 8020',
      // coordinators.csv (about 2018), organisation numbers only
      '020 626 38 00',
      '070 361 47 47',
      '0592 30 63 00',
      '040 219 33 88',
      '058 215 70 84',
      '055 526 92 00',
      '088 374 47 44',
      '050 312 61 23',
      '073 613 92 25',
      '010 236 52 12',
      '0475 35 99 47',
    ]);
    const used = services.flatMap((s) => s.phones.map((p) => p.number));
    expect(used.filter((n) => !allowed.has(n))).toEqual([]);
    expect(used.some((n) => n.startsWith('06'))).toBe(false);
  });
});
