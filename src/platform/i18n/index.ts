// Message catalogues. Each module keeps its own `locales/<locale>.json` (platform ones live in
// src/platform/locales); keys are namespaced (`directory.list.title`) and merged at boot. A value is a string
// with `{placeholders}`, or an object of Intl.PluralRules categories ({ one, other }) chosen by `{count}`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LocaleInfo {
  code: string;
  /** The language's own name, shown in the language switch. */
  name: string;
  dir: 'ltr' | 'rtl';
  /**
   * `complete`: every key (Dutch and English). `public`: every key of the public pages (see PUBLIC_KEYS);
   * staff pages fall back to English. i18n.test.ts enforces both, and public-pages.db.test.ts renders every
   * public page in every locale and fails on any message served from the fallback.
   */
  coverage: 'complete' | 'public';
}

/**
 * Shipped locales, Dutch first. The wegwijzer's languages follow who needs it: victims reported in 2019–2023
 * came mostly from Africa (Nigeria among the top five: English, French, Portuguese, Arabic), labour migrants
 * from Bulgaria, Poland, Hungary and Romania, refugees from Ukraine, and Spanish speakers from Latin America.
 */
export const LOCALES: readonly LocaleInfo[] = [
  { code: 'nl', name: 'Nederlands', dir: 'ltr', coverage: 'complete' },
  { code: 'en', name: 'English', dir: 'ltr', coverage: 'complete' },
  { code: 'pl', name: 'Polski', dir: 'ltr', coverage: 'public' },
  { code: 'bg', name: 'Български', dir: 'ltr', coverage: 'public' },
  { code: 'ro', name: 'Română', dir: 'ltr', coverage: 'public' },
  { code: 'hu', name: 'Magyar', dir: 'ltr', coverage: 'public' },
  { code: 'uk', name: 'Українська', dir: 'ltr', coverage: 'public' },
  { code: 'es', name: 'Español', dir: 'ltr', coverage: 'public' },
  { code: 'fr', name: 'Français', dir: 'ltr', coverage: 'public' },
  { code: 'pt', name: 'Português', dir: 'ltr', coverage: 'public' },
  { code: 'ar', name: 'العربية', dir: 'rtl', coverage: 'public' },
];

/**
 * Keys a `public` locale must have: what a member of the public can see without signing in (the layout, error
 * pages, the wegwijzer with its information and share pages, the directory's list and service pages, the data
 * hub's explorer, the API documentation, and the messages of the public APIs).
 */
export const PUBLIC_KEYS: readonly RegExp[] = [
  /^layout\./,
  /^errors\./,
  /^apiDocs\./,
  /^guide\.(?!admin\.|rules\.)/,
  /^directory\.(title|intro|sample|verifiedOn|notVerified)$/,
  /^directory\.(search|results|pagination|coverage|area|channel|ages|status|detail|hours|term)\./,
  /^directory\.filter\.(any|deskType|exploitationForm|audience)$/,
  /^directory\.field\.(organization|deskType|coverage|audience|ages|eligibility_description|exploitationForm|need|costs|fees_description|privacy|languages|interpretation_services|application_process|wait_time)$/,
  /^directory\.errors\.unknownMunicipality$/,
  /^stats\.(title|intro|none|apiNote|back|protection|rounding|maxLength|missing|suppressed)$/,
  /^stats\.(notFound|release\.notFound|registrations\.absent)(\.help)?$/,
  /^stats\.(format|form|table|chart|releases|utility|query|column|flag|ledger)\./,
];

export function isPublicKey(key: string): boolean {
  return PUBLIC_KEYS.some((pattern) => pattern.test(key));
}
export const DEFAULT_LOCALE = 'nl';
export const FALLBACK_LOCALE = 'en';

export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type Catalogue = Record<string, Message>;
export type Params = Record<string, string | number>;
export type Translate = (key: string, params?: Params) => string;

/**
 * A message where the catalogue may not have one yet (a role, column or code added to the data before its
 * translation): the fallback (usually the code itself) instead of an unknown-key error.
 */
export function translateOr(t: Translate, key: string, fallback: string): string {
  try {
    return t(key);
  } catch {
    return fallback;
  }
}

