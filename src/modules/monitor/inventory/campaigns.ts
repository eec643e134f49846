// The campaign inventory (action line 1): awareness campaigns with their forms of exploitation, audiences,
// sectors, languages, channels, reach and impact measurement. Validation of one campaign (form or CSV row), the
// CSV import (every row checked first; all or nothing, errors per row and column), and the dashboard: coverage
// by form, audience and year, the campaigns whose impact was never measured, and the gaps no campaign covers.
// Pure: the service stores and reads.
import { parse } from 'csv-parse/sync';
import type { FieldProblem } from '../../../platform/errors.js';
import { findSimilar, similarPairs, type SimilarPair } from './similar.js';

export const CAMPAIGN_FORMS = ['general', 'sexual', 'labour', 'criminal', 'other'] as const;
export const CAMPAIGN_AUDIENCES = [
  'citizens',
  'professionals',
  'potential_victims',
  'young_people',
  'sectors',
] as const;

export interface CampaignInput {
  name: string;
  organisation: string;
  startYear: number;
  endYear: number | null;
  forms: string[];
  audiences: string[];
  sectors: string[];
  languages: string[];
  channels: string[];
  reach: number | null;
  impactIndicator: string;
  impactBaseline: string;
  impactResult: string;
  impactMethod: string;
  impactSource: string;
  source: string;
}

export interface Campaign extends CampaignInput {
  id: string;
  /** Raised by every correction; an edit must match it (migration 0024). */
  version: number;
  withdrawnAt: Date | null;
  withdrawnReason: string;
}

/** Measured: an indicator and a result are both recorded. */
export const isMeasured = (c: CampaignInput) =>
  c.impactIndicator.trim() !== '' && c.impactResult.trim() !== '';

/** The raw text fields of one campaign (form fields or CSV columns). */
export type CampaignFields = Record<(typeof CSV_COLUMNS)[number], string>;

export const CSV_COLUMNS = [
  'name',
  'organisation',
  'start_year',
  'end_year',
  'forms',
  'audiences',
  'sectors',
  'languages',
  'channels',
  'reach',
  'impact_indicator',
  'impact_baseline',
  'impact_result',
  'impact_method',
  'impact_source',
  'source',
] as const;

