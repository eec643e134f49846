// The children's route's codes (issue 20, point 5): the purposes of its notices (a referral made by the system,
// on the ground "minor"), what became of a notice, and the organisation types of the teams it tells.

/** A notice to the guardian organisation (Nidos) and to Veilig Thuis: referrals of these purposes. */
export const NOTICE_PURPOSES = ['guardianship', 'child_protection'] as const;
export type NoticePurpose = (typeof NOTICE_PURPOSES)[number];

/** A notice was sent; its team has nobody to receive it; no such team is configured; none was needed. */
export const NOTICE_OUTCOMES = ['sent', 'nobody', 'no_team', 'not_needed'] as const;
export type NoticeOutcome = (typeof NOTICE_OUTCOMES)[number];

/** The organisation types (nrm_team.organisation_type) of the teams the route tells. */
export const GUARDIAN_ORGANISATION = 'guardian';
export const VEILIG_THUIS = 'veilig_thuis';

/** Working days the owner has to see a guardian appointed; the deadline job reminds the owner once after. */
export const GUARDIAN_DUE_WORKING_DAYS = 5;
