// The privacy officer's audit log (issue 18, point 8): every audit entry, filtered by case (its reference), by who
// acted (part of a name or address) and by period (Amsterdam days), newest first, 100 a page and every page
// reachable. Reading it is itself audited (without the filter text, which may be a name).
import type { Root } from './audit-log-repository.js';
import { ValidationFailed, type FieldProblem } from '../../platform/errors.js';
import type { AuditService } from '../../platform/audit/service.js';
import { auditLogPage, caseIdByReference, type AuditLogRow } from './audit-log-repository.js';

export const AUDIT_LOG_PAGE = 100;

export interface AuditLogInput {
  case?: string;
  person?: string;
  from?: string;
  to?: string;
  before?: string;
}

export interface AuditLogResult {
  rows: AuditLogRow[];
  /** The `before` of the next (older) page, when there is one. */
  older?: number;
  /** A case reference was given that names no case. */
  unknownCase: boolean;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight at the start of an Amsterdam calendar day, or undefined for a date that does not exist. */
export function amsterdamDayStart(iso: string): Date | undefined {
  const m = DAY.exec(iso);
  if (!m) return undefined;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(utc);
  if (
    back.getUTCFullYear() !== Number(m[1]) ||
    back.getUTCMonth() + 1 !== Number(m[2]) ||
    back.getUTCDate() !== Number(m[3])
  )
    return undefined;
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
    .formatToParts(back)
    .find((p) => p.type === 'timeZoneName')!.value;
  const o = /GMT([+-])(\d{2}):(\d{2})/.exec(offset);
  const ms = o ? (o[1] === '-' ? -1 : 1) * (Number(o[2]) * 60 + Number(o[3])) * 60_000 : 0;
  return new Date(utc - ms);
}

export function createAuditLog(deps: { db: Root; audit: AuditService }) {
  return {
    async page(user: { id: string }, input: AuditLogInput): Promise<AuditLogResult> {
      const problems: FieldProblem[] = [];
      const day = (field: 'from' | 'to') => {
        const value = input[field]?.trim();
        if (!value) return undefined;
        const start = amsterdamDayStart(value);
        if (!start) problems.push({ field, key: 'referrals.auditLog.errors.date' });
        return start;
      };
      const from = day('from');
      const toStart = day('to');
      const to = toStart ? amsterdamDayStart(nextDay(input.to!.trim())) : undefined;
      if (from && to && from >= to) problems.push({ field: 'to', key: 'referrals.auditLog.errors.order' });
      const person = input.person?.trim() ?? '';
      if (person.length > 200)
        problems.push({ field: 'person', key: 'referrals.errors.tooLong', params: { max: 200 } });
      const reference = input.case?.trim() ?? '';
      if (reference.length > 40)
        problems.push({ field: 'case', key: 'referrals.errors.tooLong', params: { max: 40 } });
      const before = input.before && /^\d{1,15}$/.test(input.before) ? Number(input.before) : undefined;
      if (problems.length) throw new ValidationFailed(problems);

      const caseId = reference ? await caseIdByReference(deps.db, reference) : undefined;
      const rows =
        reference && !caseId
          ? []
          : await auditLogPage(deps.db, {
              ...(caseId ? { caseId } : {}),
              ...(person ? { person } : {}),
              ...(from ? { from } : {}),
              ...(to ? { to } : {}),
              ...(before !== undefined ? { before } : {}),
              limit: AUDIT_LOG_PAGE,
            });
      const more = rows.length > AUDIT_LOG_PAGE;
      const shown = more ? rows.slice(0, AUDIT_LOG_PAGE) : rows;
      await deps.audit.record({
        actorUserId: user.id,
        action: 'audit.read',
        entityType: 'audit_event',
        entityId: caseId ?? null,
        detail: {
          rows: shown.length,
          byCase: Boolean(reference),
          byPerson: Boolean(person),
          byPeriod: Boolean(from || to),
        },
      });
      return {
        rows: shown,
        ...(more ? { older: shown[shown.length - 1]!.id } : {}),
        unknownCase: Boolean(reference && !caseId),
      };
    },
  };
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type AuditLog = ReturnType<typeof createAuditLog>;
