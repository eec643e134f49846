// The answers of the route, as the public pages and GET /api/v1/guide/advice both take them from a query string.
// Nothing here is stored: answers live in the URL of the page the person is on (see README: browser history).
import type { FieldProblem } from '../../platform/http/errors.js';

export const AUDIENCES = ['self', 'worried', 'professional', 'anonymous'] as const;
export const FORMS = ['sexual', 'labour', 'criminal', 'other', 'unknown'] as const;
export const TRI_STATES = ['yes', 'no', 'unknown'] as const;
export const NEEDS = ['talk', 'police', 'shelter', 'anonymous-tip', 'advice', 'rights'] as const;
export const PLACE_KEYWORDS = ['abroad', 'unknown'] as const;
/**
 * A situation that changes who can help: living in asylum reception (COA), or a minor in the Netherlands
 * without parents (an unaccompanied foreign minor, whose guardian is Nidos). Asked beside the age, not as a
 * question of its own; rules see `none` when it was not given.
 */
export const SITUATIONS = ['asylum', 'unaccompanied'] as const;

export type Audience = (typeof AUDIENCES)[number];
export type Form = (typeof FORMS)[number];
export type TriState = (typeof TRI_STATES)[number];
export type Need = (typeof NEEDS)[number];
export type Situation = (typeof SITUATIONS)[number];
/** Where it happens, as the rules see it. */
export type Place = 'netherlands' | 'abroad' | 'unknown';

export interface Answers {
  audience?: Audience;
  /** Without 'unknown' when a real form was also chosen; empty when not answered. */
  forms: Form[];
  danger?: TriState;
  /** A GMxxxx code, 'abroad' or 'unknown'. */
  municipality?: string;
  minor?: TriState;
  needs: Need[];
  situation?: Situation;
}

export const MUNICIPALITY_PATTERN = /^GM[0-9]{4}$/;
const MAX_VALUES = 10;
const MAX_LENGTH = 40;

export type RawQuery = Record<string, unknown>;

function values(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.flatMap((v) => (typeof v === 'string' ? v.split(',') : [String(v)])).map((v) => v.trim());
}

/**
 * Reads answers from a query. Multi-valued parameters may be repeated or comma-separated; single-valued ones
 * given twice with different values are an error (a manipulated link), the same value twice is not.
 * Contradictions are settled, not refused: a real form beside `unknown` wins, duplicates collapse.
 */
export function parseAnswers(query: RawQuery): ParsedAnswers {
  const problems: FieldProblem[] = [];
  const answers: Answers = { forms: [], needs: [] };

  const single = <T extends string>(
    name: string,
    allowed: readonly T[] | RegExp,
    normalize: (v: string) => string = (v) => v,
  ): T | undefined => {
    const list = values(query[name])
      .filter((v) => v !== '')
      .map(normalize);
    if (list.length === 0) return undefined;
    if (list.some((v) => v.length > MAX_LENGTH)) {
      problems.push({ field: name, key: 'guide.errors.tooLong', params: { limit: MAX_LENGTH } });
      return undefined;
    }
    if (new Set(list).size > 1) {
      problems.push({ field: name, key: 'guide.errors.repeated' });
      return undefined;
    }
    const value = list[0]!;
    const ok = Array.isArray(allowed)
      ? (allowed as readonly string[]).includes(value)
      : (allowed as RegExp).test(value);
    if (!ok) {
      problems.push({
        field: name,
        key: 'guide.errors.unknownValue',
        params: { values: Array.isArray(allowed) ? allowed.join(', ') : 'GMxxxx, abroad, unknown' },
      });
      return undefined;
    }
    return value as T;
  };

  const multi = <T extends string>(name: string, allowed: readonly T[]): T[] => {
    const list = values(query[name]).filter((v) => v !== '');
    if (list.length > MAX_VALUES) {
      problems.push({ field: name, key: 'guide.errors.tooMany', params: { limit: MAX_VALUES } });
      return [];
    }
    const bad = list.filter((v) => !(allowed as readonly string[]).includes(v));
    if (bad.length) {
      problems.push({
        field: name,
        key: 'guide.errors.unknownValue',
        params: { values: allowed.join(', ') },
      });
      return [];
    }
    // Keep the order of the allowed list, so equal answers give equal links and cache keys.
    return allowed.filter((v) => list.includes(v));
  };

  const audience = single('audience', AUDIENCES);
  if (audience) answers.audience = audience;
  let forms = multi('form', FORMS);
  if (forms.length > 1) forms = forms.filter((f) => f !== 'unknown');
  answers.forms = forms;
  const danger = single('danger', TRI_STATES);
  if (danger) answers.danger = danger;
  // GM codes are accepted in any letter case.
  const municipality = single('municipality', /^(GM[0-9]{4}|abroad|unknown)$/, (v) =>
    /^gm[0-9]{4}$/i.test(v) ? v.toUpperCase() : v,
  );
  if (municipality) answers.municipality = municipality;
  const minor = single('minor', TRI_STATES);
  if (minor) answers.minor = minor;
  answers.needs = multi('need', NEEDS);
  const situation = single('situation', SITUATIONS);
  if (situation) answers.situation = situation;
  return { answers, problems };
}

