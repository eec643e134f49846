import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { createUser } from '../../../test/auth.js';
import { describeDb } from '../../../test/db-suite.js';
import { aggregate, tableKey } from './cube.js';
import { readMicrodata } from './repository.js';
import { CTDC_VP_FILE, sharedFileAvailable } from './test/shared.js';

const available = sharedFileAvailable(CTDC_VP_FILE);

interface ApiCell {
  count: number | null;
  suppressed: boolean;
  [dim: string]: string | number | boolean | null;
}

describeDb('the data hub on the CTDC victim–perpetrator file', () => {
  const t = useTestApp();
  const text = available ? readFileSync(CTDC_VP_FILE, 'utf8') : '';
  // The expected numbers, read independently of the module with csv-parse.
  const records = available ? (parse(text, { columns: true }) as Record<string, string>[]) : [];
  const countBy = (column: string) => {
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r[column]!, (counts.get(r[column]!) ?? 0) + 1);
    return counts;
  };

  beforeAll(async () => {
    if (!available) return;
    const outcome = await t.services.stats.importDataset({
      name: 'ctdc-vp',
      title: 'CTDC victim–perpetrator',
      format: 'ctdc-vp',
      text,
      actorUserId: null,
    });
    expect(outcome).toEqual({ ok: true, rows: 21195, columns: 16 });
  });

  describe.skipIf(!available)('import, exact counts, disclosure control', () => {
    it('imports all 21,195 rows, and counts by gender and majorityStatus are exact before disclosure control', async () => {
      const [dataset] = await t.services.stats.listDatasets({ publishedOnly: false });
      expect(dataset).toMatchObject({ name: 'ctdc-vp', rowCount: 21195, published: false, k: 10 });
      const data = await readMicrodata(t.database.db, 'ctdc-vp');
      expect(data.rows).toBe(21195);
      const cube = aggregate(data, 1);
      for (const column of ['gender', 'majorityStatus']) {
        const c = data.columns.findIndex((col) => col.name === column);
        const counts = cube.tables.get(tableKey([c]))!.counts;
        const expected = countBy(column);
        expect(expected.size).toBeGreaterThan(1);
        for (const [value, n] of expected) expect(counts[data.columns[c]!.values.indexOf(value)]).toBe(n);
      }
    });

    it('answers only published data sets; a published table keeps every invariant of disclosure control', async () => {
      const url = '/api/v1/stats/datasets/ctdc-vp/table?dims=gender,majorityStatus,IP_Relation';
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
      // All 16 columns: too many combinations to audit, so it cannot be published (409 naming the field).
      await expect(t.services.stats.setPublished('ctdc-vp', true, null)).rejects.toMatchObject({
        statusCode: 409,
        fields: [{ field: 'cubeColumns', key: 'stats.audit.tooLarge' }],
      });
      expect(await t.services.stats.dataset('ctdc-vp')).toMatchObject({ published: false, audit: null });
      await t.services.stats.updateSettings(
        'ctdc-vp',
        { cubeColumns: ['gender', 'majorityStatus', 'IP_Relation', 'isForcedLabour'], published: true },
        null,
      );
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { cells: ApiCell[]; k: number; total: number | null };
      expect(body.k).toBe(10);
      expect(body.total).toBe(21195);
      const suppressed = body.cells.filter((c) => c.suppressed);
      expect(suppressed.length).toBeGreaterThan(0);
      // Published cells are exact, and zero or at least k.
      const exact = new Map<string, number>();
      for (const r of records) {
        const key = [r.gender || null, r.majorityStatus || null, r.IP_Relation || null].join('|');
        exact.set(key, (exact.get(key) ?? 0) + 1);
      }
      for (const cell of body.cells) {
        const truth = exact.get([cell.gender, cell.majorityStatus, cell.IP_Relation].join('|')) ?? 0;
        if (cell.suppressed) {
          expect(cell.count).toBeNull();
          expect(truth).toBeGreaterThan(0);
        } else {
          expect(cell.count).toBe(truth);
          expect(truth === 0 || truth >= 10).toBe(true);
        }
      }
      // No row, column or slice of the table has exactly one suppressed cell with a published margin.
      for (const dim of ['gender', 'majorityStatus', 'IP_Relation']) {
        const others = ['gender', 'majorityStatus', 'IP_Relation'].filter((d) => d !== dim);
        const lines = new Map<string, ApiCell[]>();
        for (const cell of body.cells) {
          const key = JSON.stringify(others.map((o) => cell[o]));
          lines.set(key, [...(lines.get(key) ?? []), cell]);
        }
        for (const [key, cells] of lines) {
          const hidden = cells.filter((c) => c.suppressed).length;
          if (hidden !== 1) continue;
          // Then the margin must be suppressed too: look it up.
          const margin = await t.app.inject({
            method: 'GET',
            url: `/api/v1/stats/datasets/ctdc-vp/table?dims=${others.join(',')}`,
          });
          const m = (margin.json() as { cells: ApiCell[] }).cells.find(
            (c) => JSON.stringify(others.map((o) => c[o])) === key,
          )!;
          expect(m.suppressed).toBe(true);
        }
      }
    });

    it('answers a filtered table as a slice of the same protected cube (no differencing gain)', async () => {
      const get = async (url: string) =>
        (await t.app.inject({ method: 'GET', url })).json() as { cells: ApiCell[]; total: number | null };
      const whole = await get('/api/v1/stats/datasets/ctdc-vp/table?dims=gender,majorityStatus,IP_Relation');
      const slice = await get(
        '/api/v1/stats/datasets/ctdc-vp/table?dims=gender,IP_Relation&majorityStatus=Minor',
      );
      for (const cell of slice.cells) {
        const same = whole.cells.find(
          (c) =>
            c.gender === cell.gender && c.IP_Relation === cell.IP_Relation && c.majorityStatus === 'Minor',
        )!;
        expect(cell.count).toBe(same.count);
      }
    });

    it('refuses unknown columns and values with a 400 naming the field, in the asked language', async () => {
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/v1/stats/datasets/ctdc-vp/table?dims=gender,shoeSize',
        headers: { 'accept-language': 'en' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.fields[0]).toMatchObject({ field: 'dims' });
      expect(bad.json().error.fields[0].message).toContain('shoeSize');
      const value = await t.app.inject({
        method: 'GET',
        url: '/api/v1/stats/datasets/ctdc-vp/table?dims=gender&majorityStatus=Elderly',
      });
      expect(value.statusCode).toBe(400);
      expect(value.json().error.fields[0].field).toBe('majorityStatus');
      const list = await t.app.inject({ method: 'GET', url: '/api/v1/stats/datasets' });
      expect(list.statusCode).toBe(200);
      expect(list.json()[0]).toMatchObject({ name: 'ctdc-vp', k: 10, total: 21195 });
    });

    it('makes a DP release within budget, refuses one over it, and serves the synthetic file', async () => {
      const admin = await createUser(t.services, { role: 'admin' });
      await t.services.stats.setBudget(
        'ctdc-vp',
        { epsilon: 3, delta: 1e-5, reason: 'database test' },
        { id: admin.id, role: 'admin' },
      );
      const release = await t.services.stats.createRelease(
        'ctdc-vp',
        { epsilon: 2, delta: 1e-5, reportingLength: 2 },
        null,
      );
      expect(release.records).toBeGreaterThan(20000);
      expect(release.utility.lengths).toHaveLength(2);
      const before = await t.services.stats.budget('ctdc-vp');
      expect(before.spentEpsilon).toBeCloseTo(2, 6);
      await expect(
        t.services.stats.createRelease('ctdc-vp', { epsilon: 2.5, delta: 1e-5, reportingLength: 2 }, null),
      ).rejects.toMatchObject({ statusCode: 409, fields: [{ field: 'epsilon' }] });
      expect((await t.services.stats.budget('ctdc-vp')).spentRho).toBe(before.spentRho);
      const csv = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stats/datasets/ctdc-vp/releases/${release.id}/synthetic.csv`,
      });
      expect(csv.statusCode).toBe(200);
      const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
      expect(rows).toHaveLength(release.records);
      expect(Object.keys(rows[0]!)).toEqual(Object.keys(records[0]!));
      // The noisy marginals it was sampled from: a row per combination (no missing values), lengths 1-2.
      const aggregates = await t.app.inject({
        method: 'GET',
        url: `/api/v1/stats/datasets/ctdc-vp/releases/${release.id}/aggregates.csv`,
      });
      expect(aggregates.statusCode).toBe(200);
      const combos = parse(aggregates.body, { columns: true }) as Record<string, string>[];
      expect(combos[0]).toMatchObject({ length: '0', count: String(release.records) });
      for (const combo of combos.slice(1)) {
        const filled = Object.keys(records[0]!).filter((c) => combo[c] !== '');
        expect(filled.length).toBe(Number(combo.length));
        expect(Number(combo.count)).toBeGreaterThan(0);
      }
      expect(new Set(combos.map((c) => c.length))).toEqual(new Set(['0', '1', '2']));
      // The evaluator reads the file back and reports the same utility.
      const report = await t.services.stats.evaluate('ctdc-vp', csv.body, 2);
      expect(report.lengths[0]!.meanAbsoluteError).toBeCloseTo(
        release.exactUtility.lengths[0]!.meanAbsoluteError,
        6,
      );
    });
  });
});

describeDb('the data hub: all-or-nothing import, registrations', () => {
  const t = useTestApp();

  it('writes nothing when a row is bad', async () => {
    const outcome = await t.services.stats.importDataset({
      name: 'bad',
      format: 'htcds',
      text: 'prs_Gender,vic_AgeWhenTrafficked\nFeminine,19\nMasculine,old\n',
      actorUserId: null,
    });
    expect(outcome).toMatchObject({ ok: false, total: 1 });
    expect(await t.services.stats.listDatasets({ publishedOnly: false })).toEqual([]);
  });
});
