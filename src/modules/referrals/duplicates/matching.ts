// Matching one person across cases without reading names in SQL (issue 20, point 6). Pure: no database, no keys
// of its own (the caller passes the keyed hash). Names are normalised (diacritics off, Cyrillic and a few letters
// transliterated, particles such as "van", "de", "el" dropped, order ignored) and reduced to a rough phonetic
// code per word; blocking keys combine those codes with each other or with the date of birth, so a case is only
// compared with the few that share one. The score (0-100) and its reasons (codes) are computed on the opened
// fields: Jaro-Winkler on the name's words, the date of birth (same, day and month swapped, one part off, other),
// nationality and sex. A date of birth known on both sides and clearly different keeps the score low, however
// common the name.

/** What is compared of a case: the opened name and date of birth, and the case's codes. */
export interface MatchPerson {
  name: string | null;
  dateOfBirth: string | null;
  /** ISO country code, '' when not known. */
  citizenship: string;
  gender: string;
  municipalityCode: string;
  safetyRegionCode: string;
}

const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'h',
  ґ: 'g',
  д: 'd',
  е: 'e',
  є: 'ye',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'y',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'a',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
const LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};
/** Words that say where a name comes from rather than whose it is. */
const PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  'ten',
  'ter',
  'te',
  'la',
  'le',
  'el',
  'al',
  'bin',
  'ben',
  'ibn',
  'bint',
  'da',
  'dos',
  'das',
  'di',
  'du',
  'von',
  'y',
  'abu',
  'ould',
]);

/**
 * The name's words: lower case, without diacritics, transliterated, without particles, in the order given. Single
 * letters (initials) are left out unless `initials` is set: they make poor blocking keys, but when two names are
 * compared an initial is part of the name ("Maria K." is not "Maria P.").
 */
export function nameWords(name: string | null, o: { initials?: boolean } = {}): string[] {
  if (!name) return [];
  const lowered = name.toLowerCase();
  let latin = '';
  for (const ch of lowered) latin += CYRILLIC[ch] ?? LETTERS[ch] ?? ch;
  return latin
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]+/g, ' ')
    .split(' ')
    .filter((w) => (w.length >= 2 || (o.initials === true && w.length === 1)) && !PARTICLES.has(w))
    .slice(0, 6);
}

/**
 * A rough phonetic code: spellings that sound alike (ph/f, c/k, z/s, y/ij/i, kh/ch/g, doubled letters, vowels after
 * the first letter) give one code, so "Mohammed", "Muhammad" and "Mohamed" share it, as do "Jansen" and "Janssen".
 */
export function soundCode(word: string): string {
  const simpler = word
    .replace(/sch/g, 's')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/(kh|gh|ch)/g, 'g')
    .replace(/[cq]/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/z/g, 's')
    .replace(/w/g, 'v')
    .replace(/dt/g, 't')
    .replace(/th/g, 't')
    .replace(/sh/g, 's')
    .replace(/ij/g, 'i')
    .replace(/y/g, 'i');
  const first = simpler[0] ?? '';
  const rest = simpler.slice(1).replace(/[aeiouh]/g, '');
  return (first + rest).replace(/(.)\1+/g, '$1').slice(0, 5);
}

/**
 * The blocking keys of a person, in the clear (the caller stores only their keyed hash): every pair of the name's
 * sound codes (order ignored), and each code with the date of birth whose day and month are put in order (so a
 * swapped day and month still meet). A single-word name without a date of birth gives none: too common to block on.
 */
export function blockingKeys(person: Pick<MatchPerson, 'name' | 'dateOfBirth'>): string[] {
  const codes = [...new Set(nameWords(person.name).map(soundCode))].sort();
  const keys = new Set<string>();
  for (let i = 0; i < codes.length; i++)
    for (let j = i + 1; j < codes.length; j++) keys.add(`n|${codes[i]}|${codes[j]}`);
  const dob = /^(\d{4})-(\d{2})-(\d{2})$/.exec(person.dateOfBirth ?? '');
  if (dob) {
    const [month, day] = [dob[2]!, dob[3]!].sort();
    for (const code of codes) keys.add(`d|${code}|${dob[1]}|${month}|${day}`);
  }
  return [...keys];
}

