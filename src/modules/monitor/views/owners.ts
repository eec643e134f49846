// Who reports for which organisation: the programme team links action owners and requesting organisations.
import type { FieldProblem } from '../../../platform/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import type { Organisation } from '../types.js';
import { problemsFor, type PageContext } from './page-context.js';
import {
  csrfField,
  errorSummary,
  notice,
  ProblemList,
  selectField,
  submitButton,
  table,
} from '../../../platform/web/components.js';
import { subnav, type Viewer } from './pages.js';

export function ownersPage(
  ctx: PageContext,
  viewer: Viewer,
  data: {
    organisations: Organisation[];
    linked: { userId: string; displayName: string; role: string; organisationId: string }[];
    candidates: { id: string; displayName: string; email: string }[];
  },
  form: { problems: FieldProblem[]; values?: Record<string, string>; notice?: string },
): SafeHtml {
  const { t } = ctx;
  // After a refusal the form shows what was chosen; the summary heads the page and takes the focus.
  const chosen = (name: string) => form.values?.[name] ?? '';
  const orgName = (id: string) => data.organisations.find((o) => o.id === id)?.name ?? '—';
  return html`<h1 class="utrecht-heading-1">${t('monitor.owners.title')}</h1>
${errorSummary(new ProblemList(form.problems, ctx.t), (f) => t(`monitor.owners.field.${f}`), ctx.t)}
${subnav(ctx, viewer)}
${form.notice ? notice(form.notice) : ''}
<p class="utrecht-paragraph">${t('monitor.owners.intro')}</p>
${table({
  id: 'owners',
  caption: t('monitor.owners.caption'),
  head: [t('monitor.owners.field.user'), t('monitor.owners.organisation'), t('monitor.owners.role')],
  rows: data.linked.map((l) => ({
    head: l.displayName,
    cells: [orgName(l.organisationId), t(`monitor.role.${l.role}`)],
  })),
})}
<h2 class="utrecht-heading-2">${t('monitor.owners.linkTitle')}</h2>
${
  data.candidates.length
    ? html`<form method="post" action="${ctx.href('/monitor/owners')}" novalidate>
${csrfField(ctx.csrfToken)}
${selectField({ name: 'user', label: t('monitor.owners.field.user'), value: chosen('user'), errors: problemsFor(form.problems, 'user', t), choices: data.candidates.map((c) => ({ value: c.id, label: `${c.displayName} (${c.email})` })) }, ctx.t)}
${selectField({ name: 'organisation', label: t('monitor.owners.field.organisation'), value: chosen('organisation'), errors: problemsFor(form.problems, 'organisation', t), choices: data.organisations.map((o) => ({ value: o.id, label: o.name })) }, ctx.t)}
<p class="samen-actions">${submitButton(t('monitor.owners.submit'))}</p>
</form>`
    : html`<p class="utrecht-paragraph">${t('monitor.owners.noCandidates')}</p>`
}`;
}
