// `samen directory follow`: a second Samen (its own database) follows the first one's HSDS feed, served by the
// real app on a free port. It takes everything the first time, with the feed as the source of every record;
// re-runs are idempotent and ask only for what changed; edits and retirements on the source arrive; a service
// verified on the follower is kept and reported as a conflict. Hostile feeds (an error answer, not JSON, a
// redirect loop, a page over the limit, a record failing the HSDS checks, a non-http address) give a clear error
// and write nothing.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, TestClock, type TestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';
import { runFollow, type Io } from '../cli-actions.js';
import { readServiceRecords } from '../repository.js';
import { createSteward } from '../test/helpers.js';
import { followFeed } from './follow.js';
import { readFollowState } from './follow-repository.js';
import { comparableRecord } from './records.js';
import { fixtureFiles, id, minimalService, service } from './test/fixtures.js';

const MAIN = id('service:main');
const SECOND = id('service:second');

function recorder(): Io & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, out: (l) => lines.push(l), err: (l) => errors.push(l) };
}

describeDb('samen directory follow: a second Samen follows the first one’s HSDS feed', () => {
  let source: TestApp;
  let follower: TestApp;
  let feed: string;
  let hostile: Server;
  let hostileBase: string;

  const follow = (url = feed, limits = {}) =>
    followFeed(follower.database.db, url, {
      clock: follower.clock.read,
      audit: follower.services.audit,
      limits,
    });
  const stored = (ids: string[]) => readServiceRecords(follower.database.db, ids);
  const serviceCount = async () =>
    (await follower.database.db.selectFrom('service').select('id').execute()).length;

  beforeAll(async () => {
    source = await createTestApp({ clock: new TestClock('2026-11-28T10:00:00Z') });
    follower = await createTestApp({ clock: new TestClock('2026-11-29T08:00:00Z') });
    const imported = await source.services.directory.importHsds(
      { format: 'json', files: fixtureFiles() },
      { actorUserId: null },
    );
    if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
    await source.app.listen({ port: 0, host: '127.0.0.1' });
    feed = `http://127.0.0.1:${(source.app.server.address() as AddressInfo).port}/api/hsds`;

    // A feed that misbehaves in every way, one way per path.
    hostile = createServer((request, response) => {
      const [, kind, rest] = (request.url ?? '').split('/');
      if (!rest || rest === '') {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ version: '3.1', publisher: { name: 'Hostile' } }));
        return;
      }
      switch (kind) {
        case 'error':
          response.statusCode = 500;
          response.end('Internal Server Error');
          return;
        case 'not-json':
          response.end('<html>maintenance</html>');
          return;
        case 'loop':
          response.statusCode = 302;
          response.setHeader('location', request.url ?? '/');
          response.end();
          return;
        case 'to-file':
          response.statusCode = 302;
          response.setHeader('location', 'file:///etc/passwd');
          response.end();
          return;
        case 'huge':
          response.end(JSON.stringify({ total_pages: 1, contents: ['x'.repeat(200_000)] }));
          return;
        case 'invalid':
          response.setHeader('content-type', 'application/json');
          response.end(
            JSON.stringify({
              total_items: 2,
              total_pages: 1,
              page_number: 1,
              size: 2,
              contents: [
                minimalService('hostile-valid', { last_modified: '2026-11-28T10:00:00Z' }),
                minimalService('hostile-bad', { status: 'open', last_modified: '2026-11-28T10:00:00Z' }),
              ],
            }),
          );
          return;
        default:
          response.statusCode = 404;
          response.end();
      }
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileBase = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => hostile?.close(resolve));
    for (const app of [source, follower]) {
      await app?.app.close();
      await app?.database.destroy();
    }
  });

  it('takes every service the first time, each with the feed as its source, and is idempotent', async () => {
    const first = await follow();
    expect(first).toMatchObject({ ok: true, since: null, received: 2, publisher: 'Samen' });
    if (!first.ok) return;
    expect(first.changes?.services).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const [a, b] = [
      await readServiceRecords(source.database.db, [MAIN, SECOND]),
      await stored([MAIN, SECOND]),
    ];
    expect(b.map(comparableRecord)).toEqual(a.map(comparableRecord));
    for (const record of b) {
      expect(record).toMatchObject({
        source_type: 'feed',
        source_name: feed,
        source_imported_at: '2026-11-29T08:00:00.000Z',
      });
    }
    // The source's own records say where they came from (the fixture file), and who verified them.
    expect(a[0]).toMatchObject({ source_type: 'file', source_name: 'services.json' });
    expect(b[0]!.assured_by).toBe(a[0]!.assured_by);

    // The follower's own feed shows the source of every record.
    await follower.services.directory.refreshCoverage();
    const shown = (await follower.app.inject({ url: `/api/hsds/services/${MAIN}` })).json();
    expect(shown).toMatchObject({
      source_type: 'feed',
      source_name: feed,
      source_imported_at: expect.any(String),
    });

    // Again: only what changed since the newest last_modified (on or after it), and nothing changes.
    const state = await readFollowState(follower.database.db, feed);
    expect(state?.lastModifiedSeen).toBe('2026-11-28T10:00:00.000Z');
    const again = await follow();
    expect(again).toMatchObject({ ok: true, since: '2026-11-28T10:00:00.000Z' });
    if (again.ok) expect(again.changes?.services).toMatchObject({ created: 0, updated: 0 });
    expect((await stored([MAIN]))[0]!.version).toBe(b[0]!.version);
  });

  it('stays in step after an edit and a retirement on the source', async () => {
    source.clock.set('2026-12-01T09:00:00Z');
    const edited = await source.services.directory.importHsds(
      {
        format: 'json',
        files: [
          {
            name: 'edit.json',
            content: JSON.stringify([service('second', { name: 'Chat, nu ook ’s nachts' })]),
          },
        ],
      },
      { actorUserId: null },
    );
    expect(edited.ok).toBe(true);
    source.clock.set('2026-12-01T10:00:00Z');
    const steward = await createSteward(source.services);
    await source.services.directory.retireService(MAIN, 'Opgegaan in een andere dienst', steward.actor);

    follower.clock.set('2026-12-02T08:00:00Z');
    const result = await follow();
    expect(result).toMatchObject({ ok: true, received: 2, conflicts: [] });
    if (result.ok) expect(result.changes?.services).toEqual({ created: 0, updated: 2, unchanged: 0 });
    const [main, second] = await stored([MAIN, SECOND]);
    expect(main).toMatchObject({ status: 'defunct', source_name: feed });
    expect(second).toMatchObject({
      name: 'Chat, nu ook ’s nachts',
      source_imported_at: '2026-12-02T08:00:00.000Z',
    });
    const [a, b] = [
      await readServiceRecords(source.database.db, [MAIN, SECOND]),
      await stored([MAIN, SECOND]),
    ];
    expect(b.map(comparableRecord)).toEqual(a.map(comparableRecord));
  });

  it('keeps a service verified on the follower and reports the conflict instead of overwriting it', async () => {
    const steward = await createSteward(follower.services, 'Vera Volger');
    const verified = await follower.services.directory.verifyService(SECOND, steward.actor);
    expect(verified.assured_by).toBe('Samen');
    source.clock.set('2026-12-03T09:00:00Z');
    const edited = await source.services.directory.importHsds(
      {
        format: 'json',
        files: [{ name: 'edit.json', content: JSON.stringify([service('second', { name: 'Andere naam' })]) }],
      },
      { actorUserId: null },
    );
    expect(edited.ok).toBe(true);

    const io = recorder();
    const code = await runFollow(
      follower.database.db,
      feed,
      { clock: follower.clock.read, audit: follower.services.audit },
      io,
    );
    expect(code).toBe(2);
    expect(io.errors.join('\n')).toMatch(
      new RegExp(`Conflict: service ${SECOND} .*verified here by a steward`),
    );
    const [kept] = await stored([SECOND]);
    expect(kept).toMatchObject({ name: 'Chat, nu ook ’s nachts', assured_by_user_id: steward.id });
  });

  it.each([
    ['error', /the feed answered 500/],
    ['not-json', /the answer is not JSON/],
    ['loop', /more than 5 redirects \(a redirect loop\?\)/],
    ['to-file', /redirects to file:, not http: or https:/],
    ['huge', /over the limit of 100000 bytes/],
  ])('a feed that answers %s: a clear error, and nothing written', async (kind, message) => {
    const before = await serviceCount();
    const result = await follow(`${hostileBase}/${kind}`, { pageBytes: 100_000 });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toMatch(message);
    expect(await serviceCount()).toBe(before);
    expect(await readFollowState(follower.database.db, `${hostileBase}/${kind}`)).toBeUndefined();
  });

  it('a record failing the HSDS checks: every problem named, and not even the valid record is written', async () => {
    const before = await serviceCount();
    const io = recorder();
    const code = await runFollow(
      follower.database.db,
      `${hostileBase}/invalid`,
      { clock: follower.clock.read, audit: follower.services.audit },
      io,
    );
    expect(code).toBe(1);
    expect(io.errors.join('\n')).toMatch(/\[1\]\.status: must be one of/);
    expect(io.errors.join('\n')).toMatch(/nothing was imported/);
    expect(await serviceCount()).toBe(before);
    expect(await stored([id('service:hostile-valid')])).toEqual([]);
  });

  it('follows only http: and https: addresses, without credentials', async () => {
    for (const [url, message] of [
      ['ftp://example.org/api/hsds', /only http: and https:/],
      ['file:///etc/passwd', /only http: and https:/],
      ['https://user:secret@example.org/api/hsds', /user name or password is refused/],
      ['not a url', /is not a web address/],
    ] as const) {
      const result = await follow(url);
      expect(result).toMatchObject({ ok: false });
      if (!result.ok) expect(result.error).toMatch(message);
    }
  });
});
