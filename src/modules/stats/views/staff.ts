// Staff pages of the data hub (data_steward, admin): data sets with their settings and budget, publishing,
// differentially private releases with their utility report, and the HTCDS export of the registrations.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alert,
  buttonForm,
  checkboxField,
  checkboxGroup,
  csrfField,
  notice,
  ProblemList,
  selectField,
  submitButton,
  table,
  textField,
  type FieldOptions,
} from '../../../platform/web/components.js';
import type { DatasetRow } from '../repository.js';
import { DEFAULT_THRESHOLDS } from '../dp.js';
import { budgetSummary, figure } from '../service.js';
import { FABRICATION_MODES } from '../synthesis.js';
import { auditSection } from './audit.js';
import { columnLabel, releaseCard } from './explorer.js';
import { budgetList, ledgerSection, type Ledger } from './ledger.js';

export type { StaffContext } from './staff-context.js';
import type { StaffContext } from './staff-context.js';

const csrf = (ctx: StaffContext) => csrfField(ctx.csrfToken);

export function manageListPage(ctx: StaffContext, datasets: DatasetRow[], registrations: boolean): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('stats.manage.title')}</h1>
    <p class="utrecht-paragraph">${t('stats.manage.intro')}</p>
    ${
      datasets.length
        ? table({
            id: 'datasets',
            caption: t('stats.manage.datasets'),
            head: [
              t('stats.manage.name'),
              { label: t('stats.manage.rows'), numeric: true },
              { label: 'k', numeric: true },
              t('stats.manage.status'),
              t('stats.manage.budget'),
            ],
            rows: datasets.map((d) => ({
              head: html`<a class="utrecht-link" href="${ctx.href(`/stats/manage/${d.name}`)}">${d.title}</a> (${d.name})`,
              cells: [
                d.rowCount,
                d.k,
                d.published ? t('stats.manage.published') : t('stats.manage.unpublished'),
                `ε ${figure(budgetSummary(d).spentEpsilon)} / ${d.epsilonBudget === null ? '–' : figure(d.epsilonBudget)}`,
              ],
            })),
          })
        : html`<p class="utrecht-paragraph">${t('stats.manage.empty')}</p>`
    }
    <p class="utrecht-paragraph">${t('stats.manage.importHelp')}</p>
    ${
      registrations
        ? html`<h2 class="utrecht-heading-2">${t('stats.manage.registrations')}</h2>
            <div class="samen-actions">
              ${buttonForm({ action: ctx.href('/stats/manage/registrations/refresh'), csrfToken: ctx.csrfToken, label: t('stats.manage.refresh') })}
              ${buttonForm({ action: ctx.href('/stats/manage/registrations/htcds.csv'), csrfToken: ctx.csrfToken, label: t('stats.manage.exportHtcds') })}
            </div>`
        : ''
    }`;
}

/** The page's problems by field name; the routes name their error slots in camelCase (`budget_reason`: `reason`). */
function problemsOf(errors: Record<string, string>): ProblemList {
  const slot = (field: string) =>
    field === 'budget_reason' ? 'reason' : field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const fields = [
    'budget_epsilon',
    'budget_delta',
    'budget_reason',
    'k',
    'rounding_base',
    'max_length',
  ].concat(['cube_columns', 'epsilon', 'delta', 'reporting_length', 'thresholds', 'fabrication']);
  return ProblemList.ofMessages(Object.fromEntries(fields.map((f) => [f, errors[slot(f)]])));
}

export interface ManageForm {
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string;
}

export function manageDatasetPage(
  ctx: StaffContext,
  d: DatasetRow,
  ledger: Ledger,
  form: ManageForm,
): SafeHtml {
  const { t } = ctx;
  const { releases, budget } = ledger;
  const v = (name: string, fallback: string) => form.values[name] ?? fallback;
  const problems = problemsOf(form.errors);
  // The fields keep their names as ids (`#budget_epsilon`), as before the kit.
  const field = (name: string, label: string, fallback: string, o: Partial<FieldOptions> = {}) =>
    textField({ name, id: name, label, values: { [name]: v(name, fallback) }, problems, ...o }, t);
  return html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/stats/manage')}">${t('stats.manage.back')}</a></p>
    <h1 class="utrecht-heading-1">${d.title}</h1>
    ${form.notice ? notice(form.notice) : ''}
    <dl class="samen-dl">
      <dt>${t('stats.manage.name')}</dt><dd>${d.name}</dd>
      <dt>${t('stats.manage.format')}</dt><dd>${t(`stats.format.${d.format}`)}</dd>
      <dt>${t('stats.manage.rows')}</dt><dd>${d.rowCount}</dd>
      <dt>${t('stats.manage.columns')}</dt><dd>${d.columns.join(', ')}</dd>
    </dl>
    <h2 class="utrecht-heading-2" id="budget-title">${t('stats.manage.budget')}</h2>
    ${budgetList(ctx, budget)}
    ${
      ctx.role === 'admin'
        ? html`<form method="post" action="${ctx.href(`/stats/manage/${d.name}/budget`)}" aria-labelledby="budget-title">
            ${csrf(ctx)}
            <p class="utrecht-paragraph">${t('stats.budget.help')}</p>
            ${field('budget_epsilon', t('stats.budget.epsilon'), d.epsilonBudget === null ? '' : String(d.epsilonBudget), { type: 'number', step: 'any', min: 0, required: true })}
            ${field('budget_delta', t('stats.budget.delta'), String(d.deltaBudget), { inputmode: 'decimal', required: true })}
            ${field('budget_reason', t('stats.budget.reason'), '', { maxlength: 500, required: true })}
            <div class="samen-actions">
              ${submitButton(t('stats.budget.save'), { variant: 'secondary' })}
            </div>
          </form>`
        : html`<p class="utrecht-paragraph">${t('stats.budget.adminOnlyHelp')}</p>`
    }
    <h2 class="utrecht-heading-2" id="settings-title">${t('stats.manage.settings')}</h2>
    <form method="post" action="${ctx.href(`/stats/manage/${d.name}/settings`)}" aria-labelledby="settings-title">
      ${csrf(ctx)}
      ${field('k', t('stats.manage.k'), String(d.k), { type: 'number', min: 1, max: 1000, required: true })}
      ${field('rounding_base', t('stats.manage.roundingBase'), d.roundingBase ? String(d.roundingBase) : '', { type: 'number', min: 0, max: 1000 })}
      ${field('max_length', t('stats.manage.maxLength'), String(d.maxLength), { type: 'number', min: 1, max: 3, required: true })}
      ${checkboxGroup({
        name: 'cube_columns',
        legend: t('stats.manage.cubeColumns'),
        description: t('stats.manage.cubeColumnsHelp'),
        values: { cube_columns: d.cubeColumns ?? d.columns },
        problems,
        idPrefix: 'cube-columns',
        choices: d.columns.map((column) => ({ value: column, label: columnLabel(column, t) })),
      })}
      ${checkboxField({ name: 'published', id: 'published', value: '1', label: t('stats.manage.publish'), checked: d.published })}
      <div class="samen-actions">
        ${submitButton(t('stats.manage.save'))}
        ${d.published ? html`<a class="utrecht-link" href="${ctx.href(`/stats/${d.name}`)}">${t('stats.manage.view')}</a>` : ''}
        <a class="utrecht-link" href="${ctx.href(`/stats/manage/${d.name}/preview`)}">${t('stats.manage.preview')}</a>
      </div>
    </form>
    ${auditSection(ctx, d)}
    <h2 class="utrecht-heading-2" id="release-title">${t('stats.manage.newRelease')}</h2>
    <p class="utrecht-paragraph">${t('stats.manage.releaseHelp')}</p>
    <p class="utrecht-paragraph" id="release-left">${t('stats.manage.releaseLeft', { epsilon: figure(budget.remainingEpsilon), delta: budget.delta.toExponential(1) })}</p>
    ${form.errors.seed ? alert('error', `seed: ${form.errors.seed}`, 'alert') : ''}
    <form method="post" action="${ctx.href(`/stats/manage/${d.name}/releases`)}" aria-labelledby="release-title">
      ${csrf(ctx)}
      ${field('epsilon', 'ε (epsilon)', '1', { type: 'number', step: 'any', min: 0.01, max: 100, required: true })}
      ${field('delta', t('stats.manage.delta'), '', { inputmode: 'decimal' })}
      ${field('reporting_length', t('stats.manage.reportingLength'), '3', { type: 'number', min: 1, max: 3, required: true })}
      ${field('thresholds', t('stats.manage.thresholds'), DEFAULT_THRESHOLDS.join(','), { inputmode: 'decimal' })}
      ${selectField(
        {
          name: 'fabrication',
          id: 'fabrication',
          label: t('stats.manage.fabrication'),
          values: { fabrication: v('fabrication', 'minimize') },
          problems,
          choices: FABRICATION_MODES.map((mode) => ({
            value: mode,
            label: t(`stats.manage.fabrication.${mode}`),
          })),
        },
        t,
      )}
      <div class="samen-actions">
        ${submitButton(t('stats.manage.createRelease'))}
      </div>
    </form>
    ${ledgerSection(ctx, ledger, { names: true })}
    <h2 class="utrecht-heading-2">${t('stats.releases.title')}</h2>
    ${
      releases.length
        ? releases.map((r) =>
            releaseCard(
              ctx,
              d,
              r,
              ctx.href(`/stats/manage/${d.name}/releases/${r.id}.csv`),
              ctx.href(`/stats/manage/${d.name}/releases/${r.id}-aggregates.csv`),
            ),
          )
        : html`<p class="utrecht-paragraph">${t('stats.manage.noReleases')}</p>`
    }`;
}
