import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';
import { runImport } from './cli.js';
import { createStatsService } from './service.js';
import type { RegistrationRecord } from './registrations.js';
import { htcdsFixture } from './test/fixtures.js';

describeDb('data hub pages, CLI import and the registrations', () => {
  const t = useTestApp();
  let steward: Agent;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'samen-stats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const out: string[] = [];
    const err: string[] = [];
    const progress: string[] = [];
    writeFileSync(path.join(dir, 'cases.csv'), htcdsFixture());
    const code = await runImport(
      t.services.stats,
      { dataset: 'cases', format: 'htcds', file: path.join(dir, 'cases.csv'), title: 'Cases' },
      { out: (l) => out.push(l), err: (l) => err.push(l), progress: (l) => progress.push(l) },
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toContain('Imported 400 rows, 4 columns');
    expect(progress.some((l) => l.includes('400/400'))).toBe(true);
    const user = await createUser(t.services, { role: 'data_steward' });
    steward = await signIn(t, user);
  });

  it('the CLI import lists row-level problems and writes nothing', async () => {
    writeFileSync(
      path.join(dir, 'bad.csv'),
      'prs_Gender,vic_AgeWhenTrafficked\nFeminine,19\nMasculine,old\nX,2\n',
    );
    const err: string[] = [];
    const code = await runImport(
      t.services.stats,
      { dataset: 'bad', format: 'htcds', file: path.join(dir, 'bad.csv') },
      { out: () => {}, err: (l) => err.push(l) },
    );
    expect(code).toBe(1);
    expect(err[0]).toBe('line 3: vic_AgeWhenTrafficked: “old” is not an age in whole years (0–120)');
    expect(err[1]).toMatch(/^line 4: prs_Gender: “X” is not allowed/);
    expect(err.at(-1)).toBe('2 problems found; nothing was imported.');
    expect((await t.services.stats.listDatasets({ publishedOnly: false })).map((d) => d.name)).toEqual([
      'cases',
    ]);
  });

  it('keeps staff pages for data stewards, and publishes through a form with CSRF', async () => {
    const anonymous = await t.app.inject({
      method: 'GET',
      url: '/stats/manage',
      headers: { accept: 'text/html' },
    });
    expect(anonymous.statusCode).toBe(303);
    expect((await t.app.inject({ method: 'GET', url: '/stats/cases' })).statusCode).toBe(404);
    const page = await steward.get('/stats/manage/cases');
    expect(page.statusCode).toBe(200);
    // Staff see the protected tables of an unpublished data set before publishing it.
    const preview = await steward.get('/stats/manage/cases/preview?d1=prs_Gender&d2=samen_Region');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<svg');
    const previewCsv = await steward.get('/stats/manage/cases/preview/table.csv?d1=prs_Gender');
    expect(previewCsv.statusCode).toBe(200);
    expect(previewCsv.body.split('\n')[0]).toBe('prs_Gender,count,suppressed');
    const anonymousPreview = await t.app.inject({ method: 'GET', url: '/stats/manage/cases/preview' });
    expect(anonymousPreview.statusCode).not.toBe(200);
    const noToken = await steward.post(
      '/stats/manage/cases/settings',
      { k: '5', max_length: '3', published: '1' },
      {},
      { csrf: false },
    );
    expect(noToken.statusCode).toBe(403);
    const bad = await steward.post('/stats/manage/cases/settings', {
      k: '0',
      max_length: '3',
      published: '1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const all = ['prs_Gender', 'vic_TypeOfExploitation', 'vic_AgeWhenTrafficked', 'samen_Region'];
    const none = await steward.post('/stats/manage/cases/settings', {
      k: '5',
      max_length: '3',
      published: '1',
    });
    expect(none.statusCode).toBe(400);
    const saved = await steward.post('/stats/manage/cases/settings', {
      k: '5',
      max_length: '3',
      published: '1',
      cube_columns: all,
    });
    expect(saved.statusCode).toBe(303);
    expect(await t.services.stats.dataset('cases')).toMatchObject({
      k: 5,
      published: true,
      cubeColumns: null,
    });
  });

  it('shows the explorer with table, chart and CSV, and a 400 page naming a bad choice', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/stats/cases?d1=prs_Gender&d2=vic_TypeOfExploitation&f1=samen_Region%3DPE01',
      headers: { 'accept-language': 'en' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('<table class="utrecht-table">');
    const csv = await t.app.inject({
      method: 'GET',
      url: '/stats/cases/table.csv?d1=prs_Gender&d2=vic_TypeOfExploitation&f1=samen_Region%3DPE01',
    });
    expect(csv.statusCode).toBe(200);
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    for (const row of rows) {
      if (row.suppressed === 'true') expect(row.count).toBe('');
      else expect(Number(row.count) === 0 || Number(row.count) >= 5).toBe(true);
    }
    expect(rows.some((r) => r.suppressed === 'true')).toBe(true);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/stats/cases?d1=prs_Gender&f1=samen_Region%3DPE99',
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('“PE99” is not a value of samen_Region');
  });

  it('offers only the chosen columns in the explorer and the API', async () => {
    await t.services.stats.updateSettings('cases', { cubeColumns: ['prs_Gender', 'samen_Region'] }, null);
    const ok = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/datasets/cases/table?dims=prs_Gender,samen_Region',
    });
    expect(ok.statusCode).toBe(200);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/stats/datasets/cases/table?dims=vic_TypeOfExploitation',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields[0].field).toBe('dims');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/stats/datasets' });
    const cases = (list.json() as { name: string; dimensions: { name: string }[] }[]).find(
      (d) => d.name === 'cases',
    )!;
    expect(cases.dimensions.map((d) => d.name)).toEqual(['prs_Gender', 'samen_Region']);
    await expect(
      t.services.stats.updateSettings('cases', { cubeColumns: ['nope'] }, null),
    ).rejects.toMatchObject({
      statusCode: 400,
    });
    await t.services.stats.updateSettings('cases', { cubeColumns: null }, null);
  });

  it('refuses a release longer than the data set allows, spending nothing', async () => {
    await t.services.stats.updateSettings('cases', { maxLength: 2 }, null);
    await expect(
      t.services.stats.createRelease('cases', { epsilon: 1, reportingLength: 3, seed: 'long' }, null),
    ).rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'reportingLength' }] });
    expect((await t.services.stats.dataset('cases')).epsilonSpent).toBe(0);
    await t.services.stats.updateSettings('cases', { maxLength: 3 }, null);
  });

  it('creates a release from the staff page and refuses one over budget with a 409 page', async () => {
    const made = await steward.post('/stats/manage/cases/releases', {
      epsilon: '5',
      reporting_length: '2',
      seed: 'page-1',
    });
    expect(made.statusCode).toBe(303);
    const over = await steward.post('/stats/manage/cases/releases', {
      epsilon: '6',
      reporting_length: '2',
      seed: 'page-2',
    });
    expect(over.statusCode).toBe(409);
    expect(over.body).toContain('aria-invalid="true"');
    const [release] = await t.services.stats.releases('cases');
    const file = await steward.get(`/stats/manage/cases/releases/${release!.id}.csv`);
    expect(file.statusCode).toBe(200);
    expect(file.body.split('\n')[0]).toBe(
      'prs_Gender,vic_TypeOfExploitation,vic_AgeWhenTrafficked,samen_Region',
    );
  });

  it('rebuilds the built-in registrations data set from the provider and exports HTCDS', async () => {
    const records: RegistrationRecord[] = Array.from({ length: 30 }, (_, i) => ({
      caseRef: `p-${i}`,
      registeredOn: `2025-0${1 + (i % 9)}-15`,
      gender: i % 3 ? 'Feminine' : 'Masculine',
      ageGroup: i % 2 ? '18--20' : '21--23',
      citizenship: 'NLD',
      formsOfExploitation: [i % 3 ? 'SexualExploitation' : 'ForcedLabour'],
      sector: null,
      methodsOfControl: ['FalsePromises'],
      recruitment: [],
      referringOrgType: 'police',
      region: 'PE01',
      signalAt: '2025-01-01',
      triageAt: null,
      firstReferralAt: null,
      placementAt: null,
    }));
    const stats = createStatsService({
      db: t.database.db,
      clock: t.clock.read,
      audit: t.services.audit,
      registrations: async () => records,
    });
    expect(await stats.refreshRegistrations()).toEqual({ rows: 30 });
    expect(await stats.refreshRegistrations()).toEqual({ rows: 30 });
    const dataset = await stats.dataset('nl-registrations');
    expect(dataset).toMatchObject({ builtIn: true, rowCount: 30, format: 'registrations', published: false });
    const table = await stats.table('nl-registrations', {
      dims: ['gender', 'ageGroup', 'formsOfExploitation'],
      filters: {},
    });
    expect(table.k).toBe(10);
    const csv = await stats.exportHtcds(null);
    expect(csv.split('\n')[0]).toContain('prs_Gender,prs_Citizenship,vic_TypeOfExploitation');
    const withoutProvider = createStatsService({
      db: t.database.db,
      clock: t.clock.read,
      audit: t.services.audit,
    });
    expect(await withoutProvider.refreshRegistrations()).toEqual({ skipped: true });
  });
});
