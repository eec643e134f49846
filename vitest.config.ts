import { defineConfig } from 'vitest/config';

// Three tiers, chosen by file name. The database tier runs twice: on PGlite always, and on a PostgreSQL server
// when TEST_DATABASE_URL is set (required when CI=true).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.browser.test.ts', 'node_modules/**'],
          env: { NODE_ENV: 'test' },
        },
      },
      {
        test: {
          name: 'db-pglite',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/db-global-setup.ts'],
          env: { NODE_ENV: 'test', SAMEN_TEST_ENGINE: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'db-postgres',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/db-global-setup.ts'],
          env: { NODE_ENV: 'test', SAMEN_TEST_ENGINE: 'postgres' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['src/**/*.browser.test.ts', 'test/**/*.browser.test.ts'],
          globalSetup: ['test/db-global-setup.ts', 'test/browser-global-setup.ts'],
          env: { NODE_ENV: 'test', SAMEN_TEST_ENGINE: 'pglite' },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
