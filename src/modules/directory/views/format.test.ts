import { describe, expect, it } from 'vitest';
import { I18n } from '../../../platform/i18n/index.js';
import { regions } from '../test/fixtures.js';
import { areaLabel, coverageSummary, describeHours, phoneLink, whatsappLink } from './format.js';

const i18n = new I18n();
const schedule = (byday: string | null, opens_at: string, closes_at: string) => ({
  id: 'x',
  byday,
  opens_at,
  closes_at,
  freq: 'WEEKLY' as const,
  valid_from: null,
  valid_to: null,
  description: null,
  timezone: null,
});

describe('opening hours in words', () => {
  it('recognises 24/7', () => {
    expect(
      describeHours([schedule('MO,TU,WE,TH,FR,SA,SU', '00:00', '23:59')], i18n.translator('nl'), 'nl'),
    ).toEqual(['24 uur per dag, 7 dagen per week bereikbaar']);
    expect(describeHours([schedule(null, '00:00', '24:00')], i18n.translator('en'), 'en')).toEqual([
      'Open 24 hours a day, 7 days a week',
    ]);
  });
  it('describes day ranges in the reader language', () => {
    expect(
      describeHours([schedule('MO,TU,WE,TH,FR', '09:00', '17:00')], i18n.translator('nl'), 'nl'),
    ).toEqual(['maandag t/m vrijdag, 09:00–17:00 uur']);
    expect(
      describeHours(
        [schedule('MO,WE,FR', '09:00', '12:30'), schedule('SA', '10:00', '14:00')],
        i18n.translator('en'),
        'en',
      ),
    ).toEqual(['Monday, Wednesday, and Friday, 09:00–12:30', 'Saturday, 10:00–14:00']);
  });
});

describe('contact links and areas', () => {
  it('links WhatsApp, text and phone numbers', () => {
    expect(whatsappLink('06-12345678')).toBe('https://wa.me/31612345678');
    expect(whatsappLink('+31 6 1234 5678')).toBe('https://wa.me/31612345678');
    expect(phoneLink({ number: '0900-8844', channel: 'voice' })).toBe('tel:09008844');
    expect(phoneLink({ number: '0800 7000', channel: 'sms' })).toBe('sms:08007000');
  });
  it('names areas and sums up coverage', () => {
    const t = i18n.translator('en');
    expect(areaLabel({ area_type: 'safety_region', area_code: 'VR13', name: null }, regions(), t)).toBe(
      'Amsterdam-Amstelland (safety region)',
    );
    const many = ['GM0363', 'GM0384', 'GM0014', 'GM1900'].map((c) => ({
      id: c,
      area_type: 'municipality' as const,
      area_code: c,
      name: null,
      description: null,
    }));
    expect(coverageSummary({ service_areas: many }, regions(), t)).toBe(
      'Amsterdam (municipality), Diemen (municipality), Groningen (municipality) and 1 more area',
    );
    expect(
      coverageSummary(
        {
          service_areas: [{ id: 'n', area_type: 'country', area_code: 'NL', name: null, description: null }],
        },
        regions(),
        i18n.translator('nl'),
      ),
    ).toBe('Heel Nederland');
  });
});
