// Small in-memory fixtures for the directory's unit tests: a slice of the real regions and service records.
import { RegionLookup } from '../regions.js';
import type { Regions, ServiceRecord, TaxonomyTerm } from '../types.js';

export const REGIONS: Regions = {
  policeUnits: [
    { code: 'PE-amsterdam', name: 'Amsterdam', riec_name: 'Amsterdam-Amstelland' },
    { code: 'PE-noord-nederland', name: 'Noord-Nederland', riec_name: 'Noord-Nederland' },
  ],
  safetyRegions: [
    { code: 'VR13', name: 'Amsterdam-Amstelland', police_unit_code: 'PE-amsterdam' },
    { code: 'VR01', name: 'Groningen', police_unit_code: 'PE-noord-nederland' },
    { code: 'VR02', name: 'Fryslân', police_unit_code: 'PE-noord-nederland' },
  ],
  municipalities: [
    { code: 'GM0363', name: 'Amsterdam', province: 'Noord-Holland', safety_region_code: 'VR13' },
    { code: 'GM0384', name: 'Diemen', province: 'Noord-Holland', safety_region_code: 'VR13' },
    { code: 'GM0014', name: 'Groningen', province: 'Groningen', safety_region_code: 'VR01' },
    { code: 'GM1900', name: 'Súdwest-Fryslân', province: 'Fryslân', safety_region_code: 'VR02' },
  ],
};

export const regions = () => new RegionLookup(REGIONS);

export const TERMS: TaxonomyTerm[] = [
  {
    id: 'd0eefa54-9eb0-5fe2-b402-f606cf908df3',
    taxonomy: 'desk_type',
    code: 'reporting_point',
    name_nl: 'Meldpunt',
    name_en: 'Reporting point',
    parent_id: null,
  },
  {
    id: 'f4aa4c0c-e796-5633-89da-090a25bef6d3',
    taxonomy: 'desk_type',
    code: 'police',
    name_nl: 'Politie',
    name_en: 'Police',
    parent_id: null,
  },
  {
    id: '8fefb216-077b-5cd4-a2e5-981ff9524f0c',
    taxonomy: 'record_status',
    code: 'sample',
    name_nl: 'Voorbeeldgegevens',
    name_en: 'Sample data',
    parent_id: null,
  },
];

let n = 0;
export function record(
  overrides: Partial<ServiceRecord> & Pick<ServiceRecord, 'service_areas'>,
): ServiceRecord {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id,
    organization_id: '10000000-0000-4000-8000-000000000001',
    organization: {
      id: '10000000-0000-4000-8000-000000000001',
      name: 'Organisatie',
      alternate_name: null,
      description: '',
      email: null,
      website: null,
      legal_status: null,
      uri: null,
      parent_organization_id: null,
      is_sample: false,
    },
    name: `Dienst ${n}`,
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
    assured_date: null,
    assurer_email: null,
    assured_by_user_id: null,
    is_sample: false,
    version: 1,
    last_modified: '2026-01-01T00:00:00.000Z',
    assured_by: null,
    source_type: 'local',
    source_name: null,
    source_imported_at: null,
    phones: [],
    urls: [],
    schedules: [],
    locations: [],
    languages: [],
    capacities: [],
    contacts: [],
    taxonomy_term_ids: [],
    ...overrides,
  };
}

export const area = (area_type: ServiceRecord['service_areas'][number]['area_type'], area_code: string) => ({
  id: `${area_type}-${area_code}`,
  area_type,
  area_code,
  name: null,
  description: null,
});
