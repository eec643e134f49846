// The rules a service must meet before it is stored, as field-level problems with translatable message keys.
// Field names are the form's input names (`phones[0].number`), so the steward form can link each problem to its
// input, and the same names serve the API and imports.
import type { FieldProblem } from '../../platform/http/errors.js';
import type { RegionLookup } from './regions.js';
import { ALL_DAYS } from './summary.js';
import type { ServiceDraft, ServiceStatus, TaxonomyTerm } from './types.js';

export const SERVICE_STATUSES: readonly ServiceStatus[] = [
  'active',
  'inactive',
  'temporarily closed',
  'defunct',
];
export const PHONE_CHANNELS = ['voice', 'sms', 'whatsapp'] as const;
export const URL_CHANNELS = ['website', 'chat', 'web_form'] as const;
/** Taxonomies a steward sets on the form; the others (record status, contact channel) are kept as imported. */
export const EDITABLE_TAXONOMIES = [
  'desk_type',
  'exploitation_form',
  'need',
  'audience',
  'scope',
  'access',
] as const;

export const LIMITS = {
  name: 200,
  text: 2000,
  description: 5000,
  email: 254,
  url: 2000,
  reason: 1000,
  rows: 50,
} as const;

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;
const PHONE = /^\+?[0-9(][0-9 ()./-]*[0-9]$/;
const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const LANGUAGE = /^[a-z]{2}$/;

export function isEmail(value: string): boolean {
  return value.length <= LIMITS.email && EMAIL.test(value);
}

export function isWebUrl(value: string): boolean {
  if (value.length > LIMITS.url || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Dutch and international numbers as people write them: 112, 0900-8844, +31 20 123 45 67. 3–15 digits. */
export function isPhoneNumber(value: string): boolean {
  if (!PHONE.test(value)) return false;
  const digits = value.replace(/[^0-9]/g, '').length;
  return digits >= 3 && digits <= 15;
}

export function isTime(value: string): boolean {
  return TIME.test(value);
}

export interface ValidationContext {
  regions: RegionLookup;
  terms: Map<string, TaxonomyTerm>;
  organizationExists: boolean;
}

type Problems = FieldProblem[];

function required(problems: Problems, field: string, value: string | null | undefined) {
  if (!value || !value.trim()) {
    problems.push({ field, key: 'directory.validation.required' });
    return false;
  }
  return true;
}

function maxLength(problems: Problems, field: string, value: string | null | undefined, max: number) {
  if (value && value.length > max) {
    problems.push({ field, key: 'directory.validation.tooLong', params: { max } });
    return false;
  }
  return true;
}

function age(problems: Problems, field: string, value: number | null): boolean {
  if (value === null) return true;
  if (!Number.isInteger(value)) {
    problems.push({ field, key: 'directory.validation.wholeNumber' });
    return false;
  }
  if (value < 0 || value > 150) {
    problems.push({ field, key: 'directory.validation.ageRange', params: { min: 0, max: 150 } });
    return false;
  }
  return true;
}

export function validateService(draft: ServiceDraft, ctx: ValidationContext): FieldProblem[] {
  const problems: Problems = [];
  if (required(problems, 'name', draft.name)) maxLength(problems, 'name', draft.name, LIMITS.name);
  maxLength(problems, 'alternate_name', draft.alternate_name, LIMITS.name);
  if (!draft.organization_id)
    problems.push({ field: 'organization_id', key: 'directory.validation.required' });
  else if (!ctx.organizationExists)
    problems.push({ field: 'organization_id', key: 'directory.validation.unknownOrganization' });
  maxLength(problems, 'description', draft.description, LIMITS.description);
  if (!SERVICE_STATUSES.includes(draft.status)) {
    problems.push({
      field: 'status',
      key: 'directory.validation.status',
      params: { values: SERVICE_STATUSES.join(', ') },
    });
  }
  if (draft.email && !isEmail(draft.email))
    problems.push({ field: 'email', key: 'directory.validation.email' });
  if (draft.url && !isWebUrl(draft.url)) problems.push({ field: 'url', key: 'directory.validation.url' });
  for (const field of [
    'interpretation_services',
    'application_process',
    'fees_description',
    'wait_time',
    'accreditations',
    'eligibility_description',
    'alert',
  ] as const) {
    maxLength(problems, field, draft[field], LIMITS.text);
  }
  const minOk = age(problems, 'minimum_age', draft.minimum_age);
  const maxOk = age(problems, 'maximum_age', draft.maximum_age);
  if (
    minOk &&
    maxOk &&
    draft.minimum_age !== null &&
    draft.maximum_age !== null &&
    draft.minimum_age > draft.maximum_age
  ) {
    problems.push({ field: 'maximum_age', key: 'directory.validation.ageOrder' });
  }

  rows(problems, 'phones', draft.phones.length);
  draft.phones.forEach((p, i) => {
    const field = `phones[${i}].number`;
    if (!isPhoneNumber(p.number)) problems.push({ field, key: 'directory.validation.phone' });
    if (!(PHONE_CHANNELS as readonly string[]).includes(p.channel)) {
      problems.push({ field: `phones[${i}].channel`, key: 'directory.validation.choice' });
    }
    maxLength(problems, `phones[${i}].description`, p.description, LIMITS.name);
  });

  rows(problems, 'urls', draft.urls.length);
  draft.urls.forEach((u, i) => {
    if (!isWebUrl(u.url)) problems.push({ field: `urls[${i}].url`, key: 'directory.validation.url' });
    if (!(URL_CHANNELS as readonly string[]).includes(u.channel)) {
      problems.push({ field: `urls[${i}].channel`, key: 'directory.validation.choice' });
    }
    maxLength(problems, `urls[${i}].label`, u.label, LIMITS.name);
  });

  rows(problems, 'schedules', draft.schedules.length);
  draft.schedules.forEach((s, i) => {
    const dayList = s.byday ? s.byday.split(',') : [];
    if (dayList.length === 0 || dayList.some((d) => !(ALL_DAYS as readonly string[]).includes(d))) {
      problems.push({ field: `schedules[${i}].byday`, key: 'directory.validation.days' });
    }
    for (const which of ['opens_at', 'closes_at'] as const) {
      const value = s[which];
      if (!value) problems.push({ field: `schedules[${i}].${which}`, key: 'directory.validation.required' });
      else if (!isTime(value))
        problems.push({ field: `schedules[${i}].${which}`, key: 'directory.validation.time' });
    }
    maxLength(problems, `schedules[${i}].description`, s.description, LIMITS.name);
  });

  rows(problems, 'service_areas', draft.service_areas.length);
  if (draft.service_areas.length === 0)
    problems.push({ field: 'service_areas', key: 'directory.validation.areaRequired' });
  draft.service_areas.forEach((a, i) => {
    if (!ctx.regions.exists(a.area_type, a.area_code)) {
      problems.push({
        field: `service_areas[${i}].area_code`,
        key: 'directory.validation.unknownArea',
        params: { code: a.area_code },
      });
    }
  });

  draft.languages.forEach((code) => {
    if (!LANGUAGE.test(code))
      problems.push({ field: 'languages', key: 'directory.validation.language', params: { code } });
  });

  for (const id of draft.taxonomy_term_ids) {
    if (!ctx.terms.has(id)) {
      problems.push({ field: 'taxonomy_term_ids', key: 'directory.validation.unknownTerm', params: { id } });
    }
  }
  return problems;
}

function rows(problems: Problems, field: string, count: number) {
  if (count > LIMITS.rows)
    problems.push({ field, key: 'directory.validation.tooManyRows', params: { max: LIMITS.rows } });
}

export function validateRetireReason(reason: string): FieldProblem[] {
  const problems: Problems = [];
  if (required(problems, 'reason', reason)) maxLength(problems, 'reason', reason, LIMITS.reason);
  return problems;
}

export interface OrganizationDraft {
  name: string;
  alternate_name: string | null;
  description: string;
  email: string | null;
  website: string | null;
  legal_status: string | null;
}

export function validateOrganization(draft: OrganizationDraft): FieldProblem[] {
  const problems: Problems = [];
  if (required(problems, 'name', draft.name)) maxLength(problems, 'name', draft.name, LIMITS.name);
  maxLength(problems, 'alternate_name', draft.alternate_name, LIMITS.name);
  maxLength(problems, 'description', draft.description, LIMITS.description);
  maxLength(problems, 'legal_status', draft.legal_status, LIMITS.name);
  if (draft.email && !isEmail(draft.email))
    problems.push({ field: 'email', key: 'directory.validation.email' });
  if (draft.website && !isWebUrl(draft.website))
    problems.push({ field: 'website', key: 'directory.validation.url' });
  return problems;
}
