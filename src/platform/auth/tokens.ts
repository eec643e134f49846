// The small cryptographic pieces of the accounts platform: random tokens, their stored hashes, CSRF tokens bound
// to a session, timing-safe comparison, and AES-256-GCM for secrets at rest (TOTP keys).
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** 32 random bytes as base64url (43 characters): session tokens and pre-session ids. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The shape of a token made by randomToken(): anything else from a cookie is ignored without a lookup. */
export function isWellFormedToken(value: string | undefined): value is string {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two strings without leaking, through timing, where they first differ (or their lengths). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

/**
 * The CSRF token for a binding: HMAC-SHA256 over the session id hash (signed in) or the pre-session id (not
 * yet). A token is only valid with the cookie it was made for, and cannot be made without the server secret.
 */
export function csrfTokenFor(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`samen-csrf\u0000${binding}`).digest('base64url');
}

export function verifyCsrfToken(secret: string, binding: string, token: string): boolean {
  return safeEqual(csrfTokenFor(secret, binding), token);
}

const SECRET_FORMAT = 'v1';

/**
 * Encrypts with AES-256-GCM. `context` is authenticated but not stored (e.g. `totp:<user id>`), so a ciphertext
 * copied to another row or used for another purpose does not decrypt.
 */
export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${SECRET_FORMAT}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** Decrypts what encryptSecret made; undefined when it was altered, made with another key or another context. */
export function decryptSecret(key: Buffer, payload: string, context: string): string | undefined {
  const [format, data] = payload.split('.');
  if (format !== SECRET_FORMAT || !data) return undefined;
  const raw = Buffer.from(data, 'base64url');
  if (raw.length < 12 + 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
