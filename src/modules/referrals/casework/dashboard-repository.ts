// The dashboards' queries ("waiting on me", "waiting on my team"), each served by a partial index of migration 0028
// that holds open work only. A dashboard is read in ONE round trip: the viewer's team is looked up inside the
// query (as the queue does), and each list rides along as a JSON array (with the decisions of "my" cases and the
// decision types nested in). On a busy server every query costs a wake-up of a database process, which weighs
// more than these index scans; seven round trips made the page half as fast as the queue (bench/referrals.ts).
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Decision, DecisionType } from '../identification/steps.js';
import { CLOSED } from '../repository/constants.js';
import { teamIdOf, type Db, type TeamIdQuery, type TeamRow } from '../repository.js';
import { ownerInTeam } from './repository.js';

/**
 * Rows per page of each dashboard list. Each list pages on its own (`?tasks=2`); a page is read with one row more
 * than it shows, which says whether a next page exists without counting the whole list.
 */
export const DASHBOARD_PAGE_SIZE = 25;

/** The lists of the dashboards, each with its own page number (1 when not given). */
export const DASHBOARD_LISTS = ['cases', 'tasks', 'referrals', 'unassigned', 'decisions'] as const;
export type DashboardList = (typeof DASHBOARD_LISTS)[number];
export type DashboardPages = Record<DashboardList, number>;

/** LIMIT and OFFSET of a page: one row more than the page shows (see DASHBOARD_PAGE_SIZE). */
const window = (page: number) => ({
  limit: DASHBOARD_PAGE_SIZE + 1,
  offset: (page - 1) * DASHBOARD_PAGE_SIZE,
});

