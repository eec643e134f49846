// The route's pages: the home page (with the first question on it), one page per question and the result.
// Every answer is a link (one tap, no JavaScript); the two multi-choice questions also offer a checkbox form.
// Answers travel in the query string of these links only (see the module README on browser history).
import type { Translate } from '../../../platform/i18n/index.js';
import { attrIf, html, type SafeHtml } from '../../../platform/web/html.js';
import {
  checkboxField,
  hiddenField,
  ProblemList,
  submitButton,
  textField,
} from '../../../platform/web/components.js';
import { answersQueryString, answersToQuery, type Answers } from '../answers.js';
import { abroadAlternative, type AdviceView, type DeskView } from '../present.js';
import { phoneFactsLine, type AbroadAlternative, type MunicipalityInfo } from '../../directory/index.js';
import { wherePage, type PlaceAnswer } from './where.js';
import type { ReachableDesk } from '../routing/open-now.js';
import {
  currentValues,
  isChosen,
  previousStep,
  STEPS,
  stepsFor,
  withAnswer,
  withOption,
  nextStep,
  type StepId,
} from '../steps.js';

export type { PlaceAnswer } from './where.js';

export type { RouteContext } from './route-context.js';
import type { RouteContext } from './route-context.js';

export function stepHref(ctx: RouteContext, step: StepId | 'result', answers: Answers): string {
  return ctx.href(`/guide/${step}`) + answersQueryString(answers);
}

/** Shown first on every page once someone said they are in danger, and on the result when danger is yes. */
export function emergencyPanel(t: Translate): SafeHtml {
  return html`<section class="samen-emergency-panel" aria-labelledby="emergency-title">
  <h2 id="emergency-title" class="utrecht-heading-2">${t('guide.emergency.title')}</h2>
  <p class="utrecht-paragraph">${t('guide.emergency.text')}</p>
  <p><a class="samen-call-button" href="tel:112">${t('guide.emergency.call')}</a></p>
</section>`;
}

function questionTitle(ctx: RouteContext, step: StepId, answers: Answers): string {
  const def = STEPS[step];
  if (!def.perAudience) return ctx.t(`guide.${step}.title`);
  const self = answers.audience === 'self';
  return ctx.t(`guide.${step}.title.${self ? 'self' : 'other'}`);
}

function choiceList(ctx: RouteContext, step: StepId, answers: Answers): SafeHtml {
  const def = STEPS[step];
  return html`<ul class="samen-choices" role="list">
${def.options.map((option) => {
  const target = withOption(answers, def, option);
  const selected = isChosen(answers, def, option);
  return html`<li><a class="samen-choice" href="${stepHref(ctx, nextStep(step, target), target)}"${attrIf(selected, 'aria-current', 'true')}>
<span class="samen-choice__label">${ctx.t(option.key)}</span>
<span class="samen-choice__hint">${ctx.t(`${option.key}.hint`)}</span>
${selected ? html`<span class="samen-visually-hidden"> (${ctx.t('guide.step.yourAnswer')})</span>` : ''}
</a></li>`;
})}
</ul>`;
}

function skipLinks(ctx: RouteContext, step: StepId, answers: Answers): SafeHtml {
  const def = STEPS[step];
  const skipped = withAnswer(answers, def.param, def.skipValue ? [def.skipValue] : undefined);
  const target = stepHref(ctx, nextStep(step, skipped), skipped);
  return html`<ul class="samen-skip-choices" role="list">
<li><a class="samen-skip-choice" href="${target}">${ctx.t('guide.step.skip.unknown')}</a></li>
<li><a class="samen-skip-choice" href="${target}">${ctx.t('guide.step.skip.private')}</a></li>
</ul>`;
}

function hiddenAnswers(answers: Answers, except: string): SafeHtml[] {
  return answersToQuery(answers)
    .filter(([name]) => name !== except)
    .map(([name, value]) => hiddenField(name, value));
}

function multiForm(ctx: RouteContext, step: StepId, answers: Answers): SafeHtml {
  const def = STEPS[step];
  const chosen = currentValues(answers, def.param);
  const next = nextStep(step, answers);
  return html`<form method="get" action="${ctx.href(`/guide/${next}`)}" class="samen-multi-form">
${hiddenAnswers(answers, def.param)}
<fieldset class="utrecht-form-fieldset">
<legend class="utrecht-form-fieldset__legend">${ctx.t('guide.step.multi.hint')}</legend>
${def.options.map((option) =>
  checkboxField({
    name: def.param,
    id: `opt-${option.value}`,
    value: option.value,
    checked: chosen.includes(option.value),
    className: 'samen-checkbox--large',
    label: html`${ctx.t(option.key)} <span class="samen-choice__hint">${ctx.t(`${option.key}.hint`)}</span>`,
  }),
)}
</fieldset>
${submitButton(ctx.t('guide.step.next'))}
</form>`;
}

