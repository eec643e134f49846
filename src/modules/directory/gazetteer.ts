// Every place in the Netherlands to its municipality: the 342 municipalities, 2,474 towns and villages
// (woonplaatsen), 4,053 four-digit postcodes (seed/places/pc4-places.csv, CBS facts, see its SOURCE.md) and our own
// names for districts and for the larger cities in the guide's other languages and scripts (seed/places/aliases.csv).
// One resolver for the wegwijzer's town field and the directory's town filter. A typed name that is not exactly a
// known name is never taken as one: the person confirms a near match or picks from a short list.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { MunicipalityInfo, RegionLookup } from './regions.js';

export interface PlaceCandidate {
  municipality: MunicipalityInfo;
  /** The town, village or district the name belongs to, when it is not the municipality's own name. */
  place?: string;
}

export type PlaceResolution =
  /** Exactly one municipality carries this name (or postcode). */
  | { status: 'found'; candidate: PlaceCandidate }
  /** The exact name belongs to places in several municipalities: the person picks one. */
  | { status: 'choose'; candidates: PlaceCandidate[] }
  /** No exact name, only close ones: the person must confirm one (never taken silently). */
  | { status: 'confirm'; candidates: PlaceCandidate[] }
  | { status: 'none' };

interface Entry {
  code: string;
  place?: string;
}

/**
 * The matching key: accent-, case-, punctuation- and space-insensitive, in any script ("'s-Gravenzande",
 * "s gravenzande" and "sGravenzande" are one key; so are "أمستردام" and "امستردام").
 */
export function placeKey(value: string): string {
  // Most names are plain ASCII: the quick way gives the same key.
  if (/^[\x20-\x7e]*$/.test(value)) return value.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/đ/g, 'd')
    .replace(/\u0640/g, '') // Arabic tatweel
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** CBS and the postcode table tell equal names apart with a province: "Hengelo (O.)", "Bergen L", "Beers NB". */
const PROVINCE_SUFFIX = /\s+\(?(?:L|NH|ZH|Z|O|Gld|GLD|Gn|GN|NB|Ut|AC|N\.H|Z\.H)\.?\)?$/;

export function withoutProvince(name: string): string {
  return name.replace(PROVINCE_SUFFIX, '');
}

/** The keys a name is known by: as written, without the province, without "'s-" or "'t ", Sint as St. */
function keysOf(name: string): string[] {
  const keys = new Set<string>();
  for (const variant of [name, withoutProvince(name)]) {
    keys.add(placeKey(variant));
    const article = /^'?(?:s|t)[-\s]+(.+)$/i.exec(variant);
    if (article && /^'/.test(variant)) keys.add(placeKey(article[1]!));
    const saint = /^(?:Sint|St\.?)[-\s]+(.+)$/.exec(variant);
    if (saint) {
      keys.add(placeKey(`sint ${saint[1]}`));
      keys.add(placeKey(`st ${saint[1]}`));
    }
  }
  keys.delete('');
  return [...keys];
}

/** "Westland (Naaldwijk)", or just the municipality's name. */
export function placeLabel(candidate: PlaceCandidate): string {
  return candidate.place
    ? `${candidate.municipality.name} (${candidate.place})`
    : candidate.municipality.name;
}

// Three rows reused across calls: the near match runs over some 5,000 names per request.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Damerau–Levenshtein (optimal string alignment) distance, stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rowA.length < cols) {
    rowA = new Int32Array(cols * 2);
    rowB = new Int32Array(cols * 2);
    rowC = new Int32Array(cols * 2);
  }
  // prev2 = row i-2, prev = row i-1, cur = row i
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  return prev[b.length]!;
}

/** Allowed typos grow with the length of what was typed: none for 1–3 letters, one up to 7, then two. */
function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  return 2;
}

/** Which letters (by char code, in 31 buckets) a key has: a cheap lower bound on the edit distance. */
function letterMask(key: string): number {
  let mask = 0;
  for (let i = 0; i < key.length; i++) mask |= 1 << (key.charCodeAt(i) % 31);
  return mask;
}

function bits(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v; v &= v - 1) count++;
  return count;
}

/** "ij" and "y" are one letter to many who type Dutch names ("Naaldwyk"): only for near matches. */
const fold = (key: string) => key.replace(/ij/g, 'y');

export interface PlaceRow {
  pc4: string;
  place: string;
  municipality_code: string;
}

export interface AliasRow {
  name: string;
  municipality_code: string;
  place: string;
}

const SEED = new URL('../../../seed/places/', import.meta.url);

export function readPlaceRows(): PlaceRow[] {
  return parse(readFileSync(new URL('pc4-places.csv', SEED)), { columns: true, skip_empty_lines: true });
}

export function readAliasRows(): AliasRow[] {
  return parse(readFileSync(new URL('aliases.csv', SEED)), { columns: true, skip_empty_lines: true });
}

export class Gazetteer {
  private readonly exact = new Map<string, Entry[]>();
  private readonly byPostcode = new Map<string, Entry>();
  /** Every key once, with its folded form, for near matches. */
  private readonly keys: { key: string; folded: string; mask: number; entries: Entry[] }[] = [];
  readonly placeCount: number;
  readonly postcodeCount: number;

