// Environment -> typed configuration, checked once at boot. Every bad value is reported with its name and the
// reason, all at once, so an operator fixes a deployment in one go.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newFieldKey, parseFieldKeys, type FieldKey } from './platform/crypto/fields.js';

export type NodeEnv = 'development' | 'production' | 'test';

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  dataDir: string;
  /** A PostgreSQL server; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  /** Signs session and CSRF tokens. */
  sessionSecret: string;
  /** Encrypts secrets at rest (TOTP keys). 32 bytes, hex or base64. */
  encryptionKey: Buffer;
  logLevel: string;
  /** Public origin, used in absolute links (OpenAPI servers, TOTP issuer). */
  publicOrigin: string;
  /** Cookies get `Secure` when the public origin is https. */
  secureCookies: boolean;
  /** SMTP server for outgoing mail (smtp:// or smtps://, optional user:pass); absent: see src/platform/mail. */
  smtpUrl: string | undefined;
  /** The From of outgoing mail, `Name <address>` or a bare address. */
  mailFrom: string;
  /** Keys for application-level field encryption; the first is current (src/platform/crypto). */
  fieldKeys: FieldKey[];
  /** Keys the audit chain (HMAC) and signs its checkpoints; kept outside the database. 32 bytes. */
  auditKey: Buffer;
  /** Where the `audit.checkpoint` job writes signed checkpoints (default `<dataDir>/audit-checkpoints`). */
  auditCheckpointDir?: string;
  /** Referral mechanism: working days a new signal may wait for triage (default 2). */
  triageWorkingDays?: number;
  /** Referral mechanism: years after closing before a case is anonymised (default 5). */
  retentionYears?: number;
  /** Data hub: the most ε and δ an administrator may set a data set's privacy budget to (default 10, 1e-4). */
  statsMaxEpsilon?: number;
  statsMaxDelta?: number;
  /** Data hub: seconds the suppression audit of a column set may take (default 300). */
  statsAuditSeconds?: number;
  /**
   * The directory team's role address (SAMEN_DIRECTORY_EMAIL), published as HSDS `assurer_email` when a steward
   * verifies a service; a steward's own login address is never published. Absent: no assurer e-mail.
   */
  directoryEmail?: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SECRETS_FILE = 'secrets.json';
