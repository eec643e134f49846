// Reading the pool's forms: text cut to its limit plus one (so the limit check still sees it too long), yes/no,
// and numbers within a range (a problem names the field).
import type { FieldProblem } from '../../../platform/errors.js';

export const text = (v: unknown, max: number) => (typeof v === 'string' ? v.trim().slice(0, max + 1) : '');
export const bool = (v: unknown) => v === true || v === 'on' || v === 'true' || v === '1';

export function number(
  raw: string,
  field: string,
  problems: FieldProblem[],
  o: { min: number; max: number },
) {
  const n = Number(raw.replace(',', '.'));
  if (raw === '' || !Number.isFinite(n) || n < o.min || n > o.max) {
    problems.push({ field, key: 'monitor.error.range', params: { min: o.min, max: o.max } });
    return null;
  }
  return n;
}
