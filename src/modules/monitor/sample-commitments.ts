// The motions and commitments of the sample plan, from the same letter of 4 July 2025 (Kamerstuk 28 638,
// nr. 257): each with the actions it is answered by and where the letter says so.
import { JENV, LETTER, type SampleCommitment } from './sample-plan.js';

export const SAMPLE_COMMITMENTS: SampleCommitment[] = [
  {
    kind: 'motion',
    number: '',
    title: 'Motie Mutluer c.s. over landelijke aansturing en coördinatie',
    madeOn: '2023-12-21',
    summary:
      'Verzoekt de regering te onderzoeken hoe een landelijke aansturing en coördinatie van mensenhandel kan worden bewerkstelligd en welke meerwaarde een nationaal coördinator daarbij kan hebben (leden Mutluer, Bikker, Tseggai en Van Nispen).',
    owner: JENV,
    status: 'in_progress',
    answeredIn: `${LETTER} (stand van zaken); reactie in een aparte brief na het WODC-onderzoek`,
    source: 'WODC-onderzoek landelijke aansturing en coördinatie mensenhandel',
    actions: ['G.1'],
  },
  {
    kind: 'commitment',
    number: '28 638, nr. 251',
    title: 'Twee keer per jaar een voortgangsbrief over het Actieplan',
    madeOn: '2024-06-17',
    summary:
      'Bij het aanbieden van het versterkt Actieplan is toegezegd de Kamer twee keer per jaar te informeren over de voortgang van de uitvoering.',
    owner: JENV,
    status: 'in_progress',
    answeredIn: LETTER,
    source:
      'Inleiding: «is aan uw Kamer toegezegd dat u twee keer per jaar wordt geïnformeerd over de voortgang»',
    actions: [],
  },
  {
    kind: 'request',
    number: '',
    title: 'Verzoek lid Ceder: reactie op het rapport «Van kwaad tot erger»',
    madeOn: '2025-04-22',
    summary: 'Verzoek om per brief te reageren op het rapport «Van kwaad tot erger» van CKM Chat met Fier.',
    owner: JENV,
    status: 'done',
    answeredIn: LETTER,
    source: 'Reactie op rapport «Van kwaad tot erger» van CKM Chat met Fier',
    actions: ['6.4', 'G.2'],
  },
  {
    kind: 'commitment',
    number: '',
    title: 'Aparte brief over de governance van de aanpak en de rol van de nationaal coördinator',
    madeOn: '2025-07-04',
    summary:
      'Een voorstel voor de inrichting van de governance, met een reactie op het WODC-onderzoek en het advies van de Nationaal Rapporteur, in een aparte brief.',
    owner: JENV,
    status: 'open',
    answeredIn: 'Aparte brief (na afronding WODC-onderzoek, eind 2025)',
    source: 'Governance aanpak mensenhandel en rol van Nationaal coördinator',
    actions: ['G.1'],
  },
  {
    kind: 'commitment',
    number: '',
    title: 'Reactie op het onderzoek naar de opvangcapaciteit',
    madeOn: '2025-07-04',
    summary:
      'In de voortgangsbrief van het najaar 2025 wordt de voortgang van de opvangacties opnieuw in beeld gebracht, met een reactie op het onderzoek naar de huidige opvangcapaciteit.',
    owner: JENV,
    status: 'open',
    answeredIn: 'Voortgangsbrief najaar 2025',
    source:
      'Actielijn 3: «In de voortgangsbrief van het najaar 2025 zal opnieuw de voortgang op deze acties in beeld worden gebracht»',
    actions: ['3.1', '3.2', '3.3'],
  },
  {
    kind: 'commitment',
    number: '',
    title:
      'Moties en toezeggingen uit het debat over de Wet modernisering en uitbreiding strafbaarstelling mensenhandel',
    madeOn: '2025-06-05',
    summary:
      'De uitvoering van de moties en toezeggingen uit het plenaire debat van 5 juni 2025 die het Actieplan raken, wordt meegenomen in een brief dit najaar.',
    owner: JENV,
    status: 'open',
    answeredIn: 'Brief najaar 2025',
    source:
      'Moties en toezeggingen plenair debat Wet modernisering en uitbreiding strafbaarstelling mensenhandel',
    actions: [],
  },
];
