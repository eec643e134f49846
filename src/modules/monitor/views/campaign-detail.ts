// One campaign (issue 21 point 3): what is registered, the team's correction form opened with the stored values
// (and after a refusal with what was typed), withdrawing with a reason or putting it back, and its history: every
// correction with the fields it changed and the values they had before.
import { amsterdamDate } from '../../../platform/time/index.js';
import {
  checkboxField,
  csrfField,
  hiddenField,
  notice,
  submitButton,
  textField,
  textareaField,
} from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { CAMPAIGN_AUDIENCES, CAMPAIGN_FORMS, isMeasured, type Campaign } from '../inventory/campaigns.js';
import type { Revision } from '../revisions.js';
import { type PageContext } from './page-context.js';
import { formatDate, formatNumber } from './format.js';
import { checks, errs, sent, shown, summary, type PoolForm, type PoolFormName } from './pool-forms.js';

export const campaignPeriod = (c: Pick<Campaign, 'startYear' | 'endYear'>) =>
  c.endYear === null
    ? `${c.startYear}–`
    : c.endYear === c.startYear
      ? String(c.startYear)
      : `${c.startYear}–${c.endYear}`;

/** The stored value of a form field (CSV column names). */
function stored(c: Campaign): Record<string, string | string[]> {
  return {
    name: c.name,
    organisation: c.organisation,
    start_year: String(c.startYear),
    end_year: c.endYear === null ? '' : String(c.endYear),
    forms: c.forms,
    audiences: c.audiences,
    sectors: c.sectors.join('; '),
    languages: c.languages.join('; '),
    channels: c.channels.join('; '),
    reach: c.reach === null ? '' : String(c.reach),
    impact_indicator: c.impactIndicator,
    impact_baseline: c.impactBaseline,
    impact_result: c.impactResult,
    impact_method: c.impactMethod,
    impact_source: c.impactSource,
    source: c.source,
  };
}

/** The input names of a campaign's fields, by the domain's names (the history speaks of the form's labels). */
const FIELD_OF: Record<string, string> = {
  startYear: 'start_year',
  endYear: 'end_year',
  impactIndicator: 'impact_indicator',
  impactBaseline: 'impact_baseline',
  impactResult: 'impact_result',
  impactMethod: 'impact_method',
  impactSource: 'impact_source',
};
const fieldName = (k: string) => FIELD_OF[k] ?? k;

function history(ctx: PageContext, revisions: Revision[]): SafeHtml {
  const { t, locale } = ctx;
  const shownValue = (v: unknown) =>
    v === null || v === '' ? '—' : Array.isArray(v) ? v.join(', ') || '—' : String(v);
  return html`<h2 class="utrecht-heading-2" id="history">${t('monitor.history.title')}</h2>
${revisions.length === 0 ? html`<p class="utrecht-paragraph">${t('monitor.history.none')}</p>` : ''}
<ol class="utrecht-ordered-list">${revisions.map(
    (
      r,
    ) => html`<li>${formatDate(amsterdamDate(r.changedAt), locale)}: ${t(`monitor.history.${r.kind}`, { version: r.version })}${r.reason ? ` — ${r.reason}` : ''}
${
  r.fields.length
    ? html`<ul class="utrecht-unordered-list">${r.fields.map(
        (f) =>
          html`<li>${t(`monitor.campaign.field.${fieldName(f)}`)}: ${t('monitor.history.was', { value: shownValue(r.previous[f]) })}</li>`,
      )}</ul>`
    : ''
}</li>`,
  )}</ol>`;
}

