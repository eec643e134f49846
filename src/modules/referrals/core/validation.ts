// The referral forms' shared input rules: a choice from a list, several choices, text with a maximum length.
// Each collects its problem (field and reason) instead of throwing, so one post reports every wrong field at once.
import type { FieldProblem } from '../../../platform/errors.js';

export const MAX_TEXT = 4000;
export const MAX_SHORT = 200;

/** Ids in the referral tables are UUIDs: anything else is not found, never a query with a malformed id. */
export const isId = (value: string) => /^[0-9a-f-]{36}$/.test(value);

export function pick<T extends string>(
  problems: FieldProblem[],
  field: string,
  value: string,
  allowed: readonly T[],
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    problems.push({ field, key: 'referrals.errors.choose' });
    return allowed[0]!;
  }
  return value as T;
}

export function pickMany(
  problems: FieldProblem[],
  field: string,
  values: string[],
  allowed: readonly string[],
) {
  const bad = values.filter((v) => !allowed.includes(v));
  if (bad.length) problems.push({ field, key: 'referrals.errors.unknownValue' });
  return [...new Set(values.filter((v) => allowed.includes(v)))];
}

export function text(problems: FieldProblem[], field: string, value: string, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length > max) problems.push({ field, key: 'referrals.errors.tooLong', params: { max } });
  return trimmed;
}
