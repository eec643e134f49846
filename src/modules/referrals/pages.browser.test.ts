// The referral pages in a real browser, a journey per role: every page each role sees is accessible (axe, WCAG
// 2.2 AA), within the CSP, and fits a 360 px phone, in Dutch and English.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import {
  describeBrowser,
  expectNoAxeViolations,
  LOCALE_CODES,
  screenshot,
  useBrowserApp,
} from '../../../test/browser.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { createUser } from '../../../test/auth.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const site = useBrowserApp({ seed: false });
let amsterdamCase = '';
let enschedeCase = '';

async function check(page: Page) {
  await expectNoAxeViolations(page);
  expect(await site.cspViolations(page)).toEqual([]);
  await expect(page.locator('main#main h1').count()).resolves.toBe(1);
  const overflow = await page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow).toBeLessThanOrEqual(0);
}

async function signInAs(role: string, locale: string, width = 360): Promise<Page> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const page = await site.newPage({ width });
  await site.signIn(page, {
    email: account.email,
    password: DEMO_PASSWORD,
    totpSecret: account.totp,
    locale,
  });
  return page;
}

describeBrowser('referral pages', () => {
  beforeAll(async () => {
    await site.services.directory.loadSampleDirectory();
    await loadReferralDemo(site.services);
    const cases = await site.database.db
      .selectFrom('nrm_case')
      .select(['id', 'municipality_code', 'kind'])
      .execute();
    amsterdamCase = cases.find((c) => c.municipality_code === 'GM0363')!.id;
    enschedeCase = cases.find((c) => c.municipality_code === 'GM0153' && c.kind === 'signal')!.id;
  });

  // One sign-in per role (the login is rate limited per address), then every page in each locale.
  it('a first-line professional: list, signal form with errors, consult form, own case', async () => {
    const page = await signInAs('nrm_professional', 'nl');
    for (const locale of LOCALE_CODES) {
      for (const path of ['/nvm', '/nvm/signal', '/nvm/signal?kind=consult', `/nvm/cases/${enschedeCase}`]) {
        await site.goto(page, path, locale);
        await check(page);
      }
      await site.goto(page, '/nvm/signal', locale);
      await Promise.all([
        page.waitForNavigation(),
        page.locator('main form[method=post] button[type=submit]').click(),
      ]);
      await check(page);
      await expect(page.locator('.samen-error-summary a[href="#f-municipality"]').count()).resolves.toBe(1);
      if (locale === 'nl') await screenshot(page, 'referrals-signal-errors-nl');
    }
  });

  it('CoMensha: queue, case, places, registration, bottlenecks', async () => {
    const page = await signInAs('nrm_national', 'nl');
    for (const locale of LOCALE_CODES) {
      for (const path of [
        '/nvm',
        `/nvm/cases/${enschedeCase}`,
        '/nvm/places',
        '/nvm/places?category=minors&region=VR05',
        '/nvm/registrations',
        '/nvm/bottlenecks',
        '/nvm/lookup?reference=NVM-0000-000000',
        '/nvm/notifications',
      ]) {
        await site.goto(page, path, locale);
        await check(page);
      }
    }
    await site.goto(page, `/nvm/cases/${enschedeCase}`, 'en');
    await screenshot(page, 'referrals-case-en');
  });

  it('a regional coordinator and lead: queue and case; another region is not found', async () => {
    for (const role of ['nrm_coordinator', 'nrm_regional_lead']) {
      const page = await signInAs(role, 'nl', 1280);
      for (const locale of LOCALE_CODES) {
        await site.goto(page, '/nvm', locale);
        await check(page);
        await site.goto(page, '/nvm/notifications', locale);
        await check(page);
        await site.goto(page, `/nvm/cases/${amsterdamCase}`, locale);
        await check(page);
        await site.goto(page, `/nvm/cases/${enschedeCase}`, locale, 404);
      }
    }
  });

  it("the person's export: chosen on the case page, in Dutch, Arabic (right to left) and Bulgarian, at 360 px", async () => {
    const page = await signInAs('nrm_coordinator', 'nl');
    await site.goto(page, `/nvm/cases/${amsterdamCase}`, 'nl');
    // The chooser on the case page opens the export in the language picked, without JavaScript's help.
    await page.locator('#sar-lang').selectOption('ar');
    await Promise.all([page.waitForNavigation(), page.locator('form:has(#sar-lang) button').first().click()]);
    expect(page.url()).toContain(`/nvm/cases/${amsterdamCase}/export?lang=ar`);
    for (const lang of ['nl', 'ar', 'bg']) {
      for (const locale of LOCALE_CODES) {
        await site.goto(page, `/nvm/cases/${amsterdamCase}/export?lang=${lang}`, locale);
        await check(page);
        await expect(page.locator(`article[lang="${lang}"]`).getAttribute('dir')).resolves.toBe(
          lang === 'ar' ? 'rtl' : 'ltr',
        );
      }
      await site.goto(page, `/nvm/cases/${amsterdamCase}/export?lang=${lang}`, 'nl');
      await screenshot(page, `referrals-export-${lang}-360`);
    }
  });

  it('a shelter: its places and requests; the privacy officer: register and audit', async () => {
    const shelter = await signInAs('nrm_shelter', 'nl');
    const privacy = await signInAs('privacy_officer', 'nl');
    for (const locale of LOCALE_CODES) {
      for (const path of ['/nvm', '/nvm/shelter', '/nvm/notifications']) {
        await site.goto(shelter, path, locale);
        await check(shelter);
      }
      await site.goto(privacy, '/nvm/privacy?verify=1', locale);
      await check(privacy);
      await expect(privacy.locator('main').innerText()).resolves.toMatch(/Intact/);
      await site.goto(privacy, '/nvm/privacy/audit?person=a', locale);
      await check(privacy);
      await site.goto(privacy, '/nvm/privacy/audit?from=2026-02-30', locale, 400);
      await check(privacy);
    }
  });

  it('the administrator: teams and memberships, with the error summary', async () => {
    const admin = await createUser(site.services, { role: 'admin' });
    const page = await site.newPage({ width: 360 });
    await site.signIn(page, {
      email: admin.email,
      password: admin.password,
      totpSecret: admin.totpSecret!,
      locale: 'nl',
    });
    for (const locale of LOCALE_CODES) {
      await site.goto(page, '/admin/nrm', locale);
      await check(page);
    }
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form[action$="/admin/nrm/teams"] button[type=submit]').click(),
    ]);
    await check(page);
    await expect(page.locator('.samen-error-summary a[href="#f-name"]').count()).resolves.toBe(1);
  });
});
