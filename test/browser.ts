// The browser harness: the real app (buildApp) on a fresh PGlite test database with the sample data, listening
// on 127.0.0.1, driven by Debian's chromium through playwright-core. Every request the browser makes is recorded
// and anything that leaves localhost fails the test. Use it in a `*.browser.test.ts` file:
//
//   const site = useBrowserApp();
//   describeBrowser('the directory', () => {
//     it.each(pageMatrix(['/directory']))('%s has no axe violations', async (_name, { path, locale, width }) => {
//       const page = await site.newPage({ width });
//       await site.goto(page, path, locale);
//       await expectNoAxeViolations(page);
//     });
//   });
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest';
import { buildApp } from '../src/app.js';
import { seedSampleData } from '../src/cli/seed.js';
import type { Config } from '../src/config.js';
import { LOCALES } from '../src/platform/i18n/index.js';
import type { Services } from '../src/services.js';
import { TestClock, testConfig } from './app.js';
import { freshTotpCode } from './auth.js';
import { CHROMIUM_PATH, chromiumAvailable } from './browser-global-setup.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const CHROMIUM_ARGS = [
  // Nothing leaves the machine: every host name but localhost fails to resolve. (Not context.route(), which
  // would switch the HTTP cache off and with it the ETag/304 behaviour under test.)
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const SCREENSHOT_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '.tmp',
  'screenshots',
);

/** The widths every public page is checked at: a small phone and a desktop. */
export const WIDTHS = [360, 1280] as const;
/** Locales with every page translated: staff and directory pages are checked in these. */
export const LOCALE_CODES = LOCALES.filter((l) => l.coverage === 'complete').map((l) => l.code);
/** Every shipped locale: public pages (the wegwijzer, the layout) are checked in all of them. */
export const PUBLIC_LOCALE_CODES = LOCALES.map((l) => l.code);

export const describeBrowser = describe.skipIf(!chromiumAvailable());
export { CHROMIUM_PATH, chromiumAvailable };

/** Every combination of path, locale and width, named for test titles: `['/ nl 360px', {...}]`. */
export function pageMatrix(
  paths: readonly string[],
  options: { locales?: readonly string[]; widths?: readonly number[] } = {},
): [string, { path: string; locale: string; width: number }][] {
  const rows: [string, { path: string; locale: string; width: number }][] = [];
  for (const p of paths) {
    for (const locale of options.locales ?? LOCALE_CODES) {
      for (const width of options.widths ?? WIDTHS)
        rows.push([`${p} ${locale} ${width}px`, { path: p, locale, width }]);
    }
  }
  return rows;
}

/** `/en/directory` for ('/directory', 'en'); the default locale gets its prefix too, so the URL decides. */
export function localePath(pathname: string, locale: string): string {
  return pathname === '/' ? `/${locale}` : `/${locale}${pathname}`;
}

export interface NewPageOptions {
  width?: number;
  height?: number;
  javaScriptEnabled?: boolean;
  /** The browser's language (Accept-Language); the URL prefix still wins. */
  browserLocale?: string;
}

/** What `createUser` (test/auth.ts) returns; the code for the second factor is made for the app's clock. */
export interface SignInOptions {
  email: string;
  password: string;
  totpSecret?: string;
  locale?: string;
}

export interface BrowserSite {
  readonly baseUrl: string;
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly database: TestDatabase;
  readonly clock: TestClock;
  readonly browser: Browser;
  /** Every URL the browser requested in this file, in order. */
  readonly requests: readonly string[];
  /** A page in its own browser context (no shared cookies), recording requests and CSP violations. */
  newPage(options?: NewPageOptions): Promise<Page>;
  /** Navigates to `pathname` in `locale` (by URL prefix) and expects the status (default 200). */
  goto(page: Page, pathname: string, locale?: string, status?: number): Promise<void>;
  /** CSP violations seen on this page so far (console errors and securitypolicyviolation events). */
  cspViolations(page: Page): Promise<string[]>;
  /** Signs in through the login form (and the second-factor form when it appears). */
  signIn(page: Page, options: SignInOptions): Promise<void>;
  /**
   * Requests that left localhost since the last call, cleared. Each test fails on them after it ends; a test that
   * expects them (the harness's own) takes them here first.
   */
  takeThirdPartyRequests(): string[];
}

