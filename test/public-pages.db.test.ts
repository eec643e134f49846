// Every public page in every shipped locale speaks that locale: the wegwijzer (route, results, information,
// search, share and offline pages), the directory's list and every service page, the data hub's explorer, the
// API documentation and the error pages (400, 404). Rendered over HTTP on the real app with the sample data, this
// file fails when
// - a page uses a message its locale's catalogue lacks (the translator reports every fallback to English);
// - a message of another catalogue (English on a page in any other language, Dutch on an English page) is in the
//   page's text without a lang attribute that says so (a hard-coded or mis-keyed string);
// - a Dutch text from the directory (a description, a note) is not marked lang="nl" on a page in another language.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser } from './auth.js';
import { buildApp } from '../src/app.js';
import { seedSampleData } from '../src/cli/seed.js';
import { htcdsFixture } from '../src/modules/stats/test/fixtures.js';
import { InfoLibrary } from '../src/modules/guide/content.js';
import { I18n, LOCALES, loadCatalogues, type Catalogue } from '../src/platform/i18n/index.js';
import type { Services } from '../src/services.js';
import { TestClock, testConfig } from './app.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { describeDb } from './db-suite.js';

const catalogues = loadCatalogues();
const fallbacks: string[] = [];
const i18n = new I18n(catalogues, { onFallback: (locale, key) => fallbacks.push(`${locale}: ${key}`) });

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);
const TEXT_ATTRIBUTES = ['aria-label', 'title', 'alt', 'placeholder'];
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name]!);
}

/**
 * The page's text (and the text of its labelling attributes) in pieces, each with the language it is declared
 * in: the nearest lang attribute of an enclosing element. Our templates write well-formed HTML, so a stack of
 * open elements is enough; script and style are not text.
 */
export function textByLanguage(page: string): { lang: string; text: string }[] {
  const out: { lang: string; text: string }[] = [];
  const stack: { tag: string; lang: string }[] = [];
  const current = () => stack.at(-1)?.lang ?? '';
  const tokens =
    /<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|([^<]+)/g;
  for (const m of page.matchAll(tokens)) {
    if (m[4] !== undefined) {
      const inside = stack.at(-1)?.tag;
      if (inside !== 'script' && inside !== 'style' && m[4].trim())
        out.push({ lang: current(), text: decode(m[4]) });
      continue;
    }
    if (m[2] === undefined) continue;
    const tag = m[2].toLowerCase();
    if (m[1]) {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at >= 0) stack.length = at;
      continue;
    }
    const attributes = m[3] ?? '';
    const lang = /\slang="([^"]*)"/.exec(attributes)?.[1] ?? current();
    for (const name of TEXT_ATTRIBUTES) {
      const value = new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
      if (value?.trim()) out.push({ lang, text: decode(value) });
    }
    if (!VOID.has(tag) && !attributes.trimEnd().endsWith('/')) stack.push({ tag, lang });
  }
  return out;
}

/**
 * Messages of `foreign` that cannot be mistaken for a message of `locale`: worded differently and at least two
 * words long (three for Dutch on an English page, where the Dutch names of desks and organisations, such as
 * "Koninklijke Marechaussee", are kept on purpose).
 */
/**
 * A message worded the same in the Dutch and the English catalogue is a name, not a language: "Veilig Thuis" and
 * "Nidos" are what those organisations are called in any language, as the desks' names are.
 */
function sameInDutchAndEnglish(key: string, message: string): boolean {
  return catalogues.get('nl')?.[key] === message && catalogues.get('en')?.[key] === message;
}

function foreignMessages(locale: string, foreign: string): string[] {
  const minWords = foreign === 'nl' ? 3 : 2;
  const own = catalogues.get(locale) as Catalogue;
  const ownTexts = new Set(
    Object.values(own).flatMap((m) => (typeof m === 'string' ? [m] : Object.values(m))),
  );
  return Object.entries(catalogues.get(foreign) as Catalogue)
    .map(([key, m]) => [key, m] as const)
    .filter(
      ([key, m]): boolean =>
        typeof m === 'string' &&
        m.length >= 12 &&
        m.trim().split(/\s+/).length >= minWords &&
        !m.includes('{') &&
        own[key] !== m &&
        !ownTexts.has(m) &&
        !sameInDutchAndEnglish(key, m),
    )
    .map(([, m]) => m as string);
}

