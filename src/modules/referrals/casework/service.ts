// Case work (issue 20, point 3): a case's worker within its owning team (assigned and reassigned by the team's
// managers; only an active member of that team), the case plan (tasks with an owner in the team and a due date,
// renamed while open, marked done, or cancelled with a reason when no longer needed), and the outcome of a
// referral a service accepted (delivered, refused, not reachable): until it is recorded the referral is not
// closed, so it waits on the receiving team. Every change runs through `change`
// (locked, versioned where a form carries the version, a step in the timeline, audited with ids and codes only).
import { randomUUID } from 'node:crypto';
import {
  Conflict,
  Forbidden,
  NotFound,
  ValidationFailed,
  type FieldProblem,
} from '../../../platform/errors.js';
import type { CaseAccess } from '../access.js';
import {
  change,
  viewerOf,
  type CaseCore,
  type ChangeDetail,
  type ChangeEvent,
  type User,
} from '../core/context.js';
import { isId, MAX_SHORT, text } from '../core/validation.js';
import { isRealDate } from '../derived.js';
import { localDate } from '../model.js';
import * as repo from '../repository.js';
import {
  activeMemberOf,
  activeMembers,
  findTaskOfCase,
  insertTask,
  markTaskDone,
  recordReferralOutcome,
  updateTask,
  setCaseWorker,
  tasksOf,
  userName,
  type TaskRow,
} from './repository.js';

/** How an accepted referral ends: the service was delivered, the person refused it, or could not be reached. */
export const REFERRAL_OUTCOMES = ['delivered', 'refused', 'not_reachable'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/**
 * Why an open task is cancelled rather than done: nobody needs it any more, it repeats another task, it was done
 * elsewhere (by another organisation), or the person does not want it. Codes only (no free text to seal).
 */
export const TASK_CANCEL_REASONS = ['not_needed', 'duplicate', 'done_elsewhere', 'person_declined'] as const;

/** Roles that manage a case in its owning team (access.ts): they assign and plan. */
const MANAGING_ROLES: readonly string[] = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];

export interface TaskInput {
  version: number;
  title: string;
  ownerId: string;
  dueOn: string;
}

export interface TaskChangeInput {
  version: number;
  ownerId: string;
  dueOn: string;
}

/**
 * A task's new owner and due date, checked before the case is locked: an owner is required (an id), a due date a
 * real date. Whether a changed date lies in the past is checked against the task's own (an overdue task keeps its
 * date when only its owner changes).
 */
export function validateTaskChange(input: TaskChangeInput) {
  const problems: FieldProblem[] = [];
  const ownerId = input.ownerId.trim();
  if (!ownerId) problems.push({ field: 'ownerId', key: 'referrals.casework.errors.ownerRequired' });
  else if (!isId(ownerId)) problems.push({ field: 'ownerId', key: 'referrals.casework.errors.notInTeam' });
  const dueOn = input.dueOn.trim();
  if (!dueOn) problems.push({ field: 'dueOn', key: 'referrals.errors.required' });
  else if (!isRealDate(dueOn)) problems.push({ field: 'dueOn', key: 'referrals.errors.date' });
  return { problems, values: { ownerId, dueOn } };
}

/** A task's title, as at creation and on renaming: trimmed, required (only spaces is empty), at most MAX_SHORT. */
export function taskTitle(problems: FieldProblem[], value: string): string {
  const title = text(problems, 'title', value, MAX_SHORT);
  if (!title) problems.push({ field: 'title', key: 'referrals.errors.required' });
  return title;
}

export function validateTask(input: TaskInput, today: string) {
  const problems: FieldProblem[] = [];
  const title = taskTitle(problems, input.title);
  const ownerId = input.ownerId.trim();
  if (!ownerId) problems.push({ field: 'ownerId', key: 'referrals.casework.errors.ownerRequired' });
  else if (!isId(ownerId)) problems.push({ field: 'ownerId', key: 'referrals.casework.errors.notInTeam' });
  const dueOn = input.dueOn.trim();
  if (!dueOn) problems.push({ field: 'dueOn', key: 'referrals.errors.required' });
  else if (!isRealDate(dueOn)) problems.push({ field: 'dueOn', key: 'referrals.errors.date' });
  else if (dueOn < today) problems.push({ field: 'dueOn', key: 'referrals.casework.errors.duePast' });
  return { problems, values: { title, ownerId, dueOn } };
}

