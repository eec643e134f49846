// The support and criminal-justice track of a case (issue 20, point 2): the recovery period (at least 30 days,
// with its clock and a reminder before it ends; the reflection period of the B8/3 scheme is the assessment's),
// the aangifte (yes, no, considering; where and when), the B8 application and its outcome, and the legal aid
// assigned. Written by the case's managers through `change` (the version seen, audited with field names only);
// where the aangifte was made and who gives legal aid are sealed, shown only where the person may be seen.
import type { FieldProblem } from '../../../platform/errors.js';
import { ValidationFailed } from '../../../platform/errors.js';
import type { CaseAccess } from '../access.js';
import { change, viewerOf, type CaseCore, type User } from '../core/context.js';
import { MAX_SHORT, pick, text } from '../core/validation.js';
import { isRealDate } from '../derived.js';
import { localDate } from '../model.js';
import * as repo from '../repository.js';
import { AANGIFTE, B8_OUTCOMES } from './codes.js';
import { saveSupport, supportOf, type SupportRow } from './repository.js';

export { AANGIFTE, B8_OUTCOMES };
/** The shortest recovery period (days), as the UK's minimum; the default length offered. */
export const RECOVERY_MIN_DAYS = 30;
export const RECOVERY_MAX_DAYS = 365;
/** The owner is reminded this many days before a recovery period ends. */
export const RECOVERY_WARN_DAYS = 7;

export interface SupportInput {
  version: number;
  recoveryStart: string;
  recoveryDays: string;
  aangifte: string;
  aangifteOn: string;
  aangiftePlace: string;
  b8AppliedOn: string;
  b8Outcome: string;
  b8DecidedOn: string;
  legalAidOn: string;
  legalAid: string;
}

const addDaysIso = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A date field: empty, or a real date not after today (what happened is not in the future). */
function pastDate(problems: FieldProblem[], field: string, value: string, today: string): string | null {
  const v = value.trim();
  if (!v) return null;
  if (!isRealDate(v)) problems.push({ field, key: 'referrals.errors.date' });
  else if (v > today) problems.push({ field, key: 'referrals.support.errors.future' });
  return v;
}

export function validateSupport(input: SupportInput, today: string) {
  const problems: FieldProblem[] = [];
  const start = input.recoveryStart.trim();
  if (start && !isRealDate(start)) problems.push({ field: 'recoveryStart', key: 'referrals.errors.date' });
  const days = input.recoveryDays.trim() ? Number(input.recoveryDays.trim()) : RECOVERY_MIN_DAYS;
  if (!Number.isInteger(days) || days < RECOVERY_MIN_DAYS || days > RECOVERY_MAX_DAYS)
    problems.push({
      field: 'recoveryDays',
      key: 'referrals.support.errors.recoveryDays',
      params: { min: RECOVERY_MIN_DAYS, max: RECOVERY_MAX_DAYS },
    });
  const aangifte = input.aangifte ? pick(problems, 'aangifte', input.aangifte, AANGIFTE) : null;
  const aangifteOn = pastDate(problems, 'aangifteOn', input.aangifteOn, today);
  const aangiftePlace = text(problems, 'aangiftePlace', input.aangiftePlace, MAX_SHORT);
  if ((aangifteOn || aangiftePlace) && aangifte !== 'yes')
    problems.push({ field: 'aangifte', key: 'referrals.support.errors.aangifteYes' });
  const b8AppliedOn = pastDate(problems, 'b8AppliedOn', input.b8AppliedOn, today);
  const b8Outcome = input.b8Outcome ? pick(problems, 'b8Outcome', input.b8Outcome, B8_OUTCOMES) : null;
  const b8DecidedOn = pastDate(problems, 'b8DecidedOn', input.b8DecidedOn, today);
  if (b8Outcome && !b8AppliedOn)
    problems.push({ field: 'b8AppliedOn', key: 'referrals.support.errors.b8Applied' });
  if (b8DecidedOn && (!b8Outcome || b8Outcome === 'pending'))
    problems.push({ field: 'b8Outcome', key: 'referrals.support.errors.b8Outcome' });
  if (b8DecidedOn && b8AppliedOn && b8DecidedOn < b8AppliedOn)
    problems.push({ field: 'b8DecidedOn', key: 'referrals.support.errors.b8Order' });
  const legalAidOn = pastDate(problems, 'legalAidOn', input.legalAidOn, today);
  const legalAid = text(problems, 'legalAid', input.legalAid, MAX_SHORT);
  if (legalAid && !legalAidOn)
    problems.push({ field: 'legalAidOn', key: 'referrals.support.errors.legalAidOn' });
  return {
    problems,
    values: {
      recovery:
        start && problems.every((p) => p.field !== 'recoveryStart' && p.field !== 'recoveryDays')
          ? { start, end: addDaysIso(start, days) }
          : null,
      aangifte,
      aangifteOn,
      aangiftePlace,
      b8AppliedOn,
      b8Outcome: b8AppliedOn && !b8Outcome ? 'pending' : b8Outcome,
      b8DecidedOn,
      legalAidOn,
      legalAid,
    },
  };
}

