// Reading the plan's forms: each field checked (a problem names the field and the reason, in a message key),
// nothing written here. The services decide what happens with the result.
import type { FieldProblem } from '../../../platform/errors.js';
import { ValidationFailed } from '../../../platform/errors.js';
import { isValidDate, UUID } from '../rules.js';
import {
  ACTION_STATUSES,
  COMMITMENT_KINDS,
  COMMITMENT_STATUSES,
  isActionStatus,
  type Action,
  type ActionStatus,
  type Organisation,
} from '../types.js';

export const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function length(problems: FieldProblem[], field: string, value: string, min: number, max: number) {
  if (value.length < min || value.length > max)
    problems.push({ field, key: 'monitor.error.length', params: { min, max } });
}

/** The names of the fields whose value differs. */
export const changedFields = (pairs: [string, unknown, unknown][]) =>
  pairs.filter(([, before, after]) => before !== after).map(([field]) => field);

/** A milestone's fields from a form: a title, and dates that exist (the date reached not in the future). */
export function readMilestone(input: Record<string, unknown>, today: string) {
  const title = text(input.title);
  const planned = text(input.planned_date);
  const actual = text(input.actual_date);
  const problems: FieldProblem[] = [];
  length(problems, 'title', title, 3, 300);
  if (planned && !isValidDate(planned)) problems.push({ field: 'planned_date', key: 'monitor.error.date' });
  checkReachedDate(problems, actual, today);
  return { title, plannedDate: planned || null, actualDate: actual || null, problems };
}

/** The date a milestone was reached: one that exists, not in the future (empty: not reached yet). */
export function checkReachedDate(problems: FieldProblem[], actual: string, today: string) {
  if (actual && !isValidDate(actual)) problems.push({ field: 'actual_date', key: 'monitor.error.date' });
  else if (actual && actual > today) problems.push({ field: 'actual_date', key: 'monitor.error.future' });
}

/** An indicator's fields from a form: a name, a unit and an optional allowed range. */
export function readIndicator(input: Record<string, unknown>) {
  const name = text(input.name);
  const unit = text(input.unit);
  const problems: FieldProblem[] = [];
  length(problems, 'name', name, 3, 200);
  if (unit.length > 50) problems.push({ field: 'unit', key: 'monitor.error.tooLong', params: { max: 50 } });
  const bound = (field: 'min' | 'max') => {
    const raw = text(input[field]).replace(',', '.');
    if (raw === '') return null;
    const n = Number(raw);
    if (!Number.isFinite(n) || Math.abs(n) > 1e12) {
      problems.push({ field, key: 'monitor.error.number' });
      return null;
    }
    return n;
  };
  const min = bound('min');
  const max = bound('max');
  if (min !== null && max !== null && min > max)
    problems.push({ field: 'max', key: 'monitor.error.maxBelowMin' });
  return { name, unit, min, max, problems };
}

