// A coordinator signs in through their organisation's provider (a real oidc-provider in this process) in Chromium,
// at 360 px and on a desktop: the sign-in page offers the provider, the round trip lands signed in, and signing
// out ends the session at the provider too. The sign-in page with the provider choice, the page that sends the
// browser on to the provider and the signed-in page have no axe violations (WCAG 2.2 AA) and stay within the CSP.
// (The CSP's form-action 'self' blocks a form post redirected to another origin; the onward page is why this
// works in a real browser.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, useBrowserApp } from '../../../../test/browser.js';
import { freePort, startTestProvider, type TestProvider } from '../../../../test/oidc.js';

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const site = useBrowserApp({ seed: false, port, config: { publicOrigin: origin } });
const SECRET_ENV = 'SAMEN_TEST_OIDC_BROWSER_SECRET';
const SECRET = 'a-long-client-secret-for-the-browser-test-0123456789';

describeBrowser('sign-in through an identity provider in a browser', () => {
  let provider: TestProvider;

  beforeAll(async () => {
    provider = await startTestProvider([
      {
        client_id: 'samen',
        client_secret: SECRET,
        redirect_uris: [`${origin}/login/oidc/callback`],
        post_logout_redirect_uris: [`${origin}/login?done=signed_out`],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ]);
    process.env[SECRET_ENV] = SECRET;
    await site.services.oidc.addProvider(
      {
        id: 'politie',
        displayName: 'Politie',
        issuer: provider.issuer,
        clientId: 'samen',
        clientAuth: 'client_secret_basic',
        secretSource: `env:${SECRET_ENV}`,
        nameClaims: ['name'],
        emailClaim: 'email',
        groupsClaim: 'groups',
        allowedRoles: ['nrm_coordinator'],
        groupRoles: { coordinators: 'nrm_coordinator' },
        mfaAcr: [],
        mfaAmr: ['otp'],
      },
      null,
    );
  });

  afterAll(async () => {
    await provider?.close();
    delete process.env[SECRET_ENV];
  });

  function coordinator(sub: string) {
    provider.people.set(sub, {
      sub,
      name: `Coördinator ${sub}`,
      email: `${sub}@politie.example.nl`,
      groups: ['coordinators'],
      amr: ['pwd', 'otp'],
    });
    provider.signInAs(sub);
  }

  it.each([360, 1280])(
    'signs a coordinator in and out through the provider at %i px, accessible on our pages',
    async (width) => {
      coordinator(`c-${width}`);
      // An English browser: the provider sends it back to /login, whose language the browser then chooses.
      const page = await site.newPage({ width, browserLocale: 'en-GB' });
      await site.goto(page, '/login', 'en');
      const button = page.getByRole('button', { name: 'Sign in with Politie' });
      await expect(button.isVisible()).resolves.toBe(true);
      await expectNoAxeViolations(page);
      expect(await site.cspViolations(page)).toEqual([]);

      // The whole round trip: onward page, the provider, the callback, the landing page.
      await Promise.all([
        page.waitForURL((url) => url.origin === origin && !/\/login(\/|$)/.test(url.pathname)),
        button.click(),
      ]);
      expect(site.requests.some((url) => url.startsWith(`${provider.issuer}/auth`))).toBe(true);
      await site.goto(page, '/account', 'en');
      await expect(page.locator('main').textContent()).resolves.toContain(`Coördinator c-${width}`);
      await expectNoAxeViolations(page);
      expect(await site.cspViolations(page)).toEqual([]);

      // Signing out ends the session here and sends the browser to the provider to end it there too.
      await Promise.all([
        page.waitForURL((url) => url.href.startsWith(provider.issuer)),
        page.getByRole('button', { name: 'Sign out' }).click(),
      ]);
      await Promise.all([
        page.waitForURL((url) => url.origin === origin && url.pathname === '/login'),
        page.getByRole('button', { name: 'Sign out' }).click(),
      ]);
      await expect(page.locator('main').textContent()).resolves.toContain('You are signed out');
      await site.goto(page, '/account', 'en');
      expect(new URL(page.url()).pathname).toBe('/en/login');
    },
  );

  it('the page that sends the browser on to the provider is accessible and links there', async () => {
    coordinator('c-onward');
    const page = await site.newPage({ width: 360 });
    // The provider answers 204 here, so the browser stays on the onward page to be checked.
    await page.context().route(`${provider.issuer}/**`, (route) => route.fulfill({ status: 204 }));
    await site.goto(page, '/login', 'en');
    await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(provider.issuer)),
      page.getByRole('button', { name: 'Sign in with Politie' }).click(),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe('On to Politie');
    const link = page.getByRole('link', { name: 'Continue to Politie' });
    await expect(link.getAttribute('href')).resolves.toMatch(
      new RegExp(`^${provider.issuer}/auth\\?.*code_challenge_method=S256`),
    );
    await expectNoAxeViolations(page);
    expect(await site.cspViolations(page)).toEqual([]);
  });
});
