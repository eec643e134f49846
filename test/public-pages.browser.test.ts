// The public pages that guide.browser.test.ts does not walk, in every shipped locale at 360 px: every information
// page and their index, the share page, the directory's list (also a 400 for an unknown municipality), a service
// page, the data hub's explorer (list, table and chart, a 400 for an impossible table), the API documentation and
// the 404 page. Each passes axe (WCAG 2.2 AA, including lang and dir), stays within the CSP and does not scroll
// sideways. One page per locale, reused for every address, keeps the run short.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createUser } from './auth.js';
import { InfoLibrary } from '../src/modules/guide/content.js';
import { htcdsFixture } from '../src/modules/stats/test/fixtures.js';
import {
  describeBrowser,
  expectNoAxeViolations,
  localePath,
  PUBLIC_LOCALE_CODES,
  screenshot,
  useBrowserApp,
} from './browser.js';

const site = useBrowserApp();
const state: { serviceId?: string } = {};

/** Already walked in every locale by src/modules/guide/guide.browser.test.ts. */
const WALKED_ELSEWHERE = new Set(['rights', 'signals-labour']);

function pages(): [string, number][] {
  const slugs = new InfoLibrary().slugs('nl').filter((slug) => !WALKED_ELSEWHERE.has(slug));
  return [
    ['/guide/info', 200],
    ...slugs.map((slug): [string, number] => [`/guide/info/${slug}`, 200]),
    ['/guide/share', 200],
    ['/directory', 200],
    ['/directory?municipality=Amsterdam&form=labour', 200],
    ['/directory?municipality=Noordelijkste%20Nergensdorp', 400],
    [`/directory/services/${state.serviceId!}`, 200],
    ['/stats', 200],
    ['/stats/cases?d1=prs_Gender&d2=vic_TypeOfExploitation&f1=samen_Region%3DPE01', 200],
    ['/stats/cases?d1=prs_Gender&d2=nope', 400],
    ['/stats/cases/ledger', 200],
    ['/api/docs', 200],
    ['/no-such-page', 404],
  ];
}

async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
}

describeBrowser('every public page in every shipped locale', () => {
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
    // The budget is an administrator's; the release's noise comes from node:crypto (no seed).
    const admin = await createUser(site.services, { role: 'admin' });
    await stats.setBudget(
      'cases',
      { epsilon: 4, delta: 1e-4, reason: 'public pages test' },
      { id: admin.id, role: 'admin' },
    );
    await stats.createRelease('cases', { epsilon: 2, reportingLength: 2 }, null);
    // A service with the most to show: description, contact channels, opening hours and several terms.
    const list = await site.services.directory.listServices({ q: 'CoMensha', statuses: ['active'] });
    state.serviceId = list.items[0]?.id;
    expect(state.serviceId).toBeDefined();
  });

  it.each(PUBLIC_LOCALE_CODES)('pass axe at 360 px in %s', async (locale) => {
    const page = await site.newPage({ width: 360 });
    for (const [path, status] of pages()) {
      const [pathname, query] = path.split('?') as [string, string | undefined];
      const target = localePath(pathname, locale) + (query ? `?${query}` : '');
      const response = await page.goto(target, { waitUntil: 'load' });
      expect(response?.status(), target).toBe(status);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale);
      await expectNoAxeViolations(page);
      expect(await site.cspViolations(page), target).toEqual([]);
      expect(await sidewaysScroll(page), `horizontal scroll on ${target}`).toBeLessThanOrEqual(0);
      if (locale === 'pl' || locale === 'ar') {
        if (path.startsWith('/directory/services/')) await screenshot(page, `public-service-${locale}-360`);
        if (path === '/guide/info/signals-sexual') await screenshot(page, `public-info-${locale}-360`);
        if (path.startsWith('/stats/cases?d1=prs_Gender&d2=vic'))
          await screenshot(page, `public-stats-${locale}-360`);
      }
    }
    expect(await page.context().cookies()).toEqual([]);
  });

  it('lays the directory, a service page and the explorer out at 1280 px in Ukrainian', async () => {
    const page = await site.newPage({ width: 1280 });
    for (const [path, name] of [
      ['/directory', 'directory'],
      [`/directory/services/${state.serviceId!}`, 'service'],
      ['/stats/cases?d1=prs_Gender&d2=vic_TypeOfExploitation', 'stats'],
      ['/guide/info/professional-labour', 'info'],
    ] as const) {
      const [pathname, query] = path.split('?') as [string, string | undefined];
      await page.goto(localePath(pathname, 'uk') + (query ? `?${query}` : ''), { waitUntil: 'load' });
      await expectNoAxeViolations(page);
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `public-${name}-uk-1280`);
    }
  });
});
