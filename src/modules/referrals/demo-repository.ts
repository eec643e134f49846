// The demo loader's queries (demo.ts): its teams, memberships and stated places. Never used in production.
import type { Db } from './repository.js';

export async function demoTeamsExist(db: Db): Promise<boolean> {
  const found = await db
    .selectFrom('nrm_team')
    .select('id')
    .where('is_demo', '=', true)
    .limit(1)
    .executeTakeFirst();
  return Boolean(found);
}

export async function insertDemoTeams(
  db: Db,
  teams: { id: string; kind: string; name: string; type: string; serviceId: string | null }[],
): Promise<void> {
  await db
    .insertInto('nrm_team')
    .values(
      teams.map((t) => ({
        id: t.id,
        kind: t.kind,
        name: t.name,
        organisation_type: t.type,
        directory_service_id: t.serviceId,
        email: null,
        is_demo: true,
      })),
    )
    .execute();
}

export async function userIdByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
}

/** Puts a demo account in its team, unless it is in one already. */
export async function addDemoMember(db: Db, userId: string, teamId: string): Promise<void> {
  await db
    .insertInto('nrm_member')
    .values({ user_id: userId, team_id: teamId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
}

/** A demo shelter's places and their history row (the reason sealed by the caller). */
export async function insertDemoCapacity(
  db: Db,
  c: {
    teamId: string;
    category: string;
    available: number;
    maximum: number;
    at: Date;
    actorUserId: string | null;
    sealedReason: string;
  },
): Promise<void> {
  await db
    .insertInto('nrm_capacity')
    .values({
      team_id: c.teamId,
      category: c.category,
      available: c.available,
      maximum: c.maximum,
      updated_at: c.at,
    })
    .execute();
  await db
    .insertInto('nrm_capacity_history')
    .values({
      team_id: c.teamId,
      category: c.category,
      available: c.available,
      maximum: c.maximum,
      at: c.at,
      actor_user_id: c.actorUserId,
      reason: c.sealedReason,
    })
    .execute();
}

/** A case's version (the demo's steps go through the services, which check it like a form does). */
export async function demoCaseVersion(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('nrm_case')
    .select('version')
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  return row.version;
}

/**
 * Moves an open task's due date (the case plan's form refuses a day in the past, so an overdue demo task is
 * made due today and then moved back).
 */
export async function moveDemoTaskDue(db: Db, taskId: string, dueOn: string): Promise<void> {
  await db.updateTable('nrm_task').set({ due_on: dueOn }).where('id', '=', taskId).execute();
}
