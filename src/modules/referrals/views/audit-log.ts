// The privacy officer's audit log page: a filter form (case reference, person, period) and the entries in words:
// who (name), what (the action described), about what (case reference, team or account name), never a UUID.
import { translateOr } from '../../../platform/i18n/index.js';
import type { FieldProblem } from '../../../platform/http/errors.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  errorSummary,
  ProblemList,
  submitButton,
  textField,
  type FormValues,
} from '../../../platform/web/components.js';
import type { AuditLogRow } from '../audit-log-repository.js';
import { dateTime, sectionNav, table, type ViewContext } from './common.js';

const FILTERS = ['case', 'person', 'from', 'to'] as const;

export function describeAction(ctx: ViewContext, action: string): SafeHtml | string {
  const words = translateOr(ctx.t, `referrals.auditLog.action.${action}`, '');
  if (words) return words;
  const area = translateOr(
    ctx.t,
    `referrals.auditLog.area.${action.split('.')[0]}`,
    ctx.t('referrals.auditLog.area.other'),
  );
  return html`${area} <span class="samen-code">(${action})</span>`;
}

function about(ctx: ViewContext, r: AuditLogRow): string {
  if (r.case_reference) return ctx.t('referrals.auditLog.aboutCase', { reference: r.case_reference });
  if (r.team_name) return ctx.t('referrals.auditLog.aboutTeam', { name: r.team_name });
  if (r.subject_user_name) return ctx.t('referrals.auditLog.aboutAccount', { name: r.subject_user_name });
  return translateOr(ctx.t, `referrals.auditLog.entity.${r.entity_type}`, '');
}

export function auditLogPage(
  ctx: ViewContext,
  o: {
    values: FormValues;
    problems: FieldProblem[];
    rows: AuditLogRow[];
    older?: number;
    unknownCase: boolean;
    paged: boolean;
  },
): SafeHtml {
  const { t } = ctx;
  const problems = new ProblemList(o.problems, t);
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = o.values[f];
    if (typeof v === 'string' && v) query.set(f, v);
  }
  const olderHref = () => {
    const q = new URLSearchParams(query);
    q.set('before', String(o.older));
    return `${ctx.href('/nvm/privacy/audit')}?${q.toString()}`;
  };
  const newestHref = `${ctx.href('/nvm/privacy/audit')}${query.size ? `?${query.toString()}` : ''}`;
  return html`${sectionNav(ctx, '/nvm/privacy')}
<h1 class="utrecht-heading-1">${t('referrals.auditLog.title')}</h1>
<p class="utrecht-paragraph">${t('referrals.auditLog.intro')}</p>
${errorSummary(problems, (f) => t(`referrals.auditLog.field.${f}`), t)}
<form method="get" action="${ctx.href('/nvm/privacy/audit')}" class="samen-card">
${textField({ name: 'case', label: t('referrals.auditLog.field.case'), description: t('referrals.auditLog.caseHint'), values: o.values, problems, autocomplete: 'off' }, t)}
${textField({ name: 'person', label: t('referrals.auditLog.field.person'), description: t('referrals.auditLog.personHint'), values: o.values, problems, autocomplete: 'off' }, t)}
${textField({ name: 'from', label: t('referrals.auditLog.field.from'), values: o.values, problems, type: 'date' }, t)}
${textField({ name: 'to', label: t('referrals.auditLog.field.to'), values: o.values, problems, type: 'date' }, t)}
${submitButton(t('referrals.auditLog.filter'))}
</form>
${o.unknownCase ? html`<p class="utrecht-paragraph" role="status">${t('referrals.auditLog.unknownCase', { reference: String(o.values.case ?? '') })}</p>` : ''}
${
  o.rows.length
    ? table(
        'audit-log-caption',
        t('referrals.auditLog.caption', { count: o.rows.length }),
        [
          t('referrals.col.when'),
          t('referrals.col.who'),
          t('referrals.col.what'),
          t('referrals.auditLog.col.about'),
        ],
        o.rows.map((r) => [
          dateTime(r.at, ctx.locale),
          r.actor_name ?? t('referrals.system'),
          r.exit_reason
            ? html`${describeAction(ctx, r.action)}: ${translateOr(t, `referrals.exitReason.${r.exit_reason}`, t('referrals.exitReason.other'))}`
            : describeAction(ctx, r.action),
          about(ctx, r),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.auditLog.none')}</p>`
}
<nav aria-label="${t('referrals.auditLog.pages')}"><p class="utrecht-paragraph">
${o.paged ? html`<a class="utrecht-link" href="${newestHref}">${t('referrals.auditLog.newest')}</a> ` : ''}
${o.older !== undefined ? html`<a class="utrecht-link" href="${olderHref()}">${t('referrals.auditLog.older')}</a>` : ''}
</p></nav>`;
}
