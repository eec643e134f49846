// The signal form's rules: every choice from its list, text within its length, what was seen named, no personal
// data in an anonymous consult, and an age group that fits "minor" as it was said.
import { pickLanguages } from '../languages.js';
import type { FieldProblem } from '../../../platform/errors.js';
import { isRealDate } from '../derived.js';
import {
  AGE_GROUPS,
  CONSENTS,
  FORMS,
  GENDERS,
  isMinorAgeGroup,
  METHODS_OF_CONTROL,
  NEEDS,
  RECRUITMENT,
  SECTORS,
  SIGNALS,
  URGENCIES,
  type CaseKind,
} from '../model.js';
import { MAX_SHORT, MAX_TEXT, pick, pickMany, text } from '../core/validation.js';

export interface SignalInput {
  kind: CaseKind;
  municipality: string;
  urgency: string;
  minor: string;
  consent: string;
  vitalInterest: boolean;
  forms: string[];
  signals: string[];
  methodsOfControl: string[];
  recruitment: string[];
  sector: string;
  needs: string[];
  gender: string;
  ageGroup: string;
  citizenship: string;
  summary: string;
  name: string;
  dateOfBirth: string;
  contact: string;
  /** The languages the person speaks (languages.ts); none when not given. */
  languages?: string[];
  /** The form's one-time token: a second post with it finds the case the first made (no second case). */
  submission?: string;
}

export type ValidSignal = ReturnType<typeof validateSignal>['value'];

export function validateSignal(input: SignalInput) {
  const problems: FieldProblem[] = [];
  const kind = pick(problems, 'kind', input.kind, ['signal', 'consult'] as const);
  const urgency = pick(problems, 'urgency', input.urgency, URGENCIES);
  const minor = pick(problems, 'minor', input.minor, ['yes', 'no', 'unknown'] as const);
  const consent = pick(problems, 'consent', input.consent || 'not_asked', CONSENTS);
  const forms = pickMany(problems, 'forms', input.forms, FORMS);
  const signals = pickMany(problems, 'signals', input.signals, SIGNALS);
  const methods = pickMany(problems, 'methodsOfControl', input.methodsOfControl, METHODS_OF_CONTROL);
  const recruitment = pickMany(problems, 'recruitment', input.recruitment, RECRUITMENT);
  const needs = pickMany(problems, 'needs', input.needs, NEEDS);
  const sector = input.sector ? pick(problems, 'sector', input.sector, SECTORS) : null;
  const gender = pick(problems, 'gender', input.gender || 'unknown', GENDERS);
  const ageGroup = pick(problems, 'ageGroup', input.ageGroup || 'unknown', AGE_GROUPS);
  const citizenship = (input.citizenship || 'unknown').trim();
  if (citizenship !== 'unknown' && !/^[A-Z]{2}$/.test(citizenship))
    problems.push({ field: 'citizenship', key: 'referrals.errors.country' });
  const summary = text(problems, 'summary', input.summary, MAX_TEXT);
  const name = text(problems, 'name', input.name, MAX_SHORT);
  const contact = text(problems, 'contact', input.contact, MAX_SHORT);
  const languages = pickLanguages(problems, 'languages', input.languages ?? []);
  const dateOfBirth = input.dateOfBirth.trim();
  if (dateOfBirth && !isRealDate(dateOfBirth))
    problems.push({ field: 'dateOfBirth', key: 'referrals.errors.date' });
  if (!input.municipality) problems.push({ field: 'municipality', key: 'referrals.errors.municipality' });
  if (kind === 'signal' && forms.length === 0 && signals.length === 0 && methods.length === 0)
    problems.push({ field: 'signals', key: 'referrals.errors.whatSeen' });
  if (kind === 'consult' && (name || contact || dateOfBirth || languages.length))
    problems.push({ field: 'name', key: 'referrals.errors.consultNoPersonalData' });
  if (minor === 'yes' && ageGroup !== 'unknown' && !isMinorAgeGroup(ageGroup))
    problems.push({ field: 'ageGroup', key: 'referrals.errors.minorAge' });
  if (minor === 'no' && isMinorAgeGroup(ageGroup))
    problems.push({ field: 'ageGroup', key: 'referrals.errors.adultAge' });
  // Only what was said: "minor" is derived from the age in submitSignal (derived.ts), never from a default.
  return {
    problems,
    value: {
      kind,
      urgency,
      minor,
      consent,
      forms,
      signals,
      methods,
      recruitment,
      needs,
      sector,
      gender,
      ageGroup,
      citizenship,
      summary,
      name,
      contact,
      dateOfBirth,
      languages,
    },
  };
}
