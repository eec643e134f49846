// Prepares one migrated template per engine, once per test run, so that each test file can get a fresh,
// migrated database in about a second instead of running initdb and every migration again.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connectPostgres, openPGlite, wrapPGlite } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { TEMPLATE_DIR, postgresTemplateName, requirePostgresUrl } from './db.js';

export default async function setup(project: TestProject) {
  const engine = project.config.env?.SAMEN_TEST_ENGINE ?? 'pglite';
  if (engine === 'pglite') {
    mkdirSync(TEMPLATE_DIR, { recursive: true });
    const pglite = await openPGlite(undefined);
    await migrate(wrapPGlite(pglite).db);
    const dump = await pglite.dumpDataDir('none');
    writeFileSync(path.join(TEMPLATE_DIR, 'pglite-template.tar'), Buffer.from(await dump.arrayBuffer()));
    await pglite.close();
    return;
  }
  const url = requirePostgresUrl();
  if (!url) return;
  const admin = connectPostgres(url, { max: 1 });
  const template = postgresTemplateName();
  await admin.execScript(`drop database if exists ${template}`);
  await admin.execScript(`create database ${template}`);
  await admin.close();
  const target = new URL(url);
  target.pathname = `/${template}`;
  const handle = connectPostgres(target.toString(), { max: 1 });
  await migrate(handle.db);
  await handle.close();
  return async () => {
    const cleanup = connectPostgres(url, { max: 1 });
    await cleanup.execScript(`drop database if exists ${template} with (force)`);
    await cleanup.close();
  };
}
