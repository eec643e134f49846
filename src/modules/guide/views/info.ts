// Information pages, the search results and the offline page (emergency numbers and national desks).
import type { Translate } from '../../../platform/i18n/index.js';
import { html, type SafeHtml } from '../../../platform/web/html.js';
import { alertBlock, selectField, submitButton } from '../../../platform/web/components.js';
import { LOCALES, localeInfo } from '../../../platform/i18n/index.js';
import {
  phoneFacts,
  phoneFactsLine,
  phoneLink,
  type AbroadAlternative,
  type ServiceRecord,
} from '../../directory/index.js';
import type { InfoPage } from '../content.js';
import type { SearchHit } from '../search.js';
import { emergencyPanel, searchForm, type RouteContext } from './route.js';

export function infoIndexPage(ctx: RouteContext, pages: InfoPage[]): SafeHtml {
  return html`<h1 class="utrecht-heading-1">${ctx.t('guide.info.title')}</h1>
<ul class="samen-card-list" role="list">
${pages.map(
  (
    p,
  ) => html`<li class="samen-card"><h2 class="utrecht-heading-3"><a class="utrecht-link" href="${ctx.href(`/guide/info/${p.slug}`)}"${p.locale !== ctx.locale ? html` lang="${p.locale}"` : ''}>${p.title}</a></h2>
<p class="utrecht-paragraph"${p.locale !== ctx.locale ? html` lang="${p.locale}"` : ''}>${p.summary}</p></li>`,
)}
</ul>`;
}

export function infoPageView(ctx: RouteContext, page: InfoPage, fallback: boolean, body: SafeHtml): SafeHtml {
  const dir = localeInfo(page.locale).dir;
  return html`${
    fallback
      ? alertBlock('info', {
          role: 'note',
          message: ctx.t('guide.info.fallback', { language: localeInfo(page.locale).name }),
        })
      : ''
  }
<article class="samen-prose"${fallback ? html` lang="${page.locale}" dir="${dir}"` : ''}>
<h1 class="utrecht-heading-1">${page.title}</h1>
${body}
</article>
<p class="samen-meta">${ctx.t('guide.info.reviewed', { date: page.reviewed })}</p>
<p><a class="samen-start-link" href="${ctx.href('/guide/who')}">${ctx.t('guide.info.findHelp')}</a></p>`;
}

/** lang and dir for a text in another language than the page's (a Dutch desk name, an English fallback page). */
function langOf(ctx: RouteContext, lang: string): SafeHtml {
  return lang === ctx.locale ? html`` : html` lang="${lang}" dir="${localeInfo(lang).dir}"`;
}

export function searchPage(ctx: RouteContext, q: string, hits: SearchHit[]): SafeHtml {
  const { t } = ctx;
  return html`<h1 class="utrecht-heading-1">${t('guide.search.title')}</h1>
${searchForm(ctx, q)}
${
  q
    ? html`<p class="utrecht-paragraph" role="status">${t('guide.search.count', { count: hits.length, q })}</p>
<ul class="samen-card-list" role="list">
${hits.map(
  (
    h,
  ) => html`<li class="samen-card"><h2 class="utrecht-heading-3"><a class="utrecht-link" href="${ctx.href(h.path)}"${langOf(ctx, h.lang)}>${h.title}</a></h2>
<p class="samen-meta">${h.kind === 'page' ? t('guide.search.kind.page') : t('guide.search.kind.desk')}</p>
<p class="utrecht-paragraph"${langOf(ctx, h.lang)}>${h.summary}</p></li>`,
)}
</ul>
${hits.length === 0 ? html`<p class="utrecht-paragraph">${t('guide.search.none')} <a class="utrecht-link" href="${ctx.href('/guide/who')}">${t('guide.info.findHelp')}</a></p>` : ''}`
    : ''
}`;
}

