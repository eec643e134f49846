import { describe, expect, it } from 'vitest';
import { parseDataset } from './formats.js';
import { registrationsToHtcdsCsv } from './exchange.js';
import {
  registrationsMicrodata,
  registrationsToCtdcGlobalCsv,
  type RegistrationRecord,
} from './registrations.js';
import { parse } from 'csv-parse/sync';

// A fixture written from the global synthetic codebook's list of variables (v2024, section 5); the real file
// is not in ../shared, only its codebook.
const GLOBAL_HEADER =
  'yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,traffickMonths,meansDebtBondageEarnings,meansThreats,meansAbusePsyPhySex,meansFalsePromises,meansDrugsAlcohol,meansDenyBasicNeeds,meansExcessiveWorkHours,meansWithholdDocs,isForcedLabour,isSexualExploit,isOtherExploit,typeOfLabourAgriculture,typeOfLabourConstruction,typeOfLabourDomesticWork,typeOfLabourHospitality,typeOfSexProstitution,typeOfSexPornography,recruiterRelationIntimatePartner,recruiterRelationFriend,recruiterRelationFamily,recruiterRelationOther';
const GLOBAL_ROWS = [
  '2019,Woman,18--20,NGA,ITA,0--12 (0-1 yr),1,,1,,,,,,,1,,,,,,1,,,1,,',
  '2021,Man,30--38,UKR,POL,13--24 (1-2 yrs),1,1,,,,1,1,1,1,,,,1,,,,,,,,1',
  ',,,,,,,,,,,,,,,,,,,,,,,,,,',
];

const VP_HEADER =
  'yearRegister,gender,majorityStatus,isForcedLabour,isSexualExploit,UN_COO_Region,UN_COE_Region,IP_Exploiter,IP_Gender,IP_ageBroad,IP_citizen_UNRegion,IP_Relation,IP_PayMoney,IP_RecruiterBroker,IP_TransactionProcess,IP_ControlAbuseKidnap';

