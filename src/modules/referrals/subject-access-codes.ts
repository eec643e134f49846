// Every list of codes the referral mechanism's model defines, and the words the person's export says them with
// (`referrals.sar.<prefix>.<code>`). The tests derive the codes from the model itself: a list or a code added
// there without its words for the person, in every language, fails them.
import { CONSENT_ANSWERS, CONSENT_METHODS, SYSTEM_CONSENT_METHODS } from './consent.js';
import { MINOR_SOURCES } from './derived.js';
import * as model from './model.js';
import { OUTCOMES } from './identification/steps.js';
import { EXIT_REASONS } from './placement-exit.js';
import { AANGIFTE, B8_OUTCOMES } from './support/codes.js';

/** Catalogue prefix per list; null where the export says the values otherwise (ages as numbers). */
export const CODE_WORDS: Record<string, string | null> = {
  STATUSES: 'status',
  CLOSE_REASONS: 'close',
  URGENCIES: 'urgency',
  TRI_STATE: 'tri',
  CONSENTS: 'consent',
  LEGAL_GROUNDS: 'ground',
  FORMS: 'form',
  METHODS_OF_CONTROL: 'control',
  RECRUITMENT: 'recruitment',
  SIGNALS: 'signal',
  SECTORS: 'sector',
  NEEDS: 'need',
  SERVICE_TYPES: 'service',
  SHELTER_CATEGORIES: 'category',
  GENDERS: 'gender',
  ORGANISATION_TYPES: 'orgType',
  CASE_KINDS: 'caseKind',
  REFERRAL_KINDS: 'referKind',
  REFERRAL_STATUSES: 'referralStatus',
  PLACEMENT_STATUSES: 'placementStatus',
  MINOR_SOURCES: 'minorSource',
  EXIT_REASONS: 'exitReason',
  CONSENT_ANSWERS: 'consentAnswer',
  CONSENT_METHODS: 'consentMethod',
  SYSTEM_CONSENT_METHODS: 'consentMethod',
  DECISION_OUTCOMES: 'outcome',
  AANGIFTE: 'aangifte',
  B8_OUTCOMES: 'b8',
  // Ages are said as numbers ("18 to 20 years"); team kinds never reach the person (teams go by name).
  AGE_GROUPS: null,
  TEAM_KINDS: null,
};

/** Every exported list of string codes in model.ts (and the minor's source, exit reasons, consent), by name. */
export function modelLists(): [string, readonly string[]][] {
  const lists: [string, readonly string[]][] = [];
  for (const [name, value] of Object.entries(model) as [string, unknown][])
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) lists.push([name, value]);
  return [
    ...lists,
    ['MINOR_SOURCES', MINOR_SOURCES],
    ['EXIT_REASONS', EXIT_REASONS],
    ['CONSENT_ANSWERS', CONSENT_ANSWERS],
    ['CONSENT_METHODS', CONSENT_METHODS],
    ['SYSTEM_CONSENT_METHODS', SYSTEM_CONSENT_METHODS],
    ['DECISION_OUTCOMES', OUTCOMES],
    ['AANGIFTE', AANGIFTE],
    ['B8_OUTCOMES', B8_OUTCOMES],
  ];
}

/** Every code of every list. */
export function modelCodes(): string[] {
  return [...new Set(modelLists().flatMap(([, codes]) => codes))];
}
