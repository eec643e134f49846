// Finding a municipality from what a person typed, tolerant of typos ("Amsterdm", "zwole"), of missing accents
// and of everyday names ("Den Haag" for 's-Gravenhage). Runs on the server so it works without JavaScript;
// the script only asks the same function while typing. 342 names: a linear scan is microseconds.
import { normalizeName, type MunicipalityInfo, type RegionLookup } from '../directory/index.js';

/** Everyday names and old spellings people type for a municipality's official name. */
const ALIASES: Record<string, string> = {
  'den haag': 's gravenhage',
  'the hague': 's gravenhage',
  'la haye': 's gravenhage',
  haag: 's gravenhage',
  'den bosch': 's hertogenbosch',
  hertogenbosch: 's hertogenbosch',
};

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let best = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/** Allowed typos grow with the length of what was typed: none for 1–3 letters, one up to 7, then two. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

export interface PlaceMatch {
  municipality: MunicipalityInfo;
  /** exact: the name (or alias) as typed; otherwise a suggestion. */
  exact: boolean;
}

/**
 * Municipalities for a typed name: an exact (accent- and case-insensitive) match alone when there is one,
 * otherwise up to `limit` suggestions, best first (prefix, then fewest typos, then containing the text).
 */
export function findPlaces(regions: RegionLookup, input: string, limit = 8): PlaceMatch[] {
  const typed = normalizeName(input.slice(0, 100));
  if (!typed) return [];
  const key = ALIASES[typed] ?? typed;
  const exact = regions.municipalities.filter((m) => normalizeName(m.name) === key);
  if (exact.length) return exact.map((municipality) => ({ municipality, exact: true }));
  const max = tolerance(key.length);
  const scored: { municipality: MunicipalityInfo; score: number }[] = [];
  for (const municipality of regions.municipalities) {
    const name = normalizeName(municipality.name);
    let score: number | undefined;
    if (name.startsWith(key)) score = 0;
    else {
      // Compare with the whole name and with its start of the same length (a typo while still typing).
      const whole = editDistance(key, name, max);
      const start = editDistance(key, name.slice(0, key.length), max);
      const distance = Math.min(whole, start + 0.5);
      if (distance <= max) score = 1 + distance;
      else if (key.length >= 3 && name.includes(key)) score = 4;
    }
    if (score !== undefined) scored.push({ municipality, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.municipality.name.localeCompare(b.municipality.name, 'nl'))
    .slice(0, limit)
    .map(({ municipality }) => ({ municipality, exact: false }));
}
