// The mirror group's roster page and a meeting's page (issue 21 point 3): the members by pseudonym with the days
// they joined and left, the size against the letter's 6–8, every quarter with its meetings (a quarter without one
// flagged), attendance per meeting, and each record's history. The coordinator's forms open with the stored
// values and, after a refusal, with what was typed.
import { amsterdamDate } from '../../../platform/time/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { Revision } from '../revisions.js';
import type { RosterMeeting, RosterMember } from '../pool/roster-repository.js';
import { GROUP_SIZE, memberOn, type RosterStatus } from '../pool/roster.js';
import { type PageContext } from './page-context.js';
import {
  csrfField,
  hiddenField,
  notice,
  submitButton,
  table,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { formatDate } from './format.js';
import { boxes, errs, idOf, sent, shown, summary, type PoolForm } from './pool-forms.js';

const label = (ctx: PageContext) => (field: string) => ctx.t(`monitor.mirror.field.${field}`);

function revisions(ctx: PageContext, list: Revision[]): SafeHtml {
  const { t, locale } = ctx;
  const value = (v: unknown) =>
    v === null || v === '' ? '—' : Array.isArray(v) ? String(v.length) : String(v);
  return html`<ol class="utrecht-ordered-list">${list.map(
    (r) =>
      html`<li>${formatDate(amsterdamDate(r.changedAt), locale)}: ${t(`monitor.history.${r.kind}`, { version: r.version })}${r.reason ? ` — ${r.reason}` : ''}${r.fields.map((f) => html` · ${t(`monitor.mirror.field.${f}`)}: ${t('monitor.history.was', { value: value(r.previous[f]) })}`)}</li>`,
  )}</ol>`;
}

export function rosterPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    nav: SafeHtml;
    members: RosterMember[];
    meetings: RosterMeeting[];
    status: RosterStatus;
    form: PoolForm;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const f = o.form;
  const s = o.status;
  const name = (id: string) => o.members.find((m) => m.id === id)?.pseudonym ?? '?';
  return html`<h1 class="utrecht-heading-1">${t('monitor.roster.title')}</h1>
${summary(ctx, f, label(ctx))}
${o.nav}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.roster.intro', { min: GROUP_SIZE.min, max: GROUP_SIZE.max })}</p>
<p class="monitor-change"><strong>${t('monitor.roster.size', { count: s.current.length })}${s.size ? ` ${t(`monitor.roster.size.${s.size}`, { min: GROUP_SIZE.min, max: GROUP_SIZE.max })}` : ''}</strong></p>
${table({
  id: 'members',
  caption: t('monitor.roster.membersCaption'),
  head: [
    t('monitor.mirror.field.pseudonym'),
    t('monitor.mirror.field.joined_on'),
    t('monitor.mirror.field.left_on'),
    t('monitor.roster.attendedCount'),
  ],
  rows: o.members.map((m) => ({
    head: m.pseudonym,
    cells: [
      formatDate(m.joinedOn, locale),
      m.leftOn ? formatDate(m.leftOn, locale) : '—',
      String(o.meetings.filter((x) => x.withdrawnAt === null && x.attended.includes(m.id)).length),
    ],
  })),
})}
<h2 class="utrecht-heading-2" id="quarters">${t('monitor.roster.quartersTitle')}</h2>
${
  s.missed.length
    ? html`<p class="monitor-change"><strong>${t('monitor.roster.missed', { quarters: s.missed.join(', ') })}</strong></p>`
    : html`<p class="utrecht-paragraph">${t('monitor.roster.noneMissed')}</p>`
}
${s.currentWithout ? html`<p class="utrecht-paragraph">${t('monitor.roster.currentWithout')}</p>` : ''}
${table({
  id: 'quarters-table',
  caption: t('monitor.roster.quartersCaption'),
  head: [t('monitor.roster.quarter'), t('monitor.roster.meetings')],
  rows: s.quarters.map((q) => ({
    head: q.quarter,
    cells: [
      q.meetings === 0 ? html`<strong>0 (${t('monitor.roster.noMeeting')})</strong>` : String(q.meetings),
    ],
  })),
})}
<h2 class="utrecht-heading-2" id="attendance">${t('monitor.roster.attendanceTitle')}</h2>
${table({
  id: 'attendance-table',
  caption: t('monitor.roster.attendanceCaption'),
  head: [
    t('monitor.mirror.field.held_on'),
    t('monitor.mirror.field.participants'),
    t('monitor.roster.present'),
  ],
  rows: o.meetings.map((m) => ({
    head: html`<a class="utrecht-link" href="${ctx.href(`/monitor/mirror/meetings/${m.id}`)}">${formatDate(m.heldOn, locale)}</a>`,
    cells: m.withdrawnAt
      ? [html`<s>${String(m.participants)}</s>`, t('monitor.roster.withdrawn', { reason: m.withdrawnReason })]
      : [String(m.participants), m.attended.map(name).sort().join(', ') || t('monitor.roster.notRecorded')],
  })),
})}
${o.coordinator ? memberForms(ctx, o.members, f) : ''}`;
}

