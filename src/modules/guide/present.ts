// Advice in words: for each ranked desk why it was chosen, how to reach it now, when it is open, the languages
// it speaks, what happens when you contact it, whether it is free and whether you can stay anonymous. One shape
// for the result page and GET /api/v1/guide/advice, so both say the same thing.
import type { Translate } from '../../platform/i18n/index.js';
import {
  describeHours,
  dayName,
  hasTerm,
  languageName,
  phoneFacts,
  phoneLink,
  type PhoneFee,
  type ServiceRecord,
  type TaxonomyTerm,
} from '../directory/index.js';
import type { RankedDesk } from './engine.js';
import { openingState } from './hours.js';
import { chooseFirst, firstThenOthers, hasLiveChannel, reachNow, type Reach } from './routing/first-step.js';
import type { Advice } from './advice.js';

export type ContactChannel =
  'phone' | 'sms' | 'whatsapp' | 'chat' | 'web_form' | 'website' | 'email' | 'walk_in';

export interface DeskContact {
  channel: ContactChannel;
  /** What to show: the number, address or web address. */
  value: string;
  /** A link that starts the contact (tel:, sms:, https:, mailto:); absent for a walk-in address. */
  href?: string;
  label: string;
  /** Phone and SMS: the +31 form for a caller abroad (null when it cannot be called from abroad). */
  international?: string | null;
  /** Phone and SMS: false for 0800, 0900 and short numbers. */
  fromAbroad?: boolean;
  /** Phone and SMS: free, local (normal call costs) or paid (0900: never free). */
  fee?: PhoneFee;
}

export interface DeskView {
  serviceId: string;
  name: string;
  organization: string;
  rank: number;
  reasons: string[];
  /** The language of each reason (the page's, or English for a rule sentence not yet translated). */
  reasonLangs: string[];
  contacts: DeskContact[];
  openNow: boolean | null;
  /** Whether the desk can be reached now (see routing/first-step.ts). */
  reach: Reach;
  /** "Opens Monday at 09:00" when closed and the next opening is known. */
  opensNext: string | null;
  hours: string[];
  /** ISO 639-1 codes and their names in the reader's language. */
  languages: { code: string; name: string }[];
  free: boolean;
  anonymous: boolean;
  whatHappens: string;
  isSample: boolean;
  /** Directory page of the desk. */
  path: string;
}

/** What to do now: the desk to contact first (the first of `desks`) and how. */
export interface FirstStep {
  serviceId: string;
  /** What to do, in the reader's language. */
  action: string;
  reach: Reach;
  /** The channel to use now (phone, WhatsApp, chat, text message); null when the desk has none. */
  contact: DeskContact | null;
}

export interface AdviceView {
  emergency: { phone: string; label: string } | null;
  /** null only when there is no desk at all. */
  firstStep: FirstStep | null;
  /** The desk to contact first, then the others in their ranked order; `rank` is the position shown. */
  desks: DeskView[];
  ruleSetVersion: string;
}

/** The first desk type in this order decides the "what happens" text. */
const DESK_TYPE_ORDER = [
  'police',
  'inspectorate',
  'reporting_point',
  'helpline',
  'shelter',
  'care',
  'knowledge_centre',
];

export interface PresentContext {
  t: Translate;
  locale: string;
  now: Date;
  terms: Map<string, TaxonomyTerm>;
  /** Name of the municipality of the answers, for "because it works in …". */
  placeName?: string;
}

// Intl formatters are costly to create and this runs per request: one per locale.
const listFormats = new Map<string, Intl.ListFormat>();

function listFormat(locale: string, items: string[]): string {
  let format = listFormats.get(locale);
  if (!format)
    listFormats.set(locale, (format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })));
  return format.format(items);
}

function localised(text: Record<string, string> | undefined, locale: string): string | undefined {
  return text ? (text[locale] ?? text.en) : undefined;
}

/** The language a rule's own sentence is in: the reader's, or English when the rule set has no translation. */
function localisedLang(text: Record<string, string> | undefined, locale: string): string {
  return text?.[locale] !== undefined ? locale : 'en';
}

/**
 * "Because the person is under 18 and you want to report it to the police." plus the rules' own sentences, each
 * with the language it is in (a rule's sentence may only exist in English).
 */
export function reasonsFor(desk: RankedDesk, ctx: PresentContext): { text: string; lang: string }[] {
  const { t, locale } = ctx;
  const out: { text: string; lang: string }[] = [];
  const phrases: string[] = [];
  for (const hit of desk.hits.filter((h) => h.rule.score > 0).slice(0, 3)) {
    for (const m of hit.matched) {
      const phrase = t(`guide.because.${m.key}.${m.value}`);
      if (!phrases.includes(phrase)) phrases.push(phrase);
    }
  }
  if (desk.via !== 'country' && ctx.placeName)
    phrases.push(t('guide.because.local', { place: ctx.placeName }));
  if (phrases.length)
    out.push({ text: t('guide.because', { list: listFormat(locale, phrases.slice(0, 4)) }), lang: locale });
  for (const hit of desk.hits) {
    const sentence = localised(hit.rule.reason, locale);
    if (sentence && !out.some((r) => r.text === sentence))
      out.push({ text: sentence, lang: localisedLang(hit.rule.reason, locale) });
    if (out.length >= 3) break;
  }
  if (out.length === 0) out.push({ text: t('guide.because.general'), lang: locale });
  return out;
}

