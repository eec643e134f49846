// The wegwijzer in a real browser: the whole route on a 360 px phone by keyboard alone, with and without
// JavaScript; axe (WCAG 2.2 AA) with zero violations on every step in every shipped locale; Arabic right-to-left;
// the leave button (and Shift three times) replacing the history entry; no cookie and no request to another origin.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { I18n } from '../../platform/i18n/index.js';
import {
  describeBrowser,
  expectNoAxeViolations,
  localePath,
  PUBLIC_LOCALE_CODES,
  useBrowserApp,
} from '../../../test/browser.js';

const site = useBrowserApp();

const ROUTE_PAGES = [
  '/',
  '/guide/what?audience=self',
  '/guide/what?audience=self&multi=1',
  '/guide/danger?audience=self&form=labour',
  '/guide/where?audience=self&form=labour&danger=yes',
  '/guide/where?audience=self&form=labour&danger=no&place=Almele',
  '/guide/age?audience=self&form=labour&danger=no&municipality=GM0599',
  '/guide/need?audience=self&form=labour&danger=no&municipality=GM0599&minor=no',
  '/guide/result?audience=self&form=labour&danger=no&municipality=GM0599&minor=no&need=talk',
  '/guide/result?audience=professional&form=criminal&danger=yes&municipality=GM0193&minor=yes&need=advice',
  '/guide/info/rights',
  '/guide/info/signals-labour',
  '/guide/search?q=arbeid',
  '/guide/offline',
];

interface Doc {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number; dir: string };
    querySelector(s: string): { getBoundingClientRect(): { left: number; right: number } } | null;
  };
  history: { length: number };
  getComputedStyle(el: unknown): { direction: string };
}

