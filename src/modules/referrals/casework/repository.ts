// The queries of case work: who may be a case's worker (active accounts of its team), setting the worker, the
// case plan's tasks, a referral's outcome, and the two dashboards ("waiting on me", "waiting on my team"), each
// served by a partial index (0028, 0034) that holds open work only. An open task is neither done nor cancelled:
// every query of open tasks says both.
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { NrmTaskTable } from '../../../db/schema.js';
import type { Db } from '../repository.js';

/** The active accounts of a team (not disabled), by name: who may be a case worker or own a task. */
export async function activeMembers(db: Db, teamId: string) {
  return db
    .selectFrom('nrm_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.role'])
    .where('m.team_id', '=', teamId)
    .where('u.disabled_at', 'is', null)
    .orderBy('u.display_name')
    .execute();
}

export type Member = Awaited<ReturnType<typeof activeMembers>>[number];

/** One account if it is an active member of the team, else undefined. */
export async function activeMemberOf(db: Db, teamId: string, userId: string) {
  return db
    .selectFrom('nrm_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .where('m.team_id', '=', teamId)
    .where('m.user_id', '=', userId)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function userName(db: Db, userId: string | null) {
  if (!userId) return undefined;
  const row = await db
    .selectFrom('app_user')
    .select('display_name')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.display_name;
}

export async function setCaseWorker(db: Db, caseId: string, userId: string | null) {
  await db.updateTable('nrm_case').set({ case_worker_id: userId }).where('id', '=', caseId).execute();
}

export async function insertTask(db: Db, row: Insertable<NrmTaskTable>) {
  await db.insertInto('nrm_task').values(row).execute();
}

/**
 * Whether a task's owner is still an active member of a team: not disabled, and a member. For a query of
 * `nrm_task as t` joined to its owner as `app_user as u`; the team is an id, or `task` for the task's own team.
 * The case page and both dashboards flag a task whose owner left (or came along with a moved case) with it.
 */
export function ownerInTeam(team: string | 'task') {
  const teamId = team === 'task' ? sql.ref('t.team_id') : sql`${team}`;
  return sql<boolean>`(u.disabled_at is null and exists (select 1 from nrm_member as m where m.user_id = t.owner_user_id and m.team_id = ${teamId}))`;
}

/**
 * A case's tasks with their owners' names, and whether each owner is still an active member of the team that owns
 * the case (`owner_in_team`: false once the account is disabled or left the team, or the case moved to another
 * team): open ones by due date first, then the ended ones (done or cancelled).
 */
export async function tasksOf(db: Db, caseId: string, teamId: string) {
  return db
    .selectFrom('nrm_task as t')
    .innerJoin('app_user as u', 'u.id', 't.owner_user_id')
    .selectAll('t')
    .select('u.display_name as owner_name')
    .select(ownerInTeam(teamId).as('owner_in_team'))
    .where('t.case_id', '=', caseId)
    .orderBy(sql`(t.done_at is not null or t.cancelled_at is not null)`)
    .orderBy('t.due_on')
    .orderBy('t.created_at')
    .execute();
}

export type TaskRow = Awaited<ReturnType<typeof tasksOf>>[number];

export async function findTaskOfCase(db: Db, caseId: string, taskId: string) {
  return db
    .selectFrom('nrm_task')
    .selectAll()
    .where('id', '=', taskId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/**
 * Changes an open task (neither done nor cancelled): a new owner and due date (its team the case's owning team
 * again), a new sealed title, or its cancellation. False when the task was not open.
 */
export async function updateTask(
  db: Db,
  taskId: string,
  set:
    | { owner_user_id: string; due_on: string; team_id: string }
    | { title_enc: string | null }
    | { cancelled_at: Date; cancelled_by: string; cancelled_reason: string },
) {
  const result = await db
    .updateTable('nrm_task')
    .set(set)
    .where('id', '=', taskId)
    .where('done_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The open tasks of a case follow it: to the team that now owns it (an accepted transfer), or to the case that
 * continues a merge (`toCaseId`), with that case's team. The owners stay: one who is not an active member of the
 * new team shows as "no longer in the team" until a manager chooses another. A title is sealed bound to its task,
 * not its case, so it opens unchanged on the continuing case. Done and cancelled tasks stay where they ended.
 * Returns the ids moved (for the audit).
 */
export async function moveOpenTasks(
  db: Db,
  from: { caseId: string },
  to: { teamId: string; caseId?: string },
): Promise<string[]> {
  const rows = await db
    .updateTable('nrm_task')
    .set({ team_id: to.teamId, ...(to.caseId ? { case_id: to.caseId } : {}) })
    .where('case_id', '=', from.caseId)
    .where('done_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id).sort();
}

export async function markTaskDone(db: Db, taskId: string, at: Date, by: string) {
  await db
    .updateTable('nrm_task')
    .set({ done_at: at, done_by: by })
    .where('id', '=', taskId)
    .where('done_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .execute();
}

export async function recordReferralOutcome(
  db: Db,
  referralId: string,
  outcome: string,
  at: Date,
  by: string,
): Promise<boolean> {
  const result = await db
    .updateTable('nrm_referral')
    .set({ outcome, outcome_at: at, outcome_by: by })
    .where('id', '=', referralId)
    .where('status', '=', 'accepted')
    .where('outcome', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
