import { describe, expect, it } from 'vitest';
import {
  formatSecretForDisplay,
  generateTotpSecret,
  matchTotp,
  normaliseTotpSecret,
  totpCode,
  totpStep,
  totpUri,
} from './totp.js';

const NOW = Date.parse('2026-11-28T10:00:10Z');
const STEP = 30_000;

describe('TOTP', () => {
  const secret = generateTotpSecret();

  it('generates 160-bit base32 secrets', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(generateTotpSecret()).not.toBe(secret);
  });

  it('accepts the current code and returns its time step', () => {
    expect(matchTotp(secret, totpCode(secret, NOW), NOW)).toBe(totpStep(NOW));
  });

  it('accepts a code one step early or late (clock drift), with that step', () => {
    expect(matchTotp(secret, totpCode(secret, NOW - STEP), NOW)).toBe(totpStep(NOW) - 1);
    expect(matchTotp(secret, totpCode(secret, NOW + STEP), NOW)).toBe(totpStep(NOW) + 1);
  });

  it('refuses a code two steps away', () => {
    expect(matchTotp(secret, totpCode(secret, NOW - 2 * STEP), NOW)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, NOW + 2 * STEP), NOW)).toBeUndefined();
  });

  it('refuses malformed codes and codes of another secret', () => {
    expect(matchTotp(secret, '12345', NOW)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', NOW)).toBeUndefined();
    expect(matchTotp(secret, '', NOW)).toBeUndefined();
    const other = generateTotpSecret();
    const code = totpCode(other, NOW);
    if (code !== totpCode(secret, NOW)) expect(matchTotp(secret, code, NOW)).toBeUndefined();
  });

  it('accepts a code typed with spaces', () => {
    const code = totpCode(secret, NOW);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, NOW)).toBe(totpStep(NOW));
  });

  it('normalises secrets as people copy them, and refuses short or non-base32 ones', () => {
    expect(normaliseTotpSecret(formatSecretForDisplay(secret).toLowerCase())).toBe(secret);
    expect(normaliseTotpSecret(`${secret}====`)).toBe(secret);
    expect(normaliseTotpSecret('JBSWY3DPEHPK3PXP')).toBeUndefined(); // 80 bits: below the RFC 4226 minimum
    expect(normaliseTotpSecret('0189ABCDEFGHIJKLMNOPQRSTUVWXYZ')).toBeUndefined();
  });

  it('builds an otpauth URI with issuer, account and secret', () => {
    const uri = totpUri(secret, 'admin@example.nl', 'Samen (localhost)');
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Samen');
    expect(uri).toContain('admin%40example.nl');
  });
});