function isLocalUrl(url: string): boolean {
  if (/^(data|blob|about):/.test(url)) return true;
  try {
    const { hostname } = new URL(url);
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return false;
  }
}

/**
 * What the callbacks passed to page.evaluate see. tsconfig has no DOM library (server code must not use it), so
 * the few browser globals used here are declared by hand.
 */
interface BrowserGlobals {
  document: {
    addEventListener(
      type: string,
      listener: (event: { violatedDirective: string; blockedURI: string }) => void,
    ): void;
    activeElement: { tagName: string; id: string; getAttribute(name: string): string | null } | null;
    body: unknown;
  };
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> };
  __cspViolations?: string[];
}

const pages = new WeakMap<Page, { csp: string[]; options: NewPageOptions; site: BrowserSite }>();

/**
 * Starts the app and chromium once for the test file (beforeAll) and closes both afterwards. Each test fails
 * when the browser made a request that left localhost.
 */
export function useBrowserApp(
  options: { seed?: boolean; config?: Partial<Config>; clock?: TestClock; port?: number } = {},
): BrowserSite {
  const state: {
    app?: FastifyInstance;
    services?: Services;
    database?: TestDatabase;
    browser?: Browser;
    baseUrl?: string;
    clock: TestClock;
    requests: string[];
    thirdParty: string[];
    open: BrowserContext[];
  } = { clock: options.clock ?? new TestClock(), requests: [], thirdParty: [], open: [] };

  /** Browser contexts opened so far: each gets its own client address. */
  let clients = 0;

  const ready = <T>(value: T | undefined, name: string): T => {
    if (value === undefined)
      throw new Error(`browser harness not ready: ${name} (use inside a test or hook)`);
    return value;
  };

  beforeAll(async () => {
    if (!chromiumAvailable()) return;
    state.database = await createTestDatabase();
    const built = await buildApp({
      // Behind a declared proxy (as in production), each browser context is its own client (newPage gives it an
      // address): the per-address sign-in limits then count one person's sign-ins, not the whole file's.
      config: testConfig({ trustProxy: ['127.0.0.1'], ...options.config }),
      database: state.database,
      clock: state.clock.read,
      logger: false,
    });
    state.app = built.app;
    state.services = built.services;
    if (options.seed !== false) await seedSampleData(built.services, { onlyIfEmpty: true });
    // A fixed port when the test must know the origin before the app starts (an identity provider's redirect URI).
    await built.app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
    const address = built.app.server.address();
    if (!address || typeof address === 'string') throw new Error('app did not listen on a TCP port');
    state.baseUrl = `http://127.0.0.1:${address.port}`;
    state.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  afterEach(async () => {
    for (const context of state.open.splice(0)) await context.close().catch(() => {});
    const leaked = state.thirdParty.splice(0);
    expect(leaked, 'requests that left localhost').toEqual([]);
  });

  afterAll(async () => {
    await state.browser?.close();
    await state.app?.close();
    await state.database?.destroy();
  });

  const site: BrowserSite = {
    get baseUrl() {
      return ready(state.baseUrl, 'baseUrl');
    },
    get app() {
      return ready(state.app, 'app');
    },
    get services() {
      return ready(state.services, 'services');
    },
    get database() {
      return ready(state.database, 'database');
    },
    get browser() {
      return ready(state.browser, 'browser');
    },
    get clock() {
      return state.clock;
    },
    get requests() {
      return state.requests;
    },

    async newPage(pageOptions = {}) {
      const context = await ready(state.browser, 'browser').newContext({
        baseURL: site.baseUrl,
        viewport: { width: pageOptions.width ?? 1280, height: pageOptions.height ?? 800 },
        javaScriptEnabled: pageOptions.javaScriptEnabled ?? true,
        locale: pageOptions.browserLocale ?? 'nl-NL',
        serviceWorkers: 'block',
        extraHTTPHeaders: { 'x-forwarded-for': `10.77.${(++clients >> 8) & 255}.${clients & 255}` },
      });
      state.open.push(context);
      const record = (request: Request) => {
        state.requests.push(request.url());
        if (!isLocalUrl(request.url())) state.thirdParty.push(`${request.method()} ${request.url()}`);
      };
      context.on('request', record);
      const csp: string[] = [];
      await context.addInitScript(() => {
        const w = globalThis as unknown as BrowserGlobals;
        w.document.addEventListener('securitypolicyviolation', (event) => {
          (w.__cspViolations ??= []).push(
            `${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`,
          );
        });
      });
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
      });
      pages.set(page, { csp, options: pageOptions, site });
      return page;
    },

    async goto(page, pathname, locale, status = 200) {
      const target = locale ? localePath(pathname, locale) : pathname;
      const response = await page.goto(target, { waitUntil: 'load' });
      expect(response?.status(), `status of ${target}`).toBe(status);
    },

    async cspViolations(page) {
      const seen = [...(pages.get(page)?.csp ?? [])];
      const fromEvents = await page
        .evaluate(() => (globalThis as unknown as BrowserGlobals).__cspViolations ?? [])
        .catch(() => [] as string[]);
      return [...seen, ...fromEvents];
    },

    takeThirdPartyRequests() {
      return state.thirdParty.splice(0);
    },

    async signIn(page, signIn) {
      await site.goto(page, '/login', signIn.locale ?? 'nl');
      await page.locator('#email').fill(signIn.email);
      await page.locator('#password').fill(signIn.password);
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action$="/login"] [type=submit]').click(),
      ]);
      if (new URL(page.url()).pathname.endsWith('/login/totp')) {
        if (!signIn.totpSecret) {
          throw new Error('signIn: the second-factor page appeared but no totpSecret was given');
        }
        await page.locator('#code').fill(freshTotpCode(signIn.totpSecret, state.clock));
        await Promise.all([
          page.waitForNavigation(),
          page.locator('form[action$="/login/totp"] [type=submit]').click(),
        ]);
      }
      const pathname = new URL(page.url()).pathname;
      if (/\/login(\/totp)?$/.test(pathname)) {
        throw new Error(`signIn failed: still on ${pathname}: ${await page.locator('main').innerText()}`);
      }
    },
  };
  return site;
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string; html: string }[];
}

