// One search box for desks and information pages, in the reader's language, tolerant of typos. Documents are
// tokenised once per (locale, directory snapshot); a query token matches a document token exactly, as a prefix
// (3+ letters), or within a small edit distance. A few hundred documents: a scan is fast enough and needs no index
// server.
import { normalizeName, termLabel, type ServiceRecord, type TaxonomyTerm } from '../directory/index.js';
import type { InfoPage } from './content.js';
import { editDistance } from './places.js';

export interface SearchHit {
  kind: 'page' | 'desk';
  title: string;
  summary: string;
  path: string;
  /** The language title and summary are in (directory names are Dutch; a page may be the English fallback). */
  lang: string;
  score: number;
}

interface Doc {
  hit: Omit<SearchHit, 'score'>;
  /** weighted token sets: title tokens count most */
  fields: { tokens: Set<string>; weight: number }[];
}

const STOP = new Set([
  'de',
  'het',
  'een',
  'en',
  'van',
  'the',
  'a',
  'an',
  'and',
  'of',
  'to',
  'in',
  'op',
  'voor',
  'for',
]);

export function tokens(text: string): string[] {
  return normalizeName(text)
    .split(' ')
    .filter((w) => w.length > 1 && !STOP.has(w));
}

function tolerance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  return 2;
}

function tokenScore(query: string, doc: Set<string>): number {
  if (doc.has(query)) return 1;
  let best = 0;
  const max = tolerance(query.length);
  for (const token of doc) {
    if (query.length >= 3 && token.startsWith(query)) best = Math.max(best, 0.8);
    else if (max > 0 && Math.abs(token.length - query.length) <= max) {
      const d = editDistance(query, token, max);
      if (d <= max) best = Math.max(best, d === 1 ? 0.7 : 0.5);
    }
    if (best >= 0.8) break;
  }
  return best;
}

export class SearchIndex {
  private readonly docs: Doc[];

  constructor(pages: InfoPage[], desks: ServiceRecord[], terms: Map<string, TaxonomyTerm>, locale: string) {
    const set = (text: string) => new Set(tokens(text));
    this.docs = [
      ...pages.map((p) => ({
        hit: {
          kind: 'page' as const,
          title: p.title,
          summary: p.summary,
          path: `/guide/info/${p.slug}`,
          lang: p.locale,
        },
        fields: [
          { tokens: set(`${p.title} ${p.keywords.join(' ')}`), weight: 3 },
          { tokens: set(p.summary), weight: 2 },
          { tokens: set(p.text), weight: 1 },
        ],
      })),
      ...desks.map((r) => {
        const labels = r.taxonomy_term_ids
          .map((id) => terms.get(id))
          .filter((t): t is TaxonomyTerm => Boolean(t) && t!.taxonomy !== 'record_status')
          .map((t) => `${termLabel(t, locale)} ${t.name_nl}`)
          .join(' ');
        return {
          hit: {
            kind: 'desk' as const,
            title: r.name,
            summary: r.organization.name,
            path: `/directory/services/${r.id}`,
            lang: 'nl',
          },
          fields: [
            { tokens: set(`${r.name} ${r.alternate_name ?? ''} ${r.organization.name}`), weight: 3 },
            { tokens: set(labels), weight: 2 },
            { tokens: set(r.description), weight: 1 },
          ],
        };
      }),
    ];
  }

  /** Best matches first; every query word must match somewhere (or the result would be noise). */
  search(query: string, limit = 20): SearchHit[] {
    const words = tokens(query.slice(0, 100)).slice(0, 8);
    if (words.length === 0) return [];
    const hits: SearchHit[] = [];
    for (const doc of this.docs) {
      let total = 0;
      let all = true;
      for (const word of words) {
        let best = 0;
        for (const field of doc.fields) best = Math.max(best, tokenScore(word, field.tokens) * field.weight);
        if (best === 0) {
          all = false;
          break;
        }
        total += best;
      }
      if (all) hits.push({ ...doc.hit, score: total });
    }
    return hits
      .sort(
        (a, b) =>
          b.score - a.score ||
          (a.kind === b.kind ? a.title.localeCompare(b.title) : a.kind === 'page' ? -1 : 1),
      )
      .slice(0, limit);
  }
}
