// The "where" question: a town, village, district or postcode typed in any language or script. An exact name goes
// on (303, in the route); a name several places share asks which one; a near name asks "Did you mean …?" (never
// taken silently); nothing found says so and offers the list of all municipalities and "I'd rather not say".
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { hiddenField, ProblemList, submitButton, textField } from '../../../platform/web/components.js';
import type { MunicipalityInfo } from '../../directory/index.js';
import { answersQueryString, answersToQuery, type Answers } from '../answers.js';
import { placeLabel, type PlaceCandidate, type PlaceResolution } from '../places.js';
import { nextStep, withAnswer, type StepId } from '../steps.js';
import type { RouteContext } from './route-context.js';

export interface PlaceAnswer {
  typed: string;
  resolution: PlaceResolution;
}

const href = (ctx: RouteContext, step: StepId | 'result', answers: Answers) =>
  ctx.href(`/guide/${step}`) + answersQueryString(answers);

function candidateList(
  ctx: RouteContext,
  answers: Answers,
  candidates: PlaceCandidate[],
  labelledBy: string,
) {
  return html`<ul class="samen-choices" role="list" aria-labelledby="${labelledBy}">
${candidates.map((c) => {
  const target = withAnswer(answers, 'municipality', [c.municipality.code]);
  return html`<li><a class="samen-choice" href="${href(ctx, nextStep('where', target), target)}" lang="nl"><span class="samen-choice__label">${placeLabel(c)}</span><span class="samen-choice__hint">${c.municipality.province}</span></a></li>`;
})}
</ul>`;
}

/** What to ask after a name was typed that did not lead straight on. */
function answerToTyped(ctx: RouteContext, answers: Answers, place: PlaceAnswer): SafeHtml {
  const { t } = ctx;
  const r = place.resolution;
  if (r.status === 'choose')
    return html`<h2 class="utrecht-heading-2" id="suggestions">${t('guide.where.choose', { place: place.typed })}</h2>
${candidateList(ctx, answers, r.candidates, 'suggestions')}`;
  if (r.status === 'confirm')
    return html`<h2 class="utrecht-heading-2" id="suggestions">${
      r.candidates.length === 1
        ? t('guide.where.confirmOne', { place: placeLabel(r.candidates[0]!) })
        : t('guide.where.suggestions')
    }</h2>
<p class="utrecht-paragraph">${t('guide.where.confirmHint', { place: place.typed })}</p>
${candidateList(ctx, answers, r.candidates, 'suggestions')}`;
  return html``;
}

/** All 342 municipalities by province, for when a name is not found (or someone would rather pick). */
function municipalityList(ctx: RouteContext, answers: Answers, list: MunicipalityInfo[]): SafeHtml {
  const provinces = [...new Set(list.map((m) => m.province))].sort((a, b) => a.localeCompare(b, 'nl'));
  return html`<section aria-labelledby="all-municipalities">
<h2 class="utrecht-heading-2" id="all-municipalities">${ctx.t('guide.where.listTitle')}</h2>
${provinces.map((province, i) => {
  const id = `province-${i}`;
  return html`<h3 class="utrecht-heading-3" id="${id}" lang="nl">${province}</h3>
<ul class="samen-plain-list samen-municipality-list" aria-labelledby="${id}" lang="nl">
${list
  .filter((m) => m.province === province)
  .map((m) => {
    const target = withAnswer(answers, 'municipality', [m.code]);
    return html`<li><a class="utrecht-link" href="${href(ctx, nextStep('where', target), target)}">${m.name}</a></li>`;
  })}
</ul>`;
})}
</section>`;
}

export function wherePage(
  ctx: RouteContext,
  answers: Answers,
  place?: PlaceAnswer,
  list?: MunicipalityInfo[],
): SafeHtml {
  const { t } = ctx;
  const next = nextStep('where', answers);
  const typed = place?.typed ?? '';
  const notFound = Boolean(typed) && place?.resolution.status === 'none';
  const abroad = withAnswer(answers, 'municipality', ['abroad']);
  const unknown = withAnswer(answers, 'municipality', ['unknown']);
  const listHref = `${ctx.href('/guide/where')}${answersQueryString(answers, [['list', '1']])}`;
  return html`<form method="get" action="${ctx.href('/guide/where')}" class="samen-place-form" role="search">
${answersToQuery(answers)
  .filter(([name]) => name !== 'municipality')
  .map(([name, value]) => hiddenField(name, value))}
${textField(
  {
    name: 'place',
    id: 'place',
    label: t('guide.where.label'),
    description: t('guide.where.examples'),
    values: { place: typed },
    problems: new ProblemList(
      notFound ? [{ field: 'place', key: 'guide.where.notFound', params: { place: typed } }] : [],
      t,
    ),
    maxlength: 100,
    autocomplete: 'off',
    spellcheck: false,
    data: { 'place-suggest': ctx.href('/guide/places') },
  },
  t,
)}
${submitButton(t('guide.where.submit'))}
</form>
${place ? answerToTyped(ctx, answers, place) : ''}
${list ? municipalityList(ctx, answers, list) : html`<p class="samen-more-choices"><a class="utrecht-link" href="${listHref}">${t('guide.where.list')}</a></p>`}
<ul class="samen-skip-choices" role="list">
<li><a class="samen-skip-choice" href="${href(ctx, next, abroad)}">${t('guide.where.abroad')}</a></li>
<li><a class="samen-skip-choice" href="${href(ctx, next, unknown)}">${t('guide.step.skip.unknown')}</a></li>
<li><a class="samen-skip-choice" href="${href(ctx, next, unknown)}">${t('guide.step.skip.private')}</a></li>
</ul>`;
}
