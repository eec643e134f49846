// The HTCDS 2.0 exchange (issue 20, point 7): the national registrations as HTCDS 2.0 CSV for an exchange partner.
// Every core HTCDS field Samen records and may share, then Samen's own columns (samen_…). Every value is checked
// against its value list before anything is written: a value outside it fails the export, naming the column,
// the value and the record, rather than being sent. Identity fields and the organisations' names go out only
// under a data-sharing agreement that allows them; dates only as the month unless an agreement allows exact ones.
import { stringify } from 'csv-stringify/sync';
import { conflict, type FieldProblem } from '../../platform/http/errors.js';
import { CTDC_AGE_GROUPS, EXTENSION_PREFIX, HTCDS_FIELDS, ORG_TYPES } from './htcds.js';
import { canonicalMulti } from './microdata.js';
import type { RegistrationRecord } from './registrations.js';

/** What an exported value must be. */
type ValueRule =
  { list: readonly string[]; multi?: boolean } | 'country' | 'date' | 'name' | 'pseudonym' | 'boolean';

interface ExchangeColumn {
  name: string;
  /** Only under an agreement that lists the field (identity fields and organisations' names). */
  restricted?: boolean;
  rule: ValueRule;
  value: (r: RegistrationRecord, birthdate: string | undefined) => string | null | undefined;
}

const listOf = (name: string, multi = false): ValueRule => ({
  list: HTCDS_FIELDS.find((f) => f.name === name)!.values!,
  multi,
});

/**
 * Samen's categories that HTCDS has no value for, and the standard's value they are exchanged as (the data hub
 * keeps Samen's criminal exploitation; HTCDS knows it only as Other). Anything else outside a list fails.
 */
const AS_HTCDS: Record<string, string> = { CriminalExploitation: 'Other' };
const multi = (values: readonly string[]) => canonicalMulti(values.map((v) => AS_HTCDS[v] ?? v));

const flag = (value: boolean | null | undefined) =>
  value === true ? 'true' : value === false ? 'false' : '';

/**
 * The columns of the export, in order: the HTCDS 2.0 core fields, then Samen's extensions (the earlier export's
 * person and victim columns first, in their order).
 */
const COLUMNS: readonly ExchangeColumn[] = [
  { name: 'prs_Gender', rule: listOf('prs_Gender'), value: (r) => r.gender },
  { name: 'prs_Citizenship', rule: 'country', value: (r) => r.citizenship?.trim().toUpperCase() },
  { name: 'prs_Birthdate', restricted: true, rule: 'date', value: (_, birthdate) => birthdate },
  {
    name: 'vic_TypeOfExploitation',
    rule: listOf('vic_TypeOfExploitation', true),
    value: (r) => multi(r.formsOfExploitation),
  },
  { name: 'vic_ForcedLabourIndustry', rule: listOf('vic_ForcedLabourIndustry'), value: (r) => r.sector },
  {
    name: 'vic_MethodsOfControl',
    rule: listOf('vic_MethodsOfControl', true),
    value: (r) => multi(r.methodsOfControl),
  },
  {
    name: 'vic_MethodOfRecruitment',
    rule: listOf('vic_MethodOfRecruitment', true),
    value: (r) => multi(r.recruitment),
  },
  { name: 'vic_TraffickingStatus', rule: listOf('vic_TraffickingStatus'), value: (r) => r.traffickingStatus },
  {
    name: 'vic_TraffickingStatusDecisionMakingOrg',
    rule: listOf('vic_TraffickingStatusDecisionMakingOrg'),
    value: (r) => r.decisionMakingOrg,
  },
  { name: 'cas_Status', rule: listOf('cas_Status'), value: (r) => r.caseStatus },
  {
    name: 'cas_ReasonForCaseClosure',
    rule: listOf('cas_ReasonForCaseClosure'),
    value: (r) => r.closureReason,
  },
  { name: 'cas_CaseOwner', restricted: true, rule: 'name', value: (r) => r.caseOwner },
  {
    name: 'cas_ReferringOrganisation',
    restricted: true,
    rule: 'name',
    value: (r) => r.referringOrganisation,
  },
  { name: 'cas_IncomingReferralDate', rule: 'date', value: (r) => r.signalAt },
  { name: 'cas_ReferredOrganisation', restricted: true, rule: 'name', value: (r) => r.referredOrganisation },
  {
    name: 'cas_OutgoingReferralDate',
    rule: 'date',
    value: (r) => (r.outgoingReferralAt !== undefined ? r.outgoingReferralAt : r.firstReferralAt),
  },
  { name: 'con_Consent', rule: 'boolean', value: (r) => flag(r.consent) },
  { name: `${EXTENSION_PREFIX}CaseRef`, rule: 'pseudonym', value: (r) => r.caseRef },
  { name: `${EXTENSION_PREFIX}RegisteredOn`, rule: 'date', value: (r) => r.registeredOn },
  { name: `${EXTENSION_PREFIX}AgeGroup`, rule: { list: CTDC_AGE_GROUPS }, value: (r) => r.ageGroup },
  {
    name: `${EXTENSION_PREFIX}ReferringOrgType`,
    rule: { list: ORG_TYPES },
    value: (r) => r.referringOrganisationType,
  },
  { name: `${EXTENSION_PREFIX}Region`, rule: 'name', value: (r) => r.regionName },
  { name: `${EXTENSION_PREFIX}TriageAt`, rule: 'date', value: (r) => r.triageAt },
  { name: `${EXTENSION_PREFIX}PlacementAt`, rule: 'date', value: (r) => r.placementAt },
];

