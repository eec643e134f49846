// The referral mechanism's pages (all behind sign-in with a second factor; noindex; CSRF on every form), one
// routes file per aggregate. Routes read the input through its schema, call the service and render; who may see
// what is decided in the service (404 for a case one may not see, so its existence is not revealed).
import type { FastifyInstance } from 'fastify';
import { registerDraftForm, registerStaffArea } from '../../platform/auth/index.js';
import { I18n } from '../../platform/i18n/index.js';
import { capacityRoutes } from './capacity/routes.js';
import { childRouteRoutes } from './children/routes.js';
import { duplicateRoutes } from './duplicates/routes.js';
import { caseWorkRoutes } from './casework/routes.js';
import { identificationRoutes } from './identification/routes.js';
import { CASE_ROLES, routeKit, type ReferralRouteServices } from './http.js';
import { notificationRoutes } from './notifications/routes.js';
import { placementRoutes } from './placements/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { referralStepRoutes } from './referral/routes.js';
import { registrationRoutes } from './registration/routes.js';
import { scopeRoutes } from './scopes/routes.js';
import { signalRoutes } from './signals/routes.js';
import { supportRoutes } from './support/routes.js';
import { teamRoutes } from './teams/routes.js';
import { casePages } from './workflow/case-page.js';
import { workflowRoutes } from './workflow/routes.js';

export type { ReferralRouteServices } from './http.js';

export async function referralRoutes(
  app: FastifyInstance,
  options: { services: ReferralRouteServices; i18n?: I18n },
) {
  registerStaffArea({ path: '/nvm', labelKey: 'referrals.nav.area', roles: CASE_ROLES });
  registerStaffArea({ path: '/nvm/privacy', labelKey: 'referrals.nav.privacy', roles: ['privacy_officer'] });
  // Forms posted after the session ended come back on their page after signing in again (platform/auth/drafts).
  registerDraftForm({ pattern: /^\/nvm\/signal$/, page: () => '/nvm/signal' });
  registerDraftForm({ pattern: /^\/nvm\/shelter\/capacity$/, page: () => '/nvm/shelter' });
  registerDraftForm({
    pattern: /^\/nvm\/cases\/([0-9a-f-]{36})\/placements\/([0-9a-f-]{36})\/exit$/,
    page: (m) => `/nvm/cases/${m[1]}/placements/${m[2]}/exit`,
  });
  registerDraftForm({
    pattern:
      /^\/nvm\/cases\/([0-9a-f-]{36})\/(transition|assess|consent|minor|refer|placements|person|answer-together|decisions|decisions\/reconsider|support|guardian|(referrals|placements)\/[0-9a-f-]{36}\/respond)$/,
    page: (m) => `/nvm/cases/${m[1]}`,
  });

  const kit = routeKit(options.services, options.i18n ?? new I18n());
  const cases = casePages(kit);
  workflowRoutes(app, kit, cases);
  notificationRoutes(app, kit);
  signalRoutes(app, kit);
  referralStepRoutes(app, kit, cases);
  placementRoutes(app, kit, cases);
  privacyRoutes(app, kit, cases);
  capacityRoutes(app, kit);
  registrationRoutes(app, kit);
  teamRoutes(app, kit);
  scopeRoutes(app, kit);
  identificationRoutes(app, kit, cases);
  supportRoutes(app, kit, cases);
  childRouteRoutes(app, kit, cases);
  duplicateRoutes(app, kit);
  caseWorkRoutes(app, kit, cases);
}
