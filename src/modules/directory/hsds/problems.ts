// Import problems as lines a person can act on: `file:row: field: reason (record <id>)`, in any shipped locale
// (English for the command line).
import { I18n, type Translate } from '../../../platform/i18n/index.js';
import type { ImportProblem } from './model.js';

let i18n: I18n | undefined;

export function translator(locale = 'en'): Translate {
  i18n ??= new I18n();
  return i18n.translator(locale);
}

export function formatProblem(p: ImportProblem, t: Translate = translator()): string {
  const where = p.row !== undefined ? `${p.file}:${p.row}` : p.file;
  const reason = t(p.key, p.params);
  const record = p.record ? ` (${t('hsds.problem.record', { id: p.record })})` : '';
  return `${where || '-'}: ${p.field ? `${p.field}: ` : ''}${reason}${record}`;
}

export function formatProblems(problems: readonly ImportProblem[], t: Translate = translator()): string[] {
  return problems.map((p) => formatProblem(p, t));
}
