// The national registration in the data hub's HTCDS 2.0-aligned shape (src/modules/stats RegistrationRecord):
// pseudonym, dates, and HTCDS picklist values. Samen's criminal exploitation has no HTCDS value and becomes the
// standard's `Other` in the data hub; the sector maps to the ISIC section HTCDS uses for vic_ForcedLabourIndustry.

export interface RegistrationRow {
  pseudonym: string;
  registered_on: string;
  gender: string;
  age_group: string;
  citizenship: string;
  forms: string[];
  sector: string | null;
  methods_of_control: string[];
  recruitment: string[];
  referring_org_type: string;
  police_unit_code: string;
  signal_at: Date;
  triage_at: Date | null;
  first_referral_at: Date | null;
  placement_at: Date | null;
}

const GENDER: Record<string, string> = {
  female: 'Feminine',
  male: 'Masculine',
  other: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};
const FORM: Record<string, string> = {
  sexual: 'SexualExploitation',
  labour: 'ForcedLabour',
  criminal: 'CriminalExploitation',
  other: 'Other',
};
const SECTOR: Record<string, string> = {
  agriculture: 'A_AgricultureForestryAndFishing',
  construction: 'F_Construction',
  hospitality: 'I_AccommodationAndFoodServiceActivities',
  logistics: 'H_TransportationAndStorage',
  cleaning: 'N_AdministrativeAndSupportServiceActivities',
  domestic_work: 'T_ActivitiesOfHouseholdsAsEmployers',
  manufacturing: 'C_Manufacturing',
};

const day = (d: Date | null) => (d ? new Date(d).toISOString().slice(0, 10) : null);

export function toRegistrationRecord(row: RegistrationRow) {
  return {
    caseRef: row.pseudonym,
    registeredOn: String(row.registered_on).slice(0, 10),
    gender: GENDER[row.gender] ?? 'NonSpecifiedUnknown',
    ageGroup: row.age_group === 'unknown' ? null : row.age_group,
    citizenship: row.citizenship === 'unknown' ? null : row.citizenship,
    formsOfExploitation: row.forms.map((f) => FORM[f] ?? 'Other'),
    sector: row.sector ? (SECTOR[row.sector] ?? null) : null,
    methodsOfControl: row.methods_of_control,
    recruitment: row.recruitment,
    referringOrgType: row.referring_org_type,
    region: row.police_unit_code,
    signalAt: day(row.signal_at),
    triageAt: day(row.triage_at),
    firstReferralAt: day(row.first_referral_at),
    placementAt: day(row.placement_at),
  };
}

// What is decided and done, for the HTCDS exchange (issue 20, point 7).

/** HTCDS vic_TraffickingStatusDecisionMakingOrg for the kind of organisation of the team that decided. */
const DECISION_ORG: Record<string, string> = {
  police: 'Police',
  marechaussee: 'Police',
  labour_inspectorate: 'NonPoliceGovernmentalOrganization',
  municipality: 'NonPoliceGovernmentalOrganization',
  ngo: 'NGO',
  comensha: 'NGO',
  shelter: 'NGO',
};

/** HTCDS org_Type for Samen's kinds of referring organisation (none where HTCDS has no fitting value). */
const ORG_TYPE: Record<string, string> = {
  police: 'LawEnforcement',
  marechaussee: 'LawEnforcement',
  labour_inspectorate: 'CentralGovernmentOrganisation',
  municipality: 'LocalGovernmentOrganisation',
  health_care: 'HealthServiceOrganisation',
  education: 'SchoolOrCollege',
  ngo: 'NGO',
  comensha: 'NGO',
  shelter: 'NGO',
};

export const htcdsOrgType = (type: string): string | null => ORG_TYPE[type] ?? null;

interface ExchangeDecision {
  id: string;
  type_code: string;
  reconsiders_id: string | null;
  outcome: string | null;
  decided_at: Date | null;
  decided_org_type: string | null;
}

/**
 * vic_TraffickingStatus from the identification decisions: the outcome that stands of the furthest decision in
 * the chain of types (a type that follows another, e.g. conclusive grounds after reasonable grounds, is further).
 * Positive on the first type of a chain: a possible victim; positive further on: an actual victim; negative: not
 * a victim. No decision taken: nothing (Samen records nothing nobody decided). The organisation is the kind of
 * the team whose decision stands (the reconsideration's team when one changed it).
 */
export function traffickingStatusOf(
  decisions: readonly ExchangeDecision[],
  types: readonly { code: string; after_code: string | null }[],
): { status: string | null; org: string | null } {
  const after = new Map(types.map((t) => [t.code, t.after_code]));
  const depth = (code: string, seen = new Set<string>()): number => {
    const before = after.get(code);
    if (!before || seen.has(code)) return 0;
    seen.add(code);
    return 1 + depth(before, seen);
  };
  let best: { depth: number; at: number; outcome: string; org: string | null } | undefined;
  for (const d of decisions) {
    if (d.reconsiders_id || !d.outcome) continue;
    const again = decisions.find((r) => r.reconsiders_id === d.id && r.outcome);
    const standing = again ?? d;
    const candidate = {
      depth: depth(d.type_code),
      at: (standing.decided_at ? new Date(standing.decided_at) : new Date(0)).getTime(),
      outcome: standing.outcome!,
      org: standing.decided_org_type,
    };
    if (!best || candidate.depth > best.depth || (candidate.depth === best.depth && candidate.at > best.at))
      best = candidate;
  }
  if (!best) return { status: null, org: null };
  const status =
    best.outcome === 'negative'
      ? 'NotAVictimOfTrafficking'
      : best.depth > 0
        ? 'ActualVictimOfTrafficking'
        : 'PossibleVictimOfTrafficking';
  return { status, org: best.org ? (DECISION_ORG[best.org] ?? 'Other') : null };
}

/** HTCDS cas_Status: a case closed because it went abroad was closed by referral. */
export function htcdsCaseStatus(status: string, closedReason: string | null): string {
  if (status === 'closed') return closedReason === 'transferred_abroad' ? 'ClosedReferred' : 'Closed';
  if (status === 'follow_up') return 'FollowUp';
  return 'Active';
}

/** Samen's closing reasons as the exchange writes them (cas_ReasonForCaseClosure), never free text. */
const CLOSURE: Record<string, string> = {
  placed_and_stable: 'PlacedAndStable',
  no_trafficking: 'NoTrafficking',
  declined_help: 'DeclinedHelp',
  transferred_abroad: 'TransferredAbroad',
  lost_contact: 'LostContact',
  consult_answered: 'ConsultAnswered',
  other: 'Other',
};

/** Why a closed case was closed, as the exchange writes it; an open case: nothing. */
export const htcdsClosureReason = (status: string, reason: string | null): string | null =>
  status === 'closed' && reason ? (CLOSURE[reason] ?? 'Other') : null;

/** HTCDS con_Consent (a checkbox) from the answer on the signal form; not asked: nothing. */
export const htcdsConsent = (consent: string): boolean | null =>
  consent === 'yes' ? true : consent === 'no' ? false : null;
