// The words and formats of one subject-access document, made once for its language: the document's messages
// (`referrals.sar.*`), codes in words, dates and moments, places, organisations, and who acted said as role and
// organisation (never a staff member's name). Every section of the document (subject-access-sections.ts and the
// consent and decision sections) writes through these, so the whole document speaks one language.
import { translateOr, type Translate } from '../../platform/i18n/index.js';
import { formatCalendarDate, formatMoment } from '../../platform/time/index.js';
import { typeName } from './identification/words.js';
import type { SectionHelpers } from './subject-access-consent.js';
import type { Actor } from './subject-access-repository.js';

export interface DocumentWords extends SectionHelpers {
  t: Translate;
  locale: string;
  /** A list of codes in words ("none" when empty). */
  words: (prefix: string, codes: readonly string[] | null | undefined) => string;
  /** A calendar day ("not recorded" when absent). */
  day: (iso: unknown) => string;
  country: (code: unknown) => string;
  ageGroup: (code: unknown) => string;
  place: (code: unknown) => string;
  /** Who acted: role and organisation, the organisation alone, the system, or a former staff member. */
  who: (userId: string | null | undefined, teamName?: string | null) => string;
  /** The words a case event's reason needs for its codes (event-reason.ts). */
  reasonWords: {
    service: (code: string) => string;
    category: (code: string) => string;
    close: (code: string) => string;
    consent: (code: string) => string;
    ground: (code: string) => string;
    day: (iso: string) => string;
    decisionType: (code: string) => string;
    supportFact: (code: string) => string;
  };
}

/** The names the document may say, by key: organisations, places and the role of every actor it mentions. */
export interface DocumentNames {
  teamNames: Record<string, string>;
  placeNames: Record<string, string>;
  actors: Record<string, Actor>;
}

export function documentWords(names: DocumentNames, t: Translate, locale: string): DocumentWords {
  const s = (key: string, params?: Record<string, string | number>) => t(`referrals.sar.${key}`, params);
  const word = (prefix: string, code: string) =>
    translateOr(t, `referrals.sar.${prefix}.${code}`, s('unknownValue'));
  const listed = new Intl.ListFormat(locale, { type: 'unit', style: 'short' });
  const words = (prefix: string, codes: readonly string[] | null | undefined) =>
    codes && codes.length ? listed.format(codes.map((c) => word(prefix, c))) : s('none');
  const moment = (d: unknown) => (d ? formatMoment(new Date(d as string), locale) : s('notRecorded'));
  const day = (iso: unknown) => {
    if (!iso) return s('notRecorded');
    return formatCalendarDate(iso instanceof Date ? iso : String(iso), locale);
  };
  const countries = new Intl.DisplayNames([locale], { type: 'region' });
  const country = (code: unknown) =>
    typeof code === 'string' && /^[A-Z]{2}$/.test(code)
      ? (countries.of(code) ?? s('notRecorded'))
      : s('notRecorded');
  const ageGroup = (code: unknown) => {
    const range = /^(\d+)--(\d+)$/.exec(String(code));
    if (range) return s('age.range', { from: Number(range[1]), to: Number(range[2]) });
    if (code === '48+') return s('age.over', { from: 48 });
    return s('notRecorded');
  };
  const place = (code: unknown) =>
    typeof code === 'string' && names.placeNames[code] && names.placeNames[code] !== code
      ? names.placeNames[code]!
      : s('notRecorded');
  const team = (id: unknown) =>
    typeof id === 'string' && names.teamNames[id] ? names.teamNames[id]! : s('unknownOrganisation');
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : s('notRecorded'));
  const who = (userId: string | null | undefined, teamName?: string | null) => {
    if (!userId) return teamName ? s('who.teamOnly', { organisation: teamName }) : s('who.system');
    const actor = names.actors[userId];
    if (!actor) return teamName ? s('who.teamOnly', { organisation: teamName }) : s('who.former');
    const role = translateOr(t, `referrals.sar.role.${actor.role}`, s('role.other'));
    const organisation = teamName ?? (actor.teamId ? names.teamNames[actor.teamId] : undefined);
    return organisation ? s('who.roleAt', { role, organisation }) : role;
  };
  const reasonWords = {
    service: (code: string) => word('service', code),
    category: (code: string) => word('category', code),
    close: (code: string) => word('close', code),
    consent: (code: string) => word('consent', code),
    ground: (code: string) => word('ground', code),
    day: (iso: string) => day(iso),
    decisionType: (code: string) => typeName(t, { code, name: code }),
    supportFact: (code: string) => translateOr(t, `referrals.duplicates.fact.${code}`, code),
  };
  return { t, locale, s, word, words, moment, day, country, ageGroup, place, team, text, who, reasonWords };
}
