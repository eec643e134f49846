// HSDS 3.1 JSON for the import/export tests, using every part of the standard Samen stores: nested organisation
// with its own phones, websites, contacts and parent; phones per channel with languages; chat and web-form urls;
// opening hours; coverage at every level; a location with address, phone, hours and languages; contacts with a
// phone; capacity with its unit; taxonomy attributes and the sample flag.
import { stableId } from '../../ids.js';

export const TERMS = {
  sexual: 'ebfa6f0c-7cd3-5e10-8645-9942f0a1aca6',
  labour: '0d1198dd-8b0c-5419-89e5-332d242c16a7',
  shelter: 'b982ce21-d6ff-5971-9045-44a555b1e478',
  talk: 'a6864fad-a7e7-5d4f-b6df-b803cda0461b',
  victim: '7b528443-eebf-5175-be69-fcbf673d2540',
  professional: '6a6cf8d0-f2b3-577e-af10-50dcf7668e1e',
  sample: '8fefb216-077b-5cd4-a2e5-981ff9524f0c',
  voice: 'e820ef6a-8527-562d-8709-b21a662efe37',
  sms: '266eeb6d-85c4-5cdd-b75d-3d95a468c658',
  whatsapp: '3a700be4-a298-5372-b310-2cfd4a052369',
  website: 'dde79034-c2bd-5665-b332-fdabbb7ca5a9',
  chat: 'e5ab67ad-fa80-5b2e-8c27-1ae9dff0a75a',
  webForm: '227dd385-6375-54b4-96ac-185fbc930a3e',
} as const;

export const id = (name: string) => stableId(`hsds-test:${name}`);

type Obj = Record<string, unknown>;

function attribute(entity: string, linkId: string, termId: string): Obj {
  return {
    id: stableId(`attribute:${entity}:${linkId}:${termId}`),
    link_id: linkId,
    link_entity: entity,
    link_type: entity,
    taxonomy_term_id: termId,
  };
}

export const PARENT_ORG = id('org:parent');
export const ORG = id('org:main');
export const UNIT = id('unit:places');
export const LOCATION = id('location:office');

export function parentOrganization(): Obj {
  return {
    id: PARENT_ORG,
    name: 'Stichting Moeder',
    description: 'De moederorganisatie.',
    website: 'https://moeder.example.nl',
  };
}

export function organization(): Obj {
  return {
    id: ORG,
    name: 'Hulp Voorbeeld',
    alternate_name: 'HV',
    description: 'Een organisatie voor de tests.',
    email: 'info@hulp.example.nl',
    website: 'https://hulp.example.nl',
    year_incorporated: 1999,
    legal_status: 'Stichting',
    uri: 'urn:kvk:12345678',
    parent_organization_id: PARENT_ORG,
    additional_websites: [
      {
        id: id('org:url'),
        url: 'https://hulp.example.nl/en',
        label: 'English',
        attributes: [attribute('url', id('org:url'), TERMS.website)],
      },
    ],
    phones: [
      {
        id: id('org:phone'),
        number: '020 123 45 67',
        attributes: [attribute('phone', id('org:phone'), TERMS.voice)],
      },
    ],
    contacts: [
      {
        id: id('org:contact'),
        name: 'Secretariaat',
        email: 'secretariaat@hulp.example.nl',
        phones: [{ id: id('org:contact:phone'), number: '020 765 43 21', extension: 12 }],
      },
    ],
    attributes: [attribute('organization', ORG, TERMS.sample)],
  };
}

export function location(): Obj {
  return {
    id: LOCATION,
    location_type: 'physical',
    name: 'Kantoor Amsterdam',
    description: 'Binnenlopen zonder afspraak.',
    transportation: 'Tram 2',
    latitude: 52.37,
    longitude: 4.89,
    url: 'https://hulp.example.nl/kantoor',
    languages: [{ id: id('location:language:en'), code: 'en', name: 'English' }],
    addresses: [
      {
        id: id('location:address'),
        address_1: 'Damrak 1',
        city: 'Amsterdam',
        state_province: 'Noord-Holland',
        postal_code: '1012 JS',
        country: 'NL',
        address_type: 'physical',
        attention: 'Balie',
      },
    ],
    phones: [
      {
        id: id('location:phone'),
        number: '020 111 11 11',
        attributes: [attribute('phone', id('location:phone'), TERMS.voice)],
      },
    ],
    schedules: [
      {
        id: id('location:schedule'),
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR',
        opens_at: '08:00',
        closes_at: '18:00',
      },
    ],
  };
}