const list = (value: string) =>
  value
    .split(/[;|]/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Checks one campaign; `prefix` names the place of a problem (`rows[3].` for a CSV row, '' for the form). */
export function validateCampaign(
  raw: Partial<CampaignFields>,
  maxYear: number,
  prefix = '',
): { campaign?: CampaignInput; problems: FieldProblem[] } {
  const get = (k: (typeof CSV_COLUMNS)[number]) => (raw[k] ?? '').trim();
  const problems: FieldProblem[] = [];
  const field = (k: string) => `${prefix}${k}`;
  const text = (k: (typeof CSV_COLUMNS)[number], max: number, required = false) => {
    const v = get(k);
    if (required && v === '') problems.push({ field: field(k), key: 'monitor.error.required' });
    else if (v.length > max)
      problems.push({ field: field(k), key: 'monitor.error.tooLong', params: { max } });
    return v;
  };
  const year = (k: 'start_year' | 'end_year', required: boolean): number | null => {
    const v = get(k);
    if (v === '') {
      if (required) problems.push({ field: field(k), key: 'monitor.error.required' });
      return null;
    }
    const n = Number(v);
    if (!/^\d{4}$/.test(v) || n < 1990 || n > maxYear) {
      problems.push({
        field: field(k),
        key: 'monitor.error.year',
        params: { min: '1990', max: String(maxYear) },
      });
      return null;
    }
    return n;
  };
  const vocabulary = (k: 'forms' | 'audiences', allowed: readonly string[], required: boolean) => {
    const values = list(get(k));
    if (required && values.length === 0) problems.push({ field: field(k), key: 'monitor.error.required' });
    const unknown = values.filter((v) => !allowed.includes(v));
    if (unknown.length)
      problems.push({
        field: field(k),
        key: 'monitor.error.vocabulary',
        params: { unknown: unknown.join(', '), allowed: allowed.join(', ') },
      });
    return [...new Set(values)];
  };
  const name = text('name', 200, true);
  const organisation = text('organisation', 200, true);
  const startYear = year('start_year', true);
  const endYear = year('end_year', false);
  if (startYear !== null && endYear !== null && endYear < startYear)
    problems.push({ field: field('end_year'), key: 'monitor.error.endBeforeStart' });
  const forms = vocabulary('forms', CAMPAIGN_FORMS, true);
  const audiences = vocabulary('audiences', CAMPAIGN_AUDIENCES, true);
  const languages = list(get('languages')).map((l) => l.toLowerCase());
  if (languages.some((l) => !/^[a-z]{2}$/.test(l)))
    problems.push({ field: field('languages'), key: 'monitor.error.languages' });
  const reachText = get('reach').replace(/[.\s]/g, '');
  let reach: number | null = null;
  if (reachText !== '') {
    if (!/^\d{1,10}$/.test(reachText)) problems.push({ field: field('reach'), key: 'monitor.error.reach' });
    else reach = Number(reachText);
  }
  const impactIndicator = text('impact_indicator', 300);
  const impactBaseline = text('impact_baseline', 300);
  const impactResult = text('impact_result', 300);
  const impactMethod = text('impact_method', 300);
  const impactSource = text('impact_source', 300);
  const source = text('source', 500);
  if (impactResult !== '' && impactIndicator === '')
    problems.push({ field: field('impact_indicator'), key: 'monitor.error.indicatorForResult' });
  const sectors = list(get('sectors')).slice(0, 20);
  const channels = list(get('channels')).slice(0, 20);
  if ([...sectors, ...channels].some((v) => v.length > 100))
    problems.push({ field: field('channels'), key: 'monitor.error.tooLong', params: { max: 100 } });
  if (problems.length) return { problems };
  return {
    problems,
    campaign: {
      name,
      organisation,
      startYear: startYear!,
      endYear,
      forms,
      audiences,
      sectors,
      languages: [...new Set(languages)],
      channels,
      reach,
      impactIndicator,
      impactBaseline,
      impactResult,
      impactMethod,
      impactSource,
      source,
    },
  };
}

export const MAX_IMPORT_BYTES = 512 * 1024;
export const MAX_IMPORT_ROWS = 2000;

/**
 * Reads a CSV of campaigns (a header row with the CSV_COLUMNS names or their labels in `headerNames`; columns separated by commas or, as Dutch
 * spreadsheets write them, semicolons; a byte-order mark is skipped; lists inside a cell separated by `;` or `|`).
 * Every row is checked, and against the rows above it (the same campaign, or one that looks like it, unless
 * `allowSimilar`); any problem means nothing is imported. Rows are numbered as a spreadsheet shows them.
 */
export function parseCampaignCsv(
  text: string,
  maxYear: number,
  options: {
    currentYear?: number;
    allowSimilar?: boolean;
    /** Column headers as people write them (the form's labels, `Beginjaar`), lower case, to their CSV name. */
    headerNames?: Readonly<Record<string, string>>;
  } = {},
): { campaigns: CampaignInput[]; problems: FieldProblem[] } {
  const currentYear = options.currentYear ?? maxYear - 1;
  if (Buffer.byteLength(text) > MAX_IMPORT_BYTES)
    return {
      campaigns: [],
      problems: [{ field: 'file', key: 'monitor.error.fileTooLarge', params: { max: '512 KB' } }],
    };
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter: csvDelimiter(text),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      campaigns: [],
      problems: [{ field: line ? `row ${line}` : 'file', key: 'monitor.error.csvBroken' }],
    };
  }
  const [header, ...rows] = records;
  if (!header) return { campaigns: [], problems: [{ field: 'file', key: 'monitor.error.csvEmpty' }] };
  const columns = header.map((h) => {
    const name = h.trim().toLowerCase();
    return options.headerNames?.[name] ?? name;
  });
  const missing = ['name', 'organisation', 'start_year', 'forms', 'audiences'].filter(
    (c) => !columns.includes(c),
  );
  const unknown = columns.filter((c) => !(CSV_COLUMNS as readonly string[]).includes(c));
  const problems: FieldProblem[] = [];
  if (missing.length)
    problems.push({
      field: 'header',
      key: 'monitor.error.csvMissing',
      params: { columns: missing.join(', ') },
    });
  if (unknown.length)
    problems.push({
      field: 'header',
      key: 'monitor.error.csvUnknown',
      params: { columns: unknown.join(', ') },
    });
  if (rows.length === 0) problems.push({ field: 'file', key: 'monitor.error.csvEmpty' });
  if (rows.length > MAX_IMPORT_ROWS)
    problems.push({ field: 'file', key: 'monitor.error.csvRows', params: { max: MAX_IMPORT_ROWS } });
  if (problems.length) return { campaigns: [], problems };
  const campaigns: CampaignInput[] = [];
  const seen = new Map<string, number>();
  const rowOf: number[] = [];
  rows.forEach((row, i) => {
    const rowNumber = i + 2;
    if (row.length > columns.length) {
      problems.push({
        field: `row ${rowNumber}`,
        key: 'monitor.error.csvColumns',
        params: { count: row.length, expected: columns.length },
      });
      return;
    }
    const raw: Partial<CampaignFields> = {};
    columns.forEach((c, j) => (raw[c as keyof CampaignFields] = row[j] ?? ''));
    const result = validateCampaign(raw, maxYear, `row ${rowNumber}, `);
    problems.push(...result.problems);
    if (result.campaign) {
      const key = campaignKey(result.campaign);
      const earlier = seen.get(key);
      const similar = options.allowSimilar
        ? null
        : findSimilar(
            result.campaign,
            campaigns.map((c, k) => ({ ...c, row: rowOf[k]! })),
            currentYear,
          );
      if (earlier)
        problems.push({
          field: `row ${rowNumber}, name`,
          key: 'monitor.error.csvDuplicate',
          params: { row: earlier },
        });
      else if (similar)
        problems.push({
          field: `row ${rowNumber}, name`,
          key: 'monitor.error.csvSimilar',
          params: { row: similar.match.row, name: similar.match.name },
        });
      else seen.set(key, rowNumber);
      campaigns.push(result.campaign);
      rowOf.push(rowNumber);
    }
  });
  return problems.length ? { campaigns: [], problems } : { campaigns, problems };
}

