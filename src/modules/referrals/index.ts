// The referral mechanism's one door: its service (wired in src/services.ts) and its pages.
import type { FastifyInstance } from 'fastify';
import type { I18n } from '../../platform/i18n/index.js';
import type { ReferralRouteServices } from './http.js';

export { createReferralService, CaseConflict, type ReferralService, type MailOutbox } from './service.js';
export { caseAccess, type CaseAccess, type CaseScope, type Viewer } from './access.js';
export { loadDemo, DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';
export { loadCaseWorkDemo } from './demo-casework.js';
export { SEALED_FREE_TEXT, createReferralSealing, type ReferralSealing } from './sealing.js';
export { sealExistingFreeText, type SealReport } from './seal-existing.js';

/**
 * The pages, loaded when the server registers them: a CLI run, which only needs the service, never loads the
 * routes, their schemas and views (issue 14: the CLI's start).
 */
export async function referralRoutes(
  app: FastifyInstance,
  options: { services: ReferralRouteServices; i18n?: I18n },
) {
  const routes = await import('./routes.js');
  await routes.referralRoutes(app, options);
}
