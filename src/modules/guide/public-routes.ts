// The public wegwijzer: /, /guide/<question>, /guide/result, /guide/places (suggestions while typing),
// /guide/info/<slug>, /guide/search, /guide/offline and the service worker. No cookies, no logging of answers
// (the request logger records the route pattern, not the query string), `Cache-Control: no-store` wherever a
// page carries answers, so they are not kept in the browser's disk cache either.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { pathParams, textQuery } from '../../platform/http/form-schema.js';
import { isLocale, type I18n } from '../../platform/i18n/index.js';
import { raw, type SafeHtml } from '../../platform/web/html.js';
import type { DirectoryService } from '../directory/index.js';
import type { GuideService } from './service.js';
import {
  AnswerReader,
  answersKey,
  parseAnswers,
  placeOf,
  rawQueryOf,
  type Answers,
  type ParsedAnswers,
  type RawQuery,
} from './answers.js';
import { withLocale, type InfoLibrary } from './content.js';
import { placeLabel, type PlaceResolution } from './places.js';
import { RESULT_QUERY, STEP_QUERY } from './query-schemas.js';
import { SearchIndex } from './search.js';
import { isStepId, nextStep, type StepId } from './steps.js';
import { infoIndexPage, infoPageView, offlinePage, searchPage, sharePage } from './views/info.js';
import {
  homePage,
  resultPage,
  stepHref,
  stepPage,
  type PlaceAnswer,
  type RouteContext,
} from './views/route.js';

function routeContext(request: FastifyRequest): RouteContext {
  return { t: request.t, locale: request.locale, href: (p) => request.href(p) };
}

function answersOrFail({ answers, problems }: ParsedAnswers): Answers {
  if (problems.length) throw badRequest(problems);
  return answers;
}

function text(value: unknown, max: number): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, max) : '';
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** Information pages that fit the answers: the professional's next steps first, then signals, then rights. */
function infoLinksFor(answers: Answers, library: InfoLibrary, locale: string) {
  const slugs: string[] = [];
  const forms = answers.forms.filter((f) => f !== 'unknown');
  if (answers.audience === 'professional') {
    if (answers.minor === 'yes') slugs.push('professional-minors');
    for (const f of forms) slugs.push(`professional-${f}`);
  } else {
    for (const f of forms) slugs.push(`signals-${f}`);
  }
  if (answers.audience === 'self' || answers.needs.includes('rights')) slugs.push('rights');
  if (answers.audience === 'self') slugs.push('safety');
  if (slugs.length === 0) slugs.push('about-trafficking');
  return slugs.flatMap((slug) => {
    const found = library.page(slug, locale);
    return found ? [{ slug, title: found.page.title }] : [];
  });
}

interface GuideRouteOptions {
  services: { guide: GuideService; directory: DirectoryService };
  library: InfoLibrary;
  i18n: I18n;
  publicOrigin: string;
}

export async function guidePublicRoutes(app: FastifyInstance, options: GuideRouteOptions) {
  homeAndResultRoutes(app, options);
  lookupRoutes(app, options);
  infoRoutes(app, options);
  stepRoute(app, options);
  serviceWorkerRoute(app);
}

/** The home page, where the guide starts, and the result the answers lead to. */
function homeAndResultRoutes(app: FastifyInstance, options: GuideRouteOptions) {
  const { guide, directory } = options.services;
  const { library } = options;
  // Rendered result bodies, held as long as the memoised advice view they were made from.
  const renderedResults = new WeakMap<object, Map<string, SafeHtml>>();
  const reader = new AnswerReader();

  const homeInfo = (locale: string) =>
    [
      'about-trafficking',
      'signals-sexual',
      'signals-labour',
      'signals-criminal',
      'signals-other',
      'rights',
      'safety',
    ]
      .map((slug) => library.page(slug, locale))
      .filter((p): p is NonNullable<typeof p> => Boolean(p))
      .map(({ page }) => ({ slug: page.slug, title: page.title }));

  const home = async (request: FastifyRequest, reply: FastifyReply) =>
    reply.page({
      title: request.t('guide.home.title'),
      body: homePage(routeContext(request), {
        info: homeInfo(request.locale),
        reachable: await guide.reachableNow(request.t),
      }),
    });
  app.get('/', { schema: { hide: true } }, home);
  app.get('/guide', { schema: { hide: true } }, home);

  app.get('/guide/result', { schema: { hide: true, querystring: RESULT_QUERY } }, (request, reply) => {
    const answers = answersOrFail(reader.read(rawQueryOf(request.url), request.query as RawQuery));
    // The rendered body depends only on the (memoised) view, the answers and the link prefix: kept with the view.
    const key = `${request.localePrefix}|${answersKey(answers)}`;
    // The steady state (these answers seen in this opening period, in this language) sends the page without a
    // promise.
    const view = guide.adviceViewNow(answers, request.locale);
    const body = view && renderedResults.get(view)?.get(key);
    if (body) {
      sendResult(request, reply, body);
      return;
    }
    return renderResult(request, reply, answers, key);
  });

  async function renderResult(request: FastifyRequest, reply: FastifyReply, answers: Answers, key: string) {
    const view = await guide.adviceView(answers, request.locale, request.t);
    let body = renderedResults.get(view)?.get(key);
    if (!body) {
      const municipality =
        placeOf(answers) === 'netherlands' ? await directory.municipality(answers.municipality!) : undefined;
      body = resultPage(routeContext(request), answers, view, {
        ...(municipality ? { placeName: municipality.name } : {}),
        infoLinks: infoLinksFor(answers, library, request.locale),
      });
      let perView = renderedResults.get(view);
      if (!perView) renderedResults.set(view, (perView = new Map()));
      perView.set(key, body);
    }
    return sendResult(request, reply, body);
  }

  function sendResult(request: FastifyRequest, reply: FastifyReply, body: SafeHtml) {
    noStore(reply);
    return reply.page({
      title: request.t('guide.result.title'),
      // The sample notice is in the body, after the 112 panel: nothing comes before 112.
      body,
    });
  }
}