/** The column separator of a campaign CSV: a semicolon (Dutch spreadsheets) or a comma, read from the header row. */
export function csvDelimiter(text: string): ';' | ',' {
  const header = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export const campaignKey = (c: Pick<CampaignInput, 'name' | 'organisation' | 'startYear'>) =>
  `${c.name.toLowerCase()}\u0000${c.organisation.toLowerCase()}\u0000${c.startYear}`;

export interface CampaignDashboard {
  years: number[];
  byForm: { key: string; perYear: number[]; total: number }[];
  byAudience: { key: string; perYear: number[]; total: number }[];
  unmeasured: Campaign[];
  measured: number;
  /** Combinations of form and audience that no campaign covers. */
  gaps: { form: string; audience: string }[];
  /** Forms without any campaign in a year of the range. */
  yearGaps: { form: string; years: number[] }[];
  total: number;
  /** Pairs that look like one campaign counted twice (normalised or near-equal names, overlapping years). */
  similar: SimilarPair<Campaign>[];
}

/** The years a campaign runs in: a campaign without an end year runs in every year up to now (issue 21 pt 8). */
export const yearsOf = (c: Pick<CampaignInput, 'startYear' | 'endYear'>, currentYear: number) => {
  const out: number[] = [];
  for (let y = c.startYear; y <= (c.endYear ?? Math.max(c.startYear, currentYear)); y++) out.push(y);
  return out;
};

/**
 * The dashboard as of `currentYear` (the app clock's year): running campaigns count in every year up to it, and
 * the axis reaches it even when no campaign started or ended in it.
 */
export function campaignDashboard(campaigns: Campaign[], currentYear: number): CampaignDashboard {
  const allYears = campaigns.flatMap((c) => yearsOf(c, currentYear));
  const first = Math.min(currentYear, ...allYears);
  const last = Math.max(currentYear, ...allYears);
  const years = allYears.length === 0 ? [] : Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const tally = (keys: readonly string[], pick: (c: Campaign) => string[]) =>
    keys.map((key) => {
      const perYear = years.map(
        (y) => campaigns.filter((c) => pick(c).includes(key) && yearsOf(c, currentYear).includes(y)).length,
      );
      return { key, perYear, total: campaigns.filter((c) => pick(c).includes(key)).length };
    });
  const byForm = tally(CAMPAIGN_FORMS, (c) => c.forms);
  const byAudience = tally(CAMPAIGN_AUDIENCES, (c) => c.audiences);
  const gaps: { form: string; audience: string }[] = [];
  for (const form of CAMPAIGN_FORMS.filter((f) => f !== 'general'))
    for (const audience of CAMPAIGN_AUDIENCES)
      if (
        !campaigns.some(
          (c) => (c.forms.includes(form) || c.forms.includes('general')) && c.audiences.includes(audience),
        )
      )
        gaps.push({ form, audience });
  const yearGaps = byForm
    .filter((f) => f.key !== 'general')
    .map((f) => ({ form: f.key, years: years.filter((_, i) => f.perYear[i] === 0) }))
    .filter((g) => g.years.length > 0);
  const unmeasured = campaigns.filter((c) => !isMeasured(c));
  return {
    similar: similarPairs(campaigns, currentYear),
    years,
    byForm,
    byAudience,
    unmeasured,
    measured: campaigns.length - unmeasured.length,
    gaps,
    yearGaps,
    total: campaigns.length,
  };
}

/** The campaigns the letter of 4 July 2025 describes (the inventory's 54 are in its annexes 2 and 3, not in the letter). */
export const SAMPLE_CAMPAIGNS: CampaignInput[] = [
  {
    name: 'Online campagne arbeidsuitbuiting (Facebook, Instagram, TikTok)',
    organisation: 'FairWork',
    startYear: 2024,
    endYear: 2024,
    forms: ['labour'],
    audiences: ['potential_victims', 'sectors'],
    sectors: ['24-uurszorg', 'au pairs', 'nanny’s', 'huishoudelijk werk'],
    languages: [],
    channels: ['Facebook', 'Instagram', 'TikTok', 'voorlichtingsbijeenkomsten'],
    reach: 16915,
    impactIndicator: 'Meldingen bij FairWork binnen de doelgroep',
    impactBaseline: '21 (2023)',
    impactResult: '44 (2024)',
    impactMethod: 'Aantal meldingen vóór en na de campagne',
    impactSource: 'Kamerstuk 28 638, nr. 257',
    source: 'Kamerstuk 28 638, nr. 257 — Vergroten van de meldingsbereidheid (actielijn 2)',
  },
  {
    name: '#GeenBUIT',
    organisation: 'Defence for Children–ECPAT',
    startYear: 2025,
    endYear: null,
    forms: ['sexual', 'criminal'],
    audiences: ['professionals'],
    sectors: ['professionals die met jongeren werken'],
    languages: [],
    channels: ['campagnevideo’s', 'posters', 'mailings', 'sociale media', 'nieuwsbrieven', 'kennisplatforms'],
    reach: null,
    impactIndicator: '',
    impactBaseline: '',
    impactResult: '',
    impactMethod: '',
    impactSource: '',
    source:
      'Kamerstuk 28 638, nr. 257 — Versterken van de positie van minderjarige slachtoffers (actielijn 6)',
  },
  {
    name: 'Escapetruck',
    organisation: 'Reshape Foundation',
    startYear: 2025,
    endYear: null,
    forms: ['sexual', 'labour', 'criminal'],
    audiences: ['citizens', 'potential_victims', 'professionals'],
    sectors: [],
    languages: [],
    channels: ['escape room in een truck', 'brochures'],
    reach: null,
    impactIndicator: '',
    impactBaseline: '',
    impactResult: '',
    impactMethod: '',
    impactSource: '',
    source: 'Kamerstuk 28 638, nr. 257 — Inzet Escapetruck in Bulgarije, Polen en Hongarije',
  },
];
