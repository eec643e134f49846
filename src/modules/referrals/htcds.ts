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
