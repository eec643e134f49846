// The administrator's view of the per-field scopes (/admin/nrm/scopes): per recipient role and purpose, which
// fields of the person it receives, in words. Configuration only, no case content.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { PERSON_FIELDS } from '../field-scopes.js';
import type { ViewContext } from './common.js';

export function scopesPage(
  ctx: ViewContext,
  rows: readonly { role: string; purpose: string; field: string }[],
): SafeHtml {
  const { t } = ctx;
  const grouped = new Map<string, { role: string; purpose: string; fields: Set<string> }>();
  for (const r of rows) {
    const key = `${r.role}/${r.purpose}`;
    const entry = grouped.get(key) ?? { role: r.role, purpose: r.purpose, fields: new Set<string>() };
    entry.fields.add(r.field);
    grouped.set(key, entry);
  }
  const fields = (set: Set<string>) =>
    PERSON_FIELDS.filter((f) => set.has(f))
      .map((f) => t(`referrals.scopes.field.${f}`))
      .join(', ');
  return html`<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/admin/nrm')}">${t('referrals.check.back')}</a></p>
<h1 class="utrecht-heading-1">${t('referrals.scopes.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.scopes.intro')}</p>
<table class="utrecht-table"><caption class="utrecht-table__caption">${t('referrals.scopes.caption')}</caption>
<thead class="utrecht-table__header"><tr class="utrecht-table__row"><th class="utrecht-table__header-cell" scope="col">${t('referrals.scopes.role')}</th><th class="utrecht-table__header-cell" scope="col">${t('referrals.scopes.purpose')}</th><th class="utrecht-table__header-cell" scope="col">${t('referrals.scopes.fields')}</th></tr></thead>
<tbody class="utrecht-table__body">${[...grouped.values()].map(
    (g) =>
      html`<tr class="utrecht-table__row"><td class="utrecht-table__cell">${t(`auth.role.${g.role}`)}</td><td class="utrecht-table__cell">${t(`referrals.serviceType.${g.purpose}`)}</td><td class="utrecht-table__cell">${fields(g.fields)}</td></tr>`,
  )}</tbody></table>`;
}
