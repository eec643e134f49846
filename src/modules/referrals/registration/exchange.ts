// The national registration as the HTCDS exchange needs it (issue 20, point 7): each pseudonymised record with what
// has been decided (vic_TraffickingStatus and the kind of organisation that decided), the case's status and
// closing reason (from a fixed list, never free text), its teams, the consent on the signal form, the referring
// organisation as an HTCDS org_Type and the region by name (no raw codes). And, only for an export under a
// data-sharing agreement that allows it, the date of birth, opened and audited per case.
import { fieldContext } from '../../../platform/crypto/index.js';
import type { CaseCore } from '../core/context.js';
import {
  htcdsCaseStatus,
  htcdsClosureReason,
  htcdsConsent,
  htcdsOrgType,
  toRegistrationRecord,
  traffickingStatusOf,
} from '../htcds.js';
import { allRegistrations } from './repository.js';
import { caseIds, exchangeFacts, regionNames, sealedBirthdates } from './exchange-repository.js';

export async function exchangeRecords(core: CaseCore) {
  const [rows, facts, regions] = await Promise.all([
    allRegistrations(core.db),
    exchangeFacts(core.db),
    regionNames(core.db),
  ]);
  const byPseudonym = new Map(facts.cases.map((c) => [core.pseudonymOf(c.id), c]));
  const decisionsOf = new Map<string, (typeof facts.decisions)[number][]>();
  for (const d of facts.decisions) decisionsOf.set(d.case_id, [...(decisionsOf.get(d.case_id) ?? []), d]);
  const firstReferral = new Map<string, (typeof facts.referrals)[number]>();
  for (const r of facts.referrals) if (!firstReferral.has(r.case_id)) firstReferral.set(r.case_id, r);
  return rows.map((row) => {
    const record = toRegistrationRecord(row);
    const extra = {
      referringOrganisationType: htcdsOrgType(row.referring_org_type),
      regionName: regions.get(row.police_unit_code) ?? null,
    };
    const c = byPseudonym.get(row.pseudonym);
    if (!c) return { ...record, ...extra };
    const decided = traffickingStatusOf(decisionsOf.get(c.id) ?? [], facts.types);
    const referral = firstReferral.get(c.id);
    return {
      ...record,
      ...extra,
      traffickingStatus: decided.status,
      decisionMakingOrg: decided.org,
      caseStatus: htcdsCaseStatus(c.status, c.closed_reason),
      closureReason: htcdsClosureReason(c.status, c.closed_reason),
      consent: htcdsConsent(c.consent),
      caseOwner: c.owner_team,
      referringOrganisation: c.origin_team,
      referredOrganisation: referral?.to_team ?? null,
      outgoingReferralAt: referral ? new Date(referral.created_at).toISOString().slice(0, 10) : null,
    };
  });
}

/**
 * The dates of birth (yyyy-mm-dd) of the registrations named, by pseudonym, for an export under a data-sharing
 * agreement: each one opened is an access to the person's data, audited per case with the agreement.
 */
export async function exchangeBirthdates(
  core: CaseCore,
  caseRefs: readonly string[],
  o: { actorUserId: string | null; agreementId: string },
): Promise<Map<string, string>> {
  const wanted = new Set(caseRefs);
  const ids = (await caseIds(core.db)).filter((id) => wanted.has(core.pseudonymOf(id)));
  const sealed = await sealedBirthdates(core.db, ids);
  const out = new Map<string, string>();
  for (const p of sealed) {
    const value = core.open(p.date_of_birth_enc, fieldContext('nrm_person', 'date_of_birth_enc', p.case_id));
    if (!value) continue;
    out.set(core.pseudonymOf(p.case_id), value);
    await core.audit.record({
      actorUserId: o.actorUserId,
      action: 'nrm.person.exchange',
      entityType: 'nrm_case',
      entityId: p.case_id,
      detail: { fields: ['prs_Birthdate'], agreement: o.agreementId },
    });
  }
  return out;
}
