// The layout in a real browser: every public page of the platform in Dutch and English, on a phone and a
// desktop, is accessible (axe, WCAG 2.2 AA), keyboard-usable, cookie-free and within its own CSP.
import type { Response } from 'playwright-core';
import { expect, it } from 'vitest';
import {
  describeBrowser,
  expectNoAxeViolations,
  focused,
  LOCALE_CODES,
  localePath,
  pageMatrix,
  screenshot,
  useBrowserApp,
} from '../../../test/browser.js';

const site = useBrowserApp();

const PAGES: { path: string; status: number }[] = [
  { path: '/', status: 200 },
  { path: '/does-not-exist', status: 404 },
];

describeBrowser('the layout', () => {
  const rows = pageMatrix(PAGES.map((p) => p.path));

  it.each(rows)('%s: accessible, lang and dir set, no CSP violations, no cookies', async (name, row) => {
    const status = PAGES.find((p) => p.path === row.path)!.status;
    const page = await site.newPage({ width: row.width });
    await site.goto(page, row.path, row.locale, status);

    const html = page.locator('html');
    expect(await html.getAttribute('lang')).toBe(row.locale);
    expect(await html.getAttribute('dir')).toBe('ltr');
    expect(await page.title()).toMatch(/ · Samen$/);
    await expect(page.locator('main#main h1').count()).resolves.toBe(1);

    await expectNoAxeViolations(page);
    expect(await site.cspViolations(page)).toEqual([]);
    expect(await page.context().cookies()).toEqual([]);

    // Nothing scrolls sideways on a small phone, and the page's bands span the whole width.
    const layout = await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number; clientWidth: number };
          querySelector(s: string): { getBoundingClientRect(): { x: number; width: number } } | null;
        };
      };
      const root = document.documentElement;
      const bands = ['.samen-emergency', 'header', 'main', 'footer'].map((s) => [
        s,
        Math.round(document.querySelector(s)?.getBoundingClientRect().width ?? -1),
      ]);
      const columns = ['.samen-emergency', 'header', 'main', 'footer'].map((s) => {
        const box = document.querySelector(`${s} .samen-container`)?.getBoundingClientRect();
        return box ? `${Math.round(box.x)}+${Math.round(box.width)}` : 'missing';
      });
      return { overflow: root.scrollWidth - root.clientWidth, width: root.clientWidth, bands, columns };
    });
    expect(layout.overflow).toBeLessThanOrEqual(0);
    expect(layout.bands).toEqual(layout.bands.map(([s]) => [s, layout.width]));
    // One content column: the containers of all four bands line up.
    expect(new Set(layout.columns).size, layout.columns.join(' ')).toBe(1);
    await screenshot(page, `layout ${name}`);
  });

  it.each(rows)('%s: the skip link is the first Tab stop and moves focus to main', async (_name, row) => {
    const status = PAGES.find((p) => p.path === row.path)!.status;
    const page = await site.newPage({ width: row.width });
    await site.goto(page, row.path, row.locale, status);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a[href="#main"]');
    const skip = page.locator('a[href="#main"]');
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('main#main');
    await page.keyboard.press('Tab');
    // The next Tab stop is inside main (or after it), not back in the header.
    const inMain = await page.evaluate(() => {
      const d = (
        globalThis as unknown as { document: { activeElement: { closest(s: string): unknown } | null } }
      ).document;
      return Boolean(d.activeElement?.closest('main, footer'));
    });
    expect(inMain).toBe(true);
  });

  it.each(pageMatrix(['/does-not-exist?q=1', '/'], { widths: [360] }))(
    '%s: the language switch keeps the path',
    async (_name, row) => {
      const page = await site.newPage({ width: row.width });
      const status = row.path === '/' ? 200 : 404;
      await site.goto(page, row.path, row.locale, status);
      const other = LOCALE_CODES.find((code) => code !== row.locale)!;
      // The languages sit in a disclosure: open it, then choose.
      await page.locator('.samen-lang-menu summary').click();
      const link = page.locator(`a[hreflang="${other}"]`);
      await Promise.all([page.waitForNavigation(), link.click()]);
      const url = new URL(page.url());
      expect(`${url.pathname}${url.search}`).toBe(localePath(row.path, other));
      expect(await page.locator('html').getAttribute('lang')).toBe(other);
      expect(await page.locator(`a[hreflang="${other}"]`).getAttribute('aria-current')).toBe('true');
    },
  );

  it('follows the browser language when the URL has no locale', async () => {
    const page = await site.newPage({ browserLocale: 'en-GB' });
    await site.goto(page, '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const dutch = await site.newPage({ browserLocale: 'nl-NL' });
    await site.goto(dutch, '/');
    expect(await dutch.locator('html').getAttribute('lang')).toBe('nl');
  });

  it.each(LOCALE_CODES)('works without JavaScript (%s)', async (locale) => {
    const page = await site.newPage({ width: 360, javaScriptEnabled: false });
    await site.goto(page, '/', locale);
    expect(await page.locator('main h1').isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    expect(await site.cspViolations(page)).toEqual([]);
  });

  it('revalidates a page with a 304 and the cached copy stays within the CSP', async () => {
    const page = await site.newPage();
    const responses: Response[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname === '/en') responses.push(response);
    });
    await site.goto(page, '/', 'en');
    await page.reload({ waitUntil: 'load' });
    const etags = await Promise.all(responses.map(async (r) => (await r.allHeaders()).etag ?? ''));
    // A fresh 200 would carry a new nonce in its ETag; the same ETag means the server answered 304 and the
    // browser showed its cached copy.
    expect(etags).toHaveLength(2);
    expect(etags[0]).toMatch(/^W\/"/);
    expect(etags[1]).toBe(etags[0]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await site.cspViolations(page)).toEqual([]);
    // The script still runs: its nonce matches the CSP that came with the 304.
    const scriptRan = await page.evaluate(() =>
      (
        globalThis as unknown as { performance: { getEntriesByType(t: string): { name: string }[] } }
      ).performance
        .getEntriesByType('resource')
        .some((e) => /\/assets\/app\.[0-9a-f]+\.js$/.test(e.name)),
    );
    expect(scriptRan).toBe(true);
  });

  it('loads its stylesheet and script from this server only', async () => {
    const page = await site.newPage();
    const before = site.requests.length;
    await site.goto(page, '/', 'nl');
    const urls = site.requests.slice(before);
    expect(urls.some((u) => /\/assets\/app\.[0-9a-f]{12}\.css$/.test(u))).toBe(true);
    expect(urls.some((u) => /\/assets\/app\.[0-9a-f]{12}\.js$/.test(u))).toBe(true);
    for (const u of urls) expect(u.startsWith(site.baseUrl)).toBe(true);
    const styled = await page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { body: unknown };
        getComputedStyle(e: unknown): { marginTop: string };
      };
      return g.getComputedStyle(g.document.body).marginTop;
    });
    expect(styled).toBe('0px');
  });
});
