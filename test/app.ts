// Builds the real app on a fresh test database with a fixed configuration and a controllable clock.
// CSRF, rate limits and second factors stay on: tests go through them, as users do.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp } from '../src/app.js';
import type { Config } from '../src/config.js';
import type { Services } from '../src/services.js';
import type { MailTransport } from '../src/platform/mail/index.js';

// For the platform's tests, which run on the real app but may not import the wiring from src/ (the platform imports
// no module, its tests included: see .dependency-cruiser.cjs).
export { buildApp, createApp } from '../src/app.js';
export { createServices } from '../src/services.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    nodeEnv: 'test',
    port: 0,
    host: '127.0.0.1',
    dataDir: '.tmp/test-data',
    databaseUrl: undefined,
    sessionSecret: 'test-session-secret-test-session-secret',
    encryptionKey: Buffer.alloc(32, 7),
    logLevel: 'silent',
    publicOrigin: 'http://localhost:3000',
    secureCookies: false,
    smtpUrl: undefined,
    mailFrom: 'Samen <noreply@localhost>',
    fieldKeys: [{ id: 'test1', key: Buffer.alloc(32, 9) }],
    auditKey: Buffer.alloc(32, 5),
    ...overrides,
  };
}

/** A clock tests can move: `clock.set('2026-01-01T00:00:00Z')`, `clock.advance(60_000)`. */
export class TestClock {
  private now: number;
  constructor(start: string | number = '2026-11-28T10:00:00Z') {
    this.now = typeof start === 'number' ? start : Date.parse(start);
    TestClock.owners.set(this.read, this);
  }
  readonly read = () => new Date(this.now);
  /** The TestClock a `read` function belongs to (a test may pass `clock.read` where it could pass `clock`). */
  static readonly owners = new WeakMap<() => Date, TestClock>();
  set(when: string) {
    this.now = Date.parse(when);
  }
  advance(ms: number) {
    this.now += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  clock: TestClock;
}

export async function createTestApp(
  options: { clock?: TestClock; config?: Partial<Config>; mailTransport?: MailTransport | null } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const clock = options.clock ?? new TestClock();
  const { app, services } = await buildApp({
    config: testConfig(options.config),
    database,
    clock: clock.read,
    logger: false,
    ...(options.mailTransport !== undefined ? { mailTransport: options.mailTransport } : {}),
  });
  await app.ready();
  return { app, services, database, clock };
}

/** One app per test file, closed afterwards. */
export function useTestApp(
  options: { clock?: TestClock; config?: Partial<Config>; mailTransport?: MailTransport | null } = {},
): TestApp {
  const state: Partial<TestApp> = {};
  beforeAll(async () => {
    Object.assign(state, await createTestApp(options));
  });
  afterAll(async () => {
    await state.app?.close();
    await state.database?.destroy();
  });
  return new Proxy(state as TestApp, {
    get(target, key: keyof TestApp) {
      if (!target[key]) throw new Error('test app not ready (use inside a test or hook)');
      return target[key];
    },
  });
}