/** A page of a list read with one row more: the rows it shows, and whether another page follows. */
function paged<T>(rows: T[], page: number) {
  return {
    rows: rows.slice(0, DASHBOARD_PAGE_SIZE),
    page,
    hasNext: rows.length > DASHBOARD_PAGE_SIZE,
    /** The place in the whole list of the page's first row (1 on the first page). */
    first: (page - 1) * DASHBOARD_PAGE_SIZE + 1,
  };
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

const decisionColumns = [
  'd.id',
  'd.case_id',
  'd.type_code',
  'd.reconsiders_id',
  'd.requested_at',
  'd.due_at',
  'd.outcome',
  'd.decided_at',
  'd.decided_by',
  'd.decided_team_id',
] as const;

/** The open cases a person works on in their team, most urgent first (nrm_case_worker_idx), with their decisions. */
function casesOfWorker(db: Db, userId: string, team: TeamIdQuery, page: number) {
  return (
    db
      .selectFrom('nrm_case as c')
      .select(caseColumns)
      .select((eb) =>
        jsonArrayFrom(
          eb
            .selectFrom('nrm_decision as d')
            .select(decisionColumns)
            .whereRef('d.case_id', '=', 'c.id')
            .where('c.kind', '=', 'signal'),
        ).as('decisions'),
      )
      .where('c.case_worker_id', '=', userId)
      .where('c.status', '<>', CLOSED)
      .where('c.owner_team_id', '=', team)
      .where('c.anonymised_at', 'is', null)
      .orderBy('c.urgency_rank')
      .orderBy('c.created_at')
      // The id settles ties, so that pages neither repeat nor skip a case.
      .orderBy('c.id')
      .limit(window(page).limit)
      .offset(window(page).offset)
  );
}

/** The team's open cases without a case worker, most urgent first (nrm_case_unassigned_idx). */
function unassignedCases(db: Db, team: TeamIdQuery, page: number) {
  return db
    .selectFrom('nrm_case as c')
    .select(caseColumns)
    .where('c.owner_team_id', '=', team)
    .where('c.status', '<>', CLOSED)
    .where('c.case_worker_id', 'is', null)
    .where('c.anonymised_at', 'is', null)
    .orderBy('c.urgency_rank')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(window(page).limit)
    .offset(window(page).offset);
}

/**
 * The identification decisions due on ALL the team's open cases without a case worker, earliest first, ties by id
 * (the moment stored on the case, 0035; nrm_case_next_decision_idx): a page of them, whatever page of the cases
 * themselves is shown.
 */
function decisionsDueOn(db: Db, team: TeamIdQuery, page: number) {
  return (
    db
      .selectFrom('nrm_case as c')
      // A left join: a case stays listed should its type's row be gone (its code then stands as its name).
      .leftJoin('nrm_decision_type as ty', 'ty.code', 'c.next_decision_code')
      .select([
        'c.id',
        'c.reference',
        'c.next_decision_due_at as due_at',
        'c.next_decision_code as code',
        'ty.name',
      ])
      .where('c.owner_team_id', '=', team)
      .where('c.status', '<>', CLOSED)
      .where('c.anonymised_at', 'is', null)
      .where('c.next_decision_due_at', 'is not', null)
      .where('c.case_worker_id', 'is', null)
      .orderBy('c.next_decision_due_at')
      .orderBy('c.id')
      .limit(window(page).limit)
      .offset(window(page).offset)
  );
}

function unassignedCount(db: Db, team: TeamIdQuery) {
  return db
    .selectFrom('nrm_case as c')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.owner_team_id', '=', team)
    .where('c.status', '<>', CLOSED)
    .where('c.case_worker_id', 'is', null)
    .where('c.anonymised_at', 'is', null);
}

/**
 * Open tasks (neither done nor cancelled), by due date: those one person owns, or those of a team; only while the
 * case is still that team's (a task of a case transferred away is not the team's work any more), never an
 * anonymised case's.
 */
function openTasks(db: Db, o: { team: TeamIdQuery; ownerUserId?: string; page: number }) {
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
    // Whether the owner is still an active member of the team (a disabled account, one who left the team or a
    // task that came along with a transferred or merged case is not): the team's managers choose another.
    .select(ownerInTeam('task').as('owner_in_team'))
    // Open: neither done nor cancelled (the partial indexes of 0034 say the same).
    .where('t.done_at', 'is', null)
    .where('t.cancelled_at', 'is', null)
    .where('t.team_id', '=', o.team)
    .whereRef('c.owner_team_id', '=', 't.team_id')
    .where('c.anonymised_at', 'is', null);
  if (o.ownerUserId) q = q.where('t.owner_user_id', '=', o.ownerUserId);
  return q
    .orderBy('t.due_on')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(window(o.page).limit)
    .offset(window(o.page).offset);
}

/** Referrals waiting for this team: to answer (pending) or accepted and waiting for their outcome. */
function referralsWaitingOn(db: Db, team: TeamIdQuery, page: number) {
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
    .where('r.to_team_id', '=', team)
    .where((eb) =>
      eb.or([
        // Constants in the text, as CLOSED: the partial index of accepted referrals awaiting their outcome
        // (migration 0028) serves the generic plan.
        eb('r.status', '=', sql.lit('pending')),
        eb.and([eb('r.status', '=', sql.lit('accepted')), eb('r.outcome', 'is', null)]),
      ]),
    )
    .where('c.anonymised_at', 'is', null)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(window(page).limit)
    .offset(window(page).offset);
}

// JSON carries timestamps as ISO strings (dates stay 'YYYY-MM-DD' strings, as the driver gives them elsewhere).
const at = (v: unknown): Date => new Date(v as string);
const atOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : at(v));

interface CaseJson {
  id: string;
  reference: string;
  kind: string;
  status: string;
  urgency: string;
  created_at: string;
  triage_due_at: string | null;
  reflection_ends_on: string | null;
}

function workCase(c: CaseJson) {
  return {
    id: c.id,
    reference: c.reference,
    kind: c.kind,
    status: c.status,
    urgency: c.urgency,
    created_at: at(c.created_at),
    triage_due_at: atOrNull(c.triage_due_at),
    reflection_ends_on: c.reflection_ends_on,
  };
}

export type WorkCase = ReturnType<typeof workCase>;

type DecisionJson = Record<keyof Decision | 'case_id', unknown>;

function decision(d: DecisionJson): Decision & { case_id: string } {
  return {
    id: d.id as string,
    case_id: d.case_id as string,
    type_code: d.type_code as string,
    reconsiders_id: d.reconsiders_id as string | null,
    requested_at: atOrNull(d.requested_at),
    due_at: at(d.due_at),
    outcome: d.outcome as string | null,
    decided_at: atOrNull(d.decided_at),
    decided_by: d.decided_by as string | null,
    decided_team_id: d.decided_team_id as string | null,
  };
}

