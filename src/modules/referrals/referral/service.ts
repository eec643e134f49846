// Referrals and transfers between teams: refer (the receiver gets access) or transfer (the receiver becomes owner
// once it accepts), the receiver's answer, a shelter's joint answer, and the owner's withdrawal. Sharing the
// person's data needs a recorded consent or a legal ground: never silently.
import { randomUUID } from 'node:crypto';
import {
  Conflict,
  NotFound,
  Refused,
  ValidationFailed,
  type FieldProblem,
} from '../../../platform/errors.js';
import { applyPlacementAnswer, applyReferralAnswer } from '../answers.js';
import {
  change,
  forwardFor,
  placeCoverage,
  viewerOf,
  type CaseCore,
  type ForwardedTo,
  type User,
} from '../core/context.js';
import { insertReferral, updateCase } from '../core/repository.js';
import { isId, MAX_TEXT, pick, text } from '../core/validation.js';
import { SERVICE_TYPES } from '../model.js';
import * as repo from '../repository.js';
import { findReferralOfCase, markReferralWithdrawn, pendingReferralTo } from './repository.js';

export interface ReferInput {
  version: number;
  kind: string;
  toTeamId: string;
  serviceType: string;
  sharePersonalData: boolean;
  reason: string;
}

/** An answer's reason: required when declining. */
function answerReason(input: { accept: boolean; reason: string }) {
  const problems: FieldProblem[] = [];
  const reason = text(problems, 'reason', input.reason, MAX_TEXT);
  if (!input.accept && !reason) problems.push({ field: 'reason', key: 'referrals.errors.reasonRequired' });
  if (problems.length) throw new ValidationFailed(problems);
  return reason;
}

export function createReferralStepService(core: CaseCore) {
  return {
    refer: (user: User, caseId: string, input: ReferInput) => refer(core, user, caseId, input),

    /** The receiving team accepts or declines (with a reason); an accepted transfer makes it the owner. */
    async respondReferral(
      user: User,
      caseId: string,
      referralId: string,
      input: { accept: boolean; reason: string },
    ) {
      const viewer = await viewerOf(core, user);
      const reason = answerReason(input);
      return change(
        core,
        viewer,
        caseId,
        undefined,
        (a) => a.respondReferral,
        'nrm.referral.respond',
        (trx, row, now) =>
          applyReferralAnswer(trx, core.sealed, {
            caseId,
            referralId,
            viewer,
            userId: user.id,
            row,
            now,
            ...input,
            reason,
          }),
      );
    },

    /** A shelter answers a person's referral and placement request together (answers.ts), in one transaction. */
    async respondTogether(
      user: User,
      caseId: string,
      input: { referralId: string; placementId: string; accept: boolean; reason: string },
    ) {
      const viewer = await viewerOf(core, user);
      const reason = answerReason(input);
      const { referralId, placementId, accept } = input;
      return change(
        core,
        viewer,
        caseId,
        undefined,
        // Each step checks that its request is this team's and still open (not found, or a conflict once answered).
        (a) => a.respondReferral || a.respondPlacement,
        'nrm.answer.together',
        async (trx, row, now) => {
          const step = { caseId, viewer, userId: user.id, row, now, accept, reason };
          await applyReferralAnswer(trx, core.sealed, { ...step, referralId });
          await applyPlacementAnswer(trx, core.sealed, { ...step, placementId });
          return { referral: referralId, placement: placementId, accepted: accept };
        },
      );
    },

    /** The referring owner withdraws a referral: the receiver loses access. */
    async withdrawReferral(user: User, caseId: string, referralId: string) {
      const viewer = await viewerOf(core, user);
      return change(
        core,
        viewer,
        caseId,
        undefined,
        (a) => a.manage,
        'nrm.referral.withdraw',
        async (trx, _row, now, event) => {
          const referral = await findReferralOfCase(trx, caseId, referralId);
          if (!referral) throw new NotFound();
          if (referral.status === 'withdrawn' || referral.status === 'declined')
            throw new Conflict('referrals.errors.alreadyAnswered');
          await markReferralWithdrawn(trx, referralId, now, user.id);
          await event('referral_withdrawn');
          return { referral: referralId };
        },
      );
    },
  };
}

