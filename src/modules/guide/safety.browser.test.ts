// Leaving fast and leaving no trace, in a real browser: the quick exit stays on screen on every public page
// (sticky), Shift pressed three times leaves, Escape does not (not in the town field, not in the language menu),
// and after leaving, Back does not show the answers. Also: the 112 bar sits in a landmark (axe `region`), the
// service worker's offline page is reached and says "you are offline", /favicon.ico answers, and the town
// question and the directory's town filter take villages, "Den Haag" and other scripts with and without JavaScript.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { I18n } from '../../platform/i18n/index.js';
import {
  describeBrowser,
  expectNoAxeViolations,
  localePath,
  screenshot,
  useBrowserApp,
} from '../../../test/browser.js';

const site = useBrowserApp();
const require = createRequire(import.meta.url);

const RESULT = '/guide/result?audience=self&form=labour&danger=no&municipality=GM1783&minor=no&need=shelter';

/** Public pages of every kind: the route, a long result, information, search, offline, directory, data, 404. */
const PUBLIC_PAGES: { path: string; status: number }[] = [
  { path: '/', status: 200 },
  { path: '/guide/what?audience=self', status: 200 },
  { path: '/guide/where?audience=self&form=labour&danger=no&place=Naaldwyk', status: 200 },
  { path: RESULT, status: 200 },
  { path: '/guide/info', status: 200 },
  { path: '/guide/info/rights', status: 200 },
  { path: '/guide/search?q=arbeid', status: 200 },
  { path: '/guide/offline', status: 200 },
  { path: '/guide/share', status: 200 },
  { path: '/directory', status: 200 },
  { path: '/directory?municipality=Den%20Haag', status: 200 },
  { path: '/stats', status: 200 },
  { path: '/does-not-exist', status: 404 },
];

interface Win {
  document: {
    querySelector(s: string): {
      getBoundingClientRect(): { top: number; bottom: number; left: number; right: number };
    } | null;
    elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null;
    documentElement: { scrollHeight: number };
    activeElement: { id: string } | null;
  };
  innerHeight: number;
  innerWidth: number;
  scrollTo(x: number, y: number): void;
  history: { length: number };
}

/** Scrolls to the very bottom and says whether the leave button is fully visible and on top there. */
async function leaveButtonAtBottom(page: Page) {
  return page.evaluate(() => {
    const w = globalThis as unknown as Win;
    w.scrollTo(0, w.document.documentElement.scrollHeight);
    const box = w.document.querySelector('[data-leave]')!.getBoundingClientRect();
    const hit = w.document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    return {
      scrolled: w.document.documentElement.scrollHeight > w.innerHeight,
      inView: box.top >= 0 && box.bottom <= w.innerHeight && box.left >= 0 && box.right <= w.innerWidth,
      onTop: Boolean(hit?.closest('[data-leave]')),
    };
  });
}

let axeSource: string | undefined;
/** axe's `region` rule alone (a best practice, not in the WCAG tags the harness runs): all content in landmarks. */
async function regionViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = globalThis as unknown as {
      axe: {
        run(
          context: unknown,
          options: unknown,
        ): Promise<{ violations: { nodes: { target: unknown[] }[] }[] }>;
      };
      document: unknown;
    };
    const result = await w.axe.run(w.document, {
      runOnly: { type: 'rule', values: ['region'] },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' ')));
  });
}

async function pressShift(page: Page, times: number) {
  for (let i = 0; i < times; i++) await page.keyboard.press('Shift');
}

