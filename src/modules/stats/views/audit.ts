// The suppression audit on the steward's page of a data set: its last result (cells checked, exposed before
// protection, suppression added, cells still exposed with the interval an attacker derives) and a button to
// run it again. Publishing runs it too (service.ts); a failed audit keeps or takes the data set offline.
import { buttonForm, table } from '../../../platform/web/components.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { DatasetRow } from '../repository.js';
import type { StaffContext } from './staff-context.js';

/** Exposed cells listed on the page (a timed-out audit of a large cube may name hundreds). */
const SHOWN = 20;

export function auditSection(ctx: StaffContext, d: DatasetRow): SafeHtml {
  const { t } = ctx;
  const a = d.audit;
  const verdict = !a
    ? ''
    : a.ok
      ? t('stats.audit.passed')
      : a.timedOut
        ? t('stats.audit.timedOutShort')
        : t('stats.audit.failedShort');
  return html`<h2 class="utrecht-heading-2" id="audit-title">${t('stats.audit.title')}</h2>
    <p class="utrecht-paragraph">${t('stats.audit.help')}</p>
    ${
      a
        ? html`<dl class="samen-dl">
            <dt>${t('stats.audit.result')}</dt><dd>${verdict} (${a.at.slice(0, 16).replace('T', ' ')} UTC)</dd>
            <dt>${t('stats.audit.columns')}</dt><dd>${a.columns.join(', ')}</dd>
            <dt>${t('stats.audit.smallCells')}</dt><dd>${a.smallCells}</dd>
            <dt>${t('stats.audit.exposedBefore')}</dt><dd>${a.exposedBefore.length}</dd>
            <dt>${t('stats.audit.added')}</dt><dd>${a.added.length}</dd>
            <dt>${t('stats.audit.stillExposed')}</dt><dd>${a.exposed.length}</dd>
            <dt>${t('stats.audit.size')}</dt>
            <dd>${t('stats.audit.sizeValue', { variables: a.variables, equations: a.equations, solves: a.solves, seconds: Math.round(a.seconds * 10) / 10 })}</dd>
          </dl>
          ${
            a.exposed.length
              ? html`${table({
                  id: 'exposed',
                  caption: t('stats.audit.exposedCaption'),
                  head: [t('stats.audit.cell'), t('stats.audit.interval')],
                  rows: a.exposed.slice(0, SHOWN).map((c) => ({
                    cells: [
                      c.columns.map((col, i) => `${col} = ${c.values[i] ?? '–'}`).join(' × '),
                      `${c.lower}–${c.upper}`,
                    ],
                  })),
                })}
                ${a.exposed.length > SHOWN ? html`<p class="utrecht-paragraph">${t('stats.audit.more', { count: a.exposed.length - SHOWN })}</p>` : ''}`
              : ''
          }`
        : html`<p class="utrecht-paragraph">${t('stats.audit.none')}</p>`
    }
    ${buttonForm({ action: ctx.href(`/stats/manage/${d.name}/audit`), csrfToken: ctx.csrfToken, label: t('stats.audit.run'), labelledBy: 'audit-title', className: 'samen-actions' })}`;
}
