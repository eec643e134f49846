// The sample action plan, taken from the progress letter of 4 July 2025 (Kamerstuk 28 638, nr. 257,
// ../shared/domain/kamerbrief-28638-257.txt). Every line, action, milestone and figure below is in that letter;
// `source` quotes the section heading and a short excerpt. Where the letter names no owner (actiehouder), the
// programme itself (Ministerie van Justitie en Veiligheid) is the owner. Dates the letter does not give are left
// empty: "end 2025" becomes 2025-12-31 and "autumn 2025" 2025-11-30 as planned dates, nothing more precise.
// Plan data is Dutch, as the annex to parliament is; the interface around it is translated.
import type { ActionStatus } from './types.js';

export interface SampleMilestone {
  title: string;
  planned?: string;
  actual?: string;
  source?: string;
}

export interface SampleIndicator {
  name: string;
  unit: string;
  min?: number;
  max?: number;
  values: { period: string; value: number; note?: string }[];
}

export interface SampleAction {
  code: string;
  title: string;
  /** What the letter says about it: the narrative of the seeded round. */
  description: string;
  owner: string;
  partners: string[];
  /** Partners the letter names as action holders beside the owner (mede-actiehouders). */
  coHolders?: string[];
  status: ActionStatus;
  source: string;
  milestones: SampleMilestone[];
  indicators: SampleIndicator[];
}

export interface SampleLine {
  code: string;
  title: string;
  source: string;
  actions: SampleAction[];
}

export interface SampleCommitment {
  kind: 'motion' | 'commitment' | 'request';
  number: string;
  title: string;
  madeOn?: string;
  summary: string;
  owner: string;
  status: 'open' | 'in_progress' | 'done';
  answeredIn: string;
  source: string;
  actions: string[];
}

export const LETTER = 'Kamerstuk 28 638, nr. 257 (4 juli 2025)';
export const JENV = 'Ministerie van Justitie en Veiligheid';

export const SAMPLE_ROUND = {
  name: 'voorjaar 2025',
  letter: LETTER,
  // The round that fed the letter of 4 July 2025: opened and closed by that letter's date.
  openedOn: '2025-07-04',
  deadline: '2025-07-04',
  lockedAt: '2025-07-04T10:00:00.000Z',
};

