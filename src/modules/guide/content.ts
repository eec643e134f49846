// Information pages: Markdown with YAML front matter in content/<locale>/<slug>.md (see content/README.md),
// read and rendered once at start. Raw HTML in the Markdown is escaped, not passed through: pages are ours, but
// a slip in a translation must not become markup. A page missing in a language falls back to English, and the
// page says so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Marked } from 'marked';
import { parse as parseYaml } from 'yaml';
import { escapeHtml } from '../../platform/web/html.js';
import { FALLBACK_LOCALE } from '../../platform/i18n/index.js';

export const CONTENT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'content');

export interface InfoPage {
  slug: string;
  locale: string;
  title: string;
  summary: string;
  audience: string[];
  forms: string[];
  keywords: string[];
  order: number;
  reviewed: string;
  sources: string[];
  /** Rendered HTML; links to /guide… get the reader's locale prefix when served (see `withLocale`). */
  html: string;
  /** Plain text of the body, for search. */
  text: string;
}

const marked = new Marked({
  gfm: true,
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    heading({ tokens, depth }) {
      const level = Math.min(Math.max(depth, 2), 4);
      return `<h${level} class="utrecht-heading-${level}">${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    paragraph({ tokens }) {
      return `<p class="utrecht-paragraph">${this.parser.parseInline(tokens)}</p>\n`;
    },
    link({ href, title, tokens }) {
      const text = this.parser.parseInline(tokens);
      const external = /^https?:/.test(href);
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a class="utrecht-link" href="${escapeHtml(href)}"${titleAttr}${external ? ' rel="noreferrer noopener"' : ''}>${text}</a>`;
    },
    list(token) {
      const tag = token.ordered ? 'ol' : 'ul';
      const cls = token.ordered ? 'utrecht-ordered-list' : 'utrecht-unordered-list';
      const items = token.items.map((item) => `<li>${this.parser.parse(item.tokens)}</li>`).join('');
      return `<${tag} class="${cls}">${items}</${tag}>\n`;
    },
    image({ text }) {
      // No images: they cost data and say nothing to a screen reader that the text does not.
      return escapeHtml(text);
    },
  },
});

function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#*_>`|-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export function parseInfoPage(file: string, locale: string, source: string): InfoPage {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new Error(`${file}: no front matter`);
  const meta = parseYaml(match[1]!) as Record<string, unknown>;
  const slug = path.basename(file, '.md');
  if (meta.slug !== slug)
    throw new Error(`${file}: front matter slug "${String(meta.slug)}" is not the file name`);
  for (const key of ['title', 'summary']) {
    if (typeof meta[key] !== 'string' || !meta[key]) throw new Error(`${file}: front matter needs "${key}"`);
  }
  const body = match[2]!;
  return {
    slug,
    locale,
    title: String(meta.title),
    summary: String(meta.summary),
    audience: asStrings(meta.audience),
    forms: asStrings(meta.forms),
    keywords: asStrings(meta.keywords),
    order: Number(meta.order ?? 100),
    reviewed: String(meta.reviewed ?? ''),
    sources: asStrings(meta.sources),
    html: marked.parse(body, { async: false }),
    text: plainText(body),
  };
}

export class InfoLibrary {
  /** locale -> slug -> page */
  private readonly pages = new Map<string, Map<string, InfoPage>>();

  constructor(dir = CONTENT_DIR) {
    if (!existsSync(dir)) return;
    for (const locale of readdirSync(dir)) {
      const localeDir = path.join(dir, locale);
      if (!/^[a-z]{2}$/.test(locale)) continue;
      const map = new Map<string, InfoPage>();
      for (const file of readdirSync(localeDir).filter((f) => f.endsWith('.md'))) {
        const full = path.join(localeDir, file);
        map.set(path.basename(file, '.md'), parseInfoPage(full, locale, readFileSync(full, 'utf8')));
      }
      this.pages.set(locale, map);
    }
  }

  /** The page in the locale, else in English (`fallback` true), else undefined. */
  page(slug: string, locale: string): { page: InfoPage; fallback: boolean } | undefined {
    const own = this.pages.get(locale)?.get(slug);
    if (own) return { page: own, fallback: false };
    const english = this.pages.get(FALLBACK_LOCALE)?.get(slug);
    return english ? { page: english, fallback: true } : undefined;
  }

  /** Every page for a locale (English where the locale has none), ordered. */
  list(locale: string): InfoPage[] {
    const slugs = new Set([
      ...(this.pages.get(FALLBACK_LOCALE)?.keys() ?? []),
      ...(this.pages.get(locale)?.keys() ?? []),
    ]);
    return [...slugs]
      .map((slug) => this.page(slug, locale)!.page)
      .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title, locale));
  }

  locales(): string[] {
    return [...this.pages.keys()];
  }

  slugs(locale: string): string[] {
    return [...(this.pages.get(locale)?.keys() ?? [])];
  }
}

/** Gives the links of a rendered page the reader's locale prefix ('' or '/pl'). */
export function withLocale(renderedHtml: string, prefix: string): string {
  if (!prefix) return renderedHtml;
  return renderedHtml.replace(/href="\/(guide|directory)/g, `href="${prefix}/$1`);
}
