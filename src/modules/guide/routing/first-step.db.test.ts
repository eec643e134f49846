// Every result opens with what to do now and the one desk to contact first, reachable by phone or chat at this
// hour where one is; the advice API and the result page say the same, at night, at the weekend and in office
// hours (the test clock, never the wall clock). The home page lists the desks reachable now, 24/7 first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app.js';
import { describeDb } from '../../../../test/db-suite.js';

/** Amsterdam time is UTC+1 in these weeks. 2026-11-30 is a Monday. */
const HOURS = {
  'Monday 10:00': '2026-11-30T09:00:00Z',
  'Monday 03:00 (night)': '2026-11-30T02:00:00Z',
  'Saturday 23:30 (weekend night)': '2026-11-28T22:30:00Z',
  'Sunday 14:00 (weekend)': '2026-11-29T13:00:00Z',
} as const;

const PERSONAS: Record<string, string> = {
  'Polish seasonal worker, labour exploitation, Westland':
    'audience=self&form=labour&danger=no&municipality=GM1783&minor=no&need=talk',
  'labour victim who wants to report':
    'audience=self&form=labour&danger=no&municipality=GM0599&minor=no&need=police',
  'labour victim asking about rights, place not said':
    'audience=self&form=labour&municipality=unknown&minor=no&need=rights',
  'worried neighbour, sexual exploitation':
    'audience=worried&form=sexual&danger=no&municipality=GM0363&minor=no&need=police',
  'youth worker, minor drug runner':
    'audience=professional&form=criminal&danger=no&municipality=GM0363&minor=yes&need=advice',
  'teacher, forced marriage':
    'audience=professional&form=other&danger=no&municipality=GM0518&minor=yes&need=advice',
  'professional, adult victim, shelter':
    'audience=professional&form=sexual&municipality=GM0344&minor=no&need=shelter',
  'anonymous tip about labour exploitation': 'audience=anonymous&form=labour&municipality=GM0758',
  'young person, sexual exploitation, wants to talk':
    'audience=self&form=sexual&danger=no&municipality=GM0014&minor=yes&need=talk',
  'unaccompanied minor needing shelter':
    'audience=self&form=criminal&municipality=GM0599&minor=yes&situation=unaccompanied&need=shelter',
  'asylum seeker in reception asking about rights':
    'audience=self&form=sexual&municipality=GM0599&minor=no&situation=asylum&need=rights',
  'victim abroad': 'audience=self&form=sexual&municipality=abroad&minor=no&need=talk',
  'nothing answered': '',
  'in danger now': 'audience=self&form=sexual&danger=yes&municipality=GM0363',
};

interface ApiDesk {
  serviceId: string;
  name: string;
  rank: number;
  contacts: { channel: string; href?: string }[];
  reach: 'always' | 'open' | 'unknown' | 'closed';
}
interface ApiAdvice {
  emergency: unknown;
  firstStep: { serviceId: string; action: string; reach: string; contact: { channel: string } | null } | null;
  desks: ApiDesk[];
}

const LIVE = ['phone', 'whatsapp', 'chat', 'sms'];
const live = (d: ApiDesk) => d.contacts.some((c) => LIVE.includes(c.channel));

