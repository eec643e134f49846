// The HTCDS export checked against the standard itself (../shared/standards/htcds-2.0, the published field list):
// every column is a field of the list (or Samen's own samen_…), every value is in the value list the standard
// gives; without an agreement no restricted field and no exact date; a value outside its list fails the export.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../platform/http/errors.js';
import { HTCDS_EXPORT_COLUMNS, registrationsToHtcdsCsv, RESTRICTED_FIELDS } from './exchange.js';
import { parseDataset } from './formats.js';
import { CLOSURE_REASONS, CTDC_AGE_GROUPS, HTCDS_FIELDS, ORG_TYPES } from './htcds.js';
import type { RegistrationRecord } from './registrations.js';
import { HTCDS_FIELD_LIST, sharedFileAvailable } from './test/shared.js';

interface StandardField {
  name: string;
  core: boolean;
  type: string;
  values: string[];
  /** The field takes ISO 3166 country codes (the list says so instead of listing values). */
  iso3166: boolean;
}

/** The field list: name, core or not, type, and the value names of a picklist (one per line in the cell). */
function standardFields(): Map<string, StandardField> {
  const rows = parse(readFileSync(HTCDS_FIELD_LIST, 'utf8'), { relax_column_count: true }) as string[][];
  const header = rows[0]!;
  const col = (label: string) => header.indexOf(label);
  const out = new Map<string, StandardField>();
  for (const row of rows.slice(1)) {
    const name = row[col('Field Name including Prefix')]?.trim();
    if (!name) continue;
    const values = (row[col('Value Names (if picklist)')] ?? '')
      .split('\n')
      .map((v) => v.trim())
      .filter(Boolean);
    const iso3166 = values.some((v) => /ISO 3166/.test(v));
    out.set(name, {
      name,
      core: row[col('Core')]?.trim() === 'Core',
      type: row[col('Field Type')]?.trim() ?? '',
      values: iso3166 ? [] : values,
      iso3166,
    });
  }
  return out;
}

const record = (over: Partial<RegistrationRecord> = {}): RegistrationRecord => ({
  caseRef: 'Rabc-def_123',
  registeredOn: '2025-04-01',
  gender: 'Feminine',
  ageGroup: '18--20',
  citizenship: 'nga',
  formsOfExploitation: ['SexualExploitation', 'CriminalExploitation'],
  sector: 'I_AccommodationAndFoodServiceActivities',
  methodsOfControl: ['DebtBondage', 'PsychologicalAbuse'],
  recruitment: ['ThroughOnlineSocialNetworks'],
  referringOrgType: 'police',
  region: 'PE01',
  signalAt: '2025-03-30',
  triageAt: '2025-04-01',
  firstReferralAt: '2025-04-02',
  placementAt: '2025-04-09',
  traffickingStatus: 'ActualVictimOfTrafficking',
  decisionMakingOrg: 'NGO',
  caseStatus: 'ClosedReferred',
  closureReason: 'TransferredAbroad',
  consent: true,
  caseOwner: 'Zorgcoördinatie Rotterdam',
  referringOrganisation: 'Politie Rotterdam',
  referredOrganisation: 'Opvang Zuid',
  outgoingReferralAt: '2025-04-03',
  referringOrganisationType: 'LawEnforcement',
  regionName: 'Rotterdam',
  ...over,
});

const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
const EVERYTHING = {
  allowed: RESTRICTED_FIELDS,
  exactDates: true,
  birthdates: new Map([['Rabc-def_123', '2004-02-29']]),
};

