// The close form's loose ends: what is still open (a referral awaiting an answer, a placement request, a person
// still placed, an accepted referral without its outcome, linked to its outcome form on the case page) and the
// choice to withdraw the open ones as part of closing (closing.ts).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { checkboxField } from '../../../platform/web/components.js';
import { looseEndsOf } from '../closing.js';
import type { ViewContext } from './common.js';
import { refilled, type Refill } from './form-state.js';

interface OpenReferral {
  id: string;
  status: string;
  kind: string;
  service_type: string;
  outcome?: string | null;
  toName: string;
}
interface OpenPlacement {
  status: string;
  category: string;
  shelterName: string;
}

export function closeLooseEnds(
  ctx: ViewContext,
  c: { referrals: readonly OpenReferral[]; placements: readonly OpenPlacement[] },
  refill: Refill | undefined,
): SafeHtml | string {
  const { t } = ctx;
  const ends = looseEndsOf(c.referrals, c.placements);
  const items = [
    ...ends.referrals.map((r) =>
      t('referrals.closing.referral', { kind: t(`referrals.kind.${r.kind}`), team: r.toName }),
    ),
    ...ends.placements.map((p) =>
      p.status === 'waiting'
        ? t('referrals.closing.waiting', { category: t(`referrals.category.${p.category}`) })
        : t('referrals.closing.placementRequest', {
            shelter: p.shelterName,
            category: t(`referrals.category.${p.category}`),
          }),
    ),
  ];
  const placed = ends.placed.map((p) => t('referrals.closing.placed', { shelter: p.shelterName }));
  // The outcome form is in the referrals' table of this page (views/case-page-sections.ts, `ro-<id>`).
  const outcomes = ends.awaitingOutcome.map(
    (r) =>
      html`${t('referrals.closing.awaitingOutcome', { service: t(`referrals.serviceType.${r.service_type}`), team: r.toName })} <a class="utrecht-link" href="#ro-${r.id}">${t('referrals.closing.recordOutcome')}</a>`,
  );
  if (items.length === 0 && placed.length === 0 && outcomes.length === 0) return '';
  const checked = refilled(refill, 'transition', 'withdrawOpen', '') === 'yes';
  return html`<div class="samen-card" id="loose-ends">
<h3 class="utrecht-heading-3">${t('referrals.closing.title')}</h3>
<p class="utrecht-paragraph">${t('referrals.closing.intro')}</p>
<ul class="utrecht-unordered-list">${[...items, ...placed, ...outcomes].map((x) => html`<li>${x}</li>`)}</ul>
${placed.length ? html`<p class="utrecht-paragraph">${t('referrals.closing.placedHint')}</p>` : ''}
${outcomes.length ? html`<p class="utrecht-paragraph">${t('referrals.closing.outcomeHint')}</p>` : ''}
${
  items.length
    ? checkboxField({
        name: 'withdrawOpen',
        id: 'move-withdraw',
        label: t('referrals.field.withdrawOpen'),
        checked,
      })
    : ''
}
</div>`;
}
