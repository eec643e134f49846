import { describe, expect, it } from 'vitest';
import { draftToForm, parseServiceForm, recordToDraft, withMoreRows } from './form.js';
import { area, record, regions } from './test/fixtures.js';

describe('the steward form', () => {
  it('skips empty rows and maps problems back to the row they came from', () => {
    const parsed = parseServiceForm(
      {
        name: ' Meldpunt ',
        organization_id: 'x',
        status: 'active',
        phones_rows: '3',
        'phones[0].number': '',
        'phones[0].channel': 'voice',
        'phones[1].number': '0900-8844',
        'phones[1].channel': 'whatsapp',
        'phones[2].number': 'bel ons',
        service_areas_rows: '2',
        'service_areas[0].area_code': 'amsterdam',
        'service_areas[1].area_type': 'police_unit',
        'service_areas[1].area_code': 'VR13',
        schedules_rows: '1',
        'schedules[0].byday': ['FR', 'MO'],
        'schedules[0].opens_at': '09:00',
        'schedules[0].closes_at': '17:00',
        minimum_age: 'twaalf',
        languages: 'NL, en;pl',
        taxonomy_term_ids: ['a', 'a', 'b'],
      },
      regions(),
    );
    const d = parsed.draft;
    expect(d.name).toBe('Meldpunt');
    expect(d.phones).toEqual([
      { number: '0900-8844', channel: 'whatsapp', description: null },
      { number: 'bel ons', channel: 'voice', description: null },
    ]);
    expect(parsed.formField('phones[1].number')).toBe('phones[2].number');
    expect(d.service_areas).toEqual([
      { area_type: 'municipality', area_code: 'GM0363' },
      { area_type: 'police_unit', area_code: 'VR13' },
    ]);
    expect(d.schedules).toEqual([
      { byday: 'MO,FR', opens_at: '09:00', closes_at: '17:00', description: null },
    ]);
    expect(d.minimum_age).toBeNaN();
    expect(d.languages).toEqual(['nl', 'en', 'pl']);
    expect(d.taxonomy_term_ids).toEqual(['a', 'b']);
  });

  it('turns "open 24/7" into one schedule for every day', () => {
    const parsed = parseServiceForm(
      { always_open: 'yes', schedules_rows: '1', 'schedules[0].opens_at': '09:00' },
      regions(),
    );
    expect(parsed.draft.schedules).toEqual([
      { byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '23:59', description: null },
    ]);
    expect(parsed.formField('schedules[0].byday')).toBe('always_open');
  });

  it('round-trips a record through the form values', () => {
    const r = record({
      service_areas: [area('safety_region', 'VR13')],
      phones: [
        {
          id: 'p',
          number: '112',
          channel: 'voice',
          extension: null,
          type: null,
          description: null,
          languages: [],
        },
      ],
      minimum_age: 12,
    });
    const values = draftToForm(recordToDraft(r), r.version, new Set());
    expect(values.phones_rows).toBe('2');
    const again = parseServiceForm(values, regions()).draft;
    expect(again).toEqual(recordToDraft(r));
    expect(withMoreRows(values, 'phones').phones_rows).toBe('4');
  });
});