export function isLocale(code: string | undefined): code is string {
  return code !== undefined && LOCALES.some((l) => l.code === code);
}

export function localeInfo(code: string): LocaleInfo {
  return LOCALES.find((l) => l.code === code) ?? LOCALES[0]!;
}

function findCatalogueFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === 'node_modules') continue;
      findCatalogueFiles(full, out);
    } else if (path.basename(dir) === 'locales' && entry.endsWith('.json')) {
      out.push(full);
    }
  }
  return out;
}

/** Loads and merges every catalogue under `root`; a key defined twice for one locale is an error. */
export function loadCatalogues(root = SRC_DIR): Map<string, Catalogue> {
  const catalogues = new Map<string, Catalogue>();
  const origin = new Map<string, string>();
  for (const file of findCatalogueFiles(root).sort()) {
    const locale = path.basename(file, '.json');
    const messages = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
    const target = catalogues.get(locale) ?? {};
    for (const [key, value] of Object.entries(messages)) {
      const where = `${locale}:${key}`;
      if (origin.has(where))
        throw new Error(`Message ${key} (${locale}) is defined in ${origin.get(where)} and ${file}`);
      origin.set(where, file);
      target[key] = value;
    }
    catalogues.set(locale, target);
  }
  return catalogues;
}

export class I18n {
  private readonly pluralRules = new Map<string, Intl.PluralRules>();
  private readonly translators = new Map<string, Translate>();

  /**
   * `onFallback` is told of every message served from the fallback locale (tests use it to prove that the public
   * pages of every shipped locale use none).
   */
  constructor(
    private loaded?: Map<string, Catalogue>,
    private readonly options: { onFallback?: (locale: string, key: string) => void } = {},
  ) {}

  /**
   * Every locale's messages (default: every catalogue under src/), read on first use: a command that builds a
   * service with an I18n but translates nothing does not read and parse them all.
   */
  get catalogues(): Map<string, Catalogue> {
    this.loaded ??= loadCatalogues();
    return this.loaded;
  }

  /** A translate function for one locale. A key missing there falls back to English, never to the raw key. */
  translator(locale: string): Translate {
    const cached = this.translators.get(locale);
    if (cached) return cached;
    const primary = this.catalogues.get(locale) ?? {};
    const fallback = this.catalogues.get(FALLBACK_LOCALE) ?? {};
    const rules = this.plural(locale);
    const t: Translate = (key, params) => {
      let message = primary[key];
      if (message === undefined) {
        message = fallback[key];
        if (message === undefined) throw new Error(`Unknown message key: ${key}`);
        this.options.onFallback?.(locale, key);
      }
      let text: string;
      if (typeof message === 'string') text = message;
      else {
        const count = Number(params?.count ?? 0);
        text = message[rules.select(count)] ?? message.other ?? '';
      }
      if (!params) return text;
      return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        params[name] === undefined ? whole : formatParam(params[name]!, locale),
      );
    };
    this.translators.set(locale, t);
    return t;
  }

  has(key: string): boolean {
    return (this.catalogues.get(FALLBACK_LOCALE) ?? {})[key] !== undefined;
  }

  private plural(locale: string): Intl.PluralRules {
    let rules = this.pluralRules.get(locale);
    if (!rules) {
      rules = new Intl.PluralRules(locale);
      this.pluralRules.set(locale, rules);
    }
    return rules;
  }
}

function formatParam(value: string | number, locale: string): string {
  return typeof value === 'number' ? value.toLocaleString(locale) : value;
}

/**
 * Picks a locale from an Accept-Language header (quality values respected), or the default. Only the primary
 * language subtag matters: "en-GB" selects "en".
 */
export function negotiateLocale(header: string | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const candidates = header
    .split(',')
    .slice(0, 20)
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { lang: tag.toLowerCase().split('-')[0]!, q: q === undefined ? 1 : Number(q) };
    })
    .filter((c) => c.lang && Number.isFinite(c.q) && c.q > 0)
    .sort((a, b) => b.q - a.q);
  return candidates.find((c) => isLocale(c.lang))?.lang ?? DEFAULT_LOCALE;
}
