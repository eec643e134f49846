// Every place in the Netherlands to its municipality (seed/places): every municipality by its name, every
// four-digit postcode, villages in every province, the places the issue names, city names in other languages and
// scripts; and the guarantee that matters most: a name that is not exactly known is never taken silently.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  editDistance,
  Gazetteer,
  placeKey,
  placeLabel,
  readAliasRows,
  readPlaceRows,
  withoutProvince,
  type PlaceResolution,
} from './gazetteer.js';
import { RegionLookup } from './regions.js';
import type { Regions } from './types.js';

/** The real 342 municipalities, read from the migration (no database needed). */
function regionsFromMigration(): Regions {
  const sql = readFileSync(new URL('../../db/migrations/0002_regions.sql', import.meta.url), 'utf8');
  const unquote = (s: string) => s.replace(/''/g, "'");
  const policeUnits = [...sql.matchAll(/\('(PE-[a-z-]+)', '((?:[^']|'')*)', '((?:[^']|'')*)'\)/g)].map(
    (m) => ({ code: m[1]!, name: unquote(m[2]!), riec_name: unquote(m[3]!) }),
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
const rows = readPlaceRows();
const aliases = readAliasRows();
const gazetteer = new Gazetteer(regions, rows, aliases);
const WESTLAND = 'GM1783';
const DEN_HAAG = 'GM0518';

/** The municipality code when the input resolves by itself; otherwise the status. */
function resolved(input: string): string {
  const r = gazetteer.resolve(input);
  return r.status === 'found' ? r.candidate.municipality.code : r.status;
}

const codesOf = (r: PlaceResolution) =>
  r.status === 'found'
    ? [r.candidate.municipality.code]
    : r.status === 'none'
      ? []
      : r.candidates.map((c) => c.municipality.code);

describe('the seed data (seed/places)', () => {
  it('holds 4,053 postcodes and 2,474 place–municipality pairs, every one in a 2025 municipality', () => {
    expect(regions.municipalities).toHaveLength(342);
    expect(rows).toHaveLength(4053);
    expect(rows.filter((r) => !regions.municipality(r.municipality_code))).toEqual([]);
    expect(gazetteer.postcodeCount).toBe(4053);
    expect(gazetteer.placeCount).toBe(2474);
    const covered = new Set(rows.map((r) => r.municipality_code));
    expect(regions.municipalities.filter((m) => !covered.has(m.code)).map((m) => m.name)).toEqual([]);
  });

  it('names only municipalities that exist in every alias', () => {
    expect(aliases.filter((a) => !regions.municipality(a.municipality_code))).toEqual([]);
    expect(aliases.length).toBeGreaterThan(100);
  });

  const shared = fileURLToPath(new URL('../../../../shared/data/nl-places/pc4-places.csv', import.meta.url));
  const haveShared = existsSync(shared);
  const ci = process.env.CI === 'true';
  if (!haveShared && !ci) console.log(`gazetteer: ${shared} not found; comparison with the source skipped`);
  it.skipIf(!haveShared && !ci)('is the shared source file, byte for byte', () => {
    if (!haveShared) throw new Error(`CI: the source data is required at ${shared}`);
    const ours = readFileSync(new URL('../../../seed/places/pc4-places.csv', import.meta.url));
    expect(ours.equals(readFileSync(shared))).toBe(true);
  });
});

describe('every municipality', () => {
  it('resolves by its own name, whatever the case, accents and punctuation', () => {
    const wrong: string[] = [];
    for (const m of regions.municipalities) {
      for (const typed of [m.name, m.name.toUpperCase(), placeKey(m.name)]) {
        const r = gazetteer.resolve(typed);
        // A few names are also a village elsewhere (Hoorn on Terschelling): then the person picks, and the
        // municipality of that name comes first.
        const ok =
          (r.status === 'found' && r.candidate.municipality.code === m.code) ||
          (r.status === 'choose' && r.candidates[0]!.municipality.code === m.code && !r.candidates[0]!.place);
        if (!ok) wrong.push(`${typed}: ${r.status} ${codesOf(r).join(' ')}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('resolves by its CBS code name without the province suffix as a choice that includes it', () => {
    expect(codesOf(gazetteer.resolve('Hengelo'))).toEqual(expect.arrayContaining(['GM0164']));
    expect(gazetteer.resolve('Hengelo').status).toBe('choose');
    expect(resolved('Hengelo (O.)')).toBe('GM0164');
  });
});

describe('every four-digit postcode', () => {
  it('resolves to the municipality of the source, with or without the letters', () => {
    const wrong = rows.filter((r) => resolved(r.pc4) !== r.municipality_code);
    expect(wrong).toEqual([]);
    expect(resolved('2671 AB')).toBe(WESTLAND);
    expect(resolved('2671ab')).toBe(WESTLAND);
  });

  it('never guesses for a postcode that does not exist', () => {
    const known = new Set(rows.map((r) => r.pc4));
    const missing = Array.from({ length: 9000 }, (_, i) => String(1000 + i)).filter((pc) => !known.has(pc));
    expect(missing.length).toBeGreaterThan(100);
    for (const pc of ['0000', '0123', ...missing.slice(0, 50)])
      expect(`${pc}: ${gazetteer.resolve(pc).status}`).toBe(`${pc}: none`);
  });
});

describe('villages in every province', () => {
  it('resolve to their municipality (a sample of ten places per province that only one municipality has)', () => {
    const byName = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = placeKey(withoutProvince(r.place));
      if (!byName.has(key)) byName.set(key, new Set());
      byName.get(key)!.add(r.municipality_code);
    }
    const provinces = [...new Set(regions.municipalities.map((m) => m.province))];
    expect(provinces).toHaveLength(12);
    for (const province of provinces) {
      const unique = [...new Map(rows.map((r) => [r.place, r])).values()]
        .filter((r) => regions.municipality(r.municipality_code)!.province === province)
        .filter((r) => byName.get(placeKey(withoutProvince(r.place)))!.size === 1);
      // Ten spread over the province's list (Flevoland has fewer places than that).
      const step = Math.max(1, Math.floor(unique.length / 10));
      const sample = unique.filter((_, i) => i % step === 0).slice(0, 10);
      expect(sample.length, province).toBeGreaterThanOrEqual(Math.min(10, unique.length));
      expect(unique.length, province).toBeGreaterThanOrEqual(5);
      for (const r of sample)
        expect(`${r.place}: ${resolved(r.place)}`).toBe(`${r.place}: ${r.municipality_code}`);
    }
  });
});

describe('the places of the issue', () => {
  it('puts the Westland villages in Westland, never in Waalwijk, Moerdijk or Wageningen', () => {
    for (const village of [
      'Naaldwijk',
      'Poeldijk',
      'Wateringen',
      'De Lier',
      'Monster',
      "'s-Gravenzande",
      's-Gravenzande',
      'sGravenzande',
      'Gravenzande',
      'Honselersdijk',
      'naaldwijk ',
      'POELDIJK',
    ])
      expect(`${village}: ${resolved(village)}`).toBe(`${village}: ${WESTLAND}`);
  });

  it('says which village it understood', () => {
    const r = gazetteer.resolve('Naaldwijk');
    expect(r.status === 'found' && placeLabel(r.candidate)).toBe('Westland (Naaldwijk)');
    expect(resolved('Westland (Naaldwijk)')).toBe(WESTLAND);
  });

  it('knows Hoofddorp, Zaandam, Scheveningen, Den Haag and Den Bosch', () => {
    expect(resolved('Hoofddorp')).toBe('GM0394');
    expect(resolved('Zaandam')).toBe('GM0479');
    expect(resolved('Scheveningen')).toBe(DEN_HAAG);
    expect(resolved('Den Haag')).toBe(DEN_HAAG);
    expect(resolved('den-haag')).toBe(DEN_HAAG);
    expect(resolved("'s-Gravenhage")).toBe(DEN_HAAG);
    expect(resolved('Den Bosch')).toBe('GM0796');
    expect(resolved('Weesp')).toBe('GM0363');
  });

  it('knows the larger cities in the guide’s other languages and scripts', () => {
    for (const name of ['The Hague', 'La Haya', 'La Haye', 'Haga', 'Hága', 'Haia', 'Гаага', 'Хага', 'لاهاي'])
      expect(`${name}: ${resolved(name)}`).toBe(`${name}: ${DEN_HAAG}`);
    for (const name of ['Амстердам', 'أمستردام', 'امستردام', 'Amszterdam'])
      expect(`${name}: ${resolved(name)}`).toBe(`${name}: GM0363`);
    expect(resolved('Роттердам')).toBe('GM0599');
    expect(resolved('Ротердам')).toBe('GM0599');
    expect(resolved('روتردام')).toBe('GM0599');
    expect(resolved('Утрехт')).toBe('GM0344');
    expect(resolved('Ейндговен')).toBe('GM0772');
    expect(resolved('Nimègue')).toBe('GM0268');
    expect(resolved('Bois-le-Duc')).toBe('GM0796');
    expect(resolved('Схевенінген')).toBe(DEN_HAAG);
    expect(resolved('Налдвейк')).toBe(WESTLAND);
    // At least thirty of the largest cities have a name in Cyrillic and in Arabic script.
    const cities = (script: RegExp) =>
      new Set(aliases.filter((a) => script.test(a.name) && !a.place).map((a) => a.municipality_code));
    expect(cities(/\p{Script=Cyrillic}/u).size).toBeGreaterThanOrEqual(30);
    expect(cities(/\p{Script=Arabic}/u).size).toBeGreaterThanOrEqual(30);
  });
});

describe('near misses are never taken silently', () => {
  it('asks about a misspelt village and offers the right one first', () => {
    for (const typed of ['Naaldwyk', 'Naaldwjik', 'Poeldyk', 'Wateringe', 'Honselersdyk', 'Hoofdorp']) {
      const r = gazetteer.resolve(typed);
      expect(`${typed}: ${r.status}`).toBe(`${typed}: confirm`);
      expect(r.status === 'confirm' && r.candidates[0]!.municipality.code, typed).toBe(
        typed === 'Hoofdorp' ? 'GM0394' : WESTLAND,
      );
    }
  });

  it('asks about typos in city names', () => {
    for (const [typed, code] of [
      ['Amsterdm', 'GM0363'],
      ['Rotterdma', 'GM0599'],
      ['zwole', 'GM0193'],
      ['Амстердм', 'GM0363'],
    ] as const) {
      const r = gazetteer.resolve(typed);
      expect(r.status, typed).toBe('confirm');
      expect(codesOf(r), typed).toContain(code);
    }
  });

  it('offers a short list for the start of a name', () => {
    const r = gazetteer.resolve('Haarl');
    expect(r.status).toBe('confirm');
    expect(codesOf(r)).toEqual(expect.arrayContaining(['GM0392', 'GM0394']));
    expect(codesOf(r).length).toBeLessThanOrEqual(6);
  });

  it('finds nothing for nonsense, empty or hostile input', () => {
    for (const typed of ['xqzwv', '   ', '', '<script>', "' OR 1=1 --", 'a'.repeat(5000), '🙂🙂🙂'])
      expect(gazetteer.resolve(typed).status, typed.slice(0, 20)).toBe('none');
  });

  it('never resolves a name with one letter dropped, doubled or changed unless that is itself a known name', () => {
    // Every name as written, without the province suffix, and without a leading 's- or 't.
    const known = new Set(
      [
        ...rows.map((r) => r.place),
        ...regions.municipalities.map((m) => m.name),
        ...aliases.map((a) => a.name),
      ]
        .flatMap((n) => [n, withoutProvince(n)])
        .flatMap((n) => [placeKey(n), placeKey(n.replace(/^'[st][-\s]+/, ''))]),
    );
    const names = [...new Set([...rows.map((r) => r.place), ...aliases.map((a) => a.name)])];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.nat(),
        fc.constantFrom('drop', 'double', 'change'),
        (name, at, how) => {
          const i = at % name.length;
          const typed =
            how === 'drop'
              ? name.slice(0, i) + name.slice(i + 1)
              : how === 'double'
                ? name.slice(0, i + 1) + name.slice(i)
                : `${name.slice(0, i)}q${name.slice(i + 1)}`;
          const r = gazetteer.resolve(typed);
          if (r.status !== 'found') return true;
          // Found: only when the mutation is itself a known name (or the same key as the original).
          return known.has(placeKey(typed)) || placeKey(typed).length === 0 || /^\d{4}/.test(typed);
        },
      ),
      { numRuns: 2000, seed: 15 },
    );
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
