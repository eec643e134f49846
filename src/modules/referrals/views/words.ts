// Codes said in words on staff pages (issue 18 point 9): an age group as an age, a country code as the country's
// name in the reader's language. Places (municipality, safety region, police unit) go by their names, which the
// routes look up in the directory's regions.
import type { ViewContext } from './common.js';

/** "0–8", "48 or older", "unknown" in words. */
export function ageGroupText(ctx: Pick<ViewContext, 't'>, code: string): string {
  if (code === '48+') return ctx.t('referrals.ageGroup.over', { from: 48 });
  const range = /^(\d+)--(\d+)$/.exec(code);
  return range ? `${range[1]}–${range[2]}` : ctx.t('referrals.unknown');
}

const countryNames = new Map<string, Intl.DisplayNames>();

/** A two-letter country code as the country's name in the reader's language; "unknown" otherwise. */
export function countryText(ctx: Pick<ViewContext, 't' | 'locale'>, code: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return ctx.t('referrals.unknown');
  let names = countryNames.get(ctx.locale);
  if (!names) {
    names = new Intl.DisplayNames([ctx.locale], { type: 'region' });
    countryNames.set(ctx.locale, names);
  }
  return names.of(code) ?? code;
}