/** A motion's or commitment's fields from a form, its actions given by their codes. */
export function readCommitment(
  input: Record<string, unknown>,
  known: { today: string; organisations: Organisation[]; actions: Action[] },
) {
  const kind = text(input.kind);
  const title = text(input.title);
  const summary = text(input.summary);
  const number = text(input.number);
  const madeOn = text(input.made_on);
  const status = text(input.status) || 'open';
  const answeredIn = text(input.answered_in);
  const ownerId = text(input.owner);
  const codes = text(input.actions)
    .split(/[\s,;]+/)
    .filter(Boolean);
  const problems: FieldProblem[] = [];
  if (!(COMMITMENT_KINDS as readonly string[]).includes(kind))
    problems.push({ field: 'kind', key: 'monitor.error.kind' });
  length(problems, 'title', title, 3, 300);
  length(problems, 'summary', summary, 3, 4000);
  if (number.length > 100)
    problems.push({ field: 'number', key: 'monitor.error.tooLong', params: { max: 100 } });
  if (madeOn && !isValidDate(madeOn)) problems.push({ field: 'made_on', key: 'monitor.error.date' });
  else if (madeOn && madeOn > known.today) problems.push({ field: 'made_on', key: 'monitor.error.future' });
  if (!(COMMITMENT_STATUSES as readonly string[]).includes(status))
    problems.push({ field: 'status', key: 'monitor.error.commitmentStatus' });
  if (answeredIn.length > 300)
    problems.push({ field: 'answered_in', key: 'monitor.error.tooLong', params: { max: 300 } });
  if (ownerId && !(UUID.test(ownerId) && known.organisations.some((o) => o.id === ownerId)))
    problems.push({ field: 'owner', key: 'monitor.error.organisation' });
  const actions = known.actions;
  const unknown = codes.filter((c) => !actions.some((a) => a.code.toLowerCase() === c.toLowerCase()));
  if (unknown.length)
    problems.push({
      field: 'actions',
      key: 'monitor.error.actionCodes',
      params: { codes: unknown.join(', ') },
    });
  const actionIds = [
    ...new Set(
      codes
        .map((c) => actions.find((a) => a.code.toLowerCase() === c.toLowerCase())?.id)
        .filter((id): id is string => id !== undefined),
    ),
  ];
  return {
    fields: {
      kind: kind as (typeof COMMITMENT_KINDS)[number],
      number,
      title,
      madeOn: madeOn || null,
      summary,
      ownerId: ownerId || null,
      status: status as (typeof COMMITMENT_STATUSES)[number],
      answeredIn,
      actionIds,
    },
    problems,
  };
}

/** A period an indicator value is about: a year, a span of years, a quarter or a half year. */
const PERIOD = /^\d{4}(-\d{4}|-Q[1-4]|-H[12])?$/;

export interface EntryInput {
  status: string;
  narrative: string;
  /** The owner confirms that carried-over text still holds (the box under the narrative). */
  confirmNarrative?: boolean;
  values: { indicatorId: string; period: string; value: string; note?: string }[];
}

export function validateEntry(
  input: EntryInput,
  indicators: { id: string; min: number | null; max: number | null }[],
): {
  status: ActionStatus;
  narrative: string;
  values: { indicatorId: string; period: string; value: number; note: string }[];
} {
  const problems: FieldProblem[] = [];
  if (!isActionStatus(input.status))
    problems.push({
      field: 'status',
      key: 'monitor.error.status',
      params: { values: ACTION_STATUSES.join(', ') },
    });
  const narrative = input.narrative.trim();
  if (narrative.length > 4000)
    problems.push({ field: 'narrative', key: 'monitor.error.tooLong', params: { max: 4000 } });
  const values: { indicatorId: string; period: string; value: number; note: string }[] = [];
  input.values.forEach((v, i) => {
    const indicator = indicators.find((x) => x.id === v.indicatorId);
    const field = `values[${i}]`;
    if (!indicator) {
      problems.push({ field: `${field}.indicator`, key: 'monitor.error.indicator' });
      return;
    }
    const raw = v.value.trim().replace(',', '.');
    const period = v.period.trim();
    if (raw === '' && period === '') return;
    if (!PERIOD.test(period)) problems.push({ field: `${field}.period`, key: 'monitor.error.period' });
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value)) {
      problems.push({ field: `${field}.value`, key: 'monitor.error.number' });
      return;
    }
    if (
      (indicator.min !== null && value < indicator.min) ||
      (indicator.max !== null && value > indicator.max)
    )
      problems.push(
        indicator.min !== null && indicator.max !== null
          ? {
              field: `${field}.value`,
              key: 'monitor.error.range',
              params: { min: indicator.min, max: indicator.max },
            }
          : indicator.min !== null
            ? { field: `${field}.value`, key: 'monitor.error.min', params: { min: indicator.min } }
            : { field: `${field}.value`, key: 'monitor.error.max', params: { max: indicator.max! } },
      );
    if (values.some((x) => x.indicatorId === v.indicatorId && x.period === period))
      problems.push({ field: `${field}.period`, key: 'monitor.error.duplicatePeriod' });
    values.push({ indicatorId: v.indicatorId, period, value, note: (v.note ?? '').trim().slice(0, 500) });
  });
  if (problems.length) throw new ValidationFailed(problems);
  return { status: input.status as ActionStatus, narrative, values };
}
