// Staff pages of the data hub (data_steward, admin): data sets with their settings and budget, publishing,
// differentially private releases with their utility report, and the HTCDS export of the registrations.
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import type { DatasetRow } from '../repository.js';
import { DEFAULT_THRESHOLDS } from '../dp.js';
import { budgetSummary, figure } from '../service.js';
import { FABRICATION_MODES } from '../synthesis.js';
import { auditSection } from './audit.js';
import { columnLabel, releaseCard } from './explorer.js';
import { budgetList, ledgerSection, type Ledger } from './ledger.js';

export type { StaffContext } from './staff-context.js';
import type { StaffContext } from './staff-context.js';

const csrf = (ctx: StaffContext) => html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;

export function manageListPage(ctx: StaffContext, datasets: DatasetRow[], registrations: boolean): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('stats.manage.title')}</h1>
    <p class="utrecht-paragraph">${t('stats.manage.intro')}</p>
    ${
      datasets.length
        ? html`<div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="datasets-caption">
            <table class="utrecht-table">
              <caption class="utrecht-table__caption" id="datasets-caption">${t('stats.manage.datasets')}</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">${t('stats.manage.name')}</th>
                  <th class="utrecht-table__header-cell" scope="col">${t('stats.manage.rows')}</th>
                  <th class="utrecht-table__header-cell" scope="col">k</th>
                  <th class="utrecht-table__header-cell" scope="col">${t('stats.manage.status')}</th>
                  <th class="utrecht-table__header-cell" scope="col">${t('stats.manage.budget')}</th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                ${datasets.map(
                  (d) => html`<tr class="utrecht-table__row">
                    <td class="utrecht-table__cell">
                      <a class="utrecht-link" href="${ctx.href(`/stats/manage/${d.name}`)}">${d.title}</a> (${d.name})
                    </td>
                    <td class="utrecht-table__cell">${d.rowCount}</td>
                    <td class="utrecht-table__cell">${d.k}</td>
                    <td class="utrecht-table__cell">${d.published ? t('stats.manage.published') : t('stats.manage.unpublished')}</td>
                    <td class="utrecht-table__cell">ε ${figure(budgetSummary(d).spentEpsilon)} / ${d.epsilonBudget === null ? '–' : figure(d.epsilonBudget)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
        : html`<p class="utrecht-paragraph">${t('stats.manage.empty')}</p>`
    }
    <p class="utrecht-paragraph">${t('stats.manage.importHelp')}</p>
    ${
      registrations
        ? html`<h2 class="utrecht-heading-2">${t('stats.manage.registrations')}</h2>
            <div class="samen-actions">
              <form method="post" action="${ctx.href('/stats/manage/registrations/refresh')}">
                ${csrf(ctx)}
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('stats.manage.refresh')}</button>
              </form>
              <form method="post" action="${ctx.href('/stats/manage/registrations/htcds.csv')}">
                ${csrf(ctx)}
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('stats.manage.exportHtcds')}</button>
              </form>
            </div>`
        : ''
    }`;
}

function numberField(id: string, label: string, value: string, attrs: SafeHtml, error?: string): SafeHtml {
  return html`<div class="utrecht-form-field ${error ? 'utrecht-form-field--invalid' : ''}">
    <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="${id}">${label}</label></div>
    ${error ? html`<div class="utrecht-form-field-error-message" id="${id}-error">${error}</div>` : ''}
    <div class="utrecht-form-field__input">
      <input class="utrecht-textbox utrecht-textbox--html-input" id="${id}" name="${id}" value="${value}" ${attrs}
        ${error ? html`aria-invalid="true" aria-describedby="${id}-error"` : ''} />
    </div>
  </div>`;
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
  return html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/stats/manage')}">${t('stats.manage.back')}</a></p>
    <h1 class="utrecht-heading-1">${d.title}</h1>
    ${form.notice ? html`<div class="utrecht-alert utrecht-alert--ok samen-alert" role="status"><p class="utrecht-paragraph">${form.notice}</p></div>` : ''}
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
            ${numberField('budget_epsilon', t('stats.budget.epsilon'), v('budget_epsilon', d.epsilonBudget === null ? '' : String(d.epsilonBudget)), html`type="number" step="any" min="0" required`, form.errors.budgetEpsilon)}
            ${numberField('budget_delta', t('stats.budget.delta'), v('budget_delta', String(d.deltaBudget)), html`type="text" inputmode="decimal" required`, form.errors.budgetDelta)}
            ${numberField('budget_reason', t('stats.budget.reason'), v('budget_reason', ''), html`type="text" maxlength="500" required`, form.errors.reason)}
            <div class="samen-actions">
              <button class="utrecht-button utrecht-button--secondary-action" type="submit">${t('stats.budget.save')}</button>
            </div>
          </form>`
        : html`<p class="utrecht-paragraph">${t('stats.budget.adminOnlyHelp')}</p>`
    }
    <h2 class="utrecht-heading-2" id="settings-title">${t('stats.manage.settings')}</h2>
    <form method="post" action="${ctx.href(`/stats/manage/${d.name}/settings`)}" aria-labelledby="settings-title">
      ${csrf(ctx)}
      ${numberField('k', t('stats.manage.k'), v('k', String(d.k)), html`type="number" min="1" max="1000" required`, form.errors.k)}
      ${numberField('rounding_base', t('stats.manage.roundingBase'), v('rounding_base', d.roundingBase ? String(d.roundingBase) : ''), html`type="number" min="0" max="1000"`, form.errors.roundingBase)}
      ${numberField('max_length', t('stats.manage.maxLength'), v('max_length', String(d.maxLength)), html`type="number" min="1" max="3" required`, form.errors.maxLength)}
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset samen-checkboxes" aria-describedby="cube-columns-help${form.errors.cubeColumns ? ' cube-columns-error' : ''}">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">${t('stats.manage.cubeColumns')}</legend>
        <p class="utrecht-form-field-description" id="cube-columns-help">${t('stats.manage.cubeColumnsHelp')}</p>
        ${form.errors.cubeColumns ? html`<p class="utrecht-form-field-error-message" id="cube-columns-error">${form.errors.cubeColumns}</p>` : ''}
        ${d.columns.map(
          (column, i) => html`<div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox">
            <input
              class="utrecht-checkbox utrecht-checkbox--html-input"
              type="checkbox"
              id="cube-column-${i}"
              name="cube_columns"
              value="${column}"
              ${attrIf(!d.cubeColumns || d.cubeColumns.includes(column), 'checked')}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for="cube-column-${i}">${columnLabel(column, t)}</label>
          </div>`,
        )}
      </fieldset>
      <div class="utrecht-form-field utrecht-form-field--checkbox samen-checkbox">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id="published"
          name="published"
          value="1"
          ${attrIf(d.published, 'checked')}
        />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for="published">${t('stats.manage.publish')}</label>
      </div>
      <div class="samen-actions">
        <button class="utrecht-button utrecht-button--primary-action" type="submit">${t('stats.manage.save')}</button>
        ${d.published ? html`<a class="utrecht-link" href="${ctx.href(`/stats/${d.name}`)}">${t('stats.manage.view')}</a>` : ''}
        <a class="utrecht-link" href="${ctx.href(`/stats/manage/${d.name}/preview`)}">${t('stats.manage.preview')}</a>
      </div>
    </form>
    ${auditSection(ctx, d)}
    <h2 class="utrecht-heading-2" id="release-title">${t('stats.manage.newRelease')}</h2>
    <p class="utrecht-paragraph">${t('stats.manage.releaseHelp')}</p>
    <p class="utrecht-paragraph" id="release-left">${t('stats.manage.releaseLeft', { epsilon: figure(budget.remainingEpsilon), delta: budget.delta.toExponential(1) })}</p>
    ${form.errors.seed ? html`<div class="utrecht-alert utrecht-alert--error samen-alert" role="alert"><p class="utrecht-paragraph">seed: ${form.errors.seed}</p></div>` : ''}
    <form method="post" action="${ctx.href(`/stats/manage/${d.name}/releases`)}" aria-labelledby="release-title">
      ${csrf(ctx)}
      ${numberField('epsilon', 'ε (epsilon)', v('epsilon', '1'), html`type="number" step="any" min="0.01" max="100" required`, form.errors.epsilon)}
      ${numberField('delta', t('stats.manage.delta'), v('delta', ''), html`type="text" inputmode="decimal"`, form.errors.delta)}
      ${numberField('reporting_length', t('stats.manage.reportingLength'), v('reporting_length', '3'), html`type="number" min="1" max="3" required`, form.errors.reportingLength)}
      ${numberField('thresholds', t('stats.manage.thresholds'), v('thresholds', DEFAULT_THRESHOLDS.join(',')), html`type="text" inputmode="decimal"`, form.errors.thresholds)}
      <div class="utrecht-form-field ${form.errors.fabrication ? 'utrecht-form-field--invalid' : ''}">
        <div class="utrecht-form-field__label"><label class="utrecht-form-label" for="fabrication">${t('stats.manage.fabrication')}</label></div>
        ${form.errors.fabrication ? html`<div class="utrecht-form-field-error-message" id="fabrication-error">${form.errors.fabrication}</div>` : ''}
        <div class="utrecht-form-field__input">
          <select class="utrecht-select utrecht-select--html-select" id="fabrication" name="fabrication"
            ${form.errors.fabrication ? html`aria-invalid="true" aria-describedby="fabrication-error"` : ''}>
            ${FABRICATION_MODES.map((mode) => html`<option value="${mode}" ${attrIf(v('fabrication', 'minimize') === mode, 'selected')}>${t(`stats.manage.fabrication.${mode}`)}</option>`)}
          </select>
        </div>
      </div>
      <div class="samen-actions">
        <button class="utrecht-button utrecht-button--primary-action" type="submit">${t('stats.manage.createRelease')}</button>
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
