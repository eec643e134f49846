// Case work on the case page: the case worker (and, for the team's managers, the form that assigns one), the
// case plan (tasks with owner and due date, overdue marked, an owner no longer in the team said in words; per open
// task a button to mark it done and small forms to give it another owner or due date, another title, or to cancel
// it with a reason; a cancelled task says so with its reason and date; a form to add one), and the outcome form of
// a referral a service accepted.
import {
  badge,
  buttonForm,
  hiddenField,
  selectField,
  submitButton,
  textField,
} from '../../../platform/web/components.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import { REFERRAL_OUTCOMES, TASK_CANCEL_REASONS, type CaseWork } from '../casework/service.js';
import { csrf, dateOnly, dateTime, table, type ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

const overdueBadge = (ctx: ViewContext) => badge('danger', ctx.t('referrals.casework.overdue'));

function memberSelect(
  ctx: ViewContext,
  o: { name: string; id: string; members: CaseWork['members']; selected: string },
): SafeHtml {
  return selectField(
    {
      name: o.name,
      id: o.id,
      label: ctx.t(`referrals.field.${o.name}`),
      value: o.selected,
      errors: [],
      choices: [
        { value: '', label: ctx.t('referrals.casework.choose') },
        ...o.members.map((m) => ({ value: m.id, label: m.name })),
      ],
    },
    ctx.t,
  );
}

type Task = CaseWork['tasks'][number];

/** The owner of a task, and in words when they are no longer an active member of the case's team. */
export function ownerCell(ctx: ViewContext, name: string, inTeam: boolean): SafeHtml {
  return inTeam ? html`${name}` : html`${name} ${badge('warning', ctx.t('referrals.casework.ownerLeft'))}`;
}

/**
 * The small form of an open task: its owner (the team's active members; one who left is not offered, so the form
 * asks for a real owner) and its due date, refilled after a refusal; the case version rides along.
 */
function taskChangeForm(
  ctx: ViewContext,
  o: {
    base: string;
    task: Task;
    members: CaseWork['members'];
    version: SafeHtml;
    refill: Refill | undefined;
  },
): SafeHtml {
  const { t } = ctx;
  const form = `tasks/${o.task.id}`;
  const owner = refilled(o.refill, form, 'ownerId', o.task.ownerInTeam ? o.task.ownerId : '');
  return html`<details class="samen-details" ${attrIf(o.refill?.form === form, 'open')}><summary>${t('referrals.casework.changeTask')}</summary>
<form method="post" action="${ctx.href(`${o.base}/${form}`)}">${csrf(ctx)}${o.version}
${selectField(
  {
    name: 'ownerId',
    id: `task-owner-${o.task.id}`,
    label: t('referrals.field.ownerId'),
    value: owner,
    errors: [],
    choices: [
      { value: '', label: t('referrals.casework.choose') },
      ...o.members.map((m) => ({ value: m.id, label: m.name })),
    ],
  },
  t,
)}
${textField(
  {
    name: 'dueOn',
    id: `task-due-${o.task.id}`,
    label: t('referrals.field.dueOn'),
    description: t('referrals.support.dateHint'),
    value: refilled(o.refill, form, 'dueOn', o.task.dueOn),
    errors: [],
    autocomplete: 'off',
    size: 'small',
  },
  t,
)}
${submitButton(t('referrals.casework.changeTaskButton'), { variant: 'secondary' })}</form></details>`;
}

interface TaskForm {
  base: string;
  task: Task;
  version: SafeHtml;
  refill: Refill | undefined;
}

/** The small form that gives an open task another title (its current one filled in, or what was typed). */
function taskRenameForm(ctx: ViewContext, o: TaskForm): SafeHtml {
  const { t } = ctx;
  const form = `tasks/${o.task.id}/title`;
  return html`<details class="samen-details" ${attrIf(o.refill?.form === form, 'open')}><summary>${t('referrals.casework.renameTask')}</summary>
<form method="post" action="${ctx.href(`${o.base}/${form}`)}">${csrf(ctx)}${o.version}
${textField(
  {
    name: 'title',
    id: `task-title-${o.task.id}`,
    label: t('referrals.field.title'),
    value: refilled(o.refill, form, 'title', o.task.title ?? ''),
    errors: [],
    autocomplete: 'off',
  },
  t,
)}
${submitButton(t('referrals.casework.renameTaskButton'), { variant: 'secondary' })}</form></details>`;
}

/** The small form that cancels an open task no longer needed, with a reason from the fixed list. */
function taskCancelForm(ctx: ViewContext, o: TaskForm): SafeHtml {
  const { t } = ctx;
  const form = `tasks/${o.task.id}/cancel`;
  return html`<details class="samen-details" ${attrIf(o.refill?.form === form, 'open')}><summary>${t('referrals.casework.cancelTask')}</summary>
<form method="post" action="${ctx.href(`${o.base}/${form}`)}">${csrf(ctx)}${o.version}
${selectField(
  {
    name: 'cancelReason',
    id: `task-cancel-${o.task.id}`,
    label: t('referrals.field.cancelReason'),
    value: refilled(o.refill, form, 'cancelReason', ''),
    errors: [],
    choices: [
      { value: '', label: t('referrals.casework.chooseReason') },
      ...TASK_CANCEL_REASONS.map((r) => ({ value: r, label: t(`referrals.casework.cancelReason.${r}`) })),
    ],
  },
  t,
)}
${submitButton(t('referrals.casework.cancelTaskButton'), { variant: 'secondary' })}</form></details>`;
}

/** How an ended task ended: done on a day, or cancelled on a day for a reason (never counted as done). */
function endedText(ctx: ViewContext, x: Task): string {
  // 0034 holds a cancelled task's reason with its date (nrm_task_cancelled_when).
  if (x.cancelledAt && x.cancelledReason)
    return ctx.t('referrals.casework.cancelledOn', {
      date: dateTime(x.cancelledAt, ctx.locale),
      reason: ctx.t(`referrals.casework.cancelReason.${x.cancelledReason}`),
    });
  return ctx.t('referrals.casework.doneOn', { date: dateTime(x.doneAt!, ctx.locale) });
}

export function caseWorkSection(
  ctx: ViewContext,
  c: { caseId: string; version: number; work: CaseWork },
  refill: Refill | undefined,
): SafeHtml {
  const { t } = ctx;
  const w = c.work;
  const base = `/nvm/cases/${c.caseId}`;
  const versionOf = (form: string) =>
    hiddenField('version', refill?.form === form && refill.version ? refill.version : String(c.version));
  const ended = (x: Task) => Boolean(x.doneAt || x.cancelledAt);
  const open = w.tasks.filter((x) => !ended(x));
  const done = w.tasks.filter(ended);
  const hidden = t('referrals.hiddenReason');
  const taskRows = [...open, ...done].map((x) => [
    x.title ?? hidden,
    // A done or cancelled task keeps the name of who owned it; only open work needs an owner in the team.
    ended(x) ? x.ownerName : ownerCell(ctx, x.ownerName, x.ownerInTeam),
    html`${x.overdue ? html`${overdueBadge(ctx)} ` : ''}${dateOnly(x.dueOn, ctx.locale)}`,
    ended(x)
      ? endedText(ctx, x)
      : w.manage
        ? html`${buttonForm({
            action: ctx.href(`${base}/tasks/${x.id}/done`),
            csrfToken: ctx.csrfToken,
            label: t('referrals.casework.markDone'),
          })}
${taskChangeForm(ctx, { base, task: x, members: w.members, version: versionOf(`tasks/${x.id}`), refill })}
${taskRenameForm(ctx, { base, task: x, version: versionOf(`tasks/${x.id}/title`), refill })}
${taskCancelForm(ctx, { base, task: x, version: versionOf(`tasks/${x.id}/cancel`), refill })}`
        : t('referrals.casework.open'),
  ]);
  const plan = !w.plan
    ? ''
    : html`<h3 class="utrecht-heading-3">${t('referrals.casework.plan')}</h3>
${
  w.tasks.length
    ? table(
        'tasks-caption',
        t('referrals.casework.planCaption'),
        [
          t('referrals.col.task'),
          t('referrals.col.taskOwner'),
          t('referrals.col.due'),
          t('referrals.col.action'),
        ],
        taskRows,
      )
    : html`<p class="utrecht-paragraph">${t('referrals.casework.noTasks')}</p>`
}`;
  return html`<section class="samen-card" aria-labelledby="h-casework"><h2 class="utrecht-heading-2" id="h-casework">${t('referrals.casework.title')}</h2>
<dl class="samen-dl"><dt>${t('referrals.casework.worker')}</dt><dd>${w.workerName ?? t('referrals.casework.noWorker')}</dd></dl>
${
  w.manage
    ? html`<form method="post" action="${ctx.href(`${base}/case-worker`)}">${csrf(ctx)}${versionOf('case-worker')}
${memberSelect(ctx, { name: 'workerId', id: 'cw-worker', members: w.members, selected: refilled(refill, 'case-worker', 'workerId', w.workerId ?? '') })}
${submitButton(w.workerId ? t('referrals.casework.reassign') : t('referrals.casework.assign'))}</form>`
    : ''
}
${plan}
${
  w.manage
    ? html`<details class="samen-details" ${attrIf(refill?.form === 'tasks', 'open')}><summary>${t('referrals.casework.addTask')}</summary>
<form method="post" action="${ctx.href(`${base}/tasks`)}">${csrf(ctx)}${versionOf('tasks')}
${textField({ name: 'title', id: 'task-title', label: t('referrals.field.title'), value: refilled(refill, 'tasks', 'title', ''), errors: [], autocomplete: 'off' }, t)}
${memberSelect(ctx, { name: 'ownerId', id: 'task-owner', members: w.members, selected: refilled(refill, 'tasks', 'ownerId', w.workerId ?? '') })}
${textField({ name: 'dueOn', id: 'task-due', label: t('referrals.field.dueOn'), description: t('referrals.support.dateHint'), value: refilled(refill, 'tasks', 'dueOn', ''), errors: [], autocomplete: 'off' }, t)}
${submitButton(t('referrals.casework.addTaskButton'))}</form></details>`
    : ''
}
</section>`;
}

/** The referral table's status: an accepted referral says its outcome, or that it still waits for one. */
export function referralStatusText(ctx: ViewContext, x: { status: string; outcome?: string | null }): string {
  const status = ctx.t(`referrals.referralStatus.${x.status}`);
  if (x.status !== 'accepted') return status;
  return x.outcome
    ? `${status}: ${ctx.t(`referrals.outcome.${x.outcome}`)}`
    : `${status}, ${ctx.t('referrals.casework.awaitingOutcome')}`;
}

/** The outcome form of an accepted referral without one (for its receiver or the case's managers). */
export function outcomeForm(ctx: ViewContext, caseId: string, referralId: string): SafeHtml {
  const { t } = ctx;
  return html`<form method="post" action="${ctx.href(`/nvm/cases/${caseId}/referrals/${referralId}/outcome`)}">${csrf(ctx)}${selectField(
    {
      name: 'outcome',
      id: `ro-${referralId}`,
      label: t('referrals.field.referralOutcome'),
      value: '',
      errors: [],
      choices: REFERRAL_OUTCOMES.map((o) => ({ value: o, label: t(`referrals.outcome.${o}`) })),
    },
    t,
  )}${submitButton(t('referrals.casework.closeReferral'), { variant: 'secondary' })}</form>`;
}
