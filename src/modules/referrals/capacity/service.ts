// Shelter places: the free places by category and region, a shelter's own statement (its history kept, as the
// shelter-capacity research asks), published to the directory as well.
import { Forbidden, ValidationFailed, type FieldProblem } from '../../../platform/errors.js';
import { viewerOf, type CaseCore, type User } from '../core/context.js';
import { MAX_SHORT, pick, text } from '../core/validation.js';
import { SHELTER_CATEGORIES } from '../model.js';
import { capacityOfTeam, stateCapacity, statedPlaces } from './repository.js';

export interface CapacityInput {
  category: string;
  available: number;
  maximum: number;
  reason: string;
}

export function createCapacityService(core: CaseCore) {
  return {
    /** Shelters with free places, by category and (optionally) region, most places first. */
    async freePlaces(o: { category?: string; safetyRegion?: string }) {
      const rows = await statedPlaces(core.db, o.category);
      if (!o.safetyRegion) return rows;
      const regions = await core.directory.regions();
      const municipalities = regions.municipalities.filter((m) => m.safety_region_code === o.safetyRegion);
      if (municipalities.length === 0) return rows;
      // A shelter serves the region when its directory service covers any municipality in it.
      const covering = new Set<string>();
      for (const m of municipalities)
        for (const s of await core.directory.coverageFor(m.code)) covering.add(s.id);
      return rows.filter((r) => r.directory_service_id && covering.has(r.directory_service_id));
    },

    setCapacity: (user: User, input: CapacityInput) => setCapacity(core, user, input),

    async capacityOf(teamId: string) {
      const { current, history } = await capacityOfTeam(core.db, teamId);
      return { current, history: core.sealed.openCapacityHistory(history) };
    },
  };
}

/** A shelter states its places; the history keeps every change. */
async function setCapacity(core: CaseCore, user: User, input: CapacityInput) {
  const viewer = await viewerOf(core, user);
  if (!viewer.team || viewer.team.kind !== 'shelter') throw new Forbidden('referrals.errors.notAllowed');
  const problems: FieldProblem[] = [];
  const category = pick(problems, 'category', input.category, SHELTER_CATEGORIES);
  if (!Number.isInteger(input.maximum) || input.maximum < 0 || input.maximum > 10_000)
    problems.push({ field: 'maximum', key: 'referrals.errors.number' });
  if (!Number.isInteger(input.available) || input.available < 0)
    problems.push({ field: 'available', key: 'referrals.errors.number' });
  else if (input.available > input.maximum)
    problems.push({ field: 'available', key: 'referrals.errors.availableAboveMaximum' });
  const reason = text(problems, 'reason', input.reason, MAX_SHORT);
  if (problems.length) throw new ValidationFailed(problems);
  const now = core.clock();
  const team = viewer.team;
  await core.db.transaction().execute(async (trx) => {
    await stateCapacity(trx, {
      teamId: team.id,
      category,
      available: input.available,
      maximum: input.maximum,
      at: now,
      actorUserId: user.id,
      sealedReason: core.sealed.capacityReason(team.id, reason || 'update'),
    });
    await core.audit.record(
      {
        actorUserId: user.id,
        action: 'nrm.capacity.update',
        entityType: 'nrm_team',
        entityId: team.id,
        detail: { category, available: input.available, maximum: input.maximum },
      },
      trx,
    );
  });
  if (team.directory_service_id)
    await core.directory.publishCapacity(
      team.directory_service_id,
      category,
      input.available,
      input.maximum,
      now,
    );
}
