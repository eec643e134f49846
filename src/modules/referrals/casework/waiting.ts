// The dashboards (issue 20, point 3): "waiting on me" gathers what waits on the signed-in person (the open cases
// they work on, each with the next thing due on it: triage, an identification decision, the end of the
// reflection period; the tasks they own, by due date, overdue marked; the referrals their team must answer or
// close with an outcome); "waiting on my team" what waits on the team (open cases nobody works on, every open task
// of the team's cases, the identification decisions due on all the cases nobody works on, paged by their stored
// due moment, the referrals). A list appearance is audited with the case references, like the queue.
import { ValidationFailed } from '../../../platform/errors.js';
import type { CaseCore, User } from '../core/context.js';
import { dueDecisions, isOverdue, type Decision, type DecisionType } from '../identification/steps.js';
import { localDate } from '../model.js';
import {
  DASHBOARD_LISTS,
  workOfMember,
  workOfTeam,
  type DashboardPages,
  type DecisionDueRow,
  type OpenTask,
  type WorkCase,
} from './dashboard-repository.js';

export const WAITING_TABS = ['me', 'team'] as const;
export type WaitingTab = (typeof WAITING_TABS)[number];

/** Roles that may read a task's title: the owning team's managers, who see the person (access.ts). */
const TITLE_READERS: readonly string[] = ['nrm_coordinator', 'nrm_regional_lead', 'nrm_national'];

/** The next thing due on a case: what it is and by when. */
export interface NextDue {
  what: 'triage' | 'decision' | 'reflection';
  /** The decision type's code when `what` is a decision. */
  decision?: string;
  at: Date;
  overdue: boolean;
}

/**
 * The earliest of the case's deadlines: triage (a received signal), the next decision, the reflection period (a
 * day: overdue from the day after it ends, in Amsterdam; sorted as its last moment).
 */
export function nextDue(
  c: WorkCase,
  decision: { code: string; dueAt: Date } | undefined,
  now: Date,
): NextDue | null {
  const candidates: NextDue[] = [];
  const past = (at: Date) => at.getTime() < now.getTime();
  if (c.status === 'received' && c.triage_due_at)
    candidates.push({ what: 'triage', at: c.triage_due_at, overdue: past(c.triage_due_at) });
  if (decision)
    candidates.push({
      what: 'decision',
      decision: decision.code,
      at: decision.dueAt,
      overdue: past(decision.dueAt),
    });
  if (c.reflection_ends_on)
    candidates.push({
      what: 'reflection',
      at: new Date(`${c.reflection_ends_on}T23:59:59Z`),
      overdue: c.reflection_ends_on < localDate(now),
    });
  return candidates.sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
}

/** The cases one works on, each with the next thing due on it, the earliest first. */
function myCases(
  cases: (WorkCase & { decisions: (Decision & { case_id: string })[] })[],
  types: DecisionType[],
  now: Date,
) {
  return cases
    .map(({ decisions, ...c }) => {
      const due = c.kind === 'signal' ? dueDecisions(types, decisions, c.created_at)[0] : undefined;
      return {
        ...c,
        next: nextDue(c, due ? { code: due.type.code, dueAt: due.dueAt } : undefined, now),
        decisionType: due ? { code: due.type.code, name: due.type.name } : undefined,
      };
    })
    .sort(
      (a, b) =>
        (a.next?.at.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.next?.at.getTime() ?? Number.MAX_SAFE_INTEGER),
    );
}

export type MyCase = Awaited<ReturnType<typeof myCases>>[number];

/**
 * The identification decisions due on the team's cases without a case worker (a page of all of them, earliest
 * first, as stored on the cases: identification/next-due-repository.ts), overdue marked on the app's clock.
 */
function decisionLines(rows: DecisionDueRow[], now: Date) {
  return rows.map((d) => ({ ...d, overdue: isOverdue(d, now) }));
}

export type DecisionDue = ReturnType<typeof decisionLines>[number];

function taskLines(core: CaseCore, tasks: OpenTask[], role: string, today: string) {
  return tasks.map((t) => ({
    id: t.id,
    caseId: t.case_id,
    reference: t.reference,
    title: TITLE_READERS.includes(role) ? core.sealed.open('nrm_task', 'title_enc', t.id, t.title_enc) : null,
    ownerName: t.owner_name,
    ownerInTeam: Boolean(t.owner_in_team),
    dueOn: t.due_on,
    overdue: t.due_on < today,
  }));
}