/** From abroad: another of the desk's numbers that works from there, else its website. */
function abroadOf(desk: ServiceRecord, t: Translate): AbroadAlternative | undefined {
  for (const p of desk.phones) {
    const international = phoneFacts(p.number).international;
    if (p.channel !== 'whatsapp' && international)
      return {
        label: t('guide.channel.phone'),
        value: international,
        href: `tel:${international.replace(/[^0-9+]/g, '')}`,
      };
  }
  const url = desk.urls[0]?.url ?? desk.url;
  return url ? { label: t('guide.channel.website'), value: url, href: url } : undefined;
}

export function offlinePage(ctx: RouteContext, desks: ServiceRecord[]): SafeHtml {
  const { t } = ctx;
  // The service worker unhides the notice when it shows this page because the connection is gone.
  return html`${alertBlock('warning', {
    message: t('guide.offline.youAreOffline'),
    role: 'status',
    className: 'samen-offline-notice',
    hidden: true,
    data: { 'offline-notice': '' },
  })}
${emergencyPanel(t)}
<h1 class="utrecht-heading-1">${t('guide.offline.title')}</h1>
<p class="utrecht-paragraph">${t('guide.offline.intro')}</p>
<ul class="samen-card-list" role="list">
${desks.map(
  (
    d,
  ) => html`<li class="samen-card"><h2 class="utrecht-heading-3"${ctx.locale !== 'nl' ? html` lang="nl" dir="ltr"` : ''}>${d.name}</h2>
<ul class="samen-contact-buttons" role="list" aria-label="${t('guide.result.reach', { name: d.name })}">
${d.phones.map((p) => html`<li><a class="samen-contact-button" href="${phoneLink(p)}"><span class="samen-contact-button__channel">${t(`guide.channel.${p.channel === 'voice' ? 'phone' : p.channel}`)}</span> <span dir="ltr">${p.number}</span></a>${p.channel === 'whatsapp' ? '' : phoneFactsLine(p.number, t, abroadOf(d, t))}</li>`)}
</ul></li>`,
)}
</ul>`;
}

/** For other sites: a link into the route in a chosen language, to copy and paste, and the advice API. */
export function sharePage(
  ctx: RouteContext,
  o: { lang: string; origin: string; linkText: string },
): SafeHtml {
  const { t } = ctx;
  const target = `${o.origin}/${o.lang}/guide/who`;
  const snippet = `<a href="${target}" hreflang="${o.lang}" lang="${o.lang}" rel="noreferrer">${o.linkText}</a>`;
  const api = `${o.origin}/api/v1/guide/advice?audience=professional&form=criminal&municipality=GM0193&minor=yes&lang=${o.lang}`;
  return html`<h1 class="utrecht-heading-1">${t('guide.share.title')}</h1>
<p class="utrecht-paragraph">${t('guide.share.intro')}</p>
<form method="get" action="${ctx.href('/guide/share')}" class="samen-search-form">
${selectField(
  {
    name: 'lang',
    id: 'share-lang',
    label: t('guide.share.language'),
    value: o.lang,
    errors: [],
    choices: LOCALES.map((l) => ({ value: l.code, label: l.name, lang: l.code })),
  },
  t,
)}
${submitButton(t('guide.share.show'), { variant: 'secondary' })}
</form>
<h2 class="utrecht-heading-2" id="snippet-title">${t('guide.share.snippet')}</h2>
<pre class="samen-pre" tabindex="0" aria-labelledby="snippet-title">${snippet}</pre>
<p class="utrecht-paragraph">${t('guide.share.preview')} <a class="utrecht-link" href="${target}" hreflang="${o.lang}" lang="${o.lang}">${o.linkText}</a></p>
<h2 class="utrecht-heading-2" id="api-title">${t('guide.share.api')}</h2>
<p class="utrecht-paragraph">${t('guide.share.apiIntro')} <a class="utrecht-link" href="${ctx.href('/api/docs')}">${t('layout.footer.api')}</a></p>
<pre class="samen-pre" tabindex="0" aria-labelledby="api-title">GET ${api}</pre>`;
}