describe.skipIf(!sharedFileAvailable(HTCDS_FIELD_LIST))(
  'the HTCDS export against the HTCDS 2.0 field list',
  () => {
    const standard = standardFields();

    it('reads the standard: 40 core fields', () => {
      expect([...standard.values()].filter((f) => f.core)).toHaveLength(40);
    });

    it('names only fields of the standard (core ones) or Samen’s own samen_… columns', () => {
      const csv = registrationsToHtcdsCsv([record()], EVERYTHING);
      const header = Object.keys(rowsOf(csv)[0]!);
      expect(header).toEqual(HTCDS_EXPORT_COLUMNS);
      const htcds = header.filter((h) => !h.startsWith('samen_'));
      for (const name of htcds) {
        expect(standard.has(name), name).toBe(true);
        expect(standard.get(name)!.core, name).toBe(true);
      }
      // The decisions, status, closing reason, owner, referral fields and consent are there.
      expect(htcds).toEqual(
        expect.arrayContaining([
          'vic_TraffickingStatus',
          'vic_TraffickingStatusDecisionMakingOrg',
          'cas_Status',
          'cas_ReasonForCaseClosure',
          'cas_CaseOwner',
          'cas_ReferringOrganisation',
          'cas_IncomingReferralDate',
          'cas_ReferredOrganisation',
          'cas_OutgoingReferralDate',
          'con_Consent',
          'prs_Birthdate',
        ]),
      );
      expect(htcds.length).toBe(17);
    });

    it('writes every value from the value list the standard gives it', () => {
      const records = [
        record(),
        record({
          caseRef: 'R2',
          gender: 'Masculine',
          consent: false,
          caseStatus: 'Active',
          closureReason: null,
        }),
        record({
          caseRef: 'R3',
          gender: null,
          traffickingStatus: null,
          decisionMakingOrg: null,
          consent: null,
        }),
      ];
      const rows = rowsOf(registrationsToHtcdsCsv(records, EVERYTHING));
      for (const row of rows)
        for (const [name, value] of Object.entries(row)) {
          if (value === '') continue;
          const field = standard.get(name);
          if (field?.iso3166) expect(value, name).toMatch(/^[A-Z]{2,3}$/);
          else if (field && /Picklist/.test(field.type) && field.values.length) {
            const parts = /Multiselect/.test(field.type) ? value.split(';') : [value];
            for (const part of parts) expect(field.values, `${name}: ${part}`).toContain(part);
          } else if (field?.type === 'Date' || /(RegisteredOn|TriageAt|PlacementAt)$/.test(name))
            expect(value, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          else if (field?.type === 'Checkbox') expect(['true', 'false'], name).toContain(value);
          else if (name === 'cas_ReasonForCaseClosure') expect(CLOSURE_REASONS).toContain(value);
          else if (name === 'samen_AgeGroup') expect(CTDC_AGE_GROUPS).toContain(value);
          else if (name === 'samen_ReferringOrgType')
            expect(standard.get('org_Type')!.values).toContain(value);
          else
            expect(
              [
                'cas_CaseOwner',
                'cas_ReferringOrganisation',
                'cas_ReferredOrganisation',
                'samen_CaseRef',
                'samen_Region',
              ],
              name,
            ).toContain(name);
        }
      expect(rows[0]).toMatchObject({
        vic_TraffickingStatus: 'ActualVictimOfTrafficking',
        vic_TypeOfExploitation: 'Other;SexualExploitation',
        con_Consent: 'true',
        prs_Birthdate: '2004-02-29',
        prs_Citizenship: 'NGA',
      });
      expect(rows[1]!.con_Consent).toBe('false');
      expect(rows[2]!.con_Consent).toBe('');
    });

    it('keeps the data hub’s value lists equal to the standard’s, and its own lists inside it', () => {
      for (const field of HTCDS_FIELDS) {
        const std = standard.get(field.name);
        expect(std, field.name).toBeDefined();
        if (std!.values.length) expect(field.values, field.name).toEqual(std!.values);
      }
      expect(ORG_TYPES).toEqual(standard.get('org_Type')!.values);
    });
  },
);

describe('the HTCDS export’s guarantees', () => {
  it('without an agreement: no identity field, no organisation’s name, no exact date anywhere', () => {
    const csv = registrationsToHtcdsCsv([record(), record({ caseRef: 'R2' })], {
      birthdates: new Map([['Rabc-def_123', '2004-02-29']]),
    });
    const [header] = csv.split('\n');
    for (const field of RESTRICTED_FIELDS) expect(header).not.toContain(field);
    expect(csv).not.toContain('2004');
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(csv).not.toMatch(/Politie|Opvang|Zorgcoördinatie/);
    const row = rowsOf(csv)[0]!;
    expect(row).toMatchObject({
      cas_IncomingReferralDate: '2025-03',
      cas_OutgoingReferralDate: '2025-04',
      samen_RegisteredOn: '2025-04',
      samen_TriageAt: '2025-04',
      samen_PlacementAt: '2025-04',
      samen_ReferringOrgType: 'LawEnforcement',
      samen_Region: 'Rotterdam',
    });
    // No raw code in Samen's own columns: the region by name, the referring organisation as an org_Type.
    expect(csv).not.toMatch(/\bPE01\b|\bpolice\b/);
  });

  it('what it exports without an agreement, the data hub’s HTCDS import reads back; free text in the closing reason it refuses', () => {
    const csv = registrationsToHtcdsCsv([
      record(),
      record({ caseRef: 'R2', consent: null, closureReason: null }),
    ]);
    const result = parseDataset('htcds', csv);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const values = (name: string) => result.data.columns.find((c) => c.name === name)!.values;
      expect(values('cas_ReasonForCaseClosure')).toEqual(['', 'TransferredAbroad']);
      expect(values('con_Consent')).toEqual(['', 'true']);
      expect(values('cas_IncomingReferralDate')).toEqual(['', '2025']);
    }
    const text = 'cas_ReasonForCaseClosure,prs_Gender\nShe moved in with her aunt in Breda,Feminine\n';
    const refused = parseDataset('htcds', text);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems[0]).toMatchObject({ row: 2, field: 'cas_ReasonForCaseClosure' });
  });

  it('an agreement’s fields only: a field it does not allow stays out, months unless it says exact', () => {
    const csv = registrationsToHtcdsCsv([record()], { allowed: ['cas_CaseOwner'] });
    const row = rowsOf(csv)[0]!;
    expect(row.cas_CaseOwner).toBe('Zorgcoördinatie Rotterdam');
    expect(Object.keys(row)).not.toContain('prs_Birthdate');
    expect(Object.keys(row)).not.toContain('cas_ReferredOrganisation');
    expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it.each([
    ['prs_Gender', { gender: 'Banana' }],
    ['vic_TypeOfExploitation', { formsOfExploitation: ['SexualExploitation', 'Banana'] }],
    ['vic_TraffickingStatus', { traffickingStatus: 'Decided' }],
    ['cas_Status', { caseStatus: 'Open' }],
    ['cas_ReasonForCaseClosure', { closureReason: 'The person moved to her aunt in Breda' }],
    ['prs_Citizenship', { citizenship: 'Nigeria' }],
    ['samen_AgeGroup', { ageGroup: '19' }],
    ['cas_IncomingReferralDate', { signalAt: '30-03-2025' }],
    ['samen_CaseRef', { caseRef: 'Naam Voorbeeld' }],
  ] as const)('a value outside the list of %s fails the export, naming it', (field, over) => {
    let error: unknown;
    try {
      registrationsToHtcdsCsv([record(), record(over as Partial<RegistrationRecord>)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(409);
    expect((error as HttpError).fields[0]).toMatchObject({ field, params: { record: 2 } });
  });
});
