// No loose ends when a case closes (issue 18, point 6): a referral still awaiting an answer or a placement request
// still open would otherwise stay "open" at a team that keeps sight of a closed case. The close form lists them
// and offers to withdraw them as part of closing; without that choice the close is refused with the list (in
// words), so nothing is withdrawn that the coordinator did not see. A person still placed in a shelter blocks
// closing: the shelter records the exit (placement-exit.ts), which gives the place back. An accepted referral
// without its outcome (service delivered, refused, not reachable; casework/) blocks closing as well: the close
// form names it and links to the outcome form on the case page, so a referral is closed only with its outcome.
import { ValidationFailed, type FieldProblem } from '../../platform/errors.js';
import * as repo from './repository.js';
import type { ReferralSealing } from './sealing.js';

/** Referral statuses that are still waiting for the receiver. */
export const OPEN_REFERRALS = ['pending'] as const;
/** Placement requests still waiting for a shelter or a free place. */
export const OPEN_PLACEMENTS = ['requested', 'waiting'] as const;

export interface LooseEnds<R = repo.ReferralRow, P = repo.PlacementRow> {
  referrals: R[];
  placements: P[];
  /** Placements the person is in now: the shelter must record the exit first. */
  placed: P[];
  /** Accepted referrals without an outcome: it is recorded (casework/) before the case closes. */
  awaitingOutcome: R[];
}

export function looseEndsOf<
  R extends { status: string; outcome?: string | null },
  P extends { status: string },
>(referrals: readonly R[], placements: readonly P[]): LooseEnds<R, P> {
  return {
    referrals: referrals.filter((r) => (OPEN_REFERRALS as readonly string[]).includes(r.status)),
    placements: placements.filter((p) => (OPEN_PLACEMENTS as readonly string[]).includes(p.status)),
    placed: placements.filter((p) => p.status === 'accepted'),
    awaitingOutcome: referrals.filter((r) => r.status === 'accepted' && !r.outcome),
  };
}

export const hasLooseEnds = (l: LooseEnds<unknown, unknown>) =>
  l.referrals.length + l.placements.length + l.placed.length + l.awaitingOutcome.length > 0;

/**
 * Runs inside the closing transaction (the case row is locked): refuses while the person is placed, while an
 * accepted referral has no outcome, or while something is open and the coordinator did not choose to withdraw it
 * (every reason at once); else withdraws open referrals and cancels
 * open placement requests, each with a line in the timeline. Returns the identifiers for the audit entry.
 */
export async function resolveOnClose(
  trx: repo.Db,
  sealed: ReferralSealing,
  o: { caseId: string; actorUserId: string; actorTeamId: string | null; now: Date; withdraw: boolean },
): Promise<{ withdrawnReferrals: string[]; cancelledPlacements: string[] }> {
  const ends = looseEndsOf(await repo.referralsOf(trx, o.caseId), await repo.placementsOf(trx, o.caseId));
  const problems: FieldProblem[] = [];
  if (ends.placed.length > 0) problems.push({ field: 'looseEnds', key: 'referrals.errors.stillPlaced' });
  if (ends.awaitingOutcome.length > 0)
    problems.push({ field: 'referralOutcome', key: 'referrals.casework.errors.outcomeBeforeClose' });
  if (!o.withdraw && (ends.referrals.length > 0 || ends.placements.length > 0))
    problems.push({
      field: 'looseEnds',
      key: 'referrals.errors.looseEnds',
      params: { count: ends.referrals.length + ends.placements.length },
    });
  if (problems.length) throw new ValidationFailed(problems);
  for (const r of ends.referrals) {
    await trx
      .updateTable('nrm_referral')
      .set({ status: 'withdrawn', responded_at: o.now, responded_by: o.actorUserId })
      .where('id', '=', r.id)
      .where('status', '=', 'pending')
      .execute();
    await repo.addEvent(trx, sealed, {
      caseId: o.caseId,
      at: o.now,
      actorUserId: o.actorUserId,
      actorTeamId: o.actorTeamId,
      kind: 'referral_withdrawn',
    });
  }
  for (const p of ends.placements) {
    await trx
      .updateTable('nrm_placement')
      .set({ status: 'cancelled', responded_at: o.now, responded_by: o.actorUserId })
      .where('id', '=', p.id)
      .where('status', 'in', [...OPEN_PLACEMENTS])
      .execute();
    await repo.addEvent(trx, sealed, {
      caseId: o.caseId,
      at: o.now,
      actorUserId: o.actorUserId,
      actorTeamId: o.actorTeamId,
      kind: 'placement_cancelled',
    });
  }
  return {
    withdrawnReferrals: ends.referrals.map((r) => r.id),
    cancelledPlacements: ends.placements.map((p) => p.id),
  };
}
