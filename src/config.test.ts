import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const HEX_KEY = 'ab'.repeat(32);
const SECRET = 's'.repeat(32);

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'samen-config-'));
});
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig({ SAMEN_DATA_DIR: dataDir, ...env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has defaults for a newcomer: port 3000, embedded database in ./data, development', () => {
    const config = loadConfig({ SAMEN_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: undefined,
      logLevel: 'info',
      publicOrigin: 'http://localhost:3000',
      secureCookies: false,
    });
    // Secrets given, so nothing is written to ./data.
    const defaults = loadConfig({
      SESSION_SECRET: SECRET,
      ENCRYPTION_KEY: HEX_KEY,
      SAMEN_FIELD_KEYS: `k1:${HEX_KEY}`,
      SAMEN_AUDIT_KEY: HEX_KEY,
    });
    expect(defaults.dataDir).toBe(path.resolve('data'));
  });

  it('reads every setting from the environment', () => {
    const config = loadConfig(
      {
        SAMEN_DATA_DIR: dataDir,
        PORT: '8080',
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://samen@db.internal:5432/samen',
        SESSION_SECRET: SECRET,
        ENCRYPTION_KEY: HEX_KEY,
        SAMEN_FIELD_KEYS: `k1:${HEX_KEY}`,
        SAMEN_AUDIT_KEY: HEX_KEY,
        LOG_LEVEL: 'warn',
        PUBLIC_ORIGIN: 'https://samen.example.nl/some/path',
        SAMEN_SECURITY_CONTACT: 'mailto:security@samen.example.nl',
        SAMEN_SECURITY_TXT_EXPIRES: '2027-06-30',
      },
      new Date('2026-11-28T10:00:00Z'),
    );
    expect(config).toMatchObject({
      nodeEnv: 'production',
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://samen@db.internal:5432/samen',
      sessionSecret: SECRET,
      logLevel: 'warn',
      publicOrigin: 'https://samen.example.nl',
      secureCookies: true,
    });
    expect(config.encryptionKey.equals(Buffer.from(HEX_KEY, 'hex'))).toBe(true);
  });

  it('accepts the encryption key as base64 too', () => {
    const key = Buffer.alloc(32, 9);
    const config = loadConfig({
      SAMEN_DATA_DIR: dataDir,
      SESSION_SECRET: SECRET,
      ENCRYPTION_KEY: key.toString('base64'),
    });
    expect(config.encryptionKey.equals(key)).toBe(true);
  });

  it('is silent by default in tests', () => {
    expect(loadConfig({ SAMEN_DATA_DIR: dataDir, NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it.each([
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '3000.5' }],
    ['NODE_ENV', { NODE_ENV: 'staging' }],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://localhost/samen' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['PUBLIC_ORIGIN', { PUBLIC_ORIGIN: 'samen.example.nl' }],
    ['ENCRYPTION_KEY', { ENCRYPTION_KEY: 'too-short' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
  ])('reports a bad %s by name', (name, env) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('reports every problem at once, in one readable message', () => {
    let error: unknown;
    try {
      loadConfig({
        SAMEN_DATA_DIR: dataDir,
        PORT: '-1',
        NODE_ENV: 'prod',
        LOG_LEVEL: 'chatty',
        DATABASE_URL: 'x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems, message } = error as ConfigError;
    for (const name of ['PORT', 'NODE_ENV', 'LOG_LEVEL', 'DATABASE_URL']) {
      expect(
        problems.some((p) => p.includes(name)),
        name,
      ).toBe(true);
      expect(message).toContain(name);
    }
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
  });

  it('does not echo a bad secret back in the message', () => {
    const problems = problemsOf({ SESSION_SECRET: 'hunter2', ENCRYPTION_KEY: 'my-secret-key' });
    expect(problems.join('\n')).not.toMatch(/hunter2|my-secret-key/);
  });

  it('requires both secrets in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.some((p) => p.includes('SESSION_SECRET'))).toBe(true);
    expect(problems.some((p) => p.includes('ENCRYPTION_KEY'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('requires both secrets with a PostgreSQL server, where app servers must share them', () => {
    const problems = problemsOf({ DATABASE_URL: 'postgres://localhost/samen' });
    expect(problems.some((p) => p.includes('SESSION_SECRET'))).toBe(true);
    expect(problems.some((p) => p.includes('ENCRYPTION_KEY'))).toBe(true);
  });

  it('generates the secrets for the embedded database once, keeps them in the data dir, and reuses them', () => {
    const first = loadConfig({ SAMEN_DATA_DIR: dataDir });
    const file = path.join(dataDir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.encryptionKey).toHaveLength(32);
    expect(readFileSync(file, 'utf8')).toContain(first.sessionSecret);

    const second = loadConfig({ SAMEN_DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(second.encryptionKey.equals(first.encryptionKey)).toBe(true);
  });

  it('prefers secrets from the environment over stored ones', () => {
    loadConfig({ SAMEN_DATA_DIR: dataDir });
    const config = loadConfig({ SAMEN_DATA_DIR: dataDir, SESSION_SECRET: SECRET, ENCRYPTION_KEY: HEX_KEY });
    expect(config.sessionSecret).toBe(SECRET);
    expect(config.encryptionKey.equals(Buffer.from(HEX_KEY, 'hex'))).toBe(true);
  });
});

describe('audit key', () => {
  it('is required in production, named when malformed, and generated into secrets.json otherwise', () => {
    const problemsOfEnv = (env: NodeJS.ProcessEnv) => {
      try {
        // security.txt's expiry is checked against this moment, not the machine's clock.
        loadConfig(env, new Date('2026-11-28T10:00:00Z'));
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      ENCRYPTION_KEY: HEX_KEY,
      SAMEN_FIELD_KEYS: `k1:${HEX_KEY}`,
      SAMEN_SECURITY_CONTACT: 'mailto:security@samen.example.nl',
      SAMEN_SECURITY_TXT_EXPIRES: '2027-06-30',
    };
    expect(problemsOfEnv(production)).toEqual([
      expect.stringMatching(/^SAMEN_AUDIT_KEY is required in production/),
    ]);
    expect(problemsOfEnv({ ...production, SAMEN_AUDIT_KEY: 'short' })).toEqual([
      'SAMEN_AUDIT_KEY must be 32 bytes as 64 hex characters or base64',
    ]);
    expect(
      loadConfig(
        { ...production, SAMEN_AUDIT_KEY: HEX_KEY },
        new Date('2026-11-28T10:00:00Z'),
      ).auditKey.equals(Buffer.from(HEX_KEY, 'hex')),
    ).toBe(true);
    const first = loadConfig({ SAMEN_DATA_DIR: dataDir });
    const second = loadConfig({ SAMEN_DATA_DIR: dataDir });
    expect(first.auditKey).toHaveLength(32);
    expect(second.auditKey.equals(first.auditKey)).toBe(true);
    expect(first.auditCheckpointDir).toBe(path.join(dataDir, 'audit-checkpoints'));
    expect(
      loadConfig({ SAMEN_DATA_DIR: dataDir, SAMEN_CHECKPOINT_DIR: '/srv/worm/samen' }).auditCheckpointDir,
    ).toBe('/srv/worm/samen');
  });
});

describe('referral mechanism settings', () => {
  it('defaults to two working days for triage and five years of retention', () => {
    const config = loadConfig({ SAMEN_DATA_DIR: dataDir });
    expect(config.triageWorkingDays).toBe(2);
    expect(config.retentionYears).toBe(5);
  });

  it('takes other values and names a bad one', () => {
    const config = loadConfig({
      SAMEN_DATA_DIR: dataDir,
      SAMEN_TRIAGE_WORKING_DAYS: '3',
      SAMEN_RETENTION_YEARS: '7',
    });
    expect(config.triageWorkingDays).toBe(3);
    expect(config.retentionYears).toBe(7);
    expect(problemsOf({ SAMEN_TRIAGE_WORKING_DAYS: '0' })[0]).toContain('SAMEN_TRIAGE_WORKING_DAYS');
    expect(problemsOf({ SAMEN_RETENTION_YEARS: 'five' })[0]).toContain('SAMEN_RETENTION_YEARS');
  });
});

describe('data hub budget maximum', () => {
  it('defaults to ε 10 and δ 1e-4, takes others and names a bad one', () => {
    const config = loadConfig({ SAMEN_DATA_DIR: dataDir });
    expect(config.statsMaxEpsilon).toBe(10);
    expect(config.statsMaxDelta).toBe(1e-4);
    const other = loadConfig({
      SAMEN_DATA_DIR: dataDir,
      SAMEN_STATS_MAX_EPSILON: '4',
      SAMEN_STATS_MAX_DELTA: '1e-6',
    });
    expect(other.statsMaxEpsilon).toBe(4);
    expect(other.statsMaxDelta).toBe(1e-6);
    expect(problemsOf({ SAMEN_STATS_MAX_EPSILON: '0' })[0]).toContain('SAMEN_STATS_MAX_EPSILON');
    expect(problemsOf({ SAMEN_STATS_MAX_EPSILON: '1000' })[0]).toContain('SAMEN_STATS_MAX_EPSILON');
    expect(problemsOf({ SAMEN_STATS_MAX_DELTA: '0.5' })[0]).toContain('SAMEN_STATS_MAX_DELTA');
  });
});
