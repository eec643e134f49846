import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, passwordProblems, verifyPassword } from './password.js';

describe('password policy', () => {
  it('accepts a passphrase of 12 characters or more', () => {
    expect(passwordProblems('lange zin met woorden', 'a@b.nl')).toEqual([]);
    expect(passwordProblems('fiets door de regen')).toEqual([]);
  });

  it('refuses fewer than 12 characters, counting characters rather than bytes', () => {
    expect(passwordProblems('short pass')).toContain('auth.password.tooShort');
    // 11 characters, 22+ bytes in UTF-8
    expect(passwordProblems('ééééééééééa')).toContain('auth.password.tooShort');
    expect(passwordProblems('')).toContain('auth.password.tooShort');
  });

  it('refuses one character repeated', () => {
    expect(passwordProblems('aaaaaaaaaaaaaaaa')).toEqual(['auth.password.allSame']);
  });

  it('refuses the email address, whatever the case', () => {
    expect(passwordProblems('Steward@Example.nl', 'steward@example.nl')).toEqual([
      'auth.password.equalsEmail',
    ]);
  });

  it('refuses common passwords with the reason, from the maintained dictionaries (zxcvbn-ts)', () => {
    expect(passwordProblems('password1234')).toEqual(['auth.password.weakCommon']);
    expect(passwordProblems('123456789012')).toEqual(['auth.password.weakCommon']);
    expect(passwordProblems('qwertyuiopas')).toHaveLength(1);
    expect(passwordProblems('aaaaaaaaaaab')).toEqual(['auth.password.weakRepeat']);
  });

  it('counts the email address and name as known to an attacker', () => {
    expect(passwordProblems('mariekejansen', 'marieke.jansen@example.nl', ['Marieke Jansen'])).toHaveLength(
      1,
    );
  });

  it('refuses absurdly long input', () => {
    expect(passwordProblems('ab'.repeat(300))).toContain('auth.password.tooLong');
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at least at the OWASP parameters and verifies', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('treats an unreadable hash as a wrong password', async () => {
    expect(await verifyPassword('not a hash', 'whatever password')).toBe(false);
  });

  it('asks for a rehash of hashes made with weaker parameters', async () => {
    expect(needsRehash(await hashPassword('correct horse battery'))).toBe(false);
    expect(needsRehash(await hash('correct horse battery', { memoryCost: 4096, timeCost: 1 }))).toBe(true);
    expect(needsRehash('garbage')).toBe(true);
  });
});
