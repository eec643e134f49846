// A coordinator signs in through their organisation's provider (a real oidc-provider in this process) in
// Chromium at 360 px: the sign-in page offers the provider, the round trip lands on a signed-in page, both pages
// accessible (axe, WCAG 2.2 AA) and within the CSP.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectNoAxeViolations, useBrowserApp } from '../../../../test/browser.js';
import { freePort, startTestProvider, type TestProvider } from '../../../../test/oidc.js';

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const site = useBrowserApp({ seed: false, port, config: { publicOrigin: origin } });
const SECRET_ENV = 'SAMEN_TEST_OIDC_BROWSER_SECRET';

describeBrowser('sign-in through an identity provider in a browser', () => {
  let provider: TestProvider;

  beforeAll(async () => {
    provider = await startTestProvider([
      {
        client_id: 'samen',
        client_secret: 'a-long-client-secret-for-the-browser-test-0123456789',
        redirect_uris: [`${origin}/login/oidc/callback`],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ]);
    process.env[SECRET_ENV] = 'a-long-client-secret-for-the-browser-test-0123456789';
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

  it('signs a coordinator in at 360 px, accessible on both sides of the round trip', async () => {
    provider.people.set('c-1', {
      sub: 'c-1',
      name: 'Coördinator Eén',
      email: 'c1@politie.example.nl',
      groups: ['coordinators'],
      amr: ['pwd', 'otp'],
    });
    provider.signInAs('c-1');
    const page = await site.newPage({ width: 360 });
    await site.goto(page, '/login', 'en');
    await expectNoAxeViolations(page);
    expect(await site.cspViolations(page)).toEqual([]);
    await Promise.all([
      page.waitForURL((url) => url.origin === origin && url.pathname !== '/login'),
      page.getByRole('button', { name: 'Sign in with Politie' }).click(),
    ]);
    await site.goto(page, '/account', 'en');
    await expect(page.locator('main').textContent()).resolves.toContain('Coördinator Eén');
    await expectNoAxeViolations(page);
    expect(await site.cspViolations(page)).toEqual([]);
  });
});
