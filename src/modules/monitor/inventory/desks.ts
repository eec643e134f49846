// Reporting points and knowledge centres counted live from the directory (through its door), by type, scope
// (national or regional) and region (police unit, the RIEC regions), next to the letter's reference figures
// (95 = 6 + 89 reporting points; 39 = 17 + 22 knowledge centres), with the regions no regional reporting point
// covers. Pure: the service hands in the directory's records, terms and regions.
import type { PoliceUnit, ServiceRecord, TaxonomyTerm } from '../../directory/index.js';

export const DESK_TYPES = ['reporting_point', 'knowledge_centre'] as const;
export type DeskType = (typeof DESK_TYPES)[number];

/** Kamerstuk 28 638, nr. 257: the inventory by Significant Public. */
export const LETTER_REFERENCE: Record<DeskType, { national: number; regional: number; total: number }> = {
  reporting_point: { national: 6, regional: 89, total: 95 },
  knowledge_centre: { national: 17, regional: 22, total: 39 },
};

export interface DeskCounts {
  national: number;
  regional: number;
  total: number;
}

export interface DeskInventory {
  live: Record<DeskType, DeskCounts>;
  reference: typeof LETTER_REFERENCE;
  byRegion: { unit: PoliceUnit; counts: Record<DeskType, number> }[];
  regionsWithoutReportingPoint: PoliceUnit[];
  sample: boolean;
}

export interface RegionsView {
  policeUnits: readonly PoliceUnit[];
  safetyRegion(code: string): { police_unit_code: string } | undefined;
  municipality(code: string): { policeUnit: { code: string } } | undefined;
}

function termCodes(record: ServiceRecord, terms: Map<string, TaxonomyTerm>, taxonomy: string): string[] {
  return record.taxonomy_term_ids
    .map((id) => terms.get(id))
    .filter((t): t is TaxonomyTerm => t !== undefined && t.taxonomy === taxonomy)
    .map((t) => t.code);
}

/** The police units a service's areas touch (a safety region or municipality lies in exactly one). */
function unitsOf(record: ServiceRecord, regions: RegionsView): Set<string> {
  const units = new Set<string>();
  for (const area of record.service_areas) {
    if (area.area_type === 'police_unit') units.add(area.area_code);
    else if (area.area_type === 'safety_region') {
      const r = regions.safetyRegion(area.area_code);
      if (r) units.add(r.police_unit_code);
    } else if (area.area_type === 'municipality') {
      const m = regions.municipality(area.area_code);
      if (m) units.add(m.policeUnit.code);
    }
  }
  return units;
}

export function deskInventory(
  records: ServiceRecord[],
  terms: Map<string, TaxonomyTerm>,
  regions: RegionsView,
): DeskInventory {
  const live = Object.fromEntries(
    DESK_TYPES.map((d) => [d, { national: 0, regional: 0, total: 0 }]),
  ) as Record<DeskType, DeskCounts>;
  const perUnit = new Map<string, Record<DeskType, number>>(
    regions.policeUnits.map((u) => [u.code, { reporting_point: 0, knowledge_centre: 0 }]),
  );
  let sample = false;
  for (const record of records) {
    if (record.status !== 'active') continue;
    const desks = termCodes(record, terms, 'desk_type').filter((c): c is DeskType =>
      (DESK_TYPES as readonly string[]).includes(c),
    );
    if (desks.length === 0) continue;
    sample ||= record.is_sample;
    const scope = termCodes(record, terms, 'scope');
    const national =
      scope.includes('national') ||
      (!scope.includes('regional') && record.service_areas.some((a) => a.area_type === 'country'));
    for (const desk of desks) {
      live[desk].total++;
      if (national) live[desk].national++;
      else {
        live[desk].regional++;
        for (const unit of unitsOf(record, regions)) {
          const counts = perUnit.get(unit);
          if (counts) counts[desk]++;
        }
      }
    }
  }
  const byRegion = regions.policeUnits.map((unit) => ({ unit, counts: perUnit.get(unit.code)! }));
  return {
    live,
    reference: LETTER_REFERENCE,
    byRegion,
    regionsWithoutReportingPoint: byRegion.filter((r) => r.counts.reporting_point === 0).map((r) => r.unit),
    sample,
  };
}
