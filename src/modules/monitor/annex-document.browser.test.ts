// The standalone annex (`samen monitor annex --format html`) as a reader opens it on a phone: at 360 px nothing
// is wider than the screen (wide tables scroll inside their own region), axe finds nothing (WCAG 2.2 AA), and the
// full-page screenshot is 360 px wide. The annex holds the register of motions and commitments and the holders.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { I18n } from '../../platform/i18n/index.js';
import { createUser } from '../../../test/auth.js';
import { describeBrowser, expectNoAxeViolations, screenshot, useBrowserApp } from '../../../test/browser.js';
import { annexDocument } from './views/annex.js';

const site = useBrowserApp();

/** The width of a PNG, from its header (IHDR: bytes 16–19, big-endian). */
const pngWidth = (file: string) => readFileSync(file).readUInt32BE(16);

describeBrowser('the standalone annex', () => {
  it.each(['nl', 'en'])('fits a 360 px screen and passes axe (%s)', async (locale) => {
    const monitor = site.services.monitor;
    const team = await createUser(site.services, { role: 'programme_team' });
    const actor = { id: team.id, role: 'programme_team' as const };
    const round = await monitor.openRound(
      { name: `voorjaar 2027 ${locale}`, deadline: '2026-12-31', letter: 'Kamerstuk 28 638, nr. 270' },
      actor,
    );
    await monitor.lockRound(round.id, actor);
    const annex = await monitor.annex(round.id);
    expect(annex.register.commitments.length).toBeGreaterThan(0);
    const html = annexDocument({ t: new I18n().translator(locale), locale }, annex);
    expect(html).toContain('Defence for Children–ECPAT, Fier');

    const page = await site.newPage({ width: 360 });
    await page.setContent(html, { waitUntil: 'load' });
    const widths = await page.evaluate(() => {
      const d = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } };
        }
      ).document.documentElement;
      return { scroll: d.scrollWidth, client: d.clientWidth };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    await expectNoAxeViolations(page);
    const file = await screenshot(page, `monitor-annex-standalone-${locale}-360`);
    expect(pngWidth(file)).toBe(360);
  });
});
