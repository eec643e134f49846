// Shelter placements: a request to a shelter with a free place (or the waiting list when none is free), the
// shelter's answer, and its exit step that gives the place back at once.
import { randomUUID } from 'node:crypto';
import { ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { applyPlacementAnswer } from '../answers.js';
import {
  change,
  forwardFor,
  placeCoverage,
  viewerOf,
  type CaseCore,
  type ForwardedTo,
  type User,
} from '../core/context.js';
import { updateCase } from '../core/repository.js';
import { isId, MAX_TEXT, pick, text } from '../core/validation.js';
import { SHELTER_CATEGORIES } from '../model.js';
import { applyExit, validateExit } from '../placement-exit.js';
import * as repo from '../repository.js';
import { activeRolesByTeam, insertForwardedPlacement } from '../repository/routing.js';
import { canAct } from '../routing.js';
import { freePlacesOf, insertPlacement, waitingPlacements } from './repository.js';

export interface PlacementRequestInput {
  version: number;
  shelterTeamId: string;
  category: string;
  reason: string;
}

export function createPlacementService(core: CaseCore) {
  return {
    requestPlacement: (user: User, caseId: string, input: PlacementRequestInput) =>
      requestPlacement(core, user, caseId, input),

    /** The shelter accepts (a place is taken, the case moves to placement) or declines with a reason. */
    async respondPlacement(
      user: User,
      caseId: string,
      placementId: string,
      input: { accept: boolean; reason: string },
    ) {
      const viewer = await viewerOf(core, user);
      const problems: FieldProblem[] = [];
      const reason = text(problems, 'reason', input.reason, MAX_TEXT);
      if (!input.accept && !reason)
        problems.push({ field: 'reason', key: 'referrals.errors.reasonRequired' });
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        core,
        viewer,
        caseId,
        undefined,
        (a) => a.respondPlacement,
        'nrm.placement.respond',
        (trx, row, now) =>
          applyPlacementAnswer(trx, core.sealed, {
            caseId,
            placementId,
            viewer,
            userId: user.id,
            row,
            now,
            ...input,
            reason,
          }),
      );
    },

    exitPlacement: (
      user: User,
      caseId: string,
      placementId: string,
      input: { reason: string; note: string },
    ) => exitPlacement(core, user, caseId, placementId, input),

    /** The waiting list: cases waiting for a place, per category, oldest first (no person data). */
    waitingList: () => waitingPlacements(core.db),
  };
}

/**
 * A placement request to a shelter with a free place in the category; with no shelter named (nothing free),
 * the case goes on the waiting list for the category.
 */
