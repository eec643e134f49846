// createApp(services): the app is built from the services passed in, so a route test supplies only the ones its
// routes use. Here: the platform's sign-in and the directory, nothing else. The directory's pages are served (with
// the platform's layout, headers and CSRF as always), the other modules' routes do not exist, and a module whose
// routes need a service it was not given is refused when the app is built, not at the first request.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock, testConfig } from '../test/app.js';
import { createTestDatabase, type TestDatabase } from '../test/db.js';
import { createApp } from './app.js';
import { createAuditService } from './platform/audit/service.js';
import { createAuthService } from './platform/auth/service.js';
import { createDirectoryService } from './modules/directory/index.js';
import { createGuideService } from './modules/guide/index.js';

describe('an app built from a partial set of services', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const clock = new TestClock();
  const config = testConfig();

  const partial = () => {
    const deps = { db: database.db, clock: clock.read, config };
    const audit = createAuditService(deps);
    return {
      audit,
      auth: createAuthService({ ...deps, audit }),
      directory: createDirectoryService({ ...deps, audit }),
    };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const { auth, directory } = partial();
    app = await createApp({ auth, directory }, { config, database, clock: clock.read, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it("serves the given module's pages and the platform's sign-in", async () => {
    const directory = await app.inject({ method: 'GET', url: '/directory' });
    expect(directory.statusCode).toBe(200);
    expect(directory.headers['content-type']).toContain('text/html');
    expect(directory.headers['content-security-policy']).toContain("script-src 'nonce-");
    const login = await app.inject({ method: 'GET', url: '/login' });
    expect(login.statusCode).toBe(200);
    expect(login.body).toContain('name="_csrf"');
    expect((await app.inject({ method: 'GET', url: '/api/v1/services' })).statusCode).toBe(200);
  });

  it('has no routes of the modules it was not given', async () => {
    for (const url of ['/monitor', '/stats', '/nvm', '/guide', '/api/v1/guide/advice'])
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
  });

  it('refuses to build when a module is given without a service its routes need', async () => {
    const { audit, auth, directory } = partial();
    const guide = createGuideService({ db: database.db, clock: clock.read, audit, directory });
    await expect(
      createApp({ auth, guide }, { config, database, clock: clock.read, logger: false }),
    ).rejects.toThrow("createApp: the wegwijzer's routes need the directory");
  });
});
