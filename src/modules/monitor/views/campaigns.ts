// The campaign inventory: the dashboard (coverage by form, audience and year; campaigns never measured; gaps no
// campaign covers), every campaign, and for the programme team the form and the CSV import.
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  CAMPAIGN_AUDIENCES,
  CAMPAIGN_FORMS,
  CSV_COLUMNS,
  isMeasured,
  type Campaign,
  type CampaignDashboard,
} from '../inventory/campaigns.js';
import { problemsFor, type PageContext } from './page-context.js';
import {
  csrfField,
  errorSummary,
  fieldId,
  notice,
  ProblemList,
  submitButton,
  table,
  textareaField,
  textField,
} from '../../../platform/web/components.js';
import { distinctBox } from './campaign-detail.js';
import { checks } from './pool-forms.js';
import { campaignLink, similarSection, withdrawnSection } from './campaign-lists.js';
import { formatNumber } from './format.js';

const period = (c: Campaign) =>
  c.endYear === null
    ? `${c.startYear}–`
    : c.endYear === c.startYear
      ? String(c.startYear)
      : `${c.startYear}–${c.endYear}`;

function coverageTable(
  ctx: PageContext,
  id: string,
  caption: string,
  kind: 'form' | 'audience',
  years: number[],
  rows: { key: string; perYear: number[]; total: number }[],
): SafeHtml {
  const { t } = ctx;
  const cell = (n: number) =>
    n === 0
      ? html`<span class="monitor-dashboard-gap">0<span class="samen-visually-hidden"> (${t('monitor.campaign.gap')})</span></span>`
      : String(n);
  return table({
    id,
    caption,
    head: [t(`monitor.campaign.${kind}`), ...years.map(String), t('monitor.annex.total')],
    rows: rows.map((r) => ({
      head: t(`monitor.campaign.${kind}.${r.key}`),
      cells: [...r.perYear.map(cell), cell(r.total)],
    })),
  });
}

function checkboxes(
  ctx: PageContext,
  name: 'forms' | 'audiences',
  options: readonly string[],
  selected: string[],
  problems: FieldProblem[],
): SafeHtml {
  const { t } = ctx;
  const kind = name === 'forms' ? 'form' : 'audience';
  return checks(
    ctx,
    name,
    options,
    (o) => `monitor.campaign.${kind}.${o}`,
    selected,
    problemsFor(problems, name, t),
    t(`monitor.campaign.field.${name}`),
  );
}

/**
 * Where an import problem is, in the reader's words: the file, its header row, or a row as the spreadsheet numbers
 * it and the column by its header (the column's name in the reader's language with the CSV name beside it).
 */
export function importPlace(t: PageContext['t'], field: string): string {
  const at = /^row (\d+)(?:, (\w+))?$/.exec(field);
  if (!at) return t(`monitor.campaign.field.${field === 'header' ? 'header' : 'file'}`);
  if (!at[2]) return t('monitor.campaign.importRow', { row: at[1] ?? '' });
  return t('monitor.campaign.importCell', {
    row: at[1] ?? '',
    column: t(`monitor.campaign.field.${at[2]}`),
    code: at[2],
  });
}

/** A refused import's problems, at the top of the page with the focus: each names its place and links to the text. */
function importSummary(ctx: PageContext, problems: FieldProblem[]): SafeHtml {
  if (problems.length === 0) return html``;
  const { t } = ctx;
  return errorSummary(new ProblemList(problems, t), (field) => importPlace(t, field), t, {
    title: t('monitor.campaign.importFailed'),
    href: () => fieldId('csv'),
  });
}

export interface CampaignFormState {
  values: Record<string, string | string[]>;
  problems: FieldProblem[];
  importText: string;
  importProblems: FieldProblem[];
  notice?: string | undefined;
}

