// The queries of shelter places: what each shelter states free now, and the history of every statement.
import type { Db, Tx } from '../repository.js';

/** Stated places with the shelter's name and directory service, most free first (optionally one category). */
export async function statedPlaces(db: Db, category?: string) {
  let q = db
    .selectFrom('nrm_capacity as c')
    .innerJoin('nrm_team as t', 't.id', 'c.team_id')
    .select([
      'c.team_id',
      't.name',
      't.directory_service_id',
      'c.category',
      'c.available',
      'c.maximum',
      'c.updated_at',
    ]);
  if (category) q = q.where('c.category', '=', category);
  return q.orderBy('c.available', 'desc').orderBy('t.name').execute();
}

/** A shelter's statement: the current places per category, and a history row (its reason sealed by the caller). */
export async function stateCapacity(
  trx: Tx,
  s: {
    teamId: string;
    category: string;
    available: number;
    maximum: number;
    at: Date;
    actorUserId: string;
    sealedReason: string;
  },
): Promise<void> {
  await trx
    .insertInto('nrm_capacity')
    .values({
      team_id: s.teamId,
      category: s.category,
      available: s.available,
      maximum: s.maximum,
      updated_at: s.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'category'])
        .doUpdateSet({ available: s.available, maximum: s.maximum, updated_at: s.at }),
    )
    .execute();
  await trx
    .insertInto('nrm_capacity_history')
    .values({
      team_id: s.teamId,
      category: s.category,
      available: s.available,
      maximum: s.maximum,
      at: s.at,
      actor_user_id: s.actorUserId,
      reason: s.sealedReason,
    })
    .execute();
}

/** A shelter's current places and its latest 50 statements. */
export async function capacityOfTeam(db: Db, teamId: string) {
  const [current, history] = await Promise.all([
    db.selectFrom('nrm_capacity').selectAll().where('team_id', '=', teamId).orderBy('category').execute(),
    db
      .selectFrom('nrm_capacity_history')
      .selectAll()
      .where('team_id', '=', teamId)
      .orderBy('id', 'desc')
      .limit(50)
      .execute(),
  ]);
  return { current, history };
}