function stepHeader(ctx: RouteContext, step: StepId, answers: Answers): SafeHtml {
  const steps = stepsFor(answers);
  const previous = previousStep(step, answers);
  return html`<nav class="samen-step-nav" aria-label="${ctx.t('guide.step.navLabel')}">
${
  previous
    ? html`<a class="utrecht-link samen-back" href="${stepHref(ctx, previous, answers)}">${ctx.t('guide.step.back')}</a>`
    : html`<a class="utrecht-link samen-back" href="${ctx.href('/')}">${ctx.t('guide.step.back')}</a>`
}
<p class="samen-step-count">${ctx.t('guide.step.counter', { step: steps.indexOf(step) + 1, total: steps.length })}</p>
</nav>`;
}

export function stepPage(
  ctx: RouteContext,
  step: StepId,
  answers: Answers,
  options: { multi?: boolean; place?: PlaceAnswer; municipalityList?: MunicipalityInfo[] },
): SafeHtml {
  const def = STEPS[step];
  const title = questionTitle(ctx, step, answers);
  const danger = answers.danger === 'yes' && step !== 'danger';
  let body: SafeHtml;
  if (step === 'where') body = wherePage(ctx, answers, options.place, options.municipalityList);
  else if (def.multi && options.multi) body = multiForm(ctx, step, answers);
  else
    body = html`${choiceList(ctx, step, answers)}
${
  def.multi
    ? html`<p class="samen-more-choices"><a class="utrecht-link" href="${ctx.href(`/guide/${step}`)}${answersQueryString(answers, [['multi', '1']])}">${ctx.t('guide.step.multi')}</a></p>`
    : ''
}`;
  return html`${danger ? emergencyPanel(ctx.t) : ''}
${stepHeader(ctx, step, answers)}
<h1 class="utrecht-heading-1" id="question">${title}</h1>
<p class="utrecht-paragraph">${ctx.t(`guide.${step}.hint`)}</p>
${body}
${step === 'where' ? '' : skipLinks(ctx, step, answers)}`;
}

/** The home page: a short welcome, the first question, and the ways in for information and search. */
export function homePage(
  ctx: RouteContext,
  links: { info: { slug: string; title: string }[]; reachable?: ReachableDesk[] },
): SafeHtml {
  const { t } = ctx;
  const empty: Answers = { forms: [], needs: [] };
  return html`<h1 class="utrecht-heading-1">${t('guide.home.title')}</h1>
<p class="utrecht-paragraph utrecht-paragraph--lead">${t('guide.home.intro')}</p>
<section aria-labelledby="question">
<h2 class="utrecht-heading-2" id="question">${t('guide.who.title')}</h2>
<p class="utrecht-paragraph">${t('guide.who.hint')}</p>
${choiceList(ctx, 'who', empty)}
<p class="samen-more-choices"><a class="utrecht-link" href="${stepHref(ctx, 'what', empty)}">${t('guide.step.skip.private')}</a></p>
</section>
${links.reachable ? reachableNowSection(ctx, links.reachable) : ''}
<section aria-labelledby="search-title">
<h2 class="utrecht-heading-2" id="search-title">${t('guide.search.title')}</h2>
${searchForm(ctx, '')}
</section>
<section aria-labelledby="info-title">
<h2 class="utrecht-heading-2" id="info-title">${t('guide.home.info')}</h2>
<ul class="samen-plain-list">
${links.info.map((l) => html`<li><a class="utrecht-link" href="${ctx.href(`/guide/info/${l.slug}`)}">${l.title}</a></li>`)}
</ul>
<p><a class="utrecht-link" href="${ctx.href('/directory')}">${t('guide.home.directory')}</a></p>
</section>`;
}

/** "Reachable right now": national desks to call or chat with at this moment, 24/7 ones first. */
function reachableNowSection(ctx: RouteContext, desks: ReachableDesk[]): SafeHtml {
  const { t } = ctx;
  return html`<section class="samen-open-now" aria-labelledby="open-now-title">
<h2 class="utrecht-heading-2" id="open-now-title">${t('guide.openNow.title')}</h2>
${
  desks.length
    ? html`<p class="utrecht-paragraph">${t('guide.openNow.intro')}</p>
<ul class="samen-plain-list samen-open-now-list">
${desks.map(
  (d) =>
    html`<li><a class="utrecht-link" href="${d.contact.href ?? ctx.href(d.path)}">${inDutch(ctx, d.name)}: <span dir="ltr">${d.contact.value}</span></a> (${t(`guide.openNow.${d.reach}`)})</li>`,
)}
</ul>`
    : html`<p class="utrecht-paragraph">${t('guide.openNow.none')}</p>`
}
</section>`;
}

