import { describe, expect, it } from 'vitest';
import { HttpError } from '../../platform/http/errors.js';
import { gunzipSync } from 'node:zlib';
import { CoverageIndex, type CoverageSource } from './coverage.js';
import { area, record, REGIONS, TERMS } from './test/fixtures.js';
import type { ServiceRecord } from './types.js';

function source(records: ServiceRecord[]) {
  const state = { records, version: 'v1', loads: 0 };
  const src: CoverageSource = {
    loadRecords: async () => {
      state.loads++;
      return state.records;
    },
    loadRegions: async () => REGIONS,
    loadTerms: async () => TERMS,
    loadTaxonomies: async () => [{ code: 'desk_type', name: 'Soort loket', name_en: 'Desk type' }],
    version: async () => state.version,
  };
  return { state, src };
}

describe('coverage index', () => {
  const national = record({ name: 'Landelijk meldpunt', service_areas: [area('country', 'NL')] });
  const unit = record({ name: 'Eenheid Amsterdam', service_areas: [area('police_unit', 'PE-amsterdam')] });
  const region = record({
    name: 'Veilig Thuis Amsterdam-Amstelland',
    service_areas: [area('safety_region', 'VR13')],
  });
  const municipal = record({ name: 'Gemeente Diemen', service_areas: [area('municipality', 'GM0384')] });
  const groningen = record({ name: 'Groningen regionaal', service_areas: [area('safety_region', 'VR01')] });
  const retired = record({ name: 'Opgeheven', status: 'defunct', service_areas: [area('country', 'NL')] });
  const inactive = record({
    name: 'Niet actief',
    status: 'inactive',
    service_areas: [area('municipality', 'GM0384')],
  });

  it('answers national + police unit + safety region + municipality, active services only', async () => {
    const { src } = source([national, unit, region, municipal, groningen, retired, inactive]);
    const index = new CoverageIndex(src, { today: () => '2026-11-28' });
    const names = (list: ServiceRecord[]) => list.map((r) => r.name);
    expect(names(await index.servicesFor('GM0384'))).toEqual([
      'Eenheid Amsterdam',
      'Gemeente Diemen',
      'Landelijk meldpunt',
      'Veilig Thuis Amsterdam-Amstelland',
    ]);
    expect(names(await index.servicesFor('GM0363'))).toEqual([
      'Eenheid Amsterdam',
      'Landelijk meldpunt',
      'Veilig Thuis Amsterdam-Amstelland',
    ]);
    expect(names(await index.servicesFor('GM0014'))).toEqual(['Groningen regionaal', 'Landelijk meldpunt']);
    expect(names(await index.servicesFor('GM1900'))).toEqual(['Landelijk meldpunt']);
  });

  it('lists a service covering a municipality twice over only once', async () => {
    const both = record({
      name: 'Dubbel',
      service_areas: [area('country', 'NL'), area('municipality', 'GM0363')],
    });
    const { src } = source([both]);
    const index = new CoverageIndex(src, { today: () => '2026-11-28' });
    expect((await index.servicesFor('GM0363')).map((r) => r.id)).toEqual([both.id]);
  });

  it('rejects an unknown municipality code with a 400 naming the field', async () => {
    const index = new CoverageIndex(source([national]).src, { today: () => '2026-11-28' });
    const error = await index.servicesFor('GM9999').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).statusCode).toBe(400);
    expect((error as HttpError).fields[0]).toMatchObject({
      field: 'municipality',
      params: { code: 'GM9999' },
    });
    await expect(index.responseFor('nonsense')).rejects.toBeInstanceOf(HttpError);
  });

  it('reads the database once, then answers from memory until rebuilt', async () => {
    const { state, src } = source([national]);
    const index = new CoverageIndex(src, { today: () => '2026-11-28' });
    for (let i = 0; i < 5; i++) await index.servicesFor('GM0363');
    expect(state.loads).toBe(1);
    state.records = [national, municipal];
    expect((await index.servicesFor('GM0384')).length).toBe(1);
    await index.rebuild();
    expect((await index.servicesFor('GM0384')).length).toBe(2);
    index.invalidate();
    state.records = [];
    expect((await index.servicesFor('GM0384')).length).toBe(0);
    expect(state.loads).toBe(3);
  });

  it('rebuilds when another server changed the directory version', async () => {
    const { state, src } = source([national]);
    const index = new CoverageIndex(src, { today: () => '2026-11-28' });
    await index.servicesFor('GM0363');
    expect(await index.checkForChanges()).toBe(false);
    state.records = [national, unit];
    state.version = 'v2';
    expect(await index.checkForChanges()).toBe(true);
    expect((await index.servicesFor('GM0363')).length).toBe(2);
  });

  it('polls the version in the background, without making a lookup wait', async () => {
    const { state, src } = source([national]);
    const index = new CoverageIndex(src, { today: () => '2026-11-28', pollIntervalMs: 1 });
    await index.servicesFor('GM0363');
    state.records = [national, unit];
    state.version = 'v2';
    await new Promise((r) => setTimeout(r, 5));
    await index.servicesFor('GM0363'); // starts the check
    await new Promise((r) => setTimeout(r, 20));
    expect((await index.servicesFor('GM0363')).length).toBe(2);
  });

  it('prepares the JSON answer once per municipality per day, with an ETag and the stale flag of that day', async () => {
    let today = '2026-11-28';
    const verified = record({
      name: 'Gecontroleerd',
      assured_date: '2026-06-01',
      service_areas: [area('country', 'NL')],
    });
    const index = new CoverageIndex(source([verified]).src, { today: () => today });
    const first = await index.responseFor('GM0363');
    expect(await index.responseFor('GM0363')).toBe(first);
    const body = JSON.parse(first.body.toString()) as {
      municipality: { code: string; safety_region: { code: string } };
      services: { stale: boolean }[];
    };
    expect(body.municipality).toMatchObject({ code: 'GM0363', safety_region: { code: 'VR13' } });
    expect(body.services[0]!.stale).toBe(false);
    expect(body.services[0]).toMatchObject({ covers_via: 'country', id: verified.id, name: 'Gecontroleerd' });
    expect(first.etag).toMatch(/^".+"$/);
    today = '2026-11-29';
    const next = await index.responseFor('GM0363');
    expect(next).not.toBe(first);
    expect((JSON.parse(next.body.toString()) as { services: { stale: boolean }[] }).services[0]!.stale).toBe(
      true,
    );
  });

  it('hands out the prepared answer without waiting once the index is current, and not before', async () => {
    const { state, src } = source([national]);
    const index = new CoverageIndex(src, { today: () => '2026-11-28' });
    expect(index.responseNow('GM0363')).toBeUndefined();
    const prepared = await index.responseFor('GM0363');
    expect(index.responseNow('GM0363')).toBe(prepared);
    expect(index.responseNow('GM9999')).toBeUndefined();
    index.invalidate();
    expect(index.responseNow('GM0363')).toBeUndefined();
    state.records = [national, unit];
    const rebuilt = await index.responseFor('GM0363');
    expect(rebuilt).not.toBe(prepared);
    expect(index.responseNow('GM0363')).toBe(rebuilt);
  });

  it('keeps compressed forms of the answer, each with its own ETag', async () => {
    const index = new CoverageIndex(source([national]).src, { today: () => '2026-11-28' });
    const prepared = await index.responseFor('GM0363');
    const gzip = prepared.encoded('gzip');
    expect(gunzipSync(gzip.body).equals(prepared.body)).toBe(true);
    expect(prepared.encoded('gzip')).toBe(gzip);
    expect(gzip.etag).not.toBe(prepared.etag);
    expect(prepared.encoded('br').body.length).toBeGreaterThan(0);
  });
});
