// The dashboards at /nvm/waiting: "waiting on me" (the cases one works on with the next thing due on each, the
// tasks one owns, the referrals one's team must answer or close) and "waiting on my team" (open cases without a
// case worker, the identification decisions due on all of them, earliest first, every open task of the team, the
// same referrals).
// Overdue items are marked in words, not colour.
import { badge, pagination, queryString } from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { DashboardList } from '../casework/dashboard-repository.js';
import type { Waiting } from '../casework/waiting.js';
import type { WaitingReferral } from '../casework/dashboard-repository.js';
import type { DecisionDue, TaskLine } from '../casework/waiting.js';
import { ownerCell } from './casework.js';
import { typeName } from '../identification/words.js';
import { dateOnly, dateTime, sectionNav, statusBadge, table, type ViewContext } from './common.js';

const overdue = (ctx: ViewContext) => html`${badge('danger', ctx.t('referrals.casework.overdue'))} `;

const caseLink = (ctx: ViewContext, id: string, reference: string) =>
  html`<a class="utrecht-link" href="${ctx.href(`/nvm/cases/${id}`)}">${reference}</a>`;

/** A page of a dashboard list: its rows, its number, whether another follows. */
interface ListPage<T> {
  rows: T[];
  page: number;
  hasNext: boolean;
  first: number;
}

/**
 * A list's caption: how many when the list is all on this page, which of them (from, to) when it has more pages,
 * so a page of 25 never claims there are 25.
 */
function caption(ctx: ViewContext, p: ListPage<unknown>, key: string): string {
  if (p.page === 1 && !p.hasNext) return ctx.t(key, { count: p.rows.length });
  return ctx.t(`${key}Part`, { from: p.first, to: p.first + p.rows.length - 1 });
}

/**
 * The previous and next links of one list; the other lists stay at their pages. Nothing when the list has one
 * page.
 */
function pager(ctx: ViewContext, w: Waiting, list: DashboardList, p: ListPage<unknown>): SafeHtml {
  const pages: Partial<Record<DashboardList, number>> =
    w.tab === 'me' && w.team
      ? { cases: w.cases.page, tasks: w.tasks.page, referrals: w.referrals.page }
      : w.tab === 'team' && w.team
        ? {
            unassigned: w.unassigned.page,
            decisions: w.decisions.page,
            tasks: w.tasks.page,
            referrals: w.referrals.page,
          }
        : {};
  const href = (page: number) => {
    const at = { ...pages, [list]: page };
    // Page 1 is the default: left out of the address.
    const params = Object.fromEntries(Object.entries(at).map(([k, v]) => [k, v === 1 ? undefined : v]));
    return ctx.href(`/nvm/waiting${queryString({ tab: w.tab === 'me' ? undefined : w.tab, ...params })}`);
  };
  return pagination(
    { page: p.page, hasNext: p.hasNext, href, label: ctx.t(`referrals.waiting.pages.${list}`) },
    ctx.t,
  );
}

/** What an empty list says: nothing at all on its first page; past its end (an old bookmark), that this page is. */
const none = (ctx: ViewContext, p: ListPage<unknown>, key: string) =>
  html`<p class="utrecht-paragraph">${ctx.t(p.page > 1 ? 'referrals.waiting.pastEnd' : key)}</p>`;

function tabs(ctx: ViewContext, current: string): SafeHtml {
  return html`<nav class="samen-subnav" aria-label="${ctx.t('referrals.waiting.tabs')}"><ul>
${(['me', 'team'] as const).map(
  (tab) =>
    html`<li><a class="utrecht-link" href="${ctx.href(`/nvm/waiting?tab=${tab}`)}" ${tab === current ? html`aria-current="page"` : ''}>${ctx.t(`referrals.waiting.tab.${tab}`)}</a></li>`,
)}
</ul></nav>`;
}

function tasksTable(ctx: ViewContext, page: ListPage<TaskLine>, withOwner: boolean): SafeHtml {
  const { t } = ctx;
  const tasks = page.rows;
  if (!tasks.length) return none(ctx, page, 'referrals.waiting.noTasks');
  return table(
    'waiting-tasks',
    caption(ctx, page, 'referrals.waiting.tasksCaption'),
    [
      t('referrals.col.task'),
      t('referrals.col.reference'),
      ...(withOwner ? [t('referrals.col.taskOwner')] : []),
      t('referrals.col.due'),
    ],
    tasks.map((x) => [
      x.title ?? t('referrals.hiddenReason'),
      caseLink(ctx, x.caseId, x.reference),
      ...(withOwner ? [ownerCell(ctx, x.ownerName, x.ownerInTeam)] : []),
      html`${x.overdue ? overdue(ctx) : ''}${dateOnly(x.dueOn, ctx.locale)}`,
    ]),
  );
}

