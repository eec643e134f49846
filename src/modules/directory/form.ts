// The steward's service form as data: the posted fields (urlencoded, names like `phones[0].number`) become a
// ServiceDraft, and a stored record becomes form values. Repeating groups come with a few empty rows; empty rows
// are ignored. Parsing never fails: odd input becomes a value the validation reports on.
import { valueOf, valuesOf, type FormValues } from '../../platform/web/components.js';
import type { RegionLookup } from './regions.js';
import { ALL_DAYS } from './summary.js';
import { SERVICE_STATUSES } from './validation.js';
import type {
  AreaType,
  PhoneChannel,
  ServiceDraft,
  ServiceRecord,
  ServiceStatus,
  UrlChannel,
} from './types.js';
import { AREA_TYPES } from './regions.js';

export const GROUPS = ['phones', 'urls', 'service_areas', 'schedules'] as const;
export type Group = (typeof GROUPS)[number];

/** Empty rows shown below the filled ones, and how many "add rows" adds. */
export const EMPTY_ROWS = 1;
export const MAX_ROWS = 50;

const GROUP_FIELDS: Record<Group, string[]> = {
  phones: ['number', 'description'],
  urls: ['url', 'label'],
  service_areas: ['area_code'],
  schedules: ['opens_at', 'closes_at', 'description', 'byday'],
};

function text(values: FormValues, name: string): string {
  return valueOf(values, name).replace(/\r\n/g, '\n').trim();
}

function optional(values: FormValues, name: string): string | null {
  const v = text(values, name);
  return v === '' ? null : v;
}

function integer(values: FormValues, name: string): number | null {
  const v = text(values, name);
  if (v === '') return null;
  return /^-?[0-9]{1,4}$/.test(v) ? Number(v) : Number.NaN;
}

/** How many rows of a group the form had (its hidden counter), bounded. */
export function rowCount(values: FormValues, group: Group): number {
  const n = Number.parseInt(valueOf(values, `${group}_rows`), 10);
  return Number.isFinite(n) ? Math.min(Math.max(n, 0), MAX_ROWS) : 0;
}

function rowIsEmpty(values: FormValues, group: Group, i: number): boolean {
  return GROUP_FIELDS[group].every((f) =>
    valuesOf(values, `${group}[${i}].${f}`).every((v) => v.trim() === ''),
  );
}

/** The indexes of the non-empty rows of a group, in order. */
function filledRows(values: FormValues, group: Group): number[] {
  const rows: number[] = [];
  for (let i = 0; i < rowCount(values, group); i++) if (!rowIsEmpty(values, group, i)) rows.push(i);
  return rows;
}

export interface ParsedForm {
  draft: ServiceDraft;
  /** Maps a problem on the draft (`phones[0].number`) to the form row it came from (`phones[2].number`). */
  formField(field: string): string;
}

export function parseServiceForm(values: FormValues, regions: RegionLookup): ParsedForm {
  const rows: Record<Group, number[]> = {
    phones: filledRows(values, 'phones'),
    urls: filledRows(values, 'urls'),
    service_areas: filledRows(values, 'service_areas'),
    schedules: filledRows(values, 'schedules'),
  };
  const alwaysOpen = valueOf(values, 'always_open') === 'yes';
  const draft = draftFrom(values, regions, rows, alwaysOpen);
  return {
    draft,
    formField(field) {
      if (alwaysOpen && field.startsWith('schedules[')) return 'always_open';
      return field.replace(
        /^(phones|urls|service_areas|schedules)\[(\d+)\]/,
        (whole, group: Group, n: string) => {
          const row = rows[group][Number(n)];
          return row === undefined ? whole : `${group}[${row}]`;
        },
      );
    },
  };
}

function draftFrom(
  values: FormValues,
  regions: RegionLookup,
  rows: Record<Group, number[]>,
  alwaysOpen: boolean,
): ServiceDraft {
  const status = text(values, 'status') as ServiceStatus;
  return {
    organization_id: text(values, 'organization_id'),
    name: text(values, 'name'),
    alternate_name: optional(values, 'alternate_name'),
    description: text(values, 'description'),
    url: optional(values, 'url'),
    email: optional(values, 'email'),
    status: SERVICE_STATUSES.includes(status) ? status : status || 'active',
    interpretation_services: optional(values, 'interpretation_services'),
    application_process: optional(values, 'application_process'),
    fees_description: optional(values, 'fees_description'),
    wait_time: optional(values, 'wait_time'),
    accreditations: optional(values, 'accreditations'),
    eligibility_description: optional(values, 'eligibility_description'),
    minimum_age: integer(values, 'minimum_age'),
    maximum_age: integer(values, 'maximum_age'),
    alert: optional(values, 'alert'),
    phones: rows.phones.map((i) => ({
      number: text(values, `phones[${i}].number`),
      channel: orDefault(text(values, `phones[${i}].channel`), 'voice') as PhoneChannel,
      description: optional(values, `phones[${i}].description`),
    })),
    urls: rows.urls.map((i) => ({
      url: text(values, `urls[${i}].url`),
      channel: orDefault(text(values, `urls[${i}].channel`), 'website') as UrlChannel,
      label: optional(values, `urls[${i}].label`),
    })),
    schedules: alwaysOpen
      ? [{ byday: ALL_DAYS.join(','), opens_at: '00:00', closes_at: '23:59', description: null }]
      : rows.schedules.map((i) => {
          const picked = new Set(valuesOf(values, `schedules[${i}].byday`));
          return {
            byday: ALL_DAYS.filter((d) => picked.has(d)).join(',') || null,
            opens_at: optional(values, `schedules[${i}].opens_at`),
            closes_at: optional(values, `schedules[${i}].closes_at`),
            description: optional(values, `schedules[${i}].description`),
          };
        }),
    service_areas: rows.service_areas.map((i) => {
      const typed = text(values, `service_areas[${i}].area_type`) as AreaType | '';
      const input = text(values, `service_areas[${i}].area_code`);
      const preferType = AREA_TYPES.includes(typed as AreaType) ? (typed as AreaType) : undefined;
      const resolved = regions.resolveArea(input, preferType);
      // A code of another type than the one chosen stays as typed, so validation names the mismatch.
      if (resolved && (!preferType || resolved.type === preferType))
        return { area_type: resolved.type, area_code: resolved.code };
      return { area_type: preferType ?? 'municipality', area_code: input };
    }),
    languages: [
      ...new Set(
        text(values, 'languages')
          .split(/[\s,;]+/)
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean),
      ),
    ],
    taxonomy_term_ids: [
      ...new Set(
        valuesOf(values, 'taxonomy_term_ids')
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ],
  };
}

