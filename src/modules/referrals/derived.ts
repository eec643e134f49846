// Facts the system derives rather than hears: whether the person is a minor (from the date of birth or the age
// group, when the professional did not say), and the legal ground to share (from consent, the minor and a
// recorded vital interest). Nothing is derived from a default: an unanswered field stays "unknown". Pure rules,
// so the service and the tests use the same ones.
import { ageOn, isMinorAgeGroup, type LegalGround } from './model.js';

export const MINOR_SOURCES = ['given', 'derived', 'corrected'] as const;
export type MinorSource = (typeof MINOR_SOURCES)[number];
export type TriState = 'yes' | 'no' | 'unknown';

/**
 * Whether the person is a minor: what the professional said, else what the date of birth says, else what the
 * age group says (0–8 and 9–17 are minors, every other group is not), else unknown.
 */
export function deriveMinor(o: {
  given: TriState;
  ageGroup: string;
  dateOfBirth?: string | null;
  on: string;
}): { minor: TriState; source: MinorSource } {
  if (o.given !== 'unknown') return { minor: o.given, source: 'given' };
  if (o.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(o.dateOfBirth)) {
    const age = ageOn(o.dateOfBirth, o.on);
    if (age >= 0 && age <= 130) return { minor: age < 18 ? 'yes' : 'no', source: 'derived' };
  }
  if (o.ageGroup !== 'unknown')
    return { minor: isMinorAgeGroup(o.ageGroup) ? 'yes' : 'no', source: 'derived' };
  return { minor: 'unknown', source: 'given' };
}

/** The legal ground for sharing: consent, else a minor (child protection), else a recorded vital interest. */
export function legalGroundOf(consent: string, minor: string, vitalInterest: boolean): LegalGround | null {
  if (consent === 'yes') return 'consent';
  if (minor === 'yes') return 'minor';
  if (vitalInterest) return 'vital_interest';
  return null;
}

/** Whether a date (YYYY-MM-DD) exists in the calendar: 30 February does not. */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * EU member states, the other EEA states and Switzerland (ISO 3166-1 alpha-2; Greece as GR). Their nationals
 * may stay in the Netherlands anyway: the reflection period (Vreemdelingencirculaire B8/3) is for others.
 */
const EUROPEAN_NATIONALITIES = new Set(
  ('AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE ' + 'IS LI NO CH').split(
    ' ',
  ),
);

export function isEuropeanNational(citizenship: string): boolean {
  return EUROPEAN_NATIONALITIES.has(citizenship.toUpperCase());
}