describeBrowser('leaving fast, and the smaller points', () => {
  it.each(['nl', 'pl'])(
    'keeps 112 and the quick exit on screen at the bottom of every long public page, in a landmark (%s)',
    async (locale) => {
      for (const width of [360, 1280]) {
        const page = await site.newPage({ width });
        for (const { path, status } of PUBLIC_PAGES) {
          const [pathname, query] = path.split('?') as [string, string | undefined];
          await site.goto(page, localePath(pathname, locale) + (query ? `?${query}` : ''), undefined, status);
          const at = await leaveButtonAtBottom(page);
          if (at.scrolled)
            expect({ path, width, ...at }).toEqual({
              path,
              width,
              scrolled: true,
              inView: true,
              onTop: true,
            });
          expect(await regionViolations(page), `${path} at ${width}`).toEqual([]);
          expect(await page.locator('aside.samen-emergency a[href="tel:112"]').count()).toBe(1);
        }
        await screenshot(page, `quick exit sticky ${locale} ${width}`);
      }
    },
  );

  it.each(['nl', 'pl'])(
    'passes axe (WCAG 2.2 AA) on the pages this work changed, at 360 and 1280 px (%s)',
    async (locale) => {
      for (const width of [360, 1280]) {
        const page = await site.newPage({ width });
        for (const path of [
          '/guide/where?audience=self&form=labour&danger=no&place=Naaldwyk',
          '/guide/where?audience=self&form=labour&danger=no&place=Hengelo',
          '/guide/where?audience=self&form=labour&danger=no&place=Atlantis',
          '/guide/where?audience=self&form=labour&danger=no&list=1',
          '/guide/result?audience=self&form=sexual&danger=no&municipality=GM1783&minor=no&need=police',
          '/guide/offline',
          '/directory?municipality=Naaldwyk',
        ]) {
          await site.goto(page, localePath(path, locale));
          await expectNoAxeViolations(page);
        }
      }
    },
  );

  it('leaves on Shift pressed three times, in the town field too; not on two, nor when other keys come between', async () => {
    const page = await site.newPage({ width: 360 });
    await site.goto(page, '/guide/where?audience=self&form=labour&danger=no');
    await page.locator('#place').focus();
    await pressShift(page, 2);
    await page.keyboard.type('Naaldwijk');
    await pressShift(page, 1);
    await page.waitForTimeout(200);
    expect(new URL(page.url()).pathname).toBe('/guide/where');
    await expect(page.locator('#place').inputValue()).resolves.toBe('Naaldwijk');
    const navigation = page.waitForEvent('framenavigated');
    await pressShift(page, 3);
    await navigation;
    expect(page.url()).toMatch(/wikipedia\.org|^chrome-error:/);
    expect(site.takeThirdPartyRequests().every((r) => r.includes('wikipedia.org'))).toBe(true);
  });

  it('does not leave on Escape: not on the page, not in the town field, not in the language menu', async () => {
    const page = await site.newPage({ width: 360 });
    await site.goto(page, '/pl/guide/where?audience=self&form=labour&danger=no');
    await page.keyboard.press('Escape');
    await page.locator('#place').fill('Poeldijk');
    await page.locator('#place').press('Escape');
    await page.locator('.samen-lang-menu summary').click();
    await page.locator('a[hreflang="uk"]').focus();
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    expect(new URL(page.url()).pathname).toBe('/pl/guide/where');
    expect(site.takeThirdPartyRequests()).toEqual([]);
  });

  it.each([true, false])(
    'after leaving, Back shows no answers (JavaScript %s keeps them out of history, without it Back shows the last page)',
    async (js) => {
      const page = await site.newPage({ width: 360, javaScriptEnabled: js });
      await site.goto(page, '/guide/info/rights');
      const start = await page.evaluate(() => (globalThis as unknown as Win).history.length);
      await site.goto(page, '/');
      const click = async (selector: string) =>
        Promise.all([page.waitForNavigation(), page.locator(selector).first().click()]);
      await click('a[href="/guide/what?audience=self"]');
      await click('a[href^="/guide/danger?audience=self&form=labour"]');
      await click('a[href$="danger=no"]');
      await page.locator('#place').fill('Naaldwijk');
      await Promise.all([page.waitForURL(/municipality=GM1783/), page.locator('#place').press('Enter')]);
      await click('a[href$="minor=no"]');
      await click('a[href$="need=shelter"]');
      expect(new URL(page.url()).pathname).toBe('/guide/result');
      const during = await page.evaluate(() => (globalThis as unknown as Win).history.length);
      if (js) {
        // One entry for the whole walk, whatever the number of steps.
        expect(during).toBe(start + 1);
        await Promise.all([page.waitForEvent('framenavigated'), page.locator('[data-leave]').click()]);
        await page.waitForLoadState();
        site.takeThirdPartyRequests();
        await page.goBack();
        const back = new URL(page.url());
        expect(back.search, 'no answers in the page Back shows').toBe('');
        expect(back.pathname).toBe('/guide/info/rights');
      } else {
        // Without JavaScript every step is an ordinary link (documented in the README): the answers are in the
        // history, and the leave link is an ordinary link too.
        expect(during).toBeGreaterThan(start + 1);
      }
    },
  );

  it('shows the offline page, saying "you are offline", for any page without a connection, in any language', async () => {
    const context = await site.browser.newContext({
      baseURL: site.baseUrl,
      serviceWorkers: 'allow',
      locale: 'pl-PL',
    });
    try {
      const page = await context.newPage();
      await page.goto('/pl/guide/what?audience=self', { waitUntil: 'load' });
      await page.evaluate(async () => {
        const nav = (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } })
          .navigator;
        await nav.serviceWorker.ready;
      });
      await page.waitForTimeout(800);
      await context.setOffline(true);
      const pl = new I18n().translator('pl');
      // Polish: the Polish offline page, kept when the Polish page was opened.
      await page.goto('/pl/guide/result?audience=self&form=labour', { waitUntil: 'load' });
      await expect(page.locator('[data-offline-notice]').innerText()).resolves.toBe(
        pl('guide.offline.youAreOffline'),
      );
      await expect(page.locator('a[href="tel:112"]').first().isVisible()).resolves.toBe(true);
      // Hungarian was never opened: the offline page kept at installation (the third lookup) is shown.
      await page.goto('/hu/guide/info/rights', { waitUntil: 'load' });
      await expect(page.locator('[data-offline-notice]').isVisible()).resolves.toBe(true);
      await expect(page.locator('a[href="tel:112"]').first().isVisible()).resolves.toBe(true);
      await screenshot(page, 'offline fallback');
    } finally {
      await context.setOffline(false).catch(() => {});
      await context.close();
    }
  });

  it('says nothing about being offline on the offline page opened online', async () => {
    const page = await site.newPage({ width: 360 });
    await site.goto(page, '/guide/offline');
    await expect(page.locator('[data-offline-notice]').isVisible()).resolves.toBe(false);
  });

  it('answers /favicon.ico with an icon', async () => {
    const page = await site.newPage({ width: 360 });
    const response = await page.request.get(`${site.baseUrl}/favicon.ico`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('image/x-icon');
  });

  it.each([true, false])(
    'finds Naaldwijk, Гаага and Den Haag by typing, in the guide and the directory (JavaScript %s)',
    async (js) => {
      const page = await site.newPage({ width: 360, javaScriptEnabled: js });
      await site.goto(page, '/pl/guide/where?audience=self&form=labour&danger=no');
      await page.locator('#place').fill('Гаага');
      await Promise.all([page.waitForURL(/municipality=GM0518/), page.locator('#place').press('Enter')]);
      await site.goto(page, '/pl/guide/where?audience=self&form=labour&danger=no');
      await page.locator('#place').fill('Naaldwyk');
      await Promise.all([page.waitForURL(/place=Naaldwyk/), page.locator('#place').press('Enter')]);
      await expect(page.locator('#suggestions').innerText()).resolves.toBe(
        new I18n().translator('pl')('guide.where.confirmOne', { place: 'Westland (Naaldwijk)' }),
      );
      await Promise.all([
        page.waitForURL(/municipality=GM1783/),
        page.locator('.samen-choice').first().click(),
      ]);
      await site.goto(page, '/directory');
      await page.locator('#filter-municipality').fill('Den Haag');
      await Promise.all([
        page.waitForURL(/municipality=Den/),
        page.locator('#filter-municipality').press('Enter'),
      ]);
      await expect(page.locator('#results-title').innerText()).resolves.toContain("'s-Gravenhage");
    },
  );
});
