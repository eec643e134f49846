// Per-field scopes (issue 20, point 4): what a recipient sees of the person and the case, per role and purpose.
// A recipient (a team a referral or placement request went to) sees the person only on a ground (consent.ts)
// and then only the fields configured for its role and the purpose it received the case for (nrm_field_scope,
// migration 0029): a shelter the name, date of birth and care needs, not the professional's account that names
// the exploiters. Whoever is not a recipient but sees the person (the owner's managers, a break-the-glass
// grant, the professional before handover) sees the whole block. Pure: the repository reads the rows, the case
// read selects and opens only the fields this returns (repository/field-scopes.ts), and the tests walk it.
import type { CaseAccess, CaseScope, Viewer } from './access.js';
import { PLACEMENT_PURPOSE } from './consent.js';

/** The person block's fields a scope can allow (nrm_person's columns and the case's sealed summary). */
export const PERSON_FIELDS = [
  'name',
  'date_of_birth',
  'contact',
  'special_notes',
  'summary',
  'languages',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** The roles a scope is configured for (those that can receive a referral or placement request). */
export const SCOPE_ROLES = [
  'nrm_professional',
  'nrm_coordinator',
  'nrm_regional_lead',
  'nrm_national',
  'nrm_shelter',
] as const;

/** The configuration: per role and purpose, the fields allowed. */
export type FieldScopes = ReadonlyMap<string, ReadonlySet<PersonField>>;

export const scopeKey = (role: string, purpose: string) => `${role}/${purpose}`;

export function fieldScopesFrom(
  rows: readonly { role: string; purpose: string; field: string }[],
): FieldScopes {
  const map = new Map<string, Set<PersonField>>();
  for (const r of rows) {
    if (!(PERSON_FIELDS as readonly string[]).includes(r.field)) continue;
    const key = scopeKey(r.role, r.purpose);
    const set = map.get(key) ?? new Set<PersonField>();
    set.add(r.field as PersonField);
    map.set(key, set);
  }
  return map;
}

const OPEN_REFERRAL = ['pending', 'accepted'];
const MANAGERS = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];

/**
 * The fields of the person this viewer may read on this case: none without `access.person`; all for the
 * owner's managers, a break-the-glass grant and the first-line professional before handover; otherwise the
 * union of the scopes of every relation through which the person reaches the viewer's team (an open referral
 * that shares the person, for its purpose; a placement request on a ground, for "shelter").
 */
export function visibleFields(
  viewer: Viewer,
  scope: CaseScope,
  access: CaseAccess,
  scopes: FieldScopes,
): ReadonlySet<PersonField> {
  if (!access.person || !viewer.teamId) return new Set();
  const team = viewer.teamId;
  const all = new Set<PersonField>(PERSON_FIELDS);
  if (MANAGERS.includes(viewer.role) && scope.ownerTeamId === team) return all;
  if (access.viaGrant) return all;
  if (viewer.role === 'nrm_professional' && scope.originTeamId === team && !scope.handedOver) return all;
  const fields = new Set<PersonField>();
  const allow = (purpose: string) => {
    for (const f of scopes.get(scopeKey(viewer.role, purpose)) ?? []) fields.add(f);
  };
  for (const r of scope.referrals)
    if (r.teamId === team && r.sharesPersonalData && OPEN_REFERRAL.includes(r.status))
      allow(r.serviceType ?? 'coordination');
  // Only a shelter reads a case through a placement request (access.ts).
  if (viewer.role === 'nrm_shelter')
    for (const p of scope.placements) if (p.teamId === team && p.sharesPersonalData) allow(PLACEMENT_PURPOSE);
  return fields;
}
