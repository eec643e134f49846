// The budget ledger: the data set's privacy budget (ceiling, spent, left, as (ε, δ) and ρ), every change of the
// ceiling (when, to what, by which role, why) and every release with its cost and who made it. Public for a
// published data set (roles only), and on the staff page (with names).
import { table } from '../../../platform/web/components.js';
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
  return html`<section aria-labelledby="ledger-title">
    <h2 class="utrecht-heading-2" id="ledger-title">${t('stats.ledger.title')}</h2>
    <p class="utrecht-paragraph">${t('stats.ledger.intro')}</p>
    ${budgetList(ctx, ledger.budget)}
    ${table({
      id: 'ledger-releases',
      captionId: 'ledger-releases',
      caption: t('stats.ledger.releases'),
      head: [t('stats.ledger.date'), 'ε', 'δ', 'ρ', t('stats.ledger.length'), t('stats.ledger.approvedBy')],
      rows: ledger.releases.map((r) => ({
        cells: [
          date(r.createdAt),
          String(r.epsilon),
          r.delta.toExponential(2),
          r.rho.toPrecision(3),
          String(r.reportingLength),
          who(ctx, r.createdBy, options.names),
        ],
      })),
      empty: t('stats.ledger.noReleases'),
    })}
    ${table({
      id: 'ledger-changes',
      captionId: 'ledger-changes',
      caption: t('stats.ledger.changes'),
      head: [t('stats.ledger.date'), 'ε', 'δ', 'ρ', t('stats.ledger.setBy'), t('stats.ledger.reason')],
      rows: ledger.changes.map((c) => ({
        cells: [
          date(c.createdAt),
          String(c.epsilon),
          c.delta.toExponential(2),
          c.rho.toPrecision(3),
          who(ctx, c.setBy, options.names),
          c.reason,
        ],
      })),
      empty: t('stats.ledger.noChanges'),
    })}
  </section>`;
}
