// Turning directory data into words for people: dates, opening hours (24/7 recognised), languages, areas,
// contact links, taxonomy labels in the reader's language.
import { translateOr, type Translate } from '../../../platform/i18n/index.js';
import { formatCalendarDate, formatMoment } from '../../../platform/time/index.js';
import type { RegionLookup } from '../regions.js';
import { ALL_DAYS, days, isAlwaysOpen } from '../summary.js';
import type {
  AreaType,
  Phone,
  Schedule,
  ServiceArea,
  ServiceRecord,
  TaxonomyCode,
  TaxonomyTerm,
  Url,
} from '../types.js';

export function termLabel(term: Pick<TaxonomyTerm, 'name_nl' | 'name_en'>, locale: string): string {
  return locale === 'nl' ? term.name_nl : term.name_en;
}

/**
 * A term's label in any shipped language: the catalogue's `directory.term.<taxonomy>.<code>`, else the
 * database's Dutch or English label (a term added to the data before its translation).
 */
export function localTermLabel(
  term: Pick<TaxonomyTerm, 'taxonomy' | 'code' | 'name_nl' | 'name_en'>,
  t: Translate,
  locale: string,
): string {
  return translateOr(t, `directory.term.${term.taxonomy}.${term.code}`, termLabel(term, locale));
}

/** Labels of a record's terms in one taxonomy, in the reader's language (every shipped one when `t` is given). */
export function termsOf(
  record: Pick<ServiceRecord, 'taxonomy_term_ids'>,
  terms: Map<string, TaxonomyTerm>,
  taxonomy: TaxonomyCode,
  locale: string,
  t?: Translate,
): string[] {
  return record.taxonomy_term_ids.flatMap((id) => {
    const term = terms.get(id);
    if (!term || term.taxonomy !== taxonomy) return [];
    return [t ? localTermLabel(term, t, locale) : termLabel(term, locale)];
  });
}

export function hasTerm(
  record: Pick<ServiceRecord, 'taxonomy_term_ids'>,
  terms: Map<string, TaxonomyTerm>,
  taxonomy: TaxonomyCode,
  code: string,
) {
  return record.taxonomy_term_ids.some((id) => {
    const t = terms.get(id);
    return t?.taxonomy === taxonomy && t.code === code;
  });
}

/** "3 maart 2026" / "3 March 2026" / "3 marca 2026" for an ISO date, in the reader's language. */
export function formatDate(isoDate: string, locale: string): string {
  return formatCalendarDate(isoDate, locale === 'nl' ? 'nl-NL' : locale === 'en' ? 'en-GB' : locale);
}

/** A moment in Amsterdam time: "28 november 2026 om 11:00". */
export function formatDateTime(iso: string, locale: string): string {
  return formatMoment(iso, locale === 'nl' ? 'nl-NL' : 'en-GB');
}

// Intl formatters are costly to create and these run per request on the public pages: one per locale.
const languageNames = new Map<string, Intl.DisplayNames>();
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

