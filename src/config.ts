// Environment -> typed configuration, checked once at boot. Every bad value is reported with its name and the
// reason, all at once, so an operator fixes a deployment in one go.
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { newFieldKey, parseFieldKeys, type FieldKey } from './platform/crypto/fields.js';
import { parsePublisher } from './config-publisher.js';

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
  /** Referral mechanism: clock hours an acute signal may wait for triage (default 4). */
  triageAcuteHours?: number;
  /** Referral mechanism: working days a high-urgency signal may wait for triage (default 1). */
  triageHighWorkingDays?: number;
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
  /**
   * The directory's publisher as its HSDS feed names it on `/api/hsds` (SAMEN_PUBLISHER_NAME, default "Samen") and
   * the licence of the directory's data (SAMEN_DATA_LICENCE, a URL; default CC0 1.0, as Dutch open data).
   */
  publisherName?: string;
  dataLicence?: string;
  /**
   * TRUST_PROXY: which proxies in front may name the client (X-Forwarded-For): a hop count or addresses/CIDRs.
   * Absent: none, the client is the socket's peer.
   */
  trustProxy?: number | string[];
  /** SAMEN_API_RATE_LIMIT: API requests per minute per client (default 600). */
  apiRateLimit?: number;
  /** SAMEN_ADDRESS_RETENTION_DAYS: days the client address of a sign-in is kept (default 30). */
  addressRetentionDays?: number;
  /** SAMEN_DRAIN_SECONDS: how long SIGTERM waits for requests in flight before closing them (default 10). */
  drainSeconds?: number;
  /** `/.well-known/security.txt` (RFC 9116); absent: that path answers 404 (src/platform/http/security-txt.ts). */
  securityTxt?: SecurityTxtConfig;
  /** The contact for accessibility complaints shown on /toegankelijkheid (a mailto: or https: URL). */
  accessibilityContact?: string;
  /**
   * SAMEN_API_CONTACT_*: `info.contact` of the API's OpenAPI document (the API Design Rules want name, e-mail and
   * URL). Absent: the name "Samen" and the API documentation's URL, and no e-mail (never an invented address).
   */
  apiContact?: ApiContact;
}

export interface ApiContact {
  name: string;
  email?: string;
  url: string;
}

export interface SecurityTxtConfig {
  /** mailto: and https: URIs, in order of preference. */
  contacts: string[];
  expires: Date;
  /** BCP 47 tags, e.g. ['nl', 'en']. */
  languages: string[];
  /** Where the disclosure policy is; absent: the platform serves the repository's SECURITY.md. */
  policyUrl?: string;
  /** An armored OpenPGP private key (not passphrase-protected): the file is then a cleartext-signed message. */
  keyFile?: string;
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

/** An IPv4 or IPv6 address, optionally with a /prefix. */
function isAddressOrCidr(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const version = address ? isIP(address) : 0;
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 6 ? 128 : 32);
}

/**
 * TRUST_PROXY: empty or absent trusts no proxy; a whole number trusts that many hops in front; otherwise a comma
 * separated list of proxy addresses or CIDRs (e.g. `10.0.0.0/8,127.0.0.1`). `true` (trust every hop, so any
 * client could name itself in X-Forwarded-For) is refused.
 */
function parseTrustProxy(value: string | undefined, problems: string[]): number | string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops < 1 || hops > 10) problems.push(`TRUST_PROXY as a hop count must be from 1 to 10 (got "${v}")`);
    return hops >= 1 && hops <= 10 ? hops : undefined;
  }
  const list = v.split(',').map((s) => s.trim());
  const bad = list.filter((entry) => !isAddressOrCidr(entry));
  if (bad.length > 0) {
    problems.push(
      `TRUST_PROXY must be a hop count (1–10) or proxy addresses/CIDRs separated by commas, e.g. 10.0.0.0/8 (not understood: ${bad.map((b) => `"${b}"`).join(', ')})`,
    );
    return undefined;
  }
  return list;
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
  // Keys: readable by the owner only, also when an older version or a copy left the file open to others.
  if (existsSync(file)) chmodSync(file, 0o600);
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
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return stored as StoredSecrets;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*$/;
const YEAR_MS = 366 * 24 * 60 * 60 * 1000;

