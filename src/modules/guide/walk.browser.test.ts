// Every shipped language, on a 360 px phone, with and without JavaScript: a person taps from the home page through
// the questions to a result, types a village (not a municipality's own name) and reaches the desks of the right
// municipality, in at most six steps, with the page in their language all the way.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { I18n } from '../../platform/i18n/index.js';
import { describeBrowser, localePath, PUBLIC_LOCALE_CODES, useBrowserApp } from '../../../test/browser.js';

const site = useBrowserApp();
const i18n = new I18n();

/** Taps the first link whose text contains `text` and waits for the next page. */
async function tap(page: Page, text: string): Promise<void> {
  const link = page.locator('main a', { hasText: text }).first();
  await Promise.all([page.waitForNavigation(), link.click()]);
}

const cases = PUBLIC_LOCALE_CODES.flatMap((locale) => [
  { locale, js: true },
  { locale, js: false },
]);

describeBrowser('wegwijzer: from home to a result in every language', () => {
  it.each(cases)(
    'walks to the result for a labour-exploitation victim in Naaldwijk in $locale (JavaScript $js)',
    async ({ locale, js }) => {
      const t = i18n.translator(locale);
      const page = await site.newPage({ width: 360, javaScriptEnabled: js });
      await site.goto(page, localePath('/', locale));
      let steps = 0;
      await tap(page, t('guide.who.self'));
      steps++;
      await tap(page, t('guide.what.labour'));
      steps++;
      await tap(page, t('guide.danger.no.hint'));
      steps++;
      // A Westland village: it must lead to Westland (GM1783), never to Waalwijk.
      await page.locator('#place').fill('Naaldwijk');
      await Promise.all([page.waitForNavigation(), page.locator('#place').press('Enter')]);
      steps++;
      expect(page.url()).toContain('municipality=GM1783');
      await tap(page, t('guide.age.no'));
      steps++;
      await tap(page, t('guide.need.talk'));
      steps++;
      expect(steps).toBeLessThanOrEqual(6);
      expect(new URL(page.url()).pathname).toMatch(/\/guide\/result$/);
      const lang = await page.locator('html').getAttribute('lang');
      expect(lang).toBe(locale);
      await expect(page.locator('.samen-first-step h2').first().innerText()).resolves.toBe(
        t('guide.first.title'),
      );
      // The first desk can be reached: a number to call or a link to chat.
      await expect(
        page.locator('.samen-first-step a[href^="tel:"], .samen-first-step a[href^="http"]').count(),
      ).resolves.toBeGreaterThan(0);
      expect(await page.context().cookies()).toEqual([]);
      await page.close();
    },
  );
});