/** A task as the case page and the dashboards show it: its title only where the person may be seen. */
function taskView(core: CaseCore, t: TaskRow, access: CaseAccess, today: string) {
  return {
    id: t.id,
    title: access.person ? core.sealed.open('nrm_task', 'title_enc', t.id, t.title_enc) : null,
    ownerName: t.owner_name,
    ownerId: t.owner_user_id,
    /** False when the owner is no longer an active member of the case's team: the task waits for a new owner. */
    ownerInTeam: Boolean(t.owner_in_team),
    dueOn: t.due_on,
    overdue: !t.done_at && !t.cancelled_at && t.due_on < today,
    doneAt: t.done_at,
    cancelledAt: t.cancelled_at,
    cancelledReason: t.cancelled_reason,
  };
}

/** What the case page shows of case work: the worker, who may be chosen, the plan. */
export async function caseWorkOf(core: CaseCore, db: repo.Db, row: repo.CaseRow, access: CaseAccess) {
  const today = localDate(core.clock());
  const [worker, members, tasks] = await Promise.all([
    userName(db, row.case_worker_id),
    access.manage ? activeMembers(db, row.owner_team_id) : Promise.resolve([]),
    // The case plan is the owning team's work: a referral's receiver or a shelter does not read it.
    access.manage ? tasksOf(db, row.id, row.owner_team_id) : Promise.resolve([]),
  ]);
  return {
    workerId: row.case_worker_id,
    workerName: worker ?? null,
    members: members.map((m) => ({ id: m.id, name: m.display_name })),
    tasks: tasks.map((t) => taskView(core, t, access, today)),
    /** Whether the case plan is shown (the owning team's managers). */
    plan: access.manage,
    manage: access.manage && row.status !== 'closed',
  };
}

export type CaseWork = Awaited<ReturnType<typeof caseWorkOf>>;

/**
 * A task of the locked case that is still open: a forged id or another case's task is a 404, a done or cancelled
 * one a 409 (the page showed it open; it ended since).
 */
async function openTaskOf(trx: repo.Tx, caseId: string, taskId: string) {
  const task = isId(taskId) ? await findTaskOfCase(trx, caseId, taskId) : undefined;
  if (!task) throw new NotFound();
  if (task.done_at) throw new Conflict('referrals.casework.errors.alreadyDone');
  if (task.cancelled_at) throw new Conflict('referrals.casework.errors.alreadyCancelled');
  return task;
}

type OpenTask = Awaited<ReturnType<typeof openTaskOf>>;

/**
 * A change to one open task of an open case by the case's managers (changeTask, renameTask, cancelTask): under
 * the case's lock and version rule, a closed case a 409, the task as openTaskOf finds it.
 */
async function changeOpenTask(
  core: CaseCore,
  user: User,
  target: { caseId: string; taskId: string; version: number; action: string },
  apply: (
    trx: repo.Tx,
    row: repo.CaseRow,
    task: OpenTask,
    now: Date,
    event: ChangeEvent,
  ) => Promise<ChangeDetail>,
) {
  const viewer = await viewerOf(core, user);
  return change(
    core,
    viewer,
    target.caseId,
    target.version,
    (a) => a.manage,
    target.action,
    async (trx, row, now, event) => {
      if (row.status === 'closed') throw new Conflict('referrals.casework.errors.closed');
      return apply(trx, row, await openTaskOf(trx, row.id, target.taskId), now, event);
    },
  );
}

