// The pool of experts by experience: pseudonymous profiles, assignments from organisations, and the ranked
// suggestions for the coordinator, each with its reasons. Pure: the service stores, reads and audits.
//
// Ranking: an expert who is not available, or who speaks none of the languages an assignment requires, is not
// suggested (the reason is shown). The others score 3 per matching form of exploitation, 3 for minors and 3 for
// labour migration when the assignment asks for them, 2 per required language spoken, and lose 1 per assignment
// they are already doing (spreading the work). Ties go to the pseudonym in alphabetical order, so the same
// input always gives the same list.
import type { FieldProblem } from '../../../platform/errors.js';
import { CAMPAIGN_FORMS } from '../inventory/campaigns.js';

export const EXPERT_FORMS = CAMPAIGN_FORMS.filter((f) => f !== 'general');

export interface Expert {
  id: string;
  pseudonym: string;
  forms: string[];
  minors: boolean;
  labourMigration: boolean;
  languages: string[];
  available: boolean;
  hoursPerMonth: number | null;
}

/** A profile as the coordinator manages it (migration 0023): consent and retention dates, erasure, version. */
export interface ExpertProfile extends Expert {
  consentOn: string | null;
  retainUntil: string | null;
  /** Erased: the real name and contact are destroyed; the pseudonym stays for the history. */
  erased: boolean;
  /** Raised by every change; an edit must carry the version its form was opened on. */
  version: number;
}

/** The personal data, for the pool coordinator only. */
export interface ExpertIdentity {
  realName: string;
  contact: string;
}

export interface AssignmentNeeds {
  forms: string[];
  minors: boolean;
  labourMigration: boolean;
  languages: string[];
}

export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

export interface Suggestion {
  expert: Expert;
  score: number;
  reasons: Reason[];
  eligible: boolean;
}

export function rankExperts(
  needs: AssignmentNeeds,
  experts: Expert[],
  activeLoad: Map<string, number>,
  declined: ReadonlySet<string> = new Set(),
): Suggestion[] {
  const suggestions = experts.map((expert) => {
    const reasons: Reason[] = [];
    let score = 0;
    let eligible = true;
    if (declined.has(expert.id)) {
      eligible = false;
      reasons.push({ key: 'monitor.pool.reason.declined' });
    }
    if (!expert.available) {
      eligible = false;
      reasons.push({ key: 'monitor.pool.reason.unavailable' });
    }
    const forms = needs.forms.filter((f) => expert.forms.includes(f));
    if (forms.length) {
      score += 3 * forms.length;
      reasons.push({ key: 'monitor.pool.reason.forms', params: { forms: forms.join(', ') } });
    }
    if (needs.minors && expert.minors) {
      score += 3;
      reasons.push({ key: 'monitor.pool.reason.minors' });
    }
    if (needs.labourMigration && expert.labourMigration) {
      score += 3;
      reasons.push({ key: 'monitor.pool.reason.labourMigration' });
    }
    if (needs.languages.length) {
      const spoken = needs.languages.filter((l) => expert.languages.includes(l));
      if (spoken.length === 0) {
        eligible = false;
        reasons.push({
          key: 'monitor.pool.reason.noLanguage',
          params: { languages: needs.languages.join(', ') },
        });
      } else {
        score += 2 * spoken.length;
        reasons.push({ key: 'monitor.pool.reason.languages', params: { languages: spoken.join(', ') } });
      }
    }
    const load = activeLoad.get(expert.id) ?? 0;
    if (load > 0) {
      score -= load;
      reasons.push({ key: 'monitor.pool.reason.load', params: { count: load } });
    }
    return { expert, score, reasons, eligible };
  });
  return suggestions.sort(
    (a, b) =>
      Number(b.eligible) - Number(a.eligible) ||
      b.score - a.score ||
      a.expert.pseudonym.localeCompare(b.expert.pseudonym, 'nl'),
  );
}

const LANG = /^[a-z]{2}$/;

export function parseList(value: string | string[] | undefined): string[] {
  const parts = Array.isArray(value) ? value : (value ?? '').split(/[;,]/);
  return [...new Set(parts.map((v) => v.trim().toLowerCase()).filter(Boolean))];
}

export function validateNeeds(input: { forms: string[]; languages: string[] }): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const unknown = input.forms.filter((f) => !(EXPERT_FORMS as readonly string[]).includes(f));
  if (unknown.length)
    problems.push({
      field: 'forms',
      key: 'monitor.error.vocabulary',
      params: { unknown: unknown.join(', '), allowed: EXPERT_FORMS.join(', ') },
    });
  if (input.languages.some((l) => !LANG.test(l)))
    problems.push({ field: 'languages', key: 'monitor.error.languages' });
  return problems;
}
