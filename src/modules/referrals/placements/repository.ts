// The queries of placement requests and the waiting list (answers in answers.ts, the exit in placement-exit.ts).
import type { Insertable } from 'kysely';
import type { NrmPlacementTable } from '../../../db/schema.js';
import type { Db, Tx } from '../repository.js';

/** The places a shelter states free in a category (undefined when it states none). */
export async function freePlacesOf(db: Db, shelterTeamId: string, category: string) {
  const place = await db
    .selectFrom('nrm_capacity')
    .select('available')
    .where('team_id', '=', shelterTeamId)
    .where('category', '=', category)
    .executeTakeFirst();
  return place?.available;
}

export async function insertPlacement(trx: Tx, values: Insertable<NrmPlacementTable>): Promise<void> {
  await trx.insertInto('nrm_placement').values(values).execute();
}

/** Cases waiting for a place, oldest first, with their region (no person data). */
export async function waitingPlacements(db: Db) {
  return db
    .selectFrom('nrm_placement as p')
    .innerJoin('nrm_case as c', 'c.id', 'p.case_id')
    .innerJoin('safety_region as r', 'r.code', 'c.safety_region_code')
    .select([
      'p.id',
      'p.case_id',
      'c.reference',
      'p.category',
      'p.requested_at',
      'r.name as region_name',
      'c.owner_team_id',
    ])
    .where('p.status', '=', 'waiting')
    .orderBy('p.requested_at')
    .execute();
}
