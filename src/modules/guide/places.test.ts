// Finding a municipality from what someone typed: exact names, everyday names, typos while typing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RegionLookup, type Regions } from '../directory/index.js';
import { editDistance, findPlaces } from './places.js';

/** The real 342 municipalities, read from the migration (no database needed). */
function regionsFromMigration(): Regions {
  const sql = readFileSync(new URL('../../db/migrations/0002_regions.sql', import.meta.url), 'utf8');
  const unquote = (s: string) => s.replace(/''/g, "'");
  const policeUnits = [...sql.matchAll(/\('(PE-[a-z-]+)', '((?:[^']|'')*)', '((?:[^']|'')*)'\)/g)].map(
    (m) => ({
      code: m[1]!,
      name: unquote(m[2]!),
      riec_name: unquote(m[3]!),
    }),
  );
  const safetyRegions = [...sql.matchAll(/\('(VR\d\d)', '((?:[^']|'')*)', '(PE-[a-z-]+)'\)/g)].map((m) => ({
    code: m[1]!,
    name: unquote(m[2]!),
    police_unit_code: m[3]!,
  }));
  const municipalities = [
    ...sql.matchAll(/\('(GM\d{4})', '((?:[^']|'')*)', '((?:[^']|'')*)', '(VR\d\d)'\)/g),
  ].map((m) => ({ code: m[1]!, name: unquote(m[2]!), province: unquote(m[3]!), safety_region_code: m[4]! }));
  return { policeUnits, safetyRegions, municipalities };
}

const regions = new RegionLookup(regionsFromMigration());
const names = (input: string) => findPlaces(regions, input).map((m) => m.municipality.name);

describe('findPlaces', () => {
  it('has the 342 municipalities of 2025', () => {
    expect(regions.municipalities).toHaveLength(342);
  });

  it('finds an exact name whatever the case or accents, alone', () => {
    expect(findPlaces(regions, 'zwolle')).toEqual([
      { municipality: expect.objectContaining({ code: 'GM0193' }), exact: true },
    ]);
    expect(names('sudwest fryslan')).toEqual(['Súdwest-Fryslân']);
  });

  it('knows everyday names', () => {
    expect(names('Den Haag')).toEqual(["'s-Gravenhage"]);
    expect(names('den bosch')).toEqual(["'s-Hertogenbosch"]);
  });

  it('suggests the right town for a typo', () => {
    expect(names('Amsterdm')[0]).toBe('Amsterdam');
    expect(names('Rotterdma')[0]).toBe('Rotterdam');
    expect(names('Enschde')[0]).toBe('Enschede');
    expect(names('zwole')[0]).toBe('Zwolle');
  });

  it('suggests towns that start with what was typed', () => {
    expect(names('Haarl')).toEqual(expect.arrayContaining(['Haarlem', 'Haarlemmermeer']));
  });

  it('finds nothing for nonsense or empty input', () => {
    expect(names('xqzwv')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions', () => {
    expect(editDistance('zwolle', 'zwolle', 2)).toBe(0);
    expect(editDistance('zwole', 'zwolle', 2)).toBe(1);
    expect(editDistance('rotterdma', 'rotterdam', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});
