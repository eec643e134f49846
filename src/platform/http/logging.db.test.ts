// Structured request logs never hold personal data, secrets or form contents: not the query string, not the
// body, not cookies or credentials, not the message of an error (database errors quote the offending values).
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, testConfig } from '../../../test/app.js';
import { loggerOptions } from './logging.js';
import { anonymousAgent } from '../../../test/auth.js';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';
import { describeDb } from '../../../test/db-suite.js';

const PERSONAL = [
  'jan.jansen@example.nl',
  'Jan Jansen',
  '0612345678',
  'hunter2-geheim',
  'cookie-value-123',
  'Bearer tok-456',
];

describeDb('request logging', () => {
  let app: FastifyInstance;
  let database: TestDatabase;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    const logger = { ...(loggerOptions('info') as object), stream };
    ({ app } = await buildApp({ config: testConfig(), database, logger }));
    app.post('/_probe/form', async () => ({ ok: true }));
    app.get('/_probe/fail', async (request) => {
      throw new Error(`could not save ${JSON.stringify(request.query)}`);
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.destroy();
  });

  it('logs method, route and status, and none of the query, body, cookies, credentials or error messages', async () => {
    // A visitor holding a CSRF token, so the form posts get past CSRF protection into the handler.
    const agent = await anonymousAgent(app);
    const headers = {
      cookie: `${agent.cookie}; samen_extra=cookie-value-123`,
      authorization: 'Bearer tok-456',
      accept: 'text/html',
    };
    await agent.request({
      method: 'GET',
      url: '/en/does-not-exist?email=jan.jansen%40example.nl&name=Jan%20Jansen',
      headers,
    });
    await agent.post(
      '/_probe/form?phone=0612345678',
      { email: 'jan.jansen@example.nl', password: 'hunter2-geheim', name: 'Jan Jansen' },
      headers,
    );
    await agent.postJson(
      '/_probe/form',
      { email: 'jan.jansen@example.nl', password: 'hunter2-geheim' },
      headers,
    );
    await agent.request({ method: 'GET', url: '/_probe/fail?phone=0612345678&name=Jan%20Jansen', headers });

    const output = lines.join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const value of PERSONAL) expect(output, value).not.toContain(value);
    expect(output).not.toMatch(/jan\.jansen|%40example|password|phone=/i);

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.req).map((e) => e.req);
    expect(requests).toContainEqual({ method: 'POST', route: '/_probe/form' });
    expect(requests).toContainEqual({ method: 'GET', route: '/_probe/fail' });
    const statuses = entries.filter((e) => e.res).map((e) => (e.res as { statusCode: number }).statusCode);
    expect(statuses).toEqual(expect.arrayContaining([404, 200, 500]));
    expect(statuses).not.toContain(403);
    // The failure is still findable: its type and where it happened.
    const failure = entries.find((e) => e.msg === 'request failed') as {
      err?: { type?: string; stack?: string };
    };
    expect(failure?.err?.type).toBe('Error');
    expect(failure?.err?.stack).toContain('logging.db.test.ts');
  });

  it("never logs the wegwijzer's answers: route patterns only, for pages, the API and bad input", async () => {
    const from = lines.length;
    const answers = 'audience=self&form=sexual&danger=yes&municipality=GM0363&minor=yes&need=shelter';
    await app.inject({ method: 'GET', url: `/guide/result?${answers}`, headers: { accept: 'text/html' } });
    await app.inject({ method: 'GET', url: `/pl/guide/where?audience=self&place=Amsterdam` });
    await app.inject({ method: 'GET', url: `/api/v1/guide/advice?${answers}` });
    await app.inject({
      method: 'GET',
      url: '/api/v1/guide/advice?audience=self&audience=worried&minor=maybe',
    });
    const output = lines.slice(from).join('\n');
    expect(lines.length - from).toBeGreaterThanOrEqual(8);
    expect(output).not.toMatch(/audience|sexual|GM0363|shelter|Amsterdam|maybe/);
    const routes = lines
      .slice(from)
      .map((line) => (JSON.parse(line) as { req?: { route: string } }).req?.route)
      .filter(Boolean);
    expect(routes).toEqual(expect.arrayContaining(['/guide/result', '/guide/:step', '/api/v1/guide/advice']));
  });
});
