import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { createUser, signIn, type Agent } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';
import { sql } from 'kysely';
import { runImport } from './cli-actions.js';
import { cdpRho, defaultDelta, remainingEpsilon } from './dp.js';
import { evaluateAgainstMarginals } from './evaluate.js';
import { publishedRelease } from './test/aggregates.js';
import { createStatsService, figure } from './service.js';
import type { RegistrationRecord } from './registrations.js';
import { htcdsFixture } from './test/fixtures.js';

describeDb('data hub pages, CLI import and the registrations', () => {
  const t = useTestApp();
  let steward: Agent;
  let admin: Agent;
  let stewardUser: { id: string };
  let adminUser: { id: string };
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
    stewardUser = user;
    steward = await signIn(t, user);
    adminUser = await createUser(t.services, { role: 'admin' });
    admin = await signIn(t, adminUser as Awaited<ReturnType<typeof createUser>>);
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
    const page = await steward.get('/en/stats/manage/cases');
    expect(page.statusCode).toBe(200);
    // Staff see the protected tables of an unpublished data set before publishing it.
    const preview = await steward.get('/stats/manage/cases/preview?d1=prs_Gender&d2=samen_Region');
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('<svg');
    const previewCsv = await steward.get('/stats/manage/cases/preview/table.csv?d1=prs_Gender');
    expect(previewCsv.statusCode).toBe(200);
    // For people (issue 21 point 7): Dutch headers, semicolons and a byte-order mark; English with commas on request.
    expect(previewCsv.body.split('\r\n')[0]).toBe('\ufeffGender (HTCDS);Aantal;onderdrukt');
    const previewEn = await steward.get('/stats/manage/cases/preview/table.csv?d1=prs_Gender&dialect=en');
    expect(previewEn.body.split('\r\n')[0]).toBe('\ufeffGender (HTCDS),Number,suppressed');
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
    // The Dutch spreadsheet's dialect by default: Dutch headers and values, semicolons, a byte-order mark.
    expect(
      csv.body.startsWith('\ufeffGender (HTCDS);Vorm van uitbuiting (HTCDS);Aantal;onderdrukt\r\n'),
    ).toBe(true);
    const rows = parse(csv.body, { columns: true, bom: true, delimiter: ';' }) as Record<string, string>[];
    for (const row of rows) {
      expect(['ja', 'nee']).toContain(row.onderdrukt);
      if (row.onderdrukt === 'ja') expect(row.Aantal).toBe('');
      else expect(Number(row.Aantal) === 0 || Number(row.Aantal) >= 5).toBe(true);
    }
    expect(rows.some((r) => r.onderdrukt === 'ja')).toBe(true);
    // English on request: the same cells under English headers, with commas.
    const csvEn = await t.app.inject({
      method: 'GET',
      url: '/stats/cases/table.csv?d1=prs_Gender&d2=vic_TypeOfExploitation&f1=samen_Region%3DPE01&dialect=en',
    });
    const rowsEn = parse(csvEn.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rowsEn.map((r) => [r.Number, r.suppressed === 'yes'])).toEqual(
      rows.map((r) => [r.Aantal, r.onderdrukt === 'ja']),
    );
    // A dialect longer than any is refused before the handler runs.
    const longDialect = await t.app.inject({
      method: 'GET',
      url: `/stats/cases/table.csv?dialect=${'x'.repeat(301)}`,
    });
    expect(longDialect.statusCode).toBe(400);
    const bad = await t.app.inject({
      method: 'GET',
      url: '/stats/cases?d1=prs_Gender&f1=samen_Region%3DPE99',
      headers: { 'accept-language': 'en' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('“PE99” is not a value of samen_Region');
  });

  it("refuses an explorer address no form could make (a column sent twice, an overlong filter) with a 400 in the reader's language", async () => {
    const twice = await t.app.inject({
      method: 'GET',
      url: '/stats/cases?d1=prs_Gender&d1=samen_Region',
      headers: { 'accept-language': 'en', accept: 'text/html' },
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('<html lang="en"');
    expect(twice.body).toContain('d1');
    const long = await t.app.inject({
      method: 'GET',
      url: `/stats/cases?d1=prs_Gender&f1=${'x'.repeat(201)}`,
      headers: { accept: 'text/html' },
    });
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('mag hoogstens 200 tekens lang zijn');
    const preview = await steward.get('/en/stats/manage/cases/preview?d2=prs_Gender&d2=samen_Region');
    expect(preview.statusCode).toBe(400);
    expect(preview.body).toContain('d2');
    const notice = await steward.get(`/stats/manage/cases?done=${'x'.repeat(21)}`);
    expect(notice.statusCode).toBe(400);
    // An unknown notice within the limit is ignored: the page, without a notice.
    expect((await steward.get('/stats/manage/cases?done=other&utm_source=mail')).statusCode).toBe(200);
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
      t.services.stats.createRelease('cases', { epsilon: 1, reportingLength: 3 }, null),
    ).rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'reportingLength' }] });
    expect((await t.services.stats.dataset('cases')).rhoSpent).toBe(0);
    await t.services.stats.updateSettings('cases', { maxLength: 3 }, null);
  });

  it('attack: a release form with an epsilon sent twice or an overlong threshold list spends nothing; the page comes back filled', async () => {
    const steward = await signIn(t, await createUser(t.services, { role: 'data_steward' }));
    const before = (await t.services.stats.dataset('cases')).rhoSpent;
    const res = await steward.post('/stats/manage/cases/releases', {
      epsilon: ['1', '50'],
      reporting_length: '3',
      thresholds: '1,'.repeat(150),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('is meer dan één keer verstuurd');
    expect(res.body).toContain('mag hoogstens 200 tekens lang zijn');
    expect(res.body).toContain('value="1,50"');
    expect((await t.services.stats.dataset('cases')).rhoSpent).toBe(before);
  });

  it('attack: a data steward cannot raise the budget (403), an administrator can, with a reason, audited', async () => {
    // No ceiling yet: nothing can be spent, and the refusal names what is left.
    const none = await steward.post('/en/stats/manage/cases/releases', {
      epsilon: '1',
      reporting_length: '2',
    });
    expect(none.statusCode).toBe(409);
    expect(none.body).toContain('at most ε 0 is left');
    const raise = await steward.post('/en/stats/manage/cases/budget', {
      budget_epsilon: '1000',
      budget_delta: '0.0001',
      budget_reason: 'I want more',
    });
    expect(raise.statusCode).toBe(403);
    await expect(
      t.services.stats.setBudget(
        'cases',
        { epsilon: 1000, delta: 1e-4, reason: 'via the service' },
        { id: stewardUser.id, role: 'data_steward' },
      ),
    ).rejects.toMatchObject({ statusCode: 403 });
    // Nor through the settings (the old way).
    await expect(
      t.services.stats.updateSettings('cases', { epsilonBudget: 1000 } as object, stewardUser.id),
    ).rejects.toMatchObject({ statusCode: 403 });
    expect((await t.services.stats.dataset('cases')).rhoBudget).toBe(0);
    // An administrator: above the configured maximum (10) and without a reason, a 400 naming both; nothing set.
    const bad = await admin.post('/en/stats/manage/cases/budget', {
      budget_epsilon: '11',
      budget_delta: '0.0001',
      budget_reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('ε 11 is not allowed');
    expect(bad.body).toContain('give a reason');
    expect((await t.services.stats.dataset('cases')).rhoBudget).toBe(0);
    const ok = await admin.post('/en/stats/manage/cases/budget', {
      budget_epsilon: '8',
      budget_delta: '0.0001',
      budget_reason: 'Annual report 2026',
    });
    expect(ok.statusCode).toBe(303);
    const dataset = await t.services.stats.dataset('cases');
    expect(dataset).toMatchObject({ epsilonBudget: 8, deltaBudget: 1e-4 });
    expect(dataset.rhoBudget).toBeCloseTo(cdpRho(8, 1e-4), 12);
    const audit = await t.database.db
      .selectFrom('audit_event')
      .selectAll()
      .where('action', '=', 'stats.budget.set')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_user_id).toBe(adminUser.id);
  });

  it('shows the budget left before a release, and refuses one over it with a 409 naming what is left', async () => {
    const page = await steward.get('/en/stats/manage/cases');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Left for this release: at most ε');
    expect(page.body).not.toContain('name="budget_epsilon"');
    const made = await steward.post('/en/stats/manage/cases/releases', {
      epsilon: '5',
      reporting_length: '2',
    });
    expect(made.statusCode).toBe(303);
    // zCDP composes more tightly than adding ε (5 + 6 would still fit under 8); 5 and then 8 do not.
    const over = await steward.post('/en/stats/manage/cases/releases', {
      epsilon: '8',
      reporting_length: '2',
    });
    expect(over.statusCode).toBe(409);
    expect(over.body).toContain('aria-invalid="true"');
    const left = remainingEpsilon(
      { rho: cdpRho(8, 1e-4), spentRho: cdpRho(5, defaultDelta(400)) },
      defaultDelta(400),
    );
    expect(over.body).toContain(`at most ε ${figure(left)} is left`);
    const [release] = await t.services.stats.releases('cases');
    expect(release!.rho).toBeCloseTo(cdpRho(5, defaultDelta(400)), 12);
    const file = await steward.get(`/stats/manage/cases/releases/${release!.id}.csv`);
    expect(file.statusCode).toBe(200);
    expect(file.body.split('\n')[0]).toBe(
      'prs_Gender,vic_TypeOfExploitation,vic_AgeWhenTrafficked,samen_Region',
    );
  });

  it('attack: a posted seed is refused by name, spends nothing, and no seed is stored anywhere', async () => {
    const before = (await t.services.stats.dataset('cases')).rhoSpent;
    const seeded = await steward.post('/en/stats/manage/cases/releases', {
      epsilon: '0.5',
      reporting_length: '2',
      seed: '1',
    });
    expect(seeded.statusCode).toBe(400);
    expect(seeded.body).toContain('there is no seed');
    expect((await t.services.stats.dataset('cases')).rhoSpent).toBe(before);
    // ε and δ out of range: a 400 naming the field, nothing spent.
    const bad = await steward.post('/en/stats/manage/cases/releases', {
      epsilon: '0',
      delta: '0.5',
      reporting_length: '2',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('ε must be a number above 0 and at most 100');
    expect(bad.body).toContain('δ must be above 0 and below 0.01');
    expect((await t.services.stats.dataset('cases')).rhoSpent).toBe(before);
    await expect(
      t.services.stats.createRelease('cases', { epsilon: 0.5, reportingLength: 2, seed: '1' } as never, null),
    ).rejects.toMatchObject({ statusCode: 400, fields: [{ field: 'seed' }] });
    // No column of the release or the data set holds a seed, and no row holds one in any column.
    const columns = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_name in ('stats_release', 'stats_dataset', 'stats_budget_change')`.execute(t.database.db);
    expect(columns.rows.length).toBeGreaterThan(10);
    expect(columns.rows.filter((c) => /seed|rng|random/i.test(c.column_name))).toEqual([]);
    const rows = await t.database.db.selectFrom('stats_release').selectAll().execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(JSON.stringify(row.noise)).not.toMatch(/seed/i);
      expect(row.aggregates_csv).not.toMatch(/seed/i);
      expect(row.synthetic_csv.split('\n')[0]).not.toMatch(/seed/i);
    }
  });

  it('attack: two releases with identical arguments differ in their noise', async () => {
    await t.services.stats.createRelease('cases', { epsilon: 0.5, reportingLength: 2 }, null);
    await t.services.stats.createRelease('cases', { epsilon: 0.5, reportingLength: 2 }, null);
    const rows = await t.database.db
      .selectFrom('stats_release')
      .select(['aggregates_csv', 'epsilon'])
      .where('epsilon', '=', 0.5)
      .execute();
    expect(rows).toHaveLength(2);
    // σ > 10 on every cell at ε 0.5: identical marginals would mean the same noise.
    expect(rows[0]!.aggregates_csv).not.toBe(rows[1]!.aggregates_csv);
  });

  it('publishes a utility report computed from the two published files alone, and the exact one only to staff', async () => {
    await t.services.stats.updateSettings('cases', { published: true }, null);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/stats/datasets' });
    const cases = (
      api.json() as {
        name: string;
        releases: {
          id: string;
          reporting_length: number;
          utility: object[];
          download: string;
          aggregates: string;
        }[];
      }[]
    ).find((d) => d.name === 'cases')!;
    const [release] = cases.releases;
    const synthetic = await t.app.inject({ method: 'GET', url: release!.download });
    const aggregates = await t.app.inject({ method: 'GET', url: release!.aggregates });
    const published = publishedRelease(aggregates.body, synthetic.body, release!.reporting_length);
    const recomputed = evaluateAgainstMarginals(
      published.cube,
      published.synthetic,
      release!.reporting_length,
    );
    expect(release!.utility).toEqual(recomputed.lengths);
    // The exact report and the leakage figures: on the staff page, never in public.
    const staff = await steward.get('/en/stats/manage/cases');
    expect(staff.body).toContain('Exact evaluation (staff only)');
    expect(staff.body).toContain('appear verbatim in the synthetic file');
    const page = await t.app.inject({ method: 'GET', url: '/en/stats/cases' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Utility against the noisy counts');
    expect(page.body).not.toContain('Exact evaluation');
    expect(page.body).not.toContain('verbatim');
    expect(api.body).not.toMatch(/leak|exact|verbatim/i);
  });

  it('lists every release, its cost and who made it on the public ledger and in the API', async () => {
    await t.services.stats.updateSettings('cases', { published: true }, null);
    const page = await t.app.inject({ method: 'GET', url: '/en/stats/cases/ledger' });
    expect(page.statusCode).toBe(200);
    const releases = await t.services.stats.releases('cases');
    expect(releases).toHaveLength(3);
    for (const r of releases) expect(page.body).toContain(r.rho.toPrecision(3));
    expect(page.body).toContain('Annual report 2026');
    expect(page.body).toContain('administrator');
    expect(page.body).toContain('data steward');
    // Roles only in public, no staff names.
    expect(page.body).not.toContain('Test data_steward');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/stats/datasets' });
    const cases = (
      api.json() as { name: string; budget: Record<string, unknown>; releases: object[] }[]
    ).find((d) => d.name === 'cases')!;
    expect(cases.budget).toMatchObject({ epsilon: 8, delta: 1e-4 });
    expect(cases.budget.changes).toEqual([
      expect.objectContaining({ reason: 'Annual report 2026', set_by: 'admin' }),
    ]);
    expect(cases.releases).toHaveLength(3);
    expect(cases.releases).toContainEqual(
      expect.objectContaining({ approved_by: 'data_steward', epsilon: 5 }),
    );
    expect(cases.releases).toContainEqual(expect.objectContaining({ approved_by: null, epsilon: 0.5 }));
    await t.services.stats.updateSettings('cases', { published: false }, null);
    expect((await t.app.inject({ method: 'GET', url: '/en/stats/cases/ledger' })).statusCode).toBe(404);
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
