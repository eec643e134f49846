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
import type { SignalInput } from './service.js';

const site = useBrowserApp({ seed: false });
/** A signal whose person is signalled twice (fictitious). */
const PAIR_SIGNAL: Omit<SignalInput, 'municipality'> = {
  kind: 'signal',
  urgency: 'normal',
  consent: 'yes',
  vitalInterest: false,
  minor: 'no',
  forms: ['labour'],
  signals: ['no_id_documents'],
  recruitment: [],
  methodsOfControl: [],
  needs: [],
  sector: '',
  gender: 'female',
  ageGroup: '',
  citizenship: 'RO',
  summary: 'Fictief: werkt in een kas, paspoort ingenomen.',
  contact: '',
  name: 'Ioana Popescu',
  dateOfBirth: '1994-03-12',
};
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
    // One person signalled in Amsterdam and in Rotterdam: the national coordination's page of possible duplicates
    // then shows a pair, with what was decided per case and what a merge would carry over.
    const professional = await site.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === 'nrm_professional')!.email)
      .executeTakeFirstOrThrow();
    for (const municipality of ['GM0363', 'GM0599'])
      await site.services.referrals.submitSignal(
        { id: professional.id, role: 'nrm_professional' },
        { ...PAIR_SIGNAL, municipality },
      );
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
        '/nvm/duplicates',
      ]) {
        await site.goto(page, path, locale);
        await check(page);
      }
    }
    // The pair was on the page each locale checked: what was decided per case and what a merge carries over.
    await site.goto(page, '/nvm/duplicates', 'en');
    await expect(
      page.getByText('What a merge carries over to the case that continues').count(),
    ).resolves.toBe(1);
    await expect(page.getByText('Ioana Popescu').count()).resolves.toBe(2);
    await site.goto(page, `/nvm/cases/${enschedeCase}`, 'en');
    await screenshot(page, 'referrals-case-en');
  });

  it('a regional coordinator and lead: queue, case and dashboards; another region is not found', async () => {
    // Case work (issue 20, point 3): the lead is case worker of the Amsterdam case and owns a task on it, so both
    // dashboards show a table of each kind.
    const lead = await site.database.db
      .selectFrom('app_user')
      .select(['id', 'role'])
      .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === 'nrm_regional_lead')!.email)
      .executeTakeFirstOrThrow();
    const asLead = { id: lead.id, role: 'nrm_regional_lead' as const };
    const referrals = site.services.referrals;
    await referrals.assignCaseWorker(asLead, amsterdamCase, {
      version: (await referrals.getCase(asLead, amsterdamCase)).row.version,
      workerId: lead.id,
    });
    await referrals.addTask(asLead, amsterdamCase, {
      version: (await referrals.getCase(asLead, amsterdamCase)).row.version,
      title: 'Tolk regelen voor het gesprek',
      ownerId: lead.id,
      dueOn: '2099-01-01',
    });
    for (const role of ['nrm_coordinator', 'nrm_regional_lead']) {
      const page = await signInAs(role, 'nl', 1280);
      for (const locale of LOCALE_CODES) {
        await site.goto(page, '/nvm', locale);
        await check(page);
        for (const path of ['/nvm/waiting', '/nvm/waiting?tab=team']) {
          await site.goto(page, path, locale);
          await check(page);
        }
        await site.goto(page, '/nvm/notifications', locale);
        await check(page);
        await site.goto(page, `/nvm/cases/${amsterdamCase}`, locale);
        await check(page);
        await site.goto(page, `/nvm/cases/${enschedeCase}`, locale, 404);
      }
    }
  });

  it('identification decisions and the support track on the case page, forms open and refused, at 360 px', async () => {
    const db = site.database.db;
    const user = async (role: string) =>
      db
        .selectFrom('app_user')
        .select(['id', 'role'])
        .where('email', '=', DEMO_ACCOUNTS.find((a) => a.role === role)!.email)
        .executeTakeFirstOrThrow() as Promise<{ id: string; role: 'nrm_coordinator' }>;
    const coordinator = await user('nrm_coordinator');
    const referrals = site.services.referrals;
    const version = async () => (await referrals.getCase(coordinator, amsterdamCase)).row.version;
    await referrals.transition(coordinator, amsterdamCase, {
      to: 'triage',
      reason: '',
      version: await version(),
    });
    await referrals.decide(coordinator, amsterdamCase, {
      version: await version(),
      step: 'vermoedelijk_slachtoffer',
      outcome: 'negative',
      reasons: 'Nog te weinig gegevens',
    });
    const page = await signInAs('nrm_coordinator', 'nl');
    for (const locale of LOCALE_CODES) {
      await site.goto(page, `/nvm/cases/${amsterdamCase}`, locale);
      await page.evaluate(() => {
        const doc = (
          globalThis as unknown as { document: { querySelectorAll(s: string): { open: boolean }[] } }
        ).document;
        for (const details of doc.querySelectorAll('#h-support ~ details, section details'))
          details.open = true;
      });
      await check(page);
      // The track's form sent with a bad length: refused, the summary at the top, the form open and refilled.
      await page.locator('#s-recoveryStart').fill('2026-11-01');
      await page.locator('#s-recoveryDays').fill('3');
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action$="/support"] button[type=submit]').click(),
      ]);
      await check(page);
      await expect(page.locator('.samen-error-summary').count()).resolves.toBe(1);
    }
    await screenshot(page, 'referrals-identification-360');
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

  it('consent per recipient, a withdrawal seen by the shelter, and the professional’s status after handover', async () => {
    // The Amsterdam case: consent for Fier (shelter), referred with the person, accepted, then withdrawn; the
    // referral hands the case over, so the professional who raised it sees its stage only.
    const db = site.database.db;
    const userOf = async (role: string) => {
      const email = DEMO_ACCOUNTS.find((a) => a.role === role)!.email;
      const u = await db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return { id: u.id, role: role as 'nrm_coordinator' };
    };
    const coordinator = await userOf('nrm_coordinator');
    const fier = await db
      .selectFrom('nrm_team')
      .select('id')
      .where('kind', '=', 'shelter')
      .where('name', 'like', 'Fier%')
      .executeTakeFirstOrThrow();
    const v = async () =>
      (
        await db
          .selectFrom('nrm_case')
          .select('version')
          .where('id', '=', amsterdamCase)
          .executeTakeFirstOrThrow()
      ).version;
    const referrals = site.services.referrals;
    await referrals.recordRecipientConsent(coordinator, amsterdamCase, {
      version: await v(),
      teamId: fier.id,
      purpose: 'shelter',
      answer: 'given',
      method: 'in_person',
    });
    await referrals.refer(coordinator, amsterdamCase, {
      version: await v(),
      kind: 'refer',
      toTeamId: fier.id,
      serviceType: 'shelter',
      sharePersonalData: true,
      reason: '',
    });
    await referrals.withdrawConsent(coordinator, amsterdamCase, {
      version: await v(),
      consent: 'all',
      note: 'Wil niet meer naar de opvang',
    });
    const pages = {
      nrm_coordinator: await signInAs('nrm_coordinator', 'nl', 1280),
      nrm_shelter: await signInAs('nrm_shelter', 'nl', 360),
      nrm_professional: await signInAs('nrm_professional', 'nl', 360),
    };
    for (const locale of LOCALE_CODES)
      for (const [role, page] of Object.entries(pages)) {
        for (const width of [360, 1280]) {
          await page.setViewportSize({ width, height: 800 });
          await site.goto(page, `/nvm/cases/${amsterdamCase}`, locale);
          await check(page);
          if (locale === 'nl' || locale === 'en')
            await screenshot(page, `referrals-consent-${role}-${locale}-${width}`);
        }
        if (role === 'nrm_professional') {
          await site.goto(page, `/nvm/cases/${amsterdamCase}`, locale);
          if (locale === 'nl')
            await expect(page.locator('main').innerText()).resolves.toContain('In behandeling');
          if (locale === 'en')
            await expect(page.locator('main').innerText()).resolves.toContain('Being handled');
          await expect(page.locator('main').innerText()).resolves.not.toContain('Voorbeeld Persoon A');
          await site.goto(page, '/nvm', locale);
          await check(page);
        }
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
      // The per-field scopes, with every role's forms open (issue 20, point 4).
      await site.goto(page, '/admin/nrm/scopes', locale);
      await page.evaluate(() => {
        const doc = (
          globalThis as unknown as { document: { querySelectorAll: (s: string) => { open: boolean }[] } }
        ).document;
        for (const d of doc.querySelectorAll('details')) d.open = true;
      });
      await check(page);
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

  // Forms with errors come back filled in with the summary focused; the close form with loose ends and the
  // shelter's exit page (issue 18, points 5 and 6).
  it('refused forms, the close form with open items and the shelter exit page', async () => {
    const users = await site.database.db
      .selectFrom('app_user')
      .innerJoin('nrm_member', 'nrm_member.user_id', 'app_user.id')
      .select(['app_user.id', 'app_user.role', 'nrm_member.team_id'])
      .execute();
    const coordinatorUser = users.find((u) => u.role === 'nrm_coordinator')!;
    const shelterUser = users.find((u) => u.role === 'nrm_shelter')!;
    const coordinator = { id: coordinatorUser.id, role: 'nrm_coordinator' as const };
    const row = await site.database.db
      .selectFrom('nrm_case')
      .select('version')
      .where('id', '=', amsterdamCase)
      .executeTakeFirstOrThrow();
    // A placement at the demo shelter, accepted: the shelter's exit page; a referral awaiting an answer: the close
    // form lists it.
    await site.services.referrals.requestPlacement(coordinator, amsterdamCase, {
      version: row.version,
      shelterTeamId: shelterUser.team_id,
      category: 'women',
      reason: '',
    });
    const placement = await site.database.db
      .selectFrom('nrm_placement')
      .select('id')
      .where('case_id', '=', amsterdamCase)
      .where('status', '=', 'requested')
      .executeTakeFirstOrThrow();
    await site.services.referrals.respondPlacement(
      { id: shelterUser.id, role: 'nrm_shelter' },
      amsterdamCase,
      placement.id,
      { accept: true, reason: '' },
    );
    // A referral for care to CoMensha, accepted without an outcome: the close form names it and links to the
    // outcome form in the referrals' table.
    const nationalUser = users.find((u) => u.role === 'nrm_national')!;
    await site.services.referrals.refer(coordinator, amsterdamCase, {
      version: (
        await site.database.db
          .selectFrom('nrm_case')
          .select('version')
          .where('id', '=', amsterdamCase)
          .executeTakeFirstOrThrow()
      ).version,
      kind: 'refer',
      toTeamId: nationalUser.team_id,
      serviceType: 'care',
      sharePersonalData: false,
      reason: '',
    });
    const care = await site.database.db
      .selectFrom('nrm_referral')
      .select('id')
      .where('case_id', '=', amsterdamCase)
      .where('service_type', '=', 'care')
      .executeTakeFirstOrThrow();
    await site.services.referrals.respondReferral(
      { id: nationalUser.id, role: 'nrm_national' },
      amsterdamCase,
      care.id,
      { accept: true, reason: '' },
    );
    const page = await signInAs('nrm_coordinator', 'nl');
    for (const locale of ['nl', 'en']) {
      await site.goto(page, `/nvm/cases/${amsterdamCase}`, locale);
      await check(page);
      await expect(page.locator(`#loose-ends a[href="#ro-${care.id}"]`).count()).resolves.toBe(1);
      await expect(page.locator(`#ro-${care.id}`).count()).resolves.toBe(1);
      // A bad date in the rectification: the page again, the summary focused, the form open and filled in.
      await page.evaluate(() => {
        const form = (
          globalThis as unknown as {
            document: { querySelector(s: string): { closest(s: string): { open: boolean } } };
          }
        ).document.querySelector('form[action$="/person"]');
        form.closest('details').open = true;
      });
      await page.locator('#p-dateOfBirth').fill('2001-02-30');
      await page.locator('#p-specialNotes').fill('Getypte notitie');
      await Promise.all([
        page.waitForNavigation(),
        page.locator('form[action$="/person"] button[type=submit]').click(),
      ]);
      await check(page);
      await expect(page.locator('#p-specialNotes').inputValue()).resolves.toBe('Getypte notitie');
      await expect(
        page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { className: string } } }).document
              .activeElement.className,
        ),
      ).resolves.toContain('samen-error-summary');
      if (locale === 'nl') await screenshot(page, 'referrals-refused-rectification-nl');
      await expect(page.locator('#loose-ends').count()).resolves.toBe(1);
    }
    const desktop = await signInAs('nrm_shelter', 'nl', 1280);
    const phone = await signInAs('nrm_shelter', 'en');
    for (const [shelter, locale] of [
      [desktop, 'nl'],
      [phone, 'en'],
    ] as const) {
      await site.goto(shelter, `/nvm/cases/${amsterdamCase}/placements/${placement.id}/exit`, locale);
      await check(shelter);
      // Without a reason (the browser's own check taken away): refused, the note kept.
      await shelter.evaluate(() => {
        const radios = (
          globalThis as unknown as { document: { querySelectorAll(s: string): { required: boolean }[] } }
        ).document.querySelectorAll('input[name=exitReason]');
        for (const r of radios) r.required = false;
      });
      await shelter.locator('#exit-note').fill('Typed note');
      await Promise.all([
        shelter.waitForNavigation(),
        shelter.locator('main form[method=post] button[type=submit]').click(),
      ]);
      await check(shelter);
      await expect(shelter.locator('#exit-note').inputValue()).resolves.toBe('Typed note');
      await screenshot(shelter, `referrals-exit-refused-${locale}`);
    }
  });
});
