// Dates and numbers in the reader's language. Plan dates are calendar dates (yyyy-mm-dd), shown as such.
import { formatCalendarDate } from '../../../platform/time/index.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatDate(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return formatCalendarDate(iso, locale, 'dayMonthYear');
}

export function formatNumber(value: number, locale: string): string {
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    numberFormats.set(locale, f);
  }
  return f.format(value);
}