export function languageName(code: string, locale: string): string {
  try {
    let names = languageNames.get(locale);
    if (!names) languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language' })));
    const name = names.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}

// 2024-01-01 was a Monday: day names come from Intl, in the reader's language.
const DAY_INDEX: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

export function dayName(day: string, locale: string): string {
  let format = weekdayFormats.get(locale);
  if (!format)
    weekdayFormats.set(
      locale,
      (format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' })),
    );
  return format.format(new Date(Date.UTC(2024, 0, DAY_INDEX[day] ?? 1)));
}

/** "Monday to Friday", "Monday, Wednesday and Friday", "every day". */
export function describeDays(list: string[], t: Translate, locale: string): string {
  const sorted = ALL_DAYS.filter((d) => list.includes(d));
  if (sorted.length === 7) return t('directory.hours.everyDay');
  const runs: string[][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && DAY_INDEX[d]! - DAY_INDEX[last.at(-1)!]! === 1) last.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((run) =>
    run.length >= 3
      ? [t('directory.hours.dayRange', { from: dayName(run[0]!, locale), to: dayName(run.at(-1)!, locale) })]
      : run.map((d) => dayName(d, locale)),
  );
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(parts);
}

/** Opening hours as sentences; 24/7 recognised. Empty when nothing is known. */
export function describeHours(schedules: readonly Schedule[], t: Translate, locale: string): string[] {
  return describeHoursParts(schedules, t, locale).map((p) => (p.note ? `${p.text} (${p.note})` : p.text));
}

/**
 * Opening hours as sentences in the reader's language, each with the steward's own note apart (`note`, in
 * the language it was written in, Dutch), so a page can mark that note's language.
 */
export function describeHoursParts(
  schedules: readonly Schedule[],
  t: Translate,
  locale: string,
): { text: string; note?: string }[] {
  if (schedules.length === 0) return [];
  if (isAlwaysOpen(schedules)) return [{ text: t('directory.hours.alwaysOpen') }];
  return schedules.map((s) => {
    const when = describeDays(days(s.byday), t, locale);
    const text =
      s.opens_at && s.closes_at
        ? t('directory.hours.line', {
            days: when,
            opens: s.opens_at,
            closes: s.closes_at === '23:59' ? '24:00' : s.closes_at,
          })
        : when;
    return s.description ? { text, note: s.description } : { text };
  });
}

export function areaTypeLabel(type: AreaType, t: Translate): string {
  return t(`directory.area.${type}`);
}

/** "Amsterdam-Amstelland (safety region)"; the country is just "the Netherlands". */
export function areaLabel(
  area: Pick<ServiceArea, 'area_type' | 'area_code' | 'name'>,
  regions: RegionLookup,
  t: Translate,
): string {
  if (area.area_type === 'country') return t('directory.coverage.national');
  const name = regions.areaName(area.area_type, area.area_code) ?? area.name ?? area.area_code;
  return `${name} (${areaTypeLabel(area.area_type, t).toLowerCase()})`;
}

/** Short coverage for lists: "National" or the first areas and how many more. */
export function coverageSummary(
  record: Pick<ServiceRecord, 'service_areas'>,
  regions: RegionLookup,
  t: Translate,
): string {
  const areas = record.service_areas;
  if (areas.length === 0) return t('directory.coverage.none');
  if (areas.some((a) => a.area_type === 'country')) return t('directory.coverage.national');
  const labels = areas.slice(0, 3).map((a) => areaLabel(a, regions, t));
  const more = areas.length - labels.length;
  return more > 0
    ? `${labels.join(', ')} ${t('directory.coverage.more', { count: more })}`
    : labels.join(', ');
}

/** The digits of a number as a tel:/sms: target; Dutch national numbers stay as dialled. */
export function dialable(number: string): string {
  return number.replace(/[^0-9+]/g, '');
}

/** wa.me wants the international number without +: 06-12345678 becomes 31612345678. */
export function whatsappLink(number: string): string {
  let digits = dialable(number);
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `31${digits.slice(1)}`;
  return `https://wa.me/${digits}`;
}

export function phoneLink(phone: Pick<Phone, 'number' | 'channel'>): string {
  if (phone.channel === 'whatsapp') return whatsappLink(phone.number);
  if (phone.channel === 'sms') return `sms:${dialable(phone.number)}`;
  return `tel:${dialable(phone.number)}`;
}

export function ageRange(
  record: Pick<ServiceRecord, 'minimum_age' | 'maximum_age'>,
  t: Translate,
): string | undefined {
  const { minimum_age: min, maximum_age: max } = record;
  if (min !== null && max !== null) return t('directory.ages.between', { min, max });
  if (min !== null) return t('directory.ages.from', { min });
  if (max !== null) return t('directory.ages.upTo', { max });
  return undefined;
}

export function urlText(url: Pick<Url, 'url' | 'label'>): string {
  if (url.label) return url.label;
  try {
    const u = new URL(url.url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url.url;
  }
}

/** Where a record came from, for stewards: entered here, an HSDS file or a followed feed, and when it changed it. */
export function sourceLabel(
  record: Pick<ServiceRecord, 'source_type' | 'source_name' | 'source_imported_at'>,
  t: Translate,
  locale: string,
): string {
  if (record.source_type === 'local' || !record.source_name) return t('directory.steward.source.local');
  const date = record.source_imported_at ? formatDateTime(record.source_imported_at, locale) : '';
  return t(`directory.steward.source.${record.source_type}`, { name: record.source_name, date });
}