interface TaskJson {
  id: string;
  case_id: string;
  title_enc: string | null;
  due_on: string;
  owner_user_id: string;
  owner_name: string;
  owner_in_team: boolean;
  reference: string;
}

export type OpenTask = TaskJson;

interface ReferralJson {
  id: string;
  case_id: string;
  kind: string;
  service_type: string | null;
  status: string;
  created_at: string;
  responded_at: string | null;
  reference: string;
  urgency: string;
}

function waitingReferral(r: ReferralJson) {
  return { ...r, created_at: at(r.created_at), responded_at: atOrNull(r.responded_at) };
}

export type WaitingReferral = ReturnType<typeof waitingReferral>;

interface DecisionDueJson {
  id: string;
  reference: string;
  due_at: string;
  code: string;
  name: string | null;
}

export type DecisionDueRow = ReturnType<typeof decisionDue>;

/** A decision due on a case (the stored moment): the case, the type and when. */
function decisionDue(d: DecisionDueJson) {
  return {
    caseId: d.id,
    reference: d.reference,
    type: { code: d.code, name: d.name ?? d.code },
    dueAt: at(d.due_at),
  };
}

/**
 * "Waiting on me": the viewer's team, the open cases they work on (each with its decisions), the decision types,
 * the tasks they own and the referrals waiting on their team; undefined when the viewer is in no team.
 */
export async function workOfMember(db: Db, userId: string, pages: DashboardPages) {
  const team = teamIdOf(db, userId);
  const row = await db
    .selectFrom('nrm_team as t')
    .selectAll('t')
    .select((eb) => [
      jsonArrayFrom(casesOfWorker(db, userId, team, pages.cases)).as('cases'),
      jsonArrayFrom(eb.selectFrom('nrm_decision_type as dt').selectAll('dt').orderBy('dt.position')).as(
        'types',
      ),
      jsonArrayFrom(openTasks(db, { team, ownerUserId: userId, page: pages.tasks })).as('tasks'),
      jsonArrayFrom(referralsWaitingOn(db, team, pages.referrals)).as('referrals'),
    ])
    .where('t.id', '=', team)
    .executeTakeFirst();
  if (!row) return undefined;
  const { cases, types, tasks, referrals, ...teamRow } = row;
  return {
    team: teamRow as TeamRow,
    cases: paged(
      (cases as unknown as (CaseJson & { decisions: DecisionJson[] })[]).map((c) => ({
        ...workCase(c),
        decisions: c.decisions.map(decision),
      })),
      pages.cases,
    ),
    types: types as unknown as DecisionType[],
    tasks: paged(tasks as unknown as OpenTask[], pages.tasks),
    referrals: paged((referrals as unknown as ReferralJson[]).map(waitingReferral), pages.referrals),
  };
}

/**
 * "Waiting on my team": the viewer's team, its open cases without a worker (the first ones and how many), the
 * decisions due on them (a page of all of them), every open task of the team and the referrals waiting on it;
 * undefined when the viewer is in no team.
 */
export async function workOfTeam(db: Db, userId: string, pages: DashboardPages) {
  const team = teamIdOf(db, userId);
  const row = await db
    .selectFrom('nrm_team as t')
    .selectAll('t')
    .select(() => [
      jsonArrayFrom(unassignedCases(db, team, pages.unassigned)).as('unassigned'),
      unassignedCount(db, team).as('unassigned_total'),
      jsonArrayFrom(decisionsDueOn(db, team, pages.decisions)).as('decisions'),
      jsonArrayFrom(openTasks(db, { team, page: pages.tasks })).as('tasks'),
      jsonArrayFrom(referralsWaitingOn(db, team, pages.referrals)).as('referrals'),
    ])
    .where('t.id', '=', team)
    .executeTakeFirst();
  if (!row) return undefined;
  const { unassigned, unassigned_total, decisions, tasks, referrals, ...teamRow } = row;
  return {
    team: teamRow as TeamRow,
    unassigned: paged((unassigned as unknown as CaseJson[]).map(workCase), pages.unassigned),
    unassignedTotal: Number(unassigned_total ?? 0),
    decisions: paged((decisions as unknown as DecisionDueJson[]).map(decisionDue), pages.decisions),
    tasks: paged(tasks as unknown as OpenTask[], pages.tasks),
    referrals: paged((referrals as unknown as ReferralJson[]).map(waitingReferral), pages.referrals),
  };
}
