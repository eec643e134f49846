// The town question over HTTP, without JavaScript: every place the issue names goes to its municipality (303), a
// near name is asked ("Bedoel je …?", 200, never a redirect), a name several places share gives a short list, and
// a name that is not found offers the list of all municipalities and "I'd rather not say". The directory's town
// filter uses the same resolver. (The page with JavaScript: places.browser.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

describeDb('the town question', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
  const where = (place: string, prefix = '') =>
    get(`${prefix}/guide/where?audience=self&form=labour&danger=no&place=${encodeURIComponent(place)}`);

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  it.each([
    ['Naaldwijk', 'GM1783'],
    ['Poeldijk', 'GM1783'],
    ['Wateringen', 'GM1783'],
    ['De Lier', 'GM1783'],
    ['Monster', 'GM1783'],
    ["'s-Gravenzande", 'GM1783'],
    ['Honselersdijk', 'GM1783'],
    ['2671 AB', 'GM1783'],
    ['Hoofddorp', 'GM0394'],
    ['Zaandam', 'GM0479'],
    ['Scheveningen', 'GM0518'],
    ['Den Haag', 'GM0518'],
    ['La Haya', 'GM0518'],
    ['Гаага', 'GM0518'],
    ['لاهاي', 'GM0518'],
    ['Амстердам', 'GM0363'],
    ['أمستردام', 'GM0363'],
  ])('sends %s on to the next question with %s', async (place, code) => {
    const res = await where(place);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/guide/age?audience=self&form=labour&danger=no&municipality=${code}`);
  });

  it('never sends a Westland village to Waalwijk, Moerdijk or Wageningen, in any language', async () => {
    for (const prefix of ['', '/pl', '/ar'])
      for (const place of ['Naaldwijk', 'Poeldijk', 'Wateringen']) {
        const res = await where(place, prefix);
        expect(res.headers.location).toContain('municipality=GM1783');
        expect(res.headers.location).not.toMatch(/GM0867|GM1709|GM0289/);
      }
  });

  it('asks about a near name and takes nothing silently', async () => {
    const res = await where('Naaldwyk');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Bedoel je Westland (Naaldwijk)?');
    expect(res.body).toContain(
      'href="/guide/age?audience=self&amp;form=labour&amp;danger=no&amp;municipality=GM1783"',
    );
    const pl = await where('Wateringe', '/pl');
    expect(pl.statusCode).toBe(200);
    expect(pl.body).toContain('Czy chodzi o Westland (Wateringen)?');
  });

  it('lets the person pick when several places share the name', async () => {
    const res = await where('Hengelo', '/en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('More than one place is called “Hengelo”');
    expect(res.body).toContain('Hengelo (O.)');
    expect(res.body).toContain('Bronckhorst (Hengelo)');
  });

  it('offers the list of municipalities and "I\'d rather not say" when nothing is found', async () => {
    const res = await where('Atlantis', '/en');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('We could not find “Atlantis”');
    expect(res.body).toContain(
      'href="/en/guide/where?audience=self&amp;form=labour&amp;danger=no&amp;list=1"',
    );
    expect(res.body).toContain('rather not say</a>');
    const list = await get('/en/guide/where?audience=self&form=labour&danger=no&list=1');
    const links = list.body.match(/municipality=GM\d{4}"/g) ?? [];
    expect(new Set(links).size).toBe(342);
    expect(list.body).toContain('All municipalities, by province');
  });

  it('answers the script with the same resolver', async () => {
    const found = await t.app.inject({ method: 'GET', url: '/guide/places?q=Гаага' });
    expect(found.json()).toMatchObject({ status: 'found', places: [{ code: 'GM0518' }] });
    const near = await t.app.inject({ method: 'GET', url: '/guide/places?q=Naaldwyk' });
    expect(near.json()).toMatchObject({ status: 'confirm', places: [{ label: 'Westland (Naaldwijk)' }] });
    const none = await t.app.inject({ method: 'GET', url: '/guide/places?q=%3Cscript%3E' });
    expect(none.json()).toEqual({ status: 'none', places: [] });
  });

  it('gives Naaldwijk the desks of Westland, with the regional care coordinator', async () => {
    const res = await get(
      '/guide/result?audience=self&form=labour&danger=no&municipality=GM1783&minor=no&need=shelter',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Zorgcoördinatie mensenhandel Den Haag en Hollands Midden');
  });

  describe('the directory town filter', () => {
    it('accepts Den Haag, villages, postcodes and other scripts', async () => {
      for (const [typed, name] of [
        ['Den Haag', "'s-Gravenhage"],
        ['den haag', "'s-Gravenhage"],
        ['Scheveningen', "'s-Gravenhage"],
        ['Naaldwijk', 'Westland'],
        ['2671', 'Westland'],
        ['Гаага', "'s-Gravenhage"],
      ] as const) {
        const res = await get(`/en/directory?municipality=${encodeURIComponent(typed)}`);
        expect(res.statusCode, typed).toBe(200);
        expect(res.body, typed).toMatch(new RegExp(`\\d+ services? for ${name.replace(/'/g, '&#39;')}`));
      }
    });

    it('asks about a near name instead of filtering by it', async () => {
      const res = await get('/en/directory?municipality=Naaldwyk');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Westland (Naaldwijk)');
      expect(res.body).toContain('href="/en/directory?municipality=GM1783"');
      expect(res.body).not.toMatch(/services? for Westland/);
    });
  });
});
