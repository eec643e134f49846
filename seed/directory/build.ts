// Generates the sample directory: seed/directory/{national,regional,municipal}.json, each a JSON array of HSDS 3.1
// services with the organisation nested. Run with `npx tsx seed/directory/build.ts` after changing source.ts or the
// region migration, and commit the JSON with it. Ids are UUIDv5s of stable names, so loading the files again updates
// the same records instead of adding new ones.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import {
  attributeId,
  loadRegions,
  loadTerms,
  sampleId,
  SEED_DIR,
  type RegionData,
  type Term,
} from './lib.js';
import {
  ALL_FORMS,
  ASSURER_EMAIL,
  COMENSHA_PHONE,
  COORDINATORS,
  MARECHAUSSEE_SCHIPHOL,
  NATIONAL_SERVICES,
  OMM_CITIES,
  ORGANIZATIONS,
  type AreaSpec,
  type OrganizationSpec,
  type ScheduleSpec,
  type ServiceSpec,
  type TermSpec,
} from './source.js';

// ---------------------------------------------------------------------------------------------------------------
// The HSDS 3.1 shapes written (a subset of the standard's fields; absent values are left out, never null)
// ---------------------------------------------------------------------------------------------------------------

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_entity: string;
  link_type: string;
  taxonomy_term_id: string;
  label: string;
}
export interface HsdsOrganization {
  id: string;
  name: string;
  alternate_name?: string;
  description: string;
  email?: string;
  website?: string;
  parent_organization_id?: string;
  attributes: HsdsAttribute[];
}
export interface HsdsPhone {
  id: string;
  service_id: string;
  number: string;
  type: string;
  description: string;
  languages: never[];
  attributes: HsdsAttribute[];
}
export interface HsdsUrl {
  id: string;
  service_id: string;
  label: string;
  url: string;
  attributes: HsdsAttribute[];
}
export interface HsdsSchedule {
  id: string;
  service_id: string;
  freq: 'WEEKLY';
  byday: string;
  opens_at?: string;
  closes_at?: string;
  description: string;
}
export interface HsdsServiceArea {
  id: string;
  service_id: string;
  name: string;
  description?: string;
  uri: string;
}
export interface HsdsLanguage {
  id: string;
  service_id: string;
  code: string;
  name: string;
  note?: string;
}
export interface HsdsCapacity {
  id: string;
  service_id: string;
  unit: { id: string; name: string };
  available: number;
  maximum?: number;
  description: string;
  updated: string;
}
export interface HsdsService {
  id: string;
  organization_id: string;
  name: string;
  alternate_name?: string;
  description: string;
  url?: string;
  email?: string;
  status: 'active';
  application_process: string;
  fees_description?: string;
  eligibility_description?: string;
  minimum_age?: number;
  maximum_age?: number;
  alert?: string;
  assured_date: string;
  assurer_email: string;
  organization: HsdsOrganization;
  phones: HsdsPhone[];
  additional_urls: HsdsUrl[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  service_at_locations: never[];
  languages: HsdsLanguage[];
  capacities: HsdsCapacity[];
  attributes: HsdsAttribute[];
}

/** The files written, in load order. */
export const FILES = ['national.json', 'regional.json', 'municipal.json'] as const;
export type SampleFiles = Record<(typeof FILES)[number], HsdsService[]>;

const LANGUAGE_NAMES: Record<string, string> = { nl: 'Nederlands', en: 'Engels' };
const ALL_DAYS = 'MO,TU,WE,TH,FR,SA,SU';

class Builder {
  private readonly terms = new Map<string, string>();
  private readonly orgs = new Map<string, OrganizationSpec>();

  constructor(
    private readonly regions: RegionData,
    terms: Term[],
  ) {
    for (const t of terms) this.terms.set(`${t.taxonomy}:${t.code}`, t.id);
  }

  addOrganization(spec: OrganizationSpec): void {
    if (this.orgs.has(spec.key)) throw new Error(`organisation ${spec.key} defined twice`);
    this.orgs.set(spec.key, spec);
  }

  termId(taxonomy: string, code: string): string {
    const id = this.terms.get(`${taxonomy}:${code}`);
    if (!id) throw new Error(`unknown taxonomy term ${taxonomy}:${code}`);
    return id;
  }

