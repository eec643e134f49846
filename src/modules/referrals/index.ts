// The referral mechanism's one door: its service (wired in src/services.ts) and its pages.
export { createReferralService, CaseConflict, type ReferralService, type MailOutbox } from './service.js';
export { referralRoutes } from './routes.js';
export { caseAccess, type CaseAccess, type CaseScope, type Viewer } from './access.js';
export { loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
export { SEALED_FREE_TEXT, createReferralSealing, type ReferralSealing } from './sealing.js';
export { sealExistingFreeText, type SealReport } from './seal-existing.js';