/** An ISO 8601 date (`2027-06-30`, midnight UTC) or date and time with a zone; a day that does not exist is refused. */
export function parseIsoDate(value: string): Date | undefined {
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const date = new Date(match[0].length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date accepts 2027-02-30 and rolls it over to March: check the calendar day exists.
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (day.getUTCMonth() !== Number(match[2]) - 1 || day.getUTCDate() !== Number(match[3])) return undefined;
  return date;
}

/**
 * SAMEN_SECURITY_*: the security.txt fields. Without a contact and an expiry there is no security.txt (never an
 * invented contact); in production both are required. The expiry must lie ahead, by at most a year (RFC 9116
 * advises less than a year), so a deployment restarted after it lapses refuses to start until it is renewed.
 */
function parseSecurityTxt(
  env: NodeJS.ProcessEnv,
  nodeEnv: NodeEnv,
  now: Date,
  problems: string[],
): SecurityTxtConfig | undefined {
  const contactRaw = env.SAMEN_SECURITY_CONTACT?.trim() ?? '';
  const expiresRaw = env.SAMEN_SECURITY_TXT_EXPIRES?.trim() ?? '';
  const before = problems.length;
  if (contactRaw === '' && expiresRaw === '') {
    if (nodeEnv === 'production') {
      problems.push(
        'SAMEN_SECURITY_CONTACT is required in production (one or more mailto: or https: URIs, comma-separated)',
        'SAMEN_SECURITY_TXT_EXPIRES is required in production (an ISO date at most a year ahead, e.g. 2027-06-30)',
      );
    }
    for (const name of [
      'SAMEN_SECURITY_TXT_LANGUAGES',
      'SAMEN_SECURITY_POLICY_URL',
      'SAMEN_SECURITY_TXT_KEY_FILE',
    ]) {
      if (env[name]) problems.push(`${name} needs SAMEN_SECURITY_CONTACT and SAMEN_SECURITY_TXT_EXPIRES`);
    }
    return undefined;
  }

  const contacts = contactRaw
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (contacts.length === 0) {
    problems.push(
      'SAMEN_SECURITY_CONTACT is required with SAMEN_SECURITY_TXT_EXPIRES (e.g. mailto:security@example.nl)',
    );
  }
  for (const [i, contact] of contacts.entries()) {
    let url: URL | undefined;
    try {
      url = new URL(contact);
    } catch {
      url = undefined;
    }
    const ok =
      url !== undefined &&
      !/\s/.test(contact) &&
      ((url.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(url.pathname)) ||
        (url.protocol === 'https:' && url.hostname !== ''));
    if (!ok) {
      problems.push(
        `SAMEN_SECURITY_CONTACT entry ${i + 1} must be a mailto: address or an https: URL (e.g. mailto:security@example.nl)`,
      );
    }
  }

  let expires: Date | undefined;
  if (expiresRaw === '') {
    problems.push(
      'SAMEN_SECURITY_TXT_EXPIRES is required with SAMEN_SECURITY_CONTACT (an ISO date, e.g. 2027-06-30)',
    );
  } else {
    expires = parseIsoDate(expiresRaw);
    if (!expires) {
      problems.push(
        `SAMEN_SECURITY_TXT_EXPIRES must be an ISO date such as 2027-06-30 (got "${expiresRaw}")`,
      );
    } else if (expires.getTime() <= now.getTime()) {
      problems.push(
        `SAMEN_SECURITY_TXT_EXPIRES has passed (${expiresRaw}): set a new date at most a year ahead`,
      );
    } else if (expires.getTime() - now.getTime() > YEAR_MS) {
      problems.push(
        `SAMEN_SECURITY_TXT_EXPIRES is more than a year ahead (${expiresRaw}); RFC 9116 advises less`,
      );
    }
  }

  const languages = (env.SAMEN_SECURITY_TXT_LANGUAGES || 'nl, en')
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (languages.length === 0 || !languages.every((l) => LANGUAGE_TAG.test(l))) {
    problems.push('SAMEN_SECURITY_TXT_LANGUAGES must be language tags separated by commas (e.g. nl, en)');
  }

  let policyUrl: string | undefined;
  if (env.SAMEN_SECURITY_POLICY_URL) {
    try {
      const url = new URL(env.SAMEN_SECURITY_POLICY_URL);
      if (url.protocol !== 'https:') throw new Error('not https');
      policyUrl = url.href;
    } catch {
      problems.push('SAMEN_SECURITY_POLICY_URL must be an https: URL');
    }
  }

  let keyFile: string | undefined;
  if (env.SAMEN_SECURITY_TXT_KEY_FILE) {
    keyFile = path.resolve(env.SAMEN_SECURITY_TXT_KEY_FILE);
    let text = '';
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch {
      problems.push(`SAMEN_SECURITY_TXT_KEY_FILE cannot be read (${keyFile})`);
    }
    if (text !== '' && !text.includes('-----BEGIN PGP PRIVATE KEY BLOCK-----')) {
      problems.push('SAMEN_SECURITY_TXT_KEY_FILE must hold an armored OpenPGP private key');
    }
  }

  if (problems.length > before || !expires) return undefined;
  return {
    contacts,
    expires,
    languages,
    ...(policyUrl ? { policyUrl } : {}),
    ...(keyFile ? { keyFile } : {}),
  };
}

/** SAMEN_API_CONTACT_NAME, _EMAIL, _URL: the API's contact; undefined when none is set. */
function parseApiContact(env: NodeJS.ProcessEnv, problems: string[]): ApiContact | undefined {
  const name = env.SAMEN_API_CONTACT_NAME?.trim() ?? '';
  const email = env.SAMEN_API_CONTACT_EMAIL?.trim() ?? '';
  const url = env.SAMEN_API_CONTACT_URL?.trim() ?? '';
  if (name === '' && email === '' && url === '') return undefined;
  if (email !== '' && !/^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/.test(email)) {
    problems.push('SAMEN_API_CONTACT_EMAIL must be an e-mail address (e.g. api@example.nl)');
  }
  if (url !== '') {
    try {
      if (new URL(url).protocol !== 'https:') throw new Error('not https');
    } catch {
      problems.push('SAMEN_API_CONTACT_URL must be an https: URL (e.g. https://example.nl/api)');
    }
  }
  return {
    name: name || 'Samen',
    ...(email ? { email } : {}),
    url: url || '',
  };
}

/** `now` is when the configuration is checked (the security.txt expiry must lie ahead of it). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): Config {
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

  // Loopback unless asked: a start on a laptop is not reachable from the network (and the demo accounts, whose
  // secrets are published, exist only on loopback: src/cli/serve.ts). Behind a proxy or in a container set HOST.
  const host = env.HOST || '127.0.0.1';
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

  const { directoryEmail, publisherName, dataLicence } = parsePublisher(env, problems);

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
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const apiRateLimit = wholeNumber('SAMEN_API_RATE_LIMIT', 1, 1_000_000, 600);
  const addressRetentionDays = wholeNumber('SAMEN_ADDRESS_RETENTION_DAYS', 1, 3650, 30);
  const drainSeconds = wholeNumber('SAMEN_DRAIN_SECONDS', 0, 3600, 10);
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
  const triageAcuteHours = wholeNumber('SAMEN_TRIAGE_ACUTE_HOURS', 1, 48, 4);
  const triageHighWorkingDays = wholeNumber('SAMEN_TRIAGE_HIGH_WORKING_DAYS', 1, 20, 1);
  if (triageHighWorkingDays > triageWorkingDays)
    problems.push(
      `SAMEN_TRIAGE_HIGH_WORKING_DAYS (${triageHighWorkingDays}) must not be longer than SAMEN_TRIAGE_WORKING_DAYS (${triageWorkingDays}): a more urgent signal never waits longer`,
    );

  const securityTxt = parseSecurityTxt(env, nodeEnv, now, problems);
  const apiContact = parseApiContact(env, problems);
  let accessibilityContact: string | undefined;
  if (env.SAMEN_ACCESSIBILITY_CONTACT) {
    const value = env.SAMEN_ACCESSIBILITY_CONTACT.trim();
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (
      url &&
      !/\s/.test(value) &&
      ((url.protocol === 'mailto:' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(url.pathname)) ||
        (url.protocol === 'https:' && url.hostname !== ''))
    ) {
      accessibilityContact = value;
    } else {
      problems.push(
        'SAMEN_ACCESSIBILITY_CONTACT must be a mailto: address or an https: URL (e.g. mailto:toegankelijkheid@example.nl)',
      );
    }
  }

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
    triageAcuteHours,
    triageHighWorkingDays,
    retentionYears,
    statsMaxEpsilon,
    statsMaxDelta,
    statsAuditSeconds,
    ...(directoryEmail ? { directoryEmail } : {}),
    ...(publisherName ? { publisherName } : {}),
    ...(dataLicence ? { dataLicence } : {}),
    ...(trustProxy !== undefined ? { trustProxy } : {}),
    apiRateLimit,
    addressRetentionDays,
    drainSeconds,
    ...(securityTxt ? { securityTxt } : {}),
    ...(accessibilityContact ? { accessibilityContact } : {}),
    ...(apiContact ? { apiContact } : {}),
  };
}
