// The children's route on the case page (issue 20, point 5): that no consent is asked for a minor and on which
// ground the person is shared, whom the route told (or why not), the guardian's clock and the guardian once
// appointed; for the case's managers who see the person, the form that records the guardian.
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import { alert, hiddenField, submitButton, textField } from '../../../platform/web/components.js';
import type { ChildRouteView } from '../children/service.js';
import { csrf, dateOnly, dateTime, type ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

export function childRouteSection(
  ctx: ViewContext,
  c: {
    caseId: string;
    version: number;
    children: NonNullable<ChildRouteView>;
    manage: boolean;
    /** The case's nationality: a Dutch child needs no Nidos; an unrecorded one is told once it is recorded. */
    dutch: boolean;
  },
  refill: Refill | undefined,
): SafeHtml {
  const { t } = ctx;
  const r = c.children;
  const notice = (outcome: string, team: string) =>
    t(
      outcome === 'not_needed' && !c.dutch
        ? 'referrals.children.notice.nationality_unknown'
        : `referrals.children.notice.${outcome}`,
      { team: team || t('referrals.none') },
    );
  const guardian = r.appointedOn
    ? t('referrals.children.appointed', {
        organisation: r.organisation ?? (r.hiddenOrganisation ? t('referrals.hiddenReason') : ''),
        date: dateOnly(r.appointedOn, ctx.locale),
      })
    : t(r.overdue ? 'referrals.children.overdue' : 'referrals.children.due', {
        date: dateTime(r.dueAt, ctx.locale),
      });
  const items: [string, string][] = [
    [t('referrals.children.consent'), t('referrals.children.noConsent')],
    [t('referrals.children.guardianNotice'), notice(r.guardianNotice, r.guardianTeam)],
    [t('referrals.children.veiligThuisNotice'), notice(r.veiligThuisNotice, r.veiligThuisTeam)],
    [t('referrals.children.guardian'), guardian],
  ];
  const unsent = [r.guardianNotice, r.veiligThuisNotice].some((o) => o === 'nobody' || o === 'no_team');
  const v = (name: string, stored: string | null | undefined) =>
    refilled(refill, 'guardian', name, stored ?? '');
  const version = refill?.form === 'guardian' && refill.version ? refill.version : String(c.version);
  return html`<section class="samen-card" aria-labelledby="h-children"><h2 class="utrecht-heading-2" id="h-children">${t('referrals.children.title')}</h2>
${unsent ? alert('warning', t('referrals.children.unsent'), 'status') : ''}
<dl class="samen-dl">${items.map(([k, val]) => html`<dt>${k}</dt><dd>${val}</dd>`)}</dl>
${
  c.manage
    ? html`<details class="samen-details" ${attrIf(refill?.form === 'guardian', 'open')}><summary>${t('referrals.children.record')}</summary>
<form method="post" action="${ctx.href(`/nvm/cases/${c.caseId}/guardian`)}">${csrf(ctx)}${hiddenField('version', version)}
${textField({ name: 'organisation', id: 'g-organisation', label: t('referrals.field.organisation'), value: v('organisation', r.organisation), errors: [], autocomplete: 'off' }, t)}
${textField({ name: 'appointedOn', id: 'g-appointedOn', label: t('referrals.field.appointedOn'), description: t('referrals.support.dateHint'), value: v('appointedOn', r.appointedOn), errors: [], autocomplete: 'off' }, t)}
${submitButton(t('referrals.children.save'))}</form></details>`
    : ''
}
</section>`;
}
