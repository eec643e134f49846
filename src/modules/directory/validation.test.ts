import { describe, expect, it } from 'vitest';
import { I18n } from '../../platform/i18n/index.js';
import { regions, TERMS } from './test/fixtures.js';
import type { ServiceDraft } from './types.js';
import {
  isEmail,
  isPhoneNumber,
  isTime,
  isWebUrl,
  validateRetireReason,
  validateService,
} from './validation.js';

const ctx = { regions: regions(), terms: new Map(TERMS.map((t) => [t.id, t])), organizationExists: true };

function draft(overrides: Partial<ServiceDraft> = {}): ServiceDraft {
  return {
    organization_id: '10000000-0000-4000-8000-000000000001',
    name: 'Meldpunt',
    alternate_name: null,
    description: '',
    url: null,
    email: null,
    status: 'active',
    interpretation_services: null,
    application_process: null,
    fees_description: null,
    wait_time: null,
    accreditations: null,
    eligibility_description: null,
    minimum_age: null,
    maximum_age: null,
    alert: null,
    phones: [],
    urls: [],
    schedules: [],
    service_areas: [{ area_type: 'country', area_code: 'NL' }],
    languages: [],
    taxonomy_term_ids: [],
    ...overrides,
  };
}

const fields = (d: ServiceDraft, c = ctx) =>
  validateService(d, c).map((p) => `${p.field}:${p.key.split('.').pop()}`);

describe('service validation', () => {
  it('accepts a complete, valid service', () => {
    expect(
      validateService(
        draft({
          email: 'info@comensha.nl',
          url: 'https://www.comensha.nl/',
          minimum_age: 12,
          maximum_age: 23,
          phones: [
            { number: '033-4481186', channel: 'voice' },
            { number: '112', channel: 'voice' },
          ],
          urls: [{ url: 'https://chat.example.nl', channel: 'chat' }],
          schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }],
          service_areas: [
            { area_type: 'safety_region', area_code: 'VR13' },
            { area_type: 'police_unit', area_code: 'PE-amsterdam' },
          ],
          languages: ['nl', 'en'],
          taxonomy_term_ids: [TERMS[0]!.id],
        }),
        ctx,
      ),
    ).toEqual([]);
  });

  it('names each wrong field', () => {
    expect(
      fields(
        draft({
          name: ' ',
          organization_id: '',
          email: 'not-an-email',
          url: 'javascript:alert(1)',
          status: 'open' as ServiceDraft['status'],
          minimum_age: 151,
          maximum_age: Number.NaN,
          phones: [
            { number: 'call us', channel: 'voice' },
            { number: '0800-7000', channel: 'pigeon' as 'voice' },
          ],
          urls: [{ url: 'www.example.nl', channel: 'website' }],
          schedules: [{ byday: null, opens_at: '9 uur', closes_at: null }],
          service_areas: [
            { area_type: 'municipality', area_code: 'GM9999' },
            { area_type: 'police_unit', area_code: 'VR13' },
          ],
          languages: ['dutch'],
          taxonomy_term_ids: ['00000000-0000-4000-8000-00000000dead'],
        }),
      ),
    ).toEqual([
      'name:required',
      'organization_id:required',
      'status:status',
      'email:email',
      'url:url',
      'minimum_age:ageRange',
      'maximum_age:wholeNumber',
      'phones[0].number:phone',
      'phones[1].channel:choice',
      'urls[0].url:url',
      'schedules[0].byday:days',
      'schedules[0].opens_at:time',
      'schedules[0].closes_at:required',
      'service_areas[0].area_code:unknownArea',
      'service_areas[1].area_code:unknownArea',
      'languages:language',
      'taxonomy_term_ids:unknownTerm',
    ]);
  });

  it('limits the name to 200 characters and checks the age order', () => {
    expect(fields(draft({ name: 'x'.repeat(201) }))).toEqual(['name:tooLong']);
    expect(fields(draft({ name: 'x'.repeat(200) }))).toEqual([]);
    expect(fields(draft({ minimum_age: 18, maximum_age: 12 }))).toEqual(['maximum_age:ageOrder']);
    expect(fields(draft({ minimum_age: 0, maximum_age: 150 }))).toEqual([]);
  });

  it('requires an organisation that exists and at least one area', () => {
    expect(fields(draft(), { ...ctx, organizationExists: false })).toEqual([
      'organization_id:unknownOrganization',
    ]);
    expect(fields(draft({ service_areas: [] }))).toEqual(['service_areas:areaRequired']);
  });

  it('requires a reason to retire', () => {
    expect(validateRetireReason('').map((p) => p.field)).toEqual(['reason']);
    expect(validateRetireReason('Opgeheven per 1 januari')).toEqual([]);
  });

  it('explains every problem in Dutch and in English', () => {
    const i18n = new I18n();
    const problems = validateService(
      draft({
        name: '',
        email: 'x',
        minimum_age: 200,
        service_areas: [{ area_type: 'municipality', area_code: 'GM9999' }],
      }),
      ctx,
    );
    const nl = i18n.translator('nl');
    const en = i18n.translator('en');
    const messages = problems.map((p) => [nl(p.key, p.params), en(p.key, p.params)]);
    expect(messages).toEqual([
      ['Vul dit in', 'Fill this in'],
      ['Vul een e-mailadres in zoals naam@voorbeeld.nl', 'Enter an email address like name@example.nl'],
      ['Vul een leeftijd in van 0 tot en met 150', 'Enter an age from 0 to 150'],
      [
        expect.stringContaining('‘GM9999’ is geen bekend gebied'),
        expect.stringContaining('“GM9999” is not a known area'),
      ],
    ]);
  });
});

describe('formats', () => {
  it('knows phone numbers as people write them', () => {
    for (const ok of ['112', '0900-8844', '0800-7000', '+31 20 123 4567', '(020) 123 45 67', '06-12345678'])
      expect(isPhoneNumber(ok), ok).toBe(true);
    for (const bad of ['12', 'call', '0900-88x4', '+', '1234567890123456'])
      expect(isPhoneNumber(bad), bad).toBe(false);
  });
  it('knows web addresses, email addresses and times', () => {
    expect(isWebUrl('https://www.fier.nl/chat')).toBe(true);
    expect(isWebUrl('http://localhost')).toBe(false);
    expect(isWebUrl('ftp://example.nl')).toBe(false);
    expect(isEmail('info@fairwork.nu')).toBe(true);
    expect(isEmail('info@fairwork')).toBe(false);
    expect(isTime('00:00')).toBe(true);
    expect(isTime('23:59')).toBe(true);
    expect(isTime('24:00')).toBe(false);
    expect(isTime('9:00')).toBe(false);
  });
});