describe('reading data sets', () => {
  it('reads the CTDC victim–perpetrator layout, multi-valued cells as one sorted category', () => {
    const text = [
      VP_HEADER,
      ',Female,Adult,1,,Europe,Europe,1,Female;Male,,Europe,StrangerUnknownOther,Yes;No,1,1,1',
      '2019,Male,Minor,,1,Asia,Africa,,Male,30--38;0--29,,,,,,',
    ].join('\n');
    const result = parseDataset('ctdc-vp', text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows).toBe(2);
    const payMoney = result.data.columns.find((c) => c.name === 'IP_PayMoney')!;
    expect(payMoney.values).toEqual(['', 'No;Yes']);
    const age = result.data.columns.find((c) => c.name === 'IP_ageBroad')!;
    expect(age.values).toEqual(['', '0--29;30--38']);
  });

  it('reports every bad row with its line and field, and returns no data', () => {
    const text = [
      VP_HEADER,
      ',Femal,Adult,1,,Europe,Europe,1,Female,,Europe,,,1,1,1',
      ',Female,Adult,2,,Europe,Europe,1,Female,,Europe,,,1,1,1',
      ',Female,Adult,1,,Europe',
    ].join('\n');
    const result = parseDataset('ctdc-vp', text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.field, p.key])).toEqual([
      [2, 'gender', 'stats.import.notAllowed'],
      [3, 'isForcedLabour', 'stats.import.notFlag'],
      [4, '', 'stats.import.columnCount'],
    ]);
  });

  it('refuses a file whose header lacks a column of the layout', () => {
    const result = parseDataset('ctdc-vp', 'gender,majorityStatus\nFemale,Adult\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(
      result.problems.some((p) => p.field === 'yearRegister' && p.key === 'stats.import.missingColumn'),
    ).toBe(true);
  });

  it('reads the CTDC global layout from the codebook (fixture), normalising dashes and the documents alias', () => {
    const result = parseDataset('ctdc-global', [GLOBAL_HEADER, ...GLOBAL_ROWS].join('\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.rows).toBe(3);
    expect(result.data.columns).toHaveLength(27);
    expect(result.data.columns.find((c) => c.name === 'traffickMonths')!.values).toEqual([
      '',
      '0--12 (0--1 yr)',
      '13--24 (1--2 yrs)',
    ]);
    const alias = parseDataset(
      'ctdc-global',
      [GLOBAL_HEADER.replace('meansWithholdDocs', 'meansWithholdDocuments'), ...GLOBAL_ROWS].join('\n'),
    );
    expect(alias.ok).toBe(true);
    const bad = parseDataset(
      'ctdc-global',
      [GLOBAL_HEADER, GLOBAL_ROWS[0]!.replace('NGA', 'Nigeria')].join('\n'),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems[0]).toMatchObject({ row: 2, field: 'citizenship', key: 'stats.import.notCountry' });
  });

  it('reads HTCDS 2.0 CSV, coarsening ages and dates, and refuses personal fields', () => {
    const text = [
      'prs_Gender,vic_AgeWhenTrafficked,vic_TypeOfExploitation,cas_IncomingReferralDate,samen_Region',
      'Feminine,19,SexualExploitation;ForcedLabour,2024-03-05,PE01',
      'Masculine,,ForcedLabour,,',
    ].join('\n');
    const result = parseDataset('htcds', text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const values = (name: string) => result.data.columns.find((c) => c.name === name)!.values;
    expect(values('vic_AgeWhenTrafficked')).toEqual(['', '18--20']);
    expect(values('cas_IncomingReferralDate')).toEqual(['', '2024']);
    expect(values('vic_TypeOfExploitation')).toEqual(['', 'ForcedLabour', 'ForcedLabour;SexualExploitation']);
    const personal = parseDataset('htcds', 'prs_FirstName,prs_Gender\nAnna,Feminine\n');
    expect(personal.ok).toBe(false);
    if (!personal.ok)
      expect(personal.problems).toEqual([
        { row: 1, field: 'prs_FirstName', key: 'stats.import.personalField' },
      ]);
  });
});

const registration = (over: Partial<RegistrationRecord>): RegistrationRecord => ({
  caseRef: 'p-1',
  registeredOn: '2025-04-01',
  gender: 'Feminine',
  ageGroup: '18--20',
  citizenship: 'NGA',
  formsOfExploitation: ['SexualExploitation'],
  sector: null,
  methodsOfControl: ['DebtBondage', 'PsychologicalAbuse'],
  recruitment: ['ThroughOnlineSocialNetworks'],
  referringOrgType: 'police',
  region: 'PE01',
  signalAt: '2025-03-30',
  triageAt: '2025-04-01',
  firstReferralAt: '2025-04-02',
  placementAt: null,
  ...over,
});

describe('the registrations and exchange formats', () => {
  const records = [
    registration({}),
    registration({
      caseRef: 'p-2',
      gender: 'Masculine',
      formsOfExploitation: ['ForcedLabour', 'CriminalExploitation'],
      sector: 'A_AgricultureForestryAndFishing',
    }),
  ];

  it('exports HTCDS 2.0 CSV with prefixed field names; values outside a picklist become Other', () => {
    const rows = parse(registrationsToHtcdsCsv(records), { columns: true }) as Record<string, string>[];
    expect(
      Object.keys(rows[0]!)
        .filter((k) => !k.startsWith('samen_'))
        .every((k) => /^(prs|vic|per|cas|con)_/.test(k)),
    ).toBe(true);
    expect(rows[1]!.vic_TypeOfExploitation).toBe('ForcedLabour;Other');
    expect(rows[1]!.vic_ForcedLabourIndustry).toBe('A_AgricultureForestryAndFishing');
    expect(rows[0]!.samen_CaseRef).toBe('p-1');
    // What it exports, the HTCDS import reads back (without the pseudonym columns it does not need).
    expect(parseDataset('htcds', registrationsToHtcdsCsv(records)).ok).toBe(true);
  });

  it('makes the built-in data set coarse (years, no pseudonym) and writes the CTDC global layout', () => {
    const data = registrationsMicrodata(records);
    expect(data.columns.map((c) => c.name)).not.toContain('caseRef');
    expect(data.columns.find((c) => c.name === 'registeredYear')!.values).toEqual(['', '2025']);
    const ctdc = parse(registrationsToCtdcGlobalCsv(data), { columns: true }) as Record<string, string>[];
    expect(ctdc[0]).toMatchObject({
      gender: 'Woman',
      isSexualExploit: '1',
      meansDebtBondageEarnings: '1',
      meansAbusePsyPhySex: '1',
    });
    expect(ctdc[1]).toMatchObject({
      gender: 'Man',
      isForcedLabour: '1',
      isOtherExploit: '1',
      typeOfLabourAgriculture: '1',
    });
    expect(parseDataset('ctdc-global', registrationsToCtdcGlobalCsv(data)).ok).toBe(true);
  });
});
