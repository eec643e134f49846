// The case workflow: triage and the steps (transition), the assessment, consent (overall, per recipient, its
// withdrawal) and the correction of "minor". Each step goes through `change` (core/context.ts): on the version
// the user saw, with the access it needs, audited in its own transaction.
import type { FieldProblem } from '../../../platform/errors.js';
import { Conflict, ValidationFailed } from '../../../platform/errors.js';
import { resolveOnClose } from '../closing.js';
import { standing } from '../consent.js';
import { validateRecordConsent, validateWithdrawal, type RecordConsentInput } from '../consent-service.js';
import { startChildRoute } from '../children/service.js';
import {
  change,
  placeCoverage,
  viewerOf,
  type CaseCore,
  type ChangeDetail,
  type User,
} from '../core/context.js';
import { updateCase, type CaseChanges } from '../core/repository.js';
import { MAX_TEXT, pick, pickMany, text } from '../core/validation.js';
import { refreshNextDecision } from '../identification/next-due-repository.js';
import { deriveMinor, isEuropeanNational, isRealDate, legalGroundOf, type MinorSource } from '../derived.js';
import {
  AGE_GROUPS,
  allowedTransitions,
  CLOSE_REASONS,
  CONSENTS,
  FORMS,
  GENDERS,
  isMinorAgeGroup,
  isStatus,
  localDate,
  METHODS_OF_CONTROL,
  NEEDS,
  RECRUITMENT,
  reflectionEnd,
  SECTORS,
  SIGNALS,
  type CaseKind,
  type CaseStatus,
} from '../model.js';
import type { CaseRow, Tx } from '../repository.js';
import { consentsOf } from '../repository/consent.js';

export interface TransitionInput {
  to: string;
  reason: string;
  closeReason?: string;
  version: number;
  reflectionStart?: string;
  /** Closing withdraws open referrals and placement requests (closing.ts); else they refuse the close. */
  withdrawOpen?: boolean;
}

export interface AssessInput {
  version: number;
  forms: string[];
  signals: string[];
  methodsOfControl: string[];
  recruitment: string[];
  needs: string[];
  sector: string;
  gender: string;
  ageGroup: string;
  citizenship: string;
  reflectionStart: string;
}

export function createWorkflowService(core: CaseCore) {
  return {
    /** Moves a case along the workflow; only the allowed transitions, with a reason, on the version seen. */
    transition: (user: User, caseId: string, input: TransitionInput) => transition(core, user, caseId, input),
    /** The assessment: what is known about the person's situation (non-identifying), and the reflection period. */
    assess: (user: User, caseId: string, input: AssessInput) => assess(core, user, caseId, input),
    recordConsent: (
      user: User,
      caseId: string,
      input: { version: number; consent: string; vitalInterest: boolean },
    ) => recordConsent(core, user, caseId, input),

    /** Records a consent or a refusal for one recipient team and purpose (consent-service.ts). */
    recordRecipientConsent: (user: User, caseId: string, input: RecordConsentInput & { version: number }) =>
      consentChange(core, user, caseId, input, validateRecordConsent(input), 'nrm.consent.record', (...a) =>
        core.consentActions.record(...a),
      ),

    /** Withdraws one consent or all: recipients without another ground lose sight of the person at once. */
    withdrawConsent: (
      user: User,
      caseId: string,
      input: { version: number; consent: string; note: string },
    ) =>
      consentChange(core, user, caseId, input, validateWithdrawal(input), 'nrm.consent.withdraw', (...a) =>
        core.consentActions.withdraw(...a),
      ),

    correctMinor: (user: User, caseId: string, input: { version: number; minor: string; reason: string }) =>
      correctMinor(core, user, caseId, input),
  };
}

/** A recipient's consent recorded or withdrawn by the case's managers, on the version seen (consent-service.ts). */
async function consentChange<I extends { version: number }>(
  core: CaseCore,
  user: User,
  caseId: string,
  input: I,
  problems: FieldProblem[],
  action: string,
  act: (
    trx: Tx,
    row: CaseRow,
    actor: { userId: string; teamId: string | null },
    input: I,
    now: Date,
  ) => Promise<ChangeDetail>,
) {
  const viewer = await viewerOf(core, user);
  if (problems.length) throw new ValidationFailed(problems);
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    action,
    (trx, row, now) => act(trx, row, { userId: user.id, teamId: viewer.teamId }, input, now),
  );
}