/** Jaro-Winkler similarity of two words (0 to 1). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  if (!a.length || !b.length) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const matchedA = new Array<boolean>(a.length).fill(false);
  const matchedB = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++)
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++)
      if (!matchedB[j] && a[i] === b[j]) {
        matchedA[i] = matchedB[j] = true;
        matches++;
        break;
      }
  if (!matches) return 0;
  let transpositions = 0;
  for (let i = 0, k = 0; i < a.length; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / a.length + m / b.length + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * How alike two names are (0 to 1), word by word, each word to its best match on the other side, order ignored; an
 * initial counts as a word ("J." is close to "John", far from "Peter").
 */
export function nameSimilarity(a: string | null, b: string | null) {
  const left = nameWords(a, { initials: true });
  const right = nameWords(b, { initials: true });
  if (!left.length || !right.length) return { similarity: 0, reordered: false };
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  const free = new Set(longer.map((_w, i) => i));
  let total = 0;
  let reordered = false;
  shorter.forEach((word, i) => {
    let best = 0;
    let at = -1;
    for (const j of free) {
      const s = jaroWinkler(word, longer[j]!);
      if (s > best) [best, at] = [s, j];
    }
    if (at >= 0) free.delete(at);
    if (at !== i) reordered = true;
    total += best;
  });
  // A missing word (a second given name on one side only) costs a little, not as much as a wrong one.
  const missing = longer.length - shorter.length;
  return { similarity: total / (shorter.length + missing * 0.25), reordered };
}

type DateMatch = 'same' | 'transposed' | 'near' | 'differs' | 'missing';

function dateMatch(a: string | null, b: string | null): DateMatch {
  const x = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a ?? '');
  const y = /^(\d{4})-(\d{2})-(\d{2})$/.exec(b ?? '');
  if (!x || !y) return 'missing';
  if (x[0] === y[0]) return 'same';
  if (x[1] === y[1] && x[2] === y[3] && x[3] === y[2]) return 'transposed';
  const same = [x[1] === y[1], x[2] === y[2], x[3] === y[3]].filter(Boolean).length;
  // One part off (a typo in the day, the month or the year).
  return same === 2 ? 'near' : 'differs';
}

/** Pairs at or above this score are shown to the national coordination. */
export const SHOWN_FROM = 60;

const known = (code: string) => code !== '' && code !== 'unknown';

/** The score (0-100) of two cases being one person, and why (reason codes, said in words on the page). */
export function scorePair(
  a: MatchPerson,
  b: MatchPerson,
  o: { commonName?: boolean } = {},
): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  const name = nameSimilarity(a.name, b.name);
  if (name.similarity >= 0.97) reasons.push('name_same');
  else if (name.similarity >= 0.85) reasons.push('name_similar');
  else reasons.push('name_different');
  if (name.reordered && name.similarity >= 0.85) reasons.push('name_order');
  const dob = dateMatch(a.dateOfBirth, b.dateOfBirth);
  reasons.push(`dob_${dob}`);
  const dobWeight = { same: 1, transposed: 0.8, near: 0.6, differs: 0, missing: 0.4 }[dob];
  let citizenship = 0.5;
  if (known(a.citizenship) && known(b.citizenship)) {
    citizenship = a.citizenship === b.citizenship ? 1 : 0;
    reasons.push(citizenship ? 'nationality_same' : 'nationality_differs');
  }
  let sex = 0.5;
  if (known(a.gender) && known(b.gender)) {
    sex = a.gender === b.gender ? 1 : 0;
    reasons.push(sex ? 'sex_same' : 'sex_differs');
  }
  // Where: by code, so two places with look-alike names (Bergen in Noord-Holland and in Limburg) are not one.
  if (a.municipalityCode === b.municipalityCode) reasons.push('place_same');
  else reasons.push(a.safetyRegionCode === b.safetyRegionCode ? 'region_same' : 'region_other');
  let score = 100 * (0.55 * name.similarity + 0.25 * dobWeight + 0.1 * citizenship + 0.1 * sex);
  // Two known dates of birth that are not one date mistyped: two people, however alike the name.
  if (dob === 'differs') score = Math.min(score, 30);
  // A common name (many cases share its name block) with a date of birth missing on one side or one part off: not
  // enough to ask anyone to look (among thousands of Mohamed Ahmeds some are born in the same month); with the same
  // date of birth, or day and month swapped, it still is.
  if (o.commonName && name.similarity >= 0.85) reasons.push('name_common');
  if (o.commonName && (dob === 'missing' || dob === 'near')) score = Math.min(score, SHOWN_FROM - 5);
  // A name that does not match is not the same person, whatever else matches.
  if (name.similarity < 0.8) score = Math.min(score, 40);
  return { score: Math.round(score), reasons };
}
