// The dashboards at /nvm/waiting: "waiting on me" (the cases one works on with the next thing due on each, the
// tasks one owns, the referrals one's team must answer or close) and "waiting on my team" (open cases without a
// case worker, the identification decisions due on them, every open task of the team, the same referrals).
// Overdue items are marked in words, not colour.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { badge } from '../../../platform/web/components.js';
import type { Waiting } from '../casework/waiting.js';
import type { WaitingReferral } from '../casework/dashboard-repository.js';
import type { DecisionDue, TaskLine } from '../casework/waiting.js';
import { typeName } from '../identification/words.js';
import { dateOnly, dateTime, sectionNav, statusBadge, table, type ViewContext } from './common.js';

const overdue = (ctx: ViewContext) => html`${badge('danger', ctx.t('referrals.casework.overdue'))} `;

const caseLink = (ctx: ViewContext, id: string, reference: string) =>
  html`<a class="utrecht-link" href="${ctx.href(`/nvm/cases/${id}`)}">${reference}</a>`;

function tabs(ctx: ViewContext, current: string): SafeHtml {
  return html`<nav class="samen-subnav" aria-label="${ctx.t('referrals.waiting.tabs')}"><ul>
${(['me', 'team'] as const).map(
  (tab) =>
    html`<li><a class="utrecht-link" href="${ctx.href(`/nvm/waiting?tab=${tab}`)}" ${tab === current ? html`aria-current="page"` : ''}>${ctx.t(`referrals.waiting.tab.${tab}`)}</a></li>`,
)}
</ul></nav>`;
}

function tasksTable(ctx: ViewContext, tasks: TaskLine[], withOwner: boolean): SafeHtml {
  const { t } = ctx;
  if (!tasks.length) return html`<p class="utrecht-paragraph">${t('referrals.waiting.noTasks')}</p>`;
  return table(
    'waiting-tasks',
    t('referrals.waiting.tasksCaption', { count: tasks.length }),
    [
      t('referrals.col.task'),
      t('referrals.col.reference'),
      ...(withOwner ? [t('referrals.col.taskOwner')] : []),
      t('referrals.col.due'),
    ],
    tasks.map((x) => [
      x.title ?? t('referrals.hiddenReason'),
      caseLink(ctx, x.caseId, x.reference),
      ...(withOwner ? [x.ownerName] : []),
      html`${x.overdue ? overdue(ctx) : ''}${dateOnly(x.dueOn, ctx.locale)}`,
    ]),
  );
}

function referralsTable(ctx: ViewContext, referrals: WaitingReferral[]): SafeHtml {
  const { t } = ctx;
  if (!referrals.length) return html`<p class="utrecht-paragraph">${t('referrals.waiting.noReferrals')}</p>`;
  return table(
    'waiting-referrals',
    t('referrals.waiting.referralsCaption', { count: referrals.length }),
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

function decisionsTable(ctx: ViewContext, due: DecisionDue[]): SafeHtml {
  const { t } = ctx;
  if (!due.length) return html`<p class="utrecht-paragraph">${t('referrals.waiting.noDecisionsDue')}</p>`;
  return table(
    'waiting-decisions',
    t('referrals.waiting.decisionsCaption'),
    [t('referrals.col.reference'), t('referrals.waiting.due.decision'), t('referrals.col.due')],
    due.map((d) => [
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
${referralsTable(ctx, w.referrals)}`;
  if (w.tab === 'me') {
    const cases = w.cases.length
      ? table(
          'waiting-cases',
          t('referrals.waiting.casesCaption', { count: w.cases.length }),
          [
            t('referrals.col.reference'),
            t('referrals.col.status'),
            t('referrals.waiting.next'),
            t('referrals.col.due'),
          ],
          w.cases.map((c) => [
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
      : html`<p class="utrecht-paragraph">${t('referrals.waiting.noCases')}</p>`;
    return html`${head}
<p class="utrecht-paragraph">${t('referrals.waiting.introMe', { team: w.team.name })}</p>
<h2 class="utrecht-heading-2">${t('referrals.waiting.myCases')}</h2>
${cases}
<h2 class="utrecht-heading-2">${t('referrals.waiting.myTasks')}</h2>
${tasksTable(ctx, w.tasks, false)}
${referrals}`;
  }
  const unassigned = w.unassigned.length
    ? table(
        'waiting-unassigned',
        t('referrals.waiting.unassignedCaption', { count: w.unassignedTotal }),
        [
          t('referrals.col.reference'),
          t('referrals.col.status'),
          t('referrals.col.urgency'),
          t('referrals.waiting.since'),
        ],
        w.unassigned.map((c) => [
          caseLink(ctx, c.id, c.reference),
          statusBadge(c.status, t),
          t(`referrals.urgency.${c.urgency}`),
          dateTime(c.created_at, ctx.locale),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.waiting.noUnassigned')}</p>`;
  return html`${head}
<p class="utrecht-paragraph">${t('referrals.waiting.introTeam', { team: w.team.name })}</p>
<h2 class="utrecht-heading-2">${t('referrals.waiting.unassigned')}</h2>
${unassigned}
<h2 class="utrecht-heading-2">${t('referrals.waiting.decisionsDue')}</h2>
${decisionsTable(ctx, w.decisionsDue)}
<h2 class="utrecht-heading-2">${t('referrals.waiting.teamTasks')}</h2>
${tasksTable(ctx, w.tasks, true)}
${referrals}`;
}
