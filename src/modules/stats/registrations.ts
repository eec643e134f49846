// The national registrations as the data hub receives them from the referral mechanism, and the exchange
// formats made from them: HTCDS 2.0 CSV for exchange partners, and the CTDC global synthetic layout for the
// synthetic files released from them.
import { stringify } from 'csv-stringify/sync';
import { csvField } from '../../platform/csv.js';
import { canonicalMulti, microdataFrom, type Microdata } from './microdata.js';

/**
 * One registered case, pseudonymised, as the referral mechanism hands it over (HTCDS 2.0-aligned). The
 * provider gives every registration each time (the built-in data set is rebuilt from it, never appended to).
 */
export interface RegistrationRecord {
  /** A pseudonym, stable per case, that means nothing outside Samen (never a BSN, name or case number). */
  caseRef: string;
  /** yyyy-mm-dd. */
  registeredOn: string;
  /** HTCDS prs_Gender: Feminine, Masculine, TransgenderFeminine, TransgenderMasculine, NonConforming, NonSpecifiedUnknown. */
  gender: string | null;
  /** A broad age group, e.g. CTDC's `0--8`, `9--17`, `18--20`, … `48+` (never an exact age or birth date). */
  ageGroup: string | null;
  /** HTCDS prs_Citizenship: ISO 3166 alpha-2 or alpha-3. */
  citizenship: string | null;
  /** HTCDS vic_TypeOfExploitation values (ForcedLabour, SexualExploitation, …; Samen's CriminalExploitation is exported as Other). */
  formsOfExploitation: string[];
  /** HTCDS vic_ForcedLabourIndustry (ISIC section, e.g. A_AgricultureForestryAndFishing). */
  sector: string | null;
  /** HTCDS vic_MethodsOfControl values. */
  methodsOfControl: string[];
  /** HTCDS vic_MethodOfRecruitment values. */
  recruitment: string[];
  /** The kind of organisation that referred the case (e.g. police, ngo, municipality, labour_inspectorate). */
  referringOrgType: string | null;
  /** The region (e.g. the RIEC region / police unit code) the case is handled in. */
  region: string | null;
  /** yyyy-mm-dd, when known. */
  signalAt: string | null;
  triageAt: string | null;
  firstReferralAt: string | null;
  placementAt: string | null;
  // What has been decided and done (issue 20, point 7): optional, so a provider that has none leaves them empty.
  /** HTCDS vic_TraffickingStatus from the identification decisions (null: nothing decided yet). */
  traffickingStatus?: string | null;
  /** HTCDS vic_TraffickingStatusDecisionMakingOrg: the kind of organisation whose decision stands. */
  decisionMakingOrg?: string | null;
  /** HTCDS cas_Status (Active, FollowUp, Closed, ClosedReferred). */
  caseStatus?: string | null;
  /** Why the case was closed, in English words (never free text). */
  closureReason?: string | null;
  /** HTCDS con_Consent: whether the person consented on the signal (null: not asked). */
  consent?: boolean | null;
  /** Names of the teams: owning the case, where the signal came from, the first referral's receiver. */
  caseOwner?: string | null;
  referringOrganisation?: string | null;
  referredOrganisation?: string | null;
  /** yyyy-mm-dd of the first referral to a service (HTCDS cas_OutgoingReferralDate); else firstReferralAt. */
  outgoingReferralAt?: string | null;
  /** The referring organisation as an HTCDS org_Type (NGO, LawEnforcement, …; null where none fits). */
  referringOrganisationType?: string | null;
  /** The region by name (the police unit), not its code. */
  regionName?: string | null;
}

/** The built-in data set made from the registrations. */
export const REGISTRATIONS_DATASET = 'nl-registrations';

/** The columns of the built-in data set: coarse on purpose (years, not dates; no pseudonym). */
export const REGISTRATION_COLUMNS = [
  'registeredYear',
  'gender',
  'ageGroup',
  'citizenship',
  'formsOfExploitation',
  'sector',
  'methodsOfControl',
  'recruitment',
  'referringOrgType',
  'region',
] as const;

const year = (date: string | null) => (date && /^\d{4}-/.test(date) ? date.slice(0, 4) : '');
const text = (value: string | null) => (value ?? '').trim();

export function registrationsMicrodata(records: readonly RegistrationRecord[]): Microdata {
  return microdataFrom(
    REGISTRATION_COLUMNS,
    records.map((r) => [
      year(r.registeredOn),
      text(r.gender),
      text(r.ageGroup),
      text(r.citizenship).toUpperCase(),
      canonicalMulti(r.formsOfExploitation),
      text(r.sector),
      canonicalMulti(r.methodsOfControl),
      canonicalMulti(r.recruitment),
      text(r.referringOrgType),
      text(r.region),
    ]),
  );
}

