#!/usr/bin/env node
// Builds the JavaScript that `samen` runs: every TypeScript file of src/ and seed/ (tests and test helpers left
// out) transpiled one to one into dist/, beside a copy of every other file there (migrations, message
// catalogues, Markdown pages, assets, sample data), so that code finding its files next to itself
// (import.meta.url) finds them in dist/ too. Transpiling only, file by file: types are checked by
// `npm run typecheck`, not here. The whole build takes about a second, so `npm install`, `npm start` and
// `npm test` run it every time and dist/ never lags behind the sources.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'seed'];
const OUT = path.join(ROOT, 'dist');

const isTest = (file) => /\.test\.ts$/.test(file) || file.split(path.sep).includes('test');

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

const started = process.hrtime.bigint();
const files = SOURCES.flatMap((dir) => filesUnder(path.join(ROOT, dir))).filter(
  (file) => !isTest(path.relative(ROOT, file)),
);
const scripts = files.filter((file) => file.endsWith('.ts'));
const others = files.filter((file) => !file.endsWith('.ts'));

// Build beside the old output and swap, so a server started from dist/ meanwhile never sees half a build.
const next = `${OUT}.${process.pid}.tmp`;
rmSync(next, { recursive: true, force: true });
try {
  await build({
    entryPoints: scripts,
    outdir: next,
    outbase: ROOT,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    logLevel: 'warning',
  });
  for (const file of others) {
    const target = path.join(next, path.relative(ROOT, file));
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
} catch (error) {
  // A failed build leaves the last good dist/ in place, and says so.
  rmSync(next, { recursive: true, force: true });
  console.error(
    `samen: the build failed; dist/ is unchanged\n${error instanceof Error ? error.message : error}`,
  );
  process.exit(1);
}
const old = `${OUT}.${process.pid}.old`;
try {
  renameSync(OUT, old);
} catch {
  // no earlier build
}
renameSync(next, OUT);
rmSync(old, { recursive: true, force: true });

if (!process.argv.includes('--quiet')) {
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `samen: built ${scripts.length} modules and copied ${others.length} files into dist/ in ${ms.toFixed(0)} ms`,
  );
}
