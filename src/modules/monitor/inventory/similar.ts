// Duplicate campaigns beyond exact names (issue 21 point 8): a renamed copy of a campaign must not count twice.
// Names are compared normalised (case, accents, punctuation such as `#` and `–`, word order, a year in the name)
// and, when the organisation is the same, also near-equal (a small edit distance, or every word of the shorter
// name in the longer); either way only when the periods overlap. Pure.

/** What two campaigns are compared on (campaigns.ts's CampaignInput has these). */
interface Comparable {
  name: string;
  organisation: string;
  startYear: number;
  endYear: number | null;
}

/** Lower case, accents and punctuation gone, words sorted; a four-digit year in a name is left out. */
export function normaliseWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((w) => w !== '' && !/^(19|20)\d\d$/.test(w))
    .sort();
}

const key = (text: string) => normaliseWords(text).join(' ');

/** Levenshtein distance, two rows (names are at most 200 characters). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length]!;
}

/** The years overlap; a campaign without an end year runs up to `currentYear` (or its start, when later). */
export function periodsOverlap(a: Comparable, b: Comparable, currentYear: number): boolean {
  const end = (c: Comparable) => c.endYear ?? Math.max(c.startYear, currentYear);
  return a.startYear <= end(b) && b.startYear <= end(a);
}

export type Similarity = 'same_name' | 'near_name';

/** Why two campaigns look like one (null: they do not). */
export function similarity(a: Comparable, b: Comparable, currentYear: number): Similarity | null {
  if (!periodsOverlap(a, b, currentYear)) return null;
  const [na, nb] = [key(a.name), key(b.name)];
  if (na === '' || nb === '') return null;
  if (na === nb) return 'same_name';
  if (key(a.organisation) !== key(b.organisation)) return null;
  const longest = Math.max(na.length, nb.length);
  if (editDistance(na, nb) <= Math.max(2, Math.floor(longest * 0.15))) return 'near_name';
  const [wa, wb] = [normaliseWords(a.name), normaliseWords(b.name)];
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  const meaningful = short.filter((w) => w.length >= 4);
  if (meaningful.length > 0 && short.every((w) => long.includes(w))) return 'near_name';
  return null;
}

export interface SimilarPair<T extends Comparable> {
  a: T;
  b: T;
  why: Similarity;
}

/** Every pair among `campaigns` that looks like one campaign. */
export function similarPairs<T extends Comparable>(campaigns: T[], currentYear: number): SimilarPair<T>[] {
  const pairs: SimilarPair<T>[] = [];
  for (let i = 0; i < campaigns.length; i++)
    for (let j = i + 1; j < campaigns.length; j++) {
      const why = similarity(campaigns[i]!, campaigns[j]!, currentYear);
      if (why) pairs.push({ a: campaigns[i]!, b: campaigns[j]!, why });
    }
  return pairs;
}

/** The first of `existing` that looks like `candidate` (null: none). */
export function findSimilar<T extends Comparable>(
  candidate: Comparable,
  existing: T[],
  currentYear: number,
): { match: T; why: Similarity } | null {
  for (const match of existing) {
    const why = similarity(candidate, match, currentYear);
    if (why) return { match, why };
  }
  return null;
}
