import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { areas, createOrganization, createSteward, draft, TERM } from './test/helpers.js';

describeDb('public directory pages', () => {
  const t = useTestApp();
  let shelterId: string;
  let retiredId: string;

  beforeAll(async () => {
    const steward = await createSteward(t.services);
    const org = await createOrganization(t.services, steward, 'Fier');
    const shelter = await t.services.directory.createService(
      draft(org, {
        name: 'Centrum Kinderhandel Mensenhandel',
        description: 'Opvang en hulp voor jonge slachtoffers.',
        minimum_age: 12,
        maximum_age: 23,
        email: 'info@example.nl',
        phones: [
          { number: '088-2080000', channel: 'voice' },
          { number: '06-12345678', channel: 'whatsapp' },
        ],
        urls: [{ url: 'https://chat.example.nl/', channel: 'chat' }],
        schedules: [{ byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '23:59' }],
        service_areas: areas(['country', 'NL']),
        languages: ['nl', 'en'],
        taxonomy_term_ids: [TERM.reportingPoint, TERM.sexual, TERM.victim, TERM.free],
      }),
      steward.actor,
    );
    shelterId = shelter.id;
    await t.services.directory.verifyService(shelter.id, steward.actor);
    await t.services.directory.createService(
      draft(org, {
        name: 'Politie Amsterdam',
        service_areas: areas(['police_unit', 'PE-amsterdam']),
        taxonomy_term_ids: [TERM.police],
      }),
      steward.actor,
    );
    await t.services.directory.createService(
      draft(org, {
        name: 'Hulp in Groningen',
        service_areas: areas(['municipality', 'GM0014']),
        taxonomy_term_ids: [TERM.labour],
      }),
      steward.actor,
    );
    const retired = await t.services.directory.createService(
      draft(org, { name: 'Oud loket' }),
      steward.actor,
    );
    retiredId = retired.id;
    await t.services.directory.retireService(retired.id, 'Gestopt', steward.actor);
  });

  const page = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

  it('lists services in Dutch by default, without cookies', async () => {
    const response = await page('/directory');
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.body).toContain('<html lang="nl"');
    expect(response.body).toContain('Hulp en meldpunten');
    expect(response.body).toContain('Centrum Kinderhandel Mensenhandel');
    expect(response.body).toContain('Heel Nederland');
    expect(response.body).toContain('Laatst gecontroleerd op 28 november 2026');
    expect(response.body).not.toContain('Oud loket');
  });

  it('speaks English under /en and with Accept-Language', async () => {
    for (const response of [
      await page('/en/directory'),
      await page('/directory', { 'accept-language': 'en' }),
    ]) {
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<html lang="en"');
      expect(response.body).toContain('Help and reporting points');
      expect(response.body).toContain('Reporting point');
      expect(response.body).toContain('Last verified on 28 November 2026');
    }
  });

  it('filters by municipality name or code, desk type, form and words, on the server', async () => {
    const diemen = await page('/directory?municipality=diemen');
    expect(diemen.body).toContain('2 diensten voor Diemen');
    expect(diemen.body).toContain('Politie Amsterdam');
    expect(diemen.body).not.toContain('Hulp in Groningen');
    const code = await page('/en/directory?municipality=GM0014');
    expect(code.body).toContain('2 services for Groningen');
    const police = await page('/directory?desk=police');
    expect(police.body).toContain('1 dienst gevonden');
    expect(police.body).toContain('Politie Amsterdam');
    const labour = await page('/directory?form=labour&q=groningen');
    expect(labour.body).toContain('Hulp in Groningen');
    expect(labour.body).not.toContain('Politie Amsterdam');
    const unknown = await page('/directory?municipality=Atlantis');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Geen gemeente gevonden voor ‘Atlantis’');
    const several = await page('/directory?municipality=berg');
    expect(several.body).toContain('Meerdere gemeenten passen bij ‘berg’');
    expect(several.body).toMatch(/href="\/directory\?municipality=GM\d{4}"/);
    expect((await page('/directory?page=abc&desk[]=x')).statusCode).toBe(200);
  });

  it("refuses a querystring no filter could send: a 400 naming the parameter in the reader's language", async () => {
    const long = await page(`/directory?q=${'a'.repeat(201)}`);
    expect(long.statusCode).toBe(400);
    expect(long.body).toContain('<html lang="nl"');
    expect(long.body).toContain('mag hoogstens 200 tekens lang zijn');
    const twice = await page('/en/directory?municipality=GM0014&municipality=GM0363');
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('<html lang="en"');
    expect(twice.body).toContain('municipality');
    // Within the limits, a value is still read leniently, and unknown parameters are let through unread.
    expect((await page(`/directory?q=${'a'.repeat(200)}&page=x&utm_source=mail`)).statusCode).toBe(200);
  });

  it('shows one service with every detail, in both languages', async () => {
    const nl = await page(`/directory/services/${shelterId}`);
    expect(nl.statusCode).toBe(200);
    expect(nl.headers['set-cookie']).toBeUndefined();
    expect(nl.body).toContain('<h1 class="utrecht-heading-1">Centrum Kinderhandel Mensenhandel</h1>');
    expect(nl.body).toContain('href="tel:0882080000"');
    expect(nl.body).toContain('href="https://wa.me/31612345678"');
    expect(nl.body).toContain('href="mailto:info@example.nl"');
    expect(nl.body).toContain('24 uur per dag, 7 dagen per week bereikbaar');
    expect(nl.body).toContain('van 12 tot en met 23 jaar');
    expect(nl.body).toContain('Gratis');
    expect(nl.body).toContain('Nederlands, Engels');
    expect(nl.body).toContain('Aangeboden door Fier');
    expect(nl.body).toContain('Laatst gecontroleerd op 28 november 2026');
    const en = await page(`/en/directory/services/${shelterId}`);
    expect(en.body).toContain('<html lang="en"');
    expect(en.body).toContain('Open 24 hours a day, 7 days a week');
    expect(en.body).toContain('from 12 to 23 years old');
    expect(en.body).toContain('Dutch, English');
    expect(en.body).toContain('Sexual exploitation');
  });

  it('says so when a service no longer exists', async () => {
    const response = await page(`/directory/services/${retiredId}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Deze dienst bestaat niet meer');
  });

  it('answers malformed and unknown ids with a 404 page, not a 500', async () => {
    for (const url of [
      '/directory/services/nonsense',
      "/directory/services/1'%20or%201=1",
      '/directory/services/00000000-0000-4000-8000-000000000000',
    ]) {
      const response = await page(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.body).toContain('<html lang="nl"');
    }
  });
});