function unescape(text: string): string {
  return text
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The desk names on a result page, in the order shown. */
function pageDeskNames(body: string): string[] {
  return [...body.matchAll(/<h2 class="utrecht-heading-3" id="desk-\d+">(.*?)<\/h2>/g)].map((m) =>
    unescape(m[1]!),
  );
}

describeDb('what to do first', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
  });
  afterAll(() => {
    t.clock.set('2026-11-28T10:00:00Z');
  });

  for (const [hour, instant] of Object.entries(HOURS)) {
    describe(hour, () => {
      it.each(Object.entries(PERSONAS))(
        '%s: first desk reachable now, API and page agree',
        async (_name, query) => {
          t.clock.set(instant);
          const api = await get(`/api/v1/guide/advice?${query}${query ? '&' : ''}lang=nl`);
          expect(api.statusCode).toBe(200);
          const advice = api.json() as ApiAdvice;
          const [first, ...others] = advice.desks;
          expect(advice.firstStep?.serviceId).toBe(first!.serviceId);
          expect(advice.desks.map((d) => d.rank)).toEqual(advice.desks.map((_, i) => i + 1));
          if (advice.emergency) {
            expect(first!.name).toContain('112');
          } else {
            expect(first!.name).not.toContain('112');
            // Where any desk can be called or chatted with now, the first one can.
            if (advice.desks.some((d) => !d.name.includes('112') && live(d) && d.reach !== 'closed')) {
              expect(live(first!), first!.name).toBe(true);
              expect(first!.reach, first!.name).not.toBe('closed');
              expect(advice.firstStep?.contact).not.toBeNull();
            }
            // A desk that is surely open now is not left below one that is closed.
            expect(others.length).toBeGreaterThan(0);
          }
          expect(advice.firstStep?.reach).toBe(first!.reach);

          const page = await get(`/guide/result${query ? `?${query}` : ''}`);
          expect(page.statusCode).toBe(200);
          expect(pageDeskNames(page.body)).toEqual(advice.desks.map((d) => d.name));
          const section = page.body.slice(page.body.indexOf('class="samen-first-step"'));
          expect(section).toContain(advice.firstStep!.action);
          expect(pageDeskNames(section.slice(0, section.indexOf('</section>')))).toEqual([first!.name]);
        },
      );
    });
  }

  it('never puts FairWork (website only) first for a labour victim, at any hour, and keeps it in the list after the first desk', async () => {
    for (const instant of Object.values(HOURS)) {
      t.clock.set(instant);
      const advice = (
        await get(`/api/v1/guide/advice?${PERSONAS['Polish seasonal worker, labour exploitation, Westland']}`)
      ).json() as ApiAdvice;
      const names = advice.desks.map((d) => d.name);
      const fairWork = names.findIndex((n) => n.startsWith('FairWork'));
      expect(fairWork).toBeGreaterThan(0);
      expect(live(advice.desks[0]!)).toBe(true);
    }
  });

  it("does not send a professional to CoMensha's office line first at night or at the weekend, but may in office hours", async () => {
    const query = 'audience=professional&form=sexual&municipality=GM0344&minor=no&need=advice';
    t.clock.set(HOURS['Monday 03:00 (night)']);
    const night = (await get(`/api/v1/guide/advice?${query}`)).json() as ApiAdvice;
    expect(night.desks[0]!.name).not.toContain('CoMensha');
    expect(night.desks.find((d) => d.name.includes('CoMensha Helpdesk'))?.reach).toBe('closed');
    t.clock.set(HOURS['Sunday 14:00 (weekend)']);
    const weekend = (await get(`/api/v1/guide/advice?${query}`)).json() as ApiAdvice;
    expect(weekend.desks[0]!.name).not.toContain('CoMensha');
    t.clock.set(HOURS['Monday 10:00']);
    const office = (await get(`/api/v1/guide/advice?${query}`)).json() as ApiAdvice;
    expect(office.desks.find((d) => d.name.includes('CoMensha Helpdesk'))?.reach).toBe('unknown');
  });

  it('gives a minor case at night the 24/7 Veilig Thuis line first', async () => {
    t.clock.set(HOURS['Saturday 23:30 (weekend night)']);
    const advice = (
      await get(`/api/v1/guide/advice?${PERSONAS['youth worker, minor drug runner']}`)
    ).json() as ApiAdvice;
    expect(advice.desks[0]!.name).toContain('Veilig Thuis');
    expect(advice.firstStep).toMatchObject({ reach: 'always', contact: { channel: 'phone' } });
  });

  it("says what to do now in the reader's language", async () => {
    t.clock.set(HOURS['Monday 10:00']);
    const pl = await get(`/pl/guide/result?${PERSONAS['labour victim who wants to report']}`);
    expect(pl.body).toContain('Co zrobić teraz');
    expect(pl.body).toContain('Inne punkty, które mogą pomóc');
    const en = (
      await get(`/api/v1/guide/advice?${PERSONAS['worried neighbour, sexual exploitation']}&lang=en`)
    ).json() as ApiAdvice;
    expect(en.firstStep!.action).toBe(
      'Contact this desk first and say what you saw or heard. You do not have to be sure.',
    );
  });

  it('lists on the home page the desks reachable now, 24/7 ones first, and nothing closed', async () => {
    t.clock.set(HOURS['Monday 03:00 (night)']);
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    const section = res.body.slice(res.body.indexOf('id="open-now-title"'));
    const list = section.slice(0, section.indexOf('</section>'));
    expect(list).toContain('href="tel:112"');
    expect(list).toContain('href="tel:08002000"');
    expect(list).not.toContain('CoMensha');
    expect(list).toContain('dag en nacht');
    const en = await get('/en/');
    expect(en.body).toContain('Reachable right now');
  });
});
