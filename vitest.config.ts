import { defineConfig } from 'vitest/config';

// Tiers, chosen by file name: unit (*.test.ts), database (*.db.test.ts) and browser (*.browser.test.ts). The
// database tier runs twice: on PGlite always, and on a PostgreSQL server when TEST_DATABASE_URL is set. Locally a
// tier without its PostgreSQL server or chromium skips with a message; with CI=true it fails (the global setups
// throw, and test/tier-check.ts fails a tier that ran no passing test).
//
// The tiers run one group after another (sequence.groupOrder): vitest requires projects that run side by side to
// share one maxWorkers, and on a 2-core CI machine running them all at once only makes each slower. The two
// database projects share a group and its two workers.
const db = {
  include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
  globalSetup: ['test/db-global-setup.ts'],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  maxWorkers: 2,
  sequence: { groupOrder: 1 },
  // PGlite runs in the test process: V8 recompiles its hot WebAssembly on background threads that each test
  // file's process waits for at exit, on two cores shared with the tests (bin/samen.js says more). Baseline
  // code only: six database test files on PGlite 42-46 s -> 34-35 s.
  execArgv: ['--liftoff-only'],
};

export default defineConfig({
  test: {
    passWithNoTests: false,
    reporters: ['default', './test/tier-check.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.browser.test.ts', 'node_modules/**'],
          env: { NODE_ENV: 'test' },
          testTimeout: 30_000,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      { test: { name: 'db-pglite', ...db, env: { NODE_ENV: 'test', SAMEN_TEST_ENGINE: 'pglite' } } },
      { test: { name: 'db-postgres', ...db, env: { NODE_ENV: 'test', SAMEN_TEST_ENGINE: 'postgres' } } },
      {
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          globalSetup: ['test/db-global-setup.ts', 'test/browser-global-setup.ts'],
          env: { NODE_ENV: 'test', SAMEN_TEST_ENGINE: 'pglite' },
          execArgv: ['--liftoff-only'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Two files at a time: a browser file mostly waits (on chromium's renderers, navigations, axe), so two
          // side by side keep both cores busy (one at a time used about a third of the CPU time it took).
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