export function searchForm(ctx: RouteContext, q: string): SafeHtml {
  return html`<form method="get" action="${ctx.href('/guide/search')}" role="search" class="samen-search-form">
${textField({ name: 'q', id: 'search-q', label: ctx.t('guide.search.label'), type: 'search', maxlength: 100, values: { q }, problems: new ProblemList([], ctx.t) }, ctx.t)}
${submitButton(ctx.t('guide.search.submit'), { variant: 'secondary' })}
</form>`;
}

function answerSummary(ctx: RouteContext, answers: Answers, placeName: string | undefined): SafeHtml {
  const { t } = ctx;
  const steps = stepsFor(answers);
  const value = (step: StepId): string => {
    const def = STEPS[step];
    const values = currentValues(answers, def.param);
    if (values.length === 0 || values.every((v) => v === 'unknown')) return t('guide.result.notAnswered');
    if (step === 'where') {
      if (values[0] === 'abroad') return t('guide.where.abroad');
      return placeName ?? values[0]!;
    }
    if (step === 'age' && answers.situation) return t(`guide.age.${answers.situation}`);
    return values.map((v) => t(`guide.${step}.${v}`)).join(', ');
  };
  return html`<details class="samen-details samen-answers">
<summary>${t('guide.result.answers')}</summary>
<dl class="samen-dl">
${steps.map(
  (step) => html`<dt>${t(`guide.result.question.${step}`)}</dt>
<dd>${value(step)} <a class="utrecht-link" href="${stepHref(ctx, step, answers)}">${t('guide.result.change')}<span class="samen-visually-hidden"> (${t(`guide.result.question.${step}`)})</span></a></dd>`,
)}
</dl>
</details>`;
}

/** Directory names are Dutch: say so to screen readers, and isolate them in right-to-left pages. */
function inDutch(ctx: RouteContext, text: string): SafeHtml | string {
  return ctx.locale === 'nl' ? text : html`<span lang="nl" dir="ltr">${text}</span>`;
}

/** The desk's way in from abroad, for a number that cannot be called from there. */
function abroadFor(desk: DeskView): AbroadAlternative | undefined {
  const c = abroadAlternative(desk.contacts);
  if (!c?.href) return undefined;
  return c.fee !== undefined && c.international
    ? { label: c.label, value: c.international, href: `tel:${c.international.replace(/[^0-9+]/g, '')}` }
    : { label: c.label, value: c.value, href: c.href };
}

function deskCard(ctx: RouteContext, desk: DeskView): SafeHtml {
  const { t } = ctx;
  const headingId = `desk-${desk.rank}`;
  const status =
    desk.openNow === true
      ? html`<p class="samen-open samen-open--yes">${t('guide.result.openNow')}</p>`
      : desk.openNow === false
        ? html`<p class="samen-open samen-open--no">${t('guide.result.closedNow')}${desk.opensNext ? ` ${desk.opensNext}` : ''}</p>`
        : '';
  return html`<li class="samen-desk" aria-labelledby="${headingId}">
<h2 class="utrecht-heading-3" id="${headingId}">${inDutch(ctx, desk.name)}</h2>
<p class="samen-meta">${inDutch(ctx, desk.organization)}</p>
<div class="samen-why"><p class="samen-why__title">${t('guide.result.why')}</p>${desk.reasons.map((r, i) => {
    const lang = desk.reasonLangs[i] ?? ctx.locale;
    return lang === ctx.locale
      ? html`<p class="utrecht-paragraph">${r}</p>`
      : html`<p class="utrecht-paragraph" lang="${lang}" dir="ltr">${r}</p>`;
  })}</div>
${status}
${
  desk.contacts.length
    ? html`<ul class="samen-contact-buttons" role="list" aria-label="${t('guide.result.reach', { name: desk.name })}">
${desk.contacts.map((c) =>
  c.href
    ? html`<li><a class="samen-contact-button" href="${c.href}"${attrIf(c.href.startsWith('http'), 'rel', 'noreferrer noopener')}><span class="samen-contact-button__channel">${c.label}</span> <span class="samen-contact-button__value" dir="ltr">${c.value.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}</span></a>${c.fee ? phoneFactsLine(c.value, t, abroadFor(desk)) : ''}</li>`
    : html`<li class="samen-contact-address"><span class="samen-contact-button__channel">${c.label}</span> ${c.value}</li>`,
)}
</ul>`
    : html`<p class="utrecht-paragraph">${t('guide.result.noContacts')}</p>`
}
<ul class="samen-facts" role="list">
${desk.free ? html`<li>${t('guide.result.free')}</li>` : ''}
${desk.anonymous ? html`<li>${t('guide.result.anonymous')}</li>` : ''}
${desk.languages.length ? html`<li>${t('guide.result.languages', { list: desk.languages.map((l) => l.name).join(', ') })}</li>` : ''}
${desk.hours.length ? html`<li>${t('guide.result.hours', { hours: desk.hours.join('; ') })}</li>` : ''}
</ul>
<details class="samen-details"><summary>${t('guide.result.whatHappens')}</summary><p class="utrecht-paragraph">${desk.whatHappens}</p></details>
<p><a class="utrecht-link" href="${ctx.href(desk.path)}">${t('guide.result.more')}<span class="samen-visually-hidden"> (${desk.name})</span></a></p>
</li>`;
}

