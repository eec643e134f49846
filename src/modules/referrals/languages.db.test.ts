// The person's languages (issue 20, point 4): chosen on the signal form (the locales' languages and "other"),
// stored sealed, said in words on the owner's case page, corrected by rectification and listed in the person's
// export in their language; a forged language is refused with a 400 naming the field, in Dutch and English, and
// nothing is written.
import { beforeAll, expect, it } from 'vitest';
import { signIn, type Agent } from '../../../test/auth.js';
import { useTestApp } from '../../../test/app.js';
import { describeDb } from '../../../test/db-suite.js';
import { loadReferralDemo } from '../../cli/seed.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.js';

const account = (role: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.role === role)!;
  return { email: a.email, password: DEMO_PASSWORD, totpSecret: a.totp };
};
const version = (body: string) => /name="version" value="(\d+)"/.exec(body)?.[1] ?? '';

describeDb('the person’s languages', () => {
  const t = useTestApp({ mailTransport: null });
  let professional: Agent;
  let amsterdam: Agent;

  beforeAll(async () => {
    await t.services.directory.loadSampleDirectory();
    await loadReferralDemo(t.services);
    professional = await signIn(t, account('nrm_professional'));
    amsterdam = await signIn(t, account('nrm_coordinator'));
  });

  const signal = async (languages: string[], lang = '') => {
    const form = await professional.get(`${lang}/nvm/signal`);
    expect(form.body).toMatch(/name="languages"\s+value="ar"/);
    expect(form.body).toMatch(/name="languages"\s+value="other"/);
    return professional.post(`${lang}/nvm/signal`, {
      kind: 'signal',
      municipality: 'Amsterdam',
      urgency: 'normal',
      minor: 'no',
      consent: 'yes',
      forms: 'labour',
      summary: 'Fictief: talen',
      name: 'Fictieve Talenpersoon',
      languages,
      submission: /name="submission" value="([0-9a-f-]{36})"/.exec(form.body)![1]!,
    });
  };
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('nrm_case')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a forged language with a 400 naming the field, in Dutch and English, writing nothing', async () => {
    const before = await count();
    const dutch = await signal(['ar', 'klingon']);
    expect(dutch.statusCode).toBe(400);
    expect(dutch.body).toContain('Talen die de persoon spreekt');
    const english = await signal(['xx'], '/en');
    expect(english.statusCode).toBe(400);
    expect(english.body).toContain('Languages the person speaks');
    expect(await count()).toBe(before);
  });

  it('stores the languages sealed, shows them in words, corrects them and lists them in the export', async () => {
    const sent = await signal(['ar', 'fr', 'other']);
    expect(sent.statusCode).toBe(303);
    const id = /\/nvm\/signal\/sent\/([0-9a-f-]{36})/.exec(sent.headers.location!)![1]!;
    const row = await t.database.db
      .selectFrom('nrm_person')
      .select('languages_enc')
      .where('case_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.languages_enc).toMatch(/^f1:/);
    expect(row.languages_enc).not.toContain('ar,fr');
    const url = `/en/nvm/cases/${id}`;
    const page = await amsterdam.get(url);
    expect(page.body).toContain('French, Arabic, another language');
    // The rectification form has the languages ticked; a correction replaces them, a forged one is refused.
    expect(page.body).toMatch(/value="fr"\s+checked/);
    const forged = await amsterdam.post(`${url}/person`, {
      version: version(page.body),
      name: 'Fictieve Talenpersoon',
      dateOfBirth: '',
      contact: '',
      specialNotes: '',
      languages: ['pl', 'zz'],
    });
    expect(forged.statusCode).toBe(400);
    const fixed = await amsterdam.post(`${url}/person`, {
      version: version(page.body),
      name: 'Fictieve Talenpersoon',
      dateOfBirth: '',
      contact: '',
      specialNotes: '',
      languages: ['pl', 'uk'],
    });
    expect(fixed.statusCode).toBe(303);
    expect((await amsterdam.get(url)).body).toContain('Polish, Ukrainian');
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'nrm.person.rectify')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.detail)).toContain('languages');
    expect(JSON.stringify(audit.detail)).not.toContain('uk');
    // The export says them in the person's language.
    const ukrainian = await amsterdam.get(`/nvm/cases/${id}/export?lang=uk`);
    expect(ukrainian.statusCode).toBe(200);
    expect(ukrainian.body).toContain('Мови, якими ви розмовляєте');
    expect(ukrainian.body).toContain('українська');
    const french = await amsterdam.get(`/nvm/cases/${id}/export?lang=fr`);
    expect(french.body).toContain('polonais');
  });
});
