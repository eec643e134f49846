// Reading data sets: the CTDC victim–perpetrator synthetic layout (2022), the CTDC global synthetic layout
// (codebook v2024, 27 columns) and HTCDS 2.0 CSV. Every row is checked; the outcome is either the whole data
// set or every problem found (row, field, reason as a message key), never part of it.
import { parse } from 'csv-parse/sync';
import { canonicalMulti, MicrodataBuilder, type Microdata } from './microdata.js';
import type { DatasetFormat } from './choices.js';
import { ageBroad, EXTENSION_PREFIX, HTCDS_FIELDS, PERSONAL_FIELDS, type HtcdsField } from './htcds.js';

export { FORMATS, type DatasetFormat } from './choices.js';

export interface RowProblem {
  /** Line in the file (the header is line 1); 0 for problems with the file as a whole. */
  row: number;
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export type ParseResult =
  { ok: true; data: Microdata } | { ok: false; problems: RowProblem[]; total: number };

/** At most this many problems are listed; the total is always counted. */
export const MAX_LISTED_PROBLEMS = 200;

type Check = (value: string) => { value: string } | { key: string; params?: Record<string, string> };

interface ColumnSpec {
  name: string;
  aliases?: string[];
  check: Check;
}

const ok = (value: string) => ({ value });

/** One of a fixed set of values, or empty. */
const oneOf =
  (values: readonly string[], normalise: (v: string) => string = (v) => v): Check =>
  (raw) => {
    const value = normalise(raw.trim());
    if (value === '' || values.includes(value)) return ok(value);
    return { key: 'stats.import.notAllowed', params: { value: raw, allowed: values.join(', ') } };
  };

/** `;`-separated values from a fixed set (the multi-valued CTDC cells), or empty. */
const manyOf =
  (values: readonly string[], normalise: (v: string) => string = (v) => v): Check =>
  (raw) => {
    const parts = raw
      .split(';')
      .map((p) => normalise(p.trim()))
      .filter((p) => p !== '');
    const bad = parts.find((p) => !values.includes(p));
    if (bad !== undefined)
      return { key: 'stats.import.notAllowed', params: { value: bad, allowed: values.join(', ') } };
    return ok(canonicalMulti(parts));
  };

const flag: Check = (raw) => {
  const value = raw.trim();
  if (value === '' || value === '1') return ok(value);
  return { key: 'stats.import.notFlag', params: { value: raw } };
};

/** CTDC writes ranges as `0--29`; the codebooks print them with dashes and spaces (`0 –29`, `0—8`). */
const dashes = (v: string) => v.replace(/\s*[–—-]+\s*/g, '--').replace(/\s+\+/, '+');

const REGIONS = ['Africa', 'Americas/Oceania', 'Asia', 'Europe', 'Oceania'];

const VP_COLUMNS: ColumnSpec[] = [
  { name: 'yearRegister', check: oneOf(['2005--2013', '2014--2018', '2019', '2020', '2021--2022'], dashes) },
  { name: 'gender', check: oneOf(['Female', 'Male']) },
  { name: 'majorityStatus', check: oneOf(['Adult', 'Minor']) },
  { name: 'isForcedLabour', check: flag },
  { name: 'isSexualExploit', check: flag },
  { name: 'UN_COO_Region', check: oneOf(REGIONS) },
  { name: 'UN_COE_Region', check: oneOf(REGIONS) },
  { name: 'IP_Exploiter', check: flag },
  { name: 'IP_Gender', check: manyOf(['Female', 'Male']) },
  { name: 'IP_ageBroad', check: manyOf(['0--29', '30--38', '39--47', '48+'], dashes) },
  { name: 'IP_citizen_UNRegion', check: manyOf(REGIONS) },
  {
    name: 'IP_Relation',
    check: manyOf(['FamilyIntimatePartner', 'FriendAcquaintance', 'StrangerUnknownOther']),
  },
  { name: 'IP_PayMoney', check: manyOf(['No', 'Yes']) },
  { name: 'IP_RecruiterBroker', aliases: ['IP_RecruitBroker'], check: flag },
  { name: 'IP_TransactionProcess', check: flag },
  { name: 'IP_ControlAbuseKidnap', check: flag },
];

const year =
  (from: number, to: number): Check =>
  (raw) => {
    const value = raw.trim();
    if (value === '') return ok('');
    const n = Number(value);
    if (/^\d{4}$/.test(value) && n >= from && n <= to) return ok(value);
    return { key: 'stats.import.notYear', params: { value: raw } };
  };

const iso3: Check = (raw) => {
  const value = raw.trim().toUpperCase();
  if (value === '' || /^[A-Z]{3}$/.test(value)) return ok(value);
  return { key: 'stats.import.notCountry', params: { value: raw } };
};

const GLOBAL_FLAGS = [
  'meansDebtBondageEarnings',
  'meansThreats',
  'meansAbusePsyPhySex',
  'meansFalsePromises',
  'meansDrugsAlcohol',
  'meansDenyBasicNeeds',
  'meansExcessiveWorkHours',
  'meansWithholdDocs',
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

/** Columns whose value 1 means yes (CTDC's flags; an empty cell is missing). */
export const FLAG_COLUMNS: ReadonlySet<string> = new Set([
  ...VP_COLUMNS.filter((c) => c.check === flag).map((c) => c.name),
  ...GLOBAL_FLAGS,
]);

/**
 * The global synthetic codebook (v2024, section 7) lists `NULL [missing data]` as a value of its variables: the
 * files may carry the word where the other layouts leave the cell empty. It is read as missing in every column.
 */
export const CTDC_MISSING = 'NULL';

const nullable =
  (check: Check): Check =>
  (raw) =>
    raw.trim() === CTDC_MISSING ? ok('') : check(raw);

/** The global synthetic layout as the v2024 codebook lists it (section 5 and 7). */
const GLOBAL_SPECS: ColumnSpec[] = [
  // The codebook gives [2002, 2022] for v2024; later releases add years, so any plausible year is accepted.
  { name: 'yearOfRegistration', check: year(1990, 2100) },
  { name: 'gender', check: oneOf(['Man', 'Woman', 'Trans/Transgender/NonConforming']) },
  {
    name: 'ageBroad',
    check: oneOf(
      ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+'],
      dashes,
    ),
  },
  { name: 'citizenship', check: iso3 },
  { name: 'CountryOfExploitation', check: iso3 },
  {
    name: 'traffickMonths',
    check: oneOf(['0--12 (0--1 yr)', '13--24 (1--2 yrs)', '25+ (2+ yrs)'], dashes),
  },
  // Variable 14 is listed as meansWithholdDocs and described as meansWithholdDocuments: both are read.
  ...GLOBAL_FLAGS.map((name) => ({
    name,
    ...(name === 'meansWithholdDocs' ? { aliases: ['meansWithholdDocuments'] } : {}),
    check: flag,
  })),
];

export const GLOBAL_COLUMNS: ColumnSpec[] = GLOBAL_SPECS.map((spec) => ({
  ...spec,
  check: nullable(spec.check),
}));

function htcdsCheck(field: HtcdsField): Check {
  switch (field.kind) {
    case 'picklist':
    case 'checkbox':
      return oneOf(field.values!);
    case 'multi':
      return manyOf(field.values!);
    case 'country':
      return (raw) => {
        const parts = raw
          .split(';')
          .map((p) => p.trim().toUpperCase())
          .filter((p) => p !== '');
        const bad = parts.find((p) => !/^[A-Z]{2,3}$/.test(p));
        if (bad !== undefined) return { key: 'stats.import.notCountry', params: { value: bad } };
        return ok(canonicalMulti(parts));
      };
    case 'number':
      // Ages are kept as CTDC's broad groups: an exact age is close to identifying.
      return (raw) => {
        const value = raw.trim();
        if (value === '') return ok('');
        const n = Number(value);
        if (/^\d{1,3}$/.test(value) && n <= 120) return ok(ageBroad(n));
        return { key: 'stats.import.notAge', params: { value: raw } };
      };
    case 'date':
      // Dates are kept as years, for the same reason. A month (yyyy-mm, as Samen's export coarsens) is a date too.
      return (raw) => {
        const value = raw.trim();
        if (value === '') return ok('');
        const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(value);
        if (m && !Number.isNaN(Date.parse(`${m[1]}-${m[2]}-${m[3] ?? '01'}T00:00:00Z`))) return ok(m[1]!);
        return { key: 'stats.import.notDate', params: { value: raw } };
      };
  }
}

const extensionCheck: Check = (raw) => {
  const value = raw.trim();
  if (value.length <= 100) return ok(value);
  return { key: 'stats.import.tooLong', params: { value: value.slice(0, 20) } };
};

function htcdsColumns(header: string[], problems: RowProblem[]): ColumnSpec[] {
  const specs: ColumnSpec[] = [];
  for (const name of header) {
    const field = HTCDS_FIELDS.find((f) => f.name === name);
    if (field) specs.push({ name, check: htcdsCheck(field) });
    else if (
      name.startsWith(EXTENSION_PREFIX) &&
      /^[A-Za-z0-9_]{1,64}$/.test(name.slice(EXTENSION_PREFIX.length))
    )
      specs.push({ name, check: extensionCheck });
    else if (PERSONAL_FIELDS.includes(name))
      problems.push({ row: 1, field: name, key: 'stats.import.personalField' });
    else problems.push({ row: 1, field: name, key: 'stats.import.unknownField' });
  }
  if (specs.length === 0 && problems.length === 0)
    problems.push({ row: 1, field: '', key: 'stats.import.noColumns' });
  return specs;
}

export interface ParseOptions {
  /** Called now and then with the number of rows checked and the total. */
  onProgress?: (done: number, total: number) => void;
}

export function parseDataset(format: DatasetFormat, text: string, options: ParseOptions = {}): ParseResult {
  const problems: RowProblem[] = [];
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return {
      ok: false,
      problems: [
        { row: line, field: '', key: 'stats.import.notCsv', params: { reason: (error as Error).message } },
      ],
      total: 1,
    };
  }
  if (rows.length === 0)
    return { ok: false, problems: [{ row: 0, field: '', key: 'stats.import.empty' }], total: 1 };
  const header = rows[0]!.map((h) => h.trim());
  let specs: ColumnSpec[];
  let positions: number[];
  if (format === 'htcds') {
    specs = htcdsColumns(header, problems);
    positions = specs.map((s) => header.indexOf(s.name));
  } else {
    specs = format === 'ctdc-vp' ? VP_COLUMNS : GLOBAL_COLUMNS;
    positions = specs.map((s) => header.findIndex((h) => h === s.name || (s.aliases ?? []).includes(h)));
    specs.forEach((s, i) => {
      if (positions[i]! < 0) problems.push({ row: 1, field: s.name, key: 'stats.import.missingColumn' });
    });
    header.forEach((h) => {
      if (!specs.some((s) => s.name === h || (s.aliases ?? []).includes(h)))
        problems.push({ row: 1, field: h, key: 'stats.import.unknownField' });
    });
  }
  if (problems.length) return { ok: false, problems, total: problems.length };
  const builder = new MicrodataBuilder(specs.map((s) => s.name));
  let total = 0;
  const record = new Array<string>(specs.length);
  const step = Math.max(1000, Math.floor(rows.length / 100));
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const line = r + 1;
    let bad = false;
    if (row.length !== header.length) {
      total++;
      bad = true;
      if (problems.length < MAX_LISTED_PROBLEMS)
        problems.push({
          row: line,
          field: '',
          key: 'stats.import.columnCount',
          params: { found: row.length, expected: header.length },
        });
    } else {
      for (let c = 0; c < specs.length; c++) {
        const result = specs[c]!.check(row[positions[c]!] ?? '');
        if ('value' in result) record[c] = result.value;
        else {
          total++;
          bad = true;
          if (problems.length < MAX_LISTED_PROBLEMS)
            problems.push({
              row: line,
              field: specs[c]!.name,
              key: result.key,
              ...(result.params ? { params: result.params } : {}),
            });
        }
      }
    }
    if (!bad && total === 0) builder.add(record);
    if (options.onProgress && r % step === 0) options.onProgress(r, rows.length - 1);
  }
  options.onProgress?.(rows.length - 1, rows.length - 1);
  if (total > 0) return { ok: false, problems, total };
  if (builder.rows === 0)
    return { ok: false, problems: [{ row: 0, field: '', key: 'stats.import.empty' }], total: 1 };
  return { ok: true, data: builder.build() };
}