const DEFAULT_MAIL_FROM = 'Samen <noreply@localhost>';
// `addr@host` or `Display Name <addr@host>`; no line breaks (header injection) and no stray angle brackets.
const MAIL_FROM = /^(?:[^<>\r\n"]*<[^<>\s@"]+@[^<>\s@"]+>|[^<>\s@"]+@[^<>\s@"]+)$/;

/** SAMEN_SMTP_URL: smtp:// or smtps://, a host, optional user:pass and port. The password never appears in a message. */
function parseSmtpUrl(value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(
      'SAMEN_SMTP_URL is not a valid URL (expected smtp://user:pass@mail.example.nl:587 or smtps://…:465)',
    );
    return undefined;
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    problems.push(`SAMEN_SMTP_URL must start with smtp:// or smtps:// (got "${url.protocol}//…")`);
  } else if (!url.hostname) {
    problems.push('SAMEN_SMTP_URL has no host (expected smtp://mail.example.nl:587)');
  } else if (url.password && !url.username) {
    problems.push('SAMEN_SMTP_URL has a password but no user name (expected smtp://user:pass@host)');
  } else {
    return value;
  }
  return undefined;
}

interface StoredSecrets {
  sessionSecret: string;
  encryptionKey: string;
  /** SAMEN_FIELD_KEYS format; added to older files when first needed. */
  fieldKeys: string;
  /** SAMEN_AUDIT_KEY, hex; added to older files when first needed. */
  auditKey: string;
}

function parseKey(value: string): Buffer | undefined {
  const hex = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : undefined;
  if (hex) return hex;
  const b64 = Buffer.from(value, 'base64');
  return b64.length === 32 ? b64 : undefined;
}

/**
 * Secrets for the embedded default are generated once and kept beside the database, so restarts keep sessions
 * and encrypted TOTP keys valid. In production they must come from the environment.
 */
function loadOrCreateStoredSecrets(dataDir: string, needed: (keyof StoredSecrets)[]): StoredSecrets {
  const file = path.join(dataDir, SECRETS_FILE);
  const stored = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<StoredSecrets>;
  const make: Record<keyof StoredSecrets, () => string> = {
    sessionSecret: () => randomBytes(32).toString('base64url'),
    encryptionKey: () => randomBytes(32).toString('hex'),
    fieldKeys: () => newFieldKey('k1'),
    auditKey: () => randomBytes(32).toString('hex'),
  };
  const missing = needed.filter((name) => !stored[name]);
  if (missing.length > 0) {
    for (const name of missing) stored[name] = make[name]();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return stored as StoredSecrets;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const nodeEnvRaw = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnvRaw)) {
    problems.push(`NODE_ENV must be one of development, production, test (got "${nodeEnvRaw}")`);
  }
  const nodeEnv = (
    ['development', 'production', 'test'].includes(nodeEnvRaw) ? nodeEnvRaw : 'development'
  ) as NodeEnv;

  let port = 3000;
  if (env.PORT !== undefined && env.PORT !== '') {
    port = Number(env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      problems.push(`PORT must be a whole number from 0 to 65535 (got "${env.PORT}")`);
    }
  }

  const host = env.HOST || '0.0.0.0';
  const dataDir = path.resolve(env.SAMEN_DATA_DIR || './data');

  let databaseUrl: string | undefined;
  if (env.DATABASE_URL) {
    try {
      const url = new URL(env.DATABASE_URL);
      if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
        problems.push(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}//…")`);
      } else {
        databaseUrl = env.DATABASE_URL;
      }
    } catch {
      problems.push('DATABASE_URL is not a valid URL (expected postgres://user@host:5432/database)');
    }
  }

  const logLevel = env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info');
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  let publicOrigin = `http://localhost:${port}`;
  if (env.PUBLIC_ORIGIN) {
    try {
      publicOrigin = new URL(env.PUBLIC_ORIGIN).origin;
    } catch {
      problems.push('PUBLIC_ORIGIN is not a valid URL (expected https://samen.example.nl)');
    }
  }

  const production = nodeEnv === 'production' || databaseUrl !== undefined;
  let sessionSecret = env.SESSION_SECRET;
  let encryptionKey: Buffer | undefined;
  if (env.ENCRYPTION_KEY) {
    encryptionKey = parseKey(env.ENCRYPTION_KEY);
    if (!encryptionKey) problems.push('ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64');
  }
  if (sessionSecret !== undefined && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
  }
  if (production) {
    if (!sessionSecret) problems.push('SESSION_SECRET is required in production or with DATABASE_URL');
    if (!env.ENCRYPTION_KEY) problems.push('ENCRYPTION_KEY is required in production or with DATABASE_URL');
  }

  const smtpUrl = parseSmtpUrl(env.SAMEN_SMTP_URL, problems);
  const mailFrom = env.SAMEN_MAIL_FROM || DEFAULT_MAIL_FROM;
  if (!MAIL_FROM.test(mailFrom)) {
    problems.push(
      'SAMEN_MAIL_FROM must be an address or `Name <address>` on one line (e.g. Samen <noreply@samen.example.nl>)',
    );
  }

  const directoryEmail = env.SAMEN_DIRECTORY_EMAIL || undefined;
  if (directoryEmail !== undefined && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(directoryEmail))
    problems.push('SAMEN_DIRECTORY_EMAIL must be an e-mail address (e.g. wegwijzer@organisatie.nl)');

  const wholeNumber = (name: string, min: number, max: number, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const triageWorkingDays = wholeNumber('SAMEN_TRIAGE_WORKING_DAYS', 1, 20, 2);
  const retentionYears = wholeNumber('SAMEN_RETENTION_YEARS', 1, 100, 5);
  const positive = (name: string, max: number, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!(Number.isFinite(value) && value > 0 && value <= max)) {
      problems.push(`${name} must be a number above 0 and at most ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const statsMaxEpsilon = positive('SAMEN_STATS_MAX_EPSILON', 100, 10);
  const statsMaxDelta = positive('SAMEN_STATS_MAX_DELTA', 0.01, 1e-4);
  const statsAuditSeconds = wholeNumber('SAMEN_STATS_AUDIT_SECONDS', 1, 3600, 300);

  let fieldKeys: FieldKey[] | undefined;
  if (env.SAMEN_FIELD_KEYS) {
    const parsed = parseFieldKeys(env.SAMEN_FIELD_KEYS);
    if ('problem' in parsed) problems.push(parsed.problem);
    else fieldKeys = parsed.keys;
  } else if (production) {
    problems.push(
      'SAMEN_FIELD_KEYS is required in production or with DATABASE_URL (e.g. k1:<64 hex characters>)',
    );
  }

  let auditKey: Buffer | undefined;
  if (env.SAMEN_AUDIT_KEY) {
    auditKey = parseKey(env.SAMEN_AUDIT_KEY);
    if (!auditKey) problems.push('SAMEN_AUDIT_KEY must be 32 bytes as 64 hex characters or base64');
  } else if (production) {
    problems.push(
      'SAMEN_AUDIT_KEY is required in production or with DATABASE_URL (32 bytes as 64 hex characters; keep it outside the database)',
    );
  }
  const auditCheckpointDir = path.resolve(
    env.SAMEN_CHECKPOINT_DIR || path.join(dataDir, 'audit-checkpoints'),
  );

  if (problems.length > 0) throw new ConfigError(problems);

  if (!sessionSecret || !encryptionKey || !fieldKeys || !auditKey) {
    const needed: (keyof StoredSecrets)[] = [];
    if (!sessionSecret) needed.push('sessionSecret');
    if (!encryptionKey) needed.push('encryptionKey');
    if (!fieldKeys) needed.push('fieldKeys');
    if (!auditKey) needed.push('auditKey');
    const stored = loadOrCreateStoredSecrets(dataDir, needed);
    sessionSecret ??= stored.sessionSecret;
    encryptionKey ??= parseKey(stored.encryptionKey);
    auditKey ??= parseKey(stored.auditKey);
    if (!fieldKeys) {
      const parsed = parseFieldKeys(stored.fieldKeys);
      if ('problem' in parsed) throw new ConfigError([`${SECRETS_FILE}: ${parsed.problem}`]);
      fieldKeys = parsed.keys;
    }
  }

  return {
    nodeEnv,
    port,
    host,
    dataDir,
    databaseUrl,
    sessionSecret: sessionSecret!,
    encryptionKey: encryptionKey!,
    logLevel,
    publicOrigin,
    secureCookies: publicOrigin.startsWith('https:'),
    smtpUrl,
    mailFrom,
    fieldKeys,
    auditKey: auditKey!,
    auditCheckpointDir,
    triageWorkingDays,
    retentionYears,
    statsMaxEpsilon,
    statsMaxDelta,
    statsAuditSeconds,
    ...(directoryEmail ? { directoryEmail } : {}),
  };
}