export const SAMPLE_PLAN: SampleLine[] = [
  {
    code: '1',
    title: 'Creëren van brede bewustwording',
    source: 'Voortgang uitvoering Actieplan — «Creëren van brede bewustwording (actielijn 1)»',
    actions: [
      {
        code: '1.1',
        title: 'Inventarisatie van bewustwordingscampagnes over mensenhandel',
        description:
          'Significant Public heeft in opdracht van het Actieplan een inventarisatie gemaakt van bewustwordingscampagnes. Tussen 2020 en 2024 zijn in Nederland 54 campagnes over mensenhandel opgezet: een groot maar versnipperd aanbod. De impact is moeilijk te beoordelen, omdat die niet altijd is gemeten. Rapport en factsheet: bijlagen 2 en 3.',
        owner: JENV,
        partners: ['Significant Public'],
        status: 'completed',
        source:
          'Creëren van brede bewustwording (actielijn 1): «tussen 2020 en 2024 in Nederland 54 campagnes over mensenhandel zijn opgezet. Er is een groot maar versnipperd aanbod.»',
        milestones: [
          { title: 'Rapport en factsheet aangeboden aan de Kamer (bijlagen 2 en 3)', actual: '2025-07-04' },
        ],
        indicators: [
          {
            name: 'Bewustwordingscampagnes over mensenhandel (2020–2024)',
            unit: 'campagnes',
            min: 0,
            values: [{ period: '2020-2024', value: 54 }],
          },
        ],
      },
      {
        code: '1.2',
        title: 'Communicatiestrategie op basis van de inventarisatie',
        description:
          'De informatie over de bewustwordingscampagnes wordt betrokken bij het ontwikkelen van een communicatiestrategie.',
        owner: JENV,
        partners: [],
        status: 'planned',
        source:
          'Creëren van brede bewustwording (actielijn 1): «De informatie over de bewustwordingscampagnes zal betrokken worden bij het ontwikkelen van een communicatiestrategie.»',
        milestones: [],
        indicators: [],
      },
    ],
  },
  {
    code: '2',
    title: 'Vergroten van de meldingsbereidheid',
    source: 'Voortgang uitvoering Actieplan — «Vergroten van de meldingsbereidheid (actielijn 2)»',
    actions: [
      {
        code: '2.1',
        title: 'Inventarisatie van meldpunten en kenniscentra',
        description:
          'Significant Public heeft een inventarisatie gemaakt van meldpunten en kenniscentra. Nederland heeft 95 meldpunten voor mensenhandel (6 landelijk, 89 regionaal) en 39 kenniscentra (17 landelijk, 22 regionaal).',
        owner: JENV,
        partners: ['Significant Public'],
        status: 'completed',
        source:
          'Vergroten van de meldingsbereidheid (actielijn 2): «95 meldpunten voor mensenhandel zijn, waarvan zes landelijke meldpunten en 89 regionale meldpunten. Verder heeft Nederland 39 kenniscentra»',
        milestones: [
          { title: 'Rapport en factsheet aangeboden aan de Kamer (bijlagen 2 en 3)', actual: '2025-07-04' },
        ],
        indicators: [
          {
            name: 'Meldpunten mensenhandel',
            unit: 'meldpunten',
            min: 0,
            values: [{ period: '2024', value: 95 }],
          },
          {
            name: 'Landelijke meldpunten',
            unit: 'meldpunten',
            min: 0,
            values: [{ period: '2024', value: 6 }],
          },
          {
            name: 'Regionale meldpunten',
            unit: 'meldpunten',
            min: 0,
            values: [{ period: '2024', value: 89 }],
          },
          {
            name: 'Kenniscentra mensenhandel',
            unit: 'kenniscentra',
            min: 0,
            values: [{ period: '2024', value: 39 }],
          },
          {
            name: 'Landelijke kenniscentra',
            unit: 'kenniscentra',
            min: 0,
            values: [{ period: '2024', value: 17 }],
          },
          {
            name: 'Regionale kenniscentra',
            unit: 'kenniscentra',
            min: 0,
            values: [{ period: '2024', value: 22 }],
          },
        ],
      },
      {
        code: '2.2',
        title: 'Centraal informatiepunt mensenhandel',
        description:
          'Verkenning en opzet van een centraal informatiepunt waar slachtoffers, eerstelijnsprofessionals en burgers laagdrempelig worden geïnformeerd en doorverwezen. Als eerste stap is de wegwijzer mensenhandel van de Rijksoverheid geïntegreerd op de vernieuwde website van CoMensha.',
        owner: JENV,
        partners: ['CoMensha'],
        status: 'running',
        source:
          'Vergroten van de meldingsbereidheid (actielijn 2): «Recent is de wegwijzer mensenhandel van de Rijksoverheid geïntegreerd op de vernieuwde website van CoMensha. Dit is een eerste stap in de ontwikkeling van een centraal informatiepunt.»',
        milestones: [
          { title: 'Wegwijzer mensenhandel geïntegreerd op de website van CoMensha (voor 4 juli 2025)' },
        ],
        indicators: [],
      },
      {
        code: '2.3',
        title: 'Outreach van FairWork naar slachtoffers van arbeidsuitbuiting',
        description:
          'FairWork deed in 2024 gerichte outreach onder kwetsbare groepen (24-uurszorgwerkers, au pairs, nanny’s, huishoudelijk werkers). De online campagne op Facebook, Instagram en TikTok bereikte 16.915 mensen; de meldingen bij FairWork binnen deze doelgroep stegen van 21 in 2023 naar 44 in 2024. Voor zeventien kwetsbare derdelanders is met succes achterstallig loon opgeëist.',
        owner: 'FairWork',
        partners: [],
        status: 'running',
        source:
          'Vergroten van de meldingsbereidheid (actielijn 2): «de online campagne op Facebook, Instagram en TikTok, die 16.915 mensen heeft bereikt. Dit leidde tot een verdubbeling van het aantal meldingen bij FairWork binnen deze doelgroep: van 21 in 2023 naar 44 in 2024.»',
        milestones: [],
        indicators: [
          {
            name: 'Bereik online campagne FairWork',
            unit: 'mensen',
            min: 0,
            values: [{ period: '2024', value: 16915 }],
          },
          {
            name: 'Meldingen bij FairWork binnen de doelgroep',
            unit: 'meldingen',
            min: 0,
            values: [
              { period: '2023', value: 21 },
              { period: '2024', value: 44 },
            ],
          },
          {
            name: 'Derdelanders voor wie achterstallig loon is opgeëist',
            unit: 'personen',
            min: 0,
            values: [{ period: '2024', value: 17 }],
          },
        ],
      },
    ],
  },
  {
    code: '3',
    title: 'Investeren in en werken aan een betere vaststelling van slachtofferschap en bescherming',
    source:
      'Voortgang uitvoering Actieplan — «Investeren in en werken aan een betere vaststelling van slachtofferschap en bescherming (actielijn 3)»',
    actions: [
      {
        code: '3.1',
        title: 'Onderzoek naar de huidige opvangcapaciteit',
        description:
          'Het onderzoek naar de huidige opvangcapaciteit door onderzoeksbureau Q-Consult bevindt zich in de afrondende fase. In de voortgangsbrief van het najaar 2025 volgt een reactie.',
        owner: JENV,
        partners: ['Q-Consult'],
        status: 'running',
        source:
          'Actielijn 3: «Het onderzoek naar de huidige opvangcapaciteit door onderzoeksbureau Q-Consult bevindt zich in de afrondende fase.»',
        milestones: [
          { title: 'Reactie op het onderzoek in de voortgangsbrief najaar 2025', planned: '2025-11-30' },
        ],
        indicators: [],
      },
      {
        code: '3.2',
        title: 'Ontwikkeltraject scenario’s voor een verbeterd opvanglandschap',
        description:
          'In een ontwikkeltraject wordt gewerkt aan scenario’s voor een verbeterd opvanglandschap; schaalgrootte en governance worden meegenomen.',
        owner: JENV,
        partners: [],
        status: 'running',
        source:
          'Actielijn 3: «In een ontwikkeltraject wordt gewerkt aan scenario’s voor een verbeterd opvanglandschap. Zaken als schaalgrootte en governance worden daarin meegenomen.»',
        milestones: [],
        indicators: [],
      },
      {
        code: '3.3',
        title: 'Dossieronderzoek naar de instroom in de opvang',
        description:
          'Een dossieronderzoek bij drie opvanginstellingen geeft zicht op het instroomproces van slachtoffers in de opvang en de knelpunten daarbij.',
        owner: JENV,
        partners: [],
        status: 'running',
        source:
          'Actielijn 3: «Verder wordt een dossieronderzoek uitgevoerd bij drie opvanginstellingen om beter zicht te krijgen op het instroomproces»',
        milestones: [],
        indicators: [
          {
            name: 'Opvanginstellingen in het dossieronderzoek',
            unit: 'instellingen',
            min: 0,
            values: [{ period: '2025', value: 3 }],
          },
        ],
      },
      {
        code: '3.4',
        title: 'Structuur voor de inzet van ervaringsdeskundigen: spiegelgroep en poule',
        description:
          'CoMensha werkt met ervaringsdeskundigen en professionals aan een nieuwe werkwijze: een spiegelgroep van zes tot acht ervaringsdeskundigen die minimaal eens per kwartaal samenkomt, en een poule van ervaringsdeskundigen gekoppeld aan opdrachten van organisaties, met CoMensha als coördinator. Ervaringsdeskundigen worden ook financieel gelijkwaardig aan andere professionals behandeld.',
        owner: 'CoMensha',
        partners: [],
        status: 'running',
        source:
          'Actielijn 3: «De spiegelgroep gaat bestaan uit zes tot acht ervaringsdeskundigen en komt (minimaal) eens per kwartaal samen.» — «CoMensha is de coördinator van de poule.»',
        milestones: [],
        indicators: [
          {
            name: 'Leden van de spiegelgroep (streefwaarde 6 tot 8)',
            unit: 'ervaringsdeskundigen',
            min: 0,
            max: 8,
            values: [],
          },
          {
            name: 'Bijeenkomsten van de spiegelgroep per jaar (minimaal 4)',
            unit: 'bijeenkomsten',
            min: 0,
            values: [],
          },
        ],
      },
    ],
  },
  {
    code: '4',
    title: 'Verbeteren van de (bovenregionale en regionale) samenwerking',
    source:
      'Voortgang uitvoering Actieplan — «Verbeteren van de (bovenregionale en regionale) samenwerking (actielijn 4)»',
    actions: [
      {
        code: '4.1',
        title: 'Bouwstenen voor effectieve regionale samenwerking',
        description:
          'In opdracht van de VNG, het CCV en CoMensha heeft de DSP-groep bouwstenen opgesteld met taken voor regiehouders, coördinatoren slachtofferschap en portefeuillehouders, en een gezamenlijke leerlijn. Een extra bouwsteen voor monitoring en evaluatie is in ontwikkeling. Afronding verwacht eind 2025 of uiterlijk begin 2026.',
        owner: 'VNG',
        partners: ['CCV', 'CoMensha', 'DSP-groep'],
        status: 'running',
        source:
          'Actielijn 4: «De verwachting is dat de DSP-groep eind dit jaar of uiterlijk begin 2026 de opdracht afrondt.»',
        milestones: [
          {
            title:
              'Taken voor regiehouders, coördinatoren slachtofferschap en portefeuillehouders gedefinieerd',
          },
          { title: 'Extra bouwsteen monitoring en evaluatie' },
          { title: 'Opdracht DSP-groep afgerond (eind 2025, uiterlijk begin 2026)', planned: '2025-12-31' },
        ],
        indicators: [],
      },
      {
        code: '4.2',
        title: 'RAAM-programma met RIEC Midden-Nederland',
        description:
          'Met RIEC Midden-Nederland is het RAAM-programma van MetaStory beproefd, waarin multidisciplinaire samenwerking wordt geoefend. Het leidde tot verbeterpunten: een versterkte rol van gemeenten, betere gegevensdeling en snellere signalering van criminele uitbuiting. Rapport: bijlage 4.',
        owner: 'RIEC Midden-Nederland',
        partners: ['MetaStory'],
        status: 'completed',
        source:
          'Actielijn 4: «Daarnaast is met RIEC Midden-Nederland het RAAM-programma van MetaStory beproefd waarin multidisciplinaire samenwerking in de praktijk wordt geoefend.»',
        milestones: [{ title: 'Rapport aangeboden aan de Kamer (bijlage 4)', actual: '2025-07-04' }],
        indicators: [],
      },
    ],
  },
  {
    code: '5',
    title: 'Verbetering van de informatiedeling en gegevensverwerking',
    source:
      'Voortgang uitvoering Actieplan — «Verbetering van de informatiedeling en gegevensverwerking (actielijn 5)»',
    actions: [
      {
        code: '5.1',
        title: 'Werkgroep informatiedeling en gegevensverwerking (AVG)',
        description:
          'Een werkgroep, begeleid door KEN!, brengt werkwijzen, functies en werkprocessen in kaart. In de eerste helft van 2025 zijn generieke bouwstenen geschetst; vanaf het tweede kwartaal van 2025 wordt de gegevensverwerking AVG-conform ingericht. In het najaar van 2025 volgen kennisproducten voor het veld.',
        owner: JENV,
        partners: ['KEN!'],
        status: 'running',
        source:
          'Actielijn 5: «In het kader van actielijn 5 is een werkgroep informatiedeling en gegevensverwerking gevormd die wordt begeleid door het Kennis- en Expertisenetwerk (…) (KEN!).»',
        milestones: [
          { title: 'Bouwstenen geschetst (eerste helft 2025)' },
          { title: 'Start AVG-conforme inrichting gegevensverwerking (tweede kwartaal 2025)' },
          { title: 'Kennisproducten voor het veld opgeleverd (najaar 2025)', planned: '2025-11-30' },
        ],
        indicators: [],
      },
      {
        code: '5.2',
        title: 'Pilot Domein Overstijgende Informatie gestuurde Werkwijze (DIGW) bij gemeenten',
        description:
          'Een pilot met enkele gemeenten onderzoekt of de DIGW, die onder andere door de politie wordt gebruikt, ook in het gemeentelijk domein toepasbaar is voor signalering van mensenhandel.',
        owner: JENV,
        partners: ['Politie'],
        status: 'running',
        source:
          'Actielijn 5: «Ook loopt een pilot met enkele gemeenten om te onderzoeken in hoeverre de Domein Overstijgende Informatie gestuurde Werkwijze (DIGW) (…) ook toepasbaar is in het gemeentelijk domein»',
        milestones: [],
        indicators: [],
      },
    ],
  },
  {
    code: '6',
    title: 'Versterken van de positie van minderjarige slachtoffers',
    source:
      'Voortgang uitvoering Actieplan — «Versterken van de positie van minderjarige slachtoffers (actielijn 6)»: «Defence for Children/ECPAT en FIER zijn actiehouder van deze actielijn.»',
    actions: [
      {
        code: '6.1',
        title: 'Totaalbeeld van organisaties die minderjarigen beschermen',
        description:
          'Sinds 2024 wordt een totaalbeeld gemaakt van organisaties, instanties en professionals die minderjarigen beschermen tegen seksuele en criminele uitbuiting; leerpunten gaan als advies naar de betrokken organisaties.',
        owner: 'Defence for Children–ECPAT',
        partners: [],
        coHolders: ['Fier'],
        status: 'running',
        source:
          'Actielijn 6: «In 2024 is gestart met het creëren van een totaalbeeld van organisaties, instanties en professionals die een rol spelen in het beschermen van minderjarigen»',
        milestones: [],
        indicators: [],
      },
      {
        code: '6.2',
        title: 'Gesprekken met slachtoffers, ervaringsdeskundigen en stakeholders',
        description:
          'Gesprekken maken duidelijk welke drempels minderjarigen en professionals ervaren; ze gaan door in 2025 en voeden trainingen en adviezen.',
        owner: 'Defence for Children–ECPAT',
        partners: [],
        coHolders: ['Fier'],
        status: 'running',
        source:
          'Actielijn 6: «Er hebben daarnaast reeds tal van gesprekken plaatsgevonden met slachtoffers, ervaringsdeskundigen en stakeholders.»',
        milestones: [],
        indicators: [],
      },
      {
        code: '6.3',
        title: 'Signalering onder alleenstaande minderjarige vreemdelingen',
        description:
          'Met twee landelijke organisaties is het gesprek gestart over het versterken van de signalering onder alleenstaande minderjarige vreemdelingen; in 2025 en 2026 volgen meer organisaties.',
        owner: 'Defence for Children–ECPAT',
        partners: [],
        coHolders: ['Fier'],
        status: 'running',
        source:
          'Actielijn 6: «Met twee landelijke organisaties is inmiddels het gesprek gestart over het versterken van de signalering van mensenhandel onder alleenstaande minderjarige vreemdelingen.»',
        milestones: [],
        indicators: [],
      },
      {
        code: '6.4',
        title: 'Campagne #GeenBUIT voor professionals die met jongeren werken',
        description:
          'Op 12 mei 2025 is de campagne #GeenBUIT gelanceerd, die professionals motiveert de gratis e-learning BUIT te volgen, via sociale media, nieuwsbrieven en kennisplatforms.',
        owner: 'Defence for Children–ECPAT',
        partners: [],
        coHolders: ['Fier'],
        status: 'running',
        source:
          'Actielijn 6: «Tot slot is op 12 mei jl. de campagne «#GeenBUIT» gelanceerd, gericht op professionals die met jongeren werken.»',
        milestones: [{ title: 'Lancering campagne #GeenBUIT', actual: '2025-05-12' }],
        indicators: [],
      },
    ],
  },
  {
    code: 'G',
    title: 'Landelijke aansturing, governance en klantenaanpak',
    source:
      '«WODC-onderzoek landelijke aansturing en coördinatie mensenhandel», «Governance aanpak mensenhandel en rol van Nationaal coördinator», «Reactie op rapport «Van kwaad tot erger» van CKM Chat met Fier»',
    actions: [
      {
        code: 'G.1',
        title: 'WODC-onderzoek naar landelijke aansturing en coördinatie (motie Mutluer)',
        description:
          'De ministeries van JenV en VWS hebben een onderzoeksaanvraag ingediend bij het WODC; het WODC werkt aan de startnotitie. Het onderzoek kan naar verwachting na de zomer starten; de resultaten worden eind 2025 verwacht.',
        owner: JENV,
        partners: ['Ministerie van Volksgezondheid, Welzijn en Sport', 'WODC'],
        status: 'planned',
        source:
          'WODC-onderzoek landelijke aansturing en coördinatie mensenhandel: «Naar verwachting kan het onderzoek na de zomer starten en worden de resultaten eind 2025 opgeleverd.»',
        milestones: [
          { title: 'Onderzoeksaanvraag goedgekeurd door het WODC' },
          { title: 'Resultaten WODC-onderzoek opgeleverd (eind 2025)', planned: '2025-12-31' },
        ],
        indicators: [],
      },
      {
        code: 'G.2',
        title: 'Fieldlab «Aanpak van klanten»',
        description:
          'Dit jaar wordt een Fieldlab «Aanpak van klanten» georganiseerd om te onderzoeken hoe de aanpak van klanten van mensenhandel kan worden verbeterd; de voorbereidingen zijn gestart.',
        owner: JENV,
        partners: [],
        status: 'planned',
        source:
          'Reactie op rapport «Van kwaad tot erger» van CKM Chat met Fier: «Ik kan melden dat dit jaar een Fieldlab «Aanpak van klanten» wordt georganiseerd.»',
        milestones: [{ title: 'Fieldlab «Aanpak van klanten» gehouden (2025)', planned: '2025-12-31' }],
        indicators: [],
      },
    ],
  },
  {
    code: 'I',
    title: 'Internationale inzet',
    source: '«Internationale ontwikkelingen»',
    actions: [
      {
        code: 'I.1',
        title: 'Counter-Trafficking Data Collaborative (CTDC) binnen COMPASS',
        description:
          'Binnen het door Nederland gefinancierde COMPASS-programma heeft IOM het CTDC opgericht, de eerste wereldwijde datahub voor mensenhandel, met data over 37.000 daders en 17.000 slachtoffers.',
        owner: 'IOM',
        partners: [],
        status: 'running',
        source:
          'Wereldwijde datahub voor mensenhandel: «Het CTDC bevat data over 37.000 daders en 17.000 slachtoffers van mensenhandel.»',
        milestones: [],
        indicators: [
          { name: 'Daders in het CTDC', unit: 'daders', min: 0, values: [{ period: '2025', value: 37000 }] },
          {
            name: 'Slachtoffers in het CTDC',
            unit: 'slachtoffers',
            min: 0,
            values: [{ period: '2025', value: 17000 }],
          },
        ],
      },
      {
        code: 'I.2',
        title: 'School anti-Trafficking Education and Advocacy Project (STEAP) in Nigeria',
        description:
          'Nederland financiert in Nigeria STEAP met een budget van 5,5 miljoen euro, uitgevoerd door ICMPD: voorlichting binnen de schoolgemeenschap voor scholieren, ouders en leraren.',
        owner: 'ICMPD',
        partners: [],
        status: 'running',
        source:
          'Voorlichting over mensenhandel binnen schoolgemeenschap in Nigeria: «financiert Nederland in Nigeria het School anti-Trafficking Education and Advocacy Project (STEAP) met een budget van 5,5 miljoen euro.»',
        milestones: [],
        indicators: [
          { name: 'Budget STEAP', unit: 'euro', min: 0, values: [{ period: '2025', value: 5500000 }] },
        ],
      },
      {
        code: 'I.3',
        title: 'Escapetruck in Bulgarije, Polen en Hongarije',
        description:
          'De Escapetruck van de Reshape Foundation, ontwikkeld met de politie, toerde in mei 2025 twee weken in het zuiden van Polen; in het najaar van 2025 toert hij twee weken door Bulgarije (gefinancierd door JenV), met vier stops in Hongarije vooraf en daarna het noorden van Polen. Polen en Hongarije financieren de ontvangst nu zelf.',
        owner: 'Reshape Foundation',
        partners: ['Politie', JENV, 'Ministerie van Buitenlandse Zaken'],
        status: 'running',
        source:
          'Inzet Escapetruck in Bulgarije, Polen en Hongarije: «De Escapetruck zal in het najaar van 2025 twee weken rondtoeren door verschillende gemeenten in Bulgarije»',
        milestones: [
          { title: 'Twee weken in het zuiden van Polen (mei 2025)', actual: '2025-05-31' },
          { title: 'Vier stops in Hongarije (Universiteit van Pécs)' },
          { title: 'Toer van twee weken door Bulgarije (najaar 2025)', planned: '2025-11-30' },
          { title: 'Toer van twee weken door het noorden van Polen' },
        ],
        indicators: [],
      },
    ],
  },
];
