// Passwords: the policy (length over composition rules, as NIST SP 800-63B advises) and argon2id hashing with at
// least the OWASP minimum parameters. A stored hash made with weaker parameters is upgraded at the next login.
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';
import { createRequire } from 'node:module';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

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

/**
 * The least zxcvbn score a new password needs: 3 means about 10^8 guesses or more ("safely unguessable: moderate
 * protection from an offline slow-hash scenario"), which passes a passphrase of a few words and refuses the
 * common-password lists (ASVS 2.1.7), keyboard walks, sequences, repeats and dates.
 */
export const MIN_PASSWORD_SCORE = 3;
/** Only this much is estimated: the estimate's cost grows with the length, and a longer prefix is never weak. */
const ESTIMATE_CHARS = 100;

let estimator: ZxcvbnFactory | undefined;
function strength() {
  // The common-password and English dictionaries (the @zxcvbn-ts packages), loaded and built once on first use:
  // unpacking them takes a quarter of a second, which every command and the server's start would pay otherwise.
  // Loaded synchronously (they are CommonJS), so checking a password stays synchronous.
  if (!estimator) {
    const require = createRequire(import.meta.url);
    const core = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    estimator = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
  }
  return estimator;
}

/** Why zxcvbn finds a password weak, as one of our message keys (its own English feedback is not shown). */
const WEAK_REASON: Record<string, string> = {
  topTen: 'auth.password.weakCommon',
  topHundred: 'auth.password.weakCommon',
  common: 'auth.password.weakCommon',
  similarToCommon: 'auth.password.weakCommon',
  pwned: 'auth.password.weakCommon',
  straightRow: 'auth.password.weakPattern',
  keyPattern: 'auth.password.weakPattern',
  sequences: 'auth.password.weakPattern',
  simpleRepeat: 'auth.password.weakRepeat',
  extendedRepeat: 'auth.password.weakRepeat',
  recentYears: 'auth.password.weakDate',
  dates: 'auth.password.weakDate',
  wordByItself: 'auth.password.weakWord',
  namesByThemselves: 'auth.password.weakWord',
  commonNames: 'auth.password.weakWord',
  userInputs: 'auth.password.weakPersonal',
};

/**
 * Message keys (auth.password.*) of the rules a new password breaks; empty when it is acceptable. `userInputs`
 * (the email address, the name) count as known to an attacker.
 */
export function passwordProblems(password: string, email?: string, userInputs: string[] = []): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) problems.push('auth.password.tooShort');
  if (chars.length > MAX_PASSWORD_LENGTH) problems.push('auth.password.tooLong');
  if (chars.length > 0 && chars.every((c) => c === chars[0])) problems.push('auth.password.allSame');
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    problems.push('auth.password.equalsEmail');
  if (problems.length === 0) {
    const inputs = [...userInputs, ...(email ? [email] : [])]
      .flatMap((s) => [s, ...s.split(/[\s@.+_-]+/)])
      .filter((s) => s.length >= 3);
    const result = strength().check(chars.slice(0, ESTIMATE_CHARS).join(''), inputs);
    if (result.score < MIN_PASSWORD_SCORE) {
      problems.push(WEAK_REASON[result.feedback.warning ?? ''] ?? 'auth.password.weak');
    }
  }
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