/** What the person types, looked up: a place name while typing, and a search through pages and desks. */
function lookupRoutes(app: FastifyInstance, options: GuideRouteOptions) {
  const { guide, directory } = options.services;
  const { library } = options;
  const searchIndexes = new WeakMap<object, Map<string, SearchIndex>>();

  async function searchIndex(locale: string): Promise<SearchIndex> {
    const terms = await directory.termMap();
    let perLocale = searchIndexes.get(terms);
    if (!perLocale) searchIndexes.set(terms, (perLocale = new Map()));
    let index = perLocale.get(locale);
    if (!index) {
      const desks = (await directory.allServices()).filter((r) => r.status === 'active');
      index = new SearchIndex(library.list(locale), desks, terms, locale);
      perLocale.set(locale, index);
    }
    return index;
  }

  app.get(
    '/guide/places',
    { schema: { hide: true, querystring: textQuery(['q']) }, config: { api: true } },
    async (request, reply) => {
      const q = text((request.query as RawQuery).q, 100);
      const resolution: PlaceResolution = q ? await guide.resolvePlace(q) : { status: 'none' };
      noStore(reply);
      const candidates =
        resolution.status === 'found'
          ? [resolution.candidate]
          : resolution.status === 'none'
            ? []
            : resolution.candidates;
      return {
        // found: this is the place; choose: several places have this name; confirm: only close names (ask).
        status: resolution.status,
        places: candidates.map((c) => ({
          code: c.municipality.code,
          name: c.municipality.name,
          province: c.municipality.province,
          ...(c.place ? { place: c.place } : {}),
          label: placeLabel(c),
        })),
      };
    },
  );

  app.get(
    '/guide/search',
    { schema: { hide: true, querystring: textQuery(['q']) } },
    async (request, reply) => {
      const q = text((request.query as RawQuery).q, 100);
      const hits = q ? (await searchIndex(request.locale)).search(q) : [];
      noStore(reply);
      return reply.page({
        title: request.t('guide.search.title'),
        body: searchPage(routeContext(request), q, hits),
      });
    },
  );
}

/** The information pages, the page to share the guide, and the page kept for use without a connection. */
function infoRoutes(app: FastifyInstance, options: GuideRouteOptions) {
  const { directory } = options.services;
  const { library } = options;

  app.get('/guide/info', { schema: { hide: true } }, async (request, reply) =>
    reply.page({
      title: request.t('guide.info.title'),
      body: infoIndexPage(routeContext(request), library.list(request.locale)),
    }),
  );

  app.get(
    '/guide/info/:slug',
    { schema: { hide: true, params: pathParams(['slug']) } },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const found = /^[a-z0-9-]{1,60}$/.test(slug) ? library.page(slug, request.locale) : undefined;
      if (!found) throw notFound();
      return reply.page({
        title: found.page.title,
        body: infoPageView(
          routeContext(request),
          found.page,
          found.fallback,
          raw(withLocale(found.page.html, request.localePrefix)),
        ),
      });
    },
  );

  app.get(
    '/guide/share',
    { schema: { hide: true, querystring: textQuery(['lang']) } },
    async (request, reply) => {
      const requested = text((request.query as RawQuery).lang, 10);
      const lang = isLocale(requested) ? requested : request.locale;
      return reply.page({
        title: request.t('guide.share.title'),
        body: sharePage(routeContext(request), {
          lang,
          origin: options.publicOrigin,
          linkText: options.i18n.translator(lang)('guide.info.findHelp'),
        }),
      });
    },
  );

  app.get('/guide/offline', { schema: { hide: true } }, async (request, reply) => {
    const desks = (await directory.nationalServices()).filter((r) => r.phones.length > 0);
    return reply.page({
      title: request.t('guide.offline.title'),
      body: offlinePage(routeContext(request), desks),
    });
  });
}

