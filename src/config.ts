// Environment -> typed configuration, checked once at boot. Every bad value is reported with its name and the
// reason, all at once, so an operator fixes a deployment in one go.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SECRETS_FILE = 'secrets.json';

interface StoredSecrets {
  sessionSecret: string;
  encryptionKey: string;
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
function loadOrCreateStoredSecrets(dataDir: string): StoredSecrets {
  const file = path.join(dataDir, SECRETS_FILE);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: StoredSecrets = {
    sessionSecret: randomBytes(32).toString('base64url'),
    encryptionKey: randomBytes(32).toString('hex'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
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

  if (problems.length > 0) throw new ConfigError(problems);

  if (!sessionSecret || !encryptionKey) {
    const stored = loadOrCreateStoredSecrets(dataDir);
    sessionSecret ??= stored.sessionSecret;
    encryptionKey ??= parseKey(stored.encryptionKey);
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
  };
}