async function transition(core: CaseCore, user: User, caseId: string, input: TransitionInput) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const reason = text(problems, 'reason', input.reason, MAX_TEXT);
  if (!isStatus(input.to)) problems.push({ field: 'to', key: 'referrals.errors.choose' });
  if (input.to === 'closed' && !(CLOSE_REASONS as readonly string[]).includes(input.closeReason ?? ''))
    problems.push({ field: 'closeReason', key: 'referrals.errors.closeReason' });
  if (problems.length) throw new ValidationFailed(problems);
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.case.transition',
    async (trx, row, now, event) => {
      const to = input.to as CaseStatus;
      // A merged case continues in another case (duplicates/merge.ts): it is not opened again.
      if (row.status === 'closed' && row.merged_into)
        throw new Conflict('referrals.duplicates.errors.mergedReopen');
      if (!allowedTransitions(row.kind as CaseKind, row.status as CaseStatus).includes(to))
        throw new ValidationFailed([
          { field: 'to', key: 'referrals.errors.transition', params: { from: row.status, to } },
        ]);
      const set: CaseChanges = { status: to };
      if (to === 'triage' && !row.triaged_at) set.triaged_at = now;
      let resolved = {};
      if (to === 'closed') {
        set.closed_at = now;
        set.closed_reason = input.closeReason!;
        resolved = await resolveOnClose(trx, core.sealed, {
          caseId,
          actorUserId: user.id,
          actorTeamId: viewer.teamId,
          now,
          withdraw: input.withdrawOpen === true,
        });
      }
      if (row.status === 'closed') {
        set.closed_at = null;
        set.closed_reason = null;
      }
      await updateCase(trx, caseId, set);
      // A closed case waits for no decision; a reopened one does again (the dashboards sort by the stored moment).
      if (to === 'closed' || row.status === 'closed') await refreshNextDecision(trx, [caseId]);
      await event(row.status === 'closed' ? 'reopen' : 'transition', {
        from: row.status,
        to,
        reason: [input.closeReason, reason].filter(Boolean).join(': ') || null,
      });
      return { from: row.status, to, ...resolved };
    },
  );
}

async function assess(core: CaseCore, user: User, caseId: string, input: AssessInput) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const forms = pickMany(problems, 'forms', input.forms, FORMS);
  const signals = pickMany(problems, 'signals', input.signals, SIGNALS);
  const methods = pickMany(problems, 'methodsOfControl', input.methodsOfControl, METHODS_OF_CONTROL);
  const recruitment = pickMany(problems, 'recruitment', input.recruitment, RECRUITMENT);
  const needs = pickMany(problems, 'needs', input.needs, NEEDS);
  const sector = input.sector ? pick(problems, 'sector', input.sector, SECTORS) : null;
  const gender = pick(problems, 'gender', input.gender || 'unknown', GENDERS);
  const ageGroup = pick(problems, 'ageGroup', input.ageGroup || 'unknown', AGE_GROUPS);
  const citizenship = (input.citizenship || 'unknown').trim();
  if (citizenship !== 'unknown' && !/^[A-Z]{2}$/.test(citizenship))
    problems.push({ field: 'citizenship', key: 'referrals.errors.country' });
  const start = input.reflectionStart.trim();
  if (start && !isRealDate(start)) problems.push({ field: 'reflectionStart', key: 'referrals.errors.date' });
  if (start && isEuropeanNational(citizenship))
    problems.push({ field: 'reflectionStart', key: 'referrals.errors.reflectionEu' });
  if (problems.length) throw new ValidationFailed(problems);
  // A minor's case not yet on the children's route starts it here (the place's coverage is read first).
  const coverage = (await placeCoverage(core, caseId))?.services ?? [];
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.case.assess',
    async (trx, row, now, event) => {
      // A corrected or stated "minor" stands (a contradicting age group is refused); a derived or unknown one
      // follows the age group now given.
      const stands =
        row.minor_source === 'corrected' || (row.minor_source === 'given' && row.minor !== 'unknown');
      const contradicts =
        ageGroup !== 'unknown' && (isMinorAgeGroup(ageGroup) ? row.minor === 'no' : row.minor === 'yes');
      if (stands && contradicts)
        throw new ValidationFailed([{ field: 'ageGroup', key: 'referrals.errors.ageContradictsMinor' }]);
      const derived = stands
        ? { minor: row.minor as 'yes' | 'no' | 'unknown', source: row.minor_source as MinorSource }
        : deriveMinor({ given: 'unknown', ageGroup, on: localDate(now) });
      const minor = derived.minor;
      await updateCase(trx, caseId, {
        forms,
        indicators: signals,
        methods_of_control: methods,
        recruitment,
        needs,
        sector,
        gender,
        age_group: ageGroup,
        citizenship,
        minor,
        minor_source: derived.source,
        legal_ground: legalGroundOf(row.consent, minor, row.vital_interest),
        ...(start ? { reflection_ends_on: reflectionEnd(start), reflection_warned_at: null } : {}),
      });
      await event('assessment');
      await startChildRoute(
        core,
        trx,
        { ...row, minor, citizenship },
        now,
        { userId: user.id, teamId: viewer.teamId },
        coverage,
      );
      const fields = [
        'forms',
        'indicators',
        'methods_of_control',
        'recruitment',
        'needs',
        'sector',
        'gender',
      ];
      return {
        fields: [...fields, 'age_group', 'citizenship', ...(start ? ['reflection'] : [])],
        minor,
        minor_source: derived.source,
      };
    },
  );
}