export interface ParsedAnswers {
  answers: Answers;
  problems: FieldProblem[];
}

/** The query string of a request URL, without the `?` ('' when there is none). */
export function rawQueryOf(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start + 1);
}

/**
 * parseAnswers, once per distinct query string: a few hundred query strings (links between steps, embeds of
 * the API) make up nearly all requests. Bounded, as query strings come from clients; the answers are frozen,
 * as every request with that query string shares them (and answersKey keeps their key with them).
 */
export class AnswerReader {
  private readonly parsed = new Map<string, ParsedAnswers>();

  constructor(private readonly capacity = 5000) {}

  read(rawQuery: string, query: RawQuery): ParsedAnswers {
    let result = this.parsed.get(rawQuery);
    if (result === undefined) {
      const { answers, problems } = parseAnswers(query);
      Object.freeze(answers.forms);
      Object.freeze(answers.needs);
      result = { answers: Object.freeze(answers), problems };
      if (rawQuery.length <= 500) {
        if (this.parsed.size >= this.capacity) this.parsed.clear();
        this.parsed.set(rawQuery, result);
      }
    }
    return result;
  }
}

export function placeOf(answers: Answers): Place {
  const m = answers.municipality;
  if (m && MUNICIPALITY_PATTERN.test(m)) return 'netherlands';
  if (m === 'abroad') return 'abroad';
  return 'unknown';
}

/** The answers as query parameters, in a fixed order (links between steps, the API, cache keys). */
export function answersToQuery(answers: Answers): [string, string][] {
  const out: [string, string][] = [];
  if (answers.audience) out.push(['audience', answers.audience]);
  for (const f of answers.forms) out.push(['form', f]);
  if (answers.danger) out.push(['danger', answers.danger]);
  if (answers.municipality) out.push(['municipality', answers.municipality]);
  if (answers.minor) out.push(['minor', answers.minor]);
  for (const n of answers.needs) out.push(['need', n]);
  if (answers.situation) out.push(['situation', answers.situation]);
  return out;
}

const keys = new WeakMap<Answers, string>();

/** The answers as a canonical query string (equal answers, equal text), kept per answers object. */
export function answersKey(answers: Answers): string {
  let key = keys.get(answers);
  if (key === undefined) keys.set(answers, (key = answersQueryString(answers)));
  return key;
}

export function answersQueryString(answers: Answers, extra: [string, string][] = []): string {
  const params = new URLSearchParams([...answersToQuery(answers), ...extra]);
  const text = params.toString();
  return text ? `?${text}` : '';
}
