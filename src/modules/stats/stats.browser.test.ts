// The data hub's pages in a real browser: the explorer (public) and the staff pages, in Dutch and English at
// 360 px, are accessible (axe, WCAG 2.2 AA), stay within the CSP and fit a small phone; the explorer's form
// works without JavaScript.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createUser, type CreatedUser } from '../../../test/auth.js';
import {
  describeBrowser,
  expectNoAxeViolations,
  LOCALE_CODES,
  screenshot,
  useBrowserApp,
} from '../../../test/browser.js';
import { createStatsService } from './service.js';
import { htcdsFixture } from './test/fixtures.js';

const site = useBrowserApp({ seed: false });
let steward: CreatedUser;
let admin: CreatedUser;

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

describeBrowser('data hub pages', () => {
  beforeAll(async () => {
    const stats = site.services.stats;
    const outcome = await stats.importDataset({
      name: 'cases',
      title: 'Cases',
      format: 'htcds',
      text: htcdsFixture(),
      actorUserId: null,
    });
    expect(outcome.ok).toBe(true);
    await stats.updateSettings('cases', { k: 5, published: true }, null);
    // A second data set whose suppression audit could not finish (0 s): its page lists the cells not proved.
    await stats.importDataset({
      name: 'failed',
      format: 'htcds',
      text: htcdsFixture('x'),
      actorUserId: null,
    });
    const hurried = createStatsService({
      db: site.database.db,
      clock: site.clock.read,
      audit: site.services.audit,
      auditTimeLimitSeconds: 0,
    });
    expect(await hurried.auditDataset('failed', null)).toMatchObject({ ok: false });
    steward = await createUser(site.services, { role: 'data_steward' });
    admin = await createUser(site.services, { role: 'admin' });
    await stats.setBudget(
      'cases',
      { epsilon: 4, delta: 1e-4, reason: 'browser test' },
      { id: admin.id, role: 'admin' },
    );
    await stats.createRelease('cases', { epsilon: 2, reportingLength: 2 }, steward.id);
  });

  it.each(LOCALE_CODES)('explorer pages at 360 px (%s)', async (locale) => {
    const page = await site.newPage({ width: 360, javaScriptEnabled: false });
    await site.goto(page, '/stats', locale);
    await check(page);
    await site.goto(page, '/stats/cases', locale);
    await check(page);
    // The GET form without JavaScript: choose two columns and a filter, submit.
    await page.selectOption('#d1', 'prs_Gender');
    await page.selectOption('#d2', 'vic_TypeOfExploitation');
    await page.selectOption('#f1', 'samen_Region=PE01');
    await Promise.all([page.waitForNavigation(), page.locator('form.samen-filters [type=submit]').click()]);
    expect(new URL(page.url()).searchParams.get('f1')).toBe('samen_Region=PE01');
    await check(page);
    await expect(page.locator('svg.samen-stats-chart').count()).resolves.toBe(1);
    await expect(page.locator('table.utrecht-table caption').first().innerText()).resolves.toContain(
      'Gender (HTCDS)',
    );
    await screenshot(page, `stats-explorer-${locale}`);
    // A choice the cube cannot answer: a 400 page that says why.
    await site.goto(
      page,
      '/stats/cases?d1=prs_Gender&d2=vic_TypeOfExploitation&d3=samen_Region&f1=vic_AgeWhenTrafficked%3D18--20',
      locale,
      400,
    );
    await check(page);
    // The public budget ledger.
    await site.goto(page, '/stats/cases/ledger', locale);
    await check(page);
    await expect(page.locator('#ledger-releases').count()).resolves.toBe(1);
    if (locale === 'nl' || locale === 'ar') await screenshot(page, `stats-ledger-${locale}`);
    expect(await page.context().cookies()).toEqual([]);
  });

  it.each(LOCALE_CODES)('staff pages at 360 px (%s)', async (locale) => {
    const page = await site.newPage({ width: 360 });
    await site.signIn(page, { email: steward.email, password: steward.password, locale });
    await site.goto(page, '/stats/manage', locale);
    await check(page);
    await site.goto(page, '/stats/manage/cases', locale);
    await check(page);
    await site.goto(page, '/stats/manage/cases/preview?d1=prs_Gender&d2=samen_Region', locale);
    await check(page);
    await site.goto(page, '/stats/manage/failed', locale);
    await check(page);
    await expect(page.locator('#exposed-caption').count()).resolves.toBe(1);
    await screenshot(page, `stats-audit-failed-${locale}`);
    if (locale === 'nl') await screenshot(page, 'stats-manage');
  });

  it.each(['nl', 'en'])('the budget form for an administrator, at 360 and 1280 px (%s)', async (locale) => {
    for (const width of [360, 1280]) {
      const page = await site.newPage({ width });
      await site.signIn(page, {
        email: admin.email,
        password: admin.password,
        ...(admin.totpSecret ? { totpSecret: admin.totpSecret } : {}),
        locale,
      });
      await site.goto(page, '/stats/manage/cases', locale);
      await check(page);
      await expect(page.locator('#budget_epsilon').count()).resolves.toBe(1);
      await screenshot(page, `stats-manage-admin-${locale}-${width}`);
    }
  });
});
