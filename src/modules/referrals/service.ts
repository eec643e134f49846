// The referral mechanism's domain rules, composed from one service per aggregate (each with its repository):
// signals/ (a signal or consult, routed), workflow/ (reading cases, triage, assessment, consent, corrections),
// referral/ (referrals and transfers), placements/ (placement requests, answers, exit, waiting list), capacity/
// (shelter places), notifications/ (in-app and mail), privacy/ (break the glass, subject access, rectification,
// audit), registration/ (the national registration and bottlenecks), jobs/ (deadlines and retention) and teams/.
// They share core/context.ts (who sees a case, the one way to change it). No HTTP, no HTML.
import { createAuditLog } from './audit-log.js';
import { NO_ACCESS } from './access.js';
import { createCapacityService } from './capacity/service.js';
import { createChildRouteService } from './children/service.js';
import { createCaseWorkService } from './casework/service.js';
import { createWaitingService } from './casework/waiting.js';
import { createCaseCore, routeFor, viewerOf, type ReferralDeps, type User } from './core/context.js';
import { createDuplicateService } from './duplicates/service.js';
import { createIdentificationService } from './identification/service.js';
import { createJobService } from './jobs/service.js';
import type { AgeRange } from './model.js';
import { createNotificationService } from './notifications/service.js';
import { createPlacementService } from './placements/service.js';
import { createPrivacyService } from './privacy/service.js';
import { createReferralStepService } from './referral/service.js';
import { createRegistrationService } from './registration/service.js';
import { createScopeService } from './scopes/service.js';
import { createSignalService } from './signals/service.js';
import { createSupportService } from './support/service.js';
import { createTeamService } from './teams/service.js';
import { createCaseService } from './workflow/cases-service.js';
import { createWorkflowService } from './workflow/service.js';

export { CaseConflict, type PersonData, type ReferralDeps } from './core/context.js';
export { NOTIFICATION_COUNT_CAP, type MailOutbox, type OutgoingMail } from './notifications/notifier.js';
export type { SignalInput } from './signals/validate.js';

export function createReferralService(deps: ReferralDeps) {
  const core = createCaseCore(deps);
  return {
    /** The privacy officer's filtered, paginated audit log (audit-log.ts). */
    auditLog: createAuditLog({ db: core.db, audit: core.audit }),
    viewerOf: (user: User) => viewerOf(core, user),
    routeFor: (municipalityCode: string, age: AgeRange | undefined) => routeFor(core, municipalityCode, age),
    pseudonymOf: core.pseudonymOf,
    now: core.clock,
    /** For the demo loader only. */
    database: core.db,
    /** The module's free-text sealing (the demo loader and the one-off sealing of older rows). */
    sealing: core.sealed,
    ...createSignalService(core),
    ...createCaseService(core),
    ...createWorkflowService(core),
    ...createReferralStepService(core),
    ...createPlacementService(core),
    ...createCapacityService(core),
    ...createNotificationService(core),
    ...createPrivacyService(core),
    ...createRegistrationService(core),
    ...createJobService(core),
    ...createTeamService(core),
    ...createIdentificationService(core),
    ...createSupportService(core),
    ...createScopeService(core),
    ...createChildRouteService(core),
    ...createDuplicateService(core),
    ...createCaseWorkService(core),
    ...createWaitingService(core),
    NO_ACCESS,
  };
}

export type ReferralService = ReturnType<typeof createReferralService>;