export function campaignDetailPage(
  ctx: PageContext,
  o: { team: boolean; nav: SafeHtml; campaign: Campaign; history: Revision[]; form: PoolForm },
): SafeHtml {
  const { t, locale } = ctx;
  const c = o.campaign;
  const f = o.form;
  const s = stored(c);
  const label = (field: string) => t(`monitor.campaign.field.${field}`);
  const form: PoolFormName = 'campaignEdit';
  const text = (name: string, extra: { description?: string; required?: boolean } = {}) =>
    textField(
      {
        name,
        label: label(name),
        value: shown(f, form, name, s[name]),
        errors: errs(ctx, f, form, name),
        ...extra,
      },
      ctx.t,
    );
  const picked = (name: 'forms' | 'audiences') =>
    sent(f, form) ? ([] as string[]).concat(f.values[name] ?? []) : (s[name] as string[]);
  return html`<h1 class="utrecht-heading-1">${c.name}</h1>
${summary(ctx, f, label)}
${o.nav}
${f.notice ? notice(f.notice) : ''}
${c.withdrawnAt ? html`<p class="monitor-change"><strong>${t('monitor.campaign.withdrawnOn', { date: formatDate(amsterdamDate(c.withdrawnAt), locale), reason: c.withdrawnReason })}</strong></p>` : ''}
<dl class="samen-dl">
<dt>${label('organisation')}</dt><dd>${c.organisation}</dd>
<dt>${t('monitor.campaign.period')}</dt><dd>${campaignPeriod(c)}</dd>
<dt>${label('reach')}</dt><dd>${c.reach === null ? '—' : formatNumber(c.reach, locale)}</dd>
<dt>${t('monitor.campaign.impact')}</dt><dd>${isMeasured(c) ? `${c.impactIndicator}: ${c.impactBaseline || '?'} → ${c.impactResult}` : t('monitor.campaign.notMeasured')}</dd>
</dl>
${
  o.team && !c.withdrawnAt
    ? html`<h2 class="utrecht-heading-2" id="edit">${t('monitor.campaign.editTitle')}</h2>
<form method="post" action="${ctx.href(`/monitor/campaigns/${c.id}/edit`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', f.conflict ? String(c.version) : shown(f, form, 'version', String(c.version)))}
${text('name', { required: true })}
${text('organisation', { required: true })}
${text('start_year', { required: true })}
${text('end_year', { description: t('monitor.campaign.endYearHelp') })}
${checks(ctx, 'forms', CAMPAIGN_FORMS, (x) => `monitor.campaign.form.${x}`, picked('forms'), errs(ctx, f, form, 'forms'), label('forms'))}
${checks(ctx, 'audiences', CAMPAIGN_AUDIENCES, (x) => `monitor.campaign.audience.${x}`, picked('audiences'), errs(ctx, f, form, 'audiences'), label('audiences'))}
${text('sectors', { description: t('monitor.campaign.listHelp') })}
${text('languages', { description: t('monitor.campaign.languagesHelp') })}
${text('channels', { description: t('monitor.campaign.listHelp') })}
${text('reach')}
${text('impact_indicator')}
${text('impact_baseline')}
${text('impact_result')}
${text('impact_method')}
${text('impact_source')}
${text('source')}
${distinctBox(ctx, sent(f, form) && f.values.distinct === 'yes')}
<p class="samen-actions">${submitButton(t('monitor.campaign.editSubmit'))}</p>
</form>
<h2 class="utrecht-heading-2" id="withdraw">${t('monitor.campaign.withdrawTitle')}</h2>
<form method="post" action="${ctx.href(`/monitor/campaigns/${c.id}/withdraw`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', c.version)}
${textareaField({ name: 'reason', label: t('monitor.campaign.field.reason'), value: shown(f, 'campaignWithdraw', 'reason'), errors: errs(ctx, f, 'campaignWithdraw', 'reason'), rows: 2, required: true }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.campaign.withdrawSubmit'), { variant: 'secondary' })}</p>
</form>`
    : ''
}
${
  o.team && c.withdrawnAt
    ? html`<form method="post" action="${ctx.href(`/monitor/campaigns/${c.id}/restore`)}" novalidate>
${csrfField(ctx.csrfToken)}
${hiddenField('version', c.version)}
<p class="samen-actions">${submitButton(t('monitor.campaign.restoreSubmit'), { variant: 'secondary' })}</p>
</form>`
    : ''
}
${history(ctx, o.history)}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/monitor/campaigns')}">${t('monitor.campaign.back')}</a></p>`;
}

/** The team's confirmation that a campaign like a registered one is a different campaign (issue 21 point 8). */
export function distinctBox(ctx: PageContext, checked: boolean, id = 'distinct'): SafeHtml {
  return checkboxField({
    name: 'distinct',
    id: `f-${id}`,
    checked,
    label: ctx.t('monitor.campaign.field.distinct'),
  });
}
