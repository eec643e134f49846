// /.well-known/security.txt on the real app, as a researcher's tool fetches it: absent without configuration,
// RFC 9116 fields and a cleartext signature that verifies with the deployment's public key when configured.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClock, type TestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

const ORIGIN = 'https://samen.example.nl';
// The app's clock (TestClock's default day); the key is made earlier, as a real one would be.
const NOW = '2026-11-28T10:00:00Z';
const KEY_MADE = new Date('2026-01-01T00:00:00Z');

describeDb('security.txt', () => {
  let bare: TestApp;
  let signed: TestApp;
  let publicKey: openpgp.PublicKey;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'samen-securitytxt-'));
    const key = await openpgp.generateKey({
      userIDs: [{ name: 'Samen security test', email: 'security@example.nl' }],
      date: KEY_MADE,
      format: 'armored',
    });
    publicKey = await openpgp.readKey({ armoredKey: key.publicKey });
    const keyFile = path.join(dir, 'key.asc');
    writeFileSync(keyFile, key.privateKey);
    bare = await createTestApp();
    signed = await createTestApp({
      clock: new TestClock(NOW),
      config: {
        publicOrigin: ORIGIN,
        securityTxt: {
          contacts: ['mailto:security@example.nl', 'https://samen.example.nl/melden'],
          expires: new Date('2027-06-30T00:00:00Z'),
          languages: ['nl', 'en'],
          keyFile,
        },
      },
    });
  });
  afterAll(async () => {
    for (const t of [bare, signed]) {
      await t?.app.close();
      await t?.database.destroy();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 404 without a configured contact, never an invented one', async () => {
    for (const url of [
      '/.well-known/security.txt',
      '/.well-known/security-policy.md',
      '/en/.well-known/security.txt',
    ]) {
      const res = await bare.app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toMatch(/Contact:/);
    }
  });

  it('serves the RFC 9116 fields as text/plain; charset=utf-8 with the platform’s security headers', async () => {
    const res = await signed.app.inject({ url: '/.well-known/security.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');

    const message = await openpgp.readCleartextMessage({ cleartextMessage: res.body });
    const text = message.getText();
    const fields = text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const match = /^([A-Za-z-]+): (\S.*)$/.exec(line);
        expect(match, `"${line}" is not a field`).not.toBeNull();
        return [match![1]!, match![2]!] as const;
      });
    expect(fields).toEqual([
      ['Contact', 'mailto:security@example.nl'],
      ['Contact', 'https://samen.example.nl/melden'],
      ['Expires', '2027-06-30T00:00:00.000Z'],
      ['Preferred-Languages', 'nl, en'],
      ['Canonical', 'https://samen.example.nl/.well-known/security.txt'],
      ['Policy', 'https://samen.example.nl/.well-known/security-policy.md'],
    ]);
  });

  it('is signed: the signature verifies with the public key, and an edited Contact does not', async () => {
    const res = await signed.app.inject({ url: '/.well-known/security.txt' });
    expect(res.body.startsWith('-----BEGIN PGP SIGNED MESSAGE-----\n')).toBe(true);
    const message = await openpgp.readCleartextMessage({ cleartextMessage: res.body });
    const verified = await openpgp.verify({ message, verificationKeys: publicKey, date: new Date(NOW) });
    expect(verified.signatures).toHaveLength(1);
    await expect(verified.signatures[0]!.verified).resolves.toBe(true);

    // A proxy or attacker that swaps the contact for its own keeps the signature block, which then fails.
    const forged = res.body.replace('mailto:security@example.nl', 'mailto:attacker@example.com');
    const forgedMessage = await openpgp.readCleartextMessage({ cleartextMessage: forged });
    const check = await openpgp.verify({
      message: forgedMessage,
      verificationKeys: publicKey,
      date: new Date(NOW),
    });
    await expect(check.signatures[0]!.verified).rejects.toThrow(/digest did not match/);

    // Another key does not vouch for it either.
    const other = await openpgp.generateKey({ userIDs: [{ email: 'other@example.nl' }], date: KEY_MADE });
    const otherCheck = await openpgp.verify({
      message,
      verificationKeys: await openpgp.readKey({ armoredKey: other.publicKey }),
      date: new Date(NOW),
    });
    await expect(otherCheck.signatures[0]!.verified).rejects.toThrow();
  });

  it('serves the repository’s SECURITY.md as the policy the file points to', async () => {
    const res = await signed.app.inject({ url: '/.well-known/security-policy.md' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(res.body).toMatch(/^# Security policy/);
    expect(res.body).toContain("Never use real people's data");
  });
});
