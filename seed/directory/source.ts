// The hand-written source of the sample directory. build.ts expands it (plus one entry per police unit and per
// safety region, generated from the region list in 0002_regions.sql) into HSDS 3.1 JSON.
//
// Every fact here comes from ../shared/domain/routing-facts.md or ../shared/data/nl-care-coordination (an old list,
// about 2018). Facts those files mark [unconfirmed] are left out or described vaguely ("zie de website"); see
// README.md beside this file for the list. Texts are Dutch (B1): what the service does, what happens when you
// contact it, whether it is free, whether you can stay anonymous.

export type AreaType = 'country' | 'police_unit' | 'safety_region' | 'municipality';

/** Terms per taxonomy, by code (0004_taxonomies.sql). `scope` is derived from the areas; record_status is added. */
export interface TermSpec {
  exploitation_form: string[];
  need: string[];
  audience: string[];
  desk_type: string[];
  access?: string[];
}

export interface OrganizationSpec {
  key: string;
  name: string;
  alternate_name?: string;
  description: string;
  website?: string;
  email?: string;
  /** key of the parent organisation */
  parent?: string;
}

export interface PhoneSpec {
  number: string;
  description: string;
  type?: 'voice' | 'text' | 'cell';
  channel?: 'voice' | 'sms' | 'whatsapp';
}

export interface UrlSpec {
  label: string;
  url: string;
  channel: 'website' | 'chat' | 'web_form';
}

export type ScheduleSpec =
  { always: true } | { byday: string; opens_at?: string; closes_at?: string; description: string };

export interface AreaSpec {
  type: AreaType;
  /** 'NL', PE-…, VRxx or GMxxxx */
  code: string;
  description?: string;
}

export interface CapacitySpec {
  available: number;
  maximum?: number;
  description: string;
  /** ISO date-time with offset */
  updated: string;
}

export interface LanguageSpec {
  code: string;
  note?: string;
}

export interface ServiceSpec {
  key: string;
  organization: string;
  name: string;
  alternate_name?: string;
  description: string;
  application_process: string;
  fees_description?: string;
  eligibility_description?: string;
  url?: string;
  email?: string;
  minimum_age?: number;
  maximum_age?: number;
  alert?: string;
  phones?: PhoneSpec[];
  urls?: UrlSpec[];
  schedules?: ScheduleSpec[];
  areas: AreaSpec[];
  languages: LanguageSpec[];
  capacities?: CapacitySpec[];
  terms: TermSpec;
  /** YYYY-MM-DD */
  assured_date: string;
}

export const ASSURER_EMAIL = 'sample-data@samen.invalid';

/** All four top-level forms; for services that are not specific to one form. */
export const ALL_FORMS = ['sexual', 'labour', 'criminal', 'other'];

const NL: AreaSpec[] = [{ type: 'country', code: 'NL' }];
const NL_LANG: LanguageSpec[] = [{ code: 'nl' }];
const NL_EN: LanguageSpec[] = [{ code: 'nl' }, { code: 'en' }];

export const COMENSHA_PHONE = '033 448 11 86';
const COMENSHA_URL = 'https://www.comensha.nl';
const POLICE_PHONE = '0900 8844';

// ---------------------------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------------------------

