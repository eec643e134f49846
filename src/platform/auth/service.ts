// Accounts and access: users and roles, password and TOTP checks with lockout, server-side sessions, CSRF
// tokens, and the admin actions. No HTTP here beyond `layoutState`: routes translate requests into these calls.
// Time and keys come in through deps, so tests control the clock.
import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { AuditService } from '../audit/service.js';
import type { PageContext } from '../web/layout.js';
import type { AuthSession, Role, SessionStage, SessionUser } from './types.js';
import { hashPassword, needsRehash, verifyPassword } from './password.js';
import { createAccountAdministration, normaliseEmail, userLocked, userSummary } from './accounts-service.js';
import { createAuthRepository, type Db, type UserRecord } from './repository.js';
import { createThrottleRepository } from './throttle-repository.js';
import { createExpiredSessions } from './expired-sessions-repository.js';
import {
  THROTTLE_WINDOW_MS,
  delayAfter,
  deviceNonceFor,
  issueDeviceCookie,
  throttleKeys,
  type ClientContext,
  type ThrottleKey,
} from './throttle.js';
import {
  csrfTokenFor,
  decryptSecret,
  encryptSecret,
  isWellFormedToken,
  randomToken,
  sha256Hex,
  verifyCsrfToken,
} from './tokens.js';
import { generateTotpSecret, matchTotp, totpUri } from './totp.js';

export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
/** How long a session may wait for its second factor (code or enrolment). */
export const PENDING_TIMEOUT_MS = 15 * 60_000;
/** Days the client address of a sign-in is kept (SAMEN_ADDRESS_RETENTION_DAYS), unless configured. */
export const ADDRESS_RETENTION_DAYS = 30;
/** How long an enrolment form (with its new secret) stays valid. */
const ENROLMENT_TTL_MS = 30 * 60_000;
/** last_seen_at is written at most this often: the idle timeout does not need a write per request. */
const TOUCH_INTERVAL_MS = 60_000;

export interface AuthDeps {
  db: Db;
  clock: () => Date;
  config: Config;
  audit: AuditService;
}

/** A user as lists and the account page show them. */

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

/** Where an attempt comes from when the caller does not say (the service called directly, not over HTTP). */
const NO_CONTEXT: ClientContext = { address: 'unknown' };

export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  token: string;
  idHash: string;
}

export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** Sealed copy of the secret for the confirmation form: encrypted, bound to the user, with its issue time. */
  enrolmentToken: string;
}

function stageOf(user: UserRecord, mfaPassed: boolean): SessionStage {
  if (mfaPassed) return 'complete';
  if (user.totpEnabledAt) return 'totp';
  return user.roleRequiresTotp ? 'enrol' : 'complete';
}

function toSessionUser(user: UserRecord): SessionUser {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role as Role };
}

export { normaliseEmail, type UserSummary } from './accounts-service.js';