function referralsTable(ctx: ViewContext, page: ListPage<WaitingReferral>): SafeHtml {
  const { t } = ctx;
  const referrals = page.rows;
  if (!referrals.length) return none(ctx, page, 'referrals.waiting.noReferrals');
  return table(
    'waiting-referrals',
    caption(ctx, page, 'referrals.waiting.referralsCaption'),
    [
      t('referrals.col.reference'),
      t('referrals.col.serviceType'),
      t('referrals.waiting.todo'),
      t('referrals.waiting.since'),
    ],
    referrals.map((r) => [
      caseLink(ctx, r.case_id, r.reference),
      t(`referrals.serviceType.${r.service_type}`),
      t(r.status === 'pending' ? 'referrals.waiting.toAnswer' : 'referrals.waiting.toClose'),
      dateTime(r.status === 'pending' ? r.created_at : (r.responded_at ?? r.created_at), ctx.locale),
    ]),
  );
}

function decisionsTable(ctx: ViewContext, page: ListPage<DecisionDue>): SafeHtml {
  const { t } = ctx;
  if (!page.rows.length) return none(ctx, page, 'referrals.waiting.noDecisionsDue');
  return table(
    'waiting-decisions',
    caption(ctx, page, 'referrals.waiting.decisionsCaption'),
    [t('referrals.col.reference'), t('referrals.waiting.due.decision'), t('referrals.col.due')],
    page.rows.map((d) => [
      caseLink(ctx, d.caseId, d.reference),
      typeName(t, d.type),
      html`${d.overdue ? overdue(ctx) : ''}${dateTime(d.dueAt, ctx.locale)}`,
    ]),
  );
}

export function waitingPage(ctx: ViewContext, w: Waiting): SafeHtml {
  const { t } = ctx;
  const head = html`${sectionNav(ctx, '/nvm/waiting')}
<h1 class="utrecht-heading-1">${t(`referrals.waiting.title.${w.tab}`)}</h1>
${tabs(ctx, w.tab)}`;
  if (!w.team) return html`${head}<p class="utrecht-paragraph">${t('referrals.noTeam')}</p>`;
  const referrals = html`<h2 class="utrecht-heading-2">${t('referrals.waiting.referrals')}</h2>
${referralsTable(ctx, w.referrals)}
${pager(ctx, w, 'referrals', w.referrals)}`;
  if (w.tab === 'me') {
    const cases = w.cases.rows.length
      ? table(
          'waiting-cases',
          caption(ctx, w.cases, 'referrals.waiting.casesCaption'),
          [
            t('referrals.col.reference'),
            t('referrals.col.status'),
            t('referrals.waiting.next'),
            t('referrals.col.due'),
          ],
          w.cases.rows.map((c) => [
            caseLink(ctx, c.id, c.reference),
            statusBadge(c.status, t),
            c.next
              ? c.next.what === 'decision' && c.decisionType
                ? typeName(t, c.decisionType)
                : t(`referrals.waiting.due.${c.next.what}`)
              : t('referrals.waiting.nothingDue'),
            c.next
              ? html`${c.next.overdue ? overdue(ctx) : ''}${c.next.what === 'reflection' ? dateOnly(c.next.at.toISOString().slice(0, 10), ctx.locale) : dateTime(c.next.at, ctx.locale)}`
              : '',
          ]),
        )
      : none(ctx, w.cases, 'referrals.waiting.noCases');
    return html`${head}
<p class="utrecht-paragraph">${t('referrals.waiting.introMe', { team: w.team.name })}</p>
<h2 class="utrecht-heading-2">${t('referrals.waiting.myCases')}</h2>
${cases}
${pager(ctx, w, 'cases', w.cases)}
<h2 class="utrecht-heading-2">${t('referrals.waiting.myTasks')}</h2>
${tasksTable(ctx, w.tasks, false)}
${pager(ctx, w, 'tasks', w.tasks)}
${referrals}`;
  }
  // Open tasks whose owner left the team (or came along with a transferred or merged case): said above the list.
  const ownerless = w.tasks.rows.filter((x) => !x.ownerInTeam).length;
  const unassigned = w.unassigned.rows.length
    ? table(
        'waiting-unassigned',
        t('referrals.waiting.unassignedCaption', { count: w.unassignedTotal }),
        [
          t('referrals.col.reference'),
          t('referrals.col.status'),
          t('referrals.col.urgency'),
          t('referrals.waiting.since'),
        ],
        w.unassigned.rows.map((c) => [
          caseLink(ctx, c.id, c.reference),
          statusBadge(c.status, t),
          t(`referrals.urgency.${c.urgency}`),
          dateTime(c.created_at, ctx.locale),
        ]),
      )
    : none(ctx, w.unassigned, 'referrals.waiting.noUnassigned');
  return html`${head}
<p class="utrecht-paragraph">${t('referrals.waiting.introTeam', { team: w.team.name })}</p>
<h2 class="utrecht-heading-2">${t('referrals.waiting.unassigned')}</h2>
${unassigned}
${pager(ctx, w, 'unassigned', w.unassigned)}
<h2 class="utrecht-heading-2">${t('referrals.waiting.decisionsDue')}</h2>
${decisionsTable(ctx, w.decisions)}
${pager(ctx, w, 'decisions', w.decisions)}
<h2 class="utrecht-heading-2">${t('referrals.waiting.teamTasks')}</h2>
${ownerless ? html`<p class="utrecht-paragraph">${t('referrals.waiting.ownerLeft', { count: ownerless })}</p>` : ''}
${tasksTable(ctx, w.tasks, true)}
${pager(ctx, w, 'tasks', w.tasks)}
${referrals}`;
}