  private attribute(entity: string, linkId: string, taxonomy: string, code: string): HsdsAttribute {
    const termId = this.termId(taxonomy, code);
    return {
      id: attributeId(entity, linkId, termId),
      link_id: linkId,
      link_entity: entity,
      link_type: entity,
      taxonomy_term_id: termId,
      label: code,
    };
  }

  organization(key: string): HsdsOrganization {
    const spec = this.orgs.get(key);
    if (!spec) throw new Error(`unknown organisation ${key}`);
    const id = sampleId(`organization:${key}`);
    return {
      id,
      name: spec.name,
      ...(spec.alternate_name ? { alternate_name: spec.alternate_name } : {}),
      description: spec.description,
      ...(spec.email ? { email: spec.email } : {}),
      ...(spec.website ? { website: spec.website } : {}),
      ...(spec.parent ? { parent_organization_id: this.organization(spec.parent).id } : {}),
      attributes: [this.attribute('organization', id, 'record_status', 'sample')],
    };
  }

  /** Resolves a municipality given by code or by its exact CBS name. */
  private municipality(codeOrName: string) {
    const m = this.regions.municipalities.find((x) => x.code === codeOrName || x.name === codeOrName);
    if (!m) throw new Error(`unknown municipality ${codeOrName}`);
    return m;
  }

  private area(serviceKey: string, serviceId: string, spec: AreaSpec): HsdsServiceArea {
    let code = spec.code;
    let name: string;
    switch (spec.type) {
      case 'country':
        if (code !== 'NL') throw new Error(`unknown country ${code}`);
        name = 'Nederland';
        break;
      case 'police_unit': {
        const unit = this.regions.policeUnits.find((u) => u.code === code);
        if (!unit) throw new Error(`unknown police unit ${code}`);
        name = `Politie-eenheid ${unit.name}`;
        break;
      }
      case 'safety_region': {
        const region = this.regions.safetyRegions.find((r) => r.code === code);
        if (!region) throw new Error(`unknown safety region ${code}`);
        name = `Veiligheidsregio ${region.name}`;
        break;
      }
      case 'municipality': {
        const m = this.municipality(code);
        code = m.code;
        name = `Gemeente ${m.name}`;
        break;
      }
    }
    return {
      id: sampleId(`service_area:${serviceKey}:${spec.type}:${code}`),
      service_id: serviceId,
      name,
      ...(spec.description ? { description: spec.description } : {}),
      uri: `urn:samen:area:${spec.type}:${code}`,
    };
  }

  private schedule(serviceKey: string, serviceId: string, spec: ScheduleSpec, i: number): HsdsSchedule {
    const id = sampleId(`schedule:${serviceKey}:${i}`);
    if ('always' in spec) {
      return {
        id,
        service_id: serviceId,
        freq: 'WEEKLY',
        byday: ALL_DAYS,
        opens_at: '00:00',
        closes_at: '23:59',
        description: '24/7',
      };
    }
    return {
      id,
      service_id: serviceId,
      freq: 'WEEKLY',
      byday: spec.byday,
      ...(spec.opens_at ? { opens_at: spec.opens_at } : {}),
      ...(spec.closes_at ? { closes_at: spec.closes_at } : {}),
      description: spec.description,
    };
  }

  private serviceAttributes(id: string, terms: TermSpec, areas: AreaSpec[]): HsdsAttribute[] {
    const national = areas.some((a) => a.type === 'country');
    const groups: [string, string[]][] = [
      ['exploitation_form', terms.exploitation_form],
      ['need', terms.need],
      ['audience', terms.audience],
      ['desk_type', terms.desk_type],
      ['scope', [national ? 'national' : 'regional']],
      ['access', terms.access ?? []],
      ['record_status', ['sample']],
    ];
    return groups.flatMap(([taxonomy, codes]) =>
      codes.map((code) => this.attribute('service', id, taxonomy, code)),
    );
  }

