// The mirror group's page: its meetings with their advice and what was done with each. Every form opens with the
// stored values and, after a refusal, with what was typed (issue 21 point 4: a refused follow-up no longer turns
// "not adopted" into "adopted").
import {
  csrfField,
  notice,
  selectField,
  submitButton,
  textField,
  textareaField,
} from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { ADVICE_STATUSES, type MirrorMeeting } from '../pool/types.js';
import type { ActionLine } from '../types.js';
import { lineHeading } from './annex.js';
import { type PageContext } from './page-context.js';
import { formatDate } from './format.js';
import { errs, idOf, shown, summary, type PoolForm } from './pool-forms.js';

export function mirrorPage(
  ctx: PageContext,
  o: {
    coordinator: boolean;
    team: boolean;
    meetings: MirrorMeeting[];
    lines: ActionLine[];
    nav: SafeHtml;
    form: PoolForm;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const f = o.form;
  const label = (field: string) => t(`monitor.mirror.field.${field}`);
  const lineName = (id: string | null) => {
    const line = o.lines.find((l) => l.id === id);
    return line ? lineHeading(t, line) : t('monitor.mirror.general');
  };
  return html`<h1 class="utrecht-heading-1">${t('monitor.mirror.title')}</h1>
${summary(ctx, f, label)}
${o.nav}
${f.notice ? notice(f.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.mirror.intro')}</p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/monitor/mirror/roster')}">${t('monitor.roster.link')}</a></p>
${o.meetings.length === 0 ? html`<p class="utrecht-paragraph">${t('monitor.mirror.none')}</p>` : ''}
${o.meetings.map(
  (m) => html`<section aria-labelledby="meeting-${m.id}">
<h2 class="utrecht-heading-2" id="meeting-${m.id}">${t('monitor.mirror.meeting', { date: formatDate(m.heldOn, locale) })}</h2>
<p class="utrecht-paragraph">${t('monitor.mirror.participants', { count: m.participants })}${m.topics ? ` ${m.topics}` : ''} <a class="utrecht-link" href="${ctx.href(`/monitor/mirror/meetings/${m.id}`)}">${t('monitor.roster.meetingLink')}</a></p>
${m.advice.map(
  (a) => html`<div class="samen-card">
<p class="utrecht-paragraph"><strong>${a.solicited ? t('monitor.mirror.solicited') : t('monitor.mirror.unsolicited')} · ${lineName(a.lineId)}</strong></p>
<p class="utrecht-paragraph">${a.summary}</p>
<p class="utrecht-paragraph">${t('monitor.mirror.responseLabel')}: ${t(`monitor.mirror.status.${a.responseStatus}`)}${a.response ? ` — ${a.response}` : ''}${a.respondedOn ? ` (${formatDate(a.respondedOn, locale)})` : ''}</p>
${
  o.team
    ? html`<form method="post" action="${ctx.href(`/monitor/mirror/advice/${a.id}/respond`)}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'response_status', id: idOf('response_status', a.id), label: label('response_status'), value: shown(f, 'respond', 'response_status', a.responseStatus === 'open' ? '' : a.responseStatus, a.id), errors: errs(ctx, f, 'respond', 'response_status', a.id), choices: [{ value: '', label: t('monitor.mirror.choose') }, ...ADVICE_STATUSES.filter((s) => s !== 'open').map((s) => ({ value: s, label: t(`monitor.mirror.status.${s}`) }))] }, ctx.t)}
${textareaField({ name: 'response', id: idOf('response', a.id), label: label('response'), value: shown(f, 'respond', 'response', a.response, a.id), errors: errs(ctx, f, 'respond', 'response', a.id), rows: 3 }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.mirror.submitResponse'), { variant: 'secondary' })}</p>
</form>`
    : ''
}
</div>`,
)}
${
  o.coordinator
    ? html`<form method="post" action="${ctx.href(`/monitor/mirror/meetings/${m.id}/advice`)}" novalidate>
${csrfField(ctx.csrfToken)}
${textareaField({ name: 'summary', id: idOf('summary', m.id), label: label('summary'), value: shown(f, 'advice', 'summary', '', m.id), errors: errs(ctx, f, 'advice', 'summary', m.id), rows: 3 }, ctx.t)}
${selectField({ name: 'line_id', id: idOf('line_id', m.id), label: label('line_id'), value: shown(f, 'advice', 'line_id', '', m.id), errors: errs(ctx, f, 'advice', 'line_id', m.id), choices: [{ value: '', label: t('monitor.mirror.general') }, ...o.lines.map((l) => ({ value: l.id, label: lineHeading(t, l) }))] }, ctx.t)}
${selectField(
  {
    name: 'solicited',
    id: idOf('solicited', m.id),
    label: label('solicited'),
    value: shown(f, 'advice', 'solicited', 'yes', m.id),
    errors: [],
    choices: [
      { value: 'yes', label: t('monitor.mirror.solicited') },
      { value: 'no', label: t('monitor.mirror.unsolicited') },
    ],
  },
  ctx.t,
)}
<p class="samen-actions">${submitButton(t('monitor.mirror.submitAdvice'), { variant: 'secondary' })}</p>
</form>`
    : ''
}
</section>`,
)}
${
  o.coordinator
    ? html`<h2 class="utrecht-heading-2">${t('monitor.mirror.newMeeting')}</h2>
<form method="post" action="${ctx.href('/monitor/mirror/meetings')}" novalidate>
${csrfField(ctx.csrfToken)}
${textField({ name: 'held_on', type: 'date', label: label('held_on'), value: shown(f, 'meeting', 'held_on'), errors: errs(ctx, f, 'meeting', 'held_on'), required: true }, ctx.t)}
${textField({ name: 'participants', label: label('participants'), description: t('monitor.mirror.participantsHelp'), inputmode: 'numeric', value: shown(f, 'meeting', 'participants'), errors: errs(ctx, f, 'meeting', 'participants'), required: true }, ctx.t)}
${textareaField({ name: 'topics', label: label('topics'), value: shown(f, 'meeting', 'topics'), errors: errs(ctx, f, 'meeting', 'topics'), rows: 3 }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.mirror.submitMeeting'))}</p>
</form>`
    : ''
}`;
}
