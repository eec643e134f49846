#!/usr/bin/env node
// The `samen` command. It runs the JavaScript that scripts/build.mjs makes of src/ in dist/ (`npm install`,
// `npm start` and `npm test` build it; `npm run build` by hand), so no TypeScript is transpiled at run time.
import { existsSync } from 'node:fs';
import module from 'node:module';

// V8's code cache on disk (Node.js 22.1+): later starts skip compiling the same modules again.
module.enableCompileCache?.();

const main = new URL('../dist/src/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('samen: dist/ is missing: run `npm run build` (npm install runs it) and try again');
  process.exit(1);
}
await import(main.href);
