// The routing engine: answers + a rule set + the desks that may be shown -> ranked desks, each with the rules
// that chose it. Pure and synchronous (no I/O): the service hands it the directory's in-memory records, so the
// public route, the API and the admin's "try it" all run exactly this code.
import type { Answers, Place } from './answers.js';
import { placeOf } from './answers.js';
import type { Condition, Rule, RuleSet, Selector } from './rules/schema.js';
import type { AreaType, ServiceRecord, TaxonomyTerm } from '../directory/index.js';

/** A directory service that may be shown, with how it covers the person's place. */
export interface Candidate {
  record: ServiceRecord;
  /** 'country' for national services (and for everyone when the place is not a Dutch municipality). */
  via: AreaType;
}

/** One answer that made a condition true, e.g. { key: 'minor', value: 'yes' }. */
export interface MatchedAnswer {
  key: keyof Condition;
  value: string;
}

export interface RuleHit {
  rule: Rule;
  matched: MatchedAnswer[];
}

export interface RankedDesk {
  record: ServiceRecord;
  via: AreaType;
  rank: number;
  score: number;
  /** The rules that added to the score, highest contribution first. */
  hits: RuleHit[];
  /** Kept by an `always` rule. */
  always: boolean;
}

export interface Evaluation {
  desks: RankedDesk[];
  /** Rules whose condition held, in rule-set order, with how many desks each selected. */
  fired: { rule: Rule; matched: MatchedAnswer[]; selected: number }[];
  /** Set when danger is `yes`, or when no desk could be found at all (never an empty answer). */
  emergency: boolean;
  place: Place;
}

const COVERAGE_ORDER: Record<AreaType, number> = {
  municipality: 0,
  safety_region: 1,
  police_unit: 2,
  country: 3,
};

type TermIndex = Map<string, Set<string>>;

/** Term codes per taxonomy of a record, computed once per record object. */
const termIndexes = new WeakMap<ServiceRecord, TermIndex>();

function termIndex(record: ServiceRecord, terms: Map<string, TaxonomyTerm>): TermIndex {
  let index = termIndexes.get(record);
  if (!index) {
    index = new Map();
    for (const id of record.taxonomy_term_ids) {
      const term = terms.get(id);
      if (!term) continue;
      let set = index.get(term.taxonomy);
      if (!set) index.set(term.taxonomy, (set = new Set()));
      set.add(term.code);
    }
    termIndexes.set(record, index);
  }
  return index;
}

/** The answers a condition matched, or undefined when it does not hold. Unanswered counts as `unknown`. */
export function matchCondition(
  condition: Condition | undefined,
  answers: Answers,
): MatchedAnswer[] | undefined {
  if (!condition) return [];
  const matched: MatchedAnswer[] = [];
  const check = (key: keyof Condition, given: readonly string[]) => {
    const wanted = condition[key] as readonly string[] | undefined;
    if (!wanted) return true;
    const hits = given.filter((v) => wanted.includes(v));
    for (const value of hits) matched.push({ key, value });
    return hits.length > 0;
  };
  const ok =
    check('audience', answers.audience ? [answers.audience] : []) &&
    check('form', answers.forms.length ? answers.forms : ['unknown']) &&
    check('danger', [answers.danger ?? 'unknown']) &&
    check('minor', [answers.minor ?? 'unknown']) &&
    check('need', answers.needs) &&
    check('place', [placeOf(answers)]) &&
    check('situation', [answers.situation ?? 'none']);
  return ok ? matched : undefined;
}

const TAXONOMY_KEYS = ['need', 'desk_type', 'exploitation_form', 'audience', 'access', 'scope'] as const;

export function matchSelector(
  selector: Selector,
  candidate: Candidate,
  terms: Map<string, TaxonomyTerm>,
): boolean {
  if (selector.services && !selector.services.includes(candidate.record.id)) return false;
  if (selector.coverage && !selector.coverage.includes(candidate.via)) return false;
  const index = termIndex(candidate.record, terms);
  for (const key of TAXONOMY_KEYS) {
    const wanted = selector[key];
    if (!wanted) continue;
    const have = index.get(key);
    if (!have || !wanted.some((code) => have.has(code))) return false;
  }
  return true;
}

