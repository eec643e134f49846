// TOTP (RFC 6238) second factor: SHA-1, 6 digits, 30-second steps, as every authenticator app supports. A code
// is accepted one step early or late (clock drift) and each step only once (see the service: totp_last_step).
import { Secret, TOTP } from 'otpauth';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_WINDOW = 1;
/** 20 bytes (160 bits), the size RFC 4226 recommends. */
const SECRET_BYTES = 20;
/** RFC 4226 requires at least 128 bits: 26 base32 characters. */
const MIN_SECRET_CHARS = 26;

export function generateTotpSecret(): string {
  return new Secret({ size: SECRET_BYTES }).base32;
}

/** Accepts a base32 secret as people copy it (spaces, lower case, padding); undefined when it is not one. */
export function normaliseTotpSecret(input: string): string | undefined {
  const secret = input.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (!/^[A-Z2-7]+$/.test(secret) || secret.length < MIN_SECRET_CHARS || secret.length > 128)
    return undefined;
  return secret;
}

function totp(secret: string, account = 'samen', issuer = 'Samen'): TOTP {
  return new TOTP({
    issuer,
    label: account,
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secret: string, account: string, issuer: string): string {
  return totp(secret, account, issuer).toString();
}

export function totpStep(timestampMs: number): number {
  return Math.floor(timestampMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for a moment (tests, and the CLI check of a provisioned secret). */
export function totpCode(secret: string, timestampMs: number): string {
  return totp(secret).generate({ timestamp: timestampMs });
}

/**
 * The time step a code belongs to when it is valid at `timestampMs` (± TOTP_WINDOW steps), else undefined. The
 * caller must still refuse a step it has accepted before.
 */
export function matchTotp(secret: string, code: string, timestampMs: number): number | undefined {
  const token = code.replace(/\s/g, '');
  if (!new RegExp(`^[0-9]{${TOTP_DIGITS}}$`).test(token)) return undefined;
  const delta = totp(secret).validate({ token, timestamp: timestampMs, window: TOTP_WINDOW });
  return delta === null ? undefined : totpStep(timestampMs) + delta;
}

/** Groups a secret in blocks of four for manual entry. */
export function formatSecretForDisplay(secret: string): string {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}
