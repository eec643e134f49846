// Dates and moments in the reader's language. A calendar date (YYYY-MM-DD) is a day, formatted as that day
// wherever the server runs (in UTC, where the ISO date's midnight is); a moment is shown in Dutch time. Intl
// formatters are costly to make and pages format many dates: one per locale and style, kept.
import { DUTCH_TIME_ZONE } from './calendar.js';

const DATE_STYLES = {
  /** "3 maart 2026" / "March 3, 2026" */
  long: { dateStyle: 'long' },
  /** "3 mrt 2026" / "Mar 3, 2026" */
  medium: { dateStyle: 'medium' },
  /** Day, month in words and year, without the weekday some locales add to `long`. */
  dayMonthYear: { day: 'numeric', month: 'long', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type DateStyle = keyof typeof DATE_STYLES;

const MOMENT_STYLES = {
  /** "28 november 2026 om 11:00" */
  long: { dateStyle: 'long', timeStyle: 'short' },
  /** "28 nov 2026, 11:00" */
  medium: { dateStyle: 'medium', timeStyle: 'short' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type MomentStyle = keyof typeof MOMENT_STYLES;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/**
 * A calendar date in the reader's language. Takes `YYYY-MM-DD` (a longer ISO text is cut to its date) or a Date
 * (its UTC date, as the database hands back a `date` column).
 */
export function formatCalendarDate(date: string | Date, locale: string, style: DateStyle = 'long'): string {
  const iso = date instanceof Date ? date.toISOString().slice(0, 10) : date.slice(0, 10);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const format = formatter(`d|${style}|${locale}`, locale, { ...DATE_STYLES[style], timeZone: 'UTC' });
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}

/** A moment (date and time of day) in Dutch time, in the reader's language. */
export function formatMoment(instant: Date | string, locale: string, style: MomentStyle = 'long'): string {
  const format = formatter(`m|${style}|${locale}`, locale, {
    ...MOMENT_STYLES[style],
    timeZone: DUTCH_TIME_ZONE,
  });
  return format.format(instant instanceof Date ? instant : new Date(instant));
}

// 2024-01-01 was a Monday: day names come from Intl, in the reader's language.
const MONDAY_2024 = Date.UTC(2024, 0, 1);

/** The name of a weekday (0 = Monday … 6 = Sunday) in the reader's language. */
export function weekdayName(day: number, locale: string): string {
  const format = formatter(`w|${locale}`, locale, { weekday: 'long', timeZone: 'UTC' });
  return format.format(new Date(MONDAY_2024 + day * 86_400_000));
}
