// The information pages as shipped: every file parses, every shipped language has every page with the Dutch
// page's front matter, links and phone numbers, links point only where they may, and raw HTML never passes through.
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../platform/i18n/index.js';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InfoLibrary, parseInfoPage, withLocale } from './content.js';
import { infoPageView } from './views/info.js';
import { raw } from '../../platform/web/html.js';

const library = new InfoLibrary();
const SLUGS = [
  'about-trafficking',
  'signals-sexual',
  'signals-labour',
  'signals-criminal',
  'signals-other',
  'professional-sexual',
  'professional-labour',
  'professional-criminal',
  'professional-other',
  'professional-minors',
  'rights',
  'safety',
];

describe('information pages', () => {
  it('exist in Dutch and English for every topic', () => {
    for (const locale of ['nl', 'en']) expect(library.slugs(locale).sort()).toEqual([...SLUGS].sort());
  });

  it('exist in every shipped language, so no reader gets an English fallback', () => {
    const missing: string[] = [];
    for (const { code } of LOCALES) {
      for (const slug of SLUGS)
        if (library.page(slug, code)?.fallback !== false) missing.push(`${code}/${slug}`);
      expect(library.slugs(code).sort(), code).toEqual([...SLUGS].sort());
    }
    expect(missing).toEqual([]);
  });

  it('keep the front matter of the Dutch page in every language (audience, forms, order, sources)', () => {
    const differ: string[] = [];
    for (const { code } of LOCALES) {
      for (const slug of SLUGS) {
        const own = library.page(slug, code)!.page;
        const dutch = library.page(slug, 'nl')!.page;
        for (const key of ['audience', 'forms', 'order', 'sources'] as const) {
          if (JSON.stringify(own[key]) !== JSON.stringify(dutch[key])) differ.push(`${code}/${slug}: ${key}`);
        }
        if (own.keywords.length < 5) differ.push(`${code}/${slug}: fewer than 5 keywords`);
        if (!own.html.includes('href="tel:112"')) differ.push(`${code}/${slug}: no 112`);
      }
    }
    expect(differ).toEqual([]);
  });

  it('give every language the same links and phone numbers as the Dutch page', () => {
    const targets = (html: string) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!).sort();
    const differ: string[] = [];
    for (const { code } of LOCALES) {
      for (const slug of SLUGS) {
        const own = targets(library.page(slug, code)!.page.html);
        const dutch = targets(library.page(slug, 'nl')!.page.html);
        if (JSON.stringify([...new Set(own)]) !== JSON.stringify([...new Set(dutch)]))
          differ.push(
            `${code}/${slug}: ${[...new Set(own)].join(' ')} vs nl ${[...new Set(dutch)].join(' ')}`,
          );
      }
    }
    expect(differ).toEqual([]);
  });

  it('link only to the guide, its pages, phone numbers and https sites', () => {
    const bad: string[] = [];
    for (const locale of library.locales()) {
      for (const slug of library.slugs(locale)) {
        const page = library.page(slug, locale)!.page;
        for (const [, href] of page.html.matchAll(/href="([^"]*)"/g)) {
          const ok =
            href === '/guide' ||
            href === '/guide/who' ||
            (href!.startsWith('/guide/info/') && SLUGS.includes(href!.slice('/guide/info/'.length))) ||
            /^tel:\+?[0-9]+$/.test(href!) ||
            href!.startsWith('https://');
          if (!ok) bad.push(`${locale}/${slug}: ${href}`);
        }
        expect(page.title, `${locale}/${slug}`).not.toBe('');
        expect(page.reviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(bad).toEqual([]);
  });

  it('shows a page missing in a language in English, marked lang="en" and with a note in the reader\'s language', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'samen-content-'));
    mkdirSync(path.join(dir, 'en'));
    mkdirSync(path.join(dir, 'ar'));
    writeFileSync(
      path.join(dir, 'en', 'only.md'),
      '---\nslug: only\ntitle: Only in English\nsummary: S\n---\nText',
    );
    const found = new InfoLibrary(dir).page('only', 'ar')!;
    expect(found.fallback).toBe(true);
    const t = (key: string) => `[${key}]`;
    const view = infoPageView(
      { t, locale: 'ar', href: (p) => `/ar${p}` },
      found.page,
      true,
      raw(found.page.html),
    ).value;
    expect(view).toContain('[guide.info.fallback]');
    expect(view).toMatch(
      /<article class="samen-prose" lang="en" dir="ltr">\s*<h1[^>]*>Only in English<\/h1>/,
    );
  });

  it('escapes raw HTML instead of passing it through', () => {
    const page = parseInfoPage(
      'x/test.md',
      'en',
      '---\nslug: test\ntitle: T\nsummary: S\n---\n<script>alert(1)</script>\n\nHi <b>there</b>',
    );
    expect(page.html).not.toContain('<script>');
    expect(page.html).toContain('&lt;script&gt;');
  });

  it("prefixes internal links with the reader's language", () => {
    expect(withLocale('<a href="/guide/info/rights">x</a> <a href="https://x.nl/guide">y</a>', '/pl')).toBe(
      '<a href="/pl/guide/info/rights">x</a> <a href="https://x.nl/guide">y</a>',
    );
    expect(withLocale('<a href="/guide">x</a>', '')).toBe('<a href="/guide">x</a>');
  });

  it('refuses a page whose front matter slug is not its file name', () => {
    expect(() => parseInfoPage('x/a.md', 'en', '---\nslug: b\ntitle: T\nsummary: S\n---\nx')).toThrow(/slug/);
  });
});
