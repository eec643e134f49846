// The public wegwijzer over HTTP: every step without JavaScript (links and GET forms), the 112 panel first once
// there is danger, typo-tolerant places, the result, bad input as a 400 in the reader's language, no cookies,
// nothing cached, the advice API and its OpenAPI description.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { I18n } from '../../platform/i18n/index.js';
import { AdviceResponse } from './api-routes.js';
import { parseAnswers } from './answers.js';

// TypeBox checks formats only when told what they mean.
if (!FormatRegistry.Has('uuid'))
  FormatRegistry.Set('uuid', (v) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  );

describeDb('wegwijzer pages and API', () => {
  const t = useTestApp();
  const get = (url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  describe('the route', () => {
    it('starts on the home page with the first question as one-tap links, and sets no cookie', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.body).toContain('Wie ben je?');
      expect(res.body).toContain('href="/guide/what?audience=self"');
      expect(res.body).toContain('data-leave');
    });

    it('walks every step by links to a result, and each step offers both skip answers', async () => {
      const steps = [
        'what?audience=worried',
        'danger?audience=worried&form=sexual',
        'age?audience=worried&form=sexual&danger=no&municipality=GM0363',
        'need?audience=worried&form=sexual&danger=no&municipality=GM0363&minor=yes',
      ];
      for (const step of steps) {
        const res = await get(`/guide/${step}`);
        expect(res.statusCode, step).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(res.body).toContain('Weet ik niet');
        expect(res.body).toContain('Zeg ik liever niet');
      }
      const need = await get(
        '/guide/need?audience=worried&form=sexual&danger=no&municipality=GM0363&minor=yes',
      );
      expect(need.body).toContain(
        'href="/guide/result?audience=worried&amp;form=sexual&amp;danger=no&amp;municipality=GM0363&amp;minor=yes&amp;need=talk"',
      );
    });

    it('skips the question of what you need for an anonymous tip: five questions, not six', async () => {
      const res = await get('/guide/age?audience=anonymous&form=labour&danger=no&municipality=unknown');
      expect(res.body).toContain('Vraag 5 van 5');
      expect(res.body).toContain('href="/guide/result?audience=anonymous');
    });

    it('shows 112 before anything else on every page after "in danger: yes"', async () => {
      const res = await get('/guide/where?audience=self&form=sexual&danger=yes');
      const main = res.body.slice(res.body.indexOf('<main'));
      expect(main.indexOf('samen-emergency-panel')).toBeGreaterThan(0);
      expect(main.indexOf('samen-emergency-panel')).toBeLessThan(main.indexOf('<h1'));
      expect(main).toContain('href="tel:112"');
    });

    it('offers several forms at once with a checkbox form that works without JavaScript', async () => {
      const res = await get('/guide/what?audience=self&multi=1');
      expect(res.body).toContain('<form method="get" action="/guide/danger"');
      expect(res.body).toMatch(/name="form"\s+value="labour"/);
      expect(res.body).toContain('<input type="hidden" name="audience" value="self" />');
    });

    it('takes a town by name: exact names go on, typos get suggestions, unknown names a message', async () => {
      const exact = await get('/guide/where?audience=self&place=zwolle');
      expect(exact.statusCode).toBe(303);
      expect(exact.headers.location).toBe('/guide/age?audience=self&municipality=GM0193');
      // A close name is asked, never taken.
      const typo = await get('/guide/where?audience=self&place=Almele');
      expect(typo.statusCode).toBe(200);
      // "Almele" is one letter from both Almelo and Almere: both are offered.
      expect(typo.body).toContain('Bedoel je:');
      expect(typo.body).toContain('municipality=GM0141');
      expect(typo.body).toContain('municipality=GM0034');
      const unknown = await get('/guide/where?audience=self&place=Xqzwv');
      expect(unknown.body).toContain('aria-invalid="true"');
      expect(unknown.body).toContain('We kunnen “Xqzwv” niet vinden');
    });

    it('keeps the language in every link: /pl stays Polish', async () => {
      const res = await get('/pl/guide/what?audience=self');
      expect(res.body).toContain('lang="pl"');
      expect(res.body).toContain('href="/pl/guide/danger?audience=self&amp;form=sexual"');
    });

    it('lays Arabic out right-to-left', async () => {
      const res = await get('/ar/');
      expect(res.body).toMatch(/<html lang="ar" dir="rtl"/);
    });
  });

  describe('the result', () => {
    it('ranks desks with reasons, contact links, languages, and what happens, never cached', async () => {
      const res = await get(
        '/guide/result?audience=professional&form=criminal&danger=no&municipality=GM0193&minor=yes&need=advice',
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['set-cookie']).toBeUndefined();
      expect(res.body).toContain('Wat je nu doet');
      expect(res.body).toContain('volg de meldcode');
      expect(res.body).toContain('Veilig Thuis IJsselland');
      expect(res.body).toContain('de persoon jonger is dan 18');
      expect(res.body).toContain('href="tel:0334481186"');
      expect(res.body).toContain('href="/guide/info/professional-minors"');
      expect(res.body).toContain('112 Alarmnummer');
    });

    it("answers bad or manipulated input with a 400 naming the parameter, in the reader's language", async () => {
      const nl = await get('/guide/result?minor=maybe&audience=self&audience=worried');
      expect(nl.statusCode).toBe(400);
      expect(nl.body).toContain('minor');
      expect(nl.body).toContain('is geen bekende waarde');
      expect(nl.body).toContain('is meer dan eens gegeven');
      const en = await get('/en/guide/result?form=' + 'x'.repeat(5000));
      expect(en.statusCode).toBe(400);
      expect(en.body).toContain('is not a known value');
      const unknownStep = await get('/guide/nope');
      expect(unknownStep.statusCode).toBe(404);
    });

    it("refuses an address no link could make (an answer given six times, a place sent twice) with a 400 in the reader's language", async () => {
      // The same answer repeated is read as one (a link may repeat it), but not without end.
      const fine = await get(`/guide/result?${'audience=self&'.repeat(2)}municipality=GM0193`);
      expect(fine.statusCode).toBe(200);
      const repeated = await get(`/en/guide/result?${'audience=self&'.repeat(6)}municipality=GM0193`);
      expect(repeated.statusCode).toBe(400);
      expect(repeated.body).toContain('<html lang="en"');
      expect(repeated.body).toContain('audience');
      const twice = await get('/guide/where?audience=self&place=zwolle&place=almelo');
      expect(twice.statusCode).toBe(400);
      expect(twice.body).toContain('<html lang="nl"');
      expect(twice.body).toContain('place');
      const long = await get(`/guide/where?audience=self&place=${'a'.repeat(201)}`);
      expect(long.statusCode).toBe(400);
      expect(long.body).toContain('mag hoogstens 200 tekens lang zijn');
      // Within the limits, parameters the guide does not read are let through unread.
      expect((await get('/guide/what?audience=self&utm_source=mail&multi=1')).statusCode).toBe(200);
    });

    it('refuses a well-formed but unknown municipality code with a 400', async () => {
      const res = await get('/guide/result?municipality=GM9999');
      expect(res.statusCode).toBe(400);
    });
  });

  describe('GET /api/v1/guide/advice', () => {
    const api = (query: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'GET', url: `/api/v1/guide/advice${query}`, headers });

    it('answers without any parameter, never empty', async () => {
      const res = await api('');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(Value.Errors(AdviceResponse, body).First()).toBeUndefined();
      expect(body.emergency).toBeNull();
      expect(body.desks.length).toBeGreaterThan(0);
      expect(body.ruleSetVersion).toBe('1');
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('sets the emergency number whenever danger is yes, and ranks 112 first', async () => {
      const body = (await api('?danger=yes&lang=en')).json();
      expect(body.emergency).toEqual({ phone: '112', label: 'Call 112 if someone is in danger right now.' });
      expect(body.desks[0].name).toContain('112');
    });

    it('takes repeated and comma-separated values and answers in the requested language', async () => {
      const a = (
        await api('?audience=self&form=labour,sexual&need=police&municipality=GM0599&minor=no&lang=en')
      ).json();
      expect(Value.Errors(AdviceResponse, a).First()).toBeUndefined();
      const b = (
        await api('?audience=self&form=labour&form=sexual&need=police&municipality=GM0599&minor=no&lang=en')
      ).json();
      expect(a).toEqual(b);
      const top = a.desks[0];
      expect(top).toMatchObject({ rank: 1, serviceId: expect.any(String), organization: expect.any(String) });
      expect(top.reasons[0]).toMatch(/^Because /);
      expect(Array.isArray(top.contacts)).toBe(true);
      expect([true, false, null]).toContain(top.openNow);
    });

    it('gives the same answer again from memory, compressed when asked, never with an ETag', async () => {
      const query = '?audience=self&form=sexual&need=talk&municipality=GM0599&minor=no&lang=en';
      const first = await api(query);
      const second = await api(query);
      expect(second.json()).toEqual(first.json());
      expect(first.headers.etag).toBeUndefined();
      for (const [encoding, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const res = await api(query, { 'accept-encoding': encoding });
        expect(res.headers['content-encoding']).toBe(encoding);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers.etag).toBeUndefined();
        expect(JSON.parse(decode(res.rawPayload).toString())).toEqual(first.json());
      }
      // A bad value is refused the second time too (the reading of a query string is remembered, problems included).
      for (let i = 0; i < 2; i++) expect((await api('?audience=alien')).statusCode).toBe(400);
    });

    it('keeps the advice in words while no desk opens or closes, and makes it afresh when that can change', async () => {
      const guide = t.services.guide;
      const { answers } = parseAnswers({ audience: 'self', municipality: 'GM0599' });
      const english = new I18n().translator('en');
      // The sample desks are open around the clock or publish no times: only midnight starts a new period.
      t.clock.set('2026-11-30T09:00:00Z');
      expect(guide.adviceViewNow(answers, 'en')).toBeUndefined();
      const first = await guide.adviceView(answers, 'en', english);
      expect(guide.adviceViewNow(answers, 'en')).toBe(first);
      t.clock.set('2026-11-30T15:45:00Z');
      expect(guide.adviceViewNow(answers, 'en')).toBe(first);
      t.clock.set('2026-12-01T09:00:00Z');
      expect(guide.adviceViewNow(answers, 'en')).toBeUndefined();
      const nextDay = await guide.adviceView(answers, 'en', english);
      expect(nextDay).not.toBe(first);
      expect(nextDay.desks.map((d) => d.serviceId)).toEqual(first.desks.map((d) => d.serviceId));
      t.clock.set('2026-11-28T10:00:00Z');
    });

    it('refuses unknown values, conflicting repeats and unknown languages, naming the parameter', async () => {
      const res = await api('?audience=alien&danger=yes&danger=no&lang=xx', { 'accept-language': 'en' });
      expect(res.statusCode).toBe(400);
      const fields = res.json().error.fields.map((f: { field: string }) => f.field);
      expect(fields).toEqual(
        expect.arrayContaining(['querystring.audience', 'querystring.danger', 'querystring.lang']),
      );
    });

    it('is described in the OpenAPI document', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      const op = doc.paths['/api/v1/guide/advice'].get;
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
        expect.arrayContaining(['audience', 'form', 'danger', 'municipality', 'minor', 'need', 'lang']),
      );
    });
  });

  describe('for other sites', () => {
    it('gives a copy-paste link into the route in the chosen language', async () => {
      const res = await get('/en/guide/share?lang=pl');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(
        '&lt;a href=&quot;http://localhost:3000/pl/guide/who&quot; hreflang=&quot;pl&quot; lang=&quot;pl&quot;',
      );
      const unknown = await get('/en/guide/share?lang=xx');
      expect(unknown.body).toContain('http://localhost:3000/en/guide/who');
    });
  });

  describe('information, search and offline', () => {
    it('renders every information page in Dutch, English and Polish, without a fallback note', async () => {
      for (const slug of ['rights', 'safety', 'signals-labour', 'professional-minors', 'about-trafficking']) {
        for (const prefix of ['', '/en']) {
          const res = await get(`${prefix}/guide/info/${slug}`);
          expect(res.statusCode, `${prefix}/guide/info/${slug}`).toBe(200);
        }
      }
      const polishRights = await get('/pl/guide/info/rights');
      expect(polishRights.body).not.toContain('samen-alert');
      const polishSignals = await get('/pl/guide/info/signals-labour');
      expect(polishSignals.body).toContain('Jak rozpoznać wyzysk w pracy');
      expect(polishSignals.body).not.toContain('samen-alert');
      expect(polishSignals.body).not.toContain('<article class="samen-prose" lang=');
      expect((await get('/guide/info/nope')).statusCode).toBe(404);
    });

    it('finds desks and pages despite a typo', async () => {
      const res = await get('/guide/search?q=arbeidsinspctie');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Nederlandse Arbeidsinspectie');
      const pages = await get('/en/guide/search?q=rihgts');
      expect(pages.body).toContain('href="/en/guide/info/rights"');
    });

    it('suggests towns as JSON for the script', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/guide/places?q=zwol' });
      expect(res.json().status).toBe('confirm');
      expect(res.json().places[0]).toEqual({
        code: 'GM0193',
        name: 'Zwolle',
        province: 'Overijssel',
        label: 'Zwolle',
      });
      const village = await t.app.inject({ method: 'GET', url: '/guide/places?q=Naaldwijk' });
      expect(village.json()).toEqual({
        status: 'found',
        places: [
          {
            code: 'GM1783',
            name: 'Westland',
            province: 'Zuid-Holland',
            place: 'Naaldwijk',
            label: 'Westland (Naaldwijk)',
          },
        ],
      });
    });

    it('serves the offline page with the emergency number and national desks, and the service worker', async () => {
      const page = await get('/guide/offline');
      expect(page.body).toContain('href="tel:112"');
      expect(page.body).toContain('Meld Misdaad Anoniem');
      const sw = await t.app.inject({ method: 'GET', url: '/sw.js' });
      expect(sw.headers['content-type']).toContain('javascript');
      expect(sw.body).toContain('/guide/offline');
      expect(sw.body).toContain(t.app.assets.css.url);
    });
  });
});