/** What to do now and the one desk to contact first (the first of the ranked desks, see routing/first-step.ts). */
function firstStepSection(ctx: RouteContext, advice: AdviceView, professional?: SafeHtml): SafeHtml {
  const { t } = ctx;
  const first = advice.firstStep;
  const desk = advice.desks[0];
  if (!first || !desk) return html``;
  const reach = html`<p class="samen-first-step__reach samen-first-step__reach--${first.reach}">${t(`guide.first.reach.${first.reach}`)}${first.reach === 'closed' && desk.opensNext ? ` ${desk.opensNext}` : ''}</p>`;
  return html`<section class="samen-first-step" aria-labelledby="first-title">
<h2 class="utrecht-heading-2" id="first-title">${t('guide.first.title')}</h2>
${professional ?? ''}
<p class="utrecht-paragraph samen-first-step__action">${first.action}</p>
${first.contact?.href ? html`<p><a class="samen-call-button${advice.emergency ? '' : ' samen-start-link'}" href="${first.contact.href}">${first.contact.label} <span dir="ltr">${first.contact.value.replace(/^https?:\/\/(www\.)?/, '').replace(/\/$/, '')}</span></a></p>` : ''}
${reach}
<ol class="samen-desks" role="list">
${deskCard(ctx, desk)}
</ol>
</section>`;
}

/** For professionals: what to do, before whom to call; shown inside "what to do now", above the first desk. */
function professionalSteps(
  ctx: RouteContext,
  answers: Answers,
  guideLink?: { slug: string; title: string },
): SafeHtml {
  const { t } = ctx;
  return html`<div class="samen-pro-steps">
<ol class="utrecht-ordered-list">
<li>${t('guide.pro.consult')}</li>
${answers.minor === 'yes' ? html`<li>${t('guide.pro.minor')}</li>` : ''}
<li>${t('guide.pro.call')}</li>
<li>${t('guide.pro.register')}</li>
</ol>
${guideLink ? html`<p class="utrecht-paragraph">${t('guide.pro.guide')} <a class="utrecht-link" href="${ctx.href(`/guide/info/${guideLink.slug}`)}">${guideLink.title}</a></p>` : ''}
</div>`;
}

export function resultPage(
  ctx: RouteContext,
  answers: Answers,
  advice: AdviceView,
  extras: { placeName?: string; infoLinks: { slug: string; title: string }[] },
): SafeHtml {
  const { t } = ctx;
  return html`${advice.emergency ? emergencyPanel(t) : ''}
${advice.desks.some((d) => d.isSample) ? html`<p class="samen-sample-notice">${t('layout.sampleNotice')}</p>` : ''}
<h1 class="utrecht-heading-1">${t('guide.result.title')}</h1>
${firstStepSection(
  ctx,
  advice,
  answers.audience === 'professional' ? professionalSteps(ctx, answers, extras.infoLinks[0]) : undefined,
)}
<p class="utrecht-paragraph">${t('guide.result.intro')}</p>
${answerSummary(ctx, answers, extras.placeName)}
${
  advice.desks.length > 1
    ? html`<h2 class="utrecht-heading-2" id="others-title">${t('guide.first.others')}</h2>
<ol class="samen-desks" role="list" aria-labelledby="others-title" start="2">
${advice.desks.slice(1).map((d) => deskCard(ctx, d))}
</ol>`
    : ''
}
${
  extras.infoLinks.length
    ? html`<section aria-labelledby="read-more"><h2 class="utrecht-heading-2" id="read-more">${t('guide.result.readMore')}</h2>
<ul class="samen-plain-list">${extras.infoLinks.map((l) => html`<li><a class="utrecht-link" href="${ctx.href(`/guide/info/${l.slug}`)}">${l.title}</a></li>`)}</ul></section>`
    : ''
}
<p><a class="utrecht-link" href="${ctx.href('/')}">${t('guide.result.startAgain')}</a></p>`;
}