/** Records consent (or its refusal) after the signal; consent is what lets personal data travel. */
async function recordConsent(
  core: CaseCore,
  user: User,
  caseId: string,
  input: { version: number; consent: string; vitalInterest: boolean },
) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const consent = pick(problems, 'consent', input.consent, CONSENTS);
  if (problems.length) throw new ValidationFailed(problems);
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.case.consent',
    async (trx, row, now, event) => {
      // "No consent" (or "not asked" after all) withdraws every standing consent: recipients lose sight at once.
      const withdrawn =
        consent !== 'yes' && (await consentsOf(trx, caseId)).some(standing)
          ? await core.consentActions.withdraw(
              trx,
              row,
              { userId: user.id, teamId: viewer.teamId },
              { consent: 'all', note: '' },
              now,
            )
          : undefined;
      const ground = legalGroundOf(consent, row.minor, input.vitalInterest);
      await updateCase(trx, caseId, { consent, legal_ground: ground, vital_interest: input.vitalInterest });
      await event('consent', { reason: `${consent}${ground ? ` (${ground})` : ''}` });
      return { consent, legal_ground: ground, ...(withdrawn ?? {}) };
    },
  );
}

/**
 * A coordinator corrects whether the person is a minor, with a reason: the legal ground is derived again, the
 * case shows it as corrected, the step is in the timeline and the audit, and the registration follows.
 */
async function correctMinor(
  core: CaseCore,
  user: User,
  caseId: string,
  input: { version: number; minor: string; reason: string },
) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const minor = pick(problems, 'minor', input.minor, ['yes', 'no', 'unknown'] as const);
  const reason = text(problems, 'correctionReason', input.reason, MAX_TEXT);
  if (!reason) problems.push({ field: 'correctionReason', key: 'referrals.errors.reasonRequired' });
  if (problems.length) throw new ValidationFailed(problems);
  // A case corrected to a minor's starts the children's route, which needs the place's coverage (read first).
  const coverage = minor === 'yes' ? ((await placeCoverage(core, caseId))?.services ?? []) : [];
  return change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.case.correct_minor',
    async (trx, row, now, event) => {
      const ground = legalGroundOf(row.consent, minor, row.vital_interest);
      await updateCase(trx, caseId, { minor, minor_source: 'corrected', legal_ground: ground });
      await event('correction', { reason });
      await startChildRoute(
        core,
        trx,
        { ...row, minor },
        now,
        { userId: user.id, teamId: viewer.teamId },
        coverage,
      );
      return { from: row.minor, minor, legal_ground_from: row.legal_ground, legal_ground: ground };
    },
  );
}
