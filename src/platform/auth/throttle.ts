// Sign-in throttling: growing delays instead of a lockout an attacker can trigger.
//
// Every failed sign-in (password or code) is counted in three contexts at once, each with its own free attempts
// and then a delay that doubles with every further failure (1 s, 2 s, 4 s, … capped at 15 minutes):
//
// - the pair (account, client address): one address guessing one account slows down after 3 failures;
// - the client address alone: one address trying many accounts slows down after 20;
// - the account, from contexts it has not signed in from before: many addresses guessing one account slow
//   down after 10 together. A browser that completed a sign-in for the account holds a signed device cookie
//   (OWASP "device cookies"); from there the account-wide delay does not apply, only the device's own (after 5).
//
// While a context is delayed its attempts are refused without looking at the password, and are not counted, so
// guessing costs one try per delay and an attacker cannot push the delay further out. Nothing locks for good:
// the real user signs in from their own address (another pair) or their own browser (a known device) while an
// attacker's address waits. Counters reset when a sign-in completes, and a context with no failure for a day
// starts clean. Keys are HMACs (SESSION_SECRET) of what they count: no address is stored in them in the clear.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface ThrottlePolicy {
  /** Failures without any delay. */
  free: number;
  /** The delay after the first failure past the free ones; it doubles with every further failure. */
  baseMs: number;
  capMs: number;
}

const MINUTE = 60_000;
export const PAIR_POLICY: ThrottlePolicy = { free: 3, baseMs: 1000, capMs: 15 * MINUTE };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, baseMs: 1000, capMs: 15 * MINUTE };
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 10, baseMs: 1000, capMs: 15 * MINUTE };
export const DEVICE_POLICY: ThrottlePolicy = { free: 5, baseMs: 1000, capMs: 15 * MINUTE };
/** A context whose last failure is older than this starts clean (and its row is deleted by the retention job). */
export const THROTTLE_WINDOW_MS = 24 * 60 * MINUTE;
/** How long a device cookie marks a browser as one the account signed in from. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

/** The delay after `failures` failures in a context (0 while they are within the free ones). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.free) return 0;
  const exponent = Math.min(failures - policy.free, 30);
  return Math.min(policy.baseMs * 2 ** exponent, policy.capMs);
}

/** Where a sign-in attempt comes from, as the route knows it. */
export interface ClientContext {
  /** The client address (request.ip: the socket's peer, or the first untrusted hop behind TRUST_PROXY). */
  address: string;
  /** The device cookie the browser sent, if any. */
  device?: string | undefined;
}

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

function mac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/**
 * The contexts an attempt for `account` (the normalised email as typed, so an unknown address is throttled like
 * a known one and throttling tells nothing about which accounts exist) is counted in.
 */
export function throttleKeys(
  secret: string,
  account: string,
  context: ClientContext,
  deviceNonce: string | undefined,
): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: `pair:${mac(secret, `pair\0${account}\0${context.address}`)}`, policy: PAIR_POLICY },
    { key: `addr:${mac(secret, `addr\0${context.address}`)}`, policy: ADDRESS_POLICY },
  ];
  if (deviceNonce)
    keys.push({ key: `device:${mac(secret, `device\0${deviceNonce}`)}`, policy: DEVICE_POLICY });
  else keys.push({ key: `acct:${mac(secret, `acct\0${account}`)}`, policy: ACCOUNT_POLICY });
  return keys;
}

/** The account-wide key of an account (an admin's unlock clears it). */
export function accountKey(secret: string, account: string): string {
  return `acct:${mac(secret, `acct\0${account}`)}`;
}

/** A device cookie for a completed sign-in of `userId`: a random nonce and an HMAC binding it to the user. */
export function issueDeviceCookie(secret: string, userId: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${mac(secret, `device-cookie\0${userId}\0${nonce}`)}`;
}

/** The nonce of a device cookie when it was issued for `userId` by this server; undefined otherwise. */
export function deviceNonceFor(
  secret: string,
  userId: string,
  cookie: string | undefined,
): string | undefined {
  if (!cookie) return undefined;
  const [nonce, tag, ...rest] = cookie.split('.');
  if (!nonce || !tag || rest.length > 0 || !/^[\w-]{22}$/.test(nonce)) return undefined;
  const expected = Buffer.from(mac(secret, `device-cookie\0${userId}\0${nonce}`));
  const given = Buffer.from(tag);
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : undefined;
}
