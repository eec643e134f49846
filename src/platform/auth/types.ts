// The accounts platform's roles and session shapes (re-exported by its door, index.ts).

export type Role =
  | 'admin'
  | 'directory_steward'
  // the referral mechanism
  | 'nrm_professional'
  | 'nrm_coordinator'
  | 'nrm_regional_lead'
  | 'nrm_national'
  | 'nrm_shelter'
  | 'privacy_officer'
  // the programme monitor
  | 'programme_team'
  | 'action_owner'
  | 'pool_coordinator'
  | 'requesting_organisation'
  | 'monitor_viewer'
  // the data hub
  | 'data_steward';
export const ROLES: readonly Role[] = [
  'admin',
  'directory_steward',
  'nrm_professional',
  'nrm_coordinator',
  'nrm_regional_lead',
  'nrm_national',
  'nrm_shelter',
  'privacy_officer',
  'programme_team',
  'action_owner',
  'pool_coordinator',
  'requesting_organisation',
  'monitor_viewer',
  'data_steward',
];

/** The signed-in user as routes see it (after password and, where required, the second factor). */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

/**
 * Where a session stands: `complete` (signed in), `totp` (password given, code still to come) or `enrol` (the
 * role requires a second factor the user has not set up yet).
 */
export type SessionStage = 'complete' | 'totp' | 'enrol';

/** A valid session, complete or not. `request.user` is only set when it is complete. */
export interface AuthSession {
  /** sha256 of the cookie value: the row id, and the CSRF binding. */
  idHash: string;
  stage: SessionStage;
  user: SessionUser;
  totpEnabled: boolean;
  /** The user's role sees personal data, so a second factor is mandatory. */
  totpRequired: boolean;
}
