// Consent per recipient and purpose, and what a first-line professional sees once the case is handed over. Pure
// rules (no I/O), used where the data is read (repository.scopeFrom decides `person` through them, so the case
// page, every export and every list follow) and by the tests.
//
// A recipient team sees the person for a referral or placement only while one of these holds, in this order:
// a consent given for that team and that purpose and not withdrawn; the person is a minor (child protection);
// a recorded vital interest. Consent for one team or purpose says nothing about another.
import { NOTICE_PURPOSES } from './children/codes.js';
import { SERVICE_TYPES, type LegalGround, type ServiceType } from './model.js';

/** The purposes a consent is given for: the module's service types (a referral's purpose; placement: shelter). */
export const CONSENT_PURPOSES = SERVICE_TYPES;
export type ConsentPurpose = ServiceType;
export const CONSENT_ANSWERS = ['given', 'refused'] as const;
export type ConsentAnswer = (typeof CONSENT_ANSWERS)[number];
/** How consent was given; the last two are only ever written by the system (signal form, migration 0017). */
export const CONSENT_METHODS = ['in_person', 'phone', 'in_writing', 'representative'] as const;
export const SYSTEM_CONSENT_METHODS = ['signal_form', 'before_per_recipient'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number] | (typeof SYSTEM_CONSENT_METHODS)[number];

export interface ConsentFact {
  id: string;
  team_id: string;
  purpose: string;
  answer: string;
  withdrawn_at: Date | null;
}

/** The non-consent grounds of a case: they do not depend on the recipient. */
export interface CaseGrounds {
  minor: string;
  vital_interest: boolean;
}

/** Whether a consent stands now: given and not withdrawn. */
export const standing = (c: ConsentFact) => c.answer === 'given' && c.withdrawn_at === null;

/** The ground on which a team may receive the person for a purpose, or null: then it sees no personal data. */
export function shareGround(
  grounds: CaseGrounds,
  consents: readonly ConsentFact[],
  teamId: string,
  purpose: string,
): LegalGround | null {
  if (consents.some((c) => c.team_id === teamId && c.purpose === purpose && standing(c))) return 'consent';
  if (grounds.minor === 'yes') return 'minor';
  if (grounds.vital_interest) return 'vital_interest';
  return null;
}

/** A placement is for the purpose "shelter". */
export const PLACEMENT_PURPOSE: ConsentPurpose = 'shelter';

/**
 * What one recipient team is told about its sight of the person: the ground it sees the person on, or that
 * consent for it was withdrawn (and no other ground holds), or that the referral never shared the person.
 */
export type RecipientStanding =
  { kind: 'ground'; ground: LegalGround } | { kind: 'withdrawn'; at: Date } | { kind: 'not_shared' };

export function recipientStanding(
  grounds: CaseGrounds,
  consents: readonly (ConsentFact & { withdrawn_at: Date | null })[],
  teamId: string,
  shares: { purpose: string }[],
): RecipientStanding {
  for (const s of shares) {
    const ground = shareGround(grounds, consents, teamId, s.purpose);
    if (ground) return { kind: 'ground', ground };
  }
  const withdrawn = consents
    .filter((c) => c.team_id === teamId && c.withdrawn_at && shares.some((s) => s.purpose === c.purpose))
    .map((c) => c.withdrawn_at!)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return withdrawn ? { kind: 'withdrawn', at: withdrawn } : { kind: 'not_shared' };
}

// ---- the first-line professional after handover ----------------------------------------------------------

/**
 * Whether the care coordination has taken the case from the professional who raised it: it left "received", or a
 * placement was requested, or it was referred for anything but coordination (the automatic coordination
 * referrals to co-covering regions and escalations are not a step with the person, nor are the children's route's
 * notices to the guardian organisation and Veilig Thuis, children/). From then on the
 * professional sees only the stage in words, as the UK NRM tells a first responder the outcome, not the file.
 */
export function handedOver(
  status: string,
  referrals: readonly { service_type: string }[],
  placements: readonly unknown[],
): boolean {
  return (
    status !== 'received' ||
    placements.length > 0 ||
    referrals.some(
      (r) =>
        r.service_type !== 'coordination' && !(NOTICE_PURPOSES as readonly string[]).includes(r.service_type),
    )
  );
}

export const STAGES = ['received', 'in_progress', 'closed'] as const;
export type Stage = (typeof STAGES)[number];

/** The stage a first-line professional is told: received, being handled, closed. */
export function stageOf(status: string): Stage {
  if (status === 'received') return 'received';
  if (status === 'closed') return 'closed';
  return 'in_progress';
}
