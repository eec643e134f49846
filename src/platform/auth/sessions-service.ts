// Server-side sessions, split from service.ts: starting one (always a new token), resolving a cookie to a session
// with its timeouts, remembering sessions that ended so their forms can be kept (drafts.ts), signing out, and the
// sweep. service.ts spreads these methods into the one AuthService.
import type { AuditService } from '../audit/service.js';
import type { AuthSession, Role, SessionStage, SessionUser } from './types.js';
import type { AuthRepository, UserRecord } from './repository.js';
import type { createExpiredSessions } from './expired-sessions-repository.js';
import { isWellFormedToken, randomToken, sha256Hex } from './tokens.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** How long a session may wait for its second factor (code or enrolment). */
export const PENDING_TIMEOUT_MS = 15 * 60_000;
/** last_seen_at is written at most this often: the idle timeout does not need a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  idHash: string;
}

export function stageOf(user: UserRecord, mfaPassed: boolean): SessionStage {
  if (mfaPassed) return 'complete';
  if (user.totpEnabledAt) return 'totp';
  return user.roleRequiresTotp ? 'enrol' : 'complete';
}

function toSessionUser(user: UserRecord): SessionUser {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role as Role };
}

export interface SessionDeps {
  repo: AuthRepository;
  /** Ended sessions by token hash, so a form posted after its session ended can be kept (drafts.ts). */
  ended: ReturnType<typeof createExpiredSessions>;
  audit: AuditService;
  clock: () => Date;
}

export function createSessions(deps: SessionDeps) {
  const { repo, ended, audit, clock } = deps;

  return {
    /**
     * Starts a session for a user whose identity was checked (password here, an OpenID Connect provider later).
     * Always a new token: a session id known before sign-in is never promoted (session fixation).
     */
    async startSession(userId: string, options: { mfaPassed: boolean }): Promise<StartedSession> {
      const now = clock();
      const token = randomToken();
      const idHash = sha256Hex(token);
      await repo.insertSession({
        idHash,
        userId,
        mfaPassed: options.mfaPassed,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
      });
      return { token, idHash };
    },

    /**
     * The session for a cookie value, or undefined when it is unknown, expired (idle, absolute, or waiting too
     * long for its second factor) or its user is disabled. Expired sessions are deleted here.
     */
    async resolveSession(token: string | undefined): Promise<AuthSession | undefined> {
      if (!isWellFormedToken(token)) return undefined;
      const idHash = sha256Hex(token);
      const found = await repo.findSessionWithUser(idHash);
      if (!found) return undefined;
      const { session, user } = found;
      const now = clock().getTime();
      const stage = user ? stageOf(user, session.mfaPassed) : 'complete';
      const expired =
        !user ||
        user.disabledAt !== null ||
        now >= session.expiresAt.getTime() ||
        now - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS ||
        (stage !== 'complete' && now - session.createdAt.getTime() >= PENDING_TIMEOUT_MS);
      if (expired) {
        // A disabled account's session is not remembered: its forms are not kept.
        // Only a signed-in session's: a sign-in that waited too long for its code has no form to keep.
        if (user && user.disabledAt === null && stage === 'complete')
          await ended.remember(idHash, session.userId, new Date(now));
        await repo.deleteSession(idHash);
        return undefined;
      }
      if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS)
        await repo.touchSession(idHash, new Date(now));
      return {
        idHash,
        stage,
        user: toSessionUser(user),
        totpEnabled: user.totpEnabledAt !== null,
        totpRequired: user.roleRequiresTotp,
      };
    },

    /**
     * The account whose session this cookie token named, when that session ended (timed out) within the last
     * hours; never for a token that signed out, and it signs nobody in.
     */
    async endedSessionOf(token: string | undefined): Promise<{ idHash: string; userId: string } | undefined> {
      if (!isWellFormedToken(token)) return undefined;
      const idHash = sha256Hex(token);
      const userId = await ended.find(idHash);
      return userId ? { idHash, userId } : undefined;
    },

    async endSession(idHash: string, userId?: string): Promise<void> {
      await repo.deleteSession(idHash);
      if (userId) {
        await audit.record({
          actorUserId: userId,
          action: 'auth.logout',
          entityType: 'user',
          entityId: userId,
        });
      }
    },

    /** Deletes sessions past their idle or absolute timeout (also done on every sign-in). */
    async sweepExpiredSessions(): Promise<number> {
      const now = clock();
      return repo.deleteExpiredSessions(now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
    },
  };
}
