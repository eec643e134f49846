// The national coordination's page of possible duplicates: each pair side by side with its score and reasons in
// words, and the two answers (the same person, not the same person); then the latest decisions (references only).
// Each pair also shows what was decided about the person on either case and which support period runs, and what a
// merge either way would carry over (duplicates/carry.ts), so the coordinator can choose which case continues.
import { html, type SafeHtml } from '../../../platform/web/html.js';
import {
  alert,
  hiddenField,
  ProblemList,
  radioGroup,
  submitButton,
} from '../../../platform/web/components.js';
import { typeName } from '../identification/words.js';
import { localDate } from '../model.js';
import { csrf, dateOnly, dateTime, sectionNav, table, type ViewContext } from '../views/common.js';
import { countryText } from '../views/words.js';
import type { CarrySummary, CaseStanding } from './carry.js';

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
  standing: CaseStanding;
}

/** What a merge would carry over: into the first case (from the second), into the second (from the first). */
export interface PairCarry {
  intoA: CarrySummary;
  intoB: CarrySummary;
}

export interface DuplicatePage {
  pairs: { a: DuplicateCase; b: DuplicateCase; score: number; reasons: string[]; carry: PairCarry }[];
  linked: { a: LinkedCase; b: LinkedCase; carry: PairCarry }[];
  decided: { a: string; b: string; outcome: 'linked' | 'dismissed' | 'merged'; at: Date }[];
}

export interface LinkedCase {
  id: string;
  reference: string;
  version: number;
  region: string;
  team: string;
  standing: CaseStanding;
}

/** The rows of the comparison saying what was decided about the person and which support period runs. */
function standingRows(ctx: ViewContext, a: CaseStanding, b: CaseStanding): (SafeHtml | string)[][] {
  const { t } = ctx;
  const day = (d: Date | string) => dateOnly(typeof d === 'string' ? d : localDate(d), ctx.locale);
  const decisions = (s: CaseStanding) =>
    s.decisions.length
      ? html`<ul class="utrecht-unordered-list">${s.decisions.map(
          (d) =>
            html`<li>${
              d.outcome
                ? t('referrals.duplicates.decisionLine', {
                    type: typeName(t, d.type),
                    outcome: t(`referrals.identification.outcome.${d.outcome}`),
                    date: day(d.at),
                  })
                : t('referrals.duplicates.decisionWaiting', { type: typeName(t, d.type), date: day(d.at) })
            }</li>`,
        )}</ul>`
      : t('referrals.duplicates.noDecision');
  const periods = (s: CaseStanding) =>
    [
      s.recoveryUntil ? t('referrals.duplicates.recoveryRuns', { date: day(s.recoveryUntil) }) : '',
      s.reflectionUntil ? t('referrals.duplicates.reflectionRuns', { date: day(s.reflectionUntil) }) : '',
    ]
      .filter(Boolean)
      .join('; ') || t('referrals.duplicates.noPeriod');
  return [
    [t('referrals.duplicates.decisions'), decisions(a), decisions(b)],
    [t('referrals.duplicates.periods'), periods(a), periods(b)],
  ];
}

/** Before merging: for either choice, what the continuing case receives from the other and what stays behind. */
function carryTable(
  ctx: ViewContext,
  key: string,
  a: { reference: string },
  b: { reference: string },
  carry: PairCarry,
): SafeHtml {
  const { t } = ctx;
  const types = (list: CarrySummary['moved']) =>
    list.length ? list.map((type) => typeName(t, type)).join(', ') : t('referrals.duplicates.nothing');
  const row = (into: { reference: string }, c: CarrySummary) => [
    t('referrals.duplicates.carryIf', { reference: into.reference }),
    types(c.moved),
    types(c.kept),
    c.facts.length
      ? c.facts.map((f) => t(`referrals.duplicates.fact.${f}`)).join(', ')
      : t('referrals.duplicates.nothing'),
  ];
  return html`<p class="utrecht-paragraph">${t('referrals.duplicates.carryHelp')}</p>
${table(
  `${key}-carry-caption`,
  t('referrals.duplicates.carryCaption'),
  [
    t('referrals.duplicates.carryContinues'),
    t('referrals.duplicates.carryMoved'),
    t('referrals.duplicates.carryKept'),
    t('referrals.duplicates.carryFacts'),
  ],
  [row(a, carry.intoA), row(b, carry.intoB)],
)}`;
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
  [
    ...labels.map((label, k) => [label, a[k]!, b[k]!]),
    ...standingRows(ctx, pair.a.standing, pair.b.standing),
  ],
)}
<h3 class="utrecht-heading-3">${t('referrals.duplicates.reasons')}</h3>
<ul class="utrecht-unordered-list">${pair.reasons.map((r) => html`<li>${t(`referrals.duplicates.reason.${r}`)}</li>`)}</ul>
<form method="post" action="${ctx.href('/nvm/duplicates/decide')}" class="samen-actions">${csrf(ctx)}
${hiddenField('a', pair.a.id)}${hiddenField('b', pair.b.id)}
${submitButton(t('referrals.duplicates.link'), { name: 'outcome', value: 'linked' })}
${submitButton(t('referrals.duplicates.dismiss'), { variant: 'secondary', name: 'outcome', value: 'dismissed' })}
</form>
${carryTable(ctx, `pair-${i}`, pair.a, pair.b, pair.carry)}
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
    ...standingRows(ctx, pair.a.standing, pair.b.standing),
  ],
)}
${carryTable(ctx, `linked-${i}`, pair.a, pair.b, pair.carry)}
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