export function createCaseWorkService(core: CaseCore) {
  return {
    /** Makes an active member of the case's owning team its case worker (a first assignment or a new one). */
    async assignCaseWorker(user: User, caseId: string, input: { version: number; workerId: string }) {
      const viewer = await viewerOf(core, user);
      const workerId = input.workerId.trim();
      if (!workerId)
        throw new ValidationFailed([{ field: 'workerId', key: 'referrals.casework.errors.workerRequired' }]);
      return change(
        core,
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.case.assign',
        async (trx, row, now, event) => {
          if (row.status === 'closed') throw new Conflict('referrals.casework.errors.closed');
          const member = isId(workerId) ? await activeMemberOf(trx, row.owner_team_id, workerId) : undefined;
          if (!member)
            throw new ValidationFailed([{ field: 'workerId', key: 'referrals.casework.errors.notInTeam' }]);
          const before = row.case_worker_id;
          if (before === member.id) return { worker: member.id, previous: before, unchanged: true };
          await setCaseWorker(trx, row.id, member.id);
          await event(before ? 'case_worker_changed' : 'case_worker_assigned');
          // Ids only: who the case worker was and who it is now.
          return { worker: member.id, previous: before, unchanged: false };
        },
      );
    },

    /** Adds a task to the case plan: its owner an active member of the case's team, due today or later. */
    async addTask(user: User, caseId: string, input: TaskInput) {
      const viewer = await viewerOf(core, user);
      const { problems, values: v } = validateTask(input, localDate(core.clock()));
      if (problems.length) throw new ValidationFailed(problems);
      return change(
        core,
        viewer,
        caseId,
        input.version,
        (a) => a.manage,
        'nrm.task.add',
        async (trx, row, now, event) => {
          if (row.status === 'closed') throw new Conflict('referrals.casework.errors.closed');
          const owner = await activeMemberOf(trx, row.owner_team_id, v.ownerId);
          if (!owner)
            throw new ValidationFailed([{ field: 'ownerId', key: 'referrals.casework.errors.notInTeam' }]);
          const id = randomUUID();
          await insertTask(trx, {
            id,
            case_id: row.id,
            team_id: row.owner_team_id,
            title_enc: core.sealed.seal('nrm_task', 'title_enc', id, v.title),
            owner_user_id: owner.id,
            due_on: v.dueOn,
            created_at: now,
            created_by: user.id,
          });
          await event('task_added');
          return { task: id, owner: owner.id, due: v.dueOn };
        },
      );
    },

    /**
     * Gives an open task another owner (an active member of the case's owning team, always: a task whose owner
     * left the team gets a real one) and/or another due date (today or later when it changes). A step in the
     * timeline for each change and one audit entry with the ids and dates, never the title.
     */
    async changeTask(user: User, caseId: string, taskId: string, input: TaskChangeInput) {
      const { problems, values: v } = validateTaskChange(input);
      if (problems.length) throw new ValidationFailed(problems);
      return changeOpenTask(
        core,
        user,
        { caseId, taskId, version: input.version, action: 'nrm.task.change' },
        async (trx, row, task, _now, event) => {
          const wrong: FieldProblem[] = [];
          const owner = await activeMemberOf(trx, row.owner_team_id, v.ownerId);
          if (!owner) wrong.push({ field: 'ownerId', key: 'referrals.casework.errors.notInTeam' });
          const rescheduled = v.dueOn !== task.due_on;
          if (rescheduled && v.dueOn < localDate(core.clock()))
            wrong.push({ field: 'dueOn', key: 'referrals.casework.errors.duePast' });
          if (wrong.length || !owner) throw new ValidationFailed(wrong);
          const reassigned = owner.id !== task.owner_user_id;
          // The task is the case's owning team's work again too, should it still name another team.
          const realigned = task.team_id !== row.owner_team_id;
          const set = { owner_user_id: owner.id, due_on: v.dueOn, team_id: row.owner_team_id };
          // The case is locked, so a task cannot end in between; the guard stays all the same.
          if ((reassigned || rescheduled || realigned) && !(await updateTask(trx, task.id, set)))
            throw new Conflict('referrals.casework.errors.alreadyDone');
          if (reassigned) await event('task_reassigned');
          if (rescheduled) await event('task_rescheduled');
          // Ids and dates only: which task, who owned it and owns it now, when it was due and is due now.
          return {
            task: task.id,
            previousOwner: task.owner_user_id,
            owner: owner.id,
            previousDue: task.due_on,
            due: v.dueOn,
            unchanged: !reassigned && !rescheduled,
          };
        },
      );
    },

    /**
     * Gives an open task another title (the owning team's managers, who read titles), checked as at creation and
     * sealed bound to the task as at creation. The same title again changes nothing (no step). The timeline and the
     * audit entry say that the title changed, never what it said or says.
     */
    async renameTask(user: User, caseId: string, taskId: string, input: { version: number; title: string }) {
      const problems: FieldProblem[] = [];
      const title = taskTitle(problems, input.title);
      if (problems.length) throw new ValidationFailed(problems);
      return changeOpenTask(
        core,
        user,
        { caseId, taskId, version: input.version, action: 'nrm.task.rename' },
        async (trx, _row, task, _now, event) => {
          const before = core.sealed.open('nrm_task', 'title_enc', task.id, task.title_enc);
          if (before === title) return { task: task.id, unchanged: true };
          const sealed = core.sealed.seal('nrm_task', 'title_enc', task.id, title);
          if (!(await updateTask(trx, task.id, { title_enc: sealed })))
            throw new Conflict('referrals.casework.errors.alreadyDone');
          await event('task_renamed');
          // The task's id only: that its title changed, not what it was or is.
          return { task: task.id, unchanged: false };
        },
      );
    },

    /**
     * Cancels an open task that is no longer needed, with a reason from TASK_CANCEL_REASONS: it leaves the
     * dashboards and the case's open work, stays on the case page as cancelled (reason, date) and never counts
     * as done. A step in the timeline; the audit entry names the task and the reason code.
     */
    async cancelTask(user: User, caseId: string, taskId: string, input: { version: number; reason: string }) {
      const reason = input.reason.trim();
      if (!(TASK_CANCEL_REASONS as readonly string[]).includes(reason))
        throw new ValidationFailed([{ field: 'cancelReason', key: 'referrals.errors.choose' }]);
      return changeOpenTask(
        core,
        user,
        { caseId, taskId, version: input.version, action: 'nrm.task.cancel' },
        async (trx, _row, task, now, event) => {
          const set = { cancelled_at: now, cancelled_by: user.id, cancelled_reason: reason };
          if (!(await updateTask(trx, task.id, set)))
            throw new Conflict('referrals.casework.errors.alreadyCancelled');
          await event('task_cancelled');
          return { task: task.id, reason, due: task.due_on };
        },
      );
    },

    /** Marks a task done (the case's managers, among them its owner). */
    async completeTask(user: User, caseId: string, taskId: string) {
      const viewer = await viewerOf(core, user);
      return change(
        core,
        viewer,
        caseId,
        undefined,
        (a) => a.manage,
        'nrm.task.done',
        async (trx, row, now, event) => {
          // A cancelled task is never done (409): it was not needed, not carried out.
          const task = await openTaskOf(trx, row.id, taskId);
          await markTaskDone(trx, task.id, now, user.id);
          await event('task_done');
          return { task: task.id };
        },
      );
    },

    /**
     * Closes an accepted referral with its outcome: the receiving team (who delivered the service) or the case's
     * managers in the owning team. Once; never for a referral that was not accepted.
     */
    async recordReferralOutcome(user: User, caseId: string, referralId: string, input: { outcome: string }) {
      const viewer = await viewerOf(core, user);
      if (!(REFERRAL_OUTCOMES as readonly string[]).includes(input.outcome))
        throw new ValidationFailed([{ field: 'outcome', key: 'referrals.errors.choose' }]);
      return change(
        core,
        viewer,
        caseId,
        undefined,
        (a) => a.read && !a.statusOnly,
        'nrm.referral.outcome',
        async (trx, row, now, event) => {
          const referral = isId(referralId)
            ? (await repo.referralsOf(trx, row.id)).find((r) => r.id === referralId)
            : undefined;
          if (!referral) throw new NotFound();
          const receiver = viewer.teamId !== null && referral.to_team_id === viewer.teamId;
          const owner = row.owner_team_id === viewer.teamId && MANAGING_ROLES.includes(user.role);
          if (!receiver && !owner) throw new Forbidden('referrals.errors.notAllowed');
          if (referral.status !== 'accepted') throw new Conflict('referrals.casework.errors.notAccepted');
          if (!(await recordReferralOutcome(trx, referral.id, input.outcome, now, user.id)))
            throw new Conflict('referrals.casework.errors.outcomeRecorded');
          await event(`referral_outcome_${input.outcome}`);
          return { referral: referral.id, outcome: input.outcome };
        },
      );
    },
  };
}
