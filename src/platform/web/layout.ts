// The one page layout: skip link, header (with the language switch), main, footer. `lang` and `dir` come from
// the request's locale. Modules pass their content and title; they never write <html> themselves.
import { LOCALES, localeInfo } from '../i18n/index.js';
import { csrfField, submitButton } from './components.js';
import { html, type SafeHtml } from './html.js';

/**
 * Where "leave this site" goes: a neutral, multilingual, advertising-free site. It is a navigation the person
 * chooses, not a request this page makes. With JavaScript the current history entry is replaced (app.js).
 */
export const LEAVE_URL = 'https://www.wikipedia.org/';

export interface NavLink {
  href: string;
  label: string;
}

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Extra links in the header, e.g. for signed-in users. */
  nav?: NavLink[];
  /** Shown on pages that display sample directory data. */
  sampleNotice?: boolean;
  /** Prevent search engines from indexing (staff pages). */
  noindex?: boolean;
}

/** Everything the layout needs to know about the request; filled in by the web platform plugin. */
export interface PageContext {
  locale: string;
  t: (key: string, params?: Record<string, string | number>) => string;
  cspNonce: string;
  cssUrl: string;
  jsUrl: string;
  /** The current path without locale prefix, with its query string (for the language switch). */
  pathWithoutLocale: string;
  /** Builds a link that keeps the locale the user chose in the URL. */
  href: (path: string) => string;
  signedIn?: { displayName: string; logoutCsrf: string } | undefined;
  /** Accounts with published secrets (the demo's) can sign in: every page says so. */
  demoAccounts?: boolean;
}

export function renderPage(ctx: PageContext, options: PageOptions): string {
  const { t, locale } = ctx;
  const info = localeInfo(locale);
  const nav = options.nav ?? [];
  const doc = html`<!doctype html>
<html lang="${info.code}" dir="${info.dir}" class="samen-theme utrecht-document"${options.noindex ? '' : html` data-public`}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Samen</title>
${options.noindex ? html`<meta name="robots" content="noindex, nofollow">` : ''}
<meta name="referrer" content="no-referrer">
<link rel="stylesheet" href="${ctx.cssUrl}">
<script src="${ctx.jsUrl}" nonce="${ctx.cspNonce}" defer></script>
</head>
<body class="utrecht-page-layout">
<a class="utrecht-skip-link samen-skip-link" href="#main">${t('layout.skipLink')}</a>
<aside class="samen-emergency${ctx.signedIn ? ' samen-emergency--staff' : ''}" aria-label="${t('layout.emergency.region')}"><div class="samen-container samen-emergency__bar"><p>${t('layout.emergency')} <a href="tel:112">112</a></p>
<a class="samen-leave" href="${LEAVE_URL}" rel="noreferrer" data-leave>${t('layout.leave')}<span class="samen-visually-hidden"> ${t('layout.leave.hint')}</span></a></div></aside>
${ctx.demoAccounts ? html`<aside class="samen-demo-banner" aria-label="${t('layout.demo.title')}"><div class="samen-container"><p><strong>${t('layout.demo.title')}</strong> ${t('layout.demo.body')}</p></div></aside>` : ''}
<header class="utrecht-page-header">
<div class="samen-container samen-header">
<a class="samen-brand" href="${ctx.href('/')}">Samen<span class="samen-visually-hidden"> – ${t('layout.home')}</span></a>
<nav class="samen-header-nav" aria-label="${t('layout.navLabel')}">
${nav.map((link) => html`<a class="utrecht-link" href="${link.href}">${link.label}</a>`)}
${
  ctx.signedIn
    ? html`<form class="samen-inline-form" method="post" action="${ctx.href('/logout')}">${csrfField(ctx.signedIn.logoutCsrf)}${submitButton(t('layout.logout'), { variant: 'secondary' })}</form>`
    : ''
}
<details class="samen-lang-menu">
<summary><span class="samen-visually-hidden">${t('layout.languageSwitch')}: </span><span lang="${info.code}">${info.name}</span></summary>
<ul class="samen-lang-switch" aria-label="${t('layout.languageSwitch')}">
${LOCALES.map(
  (l) =>
    html`<li><a class="utrecht-link" href="/${l.code}${ctx.pathWithoutLocale === '/' ? '' : ctx.pathWithoutLocale}" hreflang="${l.code}" lang="${l.code}" dir="${l.dir}" ${l.code === locale ? html`aria-current="true"` : ''}>${l.name}</a></li>`,
)}
</ul>
</details>
</nav>
</div>
</header>
<main id="main" class="samen-main" tabindex="-1">
<div class="samen-container">
${options.sampleNotice ? html`<p class="samen-sample-notice">${t('layout.sampleNotice')}</p>` : ''}
${options.body}
</div>
</main>
<footer class="utrecht-page-footer samen-footer">
<div class="samen-container">
<ul class="samen-footer-links">
<li><a class="utrecht-link" href="${ctx.href('/guide/info/safety')}">${t('layout.footer.safety')}</a></li>
<li><a class="utrecht-link" href="${ctx.href('/guide/info')}">${t('layout.footer.info')}</a></li>
<li><a class="utrecht-link" href="${ctx.href('/directory')}">${t('layout.footer.directory')}</a></li>
<li><a class="utrecht-link" href="${ctx.href('/guide/share')}">${t('layout.footer.share')}</a></li>
<li><a class="utrecht-link" href="${ctx.href('/api/docs')}">${t('layout.footer.api')}</a></li>
<li><a class="utrecht-link" href="${ctx.href('/toegankelijkheid')}">${t('accessibility.footerLink')}</a></li>
<li><a class="utrecht-link" href="${ctx.href('/login')}">${t('layout.footer.staff')}</a></li>
</ul>
<p>${t('layout.footer.about')}</p>
</div>
</footer>
</body>
</html>`;
  return doc.value;
}