export const ORGANIZATIONS: OrganizationSpec[] = [
  {
    key: 'comensha',
    name: 'CoMensha',
    alternate_name: 'Coördinatiecentrum tegen Mensenhandel',
    description:
      'Het landelijke, onafhankelijke coördinatie- en expertisecentrum voor slachtoffers van mensenhandel (ook bekend als La Strada Nederland). CoMensha registreert slachtoffers, bemiddelt naar opvang en zorg en heeft een landelijke helpdesk.',
    website: COMENSHA_URL,
    email: 'info@comensha.nl',
  },
  {
    key: 'politie',
    name: 'Politie',
    alternate_name: 'Nationale Politie',
    description:
      'De politie onderzoekt meldingen en vermoedens van mensenhandel. Gespecialiseerde rechercheurs mensenhandel werken bij de AVIM (Afdeling Vreemdelingenpolitie, Identificatie en Mensenhandel) van de regionale eenheden.',
    website: 'https://www.politie.nl',
  },
  {
    key: 'meld-misdaad-anoniem',
    name: 'Meld Misdaad Anoniem',
    alternate_name: 'M.',
    description:
      'Een onafhankelijke meldlijn van de stichting NL Confidential, geen onderdeel van de politie. Voor mensen die informatie hebben over ernstige misdaad en anoniem willen blijven.',
    website: 'https://www.meldmisdaadanoniem.nl',
  },
  {
    key: 'fairwork',
    name: 'FairWork',
    description:
      'Een onafhankelijke organisatie tegen moderne slavernij en arbeidsuitbuiting in Nederland, vooral buiten de seksindustrie. FairWork richt zich op werknemers die niet uit Nederland komen.',
    website: 'https://www.fairwork.nu',
  },
  {
    key: 'fier',
    name: 'Fier',
    description:
      'Landelijk expertise- en behandelcentrum voor geweld in afhankelijkheidsrelaties, gevestigd in Leeuwarden. Fier biedt zorg, bescherming en hulp met en zonder verblijf.',
    website: 'https://www.fier.nl',
  },
  {
    key: 'ckm',
    name: 'Centrum Kinderhandel Mensenhandel (CKM)',
    alternate_name: 'CKM',
    description:
      'Onderdeel van Fier in Leeuwarden, opgericht samen met Terre des Hommes. Het CKM brengt kennis, onderzoek en (tijdelijke) opvang samen voor slachtoffers van kinderhandel en mensenhandel.',
    website: 'https://www.hetckm.nl',
    parent: 'fier',
  },
  {
    key: 'arbeidsinspectie',
    name: 'Nederlandse Arbeidsinspectie',
    alternate_name: 'Netherlands Labour Authority (NLA)',
    description:
      'De rijksinspectie voor eerlijk, gezond en veilig werk. De Opsporingsdienst van de Arbeidsinspectie onderzoekt onder meer arbeidsuitbuiting. Tot 1 januari 2022 heette de Arbeidsinspectie Inspectie SZW.',
    website: 'https://www.nlarbeidsinspectie.nl',
  },
  {
    key: 'slachtofferhulp',
    name: 'Slachtofferhulp Nederland',
    description:
      'Landelijke organisatie die slachtoffers van misdrijven gratis emotionele, praktische en juridische steun geeft.',
    website: 'https://www.slachtofferhulp.nl',
  },
  {
    key: 'defence-for-children',
    name: 'Defence for Children – ECPAT Nederland',
    alternate_name: 'Defence for Children – ECPAT',
    description:
      'Een kinderrechtenorganisatie. ECPAT strijdt tegen commerciële seksuele uitbuiting van kinderen, waaronder kinderhandel. De organisatie heeft een Kinderrechtenhelpdesk.',
    website: 'https://www.defenceforchildren.nl',
  },
  {
    key: 'juridisch-loket',
    name: 'Het Juridisch Loket',
    description:
      'Door de overheid betaald eerste juridisch advies voor mensen met een laag inkomen en weinig vermogen.',
    website: 'https://www.juridischloket.nl',
  },
  {
    key: 'ind',
    name: 'Immigratie- en Naturalisatiedienst (IND)',
    alternate_name: 'IND',
    description:
      'De IND beslist over verblijf in Nederland en voert de verblijfsregeling voor slachtoffers van mensenhandel uit (hoofdstuk B8/3 van de Vreemdelingencirculaire).',
    website: 'https://ind.nl',
  },
  {
    key: 'coa',
    name: 'Centraal Orgaan opvang asielzoekers (COA)',
    alternate_name: 'COA',
    description:
      'Het COA vangt asielzoekers op en begeleidt hen tijdens de asielprocedure. Het COA is geen meldpunt voor mensenhandel.',
    website: 'https://www.coa.nl',
  },
  {
    key: 'nidos',
    name: 'Nidos',
    description: 'De voogdij-instelling voor alleenstaande minderjarige vreemdelingen in Nederland.',
    website: 'https://www.nidos.nl',
  },
  {
    key: 'meldpunt-uitbuiting-minderjarigen',
    name: 'Meldpunt Uitbuiting Minderjarigen',
    description:
      'Een meldpunt van CoMensha en Terre des Hommes voor zorgen over de uitbuiting van kinderen en jongeren. Het nam het WATCH-meldpunt van Terre des Hommes over.',
    website: 'https://www.melduitbuitingminderjarigen.nl',
  },
  {
    // routing-facts.md section 8: one national number, free, 24/7, anonymous possible (the regional organisations
    // are generated per safety region in build.ts).
    key: 'veilig-thuis',
    name: 'Veilig Thuis',
    description:
      'Het advies- en meldpunt huiselijk geweld en kindermishandeling, met één organisatie per regio en één landelijk nummer.',
    website: 'https://www.veiligthuis.nl',
  },
  {
    // Not in routing-facts.md; sources: huwelijksdwangenachterlating.nl/over-ons and /over-ons/wie-zijn-wij,
    // kinderbescherming.nl/themas/huwelijksdwang-en-achterlating (see README.md beside this file).
    key: 'lkha',
    name: 'Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)',
    alternate_name: 'LKHA',
    description:
      'Het landelijke kennis- en expertisecentrum voor huwelijksdwang en achterlating, gevestigd bij Veilig Thuis Haaglanden. Het LKHA adviseert professionals en is het aanspreekpunt van het ministerie van Buitenlandse Zaken voor slachtoffers die in het buitenland zijn achtergelaten.',
    website: 'https://www.huwelijksdwangenachterlating.nl',
  },
  {
    // routing-facts.md section 10 (politie.nl slachtofferhulp page): police, OM and Slachtofferhulp together.
    key: 'slachtofferloket',
    name: 'Slachtofferloket',
    description:
      'Het Slachtofferloket is een samenwerking van de politie, het Openbaar Ministerie en Slachtofferhulp Nederland. Het beantwoordt vragen van slachtoffers over hun strafzaak en de straf.',
    website: 'https://www.slachtofferloket.nl',
  },
  {
    key: 'marechaussee',
    name: 'Koninklijke Marechaussee',
    alternate_name: 'KMar',
    description:
      'Opsporingsdienst die onder meer Schiphol en de grens bewaakt. De marechaussee biedt op Schiphol de bedenktijd aan slachtoffers van mensenhandel aan en meldt slachtoffers bij CoMensha.',
    website: 'https://www.koninklijkemarechaussee.nl',
  },
  {
    key: 'emm',
    name: 'Expertisecentrum Mensenhandel en Mensensmokkel (EMM)',
    alternate_name: 'EMM',
    description:
      'Een samenwerking van de Nationale Politie, de Koninklijke Marechaussee, de IND, de Nederlandse Arbeidsinspectie en het Openbaar Ministerie. Het EMM analyseert signalen van mensenhandel en mensensmokkel.',
    website: 'https://www.emm-online.nl',
  },
  {
    key: 'omm',
    name: 'Opvang slachtoffers Mensenhandel met Multiproblematiek (OMM)',
    alternate_name: 'OMM',
    description:
      'Opvangplekken die de centrumgemeenten samen hebben opgezet. Blijf Groep, Fier, HVO-Querido en Kadera voeren de opvang uit in Amsterdam, Almere, Alkmaar, Enschede, Rotterdam en Zwolle. Plaatsing gaat via CoMensha.',
    website: COMENSHA_URL,
  },
  // Regional care coordinators (zorgcoördinatoren) named in the old wegwijzer list (about 2018).
  {
    key: 'hvo-querido',
    name: 'HVO-Querido',
    description:
      'Organisatie in Amsterdam. Volgens de oude lijst deed het Amsterdams Coördinatiepunt Mensenhandel (ACM) van HVO-Querido de zorgcoördinatie mensenhandel in Amsterdam en Noord-Holland.',
    website: 'https://www.hvoquerido.nl',
  },
  {
    key: 'shop',
    name: 'SHOP',
    description:
      'Organisatie in Den Haag. Volgens de oude lijst zorgcoördinator mensenhandel voor Den Haag en Hollands Midden.',
  },
  {
    key: 'ggd-drenthe',
    name: 'GGD Drenthe',
    description:
      'De GGD van de provincie Drenthe. Volgens de oude lijst zorgcoördinator mensenhandel voor Drenthe.',
  },
  {
    key: 'lumens',
    name: 'Lumens',
    description:
      'Organisatie in Eindhoven. Volgens de oude lijst zorgcoördinator mensenhandel voor Eindhoven en de regio.',
  },
  {
    key: 'mee-veluwe',
    name: 'MEE-Veluwe',
    description:
      'Organisatie in Gelderland. Volgens de oude lijst zorgcoördinator mensenhandel voor slachtoffers jonger dan 23 in Noord-Oost Gelderland, de Achterhoek en Apeldoorn en de Veluwe.',
  },
  {
    key: 'moviera',
    name: 'Moviera',
    description:
      'Organisatie in Gelderland en Utrecht. Volgens de oude lijst zorgcoördinator mensenhandel in delen van Gelderland en in de provincie Utrecht.',
  },
  {
    key: 'mjd',
    name: 'MJD',
    description:
      'Organisatie in Groningen. Volgens de oude lijst zorgcoördinator mensenhandel voor Groningen.',
  },
  {
    key: 'mo-den-bosch',
    name: 'Maatschappelijke Opvang Den Bosch',
    description:
      "Maatschappelijke opvang in 's-Hertogenbosch. Volgens de oude lijst zorgcoördinator mensenhandel voor Den Bosch en de regio.",
  },
  {
    key: 'pmw-humanitas',
    name: 'PMW Humanitas',
    description:
      'Onderdeel van Humanitas in Rotterdam. Volgens de oude lijst zorgcoördinator mensenhandel voor Rotterdam.',
  },
  {
    key: 'koraal',
    name: 'Koraal',
    description:
      'Organisatie in Limburg. Volgens de oude lijst zorgcoördinator mensenhandel voor Limburg-Noord en Limburg-Midden.',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// National services
// ---------------------------------------------------------------------------------------------------------------

const NOT_ANONYMOUS_HINT = 'Wilt u anoniem iets melden? Bel dan Meld Misdaad Anoniem: 0800 7000.';

export const NATIONAL_SERVICES: ServiceSpec[] = [
  {
    key: 'comensha-helpdesk',
    organization: 'comensha',
    name: 'CoMensha Helpdesk: vragen en advies over mensenhandel',
    alternate_name: 'Landelijke helpdesk mensenhandel',
    description:
      'Heeft u een vraag over mensenhandel? De landelijke helpdesk van CoMensha is er voor iedereen: voor mensen die het zelf meemaken, voor mensen die zich zorgen maken en voor professionals. U krijgt advies over hulp, opvang en zorg voor slachtoffers. U kunt ook juridische vragen stellen, bijvoorbeeld over de bedenktijd, aangifte en een verblijfsvergunning.',
    application_process: `U belt of mailt de helpdesk. Een medewerker luistert naar uw vraag en geeft advies. Als het nodig is, zoekt CoMensha met u naar de juiste hulp of opvang, of brengt u in contact met de zorgcoördinator in uw regio. Voor een vraag of advies hoeft u geen namen te noemen. ${NOT_ANONYMOUS_HINT} Is er acuut gevaar? Bel dan eerst 112.`,
    fees_description: 'Gratis. U betaalt alleen uw gewone belkosten.',
    eligibility_description:
      'Voor iedereen met een vraag over mensenhandel: (mogelijke) slachtoffers, hun omgeving en professionals.',
    url: COMENSHA_URL,
    email: 'info@comensha.nl',
    phones: [{ number: COMENSHA_PHONE, description: 'Helpdesk, tijdens kantooruren' }],
    schedules: [
      { byday: 'MO,TU,WE,TH,FR', description: 'Kantooruren. De actuele tijden staan op comensha.nl.' },
    ],
    areas: NL,
    languages: NL_EN,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['professional_advice', 'legal_advice', 'rights_information', 'talk_help_care'],
      audience: ['victim', 'worried_citizen', 'professional'],
      desk_type: ['helpline', 'knowledge_centre'],
      access: ['free'],
    },
    assured_date: '2026-11-12',
  },
  {
    key: 'comensha-registratie',
    organization: 'comensha',
    name: 'CoMensha: een slachtoffer melden (registratie)',
    description:
      'CoMensha registreert alle (mogelijke) slachtoffers van mensenhandel in Nederland. De politie, de Koninklijke Marechaussee en de Nederlandse Arbeidsinspectie moeten slachtoffers bij CoMensha melden. Andere organisaties, zoals zorg- en hulpverleners, doen dat meestal ook. Met deze gegevens krijgen de overheid en de Nationaal Rapporteur beter zicht op mensenhandel.',
    application_process:
      'U meldt een slachtoffer met het meldformulier van CoMensha of via de helpdesk. Meldt u als professional een minderjarige aan? Dan is schriftelijke toestemming nodig. Vanaf 16 jaar tekent de jongere zelf; onder de 16 jaar tekent een ouder of voogd. Na de melding kan CoMensha helpen bij het zoeken naar opvang en zorg.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Voor professionals en organisaties die een (mogelijk) slachtoffer willen melden. Opsporingsdiensten zijn verplicht om te melden.',
    url: COMENSHA_URL,
    email: 'info@comensha.nl',
    phones: [{ number: COMENSHA_PHONE, description: 'Helpdesk, tijdens kantooruren' }],
    schedules: [
      { byday: 'MO,TU,WE,TH,FR', description: 'Kantooruren. De actuele tijden staan op comensha.nl.' },
    ],
    areas: NL,
    languages: NL_EN,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['professional_advice'],
      audience: ['professional'],
      desk_type: ['reporting_point'],
      access: ['free'],
    },
    assured_date: '2026-11-12',
  },
  {
    key: 'comensha-zorgcoordinatie',
    organization: 'comensha',
    name: 'CoMensha: zorgcoördinatie en bemiddeling naar opvang',
    description:
      'CoMensha helpt slachtoffers van mensenhandel aan eerste opvang, zorg en hulp. Heeft uw regio geen eigen zorgcoördinator mensenhandel? Dan doet de helpdesk van CoMensha de zorgcoördinatie op afstand. Heeft uw regio wel een zorgcoördinator? Dan draagt CoMensha het slachtoffer na de eerste opvang aan die zorgcoördinator over.',
    application_process:
      'Een professional of het slachtoffer zelf belt de helpdesk. CoMensha bekijkt samen met u welke opvang en hulp passen. Voor volwassen buitenlandse slachtoffers in de bedenktijd kan CoMensha een plek in de COSM-opvang regelen, en voor slachtoffers met problemen op meerdere gebieden een OMM-plek. In een vrouwenopvang, mannenopvang of maatschappelijke opvang kan CoMensha niet zelf plaatsen; daar bemiddelt CoMensha alleen. Is er acuut gevaar? Bel dan eerst 112.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Voor (mogelijke) slachtoffers van mensenhandel in heel Nederland, en voor professionals die hen begeleiden.',
    url: COMENSHA_URL,
    email: 'info@comensha.nl',
    phones: [{ number: COMENSHA_PHONE, description: 'Helpdesk, tijdens kantooruren' }],
    schedules: [
      { byday: 'MO,TU,WE,TH,FR', description: 'Kantooruren. De actuele tijden staan op comensha.nl.' },
    ],
    areas: NL,
    languages: NL_EN,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['shelter', 'talk_help_care'],
      audience: ['victim', 'professional'],
      desk_type: ['care'],
      access: ['free'],
    },
    assured_date: '2026-10-28',
  },
  {
    key: 'cosm',
    organization: 'comensha',
    name: 'COSM: opvang voor buitenlandse slachtoffers (plaatsing via CoMensha)',
    alternate_name: 'Categorale Opvang Slachtoffers Mensenhandel',
    description:
      'De Categorale Opvang Slachtoffers Mensenhandel (COSM) is opvang voor volwassen slachtoffers zonder Nederlandse nationaliteit die in de bedenktijd zitten. Alleen CoMensha mag slachtoffers in de COSM plaatsen. Volgens CoMensha zijn er 40 plaatsen. De adressen van de opvang zijn geheim.',
    application_process:
      'Een professional, bijvoorbeeld van de politie, vraagt een plek aan bij de helpdesk van CoMensha. CoMensha kijkt of iemand in aanmerking komt en of er plek is. U kunt zich niet rechtstreeks bij een opvanglocatie aanmelden.',
    eligibility_description:
      'Volwassen slachtoffers zonder Nederlandse nationaliteit in de bedenktijd (verblijfsregeling B8/3). De COSM is niet bedoeld voor Nederlanders en EU-burgers: zij kunnen terecht in de vrouwenopvang, mannenopvang of maatschappelijke opvang van de centrumgemeente.',
    url: COMENSHA_URL,
    minimum_age: 18,
    phones: [{ number: COMENSHA_PHONE, description: 'Aanvragen via de helpdesk van CoMensha' }],
    areas: NL,
    languages: NL_EN,
    capacities: [
      {
        available: 4,
        maximum: 40,
        description:
          'Voorbeeldgetal, geen echte bezetting. Het maximum van 40 plaatsen komt van de website van CoMensha (gelezen in november 2025).',
        updated: '2026-11-20T09:00:00+01:00',
      },
    ],
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['shelter'],
      audience: ['victim', 'professional'],
      desk_type: ['shelter'],
    },
    assured_date: '2026-11-20',
  },
  {
    key: 'politie-0900-8844',
    organization: 'politie',
    name: 'Politie: mensenhandel melden of aangifte doen (geen spoed)',
    description:
      'Wilt u mensenhandel melden of aangifte doen, en is er geen spoed? Bel de politie op 0900 8844. U kunt vragen naar een rechercheur mensenhandel. Slachtoffers van seksuele en criminele uitbuiting doen aangifte bij de AVIM van de politie. Bij arbeidsuitbuiting doet u aangifte bij de Nederlandse Arbeidsinspectie.',
    application_process: `Voor een aangifte heeft u altijd eerst een informatief gesprek met de politie. U hoort dan hoe de procedure gaat, wat de bedenktijd en de verblijfsregeling zijn en welke hulp en opvang er is. Dit gesprek is nog geen aangifte. De politie kan u doorverwijzen naar hulp. Een melding bij de politie is meestal niet anoniem; dat kan alleen in bedreigende situaties. ${NOT_ANONYMOUS_HINT}`,
    fees_description: 'Gratis. U betaalt uw gewone belkosten.',
    eligibility_description: 'Voor iedereen in Nederland.',
    url: 'https://www.politie.nl',
    phones: [{ number: POLICE_PHONE, description: 'Geen spoed. Bij acuut gevaar: bel 112.' }],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['police_report'],
      audience: ['victim', 'worried_citizen', 'professional'],
      desk_type: ['police'],
      access: ['free'],
    },
    assured_date: '2026-11-03',
  },
  {
    key: 'alarmnummer-112',
    organization: 'politie',
    name: '112 Alarmnummer (acuut gevaar)',
    description:
      'Is iemand nu in gevaar? Bel 112. Dat is het alarmnummer voor politie, brandweer en ambulance. 112 is dag en nacht bereikbaar.',
    application_process:
      'U belt 112 en zegt welke hulp nodig is. De meldkamer stuurt direct hulp. Gebruik 112 alleen bij spoed. Voor andere meldingen aan de politie belt u 0900 8844.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Voor iedereen die nu in gevaar is, of die ziet dat iemand anders nu in gevaar is.',
    url: 'https://www.politie.nl',
    phones: [{ number: '112', description: 'Alleen bij spoed. Dag en nacht bereikbaar.' }],
    schedules: [{ always: true }],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['acute_danger'],
      audience: ['victim', 'worried_citizen', 'professional', 'minor'],
      desk_type: ['police'],
      access: ['free'],
    },
    assured_date: '2026-11-03',
  },
  {
    key: 'meld-misdaad-anoniem',
    organization: 'meld-misdaad-anoniem',
    name: 'Meld Misdaad Anoniem: anoniem melden',
    alternate_name: 'M.',
    description:
      'Weet u iets over mensenhandel, maar wilt u niet dat iemand weet wie u bent? Meld het anoniem bij Meld Misdaad Anoniem. Uw telefoonnummer en IP-adres worden niet gezien, gesprekken worden niet opgenomen en er wordt niets opgeschreven waaraan u te herkennen bent. M. geeft de melding zonder uw gegevens door aan de politie of een andere opsporingsdienst.',
    application_process:
      'Bel gratis 0800 7000 of vul het formulier op de website in. Vertel wat u weet. De openingstijden staan op de website. M. is niet voor spoed (bel dan 112), niet voor gewone vragen aan de politie (bel dan 0900 8844) en niet voor een aangifte.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Voor iedereen die informatie heeft over mensenhandel of andere ernstige misdaad.',
    url: 'https://www.meldmisdaadanoniem.nl',
    phones: [{ number: '0800 7000', description: 'Gratis en anoniem' }],
    urls: [
      {
        label: 'Anoniem melden met het formulier op de website',
        url: 'https://www.meldmisdaadanoniem.nl',
        channel: 'web_form',
      },
    ],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['anonymous_report'],
      audience: ['worried_citizen', 'victim', 'professional'],
      desk_type: ['reporting_point'],
      access: ['free', 'anonymous_possible'],
    },
    assured_date: '2026-10-19',
  },
  {
    key: 'fairwork',
    organization: 'fairwork',
    name: 'FairWork: advies en hulp bij arbeidsuitbuiting',
    description:
      'Werkt u in Nederland en komt u niet uit Nederland? En wordt u uitgebuit op uw werk, bijvoorbeeld omdat u te weinig of geen loon krijgt, uw paspoort moet inleveren of een schuld moet afbetalen? FairWork geeft gratis en vertrouwelijk advies. FairWork helpt ook bij het terugkrijgen van achterstallig loon en verwijst door naar andere organisaties. Vrijwillige cultureel bemiddelaars spreken veel verschillende talen.',
    application_process:
      'Neem contact op via de website van FairWork. U krijgt vertrouwelijk advies over uw situatie. U beslist zelf of u daarna naar de politie of de Arbeidsinspectie gaat. Is er acuut gevaar? Bel dan 112.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Vooral voor werknemers die niet uit Nederland komen, met of zonder papieren, die buiten de seksindustrie worden uitgebuit. FairWork geeft ook trainingen aan professionals.',
    url: 'https://www.fairwork.nu',
    areas: NL,
    languages: [
      { code: 'nl' },
      { code: 'en', note: 'Andere talen via vrijwillige cultureel bemiddelaars; vraag ernaar.' },
    ],
    terms: {
      exploitation_form: ['labour'],
      need: ['talk_help_care', 'legal_advice', 'rights_information'],
      audience: ['victim', 'professional'],
      desk_type: ['care', 'reporting_point'],
      access: ['free', 'confidential'],
    },
    assured_date: '2026-09-24',
  },
  {
    key: 'fier-hulp',
    organization: 'fier',
    name: 'Fier: hulp, behandeling en opvang',
    description:
      'Fier helpt slachtoffers van mensenhandel en van geweld in afhankelijkheidsrelaties, en hun ouders. Fier biedt zorg, bescherming, hulp thuis (ambulant) en hulp met verblijf (opvang). Fier heeft veel ervaring met jonge slachtoffers van seksuele uitbuiting en loverboys. De adressen van de opvang zijn geheim.',
    application_process:
      'Kijk op de website van Fier hoe u zich aanmeldt. Wilt u eerst anoniem praten? Gebruik dan Chat met Fier. Voor opvang kan ook CoMensha bemiddelen. Is er acuut gevaar? Bel dan 112.',
    eligibility_description:
      'Slachtoffers van mensenhandel en van geweld in afhankelijkheidsrelaties, vooral jongeren, en hun ouders.',
    url: 'https://www.fier.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['sexual', 'criminal', 'other'],
      need: ['talk_help_care', 'shelter'],
      audience: ['victim', 'minor'],
      desk_type: ['care', 'shelter'],
    },
    assured_date: '2026-08-27',
  },
  {
    key: 'chat-met-fier',
    organization: 'fier',
    name: 'Chat met Fier',
    description:
      'Chat met Fier is een anonieme chat met professionele hulpverleners. Veel mensen die chatten zijn jong. U kunt er praten over bijvoorbeeld loverboys, seksuele uitbuiting of geweld door iemand van wie u afhankelijk bent, zonder uw naam te noemen.',
    application_process:
      'Ga naar chatmetfier.nl en start een chat. Een hulpverlener praat met u en kijkt samen met u wat u nodig heeft. U hoeft uw naam niet te geven. De openingstijden van de chat staan op de website. Is er acuut gevaar? Bel dan 112.',
    eligibility_description: 'Voor iedereen, jong of oud, die anoniem wil praten over uitbuiting of geweld.',
    url: 'https://www.chatmetfier.nl',
    urls: [{ label: 'Start een chat', url: 'https://www.chatmetfier.nl', channel: 'chat' }],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['sexual', 'criminal', 'other'],
      need: ['talk_help_care'],
      audience: ['victim', 'minor'],
      desk_type: ['helpline'],
      access: ['anonymous_possible'],
    },
    assured_date: '2026-08-27',
  },
  {
    key: 'ckm',
    organization: 'ckm',
    name: 'CKM: kennis en opvang bij kinderhandel en mensenhandel',
    description:
      'Het Centrum Kinderhandel Mensenhandel (CKM) is onderdeel van Fier. Het CKM bundelt kennis, onderzoek en (tijdelijke) opvang voor slachtoffers van kinderhandel en mensenhandel. Het CKM doet onderzoek, bijvoorbeeld naar kinderen die door hun eigen ouders seksueel worden uitgebuit (rapport ‘Van kwaad tot erger’, 2025).',
    application_process:
      'Professionals vinden kennis en onderzoek op de website van het CKM. Zoekt u hulp of opvang voor een jong slachtoffer? Neem contact op met Fier of bespreek het met de helpdesk van CoMensha. Maakt u zich zorgen over een kind? Bel Veilig Thuis: 0800 2000.',
    eligibility_description:
      'Voor professionals, en voor jonge slachtoffers van kinderhandel en mensenhandel.',
    url: 'https://www.hetckm.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['sexual', 'criminal', 'other'],
      need: ['professional_advice', 'shelter'],
      audience: ['minor', 'professional'],
      desk_type: ['knowledge_centre', 'shelter'],
    },
    assured_date: '2026-08-27',
  },
  {
    key: 'arbeidsinspectie-melden',
    organization: 'arbeidsinspectie',
    name: 'Nederlandse Arbeidsinspectie: arbeidsuitbuiting melden en aangifte doen',
    description:
      'Denkt u dat er sprake is van arbeidsuitbuiting? Bijvoorbeeld gedwongen werk, heel weinig of geen loon samen met dwang, een ingenomen paspoort, een schuld bij de werkgever of slechte huisvesting via de werkgever? Meld het bij de Nederlandse Arbeidsinspectie. Slachtoffers van arbeidsuitbuiting doen aangifte bij de Opsporingsdienst van de Arbeidsinspectie.',
    application_process:
      'Bel gratis 0800 5151. Vanuit het buitenland belt u +31 70 333 44 44. Een slachtoffer zonder verblijfsrecht krijgt na een intakegesprek de bedenktijd. Kan het gevaarlijk voor u zijn om informatie te geven? Gebruik dan het Team Criminele Inlichtingen (TCI) van de Arbeidsinspectie.',
    fees_description: 'Gratis vanuit Nederland. Bellen vanuit het buitenland kost wel geld.',
    eligibility_description: 'Voor slachtoffers, collega’s, omstanders en professionals.',
    url: 'https://www.nlarbeidsinspectie.nl',
    phones: [
      { number: '0800 5151', description: 'Gratis, vanuit Nederland' },
      { number: '+31 70 333 44 44', description: 'Vanuit het buitenland' },
    ],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['labour'],
      need: ['police_report'],
      audience: ['victim', 'worried_citizen', 'professional'],
      desk_type: ['inspectorate', 'reporting_point'],
      access: ['free'],
    },
    assured_date: '2026-10-06',
  },
  {
    key: 'arbeidsinspectie-tci',
    organization: 'arbeidsinspectie',
    name: 'Nederlandse Arbeidsinspectie: Team Criminele Inlichtingen (TCI)',
    alternate_name: 'TCI',
    description:
      'Wilt u arbeidsuitbuiting melden, maar kan het gevaarlijk voor u zijn als bekend wordt dat de informatie van u komt? Dan kunt u terecht bij het Team Criminele Inlichtingen (TCI) van de Nederlandse Arbeidsinspectie. Het TCI beschermt de identiteit van de melder.',
    application_process:
      'Het TCI is bereikbaar tijdens kantooruren. Op de website van de Arbeidsinspectie staat hoe u het TCI bereikt. U kunt ook anoniem melden bij Meld Misdaad Anoniem: 0800 7000.',
    eligibility_description: 'Voor iedereen met informatie over arbeidsuitbuiting.',
    url: 'https://www.nlarbeidsinspectie.nl',
    schedules: [{ byday: 'MO,TU,WE,TH,FR', description: 'Tijdens kantooruren' }],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['labour'],
      need: ['anonymous_report'],
      audience: ['worried_citizen', 'victim', 'professional'],
      desk_type: ['inspectorate', 'reporting_point'],
      access: ['anonymous_possible', 'confidential'],
    },
    assured_date: '2026-10-06',
  },
  {
    key: 'slachtofferhulp',
    organization: 'slachtofferhulp',
    name: 'Slachtofferhulp Nederland: steun bij de strafzaak en schadevergoeding',
    description:
      'Slachtofferhulp Nederland geeft gratis emotionele, praktische en juridische steun aan slachtoffers van misdrijven, ook van mensenhandel. U krijgt uitleg over uw rechten en hulp bij het vastleggen van schade en het vragen van schadevergoeding. Slachtofferhulp helpt ook als u in de rechtszaal wilt spreken of een schriftelijke verklaring wilt geven.',
    application_process:
      'Bel 0900 0101. Een medewerker bespreekt met u wat u nodig heeft. Professionals kunnen een slachtoffer aanmelden via 0900 0101 (keuze 3 in het menu), als het slachtoffer daarmee instemt. Vragen over de strafzaak zelf beantwoordt het Slachtofferloket van politie, Openbaar Ministerie en Slachtofferhulp.',
    fees_description: 'De hulp is gratis. Bellen naar 0900 0101 kost het lokale tarief.',
    eligibility_description: 'Voor slachtoffers van misdrijven, ook van mensenhandel, en voor professionals.',
    url: 'https://www.slachtofferhulp.nl',
    phones: [
      {
        number: '0900 0101',
        description:
          'Lokaal tarief. Bij een crisis ook buiten kantooruren bereikbaar. Professionals: keuze 3.',
      },
    ],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['talk_help_care', 'rights_information', 'legal_advice'],
      audience: ['victim', 'professional'],
      desk_type: ['care', 'helpline'],
      access: ['free'],
    },
    assured_date: '2026-09-15',
  },
  {
    key: 'kinderrechtenhelpdesk',
    organization: 'defence-for-children',
    name: 'Kinderrechtenhelpdesk (Defence for Children – ECPAT)',
    description:
      'De Kinderrechtenhelpdesk geeft gratis juridisch advies en steun aan kinderen, ouders, advocaten en hulpverleners, ook bij seksuele uitbuiting en kinderhandel. Vooral voor vragen over de rechten van buitenlandse kinderen en kinderen die asiel zoeken. Dit is geen spoedlijn.',
    application_process:
      'Neem contact op via de website van Defence for Children. De helpdesk bekijkt uw vraag en geeft advies. Is er acuut gevaar? Bel dan 112. Maakt u zich zorgen over een kind? Bel Veilig Thuis: 0800 2000.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Voor kinderen, ouders, advocaten en hulpverleners met een vraag over kinderrechten.',
    url: 'https://www.defenceforchildren.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['legal_advice', 'rights_information', 'professional_advice'],
      audience: ['minor', 'worried_citizen', 'professional'],
      desk_type: ['helpline', 'knowledge_centre'],
      access: ['free'],
    },
    assured_date: '2026-07-30',
  },
  {
    key: 'juridisch-loket',
    organization: 'juridisch-loket',
    name: 'Het Juridisch Loket: eerste juridisch advies',
    description:
      'Het Juridisch Loket geeft eerste juridisch advies aan mensen met een laag inkomen en weinig vermogen, bijvoorbeeld over wonen, werk of uitkeringen. Als het nodig is, verwijst het Juridisch Loket u door naar een advocaat. Gaat uw vraag echt over mensenhandel? Dan kunt u beter de helpdesk van CoMensha of een gespecialiseerde advocaat vragen.',
    application_process:
      'Bel 0900 8020, stel uw vraag via de website of ga naar een vestiging. U krijgt uitleg over uw situatie en wat u kunt doen. Heeft u een advocaat nodig? Dan kan de advocaat voor u gesubsidieerde rechtsbijstand aanvragen bij de Raad voor Rechtsbijstand.',
    fees_description: 'Bellen naar 0900 8020 kost geld per minuut. Het actuele tarief staat op de website.',
    eligibility_description: 'Voor mensen met een laag inkomen en weinig vermogen.',
    url: 'https://www.juridischloket.nl',
    phones: [
      { number: '0900 8020', description: 'Betaald nummer. Tarief en openingstijden: zie de website.' },
    ],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['legal_advice', 'rights_information'],
      audience: ['victim', 'worried_citizen'],
      desk_type: ['helpline'],
    },
    assured_date: '2026-09-02',
  },
  {
    key: 'ind-verblijfsregeling',
    organization: 'ind',
    name: 'IND: verblijfsregeling mensenhandel (bedenktijd en verblijfsvergunning)',
    description:
      'De IND voert de verblijfsregeling voor slachtoffers van mensenhandel uit (B8/3). Een slachtoffer zonder verblijfsrecht krijgt bij de kleinste aanwijzing van mensenhandel een bedenktijd van maximaal 3 maanden. In die tijd hoeft u Nederland niet te verlaten. Doet u aangifte? Dan geldt dat meteen als aanvraag voor een tijdelijke verblijfsvergunning.',
    application_process:
      'U vraagt de bedenktijd niet zelf aan bij de IND. Dat gaat via de politie of de Koninklijke Marechaussee; zij laten het de IND weten. Met vragen over uw verblijf kunt u ook terecht bij de helpdesk van CoMensha. Voor burgers van de EU, de EER en Zwitserland gelden andere regels.',
    fees_description: 'De aanvraag voor een verblijfsvergunning als slachtoffer van mensenhandel is gratis.',
    eligibility_description:
      'Slachtoffers van mensenhandel zonder Nederlandse nationaliteit en zonder verblijfsrecht.',
    url: 'https://ind.nl',
    areas: NL,
    languages: NL_EN,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['rights_information'],
      audience: ['victim', 'professional'],
      desk_type: ['knowledge_centre'],
    },
    assured_date: '2026-07-14',
  },
  {
    key: 'coa-signalen',
    organization: 'coa',
    name: 'COA: signalen van mensenhandel bij asielzoekers',
    description:
      'Het COA vangt asielzoekers op tijdens hun asielprocedure. Het COA is geen meldpunt en geen opvang voor slachtoffers van mensenhandel. Medewerkers leren signalen van mensenhandel herkennen, geven signalen door aan de politie en de Koninklijke Marechaussee, en vertellen bewoners over de risico’s.',
    application_process:
      'Werkt u bij het COA en ziet u signalen? Geef ze door aan de politie (AVIM) en meld een mogelijk slachtoffer bij CoMensha. Woont u in een azc en voelt u zich niet veilig? Praat met een medewerker van het COA of bel de politie. Is er acuut gevaar? Bel dan 112.',
    eligibility_description: 'Voor medewerkers en bewoners van COA-locaties.',
    url: 'https://www.coa.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['rights_information'],
      audience: ['professional', 'victim'],
      desk_type: ['care'],
    },
    assured_date: '2026-07-14',
  },
  {
    key: 'nidos',
    organization: 'nidos',
    name: 'Nidos: voogdij en beschermde opvang voor alleenstaande buitenlandse kinderen',
    description:
      'Nidos is de voogd van kinderen die zonder ouders naar Nederland zijn gekomen (alleenstaande minderjarige vreemdelingen). Is er ook maar een kleine aanwijzing van mensenhandel? Dan beslist Nidos over plaatsing in de Beschermde Opvang, een extra beschermde vorm van opvang. De adressen zijn geheim.',
    application_process:
      'Maakt u zich als professional zorgen over een alleenstaand buitenlands kind? Neem contact op met Nidos en met de politie. Is er acuut gevaar? Bel dan 112.',
    eligibility_description: 'Alleenstaande minderjarige vreemdelingen (jonger dan 18 jaar).',
    url: 'https://www.nidos.nl',
    maximum_age: 17,
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['shelter', 'talk_help_care'],
      audience: ['minor', 'professional'],
      desk_type: ['care', 'shelter'],
    },
    assured_date: '2026-08-11',
  },
  {
    key: 'meldpunt-uitbuiting-minderjarigen',
    organization: 'meldpunt-uitbuiting-minderjarigen',
    name: 'Meldpunt Uitbuiting Minderjarigen',
    description:
      'Maakt u zich zorgen dat een kind of jongere wordt uitgebuit, bijvoorbeeld seksueel, in de criminaliteit of op het werk? Dit meldpunt is er voor ouders, familie, vrienden, leraren, jongeren en hulpverleners. U kunt ook anoniem melden.',
    application_process:
      'Een consulent van CoMensha neemt uw melding aan. Onderzoekers van Terre des Hommes kunnen online verder zoeken. Bruikbare informatie gaat naar de AVIM van de politie, als het nodig is zonder uw naam. Is er acuut gevaar? Bel dan 112. Werkt u met kinderen? Volg ook de meldcode en overleg met Veilig Thuis.',
    eligibility_description: 'Voor iedereen die zich zorgen maakt over de uitbuiting van een minderjarige.',
    url: 'https://www.melduitbuitingminderjarigen.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['anonymous_report'],
      audience: ['worried_citizen', 'professional', 'minor'],
      desk_type: ['reporting_point'],
      access: ['anonymous_possible'],
    },
    assured_date: '2026-10-19',
  },
  {
    key: 'veilig-thuis-landelijk',
    organization: 'veilig-thuis',
    name: 'Veilig Thuis: landelijk nummer 0800 2000',
    description:
      'Het landelijke nummer van Veilig Thuis brengt u bij de Veilig Thuis-organisatie van uw regio. Voor advies en meldingen over huiselijk geweld en kindermishandeling, ook over seksuele uitbuiting van kinderen en gedwongen huwelijken. Iedereen kan bellen: wie het zelf meemaakt, wie zich zorgen maakt en professionals.',
    application_process:
      'Bel gratis 0800 2000, dag en nacht. U kunt ook anoniem advies vragen of een melding doen. Werkt u met kinderen of gezinnen? Volg dan de meldcode huiselijk geweld en kindermishandeling en vraag Veilig Thuis om advies. Is er acuut gevaar? Bel dan 112.',
    fees_description: 'Gratis.',
    eligibility_description:
      'Voor iedereen in Nederland: kinderen, volwassenen, omstanders en professionals.',
    url: 'https://www.veiligthuis.nl',
    phones: [{ number: '0800 2000', description: 'Gratis, 24 uur per dag, 7 dagen per week' }],
    schedules: [{ always: true }],
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['sexual', 'criminal', 'other'],
      need: ['talk_help_care', 'anonymous_report', 'professional_advice'],
      audience: ['minor', 'worried_citizen', 'professional', 'victim'],
      desk_type: ['reporting_point', 'helpline'],
      access: ['free', 'anonymous_possible'],
    },
    assured_date: '2026-11-20',
  },
  {
    key: 'lkha',
    organization: 'lkha',
    name: 'Landelijk Knooppunt Huwelijksdwang en Achterlating: advies bij gedwongen huwelijk',
    alternate_name: 'LKHA',
    description:
      'Maakt u zich als professional zorgen dat iemand tot een huwelijk wordt gedwongen of in het buitenland wordt achtergelaten? Het LKHA geeft informatie, advies en steun bij ingewikkelde situaties. Het LKHA helpt ook slachtoffers die in het buitenland zijn achtergelaten om terug te keren naar Nederland, samen met het ministerie van Buitenlandse Zaken.',
    application_process:
      'Neem contact op via de website van het LKHA. Bent u zelf slachtoffer, of maakt u zich als burger zorgen? Bel Veilig Thuis: 0800 2000 (gratis, dag en nacht). Is er acuut gevaar? Bel dan 112. Werkt u met kinderen? Volg ook de meldcode.',
    eligibility_description:
      'Voor professionals, bijvoorbeeld van Veilig Thuis, scholen, jeugdzorg en gemeenten. Slachtoffers kunnen terecht bij Veilig Thuis in hun regio.',
    url: 'https://www.huwelijksdwangenachterlating.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ['other', 'forced_marriage'],
      need: ['professional_advice'],
      audience: ['professional'],
      desk_type: ['knowledge_centre'],
    },
    assured_date: '2026-11-20',
  },
  {
    key: 'slachtofferloket',
    organization: 'slachtofferloket',
    name: 'Slachtofferloket: vragen over uw strafzaak',
    description:
      'Heeft u aangifte gedaan en heeft u vragen over uw strafzaak of de straf van de dader? Het Slachtofferloket van de politie, het Openbaar Ministerie en Slachtofferhulp Nederland geeft antwoord.',
    application_process:
      'Op de website van het Slachtofferloket staat het telefoonnummer van het loket in uw regio. Voor steun en hulp bij schadevergoeding kunt u ook Slachtofferhulp Nederland bellen: 0900 0101. Is er acuut gevaar? Bel dan 112.',
    eligibility_description: 'Voor slachtoffers die aangifte hebben gedaan of een strafzaak hebben.',
    url: 'https://www.slachtofferloket.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['rights_information'],
      audience: ['victim'],
      desk_type: ['helpline'],
    },
    assured_date: '2026-11-20',
  },
  {
    key: 'emm',
    organization: 'emm',
    name: 'EMM: signalen en analyse voor professionals',
    description:
      'Het Expertisecentrum Mensenhandel en Mensensmokkel (EMM) verzamelt en analyseert signalen van mensenhandel en mensensmokkel uit veel bronnen, ook van CoMensha en de Kamer van Koophandel. Het EMM geeft zaken door voor opsporing. Het EMM is geen hulploket voor slachtoffers of burgers.',
    application_process:
      'Alleen voor professionals en organisaties met signalen of een vraag om analyse. Bent u slachtoffer of maakt u zich zorgen? Bel de politie (0900 8844), Meld Misdaad Anoniem (0800 7000) of bij acuut gevaar 112.',
    eligibility_description: 'Alleen voor professionals en organisaties.',
    url: 'https://www.emm-online.nl',
    areas: NL,
    languages: NL_LANG,
    terms: {
      exploitation_form: ALL_FORMS,
      need: ['professional_advice'],
      audience: ['professional'],
      desk_type: ['knowledge_centre'],
    },
    assured_date: '2026-04-02',
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Municipality level
// ---------------------------------------------------------------------------------------------------------------

/** OMM places (R11): one sample entry per city; the city is looked up by name in 0002_regions.sql. */
export const OMM_CITIES: { municipality: string; available: number; assured_date: string }[] = [
  { municipality: 'Amsterdam', available: 1, assured_date: '2026-10-14' },
  { municipality: 'Almere', available: 0, assured_date: '2026-09-30' },
  { municipality: 'Alkmaar', available: 2, assured_date: '2026-10-21' },
  { municipality: 'Enschede', available: 1, assured_date: '2026-11-04' },
  { municipality: 'Rotterdam', available: 0, assured_date: '2026-11-18' },
  { municipality: 'Zwolle', available: 2, assured_date: '2026-09-09' },
];

export const MARECHAUSSEE_SCHIPHOL: ServiceSpec = {
  key: 'marechaussee-schiphol',
  organization: 'marechaussee',
  name: 'Koninklijke Marechaussee Schiphol: mensenhandel',
  description:
    'Op Schiphol let de Koninklijke Marechaussee op signalen van mensenhandel. Is er een aanwijzing dat iemand zonder verblijfsrecht slachtoffer is? Dan biedt de marechaussee de bedenktijd van maximaal 3 maanden aan en laat het de IND weten. De marechaussee meldt slachtoffers bij CoMensha.',
  application_process:
    'Bent u op Schiphol en heeft u hulp nodig? Spreek een medewerker van de marechaussee aan. Is er acuut gevaar? Bel dan 112. Voor andere vragen: zie de website van de Koninklijke Marechaussee.',
  eligibility_description: 'Voor reizigers en andere mensen op Schiphol.',
  url: 'https://www.koninklijkemarechaussee.nl',
  areas: [{ type: 'municipality', code: 'Haarlemmermeer', description: 'Luchthaven Schiphol' }],
  languages: NL_LANG,
  terms: {
    exploitation_form: ALL_FORMS,
    need: ['police_report', 'rights_information'],
    audience: ['victim', 'professional'],
    desk_type: ['police'],
  },
  assured_date: '2026-10-01',
};

// ---------------------------------------------------------------------------------------------------------------
// Regional care coordinators (zorgcoördinatoren mensenhandel), from ../shared/data/nl-care-coordination
// ---------------------------------------------------------------------------------------------------------------

/**
 * The rows of coordinators.csv that name a regional organisation, mapped to today's safety regions or police units
 * as well as the old labels allow. Rows that say "CoMensha" (IJsselland, Twente, Zeeland and West-Brabant,
 * Limburg-Zuid) get no entry: the national CoMensha care-coordination service covers them (R13).
 */
export interface CoordinatorSpec {
  key: string;
  organization: string;
  /** The region label(s) as the old list gives them. */
  label: string;
  alternate_name?: string;
  phone?: string;
  areas: AreaSpec[];
  minimum_age?: number;
  maximum_age?: number;
  note?: string;
  assured_date: string;
}

const APPROX = 'Bij benadering: de oude lijst noemt';

export const COORDINATORS: CoordinatorSpec[] = [
  {
    key: 'hvo-querido-acm',
    organization: 'hvo-querido',
    label: 'Amsterdam en Noord-Holland',
    alternate_name: 'Amsterdams Coördinatiepunt Mensenhandel (ACM)',
    phone: '020 626 38 00',
    areas: [
      { type: 'safety_region', code: 'VR13', description: `${APPROX} ‘Politieregio Amsterdam’.` },
      { type: 'police_unit', code: 'PE-noord-holland', description: `${APPROX} ‘Provincie Noord-Holland’.` },
    ],
    assured_date: '2026-03-17',
  },
  {
    key: 'shop',
    organization: 'shop',
    label: 'Den Haag en Hollands Midden',
    phone: '070 361 47 47',
    areas: [
      {
        type: 'safety_region',
        code: 'VR15',
        description: `${APPROX} ‘Politieregio Den Haag en Hollands Midden’.`,
      },
      {
        type: 'safety_region',
        code: 'VR16',
        description: `${APPROX} ‘Politieregio Den Haag en Hollands Midden’.`,
      },
    ],
    assured_date: '2026-03-17',
  },
  {
    key: 'ggd-drenthe',
    organization: 'ggd-drenthe',
    label: 'Drenthe',
    phone: '0592 30 63 00',
    areas: [{ type: 'safety_region', code: 'VR03', description: 'De oude lijst noemt ‘Provincie Drenthe’.' }],
    assured_date: '2026-02-23',
  },
  {
    key: 'lumens',
    organization: 'lumens',
    label: 'Eindhoven en de regio',
    phone: '040 219 33 88',
    areas: [
      { type: 'safety_region', code: 'VR22', description: `${APPROX} ‘Gemeente Eindhoven en de regio’.` },
    ],
    assured_date: '2026-02-23',
  },
  {
    key: 'fier-fryslan',
    organization: 'fier',
    label: 'Fryslân',
    phone: '058 215 70 84',
    areas: [
      { type: 'safety_region', code: 'VR02', description: 'De oude lijst noemt ‘Provincie Friesland’.' },
    ],
    assured_date: '2026-04-08',
  },
  {
    key: 'mee-veluwe',
    organization: 'mee-veluwe',
    label: 'Noord-Oost Gelderland, de Achterhoek, Apeldoorn en de Veluwe',
    phone: '055 526 92 00',
    areas: [
      {
        type: 'safety_region',
        code: 'VR06',
        description: `${APPROX} ‘Regio's Noord-Oost Gelderland en de Achterhoek’ en ‘Gemeente Apeldoorn en de Veluwe’.`,
      },
    ],
    maximum_age: 22,
    note: 'Volgens de oude lijst voor slachtoffers jonger dan 23 jaar (in de lijst staat ‘23 -’).',
    assured_date: '2026-04-08',
  },
  {
    key: 'moviera-noord-oost-gelderland',
    organization: 'moviera',
    label: 'Noord-Oost Gelderland, de Achterhoek, Apeldoorn en de Veluwe',
    phone: '088 374 47 44',
    areas: [
      {
        type: 'safety_region',
        code: 'VR06',
        description: `${APPROX} ‘Regio's Noord-Oost Gelderland en de Achterhoek’ en ‘Gemeente Apeldoorn en de Veluwe’.`,
      },
    ],
    minimum_age: 23,
    note: 'Volgens de oude lijst voor slachtoffers van 23 jaar en ouder (in de lijst staat ‘23 +’).',
    assured_date: '2026-04-08',
  },
  {
    key: 'moviera-midden-nederland',
    organization: 'moviera',
    label: 'Midden-Nederland (provincie Utrecht en provincie Gelderland)',
    phone: '088 374 47 44',
    areas: [
      {
        type: 'safety_region',
        code: 'VR09',
        description: `${APPROX} ‘Midden-Nederland (provincie Utrecht …)’.`,
      },
      { type: 'safety_region', code: 'VR07', description: `${APPROX} ‘… en provincie Gelderland’.` },
      { type: 'safety_region', code: 'VR08', description: `${APPROX} ‘… en provincie Gelderland’.` },
    ],
    assured_date: '2026-04-08',
  },
  {
    key: 'mjd-groningen',
    organization: 'mjd',
    label: 'Groningen',
    phone: '050 312 61 23',
    areas: [{ type: 'safety_region', code: 'VR01', description: `${APPROX} ‘Gemeente Groningen’.` }],
    assured_date: '2026-05-11',
  },
  {
    key: 'mo-den-bosch',
    organization: 'mo-den-bosch',
    label: 'Den Bosch en de regio',
    phone: '073 613 92 25',
    areas: [{ type: 'safety_region', code: 'VR21', description: `${APPROX} ‘Gemeente Den Bosch en regio’.` }],
    note: 'De Engelse versie van de oude lijst noemt hier Veilig Thuis Brabant Noordoost; welke versie nieuwer is, is niet bekend.',
    assured_date: '2026-05-11',
  },
  {
    key: 'pmw-humanitas',
    organization: 'pmw-humanitas',
    label: 'Rotterdam',
    phone: '010 236 52 12',
    areas: [{ type: 'safety_region', code: 'VR17', description: `${APPROX} ‘Gemeente Rotterdam’.` }],
    assured_date: '2026-05-11',
  },
  {
    key: 'koraal',
    organization: 'koraal',
    label: 'Limburg-Noord en Limburg-Midden',
    phone: '0475 35 99 47',
    areas: [
      {
        type: 'safety_region',
        code: 'VR23',
        description: 'De oude lijst noemt ‘Limburg-Noord en Limburg-Midden’.',
      },
    ],
    assured_date: '2026-05-11',
  },
];
