// Test databases: each test file gets a fresh, migrated database of the engine its project runs on
// (SAMEN_TEST_ENGINE): a PGlite instance loaded from the migrated template, or a new PostgreSQL database
// created from the template database.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  connectPostgres,
  openPGlite,
  wrapPGlite,
  type DatabaseHandle,
  type Engine,
} from '../src/db/connect.js';

export const TEMPLATE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.tmp', 'test-db');

export function testEngine(): Engine {
  return process.env.SAMEN_TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';
}

/** Template database name; unique per run so parallel runs on one server do not collide. */
export function postgresTemplateName(): string {
  return `samen_tpl_${process.env.SAMEN_TEST_RUN_ID ?? (process.env.SAMEN_TEST_RUN_ID = randomBytes(4).toString('hex'))}`;
}

/**
 * The PostgreSQL server for the database tier. Absent: the tier skips with a message, except in CI, where a
 * tier that would skip must fail.
 */
export function requirePostgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (process.env.CI === 'true') {
    throw new Error('TEST_DATABASE_URL is not set: the PostgreSQL database tier cannot be skipped in CI.');
  }
  console.warn('TEST_DATABASE_URL is not set: skipping the PostgreSQL run of the database tests.');
  return undefined;
}

export function postgresAvailable(): boolean {
  return testEngine() === 'pglite' || Boolean(process.env.TEST_DATABASE_URL);
}

export interface TestDatabase extends DatabaseHandle {
  /** Closes and removes the database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const dump = readFileSync(path.join(TEMPLATE_DIR, 'pglite-template.tar'));
    const pglite = await openPGlite(undefined, new Blob([dump]));
    const handle = wrapPGlite(pglite);
    return { ...handle, destroy: () => handle.close() };
  }
  return createPostgresDatabase(postgresTemplateName());
}

/** A fresh database with nothing in it (for migration tests). */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const handle = wrapPGlite(await openPGlite(undefined));
    return { ...handle, destroy: () => handle.close() };
  }
  return createPostgresDatabase(undefined);
}

async function createPostgresDatabase(template: string | undefined): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL database tier');
  const name = `samen_t_${randomBytes(6).toString('hex')}`;
  const admin = connectPostgres(url, { max: 1 });
  await admin.execScript(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.close();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const handle = connectPostgres(target.toString(), { max: 4 });
  return {
    ...handle,
    async destroy() {
      await handle.close();
      const cleanup = connectPostgres(url, { max: 1 });
      await cleanup.execScript(`drop database if exists ${name} with (force)`);
      await cleanup.close();
    },
  };
}
