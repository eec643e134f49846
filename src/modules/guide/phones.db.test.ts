// Phone numbers for someone abroad, and what calling costs, on the result page, the offline page, the directory
// and in the advice API: every number that can be called from abroad also in its +31 form; 0800 and 0900 numbers
// say they cannot be, with another way in; 0900 is never "free".
import { beforeAll, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';

interface Contact {
  channel: string;
  value: string;
  international?: string | null;
  fromAbroad?: boolean;
  fee?: string;
}

describeDb('phone numbers abroad and their cost', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });

  it('gives every number in the advice API its cost, and its +31 form where it can be called from abroad', async () => {
    const seen = new Set<string>();
    for (const query of [
      'audience=self&form=sexual&need=police&municipality=GM0599&minor=no',
      'audience=self&form=labour&need=rights&municipality=GM1783&minor=no',
      'audience=worried&form=criminal&municipality=GM0014&minor=yes&need=anonymous-tip',
      'audience=self&form=other&need=talk&municipality=abroad',
    ]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/guide/advice?${query}&lang=en` });
      expect(res.statusCode, query).toBe(200);
      const contacts = (res.json() as { desks: { contacts: Contact[] }[] }).desks.flatMap((d) => d.contacts);
      for (const c of contacts.filter((c) => c.channel === 'phone' || c.channel === 'sms')) {
        seen.add(c.value);
        const digits = c.value.replace(/[^0-9+]/g, '');
        if (digits.startsWith('0900'))
          expect(c, c.value).toMatchObject({ fee: 'paid', fromAbroad: false, international: null });
        else if (digits.startsWith('0800'))
          expect(c, c.value).toMatchObject({ fee: 'free', fromAbroad: false, international: null });
        else if (digits.length > 4) {
          expect(c.fee, c.value).toBe('local');
          expect(c.international, c.value).toMatch(/^\+31 /);
        }
      }
    }
    expect([...seen].some((n) => n.startsWith('0900'))).toBe(true);
    expect([...seen].some((n) => n.startsWith('0800'))).toBe(true);
    expect([...seen].some((n) => /^0[1-7]/.test(n))).toBe(true);
  });

  it('says on the offline page which numbers cannot be called from abroad, and what to use instead', async () => {
    const res = await get('/en/guide/offline');
    expect(res.statusCode).toBe(200);
    const card = (name: string) => {
      const at = res.body.indexOf(name);
      expect(at, name).toBeGreaterThan(0);
      return res.body.slice(at, res.body.indexOf('</li></ul></li>', at));
    };
    // The Labour Inspectorate: 0800 5151 from the Netherlands, +31 70 333 44 44 from abroad.
    const inspectorate = card('Nederlandse Arbeidsinspectie');
    expect(inspectorate).toContain('Free call. Cannot be called from abroad. From abroad:');
    expect(inspectorate).toContain('href="tel:+31703334444"');
    // The police's 0900 number is never free.
    const police = card('Politie: mensenhandel melden');
    expect(police).toContain('Paid number: calling costs money. Cannot be called from abroad.');
    expect(police).not.toMatch(/Free call/);
    // CoMensha's ordinary number has its international form.
    const comensha = card('CoMensha Helpdesk');
    expect(comensha).toContain('Normal call costs (local rate). From abroad:');
    expect(comensha).toContain('href="tel:+31334481186"');
    expect(comensha).toContain('+31 33 448 11 86');
  });

  it('says the same on the result page, in Polish, and calls the desk-level fact "the help is free"', async () => {
    const res = await get(
      '/pl/guide/result?audience=self&form=labour&danger=no&municipality=GM1783&minor=no&need=rights',
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/Z zagranicy: <a class="utrecht-link" href="tel:\+31\d+" dir="ltr">\+31 /);
    expect(res.body).not.toMatch(/<li>Bezpłatnie<\/li>/);
    const police = await get(
      '/pl/guide/result?audience=self&form=sexual&danger=no&municipality=GM0599&minor=no&need=police',
    );
    expect(police.body).toContain('0900 8844');
    expect(police.body).toContain('Numer płatny: połączenie kosztuje. Nie można zadzwonić z zagranicy.');
  });

  it('shows the cost and the +31 form on the directory page of a desk', async () => {
    const list = await get('/en/directory?q=CoMensha');
    const id = /href="\/en\/directory\/services\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
    expect(id).toBeDefined();
    const page = await get(`/en/directory/services/${id}`);
    expect(page.body).toContain('Normal call costs (local rate). From abroad:');
    expect(page.body).toContain('+31 33 448 11 86');
  });
});
