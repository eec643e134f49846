// The referral mechanism's vocabulary and its pure rules: the case states and the transitions allowed between
// them, the lists a signal is made of (HTCDS 2.0 methods of control and recruitment, forms of exploitation,
// needs), shelter categories, and the working-day deadline. No I/O here, so the rules are tested directly.

export const STATUSES = [
  'received',
  'triage',
  'assessment',
  'referral',
  'placement',
  'follow_up',
  'closed',
] as const;
export type CaseStatus = (typeof STATUSES)[number];

/** The steps a case may take. "Reopen" is closed -> assessment; a consult is answered by closing it. */
const SIGNAL_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['triage', 'closed'],
  triage: ['assessment', 'closed'],
  assessment: ['referral', 'closed'],
  referral: ['placement', 'follow_up', 'closed'],
  placement: ['follow_up', 'closed'],
  follow_up: ['referral', 'closed'],
  closed: ['assessment'],
};
const CONSULT_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  received: ['closed'],
  triage: ['closed'],
  assessment: ['closed'],
  referral: ['closed'],
  placement: ['closed'],
  follow_up: ['closed'],
  closed: [],
};

export type CaseKind = 'signal' | 'consult';

export function allowedTransitions(kind: CaseKind, from: CaseStatus): readonly CaseStatus[] {
  return (kind === 'consult' ? CONSULT_TRANSITIONS : SIGNAL_TRANSITIONS)[from];
}

