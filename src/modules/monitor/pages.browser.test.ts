// The monitor's pages in a real browser at 360 px, in Dutch and English: axe (WCAG 2.2 AA) finds nothing, the
// CSP holds, nothing overflows sideways; and an action owner reports an update with JavaScript switched off.
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { createUser, type CreatedUser } from '../../../test/auth.js';
import {
  describeBrowser,
  expectNoAxeViolations,
  LOCALE_CODES,
  useBrowserApp,
} from '../../../test/browser.js';

const site = useBrowserApp();
let team: CreatedUser;
let owner: CreatedUser;
let lockedId: string;
let openId: string;
let actionId: string;
let coordinator: CreatedUser;
let requester: CreatedUser;
let expertId: string;
let assignmentId: string;
let milestoneId: string;
let lockedIndicatorId: string;
let newIndicatorId: string;
let commitmentId: string;
let campaignId: string;
let meetingId: string;

async function check(page: Page) {
  await expectNoAxeViolations(page);
  expect(await site.cspViolations(page)).toEqual([]);
  expect(await page.locator('main#main h1').count()).toBe(1);
  const overflow = await page.evaluate(() => {
    const root = (
      globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
    ).document.documentElement;
    return root.scrollWidth - root.clientWidth;
  });
  expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

describeBrowser('monitor pages', () => {
  beforeAll(async () => {
    const monitor = site.services.monitor;
    team = await createUser(site.services, { role: 'programme_team' });
    owner = await createUser(site.services, { role: 'action_owner' });
    const fairwork = (await monitor.organisations()).find((o) => o.name === 'FairWork')!;
    await monitor.linkOwner(owner.id, fairwork.id, { id: team.id, role: 'programme_team' });
    lockedId = (await monitor.rounds())[0]!.id;
    const open = await monitor.openRound(
      { name: 'najaar 2025', deadline: '2026-12-31' },
      { id: team.id, role: 'programme_team' },
    );
    openId = open.id;
    actionId = (await monitor.plan()).flatMap((l) => l.actions).find((a) => a.code === '2.3')!.id;
    const details = await Promise.all(
      (await monitor.plan()).flatMap((l) => l.actions).map((a) => monitor.action(a.id)),
    );
    milestoneId = details.flatMap((a) => a!.milestones)[0]!.id;
    lockedIndicatorId = details.flatMap((a) => a!.indicators)[0]!.id;
    await monitor.addIndicator(
      actionId,
      { name: 'Bereikte werknemers', unit: 'mensen', min: '0' },
      { id: team.id, role: 'programme_team' },
    );
    newIndicatorId = (await monitor.action(actionId))!.indicators.find(
      (i) => i.name === 'Bereikte werknemers',
    )!.id;
    commitmentId = (await monitor.commitments())[0]!.id;

    coordinator = await createUser(site.services, { role: 'pool_coordinator' });
    requester = await createUser(site.services, { role: 'requesting_organisation' });
    await monitor.linkOwner(requester.id, fairwork.id, { id: team.id, role: 'programme_team' });
    const coord = { id: coordinator.id, role: 'pool_coordinator' as const };
    expertId = await monitor.addExpert(
      {
        pseudonym: 'Berk',
        real_name: 'Maria Kowalska',
        forms: ['labour'],
        languages: 'pl; nl',
        labour_migration: 'on',
      },
      coord,
    );
    await monitor.setRate(
      { code: 'advies', description: 'Advies en voorlichting', hourly_rate: '62.50' },
      coord,
    );
    assignmentId = await monitor.requestAssignment(
      { title: 'Voorlichting arbeidsmigranten', forms: ['labour'], languages: 'pl', hours_estimated: '4' },
      { id: requester.id, role: 'requesting_organisation' },
    );
    campaignId = (await monitor.campaigns())[0]!.id;
    await monitor.addMember({ pseudonym: 'Eik', joined_on: '2026-01-05' }, coord);
    const meeting = await monitor.addMeeting(
      { held_on: '2026-10-01', participants: '7', topics: 'Opvang' },
      coord,
    );
    meetingId = meeting;
    await monitor.addAdvice(
      meeting,
      { summary: 'Betrek ervaringsdeskundigen bij de opvang.', solicited: 'no' },
      coord,
    );
  });

  it.each(LOCALE_CODES)('every page the programme team sees is accessible at 360 px (%s)', async (locale) => {
    const page = await site.newPage({ width: 360 });
    await site.signIn(page, { email: team.email, password: team.password, locale });
    for (const path of [
      '/monitor',
      `/monitor/actions/${actionId}`,
      `/monitor/milestones/${milestoneId}/edit`,
      `/monitor/indicators/${lockedIndicatorId}/edit`,
      `/monitor/indicators/${newIndicatorId}/edit`,
      '/monitor/commitments',
      `/monitor/commitments/${commitmentId}/edit`,
      '/monitor/rounds',
      `/monitor/rounds/${openId}`,
      `/monitor/rounds/${openId}/lock`,
      `/monitor/rounds/${openId}/actions/${actionId}`,
      `/monitor/rounds/${lockedId}`,
      `/monitor/rounds/${lockedId}/annex`,
      `/monitor/compare?left=${lockedId}&right=${openId}`,
      '/monitor/owners',
      '/monitor/campaigns',
      `/monitor/campaigns/${campaignId}`,
      '/monitor/desks',
      '/monitor/mirror',
      '/monitor/mirror/roster',
    ]) {
      await site.goto(page, path, locale);
      await check(page);
    }
    // A form with problems: the error summary and the invalid fields.
    await site.goto(page, `/monitor/rounds/${openId}/actions/${actionId}`, locale);
    await page.locator('#f-values-0-value').fill('-5');
    await page.locator('#f-values-0-period').fill('2025');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form[action$="/actions/' + actionId + '"] [type=submit]').click(),
    ]);
    expect(await page.locator('#error-summary').count()).toBe(1);
    await check(page);
  });

  it.each(LOCALE_CODES)('the pool pages are accessible at 360 px (%s)', async (locale) => {
    const page = await site.newPage({ width: 360 });
    await site.signIn(page, { ...coordinator, locale });
    for (const path of [
      '/monitor/pool',
      `/monitor/pool/experts/${expertId}`,
      `/monitor/pool/assignments/${assignmentId}`,
      '/monitor/mirror',
      '/monitor/mirror/roster',
      `/monitor/mirror/meetings/${meetingId}`,
    ]) {
      await site.goto(page, path, locale);
      await check(page);
    }
    // A refused form: what was typed stays, the error summary on top has the focus, and the page passes axe.
    await site.goto(page, '/monitor/pool', locale);
    await page.locator('#f-code').fill('advies');
    await page.locator('#f-description').fill('Advies en voorlichting');
    await page.locator('#f-hourly_rate').fill('65,005');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form[action$="/monitor/pool/rates"] [type=submit]').click(),
    ]);
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement
            .id,
      ),
    ).toBe('error-summary');
    expect(await page.locator('#f-hourly_rate').inputValue()).toBe('65,005');
    await check(page);
    const other = await site.newPage({ width: 360 });
    await site.signIn(other, { ...requester, locale });
    for (const path of ['/monitor/pool', `/monitor/pool/assignments/${assignmentId}`]) {
      await site.goto(other, path, locale);
      await check(other);
    }
  });

  it('lets an action owner report an update without JavaScript', async () => {
    const page = await site.newPage({ width: 360, javaScriptEnabled: false });
    await site.signIn(page, { email: owner.email, password: owner.password, locale: 'nl' });
    await site.goto(page, '/monitor', 'nl');
    await check(page);
    await page.locator(`a[href$="/monitor/rounds/${openId}"]`).first().click();
    await page.locator(`a[href$="/actions/${actionId}"]`).click();
    await page.locator('#f-status').selectOption('completed');
    await page.locator('#f-narrative').fill('De campagne is afgerond en geëvalueerd.');
    await Promise.all([
      page.waitForNavigation(),
      page.locator('form[action$="/actions/' + actionId + '"] [type=submit]').click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/nl/monitor/rounds/${openId}`);
    await expect(page.locator('[role=status]').innerText()).resolves.toContain('ingediend');
    const view = await site.services.monitor.roundView(await site.services.monitor.getRound(openId));
    expect(view.entries.find((e) => e.actionId === actionId)).toMatchObject({
      status: 'completed',
      reviewState: 'submitted',
    });
  });
});
