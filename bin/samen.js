#!/usr/bin/env node
// The `samen` command. It runs the JavaScript that scripts/build.mjs makes of src/ in dist/ (`npm install`,
// `npm start` and `npm test` build it; `npm run build` by hand), so no TypeScript is transpiled at run time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import module from 'node:module';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// A one-off command (everything but `serve`) runs with WebAssembly compiled by V8's baseline compiler only
// (--liftoff-only). The embedded database is PostgreSQL compiled to WebAssembly; by default V8 recompiles its hot
// functions with its optimising compiler on background threads, and a process cannot end before those threads
// finish: `samen stats list` spent 1.5 s of its 2.7 s waiting for compilations it would never use (issue 14,
// bench/stats.ts). V8 takes the flag only at start-up, so the command starts itself once more with it; the
// server keeps the optimising compiler, which pays off in a long-running process.
const LIFTOFF_ONLY = '--liftoff-only';
const args = process.argv.slice(2);
const command = args.find((arg) => !arg.startsWith('-'));
// Help opens no database: it is not worth a second start.
const help = !command || command === 'help' || args.includes('--help') || args.includes('-h');
if (command !== 'serve' && !help && !process.execArgv.includes(LIFTOFF_ONLY)) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, LIFTOFF_ONLY, fileURLToPath(import.meta.url), ...args],
    { stdio: 'inherit' },
  );
  // Ctrl+C reaches the child from the terminal itself; a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    console.error(`samen: cannot start: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1));
  });
} else {
  // V8's code cache on disk (Node.js 22.1+): later starts skip compiling the same modules again.
  module.enableCompileCache?.();

  const main = new URL('../dist/src/main.js', import.meta.url);
  if (!existsSync(main)) {
    console.error('samen: dist/ is missing: run `npm run build` (npm install runs it) and try again');
    process.exit(1);
  }
  await import(main.href);
}
