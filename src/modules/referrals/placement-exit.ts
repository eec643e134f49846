// A shelter's exit step (issue 18, point 6): the person left; the placement ends with a reason from a closed list
// and an optional note (sealed, like the person's fields), and the place comes back to the shelter's capacity in
// the same transaction, with a line in the capacity history. Before this, places came back only by hand.
import { HttpError, notFound, ValidationFailed, type FieldProblem } from '../../platform/http/errors.js';
import * as repo from './repository.js';
import type { ReferralSealing } from './sealing.js';

export const EXIT_REASONS = [
  'independent_housing',
  'other_shelter',
  'returned_to_country',
  'family_or_network',
  'left_without_notice',
  'house_rules',
  'other',
] as const;

export const EXIT_NOTE_MAX = 4000;

export function validateExit(input: { reason: string; note: string }): { reason: string; note: string } {
  const problems: FieldProblem[] = [];
  if (!(EXIT_REASONS as readonly string[]).includes(input.reason))
    problems.push({ field: 'exitReason', key: 'referrals.errors.choose' });
  const note = input.note.trim();
  if (note.length > EXIT_NOTE_MAX)
    problems.push({ field: 'exitNote', key: 'referrals.errors.tooLong', params: { max: EXIT_NOTE_MAX } });
  if (problems.length) throw new ValidationFailed(problems);
  return { reason: input.reason, note };
}

/**
 * Ends the placement and gives the place back, inside the case's change transaction. Only the shelter that holds
 * the placement, only while the person is placed (a second exit is a 409). The place comes back up to the
 * shelter's maximum (a shelter that lowered its maximum meanwhile does not get more places than it has).
 */
export async function applyExit(
  trx: repo.Db,
  sealed: ReferralSealing,
  o: {
    caseId: string;
    placementId: string;
    shelterTeamId: string | null;
    actorUserId: string;
    now: Date;
    reason: string;
    /** The optional note ('' when none); sealed to this placement like the reason. */
    note: string;
  },
): Promise<{ category: string; available: number | null; maximum: number | null }> {
  const placement = await trx
    .selectFrom('nrm_placement')
    .selectAll()
    .where('id', '=', o.placementId)
    .where('case_id', '=', o.caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!placement || !o.shelterTeamId || placement.shelter_team_id !== o.shelterTeamId) throw notFound();
  if (placement.status !== 'accepted') throw new HttpError(409, 'conflict', 'referrals.errors.notPlaced');
  await trx
    .updateTable('nrm_placement')
    .set({
      status: 'exited',
      exited_at: o.now,
      // The reason is a code from EXIT_REASONS, sealed all the same: every reason column is (migration 0019).
      exit_reason: sealed.seal('nrm_placement', 'exit_reason', placement.id, o.reason),
      exit_note_enc: sealed.seal('nrm_placement', 'exit_note_enc', placement.id, o.note),
    })
    .where('id', '=', placement.id)
    .execute();
  const back = await trx
    .updateTable('nrm_capacity')
    .set((eb) => ({ available: eb('available', '+', 1), updated_at: o.now }))
    .where('team_id', '=', o.shelterTeamId)
    .where('category', '=', placement.category)
    .whereRef('available', '<', 'maximum')
    .returning(['available', 'maximum'])
    .executeTakeFirst();
  if (back)
    await trx
      .insertInto('nrm_capacity_history')
      .values({
        team_id: o.shelterTeamId,
        category: placement.category,
        available: back.available,
        maximum: back.maximum,
        at: o.now,
        actor_user_id: o.actorUserId,
        reason: sealed.capacityReason(o.shelterTeamId, 'exit'),
      })
      .execute();
  await repo.addEvent(trx, sealed, {
    caseId: o.caseId,
    at: o.now,
    actorUserId: o.actorUserId,
    actorTeamId: o.shelterTeamId,
    kind: 'placement_exited',
  });
  return { category: placement.category, available: back?.available ?? null, maximum: back?.maximum ?? null };
}