/** Every column the export can have (the restricted ones only under an agreement that allows them). */
export const HTCDS_EXPORT_COLUMNS: readonly string[] = COLUMNS.map((c) => c.name);

/** The fields a data-sharing agreement may allow: identity fields and the names of organisations. */
export const RESTRICTED_FIELDS: readonly string[] = COLUMNS.filter((c) => c.restricted).map((c) => c.name);

export interface ExchangeOptions {
  /** The restricted fields an agreement allows (none without one). */
  allowed?: readonly string[];
  /** Exact days (yyyy-mm-dd) instead of months (yyyy-mm): only under an agreement that says so. */
  exactDates?: boolean;
  /** Dates of birth by pseudonym (only when prs_Birthdate is allowed). */
  birthdates?: ReadonlyMap<string, string>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

/** The value as written, or why it may not be (a message key). */
function checked(rule: ValueRule, value: string, exactDates: boolean): string | undefined {
  if (value === '') return undefined;
  if (typeof rule === 'object') {
    const parts = rule.multi ? value.split(';') : [value];
    return parts.every((p) => rule.list.includes(p)) ? undefined : 'stats.exchange.outsideList';
  }
  switch (rule) {
    case 'country':
      return /^[A-Z]{2,3}$/.test(value) ? undefined : 'stats.exchange.notCountry';
    case 'date':
      return (exactDates ? DAY : MONTH).test(value) && !Number.isNaN(Date.parse(`${value.slice(0, 7)}-01`))
        ? undefined
        : 'stats.exchange.notDate';
    case 'name':
      return value.length <= 200 && !/[\p{Cc}]/u.test(value) ? undefined : 'stats.exchange.notName';
    case 'pseudonym':
      return /^[A-Za-z0-9_-]{1,64}$/.test(value) ? undefined : 'stats.exchange.notPseudonym';
    case 'boolean':
      return value === 'true' || value === 'false' ? undefined : 'stats.exchange.outsideList';
  }
}

/** How many refused values an error names. */
const NAMED = 5;

/**
 * The registrations as HTCDS 2.0 CSV (multi-select values separated by `;`). Without options: no restricted
 * field and every date as its month. Throws a 409 naming the values outside their lists; nothing is returned.
 */
export function registrationsToHtcdsCsv(
  records: readonly RegistrationRecord[],
  options: ExchangeOptions = {},
): string {
  const allowed = new Set(options.allowed ?? []);
  const exact = options.exactDates === true;
  const columns = COLUMNS.filter((c) => !c.restricted || allowed.has(c.name));
  const problems: FieldProblem[] = [];
  let refused = 0;
  const rows = records.map((r, i) =>
    columns.map((c) => {
      let value = (c.value(r, options.birthdates?.get(r.caseRef)) ?? '').trim();
      if (c.rule === 'date' && !exact && DAY.test(value)) value = value.slice(0, 7);
      const key = checked(c.rule, value, exact);
      if (key) {
        refused++;
        if (problems.length < NAMED)
          problems.push({ field: c.name, key, params: { value: value.slice(0, 40), record: i + 1 } });
      }
      return value;
    }),
  );
  if (refused) throw conflict('stats.exchange.refused', problems);
  return stringify([columns.map((c) => c.name), ...rows]);
}