function memberForms(ctx: PageContext, members: RosterMember[], f: PoolForm): SafeHtml {
  const { t } = ctx;
  const l = label(ctx);
  return html`<h2 class="utrecht-heading-2" id="new-member">${t('monitor.roster.newMember')}</h2>
<form method="post" action="${ctx.href('/monitor/mirror/members')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'pseudonym', label: l('pseudonym'), description: t('monitor.roster.pseudonymHelp'), value: shown(f, 'member', 'pseudonym'), errors: errs(ctx, f, 'member', 'pseudonym'), required: true }, ctx.t)}
${textField({ name: 'joined_on', type: 'date', label: l('joined_on'), value: shown(f, 'member', 'joined_on'), errors: errs(ctx, f, 'member', 'joined_on'), required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.roster.addMember'))}</p>
</form>
${members.map((m) => {
  const edit = (field: string, stored: string) => ({
    name: field,
    id: idOf(field, m.id),
    label: l(field),
    value: shown(f, 'memberEdit', field, stored, m.id),
    errors: errs(ctx, f, 'memberEdit', field, m.id),
  });
  return html`<h3 class="utrecht-heading-3" id="member-${m.id}">${t('monitor.roster.editMember', { pseudonym: m.pseudonym })}</h3>
<form method="post" action="${ctx.href(`/monitor/mirror/members/${m.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', sent(f, 'memberEdit', m.id) && !f.conflict ? shown(f, 'memberEdit', 'version', '', m.id) : String(m.version))}
${textField(edit('pseudonym', m.pseudonym), ctx.t)}
${textField({ ...edit('joined_on', m.joinedOn), type: 'date' }, ctx.t)}
${textField({ ...edit('left_on', m.leftOn ?? ''), type: 'date', description: t('monitor.roster.leftHelp') }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.roster.saveMember'), { variant: 'secondary' })}</p>
</form>`;
})}`;
}

export function meetingPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    nav: SafeHtml;
    meeting: RosterMeeting;
    members: RosterMember[];
    history: Revision[];
    form: PoolForm;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const f = o.form;
  const m = o.meeting;
  const l = label(ctx);
  const eligible = o.members.filter((x) => memberOn(x, m.heldOn) || m.attended.includes(x.id));
  const ticked = sent(f, 'meetingEdit') ? ([] as string[]).concat(f.values.attended ?? []) : m.attended;
  const pseudonyms = new Map(o.members.map((x) => [x.id, x.pseudonym]));
  return html`<h1 class="utrecht-heading-1">${t('monitor.mirror.meeting', { date: formatDate(m.heldOn, locale) })}</h1>
${summary(ctx, f, l)}
${o.nav}
${f.notice ? notice(f.notice) : ''}
${m.withdrawnAt ? html`<p class="monitor-change"><strong>${t('monitor.roster.withdrawn', { reason: m.withdrawnReason })}</strong></p>` : ''}
<p class="utrecht-paragraph">${t('monitor.mirror.participants', { count: m.participants })} ${m.attended
    .map((id) => pseudonyms.get(id) ?? '?')
    .sort()
    .join(', ')}</p>
${m.topics ? html`<p class="utrecht-paragraph">${m.topics}</p>` : ''}
${
  o.coordinator && !m.withdrawnAt
    ? html`<h2 class="utrecht-heading-2">${t('monitor.roster.editMeeting')}</h2>
<form method="post" action="${ctx.href(`/monitor/mirror/meetings/${m.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', sent(f, 'meetingEdit') && !f.conflict ? shown(f, 'meetingEdit', 'version') : String(m.version))}
${textField({ name: 'held_on', type: 'date', label: l('held_on'), value: shown(f, 'meetingEdit', 'held_on', m.heldOn), errors: errs(ctx, f, 'meetingEdit', 'held_on'), required: true }, ctx.t)}
${attendedBoxes(ctx, eligible, ticked, errs(ctx, f, 'meetingEdit', 'attended'), l('attended'))}
${textField({ name: 'participants', label: l('participants'), description: t('monitor.roster.participantsHelp'), inputmode: 'numeric', value: shown(f, 'meetingEdit', 'participants', String(m.participants)), errors: errs(ctx, f, 'meetingEdit', 'participants') }, ctx.t)}
${textareaField({ name: 'topics', label: l('topics'), value: shown(f, 'meetingEdit', 'topics', m.topics), errors: errs(ctx, f, 'meetingEdit', 'topics'), rows: 3 }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.roster.saveMeeting'))}</p>
</form>
<h2 class="utrecht-heading-2">${t('monitor.roster.withdrawMeeting')}</h2>
<form method="post" action="${ctx.href(`/monitor/mirror/meetings/${m.id}/withdraw`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', m.version)}
${textareaField({ name: 'reason', label: l('reason'), value: shown(f, 'meetingWithdraw', 'reason'), errors: errs(ctx, f, 'meetingWithdraw', 'reason'), rows: 2, required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.roster.withdrawSubmit'), { variant: 'secondary' })}</p>
</form>`
    : ''
}
<h2 class="utrecht-heading-2" id="history">${t('monitor.history.title')}</h2>
${o.history.length ? revisions(ctx, o.history) : html`<p class="utrecht-paragraph">${t('monitor.history.none')}</p>`}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/monitor/mirror/roster')}">${t('monitor.roster.back')}</a></p>`;
}

/** Who attended: a box per member of the group on the meeting's day (and anyone recorded already). */
function attendedBoxes(
  ctx: PageContext,
  members: RosterMember[],
  ticked: string[],
  errors: string[],
  legend: string,
): SafeHtml {
  return boxes(
    'attended',
    legend,
    members.map((m) => ({ value: m.id, label: m.pseudonym })),
    ticked,
    errors,
    members.length === 0 ? ctx.t('monitor.roster.noMembers') : undefined,
  );
}
