// The queries of case work: who may be a case's worker (active accounts of its team), setting the worker, the
// case plan's tasks, a referral's outcome, and the two dashboards ("waiting on me", "waiting on my team"), each
// served by a partial index of migration 0028 that holds open work only.
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { NrmTaskTable } from '../../../db/schema.js';
import type { Decision } from '../identification/steps.js';
import type { Db } from '../repository.js';

/** How many rows a dashboard list shows (the most urgent or the earliest due first), as the queue shows 50. */
export const LIST_LIMIT = 50;

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

/** A case's tasks with their owners' names: open ones by due date first, then the done ones. */
export async function tasksOf(db: Db, caseId: string) {
  return db
    .selectFrom('nrm_task as t')
    .innerJoin('app_user as u', 'u.id', 't.owner_user_id')
    .selectAll('t')
    .select('u.display_name as owner_name')
    .where('t.case_id', '=', caseId)
    .orderBy(sql`t.done_at is not null`)
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

export async function markTaskDone(db: Db, taskId: string, at: Date, by: string) {
  await db
    .updateTable('nrm_task')
    .set({ done_at: at, done_by: by })
    .where('id', '=', taskId)
    .where('done_at', 'is', null)
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

const caseColumns = [
  'c.id',
  'c.reference',
  'c.kind',
  'c.status',
  'c.urgency',
  'c.created_at',
  'c.triage_due_at',
  'c.reflection_ends_on',
] as const;

/** The open cases a person works on in their team, most urgent first (nrm_case_worker_idx). */
export async function casesOfWorker(db: Db, userId: string, teamId: string) {
  return db
    .selectFrom('nrm_case as c')
    .select(caseColumns)
    .where('c.case_worker_id', '=', userId)
    .where('c.status', '<>', 'closed')
    .where('c.owner_team_id', '=', teamId)
    .where('c.anonymised_at', 'is', null)
    .orderBy('c.urgency_rank')
    .orderBy('c.created_at')
    .limit(LIST_LIMIT)
    .execute();
}

export type WorkCase = Awaited<ReturnType<typeof casesOfWorker>>[number];

/** The team's open cases without a case worker, most urgent first (nrm_case_unassigned_idx), and how many. */
export async function unassignedCases(db: Db, teamId: string) {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('nrm_case as c')
      .select(caseColumns)
      .where('c.owner_team_id', '=', teamId)
      .where('c.status', '<>', 'closed')
      .where('c.case_worker_id', 'is', null)
      .where('c.anonymised_at', 'is', null)
      .orderBy('c.urgency_rank')
      .orderBy('c.created_at')
      .limit(LIST_LIMIT)
      .execute(),
    db
      .selectFrom('nrm_case as c')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('c.owner_team_id', '=', teamId)
      .where('c.status', '<>', 'closed')
      .where('c.case_worker_id', 'is', null)
      .where('c.anonymised_at', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The decisions written on these cases (for what is due next); none when no case is given. */
export async function decisionsOfCases(db: Db, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [] as (Decision & { case_id: string })[];
  return db
    .selectFrom('nrm_decision')
    .select([
      'id',
      'case_id',
      'type_code',
      'reconsiders_id',
      'requested_at',
      'due_at',
      'outcome',
      'decided_at',
      'decided_by',
      'decided_team_id',
    ])
    .where('case_id', 'in', [...caseIds])
    .execute();
}

/**
 * Open tasks, by due date: those one person owns, or those of a team; only while the case is still that team's
 * (a task of a case transferred away is not the team's work any more), never an anonymised case's.
 */
export async function openTasks(db: Db, o: { teamId: string; ownerUserId?: string }) {
  let q = db
    .selectFrom('nrm_task as t')
    .innerJoin('nrm_case as c', 'c.id', 't.case_id')
    .innerJoin('app_user as u', 'u.id', 't.owner_user_id')
    .select([
      't.id',
      't.case_id',
      't.title_enc',
      't.due_on',
      't.owner_user_id',
      'u.display_name as owner_name',
      'c.reference',
    ])
    .where('t.done_at', 'is', null)
    .where('t.team_id', '=', o.teamId)
    .whereRef('c.owner_team_id', '=', 't.team_id')
    .where('c.anonymised_at', 'is', null);
  if (o.ownerUserId) q = q.where('t.owner_user_id', '=', o.ownerUserId);
  return q.orderBy('t.due_on').orderBy('t.created_at').limit(LIST_LIMIT).execute();
}

export type OpenTask = Awaited<ReturnType<typeof openTasks>>[number];

/** Referrals waiting for this team: to answer (pending) or accepted and waiting for their outcome. */
export async function referralsWaitingOn(db: Db, teamId: string) {
  return db
    .selectFrom('nrm_referral as r')
    .innerJoin('nrm_case as c', 'c.id', 'r.case_id')
    .select([
      'r.id',
      'r.case_id',
      'r.kind',
      'r.service_type',
      'r.status',
      'r.created_at',
      'r.responded_at',
      'c.reference',
      'c.urgency',
    ])
    .where('r.to_team_id', '=', teamId)
    .where((eb) =>
      eb.or([
        eb('r.status', '=', 'pending'),
        eb.and([eb('r.status', '=', 'accepted'), eb('r.outcome', 'is', null)]),
      ]),
    )
    .where('c.anonymised_at', 'is', null)
    .orderBy('r.created_at')
    .limit(LIST_LIMIT)
    .execute();
}

export type WaitingReferral = Awaited<ReturnType<typeof referralsWaitingOn>>[number];
