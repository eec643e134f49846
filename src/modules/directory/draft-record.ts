// A steward's draft turned into a service record: what the steward edits replaces the editable fields and the
// rows they enter, what the system manages (verification, provenance, locations, capacities, contacts, terms of
// the taxonomies a steward does not edit) is kept from the stored record.
import { orderedIds } from './ids.js';
import type { RegionLookup } from './regions.js';
import type { Organization, ServiceDraft, ServiceRecord, TaxonomyTerm } from './types.js';
import { EDITABLE_TAXONOMIES } from './validation.js';

/** What turning a draft into a record needs from the database, fetched before the write transaction opens. */
export interface DraftContext {
  lookup: RegionLookup;
  terms: Map<string, TaxonomyTerm>;
  organization: Organization;
}

/**
 * The record a draft makes of `base` (or of nothing, for a new service). Runs inside the write transaction, so
 * it must not query: PGlite has one connection, which the transaction holds.
 */
export function recordFromDraft(
  id: string,
  draft: ServiceDraft,
  base: ServiceRecord | undefined,
  now: Date,
  { lookup, terms, organization }: DraftContext,
): ServiceRecord {
  const editable = new Set<string>(EDITABLE_TAXONOMIES);
  const kept = (base?.taxonomy_term_ids ?? []).filter((t) => !editable.has(terms.get(t)?.taxonomy ?? ''));
  const ids = orderedIds(
    draft.phones.length +
      draft.urls.length +
      draft.schedules.length +
      draft.service_areas.length +
      draft.languages.length,
    now,
  );
  let next = 0;
  const take = () => ids[next++]!;
  return {
    id,
    organization_id: draft.organization_id,
    organization,
    name: draft.name.trim(),
    alternate_name: draft.alternate_name,
    description: draft.description,
    url: draft.url,
    email: draft.email,
    status: draft.status,
    interpretation_services: draft.interpretation_services,
    application_process: draft.application_process,
    fees_description: draft.fees_description,
    wait_time: draft.wait_time,
    accreditations: draft.accreditations,
    eligibility_description: draft.eligibility_description,
    minimum_age: draft.minimum_age,
    maximum_age: draft.maximum_age,
    alert: draft.alert,
    assured_date: base?.assured_date ?? null,
    assurer_email: base?.assurer_email ?? null,
    assured_by_user_id: base?.assured_by_user_id ?? null,
    is_sample: base?.is_sample ?? false,
    version: base?.version ?? 1,
    last_modified: now.toISOString(),
    // A steward's edit keeps who verified it and where it came from (the history says what changed here).
    assured_by: base?.assured_by ?? null,
    source_type: base?.source_type ?? 'local',
    source_name: base?.source_name ?? null,
    source_imported_at: base?.source_imported_at ?? null,
    phones: draft.phones.map((p) => {
      const same = base?.phones.find((b) => b.number === p.number);
      return {
        id: take(),
        number: p.number,
        extension: same?.extension ?? null,
        type: p.channel === 'voice' ? 'voice' : 'text',
        channel: p.channel,
        description: p.description ?? null,
        languages: same?.languages ?? [],
      };
    }),
    urls: draft.urls.map((u) => ({ id: take(), url: u.url, channel: u.channel, label: u.label ?? null })),
    schedules: draft.schedules.map((s) => ({
      id: take(),
      byday: s.byday,
      freq: 'WEEKLY' as const,
      opens_at: s.opens_at,
      closes_at: s.closes_at,
      valid_from: null,
      valid_to: null,
      description: s.description ?? null,
      timezone: 'Europe/Amsterdam',
    })),
    locations: base?.locations ?? [],
    service_areas: draft.service_areas.map((a) => ({
      id: take(),
      area_type: a.area_type,
      area_code: a.area_code,
      name: lookup.areaName(a.area_type, a.area_code) ?? null,
      description: null,
    })),
    languages: draft.languages.map((code) => {
      const same = base?.languages.find((l) => l.code === code);
      return { id: take(), code, name: same?.name ?? null, note: same?.note ?? null };
    }),
    capacities: base?.capacities ?? [],
    contacts: base?.contacts ?? [],
    taxonomy_term_ids: [...new Set([...kept, ...draft.taxonomy_term_ids])],
  };
}
