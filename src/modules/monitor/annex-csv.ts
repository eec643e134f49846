// The annex as CSV for people (issue 21 point 7): one row per action in the platform's spreadsheet dialect
// (src/platform/csv.ts). `nl` (the default): Dutch headers and Dutch values (statuses "Lopend", changes "status
// gewijzigd", decimal commas), semicolons, a byte-order mark; `en`: the same in English with commas.
import { csvDecimal, csvLocale, peopleCsv, type CsvDialect } from '../../platform/csv.js';
import { I18n, type Translate } from '../../platform/i18n/index.js';
import type { Annex } from './annex.js';

let i18n: I18n | undefined;
/** The catalogue of the dialect's language (whatever language the page was asked in). */
const translatorFor = (dialect: CsvDialect): Translate =>
  (i18n ??= new I18n()).translator(csvLocale(dialect));

export function annexCsv(
  annex: Annex,
  dialect: CsvDialect = 'nl',
  t: Translate = translatorFor(dialect),
): string {
  const header = [
    'line',
    'lineTitle',
    'code',
    'title',
    'owner',
    'status',
    'previousStatus',
    'changes',
    'narrative',
    'indicators',
  ].map((k) => t(`monitor.csv.${k}`));
  const value = (v: number | string) => (typeof v === 'number' ? csvDecimal(String(v), dialect) : v);
  const rows = annex.lines.flatMap((line) =>
    line.actions.map((a) => [
      line.code,
      line.title,
      a.code,
      a.title,
      a.holders.join(', '),
      t(`monitor.status.${a.status}`),
      a.previousStatus ? t(`monitor.status.${a.previousStatus}`) : '',
      a.changes.map((c) => t(`monitor.change.${c}`)).join('; '),
      a.narrative,
      a.indicators.map((v) => `${v.name} (${v.period}): ${value(v.value)} ${v.unit}`.trim()).join('; '),
    ]),
  );
  return peopleCsv(header, rows, dialect);
}
