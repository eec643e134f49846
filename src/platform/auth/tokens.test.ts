import { describe, expect, it } from 'vitest';
import { parseCookies, serializeCookie } from './cookies.js';
import { safeNext } from './http.js';
import {
  csrfTokenFor,
  decryptSecret,
  encryptSecret,
  isWellFormedToken,
  randomToken,
  safeEqual,
  sha256Hex,
  verifyCsrfToken,
} from './tokens.js';

const SECRET = 'test-session-secret-test-session-secret';

describe('CSRF tokens', () => {
  it('verify for the binding they were made for', () => {
    const binding = sha256Hex(randomToken());
    expect(verifyCsrfToken(SECRET, binding, csrfTokenFor(SECRET, binding))).toBe(true);
  });

  it('do not verify for another session', () => {
    const a = sha256Hex(randomToken());
    const b = sha256Hex(randomToken());
    expect(verifyCsrfToken(SECRET, b, csrfTokenFor(SECRET, a))).toBe(false);
  });

  it('cannot be made without the server secret', () => {
    const binding = sha256Hex(randomToken());
    expect(verifyCsrfToken(SECRET, binding, csrfTokenFor('another-secret-another-secret-xx', binding))).toBe(
      false,
    );
  });

  it('refuse empty and altered tokens', () => {
    const binding = 'pre:abc';
    const token = csrfTokenFor(SECRET, binding);
    expect(verifyCsrfToken(SECRET, binding, '')).toBe(false);
    expect(verifyCsrfToken(SECRET, binding, token.slice(0, -1))).toBe(false);
    expect(verifyCsrfToken(SECRET, binding, `${token}x`)).toBe(false);
  });
});

describe('session tokens', () => {
  it('are 32 random bytes in base64url and only that shape is looked up', () => {
    const token = randomToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(token)).toBe(true);
    expect(isWellFormedToken(`${token}=`)).toBe(false);
    expect(isWellFormedToken("' or 1=1 --")).toBe(false);
    expect(sha256Hex(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('compare timing-safely, also for different lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('secret encryption (AES-256-GCM)', () => {
  const key = Buffer.alloc(32, 7);

  it('round-trips and never stores the plaintext', () => {
    const sealed = encryptSecret(key, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'totp:u1');
    expect(sealed).not.toContain('JBSWY3DP');
    expect(decryptSecret(key, sealed, 'totp:u1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    expect(encryptSecret(key, 'x', 'c')).not.toBe(encryptSecret(key, 'x', 'c'));
  });

  it('refuses another key, another context (user) or an altered ciphertext', () => {
    const sealed = encryptSecret(key, 'secret', 'totp:u1');
    expect(decryptSecret(Buffer.alloc(32, 8), sealed, 'totp:u1')).toBeUndefined();
    expect(decryptSecret(key, sealed, 'totp:u2')).toBeUndefined();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(decryptSecret(key, `v1.${raw.toString('base64url')}`, 'totp:u1')).toBeUndefined();
    expect(decryptSecret(key, 'v2.abc', 'totp:u1')).toBeUndefined();
  });
});

describe('cookies', () => {
  it('parses a Cookie header, first occurrence winning', () => {
    const cookies = parseCookies('a=1; samen_session=abc; a=2; broken; ="x"');
    expect(cookies.get('a')).toBe('1');
    expect(cookies.get('samen_session')).toBe('abc');
    expect(parseCookies(undefined).size).toBe(0);
  });

  it('serialises HttpOnly, SameSite=Lax, Path=/ and Secure when asked', () => {
    expect(serializeCookie('samen_session', 'v', { secure: false })).toBe(
      'samen_session=v; Path=/; HttpOnly; SameSite=Lax',
    );
    expect(serializeCookie('samen_session', 'v', { secure: true })).toContain('; Secure');
    expect(serializeCookie('samen_session', '', { secure: false, maxAge: 0 })).toContain('Max-Age=0');
  });
});

describe('the next parameter', () => {
  it('keeps local paths', () => {
    expect(safeNext('/admin/users')).toBe('/admin/users');
    expect(safeNext('/en/account?x=1')).toBe('/en/account?x=1');
  });

  it('refuses everything that could leave the site', () => {
    for (const value of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      '/%0d%0aLocation: x'.replace('%0d%0a', '\r\n'),
      'evil.example',
      '',
      undefined,
    ]) {
      expect(safeNext(value)).toBeUndefined();
    }
  });
});
