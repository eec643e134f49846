// The administrator's page for the referral mechanism: the teams (with their directory service and member count),
// adding a team, and putting a user in a team. No case content.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  errorSummary,
  notice,
  ProblemList,
  selectField,
  submitButton,
  textField,
  type FormValues,
} from '../../../platform/web/components.js';
import type { FieldProblem } from '../../../platform/http/errors.js';
import { ORGANISATION_TYPES, TEAM_KINDS } from '../model.js';
import { csrf, table, type ViewContext } from './common.js';

export function adminPage(
  ctx: ViewContext,
  o: {
    teams: {
      id: string;
      kind: string;
      name: string;
      organisation_type: string;
      directory_service_id: string | null;
      members: number | string;
    }[];
    values: FormValues;
    problems: FieldProblem[];
    notice?: string;
  },
): SafeHtml {
  const { t } = ctx;
  const problems = new ProblemList(o.problems, t);
  return html`<h1 class="utrecht-heading-1">${t('referrals.admin.title')}</h1>
${o.notice ? notice(t(`referrals.admin.notice.${o.notice}`)) : ''}
${errorSummary(problems, (f) => t(`referrals.admin.field.${f}`), t)}
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/admin/nrm/routes')}">${t('referrals.check.link')}</a></p>
<p class="utrecht-paragraph"><a class="utrecht-link" href="${ctx.href('/admin/nrm/scopes')}">${t('referrals.scopes.link')}</a></p>
${table(
  'teams-caption',
  t('referrals.admin.teamsCaption', { count: o.teams.length }),
  [
    t('referrals.admin.field.name'),
    t('referrals.admin.field.kind'),
    t('referrals.admin.field.organisationType'),
    t('referrals.admin.members'),
  ],
  o.teams.map((x) => [
    x.name,
    t(`referrals.teamKind.${x.kind}`),
    t(`referrals.orgType.${x.organisation_type}`),
    String(Number(x.members)),
  ]),
)}
<section class="samen-card" aria-labelledby="h-member"><h2 class="utrecht-heading-2" id="h-member">${t('referrals.admin.memberTitle')}</h2>
<form method="post" action="${ctx.href('/admin/nrm/members')}">${csrf(ctx)}
${textField({ name: 'email', label: t('referrals.admin.field.email'), values: o.values, problems, type: 'email', autocomplete: 'off' }, t)}
${selectField({ name: 'teamId', label: t('referrals.admin.field.teamId'), values: o.values, problems, choices: o.teams.map((x) => ({ value: x.id, label: x.name })) }, t)}
${submitButton(t('referrals.admin.saveMember'))}</form></section>
<section class="samen-card" aria-labelledby="h-team"><h2 class="utrecht-heading-2" id="h-team">${t('referrals.admin.teamTitle')}</h2>
<form method="post" action="${ctx.href('/admin/nrm/teams')}">${csrf(ctx)}
${textField({ name: 'name', label: t('referrals.admin.field.name'), values: o.values, problems }, t)}
${selectField({ name: 'kind', label: t('referrals.admin.field.kind'), values: o.values, problems, choices: TEAM_KINDS.map((k) => ({ value: k, label: t(`referrals.teamKind.${k}`) })) }, t)}
${selectField({ name: 'organisationType', label: t('referrals.admin.field.organisationType'), values: o.values, problems, choices: ORGANISATION_TYPES.map((k) => ({ value: k, label: t(`referrals.orgType.${k}`) })) }, t)}
${textField({ name: 'directoryServiceId', label: t('referrals.admin.field.directoryServiceId'), description: t('referrals.admin.directoryServiceHint'), values: o.values, problems, autocomplete: 'off' }, t)}
${textField({ name: 'teamEmail', label: t('referrals.admin.field.teamEmail'), description: t('referrals.admin.teamEmailHint'), values: o.values, problems, type: 'email', autocomplete: 'off' }, t)}
${submitButton(t('referrals.admin.saveTeam'))}</form></section>`;
}
