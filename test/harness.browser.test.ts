// The browser harness checks itself: a check that cannot fail protects nothing.
import { expect, it } from 'vitest';
import { createUser } from './auth.js';
import { describeBrowser, expectNoAxeViolations, useBrowserApp } from './browser.js';

const site = useBrowserApp({ seed: false });

describeBrowser('the browser harness', () => {
  it('records a request that leaves localhost, and the browser cannot reach it', async () => {
    const page = await site.newPage();
    // about:blank has no CSP of ours to stop the request first.
    const failed = page.waitForEvent('requestfailed');
    await page.setContent('<img src="https://example.org/tracker.gif" alt="">');
    expect((await failed).url()).toBe('https://example.org/tracker.gif');
    expect(site.takeThirdPartyRequests()).toEqual(['GET https://example.org/tracker.gif']);
  });

  it('reports CSP violations', async () => {
    const page = await site.newPage();
    await site.goto(page, '/', 'nl');
    expect(await site.cspViolations(page)).toEqual([]);
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: {
          createElement(t: string): { textContent: string; rel: string; href: string };
          head: { append(e: unknown): void };
        };
      };
      const style = document.createElement('style');
      style.textContent = 'body { color: red }';
      document.head.append(style);
    });
    await page.waitForTimeout(200);
    const violations = await site.cspViolations(page);
    expect(violations.join('\n')).toMatch(/style-src/);
  });

  it('fails on axe violations, naming the rule and the element', async () => {
    const page = await site.newPage();
    await site.goto(page, '/', 'nl');
    await page.evaluate(() => {
      const { document } = globalThis as unknown as {
        document: {
          querySelector(s: string): {
            setAttribute(n: string, v: string): void;
            removeAttribute(n: string): void;
          };
        };
      };
      document.querySelector('html').removeAttribute('lang');
    });
    const error = await expectNoAxeViolations(page).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(/html-has-lang \(serious\)/);
    expect(error?.message).toMatch(/- html/);
  });

  it('signs in through the login form, with the second factor when the account has one', async () => {
    for (const role of ['directory_steward', 'admin']) {
      const user = await createUser(site.services, { role, totp: role === 'admin' });
      const page = await site.newPage();
      await site.signIn(page, user);
      expect(new URL(page.url()).pathname).not.toMatch(/\/login/);
      await expect(page.locator('form[action$="/logout"]').count()).resolves.toBeGreaterThan(0);
    }
  });
});