export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n  ${v.helpUrl}\n` +
        v.nodes
          .map(
            (n) =>
              `  - ${n.target.join(' ')}\n    ${n.html}\n    ${(n.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
          )
          .join('\n'),
    )
    .join('\n\n');
}

/**
 * Runs axe-core (WCAG 2.0, 2.1, 2.2 A and AA) on the page and fails with a readable list of violations. axe is
 * evaluated through the DevTools protocol, which the page's CSP does not govern, so the page keeps its real
 * CSP (no bypassCSP). axe needs timers, which do not run with JavaScript disabled: such a page is checked
 * through a JavaScript-enabled twin loading the same URL (pages are server-rendered, so the markup is the same).
 */
export async function expectNoAxeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<void> {
  const entry = pages.get(page);
  if (entry?.options.javaScriptEnabled === false) {
    const twin = await entry.site.newPage({ ...entry.options, javaScriptEnabled: true });
    await twin.goto(page.url(), { waitUntil: 'load' });
    return expectNoAxeViolations(twin, options);
  }
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => 'axe' in globalThis);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(
    async ({ tags, exclude }) => {
      const w = globalThis as unknown as BrowserGlobals;
      const context = exclude.length ? { exclude: exclude.map((s) => [s]) } : w.document;
      const result = await w.axe!.run(context, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return result.violations;
    },
    { tags: AXE_TAGS, exclude: options.exclude ?? [] },
  );
  const list = violations as AxeViolation[];
  expect(list.length, `axe violations on ${page.url()}:\n${formatViolations(list)}`).toBe(0);
}

/** Saves a full-page PNG to .tmp/screenshots/<name>.png for manual review; returns the path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '_')}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The element that has keyboard focus, described for assertions: `a[href="#main"]`, `main#main`. */
export async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as BrowserGlobals;
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    const id = el.id ? `#${el.id}` : '';
    const href = el.getAttribute('href');
    return `${el.tagName.toLowerCase()}${id}${href ? `[href="${href}"]` : ''}`;
  });
}
