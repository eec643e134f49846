#!/usr/bin/env node
// The `samen` command. TypeScript sources run through tsx's loader, so a fresh checkout needs no build step.
//
// Every module loaded after the loader is registered passes through it, which costs far more than loading the
// module. The largest dependencies are plain JavaScript in many ESM files (TypeBox and Kysely alone are over 450),
// so Node loads them first, straight; the app's imports then find them loaded. This takes seconds off every
// start. A package that fails here is loaded (and fails) through the loader as before.
import { register } from 'tsx/esm/api';

const PRELOAD = ['@sinclair/typebox', 'kysely', '@electric-sql/pglite', 'csv-parse', 'csv-stringify'];

await Promise.all(PRELOAD.map((name) => import(name).catch(() => undefined)));
register();
await import('../src/main.ts');
