// Passwords: the policy (length over composition rules, as NIST SP 800-63B advises) and argon2id hashing with at
// least the OWASP minimum parameters. A stored hash made with weaker parameters is upgraded at the next login.
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

// `Algorithm` is a const enum in the type declarations; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; bounds the work a single request can cause. */
export const MAX_PASSWORD_LENGTH = 512;

/** Message keys (auth.password.*) of the rules a new password breaks; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) problems.push('auth.password.tooShort');
  if (chars.length > MAX_PASSWORD_LENGTH) problems.push('auth.password.tooLong');
  if (chars.length > 0 && chars.every((c) => c === chars[0])) problems.push('auth.password.allSame');
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    problems.push('auth.password.equalsEmail');
  return problems;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** False for a wrong password and for a hash that cannot be read (never throws). */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Whether a stored hash was made with other (older, weaker) parameters than today's. */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return (
      o.algorithm !== ARGON2_OPTIONS.algorithm ||
      o.memoryCost < ARGON2_OPTIONS.memoryCost ||
      o.timeCost < ARGON2_OPTIONS.timeCost ||
      o.parallelism !== ARGON2_OPTIONS.parallelism
    );
  } catch {
    return true;
  }
}