export type TaskLine = ReturnType<typeof taskLines>[number];

/** The highest page number a list takes (a bookmark to a page far beyond the end shows an empty page). */
const MAX_PAGE = 10_000;

/** Each list's page from the query (`?tasks=2`): a whole number from 1; a bad one is a 400 naming the list. */
function pagesOf(query: Partial<Record<string, string>>): DashboardPages {
  const problems: { field: string; key: string }[] = [];
  const pages = Object.fromEntries(
    DASHBOARD_LISTS.map((list) => {
      const given = query[list];
      if (given === undefined || given === '') return [list, 1];
      const page = /^[0-9]{1,5}$/.test(given) ? Number(given) : NaN;
      if (!(page >= 1 && page <= MAX_PAGE))
        problems.push({ field: list, key: 'referrals.waiting.errors.page' });
      return [list, page];
    }),
  ) as DashboardPages;
  if (problems.length) throw new ValidationFailed(problems);
  return pages;
}

/** A page of a list with its lines made from its rows. */
function mapPage<T, U>(
  p: { rows: T[]; page: number; hasNext: boolean; first: number },
  lines: (rows: T[]) => U[],
) {
  return { rows: lines(p.rows), page: p.page, hasNext: p.hasNext, first: p.first };
}

export function createWaitingService(core: CaseCore) {
  return {
    /**
     * What waits on the signed-in person (`me`) or their team (`team`), each list at its page (`query`: `cases`,
     * `tasks`, `referrals`, `unassigned`, `decisions`); audited with the references shown.
     */
    async waiting(user: User, tab: string, query: Partial<Record<string, string>> = {}) {
      if (!(WAITING_TABS as readonly string[]).includes(tab))
        throw new ValidationFailed([{ field: 'tab', key: 'referrals.errors.choose' }]);
      const pages = pagesOf(query);
      // One round trip for the whole dashboard (dashboard-repository.ts), the viewer's team looked up in it.
      const now = core.clock();
      const today = localDate(now);
      let result;
      if (tab === 'me') {
        const work = await workOfMember(core.db, user.id, pages);
        if (!work) return { tab: tab as WaitingTab, team: undefined };
        result = {
          tab: 'me' as const,
          team: work.team,
          // The page's cases (the most urgent first, as the list pages), each with the next thing due on it,
          // earliest first within the page.
          cases: mapPage(work.cases, (rows) => myCases(rows, work.types, now)),
          tasks: mapPage(work.tasks, (rows) => taskLines(core, rows, user.role, today)),
          referrals: work.referrals,
        };
      } else {
        const work = await workOfTeam(core.db, user.id, pages);
        if (!work) return { tab: tab as WaitingTab, team: undefined };
        result = {
          tab: 'team' as const,
          team: work.team,
          unassigned: work.unassigned,
          unassignedTotal: work.unassignedTotal,
          decisions: mapPage(work.decisions, (rows) => decisionLines(rows, now)),
          tasks: mapPage(work.tasks, (rows) => taskLines(core, rows, user.role, today)),
          referrals: work.referrals,
        };
      }
      const shown = new Set<string>([
        ...('cases' in result ? result.cases : result.unassigned).rows.map((c) => c.reference),
        ...('decisions' in result ? result.decisions.rows.map((d) => d.reference) : []),
        ...result.tasks.rows.map((t) => t.reference),
        ...result.referrals.rows.map((r) => r.reference),
      ]);
      await core.audit.record({
        actorUserId: user.id,
        action: 'nrm.waiting.read',
        entityType: 'nrm_team',
        entityId: result.team.id,
        // The pages beyond the first, as `list:page` ("tasks:2"): which part of each list was shown.
        detail: {
          tab,
          pages: Object.entries(pages)
            .filter(([, page]) => page > 1)
            .map(([list, page]) => `${list}:${page}`),
          cases: [...shown],
        },
      });
      return result;
    },
  };
}

export type Waiting = Awaited<ReturnType<ReturnType<typeof createWaitingService>['waiting']>>;
