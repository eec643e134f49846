// The accessibility statement in every shipped locale: it answers at /<locale>/toegankelijkheid, passes axe at
// 360 px and 1280 px, stays within the CSP, and is reached from the footer of another page with the keyboard.
import { expect, it } from 'vitest';
import {
  describeBrowser,
  expectNoAxeViolations,
  localePath,
  PUBLIC_LOCALE_CODES,
  screenshot,
  useBrowserApp,
} from '../../../test/browser.js';

const site = useBrowserApp({ seed: false });

describeBrowser('accessibility statement', () => {
  it.each(PUBLIC_LOCALE_CODES)('passes axe at 360 and 1280 px in %s', async (locale) => {
    for (const width of [360, 1280]) {
      const page = await site.newPage({ width });
      const response = await page.goto(localePath('/toegankelijkheid', locale), { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale);
      expect(await page.locator('main h2').count()).toBe(5);
      expect(await page.locator('main li').count()).toBe(3);
      await expectNoAxeViolations(page);
      expect(await site.cspViolations(page)).toEqual([]);
      if (locale === 'nl' || locale === 'ar') await screenshot(page, `accessibility-${locale}-${width}`);
    }
  });

  it('is linked from the footer and reached with the keyboard, keeping the language', async () => {
    const page = await site.newPage({ width: 1280 });
    await page.goto('/en/guide/info', { waitUntil: 'load' });
    const link = page.locator('footer a[href="/en/toegankelijkheid"]');
    expect((await link.textContent())?.trim()).toBe('Accessibility');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/en/toegankelijkheid');
    expect((await page.locator('h1').textContent())?.trim()).toBe('Accessibility statement');
  });
});
