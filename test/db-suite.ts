// Database tier plumbing for a test file: `describeDb` skips (with the warning from requirePostgresUrl) when
// this run has no PostgreSQL server, and `useTestDatabase` gives the file its own fresh database.
import { afterAll, beforeAll, describe } from 'vitest';
import { createTestDatabase, postgresAvailable, type TestDatabase } from './db.js';

export const describeDb = describe.skipIf(!postgresAvailable());

export function useTestDatabase(): { readonly handle: TestDatabase } {
  const state: { handle?: TestDatabase } = {};
  beforeAll(async () => {
    state.handle = await createTestDatabase();
  });
  afterAll(async () => {
    await state.handle?.destroy();
  });
  return {
    get handle() {
      if (!state.handle) throw new Error('test database not ready (use inside a test or hook)');
      return state.handle;
    },
  };
}