/** Whether a desk may be shown at all to this person: age limits and the audiences it serves. */
export function eligible(
  candidate: Candidate,
  answers: Answers,
  ruleSet: RuleSet,
  terms: Map<string, TaxonomyTerm>,
): boolean {
  const { record } = candidate;
  if (answers.minor === 'yes' && record.minimum_age !== null && record.minimum_age >= 18) return false;
  if (answers.minor === 'no' && record.maximum_age !== null && record.maximum_age < 18) return false;
  const index = termIndex(record, terms);
  if (answers.audience) {
    const served = index.get('audience');
    if (served && served.size > 0) {
      let wanted = ruleSet.audience_terms[answers.audience];
      // An adult is not served by a desk that is only for minors (and professionals).
      if (answers.minor === 'no') wanted = wanted.filter((code) => code !== 'minor');
      if (!wanted.some((code) => served.has(code))) return false;
    }
  }
  if (ruleSet.require_form_match) {
    const forms = answers.forms.filter((f) => f !== 'unknown');
    const handled = index.get('exploitation_form');
    if (forms.length && handled && handled.size > 0 && !forms.some((f) => handled.has(f))) return false;
  }
  return true;
}

export function evaluate(
  ruleSet: RuleSet,
  answers: Answers,
  candidates: readonly Candidate[],
  terms: Map<string, TaxonomyTerm>,
): Evaluation {
  const pool = candidates.filter((c) => eligible(c, answers, ruleSet, terms));
  const scores = new Map<string, { candidate: Candidate; score: number; hits: RuleHit[]; always: boolean }>();
  const excluded = new Set<string>();
  const firedIds = new Set<string>();
  const fired: Evaluation['fired'] = [];

  // Fallback rules (unless_fired) run after the rules they depend on, whatever their place in the file.
  const ordered = [
    ...ruleSet.rules.filter((r) => !r.unless_fired),
    ...ruleSet.rules.filter((r) => r.unless_fired),
  ];
  for (const rule of ordered) {
    if (rule.unless_fired?.some((id) => firedIds.has(id))) continue;
    const matched = matchCondition(rule.when, answers);
    if (!matched) continue;
    const selected = pool.filter((c) => matchSelector(rule.select, c, terms));
    fired.push({ rule, matched, selected: selected.length });
    if (selected.length > 0) firedIds.add(rule.id);
    for (const candidate of selected) {
      const id = candidate.record.id;
      if (rule.exclude) {
        excluded.add(id);
        continue;
      }
      let entry = scores.get(id);
      if (!entry) scores.set(id, (entry = { candidate, score: 0, hits: [], always: false }));
      entry.score += rule.score;
      entry.hits.push({ rule, matched });
      if (rule.always) entry.always = true;
    }
  }
  // Keep fired in file order for the admin's view.
  const position = new Map(ruleSet.rules.map((r, i) => [r.id, i]));
  fired.sort((a, b) => position.get(a.rule.id)! - position.get(b.rule.id)!);

  const ranked = [...scores.values()]
    .filter((e) => !excluded.has(e.candidate.record.id) && (e.score > 0 || e.always))
    .sort(
      (a, b) =>
        b.score - a.score ||
        COVERAGE_ORDER[a.candidate.via] - COVERAGE_ORDER[b.candidate.via] ||
        a.candidate.record.name.localeCompare(b.candidate.record.name, 'nl'),
    );
  const kept = ranked.filter((e, i) => i < ruleSet.max_desks || e.always);
  const desks = kept.map((e, i) => ({
    record: e.candidate.record,
    via: e.candidate.via,
    rank: i + 1,
    score: e.score,
    hits: [...e.hits].sort((a, b) => b.rule.score - a.rule.score),
    always: e.always,
  }));
  return {
    desks,
    fired,
    emergency: answers.danger === 'yes' || desks.length === 0,
    place: placeOf(answers),
  };
}
