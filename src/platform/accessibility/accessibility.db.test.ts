// The accessibility statement on the real app: every locale at its own path, the complaint contact only when one
// is configured (never an invented one), and escaped like every other value.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { LOCALES } from '../i18n/index.js';

const HTML = { accept: 'text/html' };

describeDb('accessibility statement', () => {
  let bare: TestApp;
  let configured: TestApp;
  beforeAll(async () => {
    bare = await createTestApp();
    configured = await createTestApp({
      config: { accessibilityContact: 'mailto:toegankelijkheid@example.nl' },
    });
  });
  afterAll(async () => {
    for (const t of [bare, configured]) {
      await t?.app.close();
      await t?.database.destroy();
    }
  });

  it('answers at /toegankelijkheid and /<locale>/toegankelijkheid in all 11 locales, in that language', async () => {
    expect(LOCALES).toHaveLength(11);
    const titles = new Set<string>();
    for (const { code } of LOCALES) {
      const res = await bare.app.inject({ url: `/${code}/toegankelijkheid`, headers: HTML });
      expect(res.statusCode, code).toBe(200);
      expect(res.body).toMatch(new RegExp(`<html[^>]*lang="${code}"`));
      expect(res.body).toContain('WCAG 2.1');
      expect(res.body).toContain('EN 301 549');
      titles.add(/<h1[^>]*>([^<]+)<\/h1>/.exec(res.body)![1]!);
      // Every footer links to it, keeping the language.
      expect(res.body).toContain(`href="/${code}/toegankelijkheid"`);
    }
    expect(titles.size).toBe(11);
    const plain = await bare.app.inject({ url: '/toegankelijkheid', headers: HTML });
    expect(plain.body).toContain('<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>');
  });

  it('shows the configured complaint contact, and none when there is none', async () => {
    const without = await bare.app.inject({ url: '/en/toegankelijkheid', headers: HTML });
    expect(without.body).not.toContain('mailto:');
    expect(without.body).not.toContain('Accessibility contact for this website');
    const withContact = await configured.app.inject({ url: '/en/toegankelijkheid', headers: HTML });
    expect(withContact.body).toContain('Accessibility contact for this website:');
    expect(withContact.body).toMatch(
      /<a class="utrecht-link" href="mailto:toegankelijkheid@example.nl">toegankelijkheid@example.nl<\/a>/,
    );
  });
});