/** An unknown value is kept, so validation reports it; only a missing one gets the default. */
function orDefault(value: string, fallback: string): string {
  return value === '' ? fallback : value;
}

/** The form values that show a draft again (after a failed validation the posted values are used instead). */
export function draftToForm(
  draft: ServiceDraft,
  version: number | undefined,
  editableTermIds: Set<string>,
): FormValues {
  const values: FormValues = {
    organization_id: draft.organization_id,
    name: draft.name,
    alternate_name: draft.alternate_name ?? '',
    description: draft.description,
    url: draft.url ?? '',
    email: draft.email ?? '',
    status: draft.status,
    interpretation_services: draft.interpretation_services ?? '',
    application_process: draft.application_process ?? '',
    fees_description: draft.fees_description ?? '',
    wait_time: draft.wait_time ?? '',
    accreditations: draft.accreditations ?? '',
    eligibility_description: draft.eligibility_description ?? '',
    minimum_age: draft.minimum_age === null ? '' : String(draft.minimum_age),
    maximum_age: draft.maximum_age === null ? '' : String(draft.maximum_age),
    alert: draft.alert ?? '',
    languages: draft.languages.join(', '),
    taxonomy_term_ids: draft.taxonomy_term_ids.filter((id) => editableTermIds.has(id)),
    ...(version !== undefined ? { version: String(version) } : {}),
  };
  draft.phones.forEach((p, i) => {
    values[`phones[${i}].number`] = p.number;
    values[`phones[${i}].channel`] = p.channel;
    values[`phones[${i}].description`] = p.description ?? '';
  });
  draft.urls.forEach((u, i) => {
    values[`urls[${i}].url`] = u.url;
    values[`urls[${i}].channel`] = u.channel;
    values[`urls[${i}].label`] = u.label ?? '';
  });
  draft.service_areas.forEach((a, i) => {
    values[`service_areas[${i}].area_type`] = a.area_type;
    values[`service_areas[${i}].area_code`] = a.area_code;
  });
  draft.schedules.forEach((s, i) => {
    values[`schedules[${i}].byday`] = s.byday ? s.byday.split(',') : [];
    values[`schedules[${i}].opens_at`] = s.opens_at ?? '';
    values[`schedules[${i}].closes_at`] = s.closes_at ?? '';
    values[`schedules[${i}].description`] = s.description ?? '';
  });
  values.phones_rows = String(draft.phones.length + EMPTY_ROWS);
  values.urls_rows = String(draft.urls.length + EMPTY_ROWS);
  values.service_areas_rows = String(draft.service_areas.length + EMPTY_ROWS);
  values.schedules_rows = String(draft.schedules.length + EMPTY_ROWS);
  return values;
}

export function recordToDraft(record: ServiceRecord): ServiceDraft {
  return {
    organization_id: record.organization_id,
    name: record.name,
    alternate_name: record.alternate_name,
    description: record.description,
    url: record.url,
    email: record.email,
    status: record.status,
    interpretation_services: record.interpretation_services,
    application_process: record.application_process,
    fees_description: record.fees_description,
    wait_time: record.wait_time,
    accreditations: record.accreditations,
    eligibility_description: record.eligibility_description,
    minimum_age: record.minimum_age,
    maximum_age: record.maximum_age,
    alert: record.alert,
    phones: record.phones.map((p) => ({ number: p.number, channel: p.channel, description: p.description })),
    urls: record.urls.map((u) => ({ url: u.url, channel: u.channel, label: u.label })),
    schedules: record.schedules.map((s) => ({
      byday: s.byday,
      opens_at: s.opens_at,
      closes_at: s.closes_at,
      description: s.description,
    })),
    service_areas: record.service_areas.map((a) => ({ area_type: a.area_type, area_code: a.area_code })),
    languages: record.languages.map((l) => l.code),
    taxonomy_term_ids: record.taxonomy_term_ids,
  };
}

/** An empty form for a new service. */
export function emptyForm(): FormValues {
  return {
    status: 'active',
    phones_rows: '2',
    urls_rows: '2',
    service_areas_rows: '2',
    schedules_rows: '2',
  };
}

/** Adds empty rows to a group ("add rows" button); keeps everything typed so far. */
export function withMoreRows(values: FormValues, group: Group, extra = 2): FormValues {
  return { ...values, [`${group}_rows`]: String(Math.min(rowCount(values, group) + extra, MAX_ROWS)) };
}

export const isGroup = (value: string): value is Group => (GROUPS as readonly string[]).includes(value);
