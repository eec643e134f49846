// The suppression audit runs in a worker thread: while it runs the server answers others (proved by ordering: the
// audit is held at a gate until the other request has been answered), a second audit of the same data set is
// refused with a 409, a worker that fails gives a clear error and writes nothing, and a worker that does not
// return is terminated at the time limit and reported as timed out, with nothing published.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { I18n } from '../../platform/i18n/index.js';
import { createStatsService } from './service.js';
import { htcdsFixture } from './test/fixtures.js';

// The gated worker's channel (test/gated-audit-worker.ts; not imported: it is a worker's entry).
const GATE = 'samen-test-audit-gate';
const worker = (name: string) => new URL(`./test/${name}-audit-worker.ts`, import.meta.url);

describeDb('the suppression audit in a worker thread', () => {
  const t = useTestApp();
  const service = (name: string, auditTimeLimitSeconds = 300) =>
    createStatsService({
      db: t.database.db,
      clock: t.clock.read,
      audit: t.services.audit,
      auditTimeLimitSeconds,
      auditWorkerUrl: worker(name),
    });
  const publish = { k: 10, published: true, cubeColumns: ['prs_Gender', 'samen_Region'] };

  beforeAll(async () => {
    for (const name of ['held', 'crashed', 'hung'])
      expect(
        await t.services.stats.importDataset({
          name,
          format: 'htcds',
          text: htcdsFixture(),
          actorUserId: null,
        }),
      ).toMatchObject({ ok: true });
  });

  describe('while an audit runs', () => {
    it('the server answers another request first, and a second publish of the same data set gets 409', async () => {
      const gated = service('gated');
      const gate = new BroadcastChannel(GATE);
      const waiting = new Promise<void>((resolve) => {
        gate.onmessage = (event) => {
          if ((event as MessageEvent).data === 'waiting') resolve();
        };
      });
      const order: string[] = [];
      const publishing = gated.updateSettings('held', publish, null).then((audit) => {
        order.push('publish');
        return audit;
      });
      await waiting; // the audit is running in its worker, held at the gate
      const page = await t.app.inject({ method: 'GET', url: '/stats', headers: { 'accept-language': 'en' } });
      expect(page.statusCode).toBe(200);
      order.push('other request');
      const second = await gated.updateSettings('held', publish, null).catch((error: unknown) => error);
      expect(second).toMatchObject({ statusCode: 409, messageKey: 'stats.audit.running' });
      expect(order).toEqual(['other request']);
      gate.postMessage('go');
      const audit = await publishing;
      expect(order).toEqual(['other request', 'publish']);
      expect(audit).toMatchObject({ ok: true });
      expect(await t.services.stats.dataset('held')).toMatchObject({ published: true });
      // Once it is done, the data set can be audited again (the gate now opens as soon as the worker waits).
      gate.onmessage = (event) => {
        if ((event as MessageEvent).data === 'waiting') gate.postMessage('go');
      };
      await expect(gated.auditDataset('held', null).then((a) => a.ok)).resolves.toBe(true);
      gate.close();
    });

    it('the refusal is in the reader’s language', async () => {
      const i18n = new I18n();
      expect(i18n.translator('nl')('stats.audit.running')).toContain('loopt al');
      expect(i18n.translator('en')('stats.audit.running')).toContain('already running');
    });
  });

  it('a worker that fails gives a clear error (503) and writes nothing', async () => {
    const before = await t.services.stats.dataset('crashed');
    const error = await service('crashing')
      .updateSettings('crashed', publish, null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 503, messageKey: 'stats.audit.workerFailed' });
    const after = await t.services.stats.dataset('crashed');
    expect(after).toMatchObject({
      published: false,
      audit: null,
      k: before.k,
      cubeColumns: before.cubeColumns,
    });
    expect((await t.app.inject({ method: 'GET', url: '/stats/crashed' })).statusCode).toBe(404);
  });

  it('a worker that does not return is terminated at the time limit: timed out, nothing published', async () => {
    const error = await service('hanging', 0)
      .updateSettings('hung', publish, null)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      statusCode: 409,
      messageKey: 'stats.audit.failed',
      fields: [{ field: 'cubeColumns', key: 'stats.audit.timedOut' }],
    });
    expect(await t.services.stats.dataset('hung')).toMatchObject({ published: false, audit: null });
    expect((await t.app.inject({ method: 'GET', url: '/stats/hung' })).statusCode).toBe(404);
  });
});