export function campaignsPage(
  ctx: PageContext,
  o: {
    team: boolean;
    nav: SafeHtml;
    dashboard: CampaignDashboard;
    campaigns: Campaign[];
    /** Withdrawn campaigns, kept with their reason (issue 21 point 3). */
    withdrawn: Campaign[];
    form: CampaignFormState;
  },
): SafeHtml {
  const { t, locale } = ctx;
  const d = o.dashboard;
  const v = (k: string) => {
    const x = o.form.values[k];
    return Array.isArray(x) ? x.join('; ') : (x ?? '');
  };
  const list = (k: string) => {
    const x = o.form.values[k];
    return Array.isArray(x) ? x : x ? [x] : [];
  };
  const label = (f: string) => t(`monitor.campaign.field.${f.replace(/^row \d+, /, '')}`);
  const text = (
    name: string,
    extra: { type?: 'text' | 'number'; description?: string; required?: boolean } = {},
  ) =>
    textField(
      {
        name,
        label: label(name),
        value: v(name),
        errors: problemsFor(o.form.problems, name, t),
        ...extra,
      },
      ctx.t,
    );
  return html`<h1 class="utrecht-heading-1">${t('monitor.campaign.title')}</h1>
${errorSummary(new ProblemList(o.form.problems, ctx.t), label, ctx.t)}
${importSummary(ctx, o.form.importProblems)}
${o.nav}
${o.form.notice ? notice(o.form.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.campaign.intro')}</p>
<p class="monitor-change"><strong>${t('monitor.campaign.unmeasuredCount', { count: d.unmeasured.length, total: d.total })}</strong></p>
<h2 class="utrecht-heading-2">${t('monitor.campaign.unmeasuredTitle')}</h2>
${
  d.unmeasured.length
    ? table({
        id: 'unmeasured',
        caption: t('monitor.campaign.unmeasuredCaption'),
        head: [
          t('monitor.campaign.field.name'),
          t('monitor.campaign.field.organisation'),
          t('monitor.campaign.period'),
          t('monitor.campaign.field.reach'),
        ],
        rows: d.unmeasured.map((c) => ({
          head: c.name,
          cells: [c.organisation, period(c), c.reach === null ? '—' : formatNumber(c.reach, locale)],
        })),
      })
    : html`<p class="utrecht-paragraph">${t('monitor.campaign.allMeasured')}</p>`
}
<h2 class="utrecht-heading-2">${t('monitor.campaign.coverageTitle')}</h2>
${d.years.length ? coverageTable(ctx, 'by-form', t('monitor.campaign.byForm'), 'form', d.years, d.byForm) : ''}
${d.years.length ? coverageTable(ctx, 'by-audience', t('monitor.campaign.byAudience'), 'audience', d.years, d.byAudience) : ''}
<h2 class="utrecht-heading-2">${t('monitor.campaign.gapsTitle')}</h2>
${
  d.gaps.length
    ? html`<p class="utrecht-paragraph">${t('monitor.campaign.gapsIntro')}</p><ul class="utrecht-unordered-list">${d.gaps.map(
        (g) =>
          html`<li>${t(`monitor.campaign.form.${g.form}`)} · ${t(`monitor.campaign.audience.${g.audience}`)}</li>`,
      )}</ul>`
    : html`<p class="utrecht-paragraph">${t('monitor.campaign.noGaps')}</p>`
}
${
  d.yearGaps.length
    ? html`<ul class="utrecht-unordered-list">${d.yearGaps.map(
        (g) =>
          html`<li>${t('monitor.campaign.yearGap', { form: t(`monitor.campaign.form.${g.form}`), years: g.years.join(', ') })}</li>`,
      )}</ul>`
    : ''
}
${similarSection(ctx, d.similar)}
<h2 class="utrecht-heading-2">${t('monitor.campaign.allTitle')}</h2>
${table({
  id: 'campaigns',
  caption: t('monitor.campaign.allCaption', { count: o.campaigns.length }),
  head: [
    t('monitor.campaign.field.name'),
    t('monitor.campaign.field.organisation'),
    t('monitor.campaign.period'),
    t('monitor.campaign.field.forms'),
    t('monitor.campaign.field.audiences'),
    t('monitor.campaign.field.channels'),
    t('monitor.campaign.field.reach'),
    t('monitor.campaign.impact'),
  ],
  rows: o.campaigns.map((c) => ({
    head: campaignLink(ctx, c),
    cells: [
      c.organisation,
      period(c),
      c.forms.map((f) => t(`monitor.campaign.form.${f}`)).join(', '),
      [...c.audiences.map((a) => t(`monitor.campaign.audience.${a}`)), ...c.sectors].join(', '),
      [...c.channels, ...c.languages.map((l) => l.toUpperCase())].join(', ') || '—',
      c.reach === null ? '—' : formatNumber(c.reach, locale),
      isMeasured(c)
        ? `${c.impactIndicator}: ${c.impactBaseline || '?'} → ${c.impactResult}${c.impactMethod ? ` (${c.impactMethod})` : ''}`
        : html`<strong>${t('monitor.campaign.notMeasured')}</strong>`,
    ],
  })),
})}
${withdrawnSection(ctx, o.withdrawn)}
${
  o.team
    ? html`<h2 class="utrecht-heading-2" id="new">${t('monitor.campaign.newTitle')}</h2>
<form method="post" action="${ctx.href('/monitor/campaigns')}" novalidate>
${csrfField(ctx.csrfToken)}
${text('name', { required: true })}
${text('organisation', { required: true })}
${text('start_year', { required: true })}
${text('end_year', { description: t('monitor.campaign.endYearHelp') })}
${checkboxes(ctx, 'forms', CAMPAIGN_FORMS, list('forms'), o.form.problems)}
${checkboxes(ctx, 'audiences', CAMPAIGN_AUDIENCES, list('audiences'), o.form.problems)}
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
${distinctBox(ctx, v('distinct') === 'yes')}
<p class="samen-actions">${submitButton(t('monitor.campaign.submit'))}</p>
</form>
<h2 class="utrecht-heading-2" id="import">${t('monitor.campaign.importTitle')}</h2>
<p class="utrecht-paragraph">${t('monitor.campaign.importHelp', { columns: CSV_COLUMNS.map((c) => `${t(`monitor.campaign.field.${c}`)} (${c})`).join(', ') })}</p>
<form method="post" action="${ctx.href('/monitor/campaigns/import')}" novalidate>
${csrfField(ctx.csrfToken)}
${textareaField({ name: 'csv', label: t('monitor.campaign.csv'), value: o.form.importText, errors: o.form.importProblems.length ? [t('monitor.campaign.importFailed')] : [], rows: 8 }, ctx.t)}
${distinctBox(ctx, false, 'import-distinct')}
<p class="samen-actions">${submitButton(t('monitor.campaign.importSubmit'), { variant: 'secondary' })}</p>
</form>`
    : ''
}`;
}
