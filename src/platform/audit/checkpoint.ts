// Signed checkpoints of the audit trail, kept outside the database: the id and hash of the last entry, signed with
// an Ed25519 key derived from the audit key (SAMEN_AUDIT_KEY). The `audit.checkpoint` job verifies the whole chain
// against the latest checkpoint, then writes a new one as a file under SAMEN_CHECKPOINT_DIR and mails it to
// the privacy officers (ids and hashes only, no personal data). `samen audit verify` checks the chain against the
// latest checkpoint: a chain re-hashed after a change no longer has the checkpoint's hash at the checkpoint's
// entry, and a cut-off tail ends before it. The public key is in every checkpoint, so anyone can check a copy's
// signature without the secret; `samen audit verify` only accepts checkpoints signed with the configured key.
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign,
  verify as verifySignature,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Log } from '../log.js';
import type { MailService } from '../mail/index.js';
import { privacyOfficerAddresses, type Root } from './repository.js';
import type { AuditService, VerifyResult } from './service.js';

export const CHECKPOINT_FORMAT = 'samen-audit-checkpoint/1';
const FILE = /^audit-checkpoint-(\d{12})\.json$/;

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  /** The last entry of the chain when the checkpoint was made. */
  id: number;
  hash: string;
  /** Entries verified (the whole chain). */
  entries: number;
  /** ISO time the checkpoint was made. */
  madeAt: string;
  /** Ed25519 public key (base64 of the raw 32 bytes). */
  publicKey: string;
  /** Ed25519 signature (base64) of the canonical text of the fields above. */
  signature: string;
}

type Unsigned = Omit<Checkpoint, 'signature'>;

function signedText(c: Unsigned): string {
  return JSON.stringify([c.format, c.id, c.hash, c.entries, c.madeAt, c.publicKey]);
}

// PKCS#8 DER of an Ed25519 private key is this prefix followed by the 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The checkpoint signing key pair, derived from the audit key (so there is one secret to keep). */
export function checkpointKeys(auditKey: Buffer): { privateKey: KeyObject; publicKey: string } {
  const seed = createHmac('sha256', auditKey).update('samen audit checkpoint signing key').digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, publicKey: Buffer.from(jwk.x!, 'base64url').toString('base64') };
}

export function signCheckpoint(auditKey: Buffer, c: Omit<Unsigned, 'format' | 'publicKey'>): Checkpoint {
  const { privateKey, publicKey } = checkpointKeys(auditKey);
  const unsigned: Unsigned = { format: CHECKPOINT_FORMAT, ...c, publicKey };
  const signature = sign(null, Buffer.from(signedText(unsigned)), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** Why a checkpoint cannot be trusted, or undefined when it is signed with the configured audit key. */
export function checkpointProblem(auditKey: Buffer, c: Checkpoint): string | undefined {
  const { publicKey } = checkpointKeys(auditKey);
  if (c.publicKey !== publicKey) return 'it is signed with another key than SAMEN_AUDIT_KEY';
  const publicKeyObject = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey, 'base64').toString('base64url') },
    format: 'jwk',
  });
  const { signature, ...unsigned } = c;
  const ok = verifySignature(
    null,
    Buffer.from(signedText(unsigned)),
    publicKeyObject,
    Buffer.from(signature, 'base64'),
  );
  return ok ? undefined : 'its signature does not match its contents: the checkpoint was altered';
}

/** Parses a checkpoint file's text; a string says what is wrong. */
export function parseCheckpoint(text: string): Checkpoint | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'it is not JSON';
  }
  const c = value as Partial<Checkpoint>;
  if (
    c.format !== CHECKPOINT_FORMAT ||
    !Number.isSafeInteger(c.id) ||
    typeof c.hash !== 'string' ||
    !Number.isSafeInteger(c.entries) ||
    typeof c.madeAt !== 'string' ||
    typeof c.publicKey !== 'string' ||
    typeof c.signature !== 'string'
  )
    return `it is not a ${CHECKPOINT_FORMAT} checkpoint`;
  return c as Checkpoint;
}

export const checkpointFileName = (id: number) => `audit-checkpoint-${String(id).padStart(12, '0')}.json`;