/** Any data set's records as CSV in the CTDC conventions: a header, `;` between values, empty = missing. */
export function microdataToCsv(data: Microdata): string {
  // Each column's values written as CSV fields once, then looked up by code for every record.
  const fields = data.columns.map((column) => column.values.map(csvField));
  const lines = new Array<string>(data.rows + 1);
  lines[0] = data.columns.map((column) => csvField(column.name)).join(',');
  const record = new Array<string>(data.columns.length);
  for (let r = 0; r < data.rows; r++) {
    for (let c = 0; c < record.length; c++) record[c] = fields[c]![data.codes[c]![r]!]!;
    lines[r + 1] = record.join(',');
  }
  return `${lines.join('\n')}\n`;
}

const MEANS: Record<string, string[]> = {
  meansDebtBondageEarnings: ['DebtBondage', 'TakesEarnings'],
  meansThreats: ['PhysicalThreats', 'ThreatsLawEnforcement', 'ThreatensChildrenFamily'],
  meansAbusePsyPhySex: ['PsychologicalAbuse', 'PhysicalAbuse', 'SexualAbuse'],
  meansFalsePromises: ['FalsePromises'],
  meansDrugsAlcohol: ['PsychoactiveSubstance'],
  meansDenyBasicNeeds: ['RestrictsFinancialAccess', 'RestrictsMedicalCare', 'WithholdsNecessities'],
  meansExcessiveWorkHours: ['ExcessiveWorkingHours'],
  meansWithholdDocs: ['WithholdsDocuments'],
};

const GENDER_CTDC: Record<string, string> = {
  Feminine: 'Woman',
  Masculine: 'Man',
  TransgenderFeminine: 'Trans/Transgender/NonConforming',
  TransgenderMasculine: 'Trans/Transgender/NonConforming',
  NonConforming: 'Trans/Transgender/NonConforming',
};

const CTDC_AGES = ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'];

/**
 * Records of the registrations layout (REGISTRATION_COLUMNS, e.g. a synthetic release) in the CTDC global
 * synthetic layout (codebook v2024): the variables the registrations can fill; the rest stay empty.
 */
export function registrationsToCtdcGlobalCsv(data: Microdata): string {
  const col = (name: string) => data.columns.findIndex((c) => c.name === name);
  const get = (r: number, name: string) => {
    const c = col(name);
    return c < 0 ? '' : data.columns[c]!.values[data.codes[c]![r]!]!;
  };
  const header = [
    'yearOfRegistration',
    'gender',
    'ageBroad',
    'citizenship',
    'CountryOfExploitation',
    'traffickMonths',
    ...Object.keys(MEANS),
    'isForcedLabour',
    'isSexualExploit',
    'isOtherExploit',
    'typeOfLabourAgriculture',
    'typeOfLabourConstruction',
    'typeOfLabourDomesticWork',
    'typeOfLabourHospitality',
    'typeOfSexProstitution',
    'typeOfSexPornography',
    'recruiterRelationIntimatePartner',
    'recruiterRelationFriend',
    'recruiterRelationFamily',
    'recruiterRelationOther',
  ];
  const rows: string[][] = [header];
  for (let r = 0; r < data.rows; r++) {
    const forms = get(r, 'formsOfExploitation').split(';').filter(Boolean);
    const means = get(r, 'methodsOfControl').split(';').filter(Boolean);
    const sector = get(r, 'sector');
    const flag = (on: boolean) => (on ? '1' : '');
    const citizenship = get(r, 'citizenship');
    const age = get(r, 'ageGroup');
    rows.push([
      get(r, 'registeredYear'),
      GENDER_CTDC[get(r, 'gender')] ?? '',
      CTDC_AGES.includes(age) ? age : '',
      /^[A-Z]{3}$/.test(citizenship) ? citizenship : '',
      // Every registration is a case handled in the Netherlands.
      data.rows ? 'NLD' : '',
      '',
      ...Object.values(MEANS).map((codes) => flag(means.some((m) => codes.includes(m)))),
      flag(forms.includes('ForcedLabour')),
      flag(forms.includes('SexualExploitation')),
      flag(forms.some((f) => f !== 'ForcedLabour' && f !== 'SexualExploitation')),
      flag(sector.startsWith('A_')),
      flag(sector.startsWith('F_')),
      flag(sector.startsWith('T_')),
      flag(sector.startsWith('I_')),
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  return stringify(rows);
}
