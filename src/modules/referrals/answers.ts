// A receiving team's answer to a referral, and a shelter's answer to a placement request, as steps inside the
// case's change transaction (service.ts `change`: the row locked, access and version checked, audited). A shelter
// that has both a referral and a placement request open for the same person answers them together in one form
// (`respondTogether`): both accepted (the place taken) or both declined, in one transaction.
import { randomUUID } from 'node:crypto';
import { Conflict, NotFound, ValidationFailed } from '../../platform/errors.js';
import type { Viewer } from './access.js';
import { moveOpenTasks } from './casework/repository.js';
import * as repo from './repository.js';
import type { ReferralSealing } from './sealing.js';

interface AnswerStep {
  caseId: string;
  viewer: Viewer;
  userId: string;
  row: repo.CaseRow;
  now: Date;
  accept: boolean;
  /** The checked reason ('' when none). */
  reason: string;
}

/**
 * The receiving team accepts or declines a referral; an accepted transfer makes it the owner, and the case's open
 * tasks go with it (their ids in the audit entry).
 */
export async function applyReferralAnswer(
  trx: repo.Db,
  sealed: ReferralSealing,
  step: AnswerStep & { referralId: string },
) {
  const { caseId, viewer, row, now, reason, referralId } = step;
  const input = { accept: step.accept };
  const user = { id: step.userId };
  const referral = await trx
    .selectFrom('nrm_referral')
    .selectAll()
    .where('id', '=', referralId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!referral || referral.to_team_id !== viewer.teamId) throw new NotFound();
  if (referral.status !== 'pending') throw new Conflict('referrals.errors.alreadyAnswered');
  await trx
    .updateTable('nrm_referral')
    .set({
      status: input.accept ? 'accepted' : 'declined',
      responded_at: now,
      responded_by: user.id,
      response_reason: sealed.seal('nrm_referral', 'response_reason', referralId, reason),
    })
    .where('id', '=', referralId)
    .execute();
  let movedTasks: string[] | undefined;
  if (input.accept && referral.kind === 'transfer') {
    await trx
      .updateTable('nrm_case')
      .set({ owner_team_id: referral.to_team_id })
      .where('id', '=', caseId)
      .execute();
    // The case plan's open tasks become the new team's work (its "waiting on my team"), their owners shown as
    // no longer in the team until its managers choose new ones.
    movedTasks = await moveOpenTasks(trx, { caseId }, { teamId: referral.to_team_id });
    // The old owner keeps sight of the case it handed over, as a referral.
    await trx
      .insertInto('nrm_referral')
      .values({
        id: randomUUID(),
        case_id: caseId,
        kind: 'refer',
        service_type: 'coordination',
        from_team_id: referral.to_team_id,
        to_team_id: row.owner_team_id,
        status: 'accepted',
        shares_personal_data: referral.shares_personal_data,
        legal_ground: referral.legal_ground,
        reason: null,
        created_at: now,
        created_by: user.id,
        responded_at: now,
        responded_by: user.id,
      })
      .execute();
  }
  await repo.addEvent(trx, sealed, {
    caseId,
    at: now,
    actorUserId: user.id,
    actorTeamId: viewer.teamId,
    kind: input.accept ? `${referral.kind}_accepted` : `${referral.kind}_declined`,
    reason: reason || null,
  });
  return { referral: referralId, accepted: input.accept, ...(movedTasks ? { movedTasks } : {}) };
}

/** The shelter accepts (taking a free place atomically) or declines a placement request. */
export async function applyPlacementAnswer(
  trx: repo.Db,
  sealed: ReferralSealing,
  step: AnswerStep & { placementId: string },
) {
  const { caseId, viewer, row, now, reason, placementId } = step;
  const input = { accept: step.accept };
  const user = { id: step.userId };
  const placement = await trx
    .selectFrom('nrm_placement')
    .selectAll()
    .where('id', '=', placementId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!placement || placement.shelter_team_id !== viewer.teamId) throw new NotFound();
  if (placement.status !== 'requested') throw new Conflict('referrals.errors.alreadyAnswered');
  if (input.accept) {
    const taken = await trx
      .updateTable('nrm_capacity')
      .set((eb) => ({ available: eb('available', '-', 1), updated_at: now }))
      .where('team_id', '=', placement.shelter_team_id!)
      .where('category', '=', placement.category)
      .where('available', '>', 0)
      .returning(['available', 'maximum'])
      .executeTakeFirst();
    if (!taken) throw new ValidationFailed([{ field: 'accept', key: 'referrals.errors.noFreePlace' }]);
    await trx
      .insertInto('nrm_capacity_history')
      .values({
        team_id: placement.shelter_team_id!,
        category: placement.category,
        available: taken.available,
        maximum: taken.maximum,
        at: now,
        actor_user_id: user.id,
        reason: sealed.capacityReason(placement.shelter_team_id!, 'placement'),
      })
      .execute();
    await trx
      .updateTable('nrm_case')
      .set({ status: 'placement', placed_at: row.placed_at ?? now })
      .where('id', '=', caseId)
      .execute();
  }
  await trx
    .updateTable('nrm_placement')
    .set({
      status: input.accept ? 'accepted' : 'declined',
      responded_at: now,
      responded_by: user.id,
      // The request's reason stays (sealed to this placement) unless the answer gives one.
      reason: reason ? sealed.seal('nrm_placement', 'reason', placementId, reason) : placement.reason,
    })
    .where('id', '=', placementId)
    .execute();
  await repo.addEvent(trx, sealed, {
    caseId,
    at: now,
    actorUserId: user.id,
    actorTeamId: viewer.teamId,
    kind: input.accept ? 'placement_accepted' : 'placement_declined',
    from: input.accept ? row.status : null,
    to: input.accept ? 'placement' : null,
    reason: reason || null,
  });
  return { placement: placementId, accepted: input.accept };
}

/** The open referral and placement request of one shelter for a case, when both are open: answered together. */
export function openPair(
  referrals: readonly { id: string; status: string; to_team_id: string }[],
  placements: readonly { id: string; status: string; shelter_team_id: string | null }[],
  teamId: string | null,
): { referralId: string; placementId: string } | undefined {
  if (!teamId) return undefined;
  const referral = referrals.find((r) => r.status === 'pending' && r.to_team_id === teamId);
  const placement = placements.find((p) => p.status === 'requested' && p.shelter_team_id === teamId);
  return referral && placement ? { referralId: referral.id, placementId: placement.id } : undefined;
}
