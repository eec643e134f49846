// The Dutch regions the directory's coverage is expressed in, held in memory (reference data that changes only
// with a migration): the country, 10 police units (= RIEC regions), 25 safety regions and 342 municipalities.
import type { CoveringAreas } from './search-repository.js';
import type { AreaType, Municipality, PoliceUnit, Regions, SafetyRegion } from './types.js';

export const COUNTRY_CODE = 'NL';
export const COUNTRY_NAME = 'Nederland';
export const AREA_TYPES: readonly AreaType[] = ['country', 'police_unit', 'safety_region', 'municipality'];
export const MUNICIPALITY_CODE = /^GM[0-9]{4}$/;

/** Lower case, without diacritics or punctuation: "Súdwest-Fryslân" and "sudwest fryslan" match. */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export interface MunicipalityInfo extends Municipality {
  safetyRegion: SafetyRegion;
  policeUnit: PoliceUnit;
}

export class RegionLookup {
  readonly municipalities: MunicipalityInfo[];
  readonly safetyRegions: SafetyRegion[];
  readonly policeUnits: PoliceUnit[];
  private readonly byMunicipality = new Map<string, MunicipalityInfo>();
  private readonly bySafetyRegion = new Map<string, SafetyRegion>();
  private readonly byPoliceUnit = new Map<string, PoliceUnit>();
  private readonly normalized: { key: string; municipality: MunicipalityInfo }[];

  constructor(regions: Regions) {
    for (const p of regions.policeUnits) this.byPoliceUnit.set(p.code, p);
    for (const r of regions.safetyRegions) this.bySafetyRegion.set(r.code, r);
    this.policeUnits = [...regions.policeUnits].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    this.safetyRegions = [...regions.safetyRegions].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    this.municipalities = regions.municipalities
      .map((m) => {
        const safetyRegion = this.bySafetyRegion.get(m.safety_region_code)!;
        return { ...m, safetyRegion, policeUnit: this.byPoliceUnit.get(safetyRegion.police_unit_code)! };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
    for (const m of this.municipalities) this.byMunicipality.set(m.code, m);
    this.normalized = this.municipalities.map((m) => ({ key: normalizeName(m.name), municipality: m }));
  }

  municipality(code: string): MunicipalityInfo | undefined {
    return this.byMunicipality.get(code);
  }

  safetyRegion(code: string): SafetyRegion | undefined {
    return this.bySafetyRegion.get(code);
  }

  policeUnit(code: string): PoliceUnit | undefined {
    return this.byPoliceUnit.get(code);
  }

  /** The areas whose services cover this municipality (besides the country itself). */
  coveringAreas(code: string): CoveringAreas | undefined {
    const m = this.byMunicipality.get(code);
    return m
      ? { municipality: m.code, safetyRegion: m.safetyRegion.code, policeUnit: m.policeUnit.code }
      : undefined;
  }

  exists(type: AreaType, code: string): boolean {
    return this.areaName(type, code) !== undefined;
  }

  /** The area's proper name (Dutch, these are names), or undefined when the code is unknown for the type. */
  areaName(type: AreaType, code: string): string | undefined {
    switch (type) {
      case 'country':
        return code === COUNTRY_CODE ? COUNTRY_NAME : undefined;
      case 'police_unit':
        return this.byPoliceUnit.get(code)?.name;
      case 'safety_region':
        return this.bySafetyRegion.get(code)?.name;
      case 'municipality':
        return this.byMunicipality.get(code)?.name;
    }
  }

  /** The type a code belongs to, judged by its form (NL, PE-…, VRxx, GMxxxx). */
  typeOfCode(code: string): AreaType | undefined {
    if (code === COUNTRY_CODE) return 'country';
    if (this.byPoliceUnit.has(code)) return 'police_unit';
    if (this.bySafetyRegion.has(code)) return 'safety_region';
    if (this.byMunicipality.has(code)) return 'municipality';
    return undefined;
  }

  /**
   * Reads what a person typed for an area: a code of any type, or a name. A name that is both a municipality
   * and a region (Groningen, Utrecht) is resolved by `preferType`, else as the municipality.
   */
  resolveArea(input: string, preferType?: AreaType): { type: AreaType; code: string } | undefined {
    const text = input.trim();
    if (!text) return undefined;
    const codes = [text, text.toUpperCase(), /^pe-/i.test(text) ? `PE-${text.slice(3).toLowerCase()}` : ''];
    for (const code of codes) {
      const type = code ? this.typeOfCode(code) : undefined;
      if (type) return { type, code };
    }
    const key = normalizeName(text);
    const candidates: { type: AreaType; code: string }[] = [];
    if (key === 'nederland' || key === 'netherlands' || key === 'the netherlands') {
      candidates.push({ type: 'country', code: COUNTRY_CODE });
    }
    for (const m of this.municipalities)
      if (normalizeName(m.name) === key) candidates.push({ type: 'municipality', code: m.code });
    for (const r of this.safetyRegions)
      if (normalizeName(r.name) === key) candidates.push({ type: 'safety_region', code: r.code });
    for (const p of this.policeUnits) {
      if (normalizeName(p.name) === key || normalizeName(p.riec_name) === key)
        candidates.push({ type: 'police_unit', code: p.code });
    }
    return (
      candidates.find((c) => c.type === preferType) ??
      candidates.find((c) => c.type === 'municipality') ??
      candidates[0]
    );
  }

  /**
   * Municipalities matching `q` by code or name: exact matches first, then names starting with it, then names
   * containing it. An empty query gives all of them.
   */
  searchMunicipalities(q: string, limit = 400): MunicipalityInfo[] {
    const text = q.trim();
    if (!text) return this.municipalities.slice(0, limit);
    const upper = text.toUpperCase();
    if (MUNICIPALITY_CODE.test(upper)) {
      const m = this.byMunicipality.get(upper);
      return m ? [m] : [];
    }
    const key = normalizeName(text);
    if (!key) return [];
    const exact: MunicipalityInfo[] = [];
    const prefix: MunicipalityInfo[] = [];
    const inside: MunicipalityInfo[] = [];
    for (const { key: name, municipality } of this.normalized) {
      if (name === key) exact.push(municipality);
      else if (name.startsWith(key)) prefix.push(municipality);
      else if (name.includes(key)) inside.push(municipality);
    }
    return [...exact, ...prefix, ...inside].slice(0, limit);
  }
}