async function requestPlacement(core: CaseCore, user: User, caseId: string, input: PlacementRequestInput) {
  const viewer = await viewerOf(core, user);
  const problems: FieldProblem[] = [];
  const category = pick(problems, 'category', input.category, SHELTER_CATEGORIES);
  const reason = text(problems, 'reason', input.reason, MAX_TEXT);
  let shelter: repo.TeamRow | undefined;
  if (input.shelterTeamId) {
    shelter = isId(input.shelterTeamId) ? await repo.findTeam(core.db, input.shelterTeamId) : undefined;
    if (!shelter || shelter.kind !== 'shelter')
      problems.push({ field: 'shelterTeamId', key: 'referrals.errors.team' });
  }
  if (problems.length) throw new ValidationFailed(problems);
  let forwarded: ForwardedTo | null = null;
  // Read before the transaction: forwardFor may need it inside, where the directory must not be asked.
  const coverage = shelter ? await placeCoverage(core, caseId) : undefined;
  const changed = await change(
    core,
    viewer,
    caseId,
    input.version,
    (a) => a.manage,
    'nrm.placement.request',
    async (trx, row, now, event) => {
      let status: 'requested' | 'waiting' = 'waiting';
      // Nobody at the shelter can answer: the next level receives it (routing.ts: CoMensha, which coordinates
      // shelter placement nationally) as a referral for a place, and the case waits on the category's list.
      const passedOn =
        shelter && !canAct(await activeRolesByTeam(trx), shelter)
          ? await forwardFor(trx, row, shelter, coverage)
          : null;
      if (passedOn) forwarded = { kind: 'placement', meant: shelter!.id, to: passedOn.team.id };
      if (passedOn === undefined)
        throw new ValidationFailed([
          {
            field: 'shelterTeamId',
            key: 'referrals.errors.shelterUnreachable',
            params: { team: shelter!.name },
          },
        ]);
      if (shelter && !passedOn) {
        const free = await freePlacesOf(trx, shelter.id, category);
        if (free === undefined || free < 1)
          throw new ValidationFailed([{ field: 'shelterTeamId', key: 'referrals.errors.noFreePlace' }]);
        status = 'requested';
      }
      if (category === 'cosm' && row.minor === 'yes')
        throw new ValidationFailed([{ field: 'category', key: 'referrals.errors.cosmAdultsOnly' }]);
      const placementId = randomUUID();
      await insertPlacement(trx, {
        id: placementId,
        case_id: caseId,
        shelter_team_id: passedOn ? null : (shelter?.id ?? null),
        category,
        status,
        requested_at: now,
        requested_by: user.id,
        reason: core.sealed.seal('nrm_placement', 'reason', placementId, reason),
      });
      if (!row.first_referral_at) await updateCase(trx, caseId, { first_referral_at: now });
      await event(status === 'waiting' ? 'waiting_list' : 'placement_requested', {
        reason: `${category}${shelter && !passedOn ? ` → ${shelter.name}` : ''}${reason ? `: ${reason}` : ''}`,
      });
      if (shelter && !passedOn)
        await core.notifier.notify(trx, shelter.id, 'placement', caseId, undefined, row.urgency);
      if (passedOn) {
        const ground = await core.consentActions.groundFor(trx, row, passedOn.team.id, 'shelter');
        const by = { at: now, by: user.id, fromTeamId: row.owner_team_id, toTeamId: passedOn.team.id };
        await insertForwardedPlacement(trx, {
          ...by,
          caseId,
          sharesPersonalData: !!ground,
          legalGround: ground,
        });
        const said = `shelter → ${passedOn.team.name}`;
        await event('refer', { reason: said });
        await core.notifier.notify(trx, passedOn.team.id, 'referral', caseId, undefined, row.urgency);
      }
      return {
        shelter: passedOn ? null : (shelter?.id ?? null),
        category,
        status,
        personal_data: row.legal_ground !== null,
        forwarded_from: passedOn ? shelter!.id : null,
        forwarded_to: passedOn?.team.id ?? null,
      };
    },
  );
  // The sender is told who received it (views/forwarded.ts).
  return Object.assign(changed, { forwarded });
}

/** A shelter's exit step (placement-exit.ts): the placement ends and the place comes back at once. */
async function exitPlacement(
  core: CaseCore,
  user: User,
  caseId: string,
  placementId: string,
  input: { reason: string; note: string },
) {
  const viewer = await viewerOf(core, user);
  const exit = validateExit(input);
  let back: Awaited<ReturnType<typeof applyExit>> | undefined;
  await change(
    core,
    viewer,
    caseId,
    undefined,
    (a) => a.respondPlacement,
    'nrm.placement.exit',
    async (trx, _r, now) => {
      back = await applyExit(trx, core.sealed, {
        caseId,
        placementId,
        shelterTeamId: viewer.teamId,
        actorUserId: user.id,
        now,
        reason: exit.reason,
        note: exit.note,
      });
      return { placement: placementId, exitReason: exit.reason, note: Boolean(exit.note) };
    },
  );
  // The directory's published places follow (HSDS service_capacity), as after a shelter's own statement.
  if (back && back.available !== null && back.maximum !== null && viewer.team?.directory_service_id)
    await core.directory.publishCapacity(
      viewer.team.directory_service_id,
      back.category,
      back.available,
      back.maximum,
      core.clock(),
    );
}