  constructor(
    private readonly regions: RegionLookup,
    rows: PlaceRow[],
    aliases: AliasRow[],
  ) {
    const add = (name: string, entry: Entry) => {
      for (const key of keysOf(name)) {
        let list = this.exact.get(key);
        if (!list) this.exact.set(key, (list = []));
        const same = list.find((e) => e.code === entry.code);
        // One entry per municipality and key; the municipality's own name wins over a place in it.
        if (!same) list.push(entry);
        else if (same.place && !entry.place) delete same.place;
      }
    };
    for (const m of regions.municipalities) add(m.name, { code: m.code });
    const places = new Set<string>();
    for (const row of rows) {
      if (!regions.municipality(row.municipality_code)) continue;
      const municipality = regions.municipality(row.municipality_code)!;
      const place = withoutProvince(row.place);
      const ownName = placeKey(place) === placeKey(withoutProvince(municipality.name));
      const entry: Entry = ownName ? { code: municipality.code } : { code: municipality.code, place };
      this.byPostcode.set(row.pc4, entry);
      places.add(`${row.place}|${row.municipality_code}`);
      add(row.place, entry);
      // The label the lists show ("Westland (Naaldwijk)") reads back as exactly that place.
      if (!ownName) add(`${municipality.name} ${place}`, entry);
    }
    for (const alias of aliases) {
      if (!regions.municipality(alias.municipality_code)) continue;
      const entry: Entry = alias.place
        ? { code: alias.municipality_code, place: alias.place }
        : { code: alias.municipality_code };
      add(alias.name, entry);
      if (alias.place) add(`${regions.municipality(alias.municipality_code)!.name} ${alias.place}`, entry);
    }
    for (const [key, entries] of this.exact)
      this.keys.push({ key, folded: fold(key), mask: letterMask(fold(key)), entries });
    this.placeCount = places.size;
    this.postcodeCount = this.byPostcode.size;
  }

  private candidate(entry: Entry): PlaceCandidate {
    const municipality = this.regions.municipality(entry.code)!;
    return entry.place ? { municipality, place: entry.place } : { municipality };
  }

  /** What a person typed (a name in any language or script, or a postcode) to its municipality. */
  resolve(input: string, limit = 6): PlaceResolution {
    const text = input.slice(0, 100).trim();
    const postcode = /^([1-9][0-9]{3})\s*(?:[a-z]{2})?$/i.exec(text);
    if (postcode) {
      const entry = this.byPostcode.get(postcode[1]!);
      return entry ? { status: 'found', candidate: this.candidate(entry) } : { status: 'none' };
    }
    const key = placeKey(text);
    if (!key) return { status: 'none' };
    const exact = this.exact.get(key);
    if (exact?.length === 1) return { status: 'found', candidate: this.candidate(exact[0]!) };
    if (exact && exact.length > 1)
      return {
        status: 'choose',
        // The municipality of that name first, then the places, by municipality.
        candidates: exact
          .map((e) => this.candidate(e))
          .sort(
            (a, b) =>
              Number(Boolean(a.place)) - Number(Boolean(b.place)) ||
              a.municipality.name.localeCompare(b.municipality.name, 'nl'),
          ),
      };
    const near = this.near(key, limit);
    return near.length ? { status: 'confirm', candidates: near } : { status: 'none' };
  }

  private near(key: string, limit: number): PlaceCandidate[] {
    if (key.length < 3) return [];
    const typed = fold(key);
    const max = tolerance(typed.length);
    const typedMask = letterMask(typed);
    const scored = new Map<string, { entry: Entry; score: number }>();
    for (const { key: name, folded, mask, entries } of this.keys) {
      let score: number | undefined;
      if (folded.startsWith(typed)) score = (folded.length - typed.length) / 100;
      else if (bits(typedMask & ~mask) > max) {
        // More letters typed that the name lacks than typos allowed: only "contains" could match, and it cannot.
        continue;
      } else {
        // The whole name, or its start of the same length (a typo while still typing).
        const whole = editDistance(typed, folded, max);
        const start =
          folded.length > typed.length ? editDistance(typed, folded.slice(0, typed.length), max) : max + 1;
        const distance = Math.min(whole, start + 0.5);
        if (distance <= max) score = 1 + distance;
        else if (typed.length >= 4 && folded.includes(typed)) score = 4;
      }
      if (score === undefined) continue;
      // Prefer names without a place (the municipality itself) a little, and the shorter names.
      for (const entry of entries) {
        const id = `${entry.code}|${entry.place ?? ''}`;
        const s = score + (entry.place ? 0.05 : 0) + name.length / 10_000;
        const before = scored.get(id);
        if (!before || before.score > s) scored.set(id, { entry, score: s });
      }
    }
    const sorted = [...scored.values()].sort((a, b) => a.score - b.score);
    // Only names about as close as the closest: "Naaldwyk" asks about Naaldwijk alone, not also Waalwijk.
    const best = sorted[0]?.score ?? 0;
    const codes = new Set<string>();
    return (
      sorted
        .filter(({ score }) => score < best + 1)
        // Two places in one municipality lead to the same desks: the closer one only.
        .filter(({ entry }) => !codes.has(entry.code) && Boolean(codes.add(entry.code)))
        .slice(0, limit)
        .map(({ entry }) => this.candidate(entry))
    );
  }
}

const built = new WeakMap<RegionLookup, Gazetteer>();
let last: { signature: string; gazetteer: Gazetteer } | undefined;

/**
 * The gazetteer for these regions. Building it takes a noticeable fraction of a second, and a new RegionLookup
 * comes with every directory change while the municipalities only change with a migration: built once per set.
 */
export function gazetteerFor(regions: RegionLookup): Gazetteer {
  let g = built.get(regions);
  if (g) return g;
  const signature = regions.municipalities.map((m) => `${m.code}:${m.name}:${m.province}`).join('|');
  if (last?.signature === signature) g = last.gazetteer;
  else {
    g = new Gazetteer(regions, readPlaceRows(), readAliasRows());
    last = { signature, gazetteer: g };
  }
  built.set(regions, g);
  return g;
}
