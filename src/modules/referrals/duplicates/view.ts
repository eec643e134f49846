// The national coordination's page of possible duplicates: each pair side by side with its score and reasons in
// words, and the two answers (the same person, not the same person); then the latest decisions (references only).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { csrf, dateOnly, dateTime, sectionNav, table, type ViewContext } from '../views/common.js';
import { countryText } from '../views/words.js';

export interface DuplicateCase {
  id: string;
  reference: string;
  name: string | null;
  dateOfBirth: string | null;
  citizenship: string;
  place: string;
  region: string;
  team: string;
  createdAt: Date;
}

export interface DuplicatePage {
  pairs: { a: DuplicateCase; b: DuplicateCase; score: number; reasons: string[] }[];
  decided: { a: string; b: string; outcome: 'linked' | 'dismissed'; at: Date }[];
}

export function duplicatesPage(ctx: ViewContext, data: DuplicatePage, notice?: string): SafeHtml {
  const { t } = ctx;
  const side = (c: DuplicateCase) => [
    c.reference,
    c.name ?? t('referrals.unknown'),
    c.dateOfBirth ? dateOnly(c.dateOfBirth, ctx.locale) : t('referrals.unknown'),
    countryText(ctx, c.citizenship),
    c.place,
    c.region,
    c.team,
    dateTime(c.createdAt, ctx.locale),
  ];
  const labels = [
    t('referrals.duplicates.reference'),
    t('referrals.duplicates.name'),
    t('referrals.duplicates.dateOfBirth'),
    t('referrals.duplicates.nationality'),
    t('referrals.duplicates.place'),
    t('referrals.duplicates.region'),
    t('referrals.duplicates.team'),
    t('referrals.duplicates.signalled'),
  ];
  return html`${sectionNav(ctx, '/nvm/duplicates')}
<h1 class="utrecht-heading-1">${t('referrals.duplicates.title')}</h1>
${notice ? html`<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">${notice}</p></div>` : ''}
<p class="utrecht-paragraph">${t('referrals.duplicates.intro')}</p>
${
  data.pairs.length
    ? data.pairs.map((pair, i) => {
        const a = side(pair.a);
        const b = side(pair.b);
        return html`<section class="samen-card" aria-labelledby="pair-${i}">
<h2 class="utrecht-heading-2" id="pair-${i}">${t('referrals.duplicates.pair', { a: pair.a.reference, b: pair.b.reference, score: pair.score })}</h2>
${table(
  `pair-${i}-caption`,
  t('referrals.duplicates.compare'),
  [t('referrals.duplicates.field'), t('referrals.duplicates.first'), t('referrals.duplicates.second')],
  labels.map((label, k) => [label, a[k]!, b[k]!]),
)}
<h3 class="utrecht-heading-3">${t('referrals.duplicates.reasons')}</h3>
<ul class="utrecht-unordered-list">${pair.reasons.map((r) => html`<li>${t(`referrals.duplicates.reason.${r}`)}</li>`)}</ul>
<form method="post" action="${ctx.href('/nvm/duplicates/decide')}" class="samen-actions">${csrf(ctx)}
<input type="hidden" name="a" value="${pair.a.id}"><input type="hidden" name="b" value="${pair.b.id}">
<button class="utrecht-button utrecht-button--primary-action" type="submit" name="outcome" value="linked">${t('referrals.duplicates.link')}</button>
<button class="utrecht-button utrecht-button--secondary-action" type="submit" name="outcome" value="dismissed">${t('referrals.duplicates.dismiss')}</button>
</form></section>`;
      })
    : html`<p class="utrecht-paragraph">${t('referrals.duplicates.none')}</p>`
}
<h2 class="utrecht-heading-2">${t('referrals.duplicates.decided')}</h2>
${
  data.decided.length
    ? table(
        'decided-caption',
        t('referrals.duplicates.decidedCaption'),
        [
          t('referrals.duplicates.first'),
          t('referrals.duplicates.second'),
          t('referrals.duplicates.outcome'),
          t('referrals.duplicates.when'),
        ],
        data.decided.map((d) => [
          d.a,
          d.b,
          t(`referrals.duplicates.outcome.${d.outcome}`),
          dateTime(d.at, ctx.locale),
        ]),
      )
    : html`<p class="utrecht-paragraph">${t('referrals.duplicates.noneDecided')}</p>`
}`;
}
