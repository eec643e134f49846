// The directory pages in a real browser: public and steward pages in Dutch and English are accessible (axe,
// WCAG 2.2 AA), stay within the CSP, fit a small phone, and the steward form works with the keyboard alone.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
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
import { areas, createOrganization, createSteward, draft, TERM, type Steward } from './test/helpers.js';

const site = useBrowserApp({ seed: false });
let steward: Steward;
let serviceId: string;

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

describeBrowser('directory pages', () => {
  beforeAll(async () => {
    steward = await createSteward(site.services);
    const org = await createOrganization(site.services, steward, 'CoMensha');
    const s = await site.services.directory.createService(
      draft(org, {
        name: 'CoMensha Helpdesk',
        description: 'Vragen en advies over mensenhandel.',
        email: 'info@example.nl',
        minimum_age: 12,
        phones: [
          { number: '033-4481186', channel: 'voice' },
          { number: '06-12345678', channel: 'whatsapp' },
        ],
        urls: [{ url: 'https://www.example.nl/chat', channel: 'chat' }],
        schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' }],
        taxonomy_term_ids: [TERM.reportingPoint, TERM.victim, TERM.free],
      }),
      steward.actor,
    );
    serviceId = s.id;
    await site.services.directory.createService(
      draft(org, {
        name: 'Regionaal meldpunt',
        service_areas: areas(['safety_region', 'VR13'], ['municipality', 'GM0014']),
      }),
      steward.actor,
    );
  });

  it.each(
    pageMatrix([
      '/directory',
      '/directory?municipality=berg',
      '/directory?municipality=GM0363&desk=reporting_point',
    ]),
  )('public list %s', async (_name, row) => {
    const page = await site.newPage({ width: row.width });
    await site.goto(page, row.path, row.locale);
    await check(page);
    expect(await page.context().cookies()).toEqual([]);
  });

  it.each(pageMatrix(['/service']))('public service page %s', async (_name, row) => {
    const page = await site.newPage({ width: row.width });
    await site.goto(page, `/directory/services/${serviceId}`, row.locale);
    await check(page);
    expect(await page.context().cookies()).toEqual([]);
    if (row.width === 360) await screenshot(page, `directory-service-${row.locale}`);
  });

  it.each(LOCALE_CODES)('steward pages (%s)', async (locale) => {
    const page = await site.newPage({ width: 1280 });
    await site.signIn(page, { email: steward.email, password: steward.password, locale });
    for (const path of [
      '/steward',
      '/steward/services',
      '/steward/services?municipality=Atlantis',
      `/steward/services/${serviceId}`,
      `/steward/services/${serviceId}/edit`,
      `/steward/services/${serviceId}/history`,
      '/steward/services/new',
      '/steward/organizations',
      '/steward/organizations/new',
    ]) {
      const status = path.includes('Atlantis') ? 400 : 200;
      await site.goto(page, path, locale, status);
      await check(page);
    }
    // The form's error state: the summary takes the focus and links to each field.
    await site.goto(page, '/steward/services/new', locale);
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form.samen-service-form [type=submit]').first().click(),
    ]);
    await check(page);
    expect(await focused(page)).toBe('div#error-summary');
    await expect(page.locator('.samen-error-summary a[href="#f-name"]').count()).resolves.toBe(1);
    if (locale === 'nl') await screenshot(page, 'directory-steward-form-errors');
  });

  it('lets a steward edit a service with the keyboard alone', async () => {
    const page = await site.newPage({ width: 1280 });
    await site.signIn(page, { email: steward.email, password: steward.password, locale: 'en' });
    await site.goto(page, `/steward/services/${serviceId}/edit`, 'en');
    // The skip link comes first, then the header; the form's first stop is its Save button.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a[href="#main"]');
    await page.locator('#f-name').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('CoMensha Helpdesk (edited)');
    // Enter in a text field submits with the first submit button: Save (not "more rows").
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe(localePath(`/steward/services/${serviceId}`, 'en'));
    await expect(page.locator('main').innerText()).resolves.toContain('have been saved');
    // Verify with the keyboard: tab to the button and press Space.
    await page.locator(`form[action$="/steward/services/${serviceId}/verify"] button`).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Space')]);
    await expect(page.locator('main').innerText()).resolves.toContain('verified today');
    expect((await site.services.directory.getService(serviceId))!.name).toBe('CoMensha Helpdesk (edited)');
  });
});