/** How far the page scrolls sideways, and the elements that stick out (for the failure message). */
async function overflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as {
      document: {
        documentElement: { scrollWidth: number; clientWidth: number };
        querySelectorAll(s: string): ArrayLike<{
          tagName: string;
          className: string;
          textContent: string | null;
          getBoundingClientRect(): { right: number };
        }>;
      };
    };
    const root = document.documentElement;
    const excess = root.scrollWidth - root.clientWidth;
    if (excess <= 0) return '';
    const wide = Array.from(document.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
      .slice(0, 5)
      .map((el) => `${el.tagName}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
    return `${excess}px: ${wide.join(', ')}`;
  });
}

/** Presses Tab until a link or button whose text contains `text` has the focus, then Enter. */
async function tabTo(page: Page, text: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const el = (
        globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }
      ).document.activeElement;
      return el?.textContent ?? '';
    });
    if (label.includes(text)) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      return;
    }
  }
  throw new Error(`no focusable element with "${text}" within ${maxTabs} tabs on ${page.url()}`);
}

describeBrowser('wegwijzer in the browser', () => {
  it.each(PUBLIC_LOCALE_CODES)(
    'every step, the result and the information pages pass axe in %s at 360 px',
    async (locale) => {
      const page = await site.newPage({ width: 360 });
      for (const path of ROUTE_PAGES) {
        const [pathname, query] = path.split('?') as [string, string | undefined];
        const target = localePath(pathname, locale) + (query ? `?${query}` : '');
        const response = await page.goto(target, { waitUntil: 'load' });
        expect(response?.status(), target).toBe(200);
        await expectNoAxeViolations(page);
        expect(await site.cspViolations(page), target).toEqual([]);
        expect(await overflow(page), `horizontal scroll on ${target}`).toBe('');
      }
      expect(await page.context().cookies()).toEqual([]);
    },
  );

  it.each([true, false])(
    'walks the whole route by keyboard on a 360 px phone (JavaScript %s), in Polish',
    async (js) => {
      const page = await site.newPage({ width: 360, javaScriptEnabled: js, browserLocale: 'pl-PL' });
      const pl = new I18n().translator('pl');
      await site.goto(page, '/pl');
      await tabTo(page, pl('guide.who.self'));
      await tabTo(page, pl('guide.what.labour'));
      await tabTo(page, pl('guide.danger.no.hint'));
      // Where: type the town with a typo and submit with Enter; a single close match goes on.
      await page.keyboard.press('Tab');
      for (let i = 0; i < 30; i++) {
        const id = await page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
              .activeElement?.id,
        );
        if (id === 'place') break;
        await page.keyboard.press('Tab');
      }
      // A typo is asked about, never taken: "Did you mean Rotterdam?", then the link.
      await page.keyboard.type('Rotterdma');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(page.url()).not.toContain('municipality=');
      await expect(page.locator('#suggestions').innerText()).resolves.toBe(
        pl('guide.where.confirmOne', { place: 'Rotterdam' }),
      );
      await tabTo(page, 'Rotterdam');
      expect(page.url()).toContain('municipality=GM0599');
      await tabTo(page, pl('guide.age.no'));
      await tabTo(page, pl('guide.need.talk'));
      expect(new URL(page.url()).pathname).toBe('/pl/guide/result');
      await expect(page.locator('h1').innerText()).resolves.not.toBe('');
      // What to do first: a desk that can be called now (FairWork has only a website), FairWork among the others.
      await expect(page.locator('.samen-first-step h2').first().innerText()).resolves.toBe(
        pl('guide.first.title'),
      );
      await expect(
        page.locator('.samen-first-step .samen-desk a[href^="tel:"]').count(),
      ).resolves.toBeGreaterThan(0);
      await expect(page.locator('.samen-first-step .samen-desk').innerText()).resolves.not.toContain(
        'FairWork',
      );
      await expect(page.locator('.samen-desk', { hasText: 'FairWork' }).count()).resolves.toBe(1);
      expect(await page.context().cookies()).toEqual([]);
    },
  );

  it('lays out Arabic right-to-left, mirrored', async () => {
    const page = await site.newPage({ width: 1280 });
    await site.goto(page, '/guide/what?audience=self', 'ar');
    const layout = await page.evaluate(() => {
      const w = globalThis as unknown as Doc;
      const brand = w.document.querySelector('.samen-brand')!.getBoundingClientRect();
      return {
        dir: w.document.documentElement.dir,
        direction: w.getComputedStyle(w.document.documentElement).direction,
        brandOnRight: brand.left > 640,
      };
    });
    expect(layout).toEqual({ dir: 'rtl', direction: 'rtl', brandOnRight: true });
    await expectNoAxeViolations(page);
  });

  it('leaves the site with the button or Shift three times, replacing the history entry so Back does not return', async () => {
    for (const how of ['click', 'shift'] as const) {
      const page = await site.newPage({ width: 360 });
      await site.goto(page, '/');
      await site.goto(page, '/guide/what?audience=self');
      const before = await page.evaluate(() => (globalThis as unknown as Doc).history.length);
      const navigation = page.waitForEvent('framenavigated');
      if (how === 'click') await page.locator('[data-leave]').click();
      else for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
      await navigation;
      await page.waitForLoadState();
      expect(page.url()).toMatch(/wikipedia\.org|^chrome-error:/);
      const after = await page
        .evaluate(() => (globalThis as unknown as Doc).history.length)
        .catch(() => before);
      expect(after, 'no new history entry').toBe(before);
      await page.goBack();
      expect(new URL(page.url()).pathname, 'Back skips the page that was left').toBe('/');
      // The neutral site is outside this machine (all other hosts are blocked here): take that one request.
      const left = site.takeThirdPartyRequests();
      expect(left.every((r) => r.includes('wikipedia.org'))).toBe(true);
    }
  });

  it('sets no cookie and asks no other origin on any public page, with JavaScript', async () => {
    const page = await site.newPage({ width: 1280 });
    const from = site.requests.length;
    for (const path of ROUTE_PAGES) await page.goto(path, { waitUntil: 'load' });
    expect(await page.context().cookies()).toEqual([]);
    const requests = site.requests.slice(from);
    expect(requests.length).toBeGreaterThan(ROUTE_PAGES.length);
    expect(requests.filter((url) => !url.startsWith(site.baseUrl) && !url.startsWith('data:'))).toEqual([]);
  });

  it('keeps the home page, the emergency numbers and the national desks available offline (service worker)', async () => {
    // The harness blocks service workers by default; this test needs a context that allows them.
    const context = await site.browser.newContext({
      baseURL: site.baseUrl,
      serviceWorkers: 'allow',
      locale: 'nl-NL',
    });
    try {
      const page = await context.newPage();
      await page.goto('/guide/what?audience=self', { waitUntil: 'load' });
      await page.evaluate(async () => {
        const nav = (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } })
          .navigator;
        await nav.serviceWorker.ready;
      });
      // Let the install step finish caching before the connection goes.
      await page.waitForTimeout(500);
      await context.setOffline(true);
      await page.goto('/guide/offline', { waitUntil: 'load' });
      await expect(page.locator('a[href="tel:112"]').first().isVisible()).resolves.toBe(true);
      await expect(page.locator('main').innerText()).resolves.toContain('Meld Misdaad Anoniem');
      await page.goto('/', { waitUntil: 'load' });
      await expect(page.locator('h1').innerText()).resolves.toContain('Hulp bij mensenhandel');
      // A page that was never kept (it carries answers) shows the offline page instead of an error.
      await page.goto('/guide/result?audience=self', { waitUntil: 'load' });
      await expect(page.locator('a[href="tel:112"]').first().isVisible()).resolves.toBe(true);
    } finally {
      await context.setOffline(false).catch(() => {});
      await context.close();
    }
  });
});
