#!/usr/bin/env node
// Checks the project's own API (/api/v1) against the NL GOV API Design Rules with Logius's own Spectral ruleset
// (../shared/standards/nl-api-design-rules/linter.yaml, unchanged). It builds the app in-process on an empty
// in-memory PGlite database, asks it for /api/v1/openapi.json (the document of that one API, with its own
// versioned server URL, exactly as the app serves it) and lints that. Errors fail; warnings are counted.
//
// `node --import tsx scripts/check-api-design-rules.mjs [--print] [--document=PATH]` (run by `npm run lint`). Without ../shared it
// skips with a message, except in CI (CI=true), where it fails. `--print` writes the document to stdout.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as fs from 'node:fs';
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULESET = path.resolve(ROOT, '..', 'shared', 'standards', 'nl-api-design-rules', 'linter.yaml');

/** The configuration the document is checked under: a production-like origin and an API contact. */
const ORIGIN = 'https://samen.example.nl';

/** `--document=/api/openapi.json` lints another document the app serves (for comparison; only /api/v1 must pass). */
const DOCUMENT =
  process.argv.find((a) => a.startsWith('--document='))?.slice('--document='.length) ??
  '/api/v1/openapi.json';

async function apiDocument() {
  const { buildApp } = await import('../src/app.ts');
  const { migrate } = await import('../src/db/migrate.ts');
  const { openPGlite, wrapPGlite } = await import('../src/db/connect.ts');
  const database = wrapPGlite(await openPGlite(undefined));
  try {
    await migrate(database.db);
    const { app } = await buildApp({
      config: {
        nodeEnv: 'test',
        port: 0,
        host: '127.0.0.1',
        dataDir: path.join(ROOT, '.tmp', 'adr-check'),
        databaseUrl: undefined,
        sessionSecret: 'api-design-rules-check-api-design-rules-check',
        encryptionKey: Buffer.alloc(32, 1),
        logLevel: 'silent',
        publicOrigin: ORIGIN,
        secureCookies: true,
        smtpUrl: undefined,
        mailFrom: 'Samen <noreply@samen.example.nl>',
        fieldKeys: [{ id: 'check', key: Buffer.alloc(32, 2) }],
        auditKey: Buffer.alloc(32, 3),
        apiContact: { name: 'Samen', email: 'api@samen.example.nl', url: `${ORIGIN}/api/docs` },
      },
      database,
      logger: false,
    });
    try {
      await app.ready();
      const res = await app.inject({ url: DOCUMENT });
      if (res.statusCode !== 200) throw new Error(`${DOCUMENT} answered ${res.statusCode}`);
      return res.body;
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

async function lint(document) {
  const { Spectral, Document } = await import('@stoplight/spectral-core');
  const Parsers = await import('@stoplight/spectral-parsers');
  const { bundleAndLoadRuleset } = await import('@stoplight/spectral-ruleset-bundler/with-loader');
  const spectral = new Spectral();
  spectral.setRuleset(await bundleAndLoadRuleset(RULESET, { fs, fetch: globalThis.fetch }));
  return spectral.run(new Document(document, Parsers.Json, DOCUMENT));
}

const SEVERITY = ['error', 'warning', 'info', 'hint'];

async function main() {
  if (!existsSync(RULESET)) {
    const message = `API Design Rules: ${path.relative(ROOT, RULESET)} is absent`;
    if (process.env.CI === 'true') {
      console.error(`${message}: the check cannot be skipped in CI.`);
      return 1;
    }
    console.warn(`${message}: skipping the check of /api/v1 against Logius's ruleset.`);
    return 0;
  }
  const document = await apiDocument();
  if (process.argv.includes('--print')) {
    process.stdout.write(`${JSON.stringify(JSON.parse(document), null, 2)}\n`);
    return 0;
  }
  const results = await lint(document);
  const errors = results.filter((r) => r.severity === 0);
  const warnings = results.filter((r) => r.severity === 1);
  for (const r of results) {
    const where = r.path.join('.');
    console.log(`${SEVERITY[r.severity] ?? r.severity}  ${r.code}  ${where}: ${r.message}`);
  }
  const rulesetHash = createHash('sha256').update(readFileSync(RULESET)).digest('hex').slice(0, 12);
  console.log(
    `API Design Rules (Logius linter.yaml sha256 ${rulesetHash}…) on ${DOCUMENT}: ${errors.length} errors, ${warnings.length} warnings, ${results.length - errors.length - warnings.length} other.`,
  );
  return errors.length === 0 ? 0 : 1;
}

process.exitCode = await main();