export function isStatus(value: string): value is CaseStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export const CLOSE_REASONS = [
  'placed_and_stable',
  'no_trafficking',
  'declined_help',
  'transferred_abroad',
  'lost_contact',
  'consult_answered',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export const URGENCIES = ['acute', 'high', 'normal'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const TRI_STATE = ['yes', 'no', 'unknown'] as const;
export const CONSENTS = ['yes', 'no', 'not_asked'] as const;
export type Consent = (typeof CONSENTS)[number];
export const LEGAL_GROUNDS = ['consent', 'minor', 'vital_interest'] as const;
export type LegalGround = (typeof LEGAL_GROUNDS)[number];

export const FORMS = ['sexual', 'labour', 'criminal', 'other'] as const;

/** HTCDS 2.0 vic_MethodsOfControl. */
export const METHODS_OF_CONTROL = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'Other',
] as const;

/** HTCDS 2.0 vic_MethodOfRecruitment. */
export const RECRUITMENT = [
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
] as const;

/** The wegwijzer's signals, as a professional ticks them (the information pages describe each). */
export const SIGNALS = [
  'no_id_documents',
  'lives_at_work',
  'not_free_to_leave',
  'scared_or_controlled',
  'injuries',
  'no_or_little_pay',
  'debt_to_employer',
  'someone_speaks_for_them',
  'many_clients_or_hours',
  'forced_into_crime',
  'new_expensive_things',
  'missing_from_care',
] as const;

export const SECTORS = [
  'sex_work',
  'agriculture',
  'construction',
  'hospitality',
  'logistics',
  'cleaning',
  'domestic_work',
  'manufacturing',
  'drug_crime',
  'property_crime',
  'other',
] as const;

export const NEEDS = ['care', 'shelter', 'legal_aid', 'police_report', 'interpreter', 'medical'] as const;

export const SERVICE_TYPES = [
  'care',
  'shelter',
  'legal_aid',
  'police_report',
  'interpreter',
  'coordination',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SHELTER_CATEGORIES = ['women', 'men', 'minors', 'cosm', 'multi_problem'] as const;
export type ShelterCategory = (typeof SHELTER_CATEGORIES)[number];

/** The kinds of case, referral and their answers, as the tables' checks allow them. */
export const CASE_KINDS = ['signal', 'consult'] as const;
export const REFERRAL_KINDS = ['refer', 'transfer'] as const;
export const REFERRAL_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export const PLACEMENT_STATUSES = [
  'requested',
  'accepted',
  'declined',
  'waiting',
  'cancelled',
  'exited',
] as const;

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;
/** Age groups as CTDC publishes them (ageBroad), so national figures line up with the data hub. */
export const AGE_GROUPS = [
  '0--8',
  '9--17',
  '18--20',
  '21--23',
  '24--26',
  '27--29',
  '30--38',
  '39--47',
  '48+',
  'unknown',
] as const;

export const TEAM_KINDS = ['first_line', 'care_coordination', 'shelter', 'national'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/** Types of referring organisation, for the registration. */
export const ORGANISATION_TYPES = [
  'police',
  'marechaussee',
  'labour_inspectorate',
  'youth_care',
  'municipality',
  'health_care',
  'education',
  'ngo',
  'shelter',
  'care_coordination',
  'comensha',
  // The children's route (issue 20, point 5): the guardian organisation (Nidos) and Veilig Thuis.
  'guardian',
  'veilig_thuis',
  'other',
] as const;

export function ageGroupOf(minor: string, ageGroup: string): string {
  if (ageGroup !== 'unknown') return ageGroup;
  return minor === 'yes' ? '9--17' : 'unknown';
}

export function isMinorAgeGroup(ageGroup: string): boolean {
  return ageGroup === '0--8' || ageGroup === '9--17';
}

// ---- age, for routing ----------------------------------------------------------------------------------

/** Ages in whole years, both ends included. */
export interface AgeRange {
  from: number;
  to: number;
}

const OLDEST = 130;

/** Whole years between a date of birth and a date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * What a signal says about the person's age, as precisely as it says it: the date of birth, else the age group,
 * else whether the person is a minor. Undefined when it says nothing.
 */
export function ageRangeOf(o: {
  dateOfBirth?: string | null;
  ageGroup: string;
  minor: string;
  on: string;
}): AgeRange | undefined {
  if (o.dateOfBirth) {
    const age = ageOn(o.dateOfBirth, o.on);
    if (age >= 0 && age <= OLDEST) return { from: age, to: age };
  }
  const group = /^(\d+)--(\d+)$/.exec(o.ageGroup);
  if (group) return { from: Number(group[1]), to: Number(group[2]) };
  if (o.ageGroup === '48+') return { from: 48, to: OLDEST };
  if (o.minor === 'yes') return { from: 0, to: 17 };
  if (o.minor === 'no') return { from: 18, to: OLDEST };
  return undefined;
}

/** Whether a service for ages minimum–maximum (either open) can be for someone in the range. */
export function ageFits(range: AgeRange, minimumAge: number | null, maximumAge: number | null): boolean {
  return (minimumAge === null || range.to >= minimumAge) && (maximumAge === null || range.from <= maximumAge);
}

/**
 * Of the coordinations covering a municipality, the ones for this person's age (where a region splits its
 * coordination by age, as Noord-Oost Gelderland does at 23), those with an age limit first: the most specific
 * owns the case. With the age unknown, or when none fits, every covering one, in order: a signal is never lost.
 */
export function byAge<T>(
  teams: readonly T[],
  range: AgeRange | undefined,
  agesOf: (team: T) => { minimumAge: number | null; maximumAge: number | null },
): T[] {
  if (!range) return [...teams];
  const fitting = teams.filter((t) => {
    const a = agesOf(t);
    return ageFits(range, a.minimumAge, a.maximumAge);
  });
  if (fitting.length === 0) return [...teams];
  const limited = (t: T) => {
    const a = agesOf(t);
    return a.minimumAge !== null || a.maximumAge !== null;
  };
  return [...fitting.filter(limited), ...fitting.filter((t) => !limited(t))];
}

// ---- working days ---------------------------------------------------------------------------------------

// One time module for the whole platform (src/platform/time): the Dutch calendar day and the working days with
// the public holidays the triage deadlines count. Named here as the referral mechanism has always named them.
export {
  addWorkingDays,
  amsterdamDate as localDate,
  dutchHolidays,
  isWorkingDay,
} from '../../platform/time/index.js';

/** The reflection period: up to three months from its start (B8/3), as a date. */
export function reflectionEnd(startIsoDate: string): string {
  const d = new Date(`${startIsoDate}T12:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 3);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.toISOString().slice(0, 10);
}
