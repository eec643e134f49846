// The change history: which fields of a service changed, as text, one row per field (HSDS's metadata table).
// Nested lists (phones, areas, opening hours, …) are compared as one readable line each, so a steward sees
// "phones: 0900-8844 (voice) → 0900-8844 (voice); 06-12345678 (whatsapp)" rather than row ids.
import type { HistoryRow } from './history-repository.js';
import type { ServiceRecord, TaxonomyTerm } from './types.js';

type Describe = (record: ServiceRecord, terms: Map<string, TaxonomyTerm>) => string;

const text = (value: string | number | boolean | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

const SCALAR_FIELDS = [
  'name',
  'alternate_name',
  'organization_id',
  'description',
  'url',
  'email',
  'status',
  'interpretation_services',
  'application_process',
  'fees_description',
  'wait_time',
  'accreditations',
  'eligibility_description',
  'minimum_age',
  'maximum_age',
  'alert',
  'assured_date',
  'assurer_email',
  'assured_by_user_id',
  'is_sample',
  'assured_by',
  'source_type',
  'source_name',
] as const;

const LIST_FIELDS: Record<string, Describe> = {
  phones: (r) =>
    r.phones
      .map(
        (p) =>
          `${p.number} (${p.channel})${p.description ? ` ${p.description}` : ''}${p.languages.length ? ` [${p.languages.join(', ')}]` : ''}`,
      )
      .join('; '),
  urls: (r) => r.urls.map((u) => `${u.url} (${u.channel})${u.label ? ` ${u.label}` : ''}`).join('; '),
  schedules: (r) =>
    r.schedules
      .map((s) =>
        `${s.byday ?? ''} ${s.opens_at ?? ''}–${s.closes_at ?? ''}${s.description ? ` ${s.description}` : ''}`.trim(),
      )
      .join('; '),
  service_areas: (r) => r.service_areas.map((a) => `${a.area_type}:${a.area_code}`).join('; '),
  languages: (r) => r.languages.map((l) => l.code).join(', '),
  taxonomy_terms: (r, terms) =>
    r.taxonomy_term_ids
      .map((id) => {
        const t = terms.get(id);
        return t ? `${t.taxonomy}:${t.code}` : id;
      })
      .sort()
      .join(', '),
  locations: (r) =>
    r.locations
      .map((l) =>
        [l.name, ...l.addresses.map((a) => `${a.address_1}, ${a.postal_code} ${a.city}`)]
          .filter(Boolean)
          .join(' – '),
      )
      .join('; '),
  contacts: (r) =>
    r.contacts.map((c) => [c.name, c.title, c.department, c.email].filter(Boolean).join(', ')).join('; '),
  capacities: (r) =>
    r.capacities
      .map((c) => `${c.unit_name}: ${c.available}${c.maximum !== null ? `/${c.maximum}` : ''}`)
      .join('; '),
};

/** Every service field the history records, as stored in `metadata.field_name`. */
export const SERVICE_HISTORY_FIELDS: readonly string[] = [...SCALAR_FIELDS, ...Object.keys(LIST_FIELDS)];

/**
 * The fields that differ between `before` and `after`. Without `before` (a new service) every field that has a
 * value is listed, with an empty previous value.
 */
export function changedFields(
  before: ServiceRecord | undefined,
  after: ServiceRecord,
  terms: Map<string, TaxonomyTerm>,
): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (const field of SCALAR_FIELDS) {
    const previous = before ? text(before[field]) : '';
    const replacement = text(after[field]);
    if (previous !== replacement && !(before === undefined && field === 'is_sample' && !after.is_sample)) {
      rows.push({ field, previous, replacement });
    }
  }
  for (const [field, describe] of Object.entries(LIST_FIELDS)) {
    const previous = before ? describe(before, terms) : '';
    const replacement = describe(after, terms);
    if (previous !== replacement) rows.push({ field, previous, replacement });
  }
  return rows;
}
