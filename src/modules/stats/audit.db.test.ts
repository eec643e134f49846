// Publishing only what the suppression audit passed, tried the ways a steward or an import could get around it:
// the web form and the CLI with an audit that cannot finish, a data set flagged published without an audit, new
// data under a published cube. The app under test has an audit time limit of 0 s (nothing can be proved); a
// second service on the same database has a real one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';
import { CliError } from '../../cli/context.js';
import { runImport, runPublish } from './cli-actions.js';
import { aggregate, cellCodes } from './cube.js';
import { readMicrodata } from './repository.js';
import { createStatsService } from './service.js';
import { htcdsFixture } from './test/fixtures.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type ApiCell = Record<string, string | number | boolean | null>;

describeDb('the suppression audit guards publishing', () => {
  const t = useTestApp({ config: { statsAuditSeconds: 0 } });
  let steward: Agent;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samen-stats-audit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const real = () =>
    createStatsService({
      db: t.database.db,
      clock: t.clock.read,
      audit: t.services.audit,
      auditTimeLimitSeconds: 300,
    });
  const columns = ['prs_Gender', 'vic_TypeOfExploitation', 'vic_AgeWhenTrafficked', 'samen_Region'];
  const api = (dims: string) => `/api/v1/stats/datasets/cases/table?dims=${dims}`;

  beforeAll(async () => {
    const outcome = await t.services.stats.importDataset({
      name: 'cases',
      format: 'htcds',
      text: htcdsFixture(),
      actorUserId: null,
    });
    expect(outcome).toMatchObject({ ok: true, rows: 400 });
    expect(outcome).not.toHaveProperty('audit');
    steward = await signIn(t, await createUser(t.services, { role: 'data_steward' }));
  });

  describe('without a passing audit nothing is published', () => {
    it('the web form answers 409 naming the cells not proved protected, and publishes nothing', async () => {
      const response = await steward.post(
        '/stats/manage/cases/settings',
        { k: '10', max_length: '3', published: '1', cube_columns: columns },
        { 'accept-language': 'en' },
      );
      expect(response.statusCode).toBe(409);
      expect(response.body).toContain('small cells were not shown to be protected');
      // The group's error (the kit's: a line per problem) names the cells.
      expect(response.body).toMatch(/cube-columns-error[^>]*>\s*<p class="samen-error-line">[^<]*=/);
      expect(await t.services.stats.dataset('cases')).toMatchObject({ published: false, audit: null });
      expect((await t.app.inject({ method: 'GET', url: api('prs_Gender') })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/stats/cases' })).statusCode).toBe(404);
    });

    it('the CLI refuses with the cells named, and publishes nothing', async () => {
      const out: string[] = [];
      const error = await runPublish(t.services.stats, 'cases', false, {
        out: (l) => out.push(l),
        err: () => {},
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliError);
      expect((error as Error).message).toMatch(/small cells were not shown to be protected: \S+=/);
      expect((error as Error).message).toContain('nothing was published');
      expect(out).toEqual([]);
      expect(await t.services.stats.dataset('cases')).toMatchObject({ published: false });
    });

    it('a data set flagged published without an audit is not served', async () => {
      await t.database.db
        .updateTable('stats_dataset')
        .set({ published: true })
        .where('name', '=', 'cases')
        .execute();
      try {
        expect((await t.app.inject({ method: 'GET', url: api('prs_Gender') })).statusCode).toBe(404);
        expect((await t.app.inject({ method: 'GET', url: '/stats/cases?d1=prs_Gender' })).statusCode).toBe(
          404,
        );
      } finally {
        await t.database.db
          .updateTable('stats_dataset')
          .set({ published: false })
          .where('name', '=', 'cases')
          .execute();
      }
    });
  });

  it('publishes after a passing audit, serves its added suppression, and shows the steward the result', async () => {
    const stats = real();
    const audit = await stats.setPublished('cases', true, null);
    expect(audit).toMatchObject({ ok: true, timedOut: false, exposed: [] });
    expect(audit!.smallCells).toBeGreaterThan(0);
    // The threshold and line rules alone leave a cell of this fixture exposed: the audit hides more.
    expect(audit!.exposedBefore.length).toBeGreaterThan(0);
    expect(audit!.added.length).toBeGreaterThan(0);
    const dataset = await stats.dataset('cases');
    expect(dataset.published).toBe(true);
    expect(dataset.audit).toMatchObject({ ok: true, fingerprint: audit!.fingerprint, columns });
    // Every cell the audit suppressed (beyond the line rules) is suppressed in what the API serves.
    const data = await readMicrodata(t.database.db, 'cases');
    const cube = aggregate(data, 3);
    for (const [key, cell] of audit!.added) {
      const table = cube.tables.get(key)!;
      const names = table.dims.map((d) => data.columns[d]!.name);
      const codes = cellCodes(table, cell);
      const values = table.dims.map((d, i) => data.columns[d]!.values[codes[i]!] || null);
      const body = (await t.app.inject({ method: 'GET', url: api(names.join(',')) })).json() as {
        cells: ApiCell[];
      };
      const served = body.cells.find((c) => names.every((n, i) => c[n] === values[i]))!;
      expect(served).toMatchObject({ suppressed: true, count: null });
    }
    const page = await steward.get('/stats/manage/cases', { 'accept-language': 'en' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Suppression audit');
    expect(page.body).toContain('passed: no small cell is exposed');
    // The steward can run it again from the page (CSRF-protected form); with 0 s it fails and unpublishes.
    const rerun = await steward.post('/stats/manage/cases/audit', {}, { 'accept-language': 'en' });
    expect(rerun.statusCode).toBe(303);
    expect(await t.services.stats.dataset('cases')).toMatchObject({
      published: false,
      audit: { ok: false, timedOut: true },
    });
    const failed = await steward.get('/stats/manage/cases', { 'accept-language': 'en' });
    expect(failed.body).toContain('did not finish within the time limit');
    expect(failed.body).toContain('Small cells an attacker can narrow down');
    expect((await t.app.inject({ method: 'GET', url: api('prs_Gender') })).statusCode).toBe(404);
  });

  it('new data under a published cube is audited again: kept when it passes, unpublished with a message when not', async () => {
    const stats = real();
    await stats.setPublished('cases', true, null);
    const kept = await stats.importDataset({
      name: 'cases',
      format: 'htcds',
      text: htcdsFixture('other'),
      actorUserId: null,
    });
    expect(kept).toMatchObject({ ok: true, audit: { ok: true } });
    expect(await stats.dataset('cases')).toMatchObject({ published: true });
    expect((await t.app.inject({ method: 'GET', url: api('prs_Gender') })).statusCode).toBe(200);

    // The same import through the CLI with an audit that cannot finish: imported, but taken offline.
    writeFileSync(path.join(dir, 'cases.csv'), htcdsFixture('third'));
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(
      t.services.stats,
      { dataset: 'cases', format: 'htcds', file: path.join(dir, 'cases.csv') },
      { out: (l) => out.push(l), err: (l) => err.push(l) },
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(/suppression audit of .*: TIMED OUT/);
    expect(out.join('\n')).toMatch(/exposed: \S+=/);
    expect(err).toEqual([
      'The suppression audit of the published columns failed on the new data: cases is no longer published.',
    ]);
    expect(await t.services.stats.dataset('cases')).toMatchObject({ published: false, audit: { ok: false } });
    expect((await t.app.inject({ method: 'GET', url: api('prs_Gender') })).statusCode).toBe(404);
    const entries = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity_id', '=', 'cases')
      .execute();
    expect(entries.map((e) => e.action)).toContain('stats.dataset.audit_failed');
  });
});
