// Signing in, split from service.ts: email and password (with the throttle and the same answer and cost for every
// failure), then the TOTP code where the account has one. What an attempt leaves behind is sign-in-records.ts's;
// the session it starts is sessions-service.ts's. service.ts spreads these methods into the one AuthService.
import { randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';
import type { AuthSession, Role, SessionStage } from './types.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import { normaliseEmail } from './accounts-service.js';
import type { AuthRepository, UserRecord } from './repository.js';
import type { createExpiredSessions } from './expired-sessions-repository.js';
import { IDLE_TIMEOUT_MS, stageOf, type StartedSession } from './sessions-service.js';
import { NO_CONTEXT, type SignInRecords } from './sign-in-records.js';
import type { ClientContext } from './throttle.js';
import { decryptSecret } from './tokens.js';
import { matchTotp } from './totp.js';

export type LoginResult =
  | {
      ok: true;
      userId: string;
      role: Role;
      stage: SessionStage;
      /** Set when the sign-in is complete: marks this browser as one the account signed in from. */
      deviceCookie?: string | undefined;
    }
  /** Deliberately without a reason: the page says the same for every failure. */
  | { ok: false; throttled?: undefined }
  /** Refused without looking at the password: this context must wait `retryAfterMs` (see throttle.ts). */
  | { ok: false; throttled: true; retryAfterMs: number };

export interface SignInDeps {
  repo: AuthRepository;
  ended: ReturnType<typeof createExpiredSessions>;
  clock: () => Date;
  config: Config;
  records: SignInRecords;
  totpContext: (userId: string) => string;
  startSession: (userId: string, options: { mfaPassed: boolean }) => Promise<StartedSession>;
  /** Whether this account's secrets are published and the server is off loopback (refused as disabled). */
  publishedRefused: (email: string) => boolean;
}

export function createSignIn(deps: SignInDeps) {
  const { repo, ended, clock, config, records, totpContext, startSession, publishedRefused } = deps;
  const { keysFor, throttledFor, recordFailure, loginSucceeded } = records;
  let dummyHash: Promise<string> | undefined;

  /** A hash to verify against when there is no user, so an unknown email costs as much time as a known one. */
  function timingDummy(): Promise<string> {
    dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
    return dummyHash;
  }

  function decryptTotp(user: UserRecord): string | undefined {
    if (!user.totpSecretEnc) return undefined;
    return decryptSecret(config.encryptionKey, user.totpSecretEnc, totpContext(user.id));
  }

  return {
    /**
     * Checks email and password. Every failure looks the same to the caller and costs the same time; it is
     * counted against the account (locked for LOCKOUT_MS after MAX_FAILED_LOGINS) and audited. On success the
     * caller starts a session; `stage` says what is still needed.
     */
    async login(
      emailInput: string,
      password: string,
      context: ClientContext = NO_CONTEXT,
      options: { localSignIn?: 'everyone' | 'admins' } = {},
    ): Promise<LoginResult> {
      const now = clock();
      const account = normaliseEmail(emailInput);
      const user = await repo.findUserByEmail(account);
      const keys = keysFor(account, user, context);
      // A delayed context is refused before the password is looked at, and the refusal is not counted: one
      // guess per delay, and nobody can push the delay further out for the account's owner.
      const wait = await throttledFor(keys, now);
      if (wait > 0) {
        await recordFailure(account, user, 'throttled', context, keys);
        return { ok: false, throttled: true, retryAfterMs: wait };
      }
      // Local sign-in for administrators only: another role's password is never checked (no success that resets
      // the counts or tells that it was right); the same time is spent and the same failure answered.
      const localOff = user !== undefined && options.localSignIn === 'admins' && user.role !== 'admin';
      const hash = localOff ? undefined : user?.passwordHash;
      const passwordOk = await verifyPassword(hash ?? (await timingDummy()), password);
      if (!user) {
        await recordFailure(account, undefined, 'unknown_account', context, keys);
        return { ok: false };
      }
      if (localOff) {
        await recordFailure(account, user, 'local_signin_off', context, keys);
        return { ok: false };
      }
      if (user.disabledAt || publishedRefused(user.email)) {
        await recordFailure(account, user, 'disabled', context, keys);
        return { ok: false };
      }
      if (!user.passwordHash || !passwordOk) {
        await recordFailure(account, user, user.passwordHash ? 'password' : 'no_password', context, keys);
        return { ok: false };
      }
      if (needsRehash(user.passwordHash)) {
        await repo.updateUser(user.id, { password_hash: await hashPassword(password) }, now);
      }
      await ended.rememberSwept(now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
      await repo.deleteExpiredSessions(now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
      const stage = stageOf(user, false);
      // The failure counts are only reset when the sign-in is complete, so the second factor cannot be guessed
      // by alternating with the right password.
      const deviceCookie =
        stage === 'complete' ? await loginSucceeded(user, 'password', false, context) : undefined;
      return { ok: true, userId: user.id, role: user.role as Role, stage, deviceCookie };
    },

    /**
     * The second step of signing in: a TOTP code for a session in stage 'totp'. On success the pending session
     * is replaced by a complete one (new token). A wrong code counts as a failed sign-in.
     */
    async verifyLoginTotp(
      session: AuthSession,
      code: string,
      context: ClientContext = NO_CONTEXT,
    ): Promise<
      | { ok: true; session: StartedSession; deviceCookie: string }
      | { ok: false; throttled: boolean; retryAfterMs: number }
    > {
      const now = clock();
      const user = await repo.findUserById(session.user.id);
      if (!user || session.stage !== 'totp') return { ok: false, throttled: false, retryAfterMs: 0 };
      const keys = keysFor(user.email, user, context);
      const wait = await throttledFor(keys, now);
      if (wait > 0) {
        await recordFailure(user.email, user, 'throttled', context, keys);
        return { ok: false, throttled: true, retryAfterMs: wait };
      }
      const secret = decryptTotp(user);
      const step = secret === undefined ? undefined : matchTotp(secret, code, now.getTime());
      if (step === undefined || !(await repo.claimTotpStep(user.id, step))) {
        await recordFailure(user.email, user, step === undefined ? 'totp' : 'totp_replay', context, keys);
        return { ok: false, throttled: false, retryAfterMs: 0 };
      }
      await repo.deleteSession(session.idHash);
      const started = await startSession(user.id, { mfaPassed: true });
      const deviceCookie = await loginSucceeded(user, 'password', true, context);
      return { ok: true, session: started, deviceCookie };
    },

    /** Prepares the stand-in hash for unknown accounts, so even the first such sign-in costs the usual time. */
    async warmUp(): Promise<void> {
      await timingDummy();
    },
  };
}
