// Who may see and do what with a case: role + assignment (owner, origin, referral, placement) + region, plus
// break-the-glass grants. One pure function, so the authorisation matrix test can walk every combination.
// A case someone may not see is answered with 404, so its existence is not revealed.
import type { Role } from '../../platform/auth/index.js';

export interface Viewer {
  userId: string;
  role: Role;
  /** The viewer's team (every referral-mechanism role has one; privacy officer and admin have none). */
  teamId: string | null;
}

/** The facts about one case that decide access. */
export interface CaseScope {
  ownerTeamId: string;
  originTeamId: string;
  /** Teams with a pending or accepted referral or transfer, and whether that referral shares personal data. */
  referrals: {
    teamId: string;
    sharesPersonalData: boolean;
    kind: 'refer' | 'transfer';
    status: string;
    /** The referral's purpose (service type): which fields of the person it carries (field-scopes.ts). */
    serviceType?: string;
  }[];
  /** Shelter teams with a requested or accepted placement; placement shares personal data when allowed. */
  placements: { teamId: string; sharesPersonalData: boolean }[];
  /** The viewer holds an unexpired break-the-glass grant for this case. */
  grant: boolean;
  /** The care coordination has taken the case from the professional who raised it (consent.ts, handedOver). */
  handedOver: boolean;
}

export interface CaseAccess {
  /** May read the case at all (else: 404). */
  read: boolean;
  /** May read the person's identifying and special-category data. */
  person: boolean;
  /** May move the case, refer, transfer, request placements, edit: the owner's coordinators and leads. */
  manage: boolean;
  /** May answer a referral or transfer addressed to their team. */
  respondReferral: boolean;
  /** May answer a placement request addressed to their shelter. */
  respondPlacement: boolean;
  /** Came in through a break-the-glass grant (flagged to the privacy officer). */
  viaGrant: boolean;
  /** Only the stage in words: the professional who raised the signal, once the case is handed over. */
  statusOnly: boolean;
}

export const NO_ACCESS: CaseAccess = {
  read: false,
  person: false,
  manage: false,
  respondReferral: false,
  respondPlacement: false,
  viaGrant: false,
  statusOnly: false,
};

const MANAGERS: readonly Role[] = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];
/** Roles that may break the glass: those who coordinate care, never shelters or first-line professionals. */
export const GLASS_BREAKERS: readonly Role[] = MANAGERS;

export function caseAccess(viewer: Viewer, scope: CaseScope): CaseAccess {
  if (!viewer.teamId) return NO_ACCESS;
  const team = viewer.teamId;
  const role = viewer.role;

  if (MANAGERS.includes(role)) {
    if (scope.ownerTeamId === team)
      return {
        read: true,
        person: true,
        manage: true,
        respondReferral: false,
        respondPlacement: false,
        viaGrant: false,
        statusOnly: false,
      };
    const referral = scope.referrals.find(
      (r) => r.teamId === team && (r.status === 'pending' || r.status === 'accepted'),
    );
    if (referral)
      return {
        read: true,
        person: referral.sharesPersonalData,
        manage: false,
        respondReferral: referral.status === 'pending',
        respondPlacement: false,
        viaGrant: false,
        statusOnly: false,
      };
    if (scope.grant)
      return {
        read: true,
        person: true,
        manage: false,
        respondReferral: false,
        respondPlacement: false,
        viaGrant: true,
        statusOnly: false,
      };
    return NO_ACCESS;
  }

  if (role === 'nrm_shelter') {
    const placement = scope.placements.find((p) => p.teamId === team);
    const referral = scope.referrals.find(
      (r) => r.teamId === team && (r.status === 'pending' || r.status === 'accepted'),
    );
    if (!placement && !referral) return NO_ACCESS;
    return {
      read: true,
      person: Boolean(placement?.sharesPersonalData || referral?.sharesPersonalData),
      manage: false,
      respondReferral: referral?.status === 'pending',
      respondPlacement: Boolean(placement),
      viaGrant: false,
      statusOnly: false,
    };
  }

  if (role === 'nrm_professional') {
    // The professional who raised the signal sees what they typed until the care coordination takes the case;
    // from then on only the stage in words (never the file, the person or where they are).
    if (scope.originTeamId === team && !scope.handedOver)
      return {
        read: true,
        person: true,
        manage: false,
        respondReferral: false,
        respondPlacement: false,
        viaGrant: false,
        statusOnly: false,
      };
    const referral = scope.referrals.find(
      (r) => r.teamId === team && (r.status === 'pending' || r.status === 'accepted'),
    );
    if (referral)
      return {
        read: true,
        person: referral.sharesPersonalData,
        manage: false,
        respondReferral: referral.status === 'pending',
        respondPlacement: false,
        viaGrant: false,
        statusOnly: false,
      };
    if (scope.originTeamId === team) return { ...NO_ACCESS, read: true, statusOnly: true };
    return NO_ACCESS;
  }

  // privacy_officer, admin, directory_steward, and anything else: no case content.
  return NO_ACCESS;
}