/** One question of the guide, with the place lookup on the question where. */
function stepRoute(app: FastifyInstance, options: GuideRouteOptions) {
  const { guide, directory } = options.services;

  app.get(
    '/guide/:step',
    { schema: { hide: true, params: pathParams(['step']), querystring: STEP_QUERY } },
    async (request, reply) => {
      const { step } = request.params as { step: string };
      if (!isStepId(step)) throw notFound();
      const query = request.query as RawQuery;
      const answers = answersOrFail(parseAnswers(query));
      const ctx = routeContext(request);
      noStore(reply);
      let place: PlaceAnswer | undefined;
      if (step === 'where' && query.place !== undefined) {
        const typed = text(query.place, 100);
        const resolution: PlaceResolution = typed ? await guide.resolvePlace(typed) : { status: 'none' };
        // Only an exact name or postcode goes on by itself; anything close is asked (see places.ts).
        if (resolution.status === 'found') {
          const target = { ...answers, municipality: resolution.candidate.municipality.code };
          return reply.redirect(stepHref(ctx, nextStep('where', target), target), 303);
        }
        place = { typed, resolution };
      }
      const municipalityList =
        step === 'where' && text(query.list, 2) === '1'
          ? (await directory.regions()).municipalities
          : undefined;
      return reply.page({
        title: request.t('guide.step.pageTitle', {
          step: request.t(`guide.result.question.${step as StepId}`),
        }),
        body: stepPage(ctx, step, answers, {
          multi: text(query.multi, 2) === '1',
          ...(place ? { place } : {}),
          ...(municipalityList ? { municipalityList } : {}),
        }),
      });
    },
  );
}

function serviceWorkerRoute(app: FastifyInstance) {
  app.get('/sw.js', { schema: { hide: true } }, async (request, reply) => {
    const assets = app.assets;
    return (
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'no-cache')
        // A worker's own CSP governs its fetches: it may fetch from this origin only (to fill the cache).
        .header('content-security-policy', "default-src 'none'; connect-src 'self'")
        .send(serviceWorker([assets.css.url, assets.js.url]))
    );
  });
}

/**
 * The service worker keeps the home page, the emergency numbers and the national desks (/guide/offline) for
 * every language the person opened, so they show without a connection. Pages with answers are never cached.
 */
export function serviceWorker(assetUrls: string[]): string {
  const version = assetUrls.join('|');
  return `'use strict';
var CACHE = 'samen-offline-v1-' + ${JSON.stringify(version)}.length + '-' + ${JSON.stringify(version.replace(/[^a-z0-9]/gi, '').slice(-24))};
var ASSETS = ${JSON.stringify(assetUrls)};
function prefix(path) { var m = /^\\/([a-z]{2})(\\/|$)/.exec(path); return m ? '/' + m[1] : ''; }
function offlineUrls(p) { return [p || '/', p + '/guide/offline']; }
self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(ASSETS.concat(offlineUrls(''))); }).then(function () { return self.skipWaiting(); }));
});
self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});
self.addEventListener('message', function (event) {
  // A page in another language asks to keep that language's home and offline page too.
  var p = typeof event.data === 'string' ? prefix(event.data) : '';
  if (p) caches.open(CACHE).then(function (cache) { return cache.addAll(offlineUrls(p)); }).catch(function () {});
});
self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (ASSETS.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.match(request).then(function (hit) { return hit || fetch(request); }));
    return;
  }
  if (request.mode !== 'navigate') return;
  var p = prefix(url.pathname);
  var keep = offlineUrls(p).indexOf(url.pathname) >= 0 && !url.search;
  event.respondWith(fetch(request).then(function (response) {
    if (keep && response.ok) { var copy = response.clone(); caches.open(CACHE).then(function (cache) { cache.put(request, copy); }); }
    return response;
  }).catch(function () {
    // Each lookup is a promise: try them one after another (a || between promises never reaches the second).
    var home = keep && url.pathname !== p + '/guide/offline';
    return (home ? caches.match(url.pathname) : Promise.resolve(undefined)).then(function (hit) {
      if (hit) return hit;
      return caches.match(p + '/guide/offline').then(function (offline) {
        return offline || caches.match('/guide/offline');
      }).then(function (offline) {
        return offline ? youAreOffline(offline) : Response.error();
      });
    });
  }));
});
// The offline page, shown because the connection is gone: it says so.
function youAreOffline(response) {
  return response.text().then(function (body) {
    // Same headers (content type, CSP with the page's nonce) as the copy that was kept.
    return new Response(body.replace(' hidden data-offline-notice', ' data-offline-notice'), {
      status: 200,
      headers: response.headers,
    });
  });
}
`;
}
