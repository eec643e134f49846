// The subject-access export the person is owed (AVG art. 15), as one document in the person's language: every
// field held about them in words, what happened in their case, every access to their file (emergency access with
// its reason first), the national registration, purposes, legal grounds, retention, their rights and the
// complaint route. Who acted is said as role and organisation, never a staff member's name or address; no
// internal key, version, UUID or code appears (subject-access.db.test.ts checks every locale). The HTML page and
// the PDF render this same document, so they say the same. Messages: `referrals.sar.*`, in all 11 locales
// (`subject-access/locales`).
// The sections are in subject-access-sections.ts, the words they write with in subject-access-words.ts.
import { isLocale, localeInfo, type Translate } from '../../platform/i18n/index.js';
import { consentSection } from './subject-access-consent.js';
import type { SubjectAccessData } from './subject-access-data.js';
import { decisionsSection } from './subject-access-decisions.js';
import type { Section } from './subject-access-blocks.js';
import {
  accessSection,
  caseSection,
  complaintSection,
  emergencySection,
  personSection,
  placementsSection,
  purposesSection,
  registrationSection,
  referralsSection,
  rightsSection,
  timelineSection,
} from './subject-access-sections.js';
import { documentWords } from './subject-access-words.js';

export type { SubjectAccessData } from './subject-access-data.js';
export { accessKind, AUTHORITY_NAME, AUTHORITY_WEBSITE, PERSON_REGISTER } from './subject-access-sections.js';
export type { Block, Section } from './subject-access-blocks.js';

export interface SubjectAccessDocument {
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  intro: string[];
  sections: Section[];
}

/** The language of the document: the one asked for, else the page's. */
export function documentLocale(asked: unknown, fallback: string): string {
  return typeof asked === 'string' && isLocale(asked) ? asked : fallback;
}

export function subjectAccessDocument(
  data: SubjectAccessData,
  t: Translate,
  locale: string,
): SubjectAccessDocument {
  const h = documentWords(data, t, locale);
  const { s, moment } = h;
  const c = data.case;
  const ownerName = h.team(c.owner_team_id);
  const sections: Section[] = [
    personSection(data.person, h),
    caseSection(c, h),
    timelineSection(data.events, h),
    referralsSection(data.referrals, h),
    placementsSection(data.placements, h),
    consentSection(data.consents, h),
    ...(data.identification ? [decisionsSection(data.identification, h)] : []),
    emergencySection(data.grants, h),
    accessSection(data, h),
    registrationSection(data.registration, h),
    purposesSection(data.retentionYears, h),
    rightsSection(ownerName, h),
    complaintSection(h),
  ];

  return {
    lang: locale,
    dir: localeInfo(locale).dir,
    title: s('title'),
    intro: [
      s('caseNumber', { reference: c.reference }),
      s('intro', { date: moment(data.exportedAt) }),
      s('handledBy', { organisation: ownerName }),
    ],
    sections,
  };
}

/** The document as plain lines (what the PDF shows; tests read it). */
export function documentLines(doc: SubjectAccessDocument): string[] {
  const lines = [doc.title, ...doc.intro];
  for (const section of doc.sections) {
    lines.push(section.heading);
    for (const b of section.blocks) {
      if (b.kind === 'p' || b.kind === 'h3') lines.push(b.text);
      else if (b.kind === 'link') lines.push(b.text);
      else if (b.kind === 'ul') lines.push(...b.items);
      else lines.push(...b.items.map(([k, v]) => `${k}: ${v}`));
    }
  }
  return lines;
}