  service(spec: ServiceSpec): HsdsService {
    const id = sampleId(`service:${spec.key}`);
    const organization = this.organization(spec.organization);
    if (spec.areas.length === 0) throw new Error(`${spec.key}: no service area`);
    return {
      id,
      organization_id: organization.id,
      name: spec.name,
      ...(spec.alternate_name ? { alternate_name: spec.alternate_name } : {}),
      description: spec.description,
      ...(spec.url ? { url: spec.url } : {}),
      ...(spec.email ? { email: spec.email } : {}),
      status: 'active',
      application_process: spec.application_process,
      ...(spec.fees_description ? { fees_description: spec.fees_description } : {}),
      ...(spec.eligibility_description ? { eligibility_description: spec.eligibility_description } : {}),
      ...(spec.minimum_age !== undefined ? { minimum_age: spec.minimum_age } : {}),
      ...(spec.maximum_age !== undefined ? { maximum_age: spec.maximum_age } : {}),
      ...(spec.alert ? { alert: spec.alert } : {}),
      assured_date: spec.assured_date,
      assurer_email: ASSURER_EMAIL,
      organization,
      phones: (spec.phones ?? []).map((p) => {
        const phoneId = sampleId(`phone:${spec.key}:${p.number}`);
        const channel = p.channel ?? 'voice';
        return {
          id: phoneId,
          service_id: id,
          number: p.number,
          type: p.type ?? (channel === 'voice' ? 'voice' : 'text'),
          description: p.description,
          languages: [],
          attributes: [this.attribute('phone', phoneId, 'contact_channel', channel)],
        };
      }),
      additional_urls: (spec.urls ?? []).map((u) => {
        const urlId = sampleId(`url:${spec.key}:${u.channel}:${u.url}`);
        return {
          id: urlId,
          service_id: id,
          label: u.label,
          url: u.url,
          attributes: [this.attribute('url', urlId, 'contact_channel', u.channel)],
        };
      }),
      schedules: (spec.schedules ?? []).map((s, i) => this.schedule(spec.key, id, s, i)),
      service_areas: spec.areas.map((a) => this.area(spec.key, id, a)),
      service_at_locations: [],
      languages: spec.languages.map((l) => {
        const name = LANGUAGE_NAMES[l.code];
        if (!name) throw new Error(`${spec.key}: no name for language ${l.code}`);
        return {
          id: sampleId(`language:${spec.key}:${l.code}`),
          service_id: id,
          code: l.code,
          name,
          ...(l.note ? { note: l.note } : {}),
        };
      }),
      capacities: (spec.capacities ?? []).map((c, i) => ({
        id: sampleId(`capacity:${spec.key}:${i}`),
        service_id: id,
        unit: { id: sampleId('unit:plaatsen'), name: 'plaatsen' },
        available: c.available,
        ...(c.maximum !== undefined ? { maximum: c.maximum } : {}),
        description: c.description,
        updated: c.updated,
      })),
      attributes: this.serviceAttributes(id, spec.terms, spec.areas),
    };
  }
}

/** YYYY-MM-DD, `days` after `base`. */
function addDays(base: string, days: number): string {
  const d = new Date(`${base}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function joinNames(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

const OLD_LIST_ALERT =
  'Oude gegevens: deze zorgcoördinator komt uit een lijst van ongeveer 2018. Controleer de gegevens voordat u ze gebruikt, of bel de helpdesk van CoMensha.';

/** Builds every sample service from source.ts and the region list. Pure: the same input gives the same output. */
export function buildSampleDirectory(regions: RegionData, terms: Term[]): SampleFiles {
  const b = new Builder(regions, terms);
  for (const org of ORGANIZATIONS) b.addOrganization(org);

  const regionsOfUnit = (unitCode: string) =>
    regions.safetyRegions.filter((r) => r.police_unit_code === unitCode);

  // ---- police units: AVIM (police) and RIEC (knowledge centre) -------------------------------------------------
  const police: ServiceSpec[] = regions.policeUnits.map((unit, i) => ({
    key: `politie-avim-${unit.code.toLowerCase()}`,
    organization: 'politie',
    name: `Politie eenheid ${unit.name}: mensenhandel (AVIM)`,
    alternate_name: `AVIM ${unit.name}`,
    description: `De AVIM (Afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel) van politie-eenheid ${unit.name} heeft gecertificeerde rechercheurs mensenhandel. Hier doen slachtoffers van seksuele en criminele uitbuiting aangifte. Is iemand zonder verblijfsrecht misschien slachtoffer? Dan biedt de politie bij de kleinste aanwijzing de bedenktijd aan (maximaal 3 maanden). De politie meldt slachtoffers bij CoMensha.`,
    application_process:
      'Bel 0900 8844 en vraag naar een rechercheur mensenhandel. U heeft eerst een informatief gesprek over de procedure, de bedenktijd, de verblijfsregeling en de hulp en opvang die er is. Daarna beslist u of u aangifte doet. Een melding bij de politie is meestal niet anoniem. Is er acuut gevaar? Bel dan 112.',
    fees_description: 'Gratis. U betaalt uw gewone belkosten.',
    eligibility_description: `Voor slachtoffers en professionals in het werkgebied van politie-eenheid ${unit.name}: ${regionsOfUnit(unit.code).length > 1 ? "veiligheidsregio's" : 'veiligheidsregio'} ${joinNames(regionsOfUnit(unit.code).map((r) => r.name))}.`,
    url: 'https://www.politie.nl',
    phones: [{ number: '0900 8844', description: 'Vraag naar een rechercheur mensenhandel. Geen spoed.' }],
    areas: [{ type: 'police_unit', code: unit.code }],
    languages: [{ code: 'nl' }],
    terms: {
      exploitation_form: ['sexual', 'criminal', 'other'],
      need: ['police_report', 'rights_information'],
      audience: ['victim', 'professional'],
      desk_type: ['police'],
      access: ['free'],
    },
    assured_date: addDays('2026-10-05', i * 3),
  }));

  const riecs: ServiceSpec[] = regions.policeUnits.map((unit, i) => {
    const orgKey = `riec-${slug(unit.riec_name)}`;
    const extra =
      unit.code === 'PE-midden-nederland'
        ? ' Het RIEC werkt in Utrecht, Flevoland en Gooi & Vechtstreek.'
        : unit.code === 'PE-limburg'
          ? ' Het RIEC Limburg werkt ook over de grens samen (EURIEC).'
          : '';
    b.addOrganization({
      key: orgKey,
      name: `RIEC ${unit.riec_name}`,
      alternate_name: `Regionaal Informatie- en Expertisecentrum ${unit.riec_name}`,
      description: `Een van de tien Regionale Informatie- en Expertisecentra. Werkt in hetzelfde gebied als politie-eenheid ${unit.name}.${extra}`,
      website:
        unit.code === 'PE-midden-nederland' ? 'https://www.riec.nl/middennederland' : 'https://www.riec.nl',
    });
    return {
      key: `riec-${slug(unit.riec_name)}`,
      organization: orgKey,
      name: `RIEC ${unit.riec_name}: kennis en advies voor professionals`,
      description: `Het RIEC ${unit.riec_name} is een regionaal informatie- en expertisecentrum. Het helpt gemeenten en andere partners in de regio met kennis en advies, ook over de aanpak van mensenhandel.${extra} Het RIEC is geen loket voor burgers of slachtoffers.`,
      application_process:
        'Professionals van gemeenten en partnerorganisaties nemen contact op via de website van het RIEC. Bent u slachtoffer of maakt u zich zorgen? Bel de politie (0900 8844), Meld Misdaad Anoniem (0800 7000) of bij acuut gevaar 112.',
      eligibility_description: 'Alleen voor professionals van gemeenten en partnerorganisaties.',
      url:
        unit.code === 'PE-midden-nederland' ? 'https://www.riec.nl/middennederland' : 'https://www.riec.nl',
      areas: [{ type: 'police_unit', code: unit.code }],
      languages: [{ code: 'nl' }],
      terms: {
        exploitation_form: ALL_FORMS,
        need: ['professional_advice'],
        audience: ['professional'],
        desk_type: ['knowledge_centre'],
      },
      assured_date: addDays('2026-08-18', i * 5),
    };
  });

  // ---- safety regions: Veilig Thuis ------------------------------------------------------------------------------
  const veiligThuis: ServiceSpec[] = regions.safetyRegions.map((region, i) => {
    const orgKey = `veilig-thuis-${region.code.toLowerCase()}`;
    const noordOostGelderland = region.code === 'VR06';
    const website = noordOostGelderland
      ? 'https://www.veiligthuisnoordoostgelderland.nl'
      : 'https://www.veiligthuis.nl';
    b.addOrganization({
      key: orgKey,
      name: `Veilig Thuis ${region.name}`,
      description: `Advies- en meldpunt huiselijk geweld en kindermishandeling voor veiligheidsregio ${region.name}.`,
      website,
    });
    return {
      key: orgKey,
      organization: orgKey,
      name: `Veilig Thuis ${region.name}: advies en melden bij huiselijk geweld en kindermishandeling`,
      description: `Veilig Thuis is er voor advies en meldingen over huiselijk geweld en kindermishandeling, ook over seksuele uitbuiting van kinderen en loverboys. Iedereen kan bellen: wie het zelf meemaakt, wie zich zorgen maakt en professionals. Veilig Thuis kan onderzoek doen, hulp inzetten en zo nodig de politie of de Raad voor de Kinderbescherming inschakelen.${noordOostGelderland ? ' Veilig Thuis Noord Oost Gelderland heeft ook een meldpunt mensenhandel en jeugdprostitutie, dag en nacht bereikbaar.' : ''}`,
      application_process:
        'Bel gratis 0800 2000, dag en nacht. U kunt ook anoniem advies vragen of een melding doen. Op de website staat ook een chat. Werkt u met kinderen of gezinnen? Volg dan de meldcode huiselijk geweld en kindermishandeling en vraag Veilig Thuis om advies. Is er acuut gevaar? Bel dan 112.',
      fees_description: 'Gratis.',
      eligibility_description: `Voor iedereen in veiligheidsregio ${region.name}: kinderen, volwassenen, omstanders en professionals.`,
      url: website,
      phones: [{ number: '0800 2000', description: 'Gratis, 24 uur per dag, 7 dagen per week' }],
      schedules: [{ always: true }],
      areas: [{ type: 'safety_region', code: region.code }],
      languages: [{ code: 'nl' }],
      terms: {
        exploitation_form: ['sexual', 'criminal', 'other'],
        need: ['talk_help_care', 'anonymous_report', 'professional_advice'],
        audience: ['minor', 'worried_citizen', 'professional', 'victim'],
        desk_type: ['reporting_point', 'helpline'],
        access: ['free', 'anonymous_possible'],
      },
      assured_date: addDays('2026-08-03', i * 4),
    };
  });

  // ---- regional care coordinators (old list) -------------------------------------------------------------------
  const coordinators: ServiceSpec[] = COORDINATORS.map((c) => {
    const org = ORGANIZATIONS.find((o) => o.key === c.organization);
    if (!org) throw new Error(`unknown organisation ${c.organization}`);
    const ageText =
      c.maximum_age !== undefined
        ? ` (slachtoffers jonger dan ${c.maximum_age + 1})`
        : c.minimum_age !== undefined
          ? ` (slachtoffers van ${c.minimum_age} jaar en ouder)`
          : '';
    return {
      key: `zorgcoordinatie-${c.key}`,
      organization: c.organization,
      name: `Zorgcoördinatie mensenhandel ${c.label}${ageText}: ${org.name}`,
      ...(c.alternate_name ? { alternate_name: c.alternate_name } : {}),
      description: `${org.name} is volgens een oude lijst de zorgcoördinator mensenhandel voor ${c.label}. De zorgcoördinator is het eerste aanspreekpunt voor slachtoffers in de regio. Die regelt en bewaakt de procedures, zoals verblijfsvergunning, uitkering, zorgverzekering en inschrijving bij de gemeente, en coördineert de hulp van intake tot afsluiting.${c.note ? ` ${c.note}` : ''} Let op: de lijst is van ongeveer 2018; de gegevens kunnen veranderd zijn.`,
      application_process: `Een slachtoffer of een professional neemt contact op met ${org.name}. De zorgcoördinator bespreekt welke hulp en opvang nodig zijn en regelt de volgende stappen. Lukt dat niet, of klopt het nummer niet meer? Bel dan de helpdesk van CoMensha: ${COMENSHA_PHONE}. Is er acuut gevaar? Bel dan 112.`,
      eligibility_description: `Slachtoffers van mensenhandel in de regio ${c.label}${ageText}, en professionals die hen begeleiden.`,
      ...(org.website ? { url: org.website } : {}),
      ...(c.minimum_age !== undefined ? { minimum_age: c.minimum_age } : {}),
      ...(c.maximum_age !== undefined ? { maximum_age: c.maximum_age } : {}),
      alert: OLD_LIST_ALERT,
      phones: c.phone
        ? [
            {
              number: c.phone,
              description: `Algemeen nummer van ${org.name} volgens de oude lijst (ongeveer 2018)`,
            },
          ]
        : [],
      areas: c.areas,
      languages: [{ code: 'nl' }],
      terms: {
        exploitation_form: ALL_FORMS,
        need: ['talk_help_care', 'shelter'],
        audience: ['victim', 'professional'],
        desk_type: ['care'],
      },
      assured_date: c.assured_date,
    };
  });

  // ---- municipalities: OMM places and the Marechaussee at Schiphol --------------------------------------------
  const omm: ServiceSpec[] = OMM_CITIES.map((city) => ({
    key: `omm-${slug(city.municipality)}`,
    organization: 'omm',
    name: `OMM-opvang ${city.municipality} (plaatsing via CoMensha)`,
    alternate_name: 'Opvang slachtoffers Mensenhandel met Multiproblematiek',
    description: `Opvang voor slachtoffers van mensenhandel met problemen op meerdere gebieden tegelijk, zoals een licht verstandelijke beperking, psychische problemen of verslaving. Er zijn OMM-plekken in Amsterdam, Almere, Alkmaar, Enschede, Rotterdam en Zwolle; dit zijn de plekken in ${city.municipality}. Het adres is geheim.`,
    application_process:
      'Plaatsing gaat altijd via CoMensha. CoMensha beslist samen met de betrokken professionals of iemand in aanmerking komt, of er plek is en welke locatie past. U kunt zich niet rechtstreeks bij de opvang aanmelden.',
    eligibility_description:
      'Slachtoffers van mensenhandel met meervoudige problematiek: een licht verstandelijke beperking, psychische problemen, verslaving of problemen op veel levensgebieden.',
    url: 'https://www.comensha.nl',
    phones: [{ number: COMENSHA_PHONE, description: 'Aanmelden via de helpdesk van CoMensha' }],
    areas: [{ type: 'municipality', code: city.municipality }],
    languages: [{ code: 'nl' }],
    capacities: [
      {
        available: city.available,
        description:
          'Voorbeeldgetal, geen echte bezetting. In 2019 waren er landelijk 36 OMM-plekken; hoeveel er nu per stad zijn, is niet bekend.',
        updated: `${city.assured_date}T10:00:00+01:00`,
      },
    ],
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['shelter', 'talk_help_care'],
      audience: ['victim', 'professional'],
      desk_type: ['shelter'],
    },
    assured_date: city.assured_date,
  }));

  return {
    'national.json': NATIONAL_SERVICES.map((s) => b.service(s)),
    'regional.json': [...police, ...riecs, ...veiligThuis, ...coordinators].map((s) => b.service(s)),
    'municipal.json': [...omm, MARECHAUSSEE_SCHIPHOL].map((s) => b.service(s)),
  };
}

/** The files as build.ts writes them (formatted with the project's Prettier settings). */
export async function renderSampleFiles(files: SampleFiles): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of FILES) {
    const path = join(SEED_DIR, name);
    const options = (await prettier.resolveConfig(path)) ?? {};
    out[name] = await prettier.format(JSON.stringify(files[name], null, 2), { ...options, filepath: path });
  }
  return out;
}

async function main(): Promise<void> {
  const files = buildSampleDirectory(loadRegions(), loadTerms());
  const rendered = await renderSampleFiles(files);
  for (const [name, text] of Object.entries(rendered)) {
    writeFileSync(join(SEED_DIR, name), text);
    process.stdout.write(
      `wrote seed/directory/${name}: ${files[name as keyof SampleFiles].length} services\n`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
