// The referral mechanism's one door: its service (wired in src/services.ts) and its pages.
import type { FastifyInstance } from 'fastify';
import type { referralRoutes as registerReferralPages } from './routes.js';
export { createReferralService, CaseConflict, type ReferralService, type MailOutbox } from './service.js';
export { caseAccess, type CaseAccess, type CaseScope, type Viewer } from './access.js';
export { loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
export { SEALED_FREE_TEXT, createReferralSealing, type ReferralSealing } from './sealing.js';
export { sealExistingFreeText, type SealReport } from './seal-existing.js';

/**
 * The referral mechanism's pages, loaded when the app registers them: a command that only needs the service (the
 * CLI) does not load them.
 */
export async function referralRoutes(
  app: FastifyInstance,
  options: Parameters<typeof registerReferralPages>[1],
): Promise<void> {
  const { referralRoutes: pages } = await import('./routes.js');
  await pages(app, options);
}