/** What reaches the desk from abroad when a number does not: a number that does, WhatsApp, chat, form, e-mail, site. */
export function abroadAlternative(contacts: DeskContact[]): DeskContact | undefined {
  return contacts.find(
    (c) =>
      (c.fee !== undefined && c.fromAbroad === true) ||
      ['whatsapp', 'chat', 'web_form', 'email', 'website'].includes(c.channel),
  );
}

export function contactsOf(record: ServiceRecord, t: Translate): DeskContact[] {
  const contacts: DeskContact[] = [];
  for (const phone of record.phones) {
    const channel: ContactChannel = phone.channel === 'voice' ? 'phone' : phone.channel;
    contacts.push({
      channel,
      value: phone.number,
      href: phoneLink(phone),
      label: t(`guide.channel.${channel}`),
      ...(channel === 'whatsapp' ? {} : phoneFacts(phone.number)),
    });
  }
  for (const url of record.urls) {
    const channel: ContactChannel = url.channel;
    contacts.push({ channel, value: url.url, href: url.url, label: t(`guide.channel.${channel}`) });
  }
  if (record.url && !record.urls.some((u) => u.url === record.url)) {
    contacts.push({
      channel: 'website',
      value: record.url,
      href: record.url,
      label: t('guide.channel.website'),
    });
  }
  const email = record.email ?? record.organization.email;
  if (email)
    contacts.push({
      channel: 'email',
      value: email,
      href: `mailto:${email}`,
      label: t('guide.channel.email'),
    });
  for (const location of record.locations) {
    if (location.location_type !== 'physical') continue;
    for (const address of location.addresses.filter((a) => a.address_type === 'physical')) {
      contacts.push({
        channel: 'walk_in',
        value: [address.address_1, `${address.postal_code} ${address.city}`].join(', '),
        label: t('guide.channel.walk_in'),
      });
    }
  }
  // Quickest first: talking now, then writing, then visiting or reading.
  const order: ContactChannel[] = [
    'phone',
    'whatsapp',
    'chat',
    'sms',
    'web_form',
    'email',
    'walk_in',
    'website',
  ];
  return contacts.sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel));
}

function opensNextText(
  desk: ServiceRecord,
  ctx: PresentContext,
): { openNow: boolean | null; opensNext: string | null } {
  const state = openingState(desk.schedules, ctx.now);
  if (state.openNow !== false || !state.next) return { openNow: state.openNow, opensNext: null };
  const { inDays, day, time } = state.next;
  if (inDays === 0) return { openNow: false, opensNext: ctx.t('guide.hours.opensToday', { time }) };
  if (inDays === 1) return { openNow: false, opensNext: ctx.t('guide.hours.opensTomorrow', { time }) };
  return { openNow: false, opensNext: ctx.t('guide.hours.opensOn', { day: dayName(day, ctx.locale), time }) };
}

export function presentDesk(desk: RankedDesk, ctx: PresentContext): DeskView {
  const { record } = desk;
  const { t, locale, terms } = ctx;
  const languageCodes = [
    ...new Set([...record.languages.map((l) => l.code), ...record.phones.flatMap((p) => p.languages)]),
  ];
  const deskType =
    DESK_TYPE_ORDER.find((code) => hasTerm(record, terms, 'desk_type', code)) ?? 'knowledge_centre';
  const whatHappens =
    locale === 'nl' && record.application_process
      ? record.application_process
      : t(`guide.whatHappens.${deskType}`);
  return {
    serviceId: record.id,
    name: record.name,
    organization: record.organization.name,
    rank: desk.rank,
    ...(() => {
      const reasons = reasonsFor(desk, ctx);
      return { reasons: reasons.map((r) => r.text), reasonLangs: reasons.map((r) => r.lang) };
    })(),
    contacts: contactsOf(record, t),
    ...opensNextText(record, ctx),
    reach: reachNow(record.schedules, ctx.now),
    hours: describeHours(record.schedules, t, locale),
    languages: languageCodes.map((code) => ({ code, name: languageName(code, locale) })),
    free: hasTerm(record, terms, 'access', 'free'),
    anonymous: hasTerm(record, terms, 'access', 'anonymous_possible'),
    whatHappens,
    isSample: record.is_sample,
    path: `/directory/services/${record.id}`,
  };
}

const LIVE_CHANNELS: readonly ContactChannel[] = ['phone', 'whatsapp', 'chat', 'sms'];

export function presentAdvice(advice: Advice, ctx: PresentContext): AdviceView {
  const views = advice.desks.map((d) => presentDesk(d, ctx));
  const first = chooseFirst(
    advice.desks.map((d, i) => ({
      live: hasLiveChannel(d.record),
      reach: views[i]!.reach,
      emergencyNumber: hasTerm(d.record, ctx.terms, 'need', 'acute_danger'),
    })),
    advice.emergency,
  );
  const desks = firstThenOthers(views, first).map((v, i) => (v.rank === i + 1 ? v : { ...v, rank: i + 1 }));
  const top = desks[0];
  const action = advice.emergency ? 'emergency' : (advice.answers.audience ?? 'general');
  return {
    emergency: advice.emergency
      ? {
          phone: advice.ruleSet.emergency.phone,
          label: localised(advice.ruleSet.emergency.label, ctx.locale) ?? advice.ruleSet.emergency.phone,
        }
      : null,
    firstStep: top
      ? {
          serviceId: top.serviceId,
          action: ctx.t(`guide.first.do.${action}`),
          reach: top.reach,
          contact: top.contacts.find((c) => LIVE_CHANNELS.includes(c.channel)) ?? null,
        }
      : null,
    desks,
    ruleSetVersion: String(advice.ruleSetVersion),
  };
}
