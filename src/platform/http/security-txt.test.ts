// security.txt configuration as an operator gets it wrong (each problem named, all at once), and the signing step
// refusing keys it cannot use instead of serving an unsigned or broken file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import * as openpgp from 'openpgp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseIsoDate } from '../../config.js';
import { securityTxtPlugin, signSecurityTxt } from './security-txt.js';

const NOW = new Date('2026-11-28T10:00:00Z');
const SECRETS = {
  SESSION_SECRET: 's'.repeat(32),
  ENCRYPTION_KEY: 'ab'.repeat(32),
  SAMEN_FIELD_KEYS: `k1:${'ab'.repeat(32)}`,
  SAMEN_AUDIT_KEY: 'cd'.repeat(32),
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'samen-securitytxt-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig({ SAMEN_DATA_DIR: dir, ...SECRETS, ...env }, NOW);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('security.txt configuration', () => {
  it('reads contacts, expiry, languages, policy and key file', () => {
    const keyFile = path.join(dir, 'key.asc');
    writeFileSync(
      keyFile,
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n...\n-----END PGP PRIVATE KEY BLOCK-----\n',
    );
    const config = loadConfig(
      {
        SAMEN_DATA_DIR: dir,
        ...SECRETS,
        NODE_ENV: 'production',
        SAMEN_SECURITY_CONTACT: 'mailto:security@example.nl, https://example.nl/melden',
        SAMEN_SECURITY_TXT_EXPIRES: '2027-06-30',
        SAMEN_SECURITY_TXT_LANGUAGES: 'nl,en,ar',
        SAMEN_SECURITY_POLICY_URL: 'https://example.nl/beleid',
        SAMEN_SECURITY_TXT_KEY_FILE: keyFile,
      },
      NOW,
    );
    expect(config.securityTxt).toEqual({
      contacts: ['mailto:security@example.nl', 'https://example.nl/melden'],
      expires: new Date('2027-06-30T00:00:00Z'),
      languages: ['nl', 'en', 'ar'],
      policyUrl: 'https://example.nl/beleid',
      keyFile,
    });
    // Preferred languages default to Dutch and English.
    const plain = loadConfig(
      {
        SAMEN_DATA_DIR: dir,
        SAMEN_SECURITY_CONTACT: 'mailto:a@example.nl',
        SAMEN_SECURITY_TXT_EXPIRES: '2027-01-01',
      },
      NOW,
    );
    expect(plain.securityTxt?.languages).toEqual(['nl', 'en']);
  });

  it('has none in development without a contact, and requires one in production, by name', () => {
    expect(loadConfig({ SAMEN_DATA_DIR: dir, ...SECRETS }, NOW).securityTxt).toBeUndefined();
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_CONTACT is required in production/),
      expect.stringMatching(/^SAMEN_SECURITY_TXT_EXPIRES is required in production/),
    ]);
    // Half a configuration is not silently dropped.
    expect(problemsOf({ SAMEN_SECURITY_CONTACT: 'mailto:a@example.nl' })).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_TXT_EXPIRES is required with SAMEN_SECURITY_CONTACT/),
    ]);
    expect(problemsOf({ SAMEN_SECURITY_TXT_EXPIRES: '2027-01-01' })).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_CONTACT is required with SAMEN_SECURITY_TXT_EXPIRES/),
    ]);
    expect(problemsOf({ SAMEN_SECURITY_TXT_KEY_FILE: '/etc/key.asc' })).toEqual([
      'SAMEN_SECURITY_TXT_KEY_FILE needs SAMEN_SECURITY_CONTACT and SAMEN_SECURITY_TXT_EXPIRES',
    ]);
  });

  it('checks the expiry: it must parse, lie ahead, and by at most a year', () => {
    const expiry = (value: string) =>
      problemsOf({ SAMEN_SECURITY_CONTACT: 'mailto:a@example.nl', SAMEN_SECURITY_TXT_EXPIRES: value });
    for (const bad of [
      'next year',
      '30-06-2027',
      '2027-02-30',
      '2027-13-01',
      '2027-06-30T12:00',
      '1798761600',
    ]) {
      expect(expiry(bad), bad).toEqual([
        `SAMEN_SECURITY_TXT_EXPIRES must be an ISO date such as 2027-06-30 (got "${bad}")`,
      ]);
    }
    expect(expiry('2026-11-28T10:00:00Z')).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_TXT_EXPIRES has passed/),
    ]);
    expect(expiry('2025-12-31')).toEqual([expect.stringMatching(/^SAMEN_SECURITY_TXT_EXPIRES has passed/)]);
    expect(expiry('2027-11-30')).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_TXT_EXPIRES is more than a year ahead/),
    ]);
    // The edges that are fine: a second ahead, and a year ahead.
    for (const ok of ['2026-11-28T10:00:01Z', '2027-11-28T10:00:00+00:00', '2027-11-28']) {
      const config = loadConfig(
        {
          SAMEN_DATA_DIR: dir,
          SAMEN_SECURITY_CONTACT: 'mailto:a@example.nl',
          SAMEN_SECURITY_TXT_EXPIRES: ok,
        },
        NOW,
      );
      expect(config.securityTxt?.expires.getTime(), ok).toBe(parseIsoDate(ok)!.getTime());
    }
  });

  it('refuses contacts that are not mailto: or https:, languages and policies that are not what they claim', () => {
    const problems = problemsOf({
      SAMEN_SECURITY_CONTACT:
        'security@example.nl, http://example.nl/report, mailto:nobody, javascript:alert(1)',
      SAMEN_SECURITY_TXT_EXPIRES: '2027-01-01',
      SAMEN_SECURITY_TXT_LANGUAGES: 'nl, Nederlands!',
      SAMEN_SECURITY_POLICY_URL: 'http://example.nl/policy',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_CONTACT entry 1 must be a mailto: address or an https: URL/),
      expect.stringMatching(/^SAMEN_SECURITY_CONTACT entry 2 /),
      expect.stringMatching(/^SAMEN_SECURITY_CONTACT entry 3 /),
      expect.stringMatching(/^SAMEN_SECURITY_CONTACT entry 4 /),
      'SAMEN_SECURITY_TXT_LANGUAGES must be language tags separated by commas (e.g. nl, en)',
      'SAMEN_SECURITY_POLICY_URL must be an https: URL',
    ]);
    // A line break in a contact would add a field of the attacker's choosing to the file.
    expect(
      problemsOf({
        SAMEN_SECURITY_CONTACT: 'https://example.nl/a\nContact: mailto:attacker@example.com',
        SAMEN_SECURITY_TXT_EXPIRES: '2027-01-01',
      }),
    ).toEqual([expect.stringMatching(/^SAMEN_SECURITY_CONTACT entry 1 /)]);
  });

  it('checks the key file at boot: readable, and an armored private key', () => {
    const publicOnly = path.join(dir, 'public.asc');
    writeFileSync(publicOnly, '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n...\n');
    const base = { SAMEN_SECURITY_CONTACT: 'mailto:a@example.nl', SAMEN_SECURITY_TXT_EXPIRES: '2027-01-01' };
    expect(problemsOf({ ...base, SAMEN_SECURITY_TXT_KEY_FILE: path.join(dir, 'missing.asc') })).toEqual([
      expect.stringMatching(/^SAMEN_SECURITY_TXT_KEY_FILE cannot be read/),
    ]);
    expect(problemsOf({ ...base, SAMEN_SECURITY_TXT_KEY_FILE: publicOnly })).toEqual([
      'SAMEN_SECURITY_TXT_KEY_FILE must hold an armored OpenPGP private key',
    ]);
  });
});