/**
 * Refer or transfer. Sharing the person's data needs recorded consent or a legal ground (Refused, a 422,
 * otherwise); only to a team where someone can answer; one open referral per team.
 */
async function refer(core: CaseCore, user: User, caseId: string, input: ReferInput) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const kind = pick(problems, 'kind', input.kind, ['refer', 'transfer'] as const);
  const serviceType = pick(problems, 'serviceType', input.serviceType, SERVICE_TYPES);
  const reason = text(problems, 'reason', input.reason, MAX_TEXT);
  const target = isId(input.toTeamId) ? await repo.findTeam(core.db, input.toTeamId) : undefined;
  if (!target || target.id === viewer.teamId)
    problems.push({ field: 'toTeamId', key: 'referrals.errors.team' });
  if (kind === 'transfer' && target && target.kind !== 'care_coordination' && target.kind !== 'national')
    problems.push({ field: 'toTeamId', key: 'referrals.errors.transferTarget' });
  if (problems.length || !target) throw new ValidationFailed(problems);
  let forwarded: ForwardedTo | null = null;
  // Read before the transaction: forwardFor may need it inside, where the directory must not be asked.
  const coverage = await placeCoverage(core, caseId);
  const changed = await change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    `nrm.case.${kind}`,
    async (trx, row, now, event) => {
      // Only to a team where someone can answer, else the next level (routing.ts), checked once access and
      // version hold; the consent gate is for the team that receives it.
      const routed = await forwardFor(trx, row, target, coverage);
      if (!routed)
        throw new ValidationFailed([
          { field: 'toTeamId', key: 'referrals.errors.teamUnreachable', params: { team: target.name } },
        ]);
      const to = routed.team;
      if (routed.level !== 'meant') forwarded = { kind: 'referral', meant: target.id, to: to.id };
      // The ground for this team and purpose now: its own consent, else minor or vital interest.
      const ground = input.sharePersonalData
        ? await core.consentActions.groundFor(trx, row, to.id, serviceType)
        : null;
      if (input.sharePersonalData && !ground)
        throw new Refused(
          'referrals.errors.consentRequired',
          [{ field: 'sharePersonalData', key: 'referrals.errors.consentRequired' }],
          'consent_required',
        );
      if (await pendingReferralTo(trx, caseId, to.id))
        throw new ValidationFailed([{ field: 'toTeamId', key: 'referrals.errors.alreadyPending' }]);
      const referralId = randomUUID();
      await insertReferral(trx, {
        id: referralId,
        case_id: caseId,
        kind,
        service_type: serviceType,
        from_team_id: row.owner_team_id,
        to_team_id: to.id,
        status: 'pending',
        shares_personal_data: input.sharePersonalData,
        legal_ground: ground,
        reason: core.sealed.seal('nrm_referral', 'reason', referralId, reason),
        created_at: now,
        created_by: user.id,
      });
      if (kind === 'refer' && !row.first_referral_at)
        await updateCase(trx, caseId, { first_referral_at: now });
      await event(kind, { reason: `${serviceType} → ${to.name}${reason ? `: ${reason}` : ''}` });
      await core.notifier.notify(trx, to.id, 'referral', caseId, undefined, row.urgency);
      return {
        to_team: to.id,
        forwarded_from: routed.level === 'meant' ? null : target.id,
        service_type: serviceType,
        personal_data: input.sharePersonalData,
        legal_ground: ground,
      };
    },
  );
  // The sender is told who received it (views/forwarded.ts).
  return Object.assign(changed, { forwarded });
}
