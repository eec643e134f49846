// The account pages in a real browser: accessible (axe, WCAG 2.2 AA) in Dutch and English, within the CSP, in
// their error states too, and usable without JavaScript and with the keyboard alone.
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createUser, freshTotpCode, type CreatedUser } from '../../../test/auth.js';
import {
  describeBrowser,
  expectNoAxeViolations,
  LOCALE_CODES,
  localePath,
  useBrowserApp,
} from '../../../test/browser.js';

const site = useBrowserApp({ seed: false });

async function check(page: Page) {
  await expectNoAxeViolations(page);
  expect(await site.cspViolations(page)).toEqual([]);
  await expect(page.locator('main#main h1').count()).resolves.toBe(1);
}

async function submit(page: Page, formAction: string) {
  await Promise.all([
    page.waitForNavigation(),
    page.locator(`form[action$="${formAction}"] [type=submit]`).click(),
  ]);
}

describeBrowser('account pages', () => {
  it.each(LOCALE_CODES)('sign-in pages (%s): login, failed login, second-factor step', async (locale) => {
    const admin = await createUser(site.services, { role: 'admin' });
    const page = await site.newPage({ width: 360 });
    await site.goto(page, '/login', locale);
    await check(page);
    await page.locator('#email').fill(admin.email);
    await page.locator('#password').fill('a wrong password');
    await submit(page, '/login');
    await check(page);
    await page.locator('#email').fill('');
    await submit(page, '/login');
    await check(page);
    await page.locator('#email').fill(admin.email);
    await page.locator('#password').fill(admin.password);
    await submit(page, '/login');
    expect(new URL(page.url()).pathname).toBe(localePath('/login/totp', locale));
    await check(page);
    await page.locator('#code').fill('000000');
    await submit(page, '/login/totp');
    await check(page);
  });

  it.each(LOCALE_CODES)('enrolment, account and user pages (%s)', async (locale) => {
    const admin = await createUser(site.services, { role: 'admin', totp: false });
    const page = await site.newPage();
    await site.goto(page, '/login', locale);
    await page.locator('#email').fill(admin.email);
    await page.locator('#password').fill(admin.password);
    await submit(page, '/login');
    expect(new URL(page.url()).pathname).toBe(localePath('/account/totp', locale));
    await check(page);
    // The QR code is an image with a text alternative, and the key is there as text.
    await expect(page.locator('main img').getAttribute('alt')).resolves.toMatch(/QR/);
    const secret = (await page.locator('#totp-secret').innerText()).replace(/\s/g, '');
    await page.locator('#code').fill('000000');
    await submit(page, '/account/totp');
    await check(page);
    await page.locator('#code').fill(freshTotpCode(secret, site.clock));
    await submit(page, '/account/totp');
    // Enrolled: the admin lands on the first staff area, then opens the account page from the header.
    expect(new URL(page.url()).pathname).toBe(localePath('/steward', locale));
    await site.goto(page, '/account', locale);

    await check(page);
    await page.locator('#currentPassword').fill('wrong');
    await page.locator('#newPassword').fill('short');
    await page.locator('#confirmPassword').fill('short');
    await submit(page, '/account/password');
    await check(page);

    await site.goto(page, '/admin/users', locale);
    await check(page);
    await site.goto(page, '/admin/users/new', locale);
    await check(page);
    await page.locator('#email').fill('not an email');
    await submit(page, '/admin/users');
    await check(page);
  });

  it('works without JavaScript, with the keyboard only', async () => {
    const steward: CreatedUser = await createUser(site.services, { role: 'directory_steward' });
    const page = await site.newPage({ javaScriptEnabled: false });
    await site.goto(page, '/login', 'nl');
    await page.locator('#email').focus();
    await page.keyboard.type(steward.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(steward.password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/nl/steward');
    await site.goto(page, '/account', 'nl');
    await expect(page.locator('main').innerText()).resolves.toContain(steward.email);
    // The error summary links move focus to the field.
    await page.locator('#currentPassword').fill('wrong');
    await submit(page, '/account/password');
    await page.locator('.samen-error-summary a[href="#currentPassword"]').click();
    await expect(
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).resolves.toBe('currentPassword');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form[action$="/logout"] [type=submit]').first().click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/nl/login');
  });
});