/** A service using everything, with its organisation nested. `name` varies to make several. */
export function service(key = 'main', overrides: Obj = {}): Obj {
  const sid = id(`service:${key}`);
  const sub = (name: string) => id(`service:${key}:${name}`);
  return {
    id: sid,
    organization_id: ORG,
    name: `Hulplijn ${key}`,
    alternate_name: 'De hulplijn',
    description: 'Praat met iemand over wat u meemaakt.\nOok anoniem.',
    url: 'https://hulp.example.nl/hulplijn',
    email: 'hulplijn@hulp.example.nl',
    status: 'active',
    interpretation_services: 'Tolk via de telefoon',
    application_process: 'Bel of chat.',
    fees_description: 'Gratis',
    wait_time: 'Geen',
    accreditations: 'Keurmerk',
    eligibility_description: 'Voor iedereen vanaf 12 jaar',
    minimum_age: 12,
    maximum_age: 99,
    alert: 'Op feestdagen gesloten',
    assured_date: '2026-10-01',
    assurer_email: 'steward@samen.example.nl',
    organization: organization(),
    phones: [
      {
        id: sub('phone:voice'),
        number: '0800 1234',
        type: 'voice',
        extension: 5,
        description: 'Dag en nacht',
        languages: [
          { id: sub('phone:voice:nl'), code: 'nl' },
          { id: sub('phone:voice:en'), code: 'en', name: 'English', note: 'op afspraak' },
        ],
        attributes: [attribute('phone', sub('phone:voice'), TERMS.voice)],
      },
      {
        id: sub('phone:sms'),
        number: '06 1234 5678',
        type: 'text',
        attributes: [attribute('phone', sub('phone:sms'), TERMS.sms)],
      },
      {
        id: sub('phone:whatsapp'),
        number: '+31 6 8765 4321',
        type: 'text',
        attributes: [attribute('phone', sub('phone:whatsapp'), TERMS.whatsapp)],
      },
    ],
    additional_urls: [
      {
        id: sub('url:chat'),
        url: 'https://hulp.example.nl/chat',
        label: 'Chat',
        attributes: [attribute('url', sub('url:chat'), TERMS.chat)],
      },
      {
        id: sub('url:form'),
        url: 'https://hulp.example.nl/melden',
        attributes: [attribute('url', sub('url:form'), TERMS.webForm)],
      },
    ],
    schedules: [
      {
        id: sub('schedule:week'),
        freq: 'WEEKLY',
        byday: 'MO,TU,WE,TH,FR',
        opens_at: '09:00',
        closes_at: '17:00:00',
        valid_from: '2026-01-01',
        valid_to: '2026-12-31',
        dtstart: '2026-01-05',
        interval: 1,
        wkst: 'MO',
        description: 'Kantooruren',
        notes: 'Niet op feestdagen',
        attending_type: 'in person',
        schedule_link: 'https://hulp.example.nl/open',
      },
      {
        id: sub('schedule:weekend'),
        freq: 'WEEKLY',
        byday: 'SA,SU',
        opens_at: '10:00',
        closes_at: '14:00',
        timezone: 1,
      },
    ],
    service_areas: [
      { id: sub('area:nl'), name: 'Nederland', uri: 'urn:samen:area:country:NL' },
      { id: sub('area:pe'), name: 'Amsterdam', uri: 'urn:samen:area:police_unit:PE-amsterdam' },
      {
        id: sub('area:vr'),
        name: 'Amsterdam-Amstelland',
        uri: 'urn:samen:area:safety_region:VR13',
        extent_type: 'text',
        extent: 'zie kaart',
      },
      {
        id: sub('area:gm'),
        name: 'Amsterdam',
        uri: 'urn:samen:area:municipality:GM0363',
        description: 'De hele gemeente',
      },
    ],
    service_at_locations: [
      {
        id: sub('sal'),
        description: 'Spreekuur',
        location: location(),
        schedules: [
          { id: sub('sal:schedule'), freq: 'WEEKLY', byday: 'WE', opens_at: '13:00', closes_at: '16:00' },
        ],
      },
    ],
    languages: [
      { id: sub('language:nl'), code: 'nl', name: 'Nederlands' },
      { id: sub('language:ar'), code: 'ar', name: 'Arabisch', note: 'met tolk' },
    ],
    contacts: [
      {
        id: sub('contact'),
        name: 'Coördinator',
        title: 'Zorgcoördinator',
        department: 'Zorg',
        email: 'zorg@hulp.example.nl',
        phones: [{ id: sub('contact:phone'), number: '020 222 22 22' }],
      },
    ],
    capacities: [
      {
        id: sub('capacity'),
        unit: { id: UNIT, name: 'plaatsen', scheme: 'samen', identifier: 'places' },
        available: 3,
        maximum: 10,
        description: 'Opvangplaatsen',
        updated: '2026-11-01T09:30:00.000Z',
      },
    ],
    attributes: [
      attribute('service', sid, TERMS.talk),
      attribute('service', sid, TERMS.shelter),
      attribute('service', sid, TERMS.victim),
      attribute('service', sid, TERMS.sexual),
      attribute('service', sid, TERMS.sample),
    ],
    ...overrides,
  };
}

/** A small service: the bare minimum HSDS and Samen need. */
export function minimalService(key: string, overrides: Obj = {}): Obj {
  return {
    id: id(`service:${key}`),
    organization_id: ORG,
    name: `Dienst ${key}`,
    status: 'active',
    service_areas: [{ id: id(`service:${key}:area`), uri: 'urn:samen:area:country:NL' }],
    ...overrides,
  };
}

/** A complete import: the parent organisation, then services nesting the organisation. */
export function fixtureFiles(): { name: string; content: string }[] {
  return [
    { name: 'parent.json', content: JSON.stringify({ organizations: [parentOrganization()] }) },
    {
      name: 'services.json',
      content: JSON.stringify([service('main'), service('second', { name: 'Chat voorbeeld' })]),
    },
  ];
}
