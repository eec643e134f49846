// The administrator's view of the per-field scopes (/admin/nrm/scopes): per recipient role and purpose, which
// fields of the person it receives, in words. Configuration only, no case content.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  checkboxGroup,
  hiddenField,
  notice,
  ProblemList,
  submitButton,
} from '../../../platform/web/components.js';
import { PERSON_FIELDS, SCOPE_ROLES } from '../field-scopes.js';
import { SCOPE_PURPOSES } from '../scopes/service.js';
import { csrf, table, type ViewContext } from './common.js';

/**
 * One role and purpose's form: a checkbox per field, the configured ones ticked. The values are positions in the
 * lists of roles, purposes and fields (scopes/routes.ts reads them back), so the page holds no code.
 */
function scopeForm(ctx: ViewContext, role: string, purpose: string, fields: ReadonlySet<string>): SafeHtml {
  const { t } = ctx;
  const [r, p] = [SCOPE_ROLES.indexOf(role as never), SCOPE_PURPOSES.indexOf(purpose as never)];
  const id = `s-${r}-${p}`;
  return html`<form method="post" action="${ctx.href('/admin/nrm/scopes')}" class="samen-form">${csrf(ctx)}
${hiddenField('role', r)}${hiddenField('purpose', p)}
${checkboxGroup({
  name: 'fields',
  legend: t('referrals.scopes.formLegend', {
    role: t(`auth.role.${role}`),
    purpose: t(`referrals.serviceType.${purpose}`),
  }),
  values: { fields: PERSON_FIELDS.flatMap((f, i) => (fields.has(f) ? [String(i)] : [])) },
  problems: new ProblemList([], t),
  idPrefix: id,
  choices: PERSON_FIELDS.map((f, i) => ({ value: String(i), label: t(`referrals.scopes.field.${f}`) })),
})}
${submitButton(t('referrals.scopes.save'), { variant: 'secondary' })}
</form>`;
}

export function scopesPage(
  ctx: ViewContext,
  rows: readonly { role: string; purpose: string; field: string }[],
  o: { saved?: boolean } = {},
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
${o.saved ? notice(t('referrals.scopes.saved')) : ''}
<p class="utrecht-paragraph">${t('referrals.scopes.intro')}</p>
${table(
  'scopes-caption',
  t('referrals.scopes.caption'),
  [t('referrals.scopes.role'), t('referrals.scopes.purpose'), t('referrals.scopes.fields')],
  [...grouped.values()].map((g) => [
    t(`auth.role.${g.role}`),
    t(`referrals.serviceType.${g.purpose}`),
    fields(g.fields),
  ]),
)}
<h2 class="utrecht-heading-2">${t('referrals.scopes.edit')}</h2>
<p class="utrecht-paragraph">${t('referrals.scopes.editIntro')}</p>
${SCOPE_ROLES.map(
  (role) => html`<details class="samen-details"><summary>${t(`auth.role.${role}`)}</summary>
${SCOPE_PURPOSES.map((purpose) => scopeForm(ctx, role, purpose, grouped.get(`${role}/${purpose}`)?.fields ?? new Set()))}
</details>`,
)}`;
}