/** The checkpoint file with the highest entry id in `dir`, if any. */
export function latestCheckpointFile(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return undefined;
  }
  const latest = names.filter((n) => FILE.test(n)).sort();
  return latest.length ? path.join(dir, latest[latest.length - 1]!) : undefined;
}

export type CheckpointRun =
  | { status: 'written'; id: number; entries: number; file: string; mailedTo: number }
  | { status: 'unchanged'; id: number }
  | { status: 'empty' }
  | { status: 'broken'; result: VerifyResult; mailedTo: number };

export interface AuditCheckpointDeps {
  db: Root;
  clock: () => Date;
  audit: AuditService;
  mail: Pick<MailService, 'enqueue'>;
  config: { auditKey: Buffer; auditCheckpointDir?: string; dataDir: string; publicOrigin: string };
  log: Log;
}

export function createAuditCheckpoints(deps: AuditCheckpointDeps) {
  const dir = deps.config.auditCheckpointDir ?? path.join(deps.config.dataDir, 'audit-checkpoints');
  const key = deps.config.auditKey;

  /** The latest checkpoint in the directory, checked; `problem` when it cannot be trusted. */
  function latest(): { file: string; checkpoint?: Checkpoint; problem?: string } | undefined {
    const file = latestCheckpointFile(dir);
    if (!file) return undefined;
    return read(file);
  }

  function read(file: string): { file: string; checkpoint?: Checkpoint; problem?: string } {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return { file, problem: `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
    }
    const parsed = parseCheckpoint(text);
    if (typeof parsed === 'string') return { file, problem: parsed };
    const problem = checkpointProblem(key, parsed);
    return problem ? { file, checkpoint: parsed, problem } : { file, checkpoint: parsed };
  }

  return {
    directory: dir,
    latest,
    read,

    /**
     * The scheduled job: verifies the whole chain against the latest checkpoint; when intact and grown, writes
     * and mails a new checkpoint; when broken (or the latest checkpoint is not ours), writes none and mails the
     * privacy officers an alarm instead.
     */
    async run(): Promise<CheckpointRun> {
      const previous = latest();
      const anchor = previous?.checkpoint && !previous.problem ? previous.checkpoint : undefined;
      const result = await deps.audit.verify(anchor ? { anchor } : {});
      const to = await privacyOfficerAddresses(deps.db);
      if (result.broken || previous?.problem) {
        const what = result.broken
          ? `entry ${result.broken.id} (${result.broken.reason})`
          : `checkpoint ${path.basename(previous!.file)}: ${previous!.problem}`;
        if (to.length)
          await deps.mail.enqueue({
            to,
            subject: 'Samen: audittrail klopt niet / audit trail does not verify',
            text:
              `De audittrail van Samen is niet intact: ${what}. Er is geen nieuw controlepunt gemaakt. Voer 'samen audit verify' uit.\n\n` +
              `The audit trail of Samen does not verify: ${what}. No new checkpoint was made. Run 'samen audit verify'.\n\n` +
              `${deps.config.publicOrigin}/nvm/privacy\n`,
          });
        deps.log.error(
          { reason: result.broken?.reason ?? 'checkpoint' },
          'audit trail does not verify: no checkpoint written',
        );
        return { status: 'broken', result, mailedTo: to.length };
      }
      if (!result.lastGood) return { status: 'empty' };
      if (anchor && anchor.id === result.lastGood.id) return { status: 'unchanged', id: anchor.id };
      const checkpoint = signCheckpoint(key, {
        id: result.lastGood.id,
        hash: result.lastGood.hash,
        entries: result.checked,
        madeAt: deps.clock().toISOString(),
      });
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, checkpointFileName(checkpoint.id));
      const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, file);
      if (to.length)
        await deps.mail.enqueue({
          to,
          subject: `Samen: controlepunt audittrail / audit trail checkpoint ${checkpoint.id}`,
          text:
            `Bewaar dit ondertekende controlepunt buiten Samen. 'samen audit verify --checkpoint <bestand>' controleert de audittrail ertegen.\n` +
            `Keep this signed checkpoint outside Samen. 'samen audit verify --checkpoint <file>' checks the audit trail against it.\n\n` +
            text,
        });
      return { status: 'written', id: checkpoint.id, entries: checkpoint.entries, file, mailedTo: to.length };
    },
  };
}

export type AuditCheckpoints = ReturnType<typeof createAuditCheckpoints>;
