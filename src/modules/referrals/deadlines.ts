// Urgency drives the clock: how long a signal may wait for triage. "Acute: danger now" is counted in clock hours
// (nights and holidays included: the danger does not wait for Monday); "high" and "normal" in Dutch working days.
import { addWorkingDays, type Urgency } from './model.js';

export interface TriageDeadlines {
  /** Clock hours an acute signal may wait (default 4). */
  acuteHours: number;
  /** Working days a high-urgency signal may wait (default 1). */
  highWorkingDays: number;
  /** Working days a normal signal may wait (default 2). */
  normalWorkingDays: number;
}

export const DEFAULT_DEADLINES: TriageDeadlines = { acuteHours: 4, highWorkingDays: 1, normalWorkingDays: 2 };

export function triageDue(urgency: string, from: Date, d: TriageDeadlines): Date {
  if (urgency === 'acute') return new Date(from.getTime() + d.acuteHours * 3_600_000);
  return addWorkingDays(from, urgency === 'high' ? d.highWorkingDays : d.normalWorkingDays);
}

/** How the deadline reads, as a message key and its parameters ("within 4 hours", "within 2 working days"). */
export function deadlineText(
  urgency: string,
  d: TriageDeadlines,
): { key: string; params: { count: number } } {
  if (urgency === 'acute') return { key: 'referrals.deadline.hours', params: { count: d.acuteHours } };
  return {
    key: 'referrals.deadline.workingDays',
    params: { count: urgency === 'high' ? d.highWorkingDays : d.normalWorkingDays },
  };
}

/** The warning window before a deadline: an hour for acute signals, a day otherwise. */
export function warnBefore(urgency: Urgency | string): number {
  return urgency === 'acute' ? 3_600_000 : 24 * 3_600_000;
}
