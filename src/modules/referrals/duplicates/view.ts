// The national coordination's page of possible duplicates: each pair side by side with its score and reasons in
// words, and the two answers (the same person, not the same person); then the latest decisions (references only).
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alert,
  hiddenField,
  ProblemList,
  radioGroup,
  submitButton,
} from '../../../platform/web/components.js';
import { csrf, dateOnly, dateTime, sectionNav, table, type ViewContext } from '../views/common.js';
import { countryText } from '../views/words.js';

export interface DuplicateCase {
  id: string;
  reference: string;
  version: number;
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
  linked: { a: LinkedCase; b: LinkedCase }[];
  decided: { a: string; b: string; outcome: 'linked' | 'dismissed' | 'merged'; at: Date }[];
}

export interface LinkedCase {
  id: string;
  reference: string;
  version: number;
  region: string;
  team: string;
}

/**
 * The merge form of a pair: which case continues (a radio per case, naming its reference and team), the versions
 * the page saw (a stale form is refused), one button.
 */
function mergeForm(
  ctx: ViewContext,
  key: string,
  a: { id: string; reference: string; version: number; team: string },
  b: { id: string; reference: string; version: number; team: string },
): SafeHtml {
  const { t } = ctx;
  const option = (c: typeof a) => ({
    value: c.id,
    label: t('referrals.duplicates.keepCase', { reference: c.reference, team: c.team }),
  });
  return html`<form method="post" action="${ctx.href('/nvm/duplicates/merge')}" class="samen-form">${csrf(ctx)}
${hiddenField('a', a.id)}${hiddenField('b', b.id)}
${hiddenField('versionA', a.version)}${hiddenField('versionB', b.version)}
<p class="utrecht-paragraph">${t('referrals.duplicates.mergeHelp')}</p>
${radioGroup({
  name: 'keep',
  id: `${key}-keep`,
  legend: t('referrals.duplicates.keep'),
  values: {},
  problems: new ProblemList([], t),
  required: true,
  choices: [option(a), option(b)],
})}
${submitButton(t('referrals.duplicates.merge'), { variant: 'secondary' })}
</form>`;
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
${notice ? alert('ok', notice, 'status') : ''}
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
${hiddenField('a', pair.a.id)}${hiddenField('b', pair.b.id)}
${submitButton(t('referrals.duplicates.link'), { name: 'outcome', value: 'linked' })}
${submitButton(t('referrals.duplicates.dismiss'), { variant: 'secondary', name: 'outcome', value: 'dismissed' })}
</form>
${mergeForm(ctx, `pair-${i}`, pair.a, pair.b)}</section>`;
      })
    : html`<p class="utrecht-paragraph">${t('referrals.duplicates.none')}</p>`
}
<h2 class="utrecht-heading-2">${t('referrals.duplicates.linked')}</h2>
${
  data.linked.length
    ? data.linked.map(
        (pair, i) => html`<section class="samen-card" aria-labelledby="linked-${i}">
<h3 class="utrecht-heading-3" id="linked-${i}">${t('referrals.duplicates.linkedPair', { a: pair.a.reference, b: pair.b.reference })}</h3>
${table(
  `linked-${i}-caption`,
  t('referrals.duplicates.compare'),
  [t('referrals.duplicates.field'), t('referrals.duplicates.first'), t('referrals.duplicates.second')],
  [
    [t('referrals.duplicates.reference'), pair.a.reference, pair.b.reference],
    [t('referrals.duplicates.region'), pair.a.region, pair.b.region],
    [t('referrals.duplicates.team'), pair.a.team, pair.b.team],
  ],
)}
${mergeForm(ctx, `linked-${i}`, pair.a, pair.b)}</section>`,
      )
    : html`<p class="utrecht-paragraph">${t('referrals.duplicates.noneLinked')}</p>`
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
