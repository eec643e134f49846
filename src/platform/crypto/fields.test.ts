// Field encryption: a value decrypts only with its context and an untampered ciphertext; values under an older
// key of the ring still decrypt; the key ring comes from SAMEN_FIELD_KEYS, required in production.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import {
  createFieldCipher,
  FieldDecryptionError,
  newFieldKey,
  parseFieldKeys,
  type FieldKey,
} from './fields.js';

const oldKey: FieldKey = { id: 'k2025', key: Buffer.alloc(32, 1) };
const newKey: FieldKey = { id: 'k2026', key: Buffer.alloc(32, 2) };

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof FieldDecryptionError ? error.reason : `other: ${(error as Error).message}`;
  }
  return undefined;
}

describe('field encryption', () => {
  const cipher = createFieldCipher([oldKey]);

  it('round-trips text (also non-ASCII and empty) into a self-describing value naming the key', () => {
    for (const text of ['Jan de Vries', 'Zoë — 日本語 🙂', '']) {
      const value = cipher.encryptField(text, 'nrm_case.notes:1');
      expect(value).toMatch(/^f1:k2025:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]+$/);
      expect(value).not.toContain(text || '\u0000');
      expect(cipher.decryptField(value, 'nrm_case.notes:1')).toBe(text);
    }
    // A random IV each time: the same text does not give the same value.
    expect(cipher.encryptField('x', 'c')).not.toBe(cipher.encryptField('x', 'c'));
  });

  it('refuses a tampered ciphertext, IV or tag', () => {
    const value = cipher.encryptField('geheim', 'ctx');
    const [v, id, iv, body] = value.split(':') as [string, string, string, string];
    const flip = (text: string, at: number) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[at]! ^= 1;
      return bytes.toString('base64url');
    };
    expect(reason(() => cipher.decryptField([v, id, iv, flip(body, 0)].join(':'), 'ctx'))).toBe(
      'authentication',
    );
    expect(reason(() => cipher.decryptField([v, id, flip(iv, 3), body].join(':'), 'ctx'))).toBe(
      'authentication',
    );
    const bodyBytes = Buffer.from(body, 'base64url');
    expect(
      reason(() => cipher.decryptField([v, id, iv, flip(body, bodyBytes.length - 1)].join(':'), 'ctx')),
    ).toBe('authentication');
    expect(reason(() => cipher.decryptField('plain text', 'ctx'))).toBe('format');
    expect(reason(() => cipher.decryptField(`f1:k2025:${iv}:AAAA`, 'ctx'))).toBe('format');
  });

  it('refuses a value moved to another context (row or column)', () => {
    const value = cipher.encryptField('geheim', 'nrm_case.notes:1');
    expect(reason(() => cipher.decryptField(value, 'nrm_case.notes:2'))).toBe('authentication');
    expect(reason(() => cipher.decryptField(value, 'nrm_case.name:1'))).toBe('authentication');
  });

  it('decrypts values under an older key after rotation; only the current key encrypts; isCurrent tells them apart', () => {
    const before = cipher.encryptField('oud', 'ctx');
    const rotated = createFieldCipher([newKey, oldKey]);
    expect(rotated.decryptField(before, 'ctx')).toBe('oud');
    const after = rotated.encryptField('nieuw', 'ctx');
    expect(after.startsWith('f1:k2026:')).toBe(true);
    expect(rotated.isCurrent(after)).toBe(true);
    expect(rotated.isCurrent(before)).toBe(false);
    // A ring without the old key cannot read it, and says why.
    expect(reason(() => createFieldCipher([newKey]).decryptField(before, 'ctx'))).toBe('unknown-key');
    // A key id swapped in the header does not help: the header is authenticated too.
    expect(reason(() => rotated.decryptField(before.replace('k2025', 'k2026'), 'ctx'))).toBe(
      'authentication',
    );
  });

  it('parses SAMEN_FIELD_KEYS and names the problem without echoing a key', () => {
    const line = `${newFieldKey('a')},${newFieldKey('b_2')}`;
    const parsed = parseFieldKeys(line);
    expect('keys' in parsed && parsed.keys.map((k) => k.id)).toEqual(['a', 'b_2']);
    const secret = 'ab'.repeat(31);
    for (const [value, expected] of [
      [`k1:${secret}`, /key "k1": the key must be 32 bytes as 64 hex/],
      ['ab'.repeat(32), /entry 1: expected <keyId>:<64 hex/],
      [`k1:${'ab'.repeat(32)},k1:${'cd'.repeat(32)}`, /"k1" appears twice/],
      [`bad.id:${'ab'.repeat(32)}`, /entry 1/],
    ] as const) {
      const result = parseFieldKeys(value);
      expect('problem' in result && result.problem).toMatch(expected);
      expect('problem' in result && result.problem).not.toContain(secret);
    }
  });

  it('requires SAMEN_FIELD_KEYS in production and keeps a generated key in secrets.json otherwise', () => {
    const problems = (() => {
      try {
        loadConfig({
          NODE_ENV: 'production',
          SESSION_SECRET: 's'.repeat(32),
          ENCRYPTION_KEY: 'ab'.repeat(32),
          SAMEN_AUDIT_KEY: 'ef'.repeat(32),
        });
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    })();
    expect(problems).toEqual([expect.stringMatching(/^SAMEN_FIELD_KEYS is required in production/)]);

    const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-keys-'));
    try {
      const first = loadConfig({ SAMEN_DATA_DIR: dataDir });
      expect(first.fieldKeys).toHaveLength(1);
      expect(first.fieldKeys[0]!.key).toHaveLength(32);
      const stored = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<
        string,
        string
      >;
      expect(Object.keys(stored).sort()).toEqual(['auditKey', 'encryptionKey', 'fieldKeys', 'sessionSecret']);
      const again = loadConfig({ SAMEN_DATA_DIR: dataDir });
      expect(again.fieldKeys[0]!.key.equals(first.fieldKeys[0]!.key)).toBe(true);
      expect(again.sessionSecret).toBe(first.sessionSecret);
      // From the environment, the first key is the current one.
      const env = loadConfig({
        SAMEN_DATA_DIR: dataDir,
        SAMEN_FIELD_KEYS: `${newFieldKey('new')},${newFieldKey('old')}`,
      });
      expect(env.fieldKeys.map((k) => k.id)).toEqual(['new', 'old']);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('adds a field key to an older secrets.json without changing its other secrets', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'samen-keys-'));
    try {
      const { writeFileSync } = await import('node:fs');
      const older = { sessionSecret: 'x'.repeat(43), encryptionKey: 'cd'.repeat(32) };
      writeFileSync(path.join(dataDir, 'secrets.json'), JSON.stringify(older));
      const config = loadConfig({ SAMEN_DATA_DIR: dataDir });
      expect(config.sessionSecret).toBe(older.sessionSecret);
      expect(config.encryptionKey.toString('hex')).toBe(older.encryptionKey);
      const stored = JSON.parse(readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as Record<
        string,
        string
      >;
      expect(stored).toMatchObject(older);
      expect(stored.fieldKeys).toMatch(/^k1:[0-9a-f]{64}$/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
