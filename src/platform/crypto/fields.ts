// Application-level field encryption with rotatable keys. A value is encrypted with the current key
// (AES-256-GCM, a random 96-bit IV, the caller's context as additional authenticated data) into a self-describing
// string `f1:<keyId>:<iv>:<ciphertext+tag>` (base64url), so any key of the ring decrypts it later and a value
// moved to another row or column (another context) does not decrypt. Keys: SAMEN_FIELD_KEYS (see keyring below).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface FieldKey {
  /** Short name kept in each value: letters, digits, `_` and `-`. */
  id: string;
  /** 32 bytes. */
  key: Buffer;
}

const VERSION = 'f1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class FieldDecryptionError extends Error {
  constructor(readonly reason: 'format' | 'unknown-key' | 'authentication') {
    super(
      reason === 'format'
        ? 'not an encrypted field value'
        : reason === 'unknown-key'
          ? 'the value was encrypted with a key that is not in the key ring'
          : 'the value does not authenticate (tampered, or another context or key)',
    );
    this.name = 'FieldDecryptionError';
  }
}

/**
 * SAMEN_FIELD_KEYS: comma-separated `<keyId>:<64 hex>`; the first is the current key (new values), the others
 * only decrypt. Returns the keys or a problem that names the variable and never echoes a key.
 */
export function parseFieldKeys(value: string): { keys: FieldKey[] } | { problem: string } {
  const keys: FieldKey[] = [];
  const parts = value.split(',').map((p) => p.trim());
  for (const [i, part] of parts.entries()) {
    const colon = part.indexOf(':');
    const id = colon === -1 ? '' : part.slice(0, colon);
    const hex = colon === -1 ? part : part.slice(colon + 1);
    if (!KEY_ID.test(id))
      return {
        problem: `SAMEN_FIELD_KEYS entry ${i + 1}: expected <keyId>:<64 hex characters>, the key id made of letters, digits, _ or - (at most 32)`,
      };
    if (!/^[0-9a-fA-F]{64}$/.test(hex))
      return { problem: `SAMEN_FIELD_KEYS key "${id}": the key must be 32 bytes as 64 hex characters` };
    if (keys.some((k) => k.id === id))
      return { problem: `SAMEN_FIELD_KEYS: the key id "${id}" appears twice` };
    keys.push({ id, key: Buffer.from(hex, 'hex') });
  }
  return { keys };
}

/** A new key line for SAMEN_FIELD_KEYS (`samen keys new`). */
export function newFieldKey(id: string): string {
  if (!KEY_ID.test(id)) throw new TypeError('key id: letters, digits, _ or - (at most 32)');
  return `${id}:${randomBytes(32).toString('hex')}`;
}

export function formatFieldKeys(keys: FieldKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('hex')}`).join(',');
}

export function createFieldCipher(keys: FieldKey[]) {
  if (keys.length === 0) throw new TypeError('field encryption needs at least one key');
  const ring = new Map(keys.map((k) => [k.id, k.key]));
  const current = keys[0]!;
  const currentPrefix = `${VERSION}:${current.id}:`;

  const aad = (keyId: string, context: string) => Buffer.from(`${VERSION}:${keyId}:${context}`, 'utf8');

  function encryptField(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', current.key, iv);
    cipher.setAAD(aad(current.id, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${currentPrefix}${iv.toString('base64url')}:${body.toString('base64url')}`;
  }

  function decryptField(value: string, context: string): string {
    const parts = value.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new FieldDecryptionError('format');
    const [, keyId, ivText, bodyText] = parts as [string, string, string, string];
    const key = ring.get(keyId);
    if (!key) throw new FieldDecryptionError('unknown-key');
    const iv = Buffer.from(ivText, 'base64url');
    const body = Buffer.from(bodyText, 'base64url');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new FieldDecryptionError('format');
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, context));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    try {
      return Buffer.concat([
        decipher.update(body.subarray(0, body.length - TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('authentication');
    }
  }

  return {
    currentKeyId: current.id,
    encryptField,
    decryptField,
    /** Whether the value is encrypted with the current key (false: rotation re-encrypts it). */
    isCurrent(value: string): boolean {
      return value.startsWith(currentPrefix);
    },
    /** The key id a value names, or undefined when it is not an encrypted value. */
    keyIdOf(value: string): string | undefined {
      const parts = value.split(':');
      return parts.length === 4 && parts[0] === VERSION ? parts[1] : undefined;
    },
  };
}

export type FieldCipher = ReturnType<typeof createFieldCipher>;