describeDb('every public page in every shipped locale', () => {
  const state: {
    app?: FastifyInstance;
    services?: Services;
    database?: TestDatabase;
    serviceIds: string[];
    descriptions: Map<string, string>;
  } = { serviceIds: [], descriptions: new Map() };
  const slugs = new InfoLibrary().slugs('nl');

  beforeAll(async () => {
    state.database = await createTestDatabase();
    const built = await buildApp({
      config: testConfig(),
      database: state.database,
      clock: new TestClock().read,
      logger: false,
      i18n,
    });
    await built.app.ready();
    state.app = built.app;
    state.services = built.services;
    await seedSampleData(built.services, { onlyIfEmpty: true });
    const stats = built.services.stats;
    const imported = await stats.importDataset({
      name: 'cases',
      title: 'Cases',
      format: 'htcds',
      text: htcdsFixture(),
      actorUserId: null,
    });
    expect(imported.ok).toBe(true);
    await stats.updateSettings('cases', { k: 5, published: true }, null);
    // The budget is an administrator's; the release's noise comes from node:crypto (no seed).
    const admin = await createUser(built.services, { role: 'admin' });
    await stats.setBudget(
      'cases',
      { epsilon: 4, delta: 1e-4, reason: 'public pages test' },
      { id: admin.id, role: 'admin' },
    );
    await stats.createRelease('cases', { epsilon: 2, reportingLength: 2 }, null);
    const list = await built.services.directory.listServices({
      statuses: ['active', 'temporarily closed'],
      perPage: 100,
    });
    state.serviceIds = list.items.map((r) => r.id);
    for (const r of list.items) if (r.description) state.descriptions.set(r.id, r.description);
  });

  afterAll(async () => {
    await state.app?.close();
    await state.database?.destroy();
  });

  /** Every public page with the status it answers. */
  function publicPages(): [string, number][] {
    const route = 'audience=self&form=labour&danger=no&municipality=GM0363&minor=no';
    return [
      ['/', 200],
      ['/guide/who', 200],
      ['/guide/what?audience=self', 200],
      ['/guide/what?audience=self&multi=1', 200],
      ['/guide/danger?audience=worried&form=sexual', 200],
      ['/guide/where?audience=self&form=labour&danger=yes', 200],
      ['/guide/age?audience=self&form=labour&danger=no&municipality=GM0363', 200],
      [`/guide/need?${route}`, 200],
      [`/guide/result?${route}&need=talk`, 200],
      [
        '/guide/result?audience=worried&form=sexual&danger=yes&municipality=GM0599&minor=yes&need=police',
        200,
      ],
      ['/guide/result?audience=professional&form=criminal&danger=no&municipality=GM0153&minor=yes', 200],
      ['/guide/result?audience=anonymous&form=other&danger=unknown&municipality=unknown&minor=unknown', 200],
      ['/guide/what?audience=nobody', 400],
      ['/guide/info', 200],
      ...slugs.map((slug): [string, number] => [`/guide/info/${slug}`, 200]),
      ['/guide/info/no-such-page', 404],
      ['/guide/search?q=passport', 200],
      ['/guide/search?q=CoMensha', 200],
      ['/guide/share', 200],
      ['/guide/offline', 200],
      ['/directory', 200],
      ['/directory?page=2', 200],
      ['/directory?municipality=Amsterdam&form=labour', 200],
      ['/directory?municipality=Noordelijkste%20Nergensdorp', 400],
      ...state.serviceIds.map((id): [string, number] => [`/directory/services/${id}`, 200]),
      ['/directory/services/not-a-service', 404],
      ['/stats', 200],
      ['/stats/cases', 200],
      ['/stats/cases?d1=prs_Gender&d2=vic_TypeOfExploitation&f1=samen_Region%3DPE01', 200],
      ['/stats/cases?d1=prs_Gender&d2=nope', 400],
      ['/stats/cases/ledger', 200],
      ['/stats/no-such-data-set', 404],
      ['/api/docs', 200],
      ['/no-such-page', 404],
    ];
  }

  it.each(LOCALES.map((l) => l.code))(
    '%s: no fallback, no message of another language unmarked',
    async (locale) => {
      const app = state.app!;
      const foreign = foreignMessages(locale, locale === 'en' ? 'nl' : 'en');
      expect(foreign.length).toBeGreaterThan(500);
      const problems: string[] = [];
      const pages = publicPages();
      expect(pages.length).toBeGreaterThan(80);
      for (const [path, status] of pages) {
        fallbacks.length = 0;
        const url = `/${locale}${path === '/' ? '' : path}`;
        const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        if (res.statusCode !== status) problems.push(`${url}: status ${res.statusCode}, expected ${status}`);
        if (!String(res.headers['content-type']).startsWith('text/html')) problems.push(`${url}: not HTML`);
        for (const f of fallbacks) problems.push(`${url}: fallback ${f}`);
        const html = res.body;
        if (!html.includes(`<html lang="${locale}"`)) problems.push(`${url}: <html> is not lang="${locale}"`);
        const pieces = textByLanguage(html);
        const own = pieces
          .filter((p) => p.lang === locale)
          .map((p) => p.text)
          .join('\n');
        for (const message of foreign)
          if (own.includes(message)) problems.push(`${url}: unmarked "${message}"`);
        const id = /^\/directory\/services\/(.+)$/.exec(path)?.[1];
        const description = id ? state.descriptions.get(id) : undefined;
        if (description && locale !== 'nl') {
          const dutch = pieces.filter((p) => p.lang === 'nl').map((p) => p.text);
          if (!dutch.includes(description)) problems.push(`${url}: the Dutch description is not lang="nl"`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('finds an unmarked message of another language (the check is not blind)', () => {
    const english = foreignMessages('pl', 'en');
    const sample = english.find((m) => m.startsWith('Reporting points'))!;
    expect(sample).toBeDefined();
    const marked = textByLanguage(`<html lang="pl"><p lang="en">${sample}</p><p>Polski</p></html>`);
    const unmarked = textByLanguage(`<html lang="pl"><main><p>${sample}</p><br><img alt="x"></main></html>`);
    expect(marked.filter((p) => p.lang === 'pl').map((p) => p.text)).toEqual(['Polski']);
    expect(unmarked.filter((p) => p.lang === 'pl').map((p) => p.text)).toContain(sample);
  });
});
