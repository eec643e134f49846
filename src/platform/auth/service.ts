// Accounts and access: users and roles, password and TOTP checks with lockout, server-side sessions, CSRF
// tokens, and the admin actions. No HTTP here beyond `layoutState`: routes translate requests into these calls.
// Time and keys come in through deps, so tests control the clock. The one AuthService is put together here from
// pieces made from the same deps: sign-in (sign-in-service.ts, with what an attempt leaves behind in
// sign-in-records.ts), sessions (sessions-service.ts), the second factor (second-factor-service.ts) and account
// administration (accounts-service.ts); CSRF, the sign-in records' retention and the published accounts stay here.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { AuditService } from '../audit/service.js';
import type { PageContext } from '../web/layout.js';
import { createAccountAdministration, normaliseEmail, userSummary } from './accounts-service.js';
import { createAuthRepository, type Db, type UserRecord } from './repository.js';
import { createThrottleRepository } from './throttle-repository.js';
import { createExpiredSessions } from './expired-sessions-repository.js';
import { createSecondFactor } from './second-factor-service.js';
import { createSessions } from './sessions-service.js';
import { createSignIn } from './sign-in-service.js';
import { NO_CONTEXT, createSignInRecords } from './sign-in-records.js';
import { THROTTLE_WINDOW_MS } from './throttle.js';
import { csrfTokenFor, verifyCsrfToken } from './tokens.js';

/** Days the client address of a sign-in is kept (SAMEN_ADDRESS_RETENTION_DAYS), unless configured. */
export const ADDRESS_RETENTION_DAYS = 30;

export interface AuthDeps {
  db: Db;
  clock: () => Date;
  config: Config;
  audit: AuditService;
}

export { normaliseEmail, type UserSummary } from './accounts-service.js';
export {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
  PENDING_TIMEOUT_MS,
  type StartedSession,
} from './sessions-service.js';
export type { LoginResult } from './sign-in-service.js';
export type { TotpEnrolment } from './second-factor-service.js';

export function createAuthService(deps: AuthDeps) {
  const { clock, config, audit } = deps;
  const repo = createAuthRepository(deps.db);
  const throttle = createThrottleRepository(deps.db);
  // Ended sessions by token hash, so a form posted after its session ended can be kept (drafts.ts).
  const ended = createExpiredSessions(deps.db);
  const totpContext = (userId: string) => `totp:${userId}`;
  // Accounts whose secrets are published (the demo's, in the README): usable only while the server listens on
  // loopback. `published` lists them, `publishedUsable` says whether any of them can sign in (the banner).
  let published = new Set<string>();
  let publishedUsable = false;
  let loopbackOnly = true;

  const summary = (user: UserRecord) => userSummary(user, clock());
  const records = createSignInRecords({ repo, throttle, audit, clock, config });
  const wrongPassword = (user: UserRecord) => records.recordFailure(user.email, user, 'password', NO_CONTEXT);
  const sessions = createSessions({ repo, ended, audit, clock });
  const { startSession } = sessions;

  const service = {
    ...createAccountAdministration({
      repo,
      throttle,
      audit,
      clock,
      config,
      summary,
      totpContext,
      wrongPassword,
    }),
    ...createSignIn({
      repo,
      ended,
      clock,
      config,
      records,
      totpContext,
      startSession,
      publishedRefused: (email) => published.has(email) && !loopbackOnly,
    }),
    ...sessions,
    ...createSecondFactor({ repo, audit, clock, config, records, totpContext, startSession, wrongPassword }),

    // ---- CSRF and layout --------------------------------------------------------------------------------

    csrfToken(binding: string): string {
      return csrfTokenFor(config.sessionSecret, binding);
    },

    verifyCsrf(binding: string, token: string): boolean {
      return verifyCsrfToken(config.sessionSecret, binding, token);
    },

    /** What the layout shows for a signed-in user: the name and the sign-out form's token. */
    layoutState(request: FastifyRequest): PageContext['signedIn'] {
      if (!request.user) return undefined;
      return { displayName: request.user.displayName, logoutCsrf: request.csrfToken() };
    },

    /**
     * The retention job: deletes client addresses of sign-ins older than the retention period (their audit
     * entries keep only the reference, so the chain still verifies) and throttle contexts past their window.
     */
    async purgeSignInRecords(now: Date): Promise<{ addresses: number; throttles: number }> {
      const days = config.addressRetentionDays ?? ADDRESS_RETENTION_DAYS;
      return {
        addresses: await throttle.purgeAddressesBefore(new Date(now.getTime() - days * 24 * 60 * 60_000)),
        throttles: await throttle.purgeBefore(new Date(now.getTime() - THROTTLE_WINDOW_MS)),
      };
    },

    /** The client address kept for a sign-in's audit entry (`detail.addressRef`), until the retention job. */
    async signInAddress(ref: string): Promise<string | undefined> {
      return throttle.findAddress(ref);
    },

    /**
     * Accounts with published secrets (the demo's) are reachable only from this machine: on a server that
     * listens on anything but loopback they are disabled here (their sessions end, audited) and refused at
     * sign-in; on loopback the ones that exist are enabled again and every page says so (`publishedAccountsActive`).
     * Returns how many such accounts exist.
     */
    async guardPublishedAccounts(emails: string[], options: { loopback: boolean }): Promise<number> {
      published = new Set(emails.map(normaliseEmail));
      loopbackOnly = options.loopback;
      const now = clock();
      let existing = 0;
      for (const email of published) {
        const user = await repo.findUserByEmail(email);
        if (!user) continue;
        existing++;
        const disable = !options.loopback;
        if ((user.disabledAt !== null) === disable) continue;
        await repo.updateUser(user.id, { disabled_at: disable ? now : null }, now);
        if (disable) await repo.deleteSessionsOfUser(user.id);
        await audit.record({
          actorUserId: null,
          action: disable ? 'user.disabled' : 'user.enabled',
          entityType: 'user',
          entityId: user.id,
          detail: {
            fields: ['disabled_at'],
            via: 'serve',
            reason: disable ? 'published_secrets_off_loopback' : 'published_secrets_on_loopback',
          },
        });
      }
      publishedUsable = options.loopback && existing > 0;
      return existing;
    },

    /** Whether accounts with published secrets can sign in on this server (every page then says so). */
    publishedAccountsActive(): boolean {
      return publishedUsable;
    },
  };
  return service;
}

export type AuthService = ReturnType<typeof createAuthService>;
