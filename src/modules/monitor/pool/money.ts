// The pool's money, exact: amounts are whole cents (integers), hours are quarter hours as typed (4,25 stays 4.25),
// and a fee is computed once, when the hours are recorded, from the rate in force on the day the work was done.
// Pure: the services store, read and audit.
import type { FieldProblem } from '../../../platform/errors.js';

/** Hours as typed ("4,25", "4.25", "6.5"): a multiple of a quarter hour, or a problem naming the field. */
export function parseQuarterHours(
  raw: string,
  field: string,
  problems: FieldProblem[],
  range: { min: number; max: number },
): number | null {
  const typed = raw.trim().replace(',', '.');
  const n = Number(typed);
  if (typed === '' || !/^\d+(\.\d+)?$/.test(typed) || !Number.isFinite(n) || n < range.min || n > range.max) {
    problems.push({ field, key: 'monitor.error.range', params: { min: range.min, max: range.max } });
    return null;
  }
  // A quarter hour is the finest unit: 4.3 or 1.33 would be a time nobody worked, and rounding it is a silent change.
  if (!Number.isInteger(n * 4)) {
    problems.push({ field, key: 'monitor.error.quarterHours' });
    return null;
  }
  return n;
}

/** Euros as typed ("62,50", "65", "65.5"): whole cents, at most two decimals, or a problem naming the field. */
export function parseCents(
  raw: string,
  field: string,
  problems: FieldProblem[],
  range: { min: number; max: number },
): number | null {
  const typed = raw.trim().replace(/^€\s*/, '').replace(',', '.');
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(typed);
  if (!match) {
    problems.push({ field, key: typed.includes('.') ? 'monitor.error.cents' : 'monitor.error.amount' });
    return null;
  }
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents < range.min * 100 || cents > range.max * 100) {
    problems.push({ field, key: 'monitor.error.range', params: { min: range.min, max: range.max } });
    return null;
  }
  return cents;
}

/**
 * Quarter hours × an hourly rate in cents, in whole cents. Only a quarter of a cent can be left over (a rate of
 * EUR 65.01 for 0.25 h is 1625.25 cents); it is rounded half up, once, here.
 */
export function feeCents(hours: number, hourlyRateCents: number): number {
  const quarters = Math.round(hours * 4);
  return Math.floor((quarters * hourlyRateCents + 2) / 4);
}

/** Cents as euros for display in a locale. */
export function euros(cents: number | null, locale: string): string {
  if (cents === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** Cents as a Dutch spreadsheet number: 42250 -> "422,50" (no thousands separator, so it reads as a number). */
export function dutchAmount(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** Hours as a Dutch spreadsheet number: 4.25 -> "4,25", 6.5 -> "6,5". */
export const dutchHours = (hours: number) => String(hours).replace('.', ',');

/** An ISO day as Dutch spreadsheet users write it: 2026-11-28 -> "28-11-2026". */
export const dutchDate = (day: string | null) => (day ? day.split('-').reverse().join('-') : '');

/** The rate of a card line in force on a day: the period with the latest start on or before it. */
export function rateOn<T extends { effectiveFrom: string }>(periods: T[], day: string): T | undefined {
  return periods
    .filter((p) => p.effectiveFrom <= day)
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}

export interface YearFee {
  expertId: string;
  pseudonym: string;
  workedOn: string;
  feeCents: number;
}

export interface AllowanceLimit {
  year: number;
  monthlyCents: number;
  yearlyCents: number;
}

export interface YearTotal {
  expertId: string;
  pseudonym: string;
  totalCents: number;
  highestMonth: { month: string; cents: number };
  /** Null when no limit is known for the year: then nothing is claimed about it. */
  limit: AllowanceLimit | null;
  overYear: boolean;
  overMonth: boolean;
}

/** Each expert's fees in a calendar year (by the day worked), their highest month, against the year's limits. */
export function yearTotals(fees: YearFee[], year: number, limit: AllowanceLimit | null): YearTotal[] {
  const byExpert = new Map<string, { pseudonym: string; total: number; months: Map<string, number> }>();
  for (const f of fees) {
    if (!f.workedOn.startsWith(`${year}-`)) continue;
    const entry = byExpert.get(f.expertId) ?? { pseudonym: f.pseudonym, total: 0, months: new Map() };
    entry.total += f.feeCents;
    const month = f.workedOn.slice(0, 7);
    entry.months.set(month, (entry.months.get(month) ?? 0) + f.feeCents);
    byExpert.set(f.expertId, entry);
  }
  return [...byExpert.entries()]
    .map(([expertId, e]) => {
      const [month, cents] = [...e.months.entries()].sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      )[0]!;
      return {
        expertId,
        pseudonym: e.pseudonym,
        totalCents: e.total,
        highestMonth: { month, cents },
        limit,
        overYear: limit !== null && e.total > limit.yearlyCents,
        overMonth: limit !== null && cents > limit.monthlyCents,
      };
    })
    .sort((a, b) => a.pseudonym.localeCompare(b.pseudonym, 'nl'));
}
