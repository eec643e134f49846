// The budget ledger: the data set's privacy budget (ceiling, spent, left, as (ε, δ) and ρ), every change of the
// ceiling (when, to what, by which role, why) and every release with its cost and who made it. Public for a
// published data set (roles only), and on the staff page (with names).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { BudgetChangeRow, ReleaseRow } from '../repository.js';
import type { BudgetSummary } from '../service.js';
import { figure } from '../service.js';
import type { ExplorerContext } from './explorer.js';

export interface Ledger {
  budget: BudgetSummary;
  changes: BudgetChangeRow[];
  releases: ReleaseRow[];
}

function who(ctx: ExplorerContext, by: { role: string; name: string } | null, names: boolean): string {
  if (!by) return ctx.t('stats.ledger.commandLine');
  const role = ctx.t(`stats.ledger.role.${by.role === 'admin' ? 'admin' : 'steward'}`);
  return names && by.name ? `${by.name} (${role})` : role;
}

export function budgetList(ctx: ExplorerContext, b: BudgetSummary): SafeHtml {
  const { t } = ctx;
  return html`<dl class="samen-dl">
    <dt>${t('stats.ledger.ceiling')}</dt>
    <dd>${b.epsilon === null ? t('stats.ledger.noCeiling') : t('stats.ledger.epsilonDelta', { epsilon: figure(b.epsilon), delta: b.delta.toExponential(1) })}
      (ρ ${b.rho.toPrecision(3)})</dd>
    <dt>${t('stats.ledger.spent')}</dt>
    <dd>${t('stats.ledger.epsilonDelta', { epsilon: figure(b.spentEpsilon), delta: b.delta.toExponential(1) })} (ρ ${b.spentRho.toPrecision(3)})</dd>
    <dt>${t('stats.ledger.left')}</dt>
    <dd>${t('stats.ledger.epsilonDelta', { epsilon: figure(b.remainingEpsilon), delta: b.delta.toExponential(1) })}</dd>
  </dl>`;
}

export function ledgerSection(ctx: ExplorerContext, ledger: Ledger, options: { names: boolean }): SafeHtml {
  const { t } = ctx;
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const th = (label: string) => html`<th class="utrecht-table__header-cell" scope="col">${label}</th>`;
  const td = (value: string | SafeHtml) => html`<td class="utrecht-table__cell">${value}</td>`;
  return html`<section aria-labelledby="ledger-title">
    <h2 class="utrecht-heading-2" id="ledger-title">${t('stats.ledger.title')}</h2>
    <p class="utrecht-paragraph">${t('stats.ledger.intro')}</p>
    ${budgetList(ctx, ledger.budget)}
    <div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="ledger-releases">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption" id="ledger-releases">${t('stats.ledger.releases')}</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
          ${th(t('stats.ledger.date'))}${th('ε')}${th('δ')}${th('ρ')}${th(t('stats.ledger.length'))}${th(t('stats.ledger.approvedBy'))}
        </tr></thead>
        <tbody class="utrecht-table__body">
          ${
            ledger.releases.length
              ? ledger.releases.map(
                  (r) => html`<tr class="utrecht-table__row">
                    ${td(date(r.createdAt))}${td(String(r.epsilon))}${td(r.delta.toExponential(2))}${td(r.rho.toPrecision(3))}${td(String(r.reportingLength))}${td(who(ctx, r.createdBy, options.names))}
                  </tr>`,
                )
              : html`<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="6">${t('stats.ledger.noReleases')}</td></tr>`
          }
        </tbody>
      </table>
    </div>
    <div class="samen-table-wrap" tabindex="0" role="region" aria-labelledby="ledger-changes">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption" id="ledger-changes">${t('stats.ledger.changes')}</caption>
        <thead class="utrecht-table__header"><tr class="utrecht-table__row">
          ${th(t('stats.ledger.date'))}${th('ε')}${th('δ')}${th('ρ')}${th(t('stats.ledger.setBy'))}${th(t('stats.ledger.reason'))}
        </tr></thead>
        <tbody class="utrecht-table__body">
          ${
            ledger.changes.length
              ? ledger.changes.map(
                  (c) => html`<tr class="utrecht-table__row">
                    ${td(date(c.createdAt))}${td(String(c.epsilon))}${td(c.delta.toExponential(2))}${td(c.rho.toPrecision(3))}${td(who(ctx, c.setBy, options.names))}${td(c.reason)}
                  </tr>`,
                )
              : html`<tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="6">${t('stats.ledger.noChanges')}</td></tr>`
          }
        </tbody>
      </table>
    </div>
  </section>`;
}