export function createAuthService(deps: AuthDeps) {
  const { clock, config, audit } = deps;
  const repo = createAuthRepository(deps.db);
  const throttle = createThrottleRepository(deps.db);
  // Ended sessions by token hash, so a form posted after its session ended can be kept (drafts.ts).
  const ended = createExpiredSessions(deps.db);
  const totpContext = (userId: string) => `totp:${userId}`;
  const enrolmentContext = (userId: string) => `totp-enrolment:${userId}`;
  let dummyHash: Promise<string> | undefined;
  // Accounts whose secrets are published (the demo's, in the README): usable only while the server listens on
  // loopback. `published` lists them, `publishedUsable` says whether any of them can sign in (the banner).
  let published = new Set<string>();
  let publishedUsable = false;
  let loopbackOnly = true;

  const summary = (user: UserRecord) => userSummary(user, clock());

  /** A hash to verify against when there is no user, so an unknown email costs as much time as a known one. */
  function timingDummy(): Promise<string> {
    dummyHash ??= hashPassword(randomBytes(18).toString('base64'));
    return dummyHash;
  }

  function decryptTotp(user: UserRecord): string | undefined {
    if (!user.totpSecretEnc) return undefined;
    return decryptSecret(config.encryptionKey, user.totpSecretEnc, totpContext(user.id));
  }

  /** The throttle contexts of an attempt for `account` (normalised email) by `user` from `context`. */
  function keysFor(account: string, user: UserRecord | undefined, context: ClientContext): ThrottleKey[] {
    const nonce = user ? deviceNonceFor(config.sessionSecret, user.id, context.device) : undefined;
    return throttleKeys(config.sessionSecret, account, context, nonce);
  }

  /** How long these contexts must still wait (0: not throttled). */
  async function throttledFor(keys: ThrottleKey[], now: Date): Promise<number> {
    let wait = 0;
    for (const state of await throttle.find(keys.map((k) => k.key))) {
      if (now.getTime() - state.lastFailureAt.getTime() > THROTTLE_WINDOW_MS) continue;
      const until = state.blockedUntil?.getTime() ?? 0;
      wait = Math.max(wait, until - now.getTime());
    }
    return wait;
  }

  /** Counts a failure in each context; returns the longest delay it now imposes. */
  async function countFailure(keys: ThrottleKey[], now: Date): Promise<number> {
    const states = new Map((await throttle.find(keys.map((k) => k.key))).map((s) => [s.key, s]));
    let longest = 0;
    for (const { key, policy } of keys) {
      const previous = states.get(key);
      const fresh = !previous || now.getTime() - previous.lastFailureAt.getTime() > THROTTLE_WINDOW_MS;
      const failures = (fresh ? 0 : previous.failures) + 1;
      const delay = delayAfter(failures, policy);
      longest = Math.max(longest, delay);
      await throttle.save({
        key,
        failures,
        lastFailureAt: now,
        blockedUntil: delay > 0 ? new Date(now.getTime() + delay) : null,
      });
    }
    return longest;
  }

  /** Keeps the client address beside the audit trail (deleted after the retention period); returns its ref. */
  async function addressRef(context: ClientContext, now: Date): Promise<string> {
    const ref = randomUUID();
    await throttle.recordAddress(ref, now, context.address);
    return ref;
  }

  async function recordFailure(
    account: string,
    user: UserRecord | undefined,
    reason: string,
    context: ClientContext,
    keys: ThrottleKey[] | undefined = keysFor(account, user, context),
  ) {
    const now = clock();
    let delay = 0;
    if (reason !== 'disabled' && reason !== 'throttled') {
      delay = await countFailure(keys, now);
      // The account-wide context is mirrored on the account, so administrators see it and can clear it.
      const acct = keys.find((k) => k.key.startsWith('acct:'));
      if (user && acct) {
        const [state] = await throttle.find([acct.key]);
        const wasThrottled = userLocked(user, now);
        await repo.updateUser(
          user.id,
          { failed_login_count: state?.failures ?? 0, locked_until: state?.blockedUntil ?? null },
          now,
        );
        if (!wasThrottled && state?.blockedUntil && state.blockedUntil.getTime() > now.getTime()) {
          await audit.record({
            actorUserId: null,
            action: 'auth.account.throttled',
            entityType: 'user',
            entityId: user.id,
            detail: { failures: state.failures },
          });
        }
      }
    }
    await audit.record({
      actorUserId: null,
      action: 'auth.login.failed',
      entityType: 'user',
      // An unknown account is recorded without what was typed: it may be someone's mistyped address.
      entityId: user?.id ?? null,
      detail: { reason, addressRef: await addressRef(context, now) },
    });
    return delay;
  }

  async function loginSucceeded(
    user: UserRecord,
    method: string,
    mfa: boolean,
    context: ClientContext,
  ): Promise<string> {
    const now = clock();
    await repo.updateUser(user.id, { failed_login_count: 0, locked_until: null, last_login_at: now }, now);
    // The address context keeps counting (it measures one address trying many accounts); the others start over.
    await throttle.clear(
      keysFor(user.email, user, context)
        .map((k) => k.key)
        .filter((k) => !k.startsWith('addr:')),
    );
    await audit.record({
      actorUserId: user.id,
      action: 'auth.login.succeeded',
      entityType: 'user',
      entityId: user.id,
      detail: { method, mfa, addressRef: await addressRef(context, now) },
    });
    return issueDeviceCookie(config.sessionSecret, user.id);
  }

  async function newSession(userId: string, mfaPassed: boolean): Promise<StartedSession> {
    const now = clock();
    const token = randomToken();
    const idHash = sha256Hex(token);
    await repo.insertSession({
      idHash,
      userId,
      mfaPassed,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    });
    return { token, idHash };
  }

  const service = {
    ...createAccountAdministration({
      repo,
      throttle,
      audit,
      clock,
      config,
      summary,
      totpContext,
      wrongPassword: (user) => recordFailure(user.email, user, 'password', NO_CONTEXT),
    }),

    // ---- signing in -------------------------------------------------------------------------------------

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
      if (user.disabledAt || (published.has(user.email) && !loopbackOnly)) {
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
     * Starts a session for a user whose identity was checked (password here, an OpenID Connect provider later).
     * Always a new token: a session id known before sign-in is never promoted (session fixation).
     */
    async startSession(userId: string, options: { mfaPassed: boolean }): Promise<StartedSession> {
      return newSession(userId, options.mfaPassed);
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
      const started = await newSession(user.id, true);
      const deviceCookie = await loginSucceeded(user, 'password', true, context);
      return { ok: true, session: started, deviceCookie };
    },

    // ---- the second factor on the account ---------------------------------------------------------------

    /** A new secret to show (QR code and text) and a sealed copy for the form that confirms it. */
    beginTotpEnrolment(user: SessionUser): TotpEnrolment {
      const secret = generateTotpSecret();
      const issuer = `Samen (${new URL(config.publicOrigin).hostname})`;
      const payload = JSON.stringify({ s: secret, t: clock().getTime() });
      return {
        secret,
        uri: totpUri(secret, user.email, issuer),
        enrolmentToken: encryptSecret(config.encryptionKey, payload, enrolmentContext(user.id)),
      };
    },

    /** Re-opens an enrolment token (to show the same secret again after a wrong code); undefined when invalid. */
    reopenTotpEnrolment(user: SessionUser, enrolmentToken: string): TotpEnrolment | undefined {
      const plain = decryptSecret(config.encryptionKey, enrolmentToken, enrolmentContext(user.id));
      if (!plain) return undefined;
      const { s, t } = JSON.parse(plain) as { s: string; t: number };
      if (clock().getTime() - t > ENROLMENT_TTL_MS) return undefined;
      const issuer = `Samen (${new URL(config.publicOrigin).hostname})`;
      return { secret: s, uri: totpUri(s, user.email, issuer), enrolmentToken };
    },

    /**
     * Confirms an enrolment with a code from the app. The session proved the factor, so it is replaced by a
     * complete one; the user's other sessions end.
     */
    async confirmTotpEnrolment(
      session: AuthSession,
      enrolmentToken: string,
      code: string,
      context: ClientContext = NO_CONTEXT,
    ): Promise<
      { ok: true; session: StartedSession } | { ok: false; reason: 'expired' | 'code' | 'enrolled' }
    > {
      const enrolment = service.reopenTotpEnrolment(session.user, enrolmentToken);
      if (!enrolment) return { ok: false, reason: 'expired' };
      const now = clock();
      const step = matchTotp(enrolment.secret, code, now.getTime());
      if (step === undefined) return { ok: false, reason: 'code' };
      const userId = session.user.id;
      const enabled = await repo.enableTotp(
        userId,
        encryptSecret(config.encryptionKey, enrolment.secret, totpContext(userId)),
        step,
        now,
      );
      if (!enabled) return { ok: false, reason: 'enrolled' };
      await repo.deleteSessionsOfUser(userId);
      const started = await newSession(userId, true);
      await audit.record({
        actorUserId: userId,
        action: 'auth.totp.enrolled',
        entityType: 'user',
        entityId: userId,
      });
      if (session.stage === 'enrol') {
        const user = await repo.findUserById(userId);
        if (user) await loginSucceeded(user, 'password', true, context);
      }
      return { ok: true, session: started };
    },

    /** Turns the second factor off after the password is confirmed; refused where the role requires it. */
    async disableTotp(userId: string, password: string): Promise<{ ok: true } | { ok: false; key: string }> {
      const user = await repo.findUserById(userId);
      if (!user) return { ok: false, key: 'auth.errors.generic' };
      if (user.roleRequiresTotp) return { ok: false, key: 'auth.account.totpRequired' };
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
        await recordFailure(user.email, user, 'password', NO_CONTEXT);
        return { ok: false, key: 'auth.errors.currentPasswordWrong' };
      }
      await repo.updateUser(
        userId,
        { totp_secret_enc: null, totp_enabled_at: null, totp_last_step: null },
        clock(),
      );
      await audit.record({
        actorUserId: userId,
        action: 'auth.totp.disabled',
        entityType: 'user',
        entityId: userId,
      });
      return { ok: true };
    },

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

    /** Prepares the stand-in hash for unknown accounts, so even the first such sign-in costs the usual time. */
    async warmUp(): Promise<void> {
      await timingDummy();
    },

    /** Deletes sessions past their idle or absolute timeout (also done on every sign-in). */
    async sweepExpiredSessions(): Promise<number> {
      const now = clock();
      return repo.deleteExpiredSessions(now, new Date(now.getTime() - IDLE_TIMEOUT_MS));
    },
  };
  return service;
}

export type AuthService = ReturnType<typeof createAuthService>;
