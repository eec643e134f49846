// What a sign-in attempt leaves behind, split from service.ts: the throttle contexts it is counted in, the failure
// or success it writes to the account and the audit trail, and the client address kept beside that trail. Sign-in
// (sign-in-service.ts), the second factor and account administration count their failures through here.
import { randomUUID } from 'node:crypto';
import type { Config } from '../../config.js';
import type { AuditService } from '../audit/service.js';
import { userLocked } from './accounts-service.js';
import type { AuthRepository, UserRecord } from './repository.js';
import type { createThrottleRepository } from './throttle-repository.js';
import {
  THROTTLE_WINDOW_MS,
  delayAfter,
  deviceNonceFor,
  issueDeviceCookie,
  throttleKeys,
  type ClientContext,
  type ThrottleKey,
} from './throttle.js';

/** Where an attempt comes from when the caller does not say (the service called directly, not over HTTP). */
export const NO_CONTEXT: ClientContext = { address: 'unknown' };

export interface SignInRecordDeps {
  repo: AuthRepository;
  throttle: ReturnType<typeof createThrottleRepository>;
  audit: AuditService;
  clock: () => Date;
  config: Config;
}

export type SignInRecords = ReturnType<typeof createSignInRecords>;

export function createSignInRecords(deps: SignInRecordDeps) {
  const { repo, throttle, audit, clock, config } = deps;

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

  return { keysFor, throttledFor, recordFailure, loginSucceeded };
}