describe('signing security.txt', () => {
  const made = new Date('2026-01-01T00:00:00Z');

  it('refuses a passphrase-protected key and a damaged one, naming the variable', async () => {
    const locked = await openpgp.generateKey({
      userIDs: [{ email: 'a@example.nl' }],
      passphrase: 'geheim',
      date: made,
    });
    await expect(signSecurityTxt('Contact: mailto:a@example.nl\n', locked.privateKey, NOW)).rejects.toThrow(
      /^SAMEN_SECURITY_TXT_KEY_FILE holds a passphrase-protected key/,
    );
    const damaged =
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PRIVATE KEY BLOCK-----\n';
    await expect(signSecurityTxt('x\n', damaged, NOW)).rejects.toThrow(
      /^SAMEN_SECURITY_TXT_KEY_FILE does not hold a readable OpenPGP private key/,
    );
  });

  it('does not start with a key it cannot use, rather than serve the file unsigned', async () => {
    const keyFile = path.join(dir, 'key.asc');
    writeFileSync(
      keyFile,
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nbm90IGEga2V5\n-----END PGP PRIVATE KEY BLOCK-----\n',
    );
    const app = Fastify();
    await expect(
      app.register(securityTxtPlugin, {
        config: {
          securityTxt: {
            contacts: ['mailto:a@example.nl'],
            expires: new Date('2027-01-01'),
            languages: ['nl'],
            keyFile,
          },
          publicOrigin: 'https://samen.example.nl',
        },
        clock: () => NOW,
      }),
    ).rejects.toThrow(/SAMEN_SECURITY_TXT_KEY_FILE/);
    await app.close();
  });

  it('points Policy at SAMEN_SECURITY_POLICY_URL when set, and then serves no policy of its own', async () => {
    const app = Fastify();
    await app.register(securityTxtPlugin, {
      config: {
        securityTxt: {
          contacts: ['mailto:a@example.nl'],
          expires: new Date('2027-01-01T00:00:00Z'),
          languages: ['nl'],
          policyUrl: 'https://example.nl/beleid',
        },
        publicOrigin: 'https://samen.example.nl',
      },
      clock: () => NOW,
    });
    const res = await app.inject({ url: '/.well-known/security.txt' });
    expect(res.body).toContain('\nPolicy: https://example.nl/beleid\n');
    expect(res.body).not.toContain('BEGIN PGP');
    expect((await app.inject({ url: '/.well-known/security-policy.md' })).statusCode).toBe(404);
    await app.close();
  });
});

describe('accessibility contact configuration', () => {
  it('takes a mailto: or https: URL and names anything else', () => {
    const config = loadConfig(
      { SAMEN_DATA_DIR: dir, ...SECRETS, SAMEN_ACCESSIBILITY_CONTACT: 'https://example.nl/toegankelijkheid' },
      NOW,
    );
    expect(config.accessibilityContact).toBe('https://example.nl/toegankelijkheid');
    expect(loadConfig({ SAMEN_DATA_DIR: dir, ...SECRETS }, NOW).accessibilityContact).toBeUndefined();
    for (const bad of [
      'toegankelijkheid@example.nl',
      'javascript:alert(1)',
      'http://example.nl/klacht',
      'mailto:x',
    ]) {
      expect(problemsOf({ SAMEN_ACCESSIBILITY_CONTACT: bad }), bad).toEqual([
        expect.stringMatching(/^SAMEN_ACCESSIBILITY_CONTACT must be a mailto: address or an https: URL/),
      ]);
    }
  });
});