/** What the case page shows of the track: dates and codes to every reader, the sealed texts with the person only. */
export function supportView(core: CaseCore, row: SupportRow | undefined, access: CaseAccess) {
  if (!row) return null;
  const open = (column: 'aangifte_place_enc' | 'legal_aid_enc') =>
    access.person ? core.sealed.open('nrm_support', column, row.case_id, row[column]) : null;
  const today = localDate(core.clock());
  return {
    recoveryStartsOn: row.recovery_starts_on,
    recoveryEndsOn: row.recovery_ends_on,
    recoveryDaysLeft: row.recovery_ends_on
      ? Math.round(
          (Date.parse(`${row.recovery_ends_on}T12:00:00Z`) - Date.parse(`${today}T12:00:00Z`)) / 86_400_000,
        )
      : null,
    aangifte: row.aangifte,
    aangifteOn: row.aangifte_on,
    aangiftePlace: open('aangifte_place_enc'),
    b8AppliedOn: row.b8_applied_on,
    b8Outcome: row.b8_outcome,
    b8DecidedOn: row.b8_decided_on,
    legalAidOn: row.legal_aid_on,
    legalAid: open('legal_aid_enc'),
    hiddenText: !access.person && Boolean(row.aangifte_place_enc || row.legal_aid_enc),
  };
}

export type SupportView = ReturnType<typeof supportView>;

export const loadSupport = (core: CaseCore, db: repo.Db, row: repo.CaseRow, access: CaseAccess) =>
  supportOf(db, row.id).then((s) => supportView(core, s, access));

export function createSupportService(core: CaseCore) {
  return {
    /** Records the track as the form states it (every field; an emptied field is cleared). */
    async saveSupport(user: User, caseId: string, input: SupportInput) {
      const viewer = await viewerOf(core, user);
      const { problems, values: v } = validateSupport(input, localDate(core.clock()));
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        core,
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.support.record',
        async (trx, row, now, event) => {
          const before = await supportOf(trx, row.id);
          const seal = (column: string, value: string) =>
            core.sealed.seal('nrm_support', column, row.id, value);
          const recoveryChanged = v.recovery?.end !== (before?.recovery_ends_on ?? undefined);
          await saveSupport(trx, {
            case_id: row.id,
            recovery_starts_on: v.recovery?.start ?? null,
            recovery_ends_on: v.recovery?.end ?? null,
            // A new or moved end is reminded about again.
            recovery_warned_at: recoveryChanged ? null : (before?.recovery_warned_at ?? null),
            aangifte: v.aangifte,
            aangifte_on: v.aangifteOn,
            aangifte_place_enc: seal('aangifte_place_enc', v.aangiftePlace),
            b8_applied_on: v.b8AppliedOn,
            b8_outcome: v.b8Outcome,
            b8_decided_on: v.b8DecidedOn,
            legal_aid_on: v.legalAidOn,
            legal_aid_enc: seal('legal_aid_enc', v.legalAid),
            updated_at: now,
            updated_by: user.id,
          });
          await event('support_updated');
          // Field names and codes only: never what was typed.
          return {
            recovery: v.recovery ? v.recovery.end : null,
            aangifte: v.aangifte,
            b8: v.b8Outcome,
            legalAid: Boolean(v.legalAidOn),
          };
        },
      );
    },
  };
}
